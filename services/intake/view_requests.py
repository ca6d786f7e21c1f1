"""The read model's requests -> validated values: the workflow's `RecordCaseView`, and the
filters and pages of the supervisors' listings.

As in `requests.py`, every bad field is collected with `Violations` and raised together,
named as the request spells it (`filter.due_within_days`, `state.deadlines[2].due_date`)
and never with its value; nothing here reads the database. Enum values are kept as their
spellings (`common.enums.spelling`: `verification`, `snap`, `met_late`), the way the
read model stores them and the search attributes name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple, TypeAlias

from casework.v1 import common_pb2, intake_pb2
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from common.enums import spelling
from common.validate import Violations, parse_month
from common.vocabulary import PROGRAMS
from services.intake import pages
from workflows.convert import CLOCK_STATUSES, PHASES
from workflows.state import CaseState, ClockStatus, Deadline

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
"""A page is one query's worth; a caller wanting more asks for the next page."""
MAX_DUE_WITHIN_DAYS = 3650
"""Ten years, beyond any clock (the longest certification period is 24 months): more
means every deadline, and the date it names must exist (int32's 2**31 days do not)."""

UNMET = ("open", "warning", "breached", "paused", "extended")
"""The clock statuses a listing of clocks shows by default: what is still to be met."""

MAX_REF_LENGTH = 128
"""What a clock's ref may hold: a determination's, hearing's or item's id."""


class Clock(NamedTuple):
    deadline: Deadline
    agency: bool
    """The agency's clock (it breaches), or a window the household has (it lapses)."""


@dataclass(frozen=True)
class ViewWrite:
    """One RecordCaseView: the state as the workflow sent it (stored whole), and as much of
    the workflow's own `CaseState` as its SLA rules read, so the read model ranks a case
    exactly as the workflow and its search attributes do."""

    version: int
    state: intake_pb2.CaseState
    case: CaseState
    clocks: list[Clock]


@dataclass(frozen=True)
class Page:
    size: int
    scope: str
    """The listing and filter its tokens belong to (`pages.scope`)."""
    after: pages.Position | None = None


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a listing or count takes; empty fields match every case."""

    phase: str = ""
    program: str = ""
    caseworker_id: str = ""
    office_id: str = ""
    sla_status: str = ""
    due_by: date | None = None
    """An agency clock not yet met is due on or before this day."""
    open_task: str = ""


@dataclass(frozen=True)
class ClockFilter:
    statuses: tuple[str, ...] = UNMET
    code: str = ""
    program: str = ""
    office_id: str = ""
    caseworker_id: str = ""
    due_by: date | None = None
    household_windows: bool = False
    """The household's windows instead of the agency's clocks."""


@dataclass(frozen=True)
class ApprovalFilter:
    office_id: str = ""
    caseworker_id: str = ""
    kind: str = ""


@dataclass(frozen=True)
class TimelinessFilter:
    """Which clocks the timeliness report takes: those whose rule's due date falls from
    `first_day` up to (not including) `before`, of one office's cases, of one program."""

    first_day: date | None = None
    """The first day of the first month; None for no first month."""
    before: date | None = None
    """The first day after the last month; None for no last month."""
    office_id: str = ""
    program: str = ""


def _agency_clock(case: CaseState, deadline: Deadline) -> bool:
    """Whether `deadline` is the agency's to meet, so a window the household has never
    counts against the agency. The test is the workflow's own (the owner its rule gives
    the clock, `CaseState.household_window`), called rather than copied so intake and
    the workflow cannot disagree. Raises LookupError for a code its State has no rule for."""
    return not case.household_window(deadline, deadline.start_date or case.filing_date)


def parse_case_view(request: intake_pb2.RecordCaseViewRequest) -> ViewWrite:
    found = Violations()
    found.case_id(request.case_id)
    found.require(request.version >= 0, "version", "must not be negative")
    state = request.state
    found.require(state.case_id == request.case_id, "state.case_id",
                  "must be the request's case_id")
    phase = found.choice(state.phase, PHASES.by_number, "state.phase")
    programs = [found.choice(p, PROGRAMS.by_number, f"state.programs[{n}]")
                for n, p in enumerate(state.programs)]
    found.state(state.state, "state.state")
    found.date(state.filing_date, "state.filing_date")
    _optional_id(state.caseworker_id, "state.caseworker_id", found)
    _optional_id(state.office_id, "state.office_id", found)
    _optional_date(state.interview_date, "state.interview_date", found)
    for n, task in enumerate(state.open_tasks):
        found.code(task, f"state.open_tasks[{n}]")
    deadlines = [_deadline(d, f"state.deadlines[{n}]", found)
                 for n, d in enumerate(state.deadlines)]
    _once([(d.code, d.ref) for d in deadlines], "state.deadlines", "ref",
          "is a second clock of its code and ref", found)
    for n, approval in enumerate(state.approvals):
        _approval(approval, f"state.approvals[{n}]", found)
    _once([a.approval_id for a in state.approvals], "state.approvals", "approval_id",
          "is used by an earlier approval", found)
    found.raise_if_any()
    assert phase is not None
    case = CaseState(case_id=request.case_id, phase=phase,
                     programs=[p for p in programs if p is not None], state=state.state,
                     filing_date=state.filing_date, deadlines=deadlines)
    clocks = []
    for n, deadline in enumerate(deadlines):
        try:
            clocks.append(Clock(deadline, _agency_clock(case, deadline)))
        except LookupError:
            found.add(f"state.deadlines[{n}].code", "has no rule for the case's State")
    found.raise_if_any()
    return ViewWrite(request.version, state, case, clocks)


def _once(keys: list[object], at: str, field: str, problem: str, found: Violations) -> None:
    """Each of a list's entries has a key of its own: the read model keeps one row each."""
    seen: set[object] = set()
    for n, key in enumerate(keys):
        found.require(key not in seen, f"{at}[{n}].{field}", problem)
        seen.add(key)


def _optional_id(value: str, field: str, found: Violations) -> None:
    if value:
        found.identifier(value, field)


def _optional_date(value: str, field: str, found: Violations) -> None:
    if value:
        found.date(value, field)


def _known(enum: EnumTypeWrapper) -> dict[int, int]:
    """A proto enum's set values, for `Violations.choice`, where no domain enum pairs it."""
    return {number: number for number in enum.values() if number}


def _deadline(clock: intake_pb2.Deadline, at: str, found: Violations) -> Deadline:
    """A clock as the workflow's dataclass; one sent without a status reads as open."""
    found.code(clock.code, f"{at}.code")
    found.require(len(clock.ref) <= MAX_REF_LENGTH, f"{at}.ref",
                  f"must be at most {MAX_REF_LENGTH} characters")
    found.date(clock.due_date, f"{at}.due_date")
    for name in ("start_date", "warning_date", "met_on", "original_due_date", "paused_on"):
        _optional_date(getattr(clock, name), f"{at}.{name}", found)
    _optional_id(clock.extended_by, f"{at}.extended_by", found)
    status = (found.choice(clock.status, CLOCK_STATUSES.by_number, f"{at}.status")
              if clock.status else None)
    program = (found.choice(clock.program, PROGRAMS.by_number, f"{at}.program")
               if clock.program else None)
    return Deadline(
        code=clock.code, due_date=clock.due_date, citation=clock.citation, met=clock.met,
        start_date=clock.start_date, warning_date=clock.warning_date, met_on=clock.met_on,
        status=status or ClockStatus.OPEN, program=str(program) if program else "",
        ref=clock.ref, original_due_date=clock.original_due_date,
        extended_by=clock.extended_by, extension_reason=clock.extension_reason,
        paused_on=clock.paused_on)


def _approval(approval: intake_pb2.Approval, at: str, found: Violations) -> None:
    found.identifier(approval.approval_id, f"{at}.approval_id")
    found.choice(approval.kind, _known(intake_pb2.ApprovalKind), f"{at}.kind")
    found.identifier(approval.requested_by, f"{at}.requested_by")
    found.date(approval.requested_on, f"{at}.requested_on")
    found.cents(approval.amount_cents, f"{at}.amount_cents")
    _optional_date(approval.new_due_date, f"{at}.new_due_date", found)
    _optional_date(approval.decided_on, f"{at}.decided_on", found)
    _optional_id(approval.decided_by, f"{at}.decided_by", found)
    if approval.code:
        found.code(approval.code, f"{at}.code")
    found.require(approval.decision in ("", "approved", "returned"), f"{at}.decision",
                  "must be empty (waiting), approved or returned")
    if approval.program:
        found.choice(approval.program, PROGRAMS.by_number, f"{at}.program")


# --- the listings ---------------------------------------------------------------------


def _spelled(value: int, enum: EnumTypeWrapper, field: str, found: Violations) -> str:
    """An optional enum filter: "" when unset, else the value's spelling."""
    if not value:
        return ""
    if found.choice(value, _known(enum), field) is None:
        return ""
    return spelling(enum, value)


def _due_by(days: int | None, today: date, field: str, found: Violations) -> date | None:
    if days is None:
        return None
    return today + timedelta(days=days) if found.require(
        0 <= days <= MAX_DUE_WITHIN_DAYS, field,
        f"must be between 0 and {MAX_DUE_WITHIN_DAYS}") else None


def _case_filter(message: intake_pb2.CaseFilter, today: date, found: Violations) -> CaseFilter:
    _optional_id(message.caseworker_id, "filter.caseworker_id", found)
    _optional_id(message.office_id, "filter.office_id", found)
    if message.open_task:
        found.code(message.open_task, "filter.open_task")
    return CaseFilter(
        phase=_spelled(message.phase, intake_pb2.Phase, "filter.phase", found),
        program=_spelled(message.program, common_pb2.Program, "filter.program", found),
        caseworker_id=message.caseworker_id, office_id=message.office_id,
        sla_status=_spelled(message.sla_status, intake_pb2.SlaStatus, "filter.sla_status",
                            found),
        due_by=_due_by(message.due_within_days if message.HasField("due_within_days")
                       else None, today, "filter.due_within_days", found),
        open_task=message.open_task)


Paged: TypeAlias = (intake_pb2.ListCasesRequest | intake_pb2.ListClocksRequest
                     | intake_pb2.ListApprovalsRequest)


def _page(request: Paged, listing: str, ids: int, found: Violations) -> Page:
    """The page a listing request asks for; its tokens are scoped to the listing and to
    every field of the request but the page's own, and key a row by a date and `ids` ids."""
    size, token = request.page_size, request.page_token
    found.require(0 <= size <= MAX_PAGE_SIZE, "page_size",
                  f"must be from 0 (for {DEFAULT_PAGE_SIZE}) to {MAX_PAGE_SIZE}")
    unpaged = type(request)()
    unpaged.CopyFrom(request)
    unpaged.ClearField("page_size")
    unpaged.ClearField("page_token")
    scope = pages.scope(listing, unpaged)
    after = pages.position(token, scope, ids) if token else None
    found.require(not token or after is not None, "page_token",
                  "is not a token this listing gave for this filter")
    return Page(size or DEFAULT_PAGE_SIZE, scope, after)


def parse_list_cases(request: intake_pb2.ListCasesRequest, *, today: date
                     ) -> tuple[CaseFilter, Page]:
    found = Violations()
    filter = _case_filter(request.filter, today, found)
    page = _page(request, "cases", 1, found)
    found.raise_if_any()
    return filter, page


def parse_count_cases(request: intake_pb2.CountCasesRequest, *, today: date
                      ) -> tuple[CaseFilter, str]:
    """The filter and the dimension to group by ("" for the total alone)."""
    found = Violations()
    filter = _case_filter(request.filter, today, found)
    by = _spelled(request.group_by, intake_pb2.CaseDimension, "group_by", found)
    found.raise_if_any()
    return filter, by


def parse_worklist(request: intake_pb2.GetWorklistRequest) -> str:
    found = Violations()
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    return caseworker


def parse_list_clocks(request: intake_pb2.ListClocksRequest, *, today: date
                      ) -> tuple[ClockFilter, Page]:
    found = Violations()
    statuses = [spelling(intake_pb2.ClockStatus, value)
                for n, value in enumerate(request.statuses)
                if found.choice(value, _known(intake_pb2.ClockStatus), f"statuses[{n}]")]
    if request.code:
        found.code(request.code, "code")
    _optional_id(request.office_id, "office_id", found)
    _optional_id(request.caseworker_id, "caseworker_id", found)
    filter = ClockFilter(
        statuses=tuple(dict.fromkeys(statuses)) or UNMET, code=request.code,
        program=_spelled(request.program, common_pb2.Program, "program", found),
        office_id=request.office_id, caseworker_id=request.caseworker_id,
        due_by=_due_by(request.due_within_days if request.HasField("due_within_days")
                       else None, today, "due_within_days", found),
        household_windows=request.household_windows)
    page = _page(request, "clocks", 3, found)
    found.raise_if_any()
    return filter, page


def parse_list_approvals(request: intake_pb2.ListApprovalsRequest
                         ) -> tuple[ApprovalFilter, Page]:
    found = Violations()
    _optional_id(request.office_id, "office_id", found)
    _optional_id(request.caseworker_id, "caseworker_id", found)
    filter = ApprovalFilter(
        office_id=request.office_id, caseworker_id=request.caseworker_id,
        kind=_spelled(request.kind, intake_pb2.ApprovalKind, "kind", found))
    page = _page(request, "approvals", 2, found)
    found.raise_if_any()
    return filter, page


def _month(value: str, field: str, found: Violations) -> date | None:
    """An optional YYYY-MM: its first day, or None when empty or bad (recorded)."""
    if not value:
        return None
    first = parse_month(value)
    found.require(first is not None, field, "must be a month as YYYY-MM")
    return first


def _next_month(first: date) -> date | None:
    """The first day of the month after `first`'s; None after December 9999, the last
    month a date can name (no bound is then needed: nothing is later)."""
    if (first.year, first.month) == (date.max.year, date.max.month):
        return None
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def parse_timeliness_report(request: intake_pb2.GetTimelinessReportRequest
                            ) -> TimelinessFilter:
    found = Violations()
    first = _month(request.from_month, "from_month", found)
    last = _month(request.to_month, "to_month", found)
    if first is not None and last is not None:
        found.require(first <= last, "from_month", "must not be after to_month")
    _optional_id(request.office_id, "office_id", found)
    program = _spelled(request.program, common_pb2.Program, "program", found)
    found.raise_if_any()
    return TimelinessFilter(first_day=first, before=_next_month(last) if last else None,
                            office_id=request.office_id, program=program)
