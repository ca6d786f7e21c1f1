"""The resource directory and referrals as plain data, and their rules: how resources
rank for a household's needs and location, what a referral must be made to, and how its
outcome is recorded.

Which requests are well formed is `requests.py`'s business; here are only the values a
valid request becomes. No protobuf, gRPC or SQL, so the rules are tested without a server.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from common.errors import Conflict, NotFound
from common.vocabulary import Need


class ReferralStatus(StrEnum):
    OPEN = "open"
    CONNECTED = "connected"
    NOT_CONNECTED = "not_connected"
    UNABLE_TO_SERVE = "unable_to_serve"


OUTCOMES = frozenset(ReferralStatus) - {ReferralStatus.OPEN}
"""What can be recorded of an open referral; each one closes it."""


class Closeness(StrEnum):
    """Why a resource ranked where it did, nearest first (the order is the ranking)."""

    SAME_ZIP = "same ZIP"
    SAME_COUNTY = "same county"
    SAME_STATE = "same state"


@dataclass(frozen=True)
class Location:
    """Where a household lives or a resource serves; county and ZIP sharpen the ranking."""

    state: str
    """USPS code, upper case."""
    county: str = ""
    """Without the word "County"; empty for a statewide resource or an unknown county."""
    zip: str = ""
    """Five digits; empty for a statewide resource or an unknown ZIP."""


@dataclass(frozen=True)
class Resource:
    resource_id: str
    name: str
    needs: tuple[Need, ...]
    location: Location
    address: str
    city: str
    phone: str
    hours: str
    eligibility_notes: str


@dataclass(frozen=True)
class Match:
    resource: Resource
    need: Need
    reason: Closeness


@dataclass(frozen=True)
class ResourceFilter:
    """What a directory listing narrows to; empty narrows nothing."""

    needs: tuple[Need, ...] = ()
    """Resources serving any of these."""
    state: str = ""
    """USPS code, upper case."""


@dataclass(frozen=True)
class MatchQuery:
    """The household's needs and where it lives, to rank the directory against."""

    needs: tuple[Need, ...]
    """Each need once, in the order asked."""
    location: Location
    limit_per_need: int


@dataclass(frozen=True)
class ReferralRequest:
    """What a caller asks to refer; a replayed idempotency key must repeat all of it."""

    idempotency_key: str
    case_id: str
    resource_id: str
    need: Need
    note: str


@dataclass(frozen=True)
class Outcome:
    """What came of a referral, as a caller reports it; `status` is one of `OUTCOMES`."""

    referral_id: str
    status: ReferralStatus
    note: str


@dataclass(frozen=True)
class Referral:
    referral_id: str
    request: ReferralRequest
    status: ReferralStatus
    created_at: datetime
    outcome_at: datetime | None = None
    outcome_note: str = ""


def county_key(county: str) -> str:
    """A county as compared: "Cook County", "cook" and " COOK " are the same county."""
    return county.strip().casefold().removesuffix(" county").strip()


def closeness(resource: Location, household: Location) -> Closeness | None:
    """How near a resource is to a household, or None when it is in another state.

    An empty ZIP or county never matches, so a statewide resource ranks as same state.
    """
    if resource.state != household.state:
        return None
    if resource.zip and resource.zip == household.zip:
        return Closeness.SAME_ZIP
    if resource.county and county_key(resource.county) == county_key(household.county):
        return Closeness.SAME_COUNTY
    return Closeness.SAME_STATE


def rank(resources: Iterable[Resource], query: MatchQuery) -> list[Match]:
    """The nearest resources for each need, needs in the order asked.

    Within a need: same ZIP, then same county, then same state, and by name within each,
    so equal requests always get the same answer. Within the state, services covering the
    whole state (211, hotlines) come before another county's local providers, which the
    household may be unable to reach. Resources in other states are left out: a household
    cannot use a food pantry or a transit pass two thousand miles away.
    """
    order = list(Closeness)
    near = [(resource, how) for resource in resources
            if (how := closeness(resource.location, query.location)) is not None]

    def nearest_first(pair: tuple[Resource, Closeness]) -> tuple[int, bool, str, str]:
        resource, how = pair
        return order.index(how), bool(resource.location.county), resource.name, (
            resource.resource_id)

    matches: list[Match] = []
    for need in query.needs:
        serving = sorted(
            ((resource, how) for resource, how in near if need in resource.needs),
            key=nearest_first,
        )
        matches.extend(Match(resource, need, how)
                       for resource, how in serving[: query.limit_per_need])
    return matches


def ensure_serves(resource: Resource | None, need: Need) -> Resource:
    """The resource a referral is made to, which must exist and serve the need.

    Raises:
        NotFound: no resource has the id.
        Conflict: the resource does not serve the need.
    """
    if resource is None:
        raise NotFound("no resource in the directory has that resource_id")
    if need not in resource.needs:
        raise Conflict(f"the resource does not serve the need {need.name}")
    return resource


def ensure_same_request(first: Referral, requested: ReferralRequest) -> None:
    """A replayed key must ask for exactly what its first use did: a key reused for a
    different referral is a caller's bug, and returning the first one silently would hide it.

    Raises:
        Conflict: naming the fields that differ (not their values).
    """
    differing = [f.name for f in fields(ReferralRequest)
                 if getattr(first.request, f.name) != getattr(requested, f.name)]
    if differing:
        raise Conflict(
            "idempotency_key was already used for a referral with different terms "
            f"({', '.join(differing)}); use a new key for a different referral"
        )


def ensure_outcome(referral: Referral | None, status: ReferralStatus) -> Referral:
    """The referral after recording `status`: recording the same outcome again is a
    no-op, but a referral's outcome, once known, is not rewritten.

    Raises:
        NotFound: no referral has the id.
        Conflict: the referral already has a different outcome.
    """
    if referral is None:
        raise NotFound("no referral has that referral_id")
    if referral.status is not status:
        raise Conflict(f"the referral's outcome is already {referral.status.name}")
    return referral
