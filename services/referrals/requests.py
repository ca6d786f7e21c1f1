"""ReferralsService requests as validated domain values, one function per RPC.

Every bad field of a request is collected and raised as one `InvalidField`, before
anything is read or written, so a caller learns all its mistakes from one reply. Case ids,
keys, ids, states and ZIPs are held to the shared rules in `common.validate`; only the
limits that are the referrals service's own (notes, county names, matches per need) are
set here. States are read in any case and spaces around a state, county or ZIP are
ignored, so "or", " OR " and "OR" all name Oregon.
"""

from __future__ import annotations

from casework.v1 import referrals_pb2

from common.validate import Violations, require_case_id
from common.vocabulary import NEEDS
from services.referrals.convert import STATUSES
from services.referrals.domain import (
    OUTCOMES,
    Location,
    MatchQuery,
    Outcome,
    ReferralRequest,
    ResourceFilter,
)

MAX_NOTE_LENGTH = 1000
"""A referral's note and an outcome's note; the columns hold 1000."""

MAX_COUNTY_LENGTH = 64
"""The directory's county column holds 64 characters, so a longer name cannot match."""

DEFAULT_LIMIT_PER_NEED = 3
"""Matches per need when a request leaves `limit_per_need` at 0."""

MAX_LIMIT_PER_NEED = 50


def list_resources(request: referrals_pb2.ListResourcesRequest) -> ResourceFilter:
    """What a ListResources request narrows the directory to; an unset need or an empty
    state narrows nothing.

    Raises:
        InvalidField: for a need number this build does not know, or a bad state code.
    """
    bad = Violations()
    need = bad.choice(request.need, NEEDS.by_number, "need") if request.need else None
    state = _state(request.state, "state", bad) if request.state.strip() else ""
    bad.raise_if_any()
    return ResourceFilter(needs=() if need is None else (need,), state=state)


def match_resources(request: referrals_pb2.MatchResourcesRequest) -> MatchQuery:
    """The needs, location and limit a MatchResources request ranks by; each need once.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    bad.require(bool(request.needs), "needs", "must name at least one need")
    needs = [bad.choice(need, NEEDS.by_number, f"needs[{index}]")
             for index, need in enumerate(request.needs)]
    where = _location(request.location, "location", bad)
    bad.require(0 <= request.limit_per_need <= MAX_LIMIT_PER_NEED, "limit_per_need",
                f"must be between 0 (the default, {DEFAULT_LIMIT_PER_NEED}) and "
                f"{MAX_LIMIT_PER_NEED}")
    bad.raise_if_any()
    wanted = tuple(dict.fromkeys(need for need in needs if need is not None))
    return MatchQuery(wanted, where, request.limit_per_need or DEFAULT_LIMIT_PER_NEED)


def create_referral(request: referrals_pb2.CreateReferralRequest) -> ReferralRequest:
    """The referral a CreateReferral request asks for.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    key = bad.key(request.idempotency_key, "idempotency_key")
    case_id = bad.case_id(request.case_id)
    resource_id = bad.identifier(request.resource_id, "resource_id")
    need = bad.choice(request.need, NEEDS.by_number, "need")
    note = _note(request.note, "note", bad)
    bad.raise_if_any()
    # `choice` returns None only after recording a violation, so it is set here.
    assert need is not None
    return ReferralRequest(key, case_id, resource_id, need, note)


def record_referral_outcome(request: referrals_pb2.RecordReferralOutcomeRequest) -> Outcome:
    """The outcome a RecordReferralOutcome request reports: one that closes the referral,
    never OPEN.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    referral_id = bad.identifier(request.referral_id, "referral_id")
    status = bad.choice(request.status, STATUSES.by_number, "status")
    if status is not None:
        bad.require(status in OUTCOMES, "status",
                    "must be CONNECTED, NOT_CONNECTED or UNABLE_TO_SERVE")
    note = _note(request.note, "note", bad)
    bad.raise_if_any()
    assert status is not None
    return Outcome(referral_id, status, note)


def list_referrals(request: referrals_pb2.ListReferralsRequest) -> str:
    """The case id whose referrals are asked for.

    Raises:
        InvalidField: when it is blank or not a case id.
    """
    return require_case_id(request.case_id)


def _location(location: referrals_pb2.Location, field: str, bad: Violations) -> Location:
    """A household's location: a state is required; county and ZIP, when given, sharpen
    the ranking. A ZIP+4 is kept as its five-digit ZIP, as the directory stores it."""
    state = _state(location.state, f"{field}.state", bad)
    county = location.county.strip()
    bad.require(len(county) <= MAX_COUNTY_LENGTH, f"{field}.county",
                f"must be at most {MAX_COUNTY_LENGTH} characters")
    zip = location.zip.strip()
    return Location(state, county, bad.zip(zip, f"{field}.zip") if zip else "")


def _state(value: str, field: str, bad: Violations) -> str:
    """A USPS state code as the directory stores it: upper case, no surrounding spaces."""
    return bad.state(value.strip().upper(), field)


def _note(value: str, field: str, bad: Violations) -> str:
    """An optional note, bounded so a row stays small."""
    note = value.strip()
    bad.require(len(note) <= MAX_NOTE_LENGTH, field,
                f"must be at most {MAX_NOTE_LENGTH} characters")
    return note
