"""Referrals domain values to ReferralsService messages, and the enum tables both
directions use (`requests.py` reads them proto to domain)."""

from __future__ import annotations

from casework.v1 import referrals_pb2

from common.clock import to_timestamp
from common.enums import enum_table
from common.vocabulary import NEEDS
from services.referrals.domain import Match, Referral, ReferralStatus, Resource

STATUSES = enum_table(referrals_pb2.ReferralStatus, ReferralStatus)


def resource_pb(resource: Resource) -> referrals_pb2.Resource:
    """A directory entry; a statewide one has an empty county and ZIP."""
    where = resource.location
    return referrals_pb2.Resource(
        resource_id=resource.resource_id,
        name=resource.name,
        needs=[NEEDS.number(need) for need in resource.needs],
        location=referrals_pb2.Location(state=where.state, county=where.county, zip=where.zip),
        address=resource.address,
        city=resource.city,
        phone=resource.phone,
        hours=resource.hours,
        eligibility_notes=resource.eligibility_notes,
    )


def match_pb(match: Match) -> referrals_pb2.ResourceMatch:
    """A ranked resource for one need, with why it ranked there ("same county")."""
    return referrals_pb2.ResourceMatch(
        resource=resource_pb(match.resource), need=NEEDS.number(match.need), reason=match.reason
    )


def referral_pb(referral: Referral) -> referrals_pb2.Referral:
    """A referral as every RPC returns it; `outcome_at` is unset while it is open."""
    asked = referral.request
    message = referrals_pb2.Referral(
        referral_id=referral.referral_id,
        idempotency_key=asked.idempotency_key,
        case_id=asked.case_id,
        resource_id=asked.resource_id,
        need=NEEDS.number(asked.need),
        status=STATUSES.number(referral.status),
        note=asked.note,
        created_at=to_timestamp(referral.created_at),
        outcome_note=referral.outcome_note,
    )
    if referral.outcome_at is not None:
        message.outcome_at.CopyFrom(to_timestamp(referral.outcome_at))
    return message
