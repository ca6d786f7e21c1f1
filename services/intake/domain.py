"""The intake rules as plain data and functions: what a valid application and a valid
caseworker step look like, and the few calculations intake owns (ages, interview date,
which caseworker is next).

Each `parse_*` function reads one request, collects every bad field (named the way the
request spells it, e.g. `application.people[1].birth_date`, never with its value), and
either raises one `InvalidField` or returns plain dataclasses. Nothing here touches the
database or Temporal, so a bad request is refused before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from casework.v1 import common_pb2, intake_pb2

from common.validate import USPS_STATES, Violations
from services.intake.enums import (
    CLOSURE_REASONS,
    INCOME_KINDS,
    NEEDS,
    NOTICE_KINDS,
    PHASES,
    PROGRAMS,
    RELATIONSHIPS,
    UTILITIES,
    VERIFICATION_KINDS,
    Relationship,
)
from workflows.inputs import (
    AssessmentInput,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    EmploymentInput,
    Expenses,
    Income,
    InterviewInput,
    Phase,
    PlanActivity,
    PlanApprovalInput,
    Program,
    VerificationInput,
    VerificationKind,
)

CASE_ID = re.compile(r"[0-9a-f]{32}")
"""Case ids are uuid4 hex: opaque, so neither a workflow id nor a log line carries PII."""

ID_MAX = 64
"""Member, caseworker and supervisor ids are short opaque codes."""

KEY_MAX = 200
"""Idempotency keys are chosen by the workflow: `<case id>:<step>-<update id>:<what>`."""

ZIP = re.compile(r"\d{5}")

OLDEST_AGE_YEARS = 130
"""A birth date further back than this is a typing error, not a person."""


@dataclass(frozen=True)
class Member:
    """A household member as the workflow and the rules may see them: no name, no
    birth date."""

    id: str
    relationship: Relationship
    disabled: bool = False
    student: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class Identity:
    """What identifies a member: PII, kept encrypted at rest and never sent onwards."""

    member_id: str
    given_name: str
    family_name: str
    birth_date: date


@dataclass
class Household:
    """The household facts stored in clear (no names): what the rules need besides ages."""

    members: list[Member]
    incomes: list[Income]
    expenses: Expenses
    liquid_assets_cents: int = 0
    destitute_migrant_farmworker: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Household:
        return cls(
            members=[Member(**{**m, "relationship": Relationship(m["relationship"])})
                     for m in data["members"]],
            incomes=[Income(**i) for i in data["incomes"]],
            expenses=Expenses(**data["expenses"]),
            liquid_assets_cents=data["liquid_assets_cents"],
            destitute_migrant_farmworker=data["destitute_migrant_farmworker"],
        )


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    city: str
    county: str
    zip: str

    def street(self) -> str:
        """The lines that locate the household (PII, stored encrypted); county and ZIP
        stay in clear because referrals are matched on them."""
        return json.dumps({"line1": self.line1, "line2": self.line2, "city": self.city})


@dataclass
class Application:
    submission_id: str
    programs: list[Program]
    state: str
    address: Address
    filing_date: date
    household: Household
    identities: list[Identity]


@dataclass(frozen=True)
class Step:
    """A caseworker step: the Update to send to the case's workflow and its input."""

    case_id: str
    update: str
    input: Any


@dataclass
class HouseholdChange:
    idempotency_key: str
    incomes: list[Income]
    expenses: Expenses | None
    """None keeps the household's current expenses."""


@dataclass(frozen=True)
class NoticeRequest:
    idempotency_key: str
    kind: str
    text: str


@dataclass(frozen=True)
class EventRequest:
    idempotency_key: str
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)


# --- requests -------------------------------------------------------------------------


def parse_case_id(value: str, found: Violations, name: str = "case_id") -> str:
    found.require(bool(CASE_ID.fullmatch(value)), name,
                  "must be a case id (32 lower-case hex digits)" if value else "is required")
    return value


def require_case_id(value: str) -> str:
    """The case id of a request that carries nothing else worth checking."""
    found = Violations()
    parse_case_id(value, found)
    found.raise_if_any()
    return value


def _id(value: str, found: Violations, name: str) -> str:
    return found.text(value, name, max_length=ID_MAX)


def _incomes(
    incomes: Sequence[common_pb2.Income], prefix: str, member_ids: Collection[str],
    found: Violations,
) -> list[Income]:
    parsed = []
    for number, income in enumerate(incomes):
        at = f"{prefix}[{number}]"
        if income.member_id:
            found.require(income.member_id in member_ids, f"{at}.member_id",
                          "is not a member of the household")
        else:
            found.add(f"{at}.member_id", "is required")
        kind = found.choice(income.kind, INCOME_KINDS.by_number, f"{at}.kind")
        cents = found.cents(income.monthly_cents, f"{at}.monthly_cents")
        if kind is not None:
            parsed.append(Income(income.member_id, kind, cents))
    return parsed


def _expenses(expenses: common_pb2.Expenses, prefix: str, found: Violations) -> Expenses:
    cents = {
        name: found.cents(getattr(expenses, name), f"{prefix}.{name}")
        for name in ("rent_cents", "property_tax_cents", "homeowners_insurance_cents",
                     "dependent_care_cents", "child_support_paid_cents",
                     "medical_out_of_pocket_cents")
    }
    utilities = found.choice(expenses.utilities, UTILITIES.by_number, f"{prefix}.utilities")
    return Expenses(utilities=utilities or "none", homeless=expenses.homeless, **cents)


def _people(
    people: Sequence[intake_pb2.Person], today: date, found: Violations
) -> tuple[list[Member], list[Identity]]:
    members: list[Member] = []
    identities: list[Identity] = []
    if not found.require(bool(people), "application.people", "must list at least one person"):
        return members, identities
    seen: set[str] = set()
    oldest = date(today.year - OLDEST_AGE_YEARS, 1, 1)
    for number, person in enumerate(people):
        at = f"application.people[{number}]"
        member_id = _id(person.id, found, f"{at}.id")
        if member_id:
            found.require(member_id not in seen, f"{at}.id", "is used by an earlier person")
            seen.add(member_id)
        given = found.text(person.given_name, f"{at}.given_name")
        family = found.text(person.family_name, f"{at}.family_name")
        born = found.date(person.birth_date, f"{at}.birth_date", not_after=today,
                          not_before=oldest)
        relationship = found.choice(person.relationship, RELATIONSHIPS.by_number,
                                    f"{at}.relationship")
        if born is not None and relationship is not None:
            members.append(Member(member_id, relationship, person.disabled, person.student,
                                  person.pregnant))
            identities.append(Identity(member_id, given, family, born))
    heads = sum(p.relationship == common_pb2.RELATIONSHIP_HEAD for p in people)
    found.require(heads == 1, "application.people",
                  f"must name exactly one RELATIONSHIP_HEAD (found {heads})")
    return members, identities


def parse_application(request: intake_pb2.SubmitApplicationRequest, *, today: date) -> Application:
    """A whole application checked at once; `today` is in the agency's time zone."""
    found = Violations()
    submission_id = found.text(request.submission_id, "submission_id", max_length=128)
    app = request.application
    programs: list[Program] = []
    if found.require(bool(app.programs), "application.programs",
                     "must list at least one program"):
        for number, value in enumerate(app.programs):
            program = found.choice(value, PROGRAMS.by_number, f"application.programs[{number}]")
            if program is not None and found.require(
                program not in programs, f"application.programs[{number}]", "is listed twice"
            ):
                programs.append(program)
    found.require(app.state in USPS_STATES, "application.state",
                  "must be the two-letter USPS code of a state or DC")
    found.require(bool(ZIP.fullmatch(app.address.zip)), "application.address.zip",
                  "must be 5 digits")
    filing_date = found.date(app.filing_date, "application.filing_date", not_after=today)
    members, identities = _people(app.people, today, found)
    incomes = _incomes(app.incomes, "application.incomes", {p.id for p in app.people}, found)
    expenses = _expenses(app.expenses, "application.expenses", found)
    liquid = found.cents(app.assets.liquid_cents, "application.assets.liquid_cents")
    found.raise_if_any()
    assert filing_date is not None  # raise_if_any has refused a bad one
    address = Address(app.address.line1.strip(), app.address.line2.strip(),
                      app.address.city.strip(), app.address.county.strip(), app.address.zip)
    return Application(
        submission_id=submission_id,
        programs=programs,
        state=app.state,
        address=address,
        filing_date=filing_date,
        household=Household(members, incomes, expenses, liquid,
                            app.destitute_migrant_farmworker),
        identities=identities,
    )


def parse_interview(request: intake_pb2.RecordInterviewRequest, *, today: date) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    caseworker = _id(request.caseworker_id, found, "caseworker_id")
    held = found.date(request.interview_date, "interview_date", not_after=today)
    found.raise_if_any()
    assert held is not None
    return Step(case_id, "record_interview", InterviewInput(caseworker, held.isoformat()))


def parse_verification(request: intake_pb2.SubmitVerificationRequest, *, today: date) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    kind = found.choice(request.kind, VERIFICATION_KINDS.by_number, "kind")
    source = found.text(request.source, "source")
    received = found.date(request.received_date, "received_date", not_after=today)
    verifier = _id(request.verifier_id, found, "verifier_id")
    found.raise_if_any()
    assert kind is not None and received is not None
    return Step(case_id, "submit_verification",
                VerificationInput(kind, source, received.isoformat(), verifier))


def parse_assessment(request: intake_pb2.RecordAssessmentRequest, *, today: date) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    caseworker = _id(request.caseworker_id, found, "caseworker_id")
    strengths = [found.text(s, f"strengths[{n}]") for n, s in enumerate(request.strengths)]
    goals = [found.text(g, f"goals[{n}]") for n, g in enumerate(request.goals)]
    needs = [found.choice(need, NEEDS.by_number, f"needs[{n}]")
             for n, need in enumerate(request.needs)]
    activities = []
    for number, planned in enumerate(request.activities):
        at = f"activities[{number}]"
        description = found.text(planned.description, f"{at}.description")
        need = found.choice(planned.need, NEEDS.by_number, f"{at}.need")
        target = found.date(planned.target_date, f"{at}.target_date", not_before=today)
        if need is not None and target is not None:
            activities.append(PlanActivity(description, need, target.isoformat()))
    found.raise_if_any()
    return Step(case_id, "record_assessment", AssessmentInput(
        caseworker, strengths, [n for n in needs if n is not None], goals, activities))


def parse_plan_approval(request: intake_pb2.ApprovePlanRequest) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    supervisor = _id(request.supervisor_id, found, "supervisor_id")
    found.raise_if_any()
    return Step(case_id, "approve_plan", PlanApprovalInput(supervisor))


def parse_change_report(
    request: intake_pb2.ReportChangeRequest, *, today: date, member_ids: Collection[str]
) -> Step:
    """`member_ids` are the case's household members, which the incomes must belong to."""
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    reported = found.date(request.reported_date, "reported_date", not_after=today)
    incomes = _incomes(request.incomes, "incomes", member_ids, found)
    expenses = (_expenses(request.expenses, "expenses", found)
                if request.HasField("expenses") else None)
    found.raise_if_any()
    assert reported is not None
    return Step(case_id, "report_change", ChangeReport(reported.isoformat(), incomes, expenses))


def parse_employment(
    request: intake_pb2.RecordEmploymentRequest, *, member_ids: Collection[str]
) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    member = _id(request.member_id, found, "member_id")
    if member:
        found.require(member in member_ids, "member_id", "is not a member of the household")
    started = found.date(request.start_date, "start_date")
    wages = found.cents(request.monthly_wages_cents, "monthly_wages_cents")
    found.require(0 <= request.hours_per_week <= 168, "hours_per_week", "must be 0 to 168")
    found.raise_if_any()
    assert started is not None
    return Step(case_id, "record_employment",
                EmploymentInput(member, started.isoformat(), wages, request.hours_per_week))


def parse_closure(request: intake_pb2.CloseCaseRequest) -> Step:
    found = Violations()
    case_id = parse_case_id(request.case_id, found)
    reason = found.choice(request.reason, CLOSURE_REASONS.by_number, "reason")
    caseworker = _id(request.caseworker_id, found, "caseworker_id")
    found.raise_if_any()
    assert reason is not None
    return Step(case_id, "close_case", ClosureInput(reason, caseworker))


# --- record keeping (requests from the workflow's activities) ---------------------------


def parse_as_of(request: intake_pb2.GetHouseholdRequest, *, today: date) -> date:
    """The day ages are computed on; unset means today (a change report's re-read)."""
    found = Violations()
    parse_case_id(request.case_id, found)
    as_of = found.date(request.as_of_date, "as_of_date") if request.as_of_date else today
    found.raise_if_any()
    assert as_of is not None
    return as_of


def parse_verification_request(
    request: intake_pb2.RequestVerificationsRequest,
) -> tuple[list[VerificationKind], date]:
    found = Violations()
    parse_case_id(request.case_id, found)
    found.require(bool(request.kinds), "kinds", "must list at least one kind")
    kinds = [found.choice(k, VERIFICATION_KINDS.by_number, f"kinds[{n}]")
             for n, k in enumerate(request.kinds)]
    due = found.date(request.due_date, "due_date")
    found.raise_if_any()
    assert due is not None
    return list(dict.fromkeys(k for k in kinds if k is not None)), due


@dataclass(frozen=True)
class ReceivedItem:
    kind: VerificationKind
    source: str
    received_date: date
    verifier_id: str


def parse_verification_record(request: intake_pb2.RecordVerificationRequest) -> ReceivedItem:
    found = Violations()
    parse_case_id(request.case_id, found)
    item = request.item
    kind = found.choice(item.kind, VERIFICATION_KINDS.by_number, "item.kind")
    found.require(item.received, "item.received", "must be true: only received items are recorded")
    source = found.text(item.source, "item.source")
    received = found.date(item.received_date, "item.received_date")
    verifier = _id(item.verifier_id, found, "item.verifier_id")
    found.raise_if_any()
    assert kind is not None and received is not None
    return ReceivedItem(kind, source, received, verifier)


def parse_household_change(
    request: intake_pb2.ApplyHouseholdChangeRequest, *, member_ids: Collection[str]
) -> HouseholdChange:
    found = Violations()
    parse_case_id(request.case_id, found)
    key = found.text(request.idempotency_key, "idempotency_key", max_length=KEY_MAX)
    incomes = _incomes(request.incomes, "incomes", member_ids, found)
    expenses = (_expenses(request.expenses, "expenses", found)
                if request.HasField("expenses") else None)
    found.raise_if_any()
    return HouseholdChange(key, incomes, expenses)


def parse_event(request: intake_pb2.RecordCaseEventRequest) -> EventRequest:
    found = Violations()
    parse_case_id(request.case_id, found)
    key = found.text(request.idempotency_key, "idempotency_key", max_length=KEY_MAX)
    kind = found.text(request.event.kind, "event.kind", max_length=ID_MAX)
    detail: Any = {}
    if request.event.detail:
        try:
            detail = json.loads(request.event.detail)
        except ValueError:
            detail = None
        found.require(isinstance(detail, dict), "event.detail", "must be a JSON object")
    found.raise_if_any()
    return EventRequest(key, kind, detail)


def parse_notice(request: intake_pb2.IssueNoticeRequest) -> NoticeRequest:
    found = Violations()
    parse_case_id(request.case_id, found)
    key = found.text(request.idempotency_key, "idempotency_key", max_length=KEY_MAX)
    kind = found.choice(request.kind, NOTICE_KINDS.by_number, "kind")
    found.require(bool(request.text.strip()), "text", "is required")
    found.raise_if_any()
    assert kind is not None
    return NoticeRequest(key, kind, request.text)


def parse_status(request: intake_pb2.UpdateCaseStatusRequest) -> tuple[Phase, ClosureReason | None]:
    found = Violations()
    parse_case_id(request.case_id, found)
    phase = found.choice(request.phase, PHASES.by_number, "phase")
    reason = (found.choice(request.closure_reason, CLOSURE_REASONS.by_number, "closure_reason")
              if request.closure_reason else None)
    found.raise_if_any()
    assert phase is not None
    return phase, reason


# --- calculations -----------------------------------------------------------------------


def age_on(birth_date: date, day: date) -> int:
    """Whole years completed on `day` (a 29 February birthday counts from 1 March in
    other years); 0 for someone not yet born on `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return max(0, day.year - birth_date.year - before_birthday)


def add_business_days(start: date, days: int) -> date:
    """`days` weekdays after `start` (Saturdays and Sundays are skipped)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def interview_date(filing_date: date, today: date, business_days: int) -> date:
    """The interview, `business_days` after filing; a case assigned late (a retried or
    backlogged activity) counts from today instead, so it is never scheduled in the past."""
    return add_business_days(max(filing_date, today), business_days)


def next_caseworker(caseworkers: Sequence[str], load: Mapping[str, int]) -> str:
    """Round robin by load: the caseworker with the fewest cases assigned, the first
    listed among equals, so new caseworkers catch up and none is skipped."""
    return min(caseworkers, key=lambda c: (load.get(c, 0), caseworkers.index(c)))


def apply_change(household: Household, change: HouseholdChange) -> Household:
    """The household after a change report: its incomes replaced, and its expenses when
    the report carries them."""
    return replace(household, incomes=list(change.incomes),
                   expenses=change.expenses or household.expenses)
