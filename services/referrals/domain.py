"""The resource directory and referrals as plain data: which requests are valid, how
resources rank for a household's needs and location, and how a referral's outcome is
recorded. No gRPC, no SQL: tested without a server."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from common.errors import Conflict, NotFound
from common.validate import MAX_ID_LENGTH, MAX_KEY_LENGTH, USPS_STATES, Violations

MAX_COUNTY_LENGTH = 64
MAX_NOTE_LENGTH = 1000
DEFAULT_LIMIT_PER_NEED = 3
MAX_LIMIT_PER_NEED = 50

_ZIP = re.compile(r"[0-9]{5}(-[0-9]{4})?")  # [0-9]: \d would accept other scripts
_ENUM_PROBLEM = "must be set to a known value"


class Need(StrEnum):
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    HEALTH = "health"
    HOUSING = "housing"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    FAMILY_VIOLENCE = "family_violence"
    SUBSTANCE_USE = "substance_use"
    FOOD = "food"


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
class MatchQuery:
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


def location(*, state: str, county: str, zip: str, field: str, bad: Violations) -> Location:
    """A validated location; a state is required, county and ZIP sharpen the ranking."""
    code = state.strip().upper()
    if bad.require(bool(code), f"{field}.state", "is required"):
        bad.require(code in USPS_STATES, f"{field}.state", "must be a two-letter USPS code")
    county = county.strip()
    bad.require(len(county) <= MAX_COUNTY_LENGTH, f"{field}.county",
                f"must be at most {MAX_COUNTY_LENGTH} characters")
    zip = zip.strip()
    bad.require(not zip or bool(_ZIP.fullmatch(zip)), f"{field}.zip",
                "must be a ZIP code as 12345 or 12345-6789")
    return Location(code, county, zip[:5])


def match_query(
    *, needs: Sequence[Need | None], state: str, county: str, zip: str, limit_per_need: int
) -> MatchQuery:
    """A validated MatchResources request; `limit_per_need` 0 means the default of 3.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    bad.require(bool(needs), "needs", "must name at least one need")
    for index, need in enumerate(needs):
        bad.require(need is not None, f"needs[{index}]", _ENUM_PROBLEM)
    where = location(state=state, county=county, zip=zip, field="location", bad=bad)
    bad.require(0 <= limit_per_need <= MAX_LIMIT_PER_NEED, "limit_per_need",
                f"must be between 0 (the default, {DEFAULT_LIMIT_PER_NEED}) and "
                f"{MAX_LIMIT_PER_NEED}")
    bad.raise_if_any()
    wanted = tuple(dict.fromkeys(need for need in needs if need is not None))
    return MatchQuery(wanted, where, limit_per_need or DEFAULT_LIMIT_PER_NEED)


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


def resource_filter(
    *, need: Need | None, need_given: bool, state: str
) -> tuple[Need | None, str]:
    """The need and state a ListResources request narrows to (None and "" mean any).

    Raises:
        InvalidField: for a need number this build does not know, or a bad state code.
    """
    bad = Violations()
    bad.require(need is not None or not need_given, "need", _ENUM_PROBLEM)
    code = state.strip().upper()
    bad.require(not code or code in USPS_STATES, "state", "must be a two-letter USPS code")
    bad.raise_if_any()
    return need, code


def referral_request(
    *, idempotency_key: str, case_id: str, resource_id: str, need: Need | None, note: str
) -> ReferralRequest:
    """A validated CreateReferral request.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    key = bad.text(idempotency_key, "idempotency_key", max_length=MAX_KEY_LENGTH)
    case = bad.text(case_id, "case_id", max_length=MAX_ID_LENGTH)
    resource = bad.text(resource_id, "resource_id", max_length=MAX_ID_LENGTH)
    bad.require(need is not None, "need", _ENUM_PROBLEM)
    note = _optional_note(note, "note", bad)
    bad.raise_if_any()
    assert need is not None
    return ReferralRequest(key, case, resource, need, note)


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
    """A replayed key must ask for exactly what its first use did.

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


def outcome_request(
    *, referral_id: str, status: ReferralStatus | None, note: str
) -> tuple[str, ReferralStatus, str]:
    """A validated RecordReferralOutcome request: an outcome, never OPEN.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    found_id = bad.text(referral_id, "referral_id", max_length=MAX_ID_LENGTH)
    bad.require(status in OUTCOMES, "status",
                "must be CONNECTED, NOT_CONNECTED or UNABLE_TO_SERVE")
    note = _optional_note(note, "note", bad)
    bad.raise_if_any()
    assert status is not None
    return found_id, status, note


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


def _optional_note(note: str, field: str, bad: Violations) -> str:
    note = note.strip()
    bad.require(len(note) <= MAX_NOTE_LENGTH, field,
                f"must be at most {MAX_NOTE_LENGTH} characters")
    return note
