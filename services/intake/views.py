"""The case read model: what each case's workflow last recorded of itself, in tables the
supervisors' lists, counts and worklists filter.

The workflow sends its whole state through `RecordCaseView` whenever it changes, with a
version that only grows (workflow time in microseconds). A case keeps one `CaseView` row
with the columns the filters need and the state itself serialized, which `GetCase`
answers with while the workflow cannot be asked; and a row per program, clock, open task
and approval. A write replaces them all, so they are always one version's. Nothing here
decides anything: the SLA status and next deadline are the workflow's own
(`CaseState.sla_status`, `next_deadline`), of the clocks and statuses it sent.

Enum values are stored as `common.enums.spelling` spells them (`verification`, `snap`,
`met_late`, `on_time`), which is also how the search attributes spell them. Nothing
stored here identifies a person.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date, datetime

from casework.v1 import common_pb2, intake_pb2
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    literal_column,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from common.enums import spelling
from common.records import utc_now
from services.intake import store
from services.intake.store import CASE_FK, ApplicationRecord, Base
from services.intake.view_requests import MAX_REF_LENGTH, Clock, ViewWrite
from workflows.convert import CLOCK_STATUSES, CLOSURE_REASONS
from workflows.state import Task

log = logging.getLogger(__name__)

VIEW_FK = "intake_case_view.case_id"

BREACHED = "breached"


class CaseView(Base):
    """One case as its workflow last recorded it."""

    __tablename__ = "intake_case_view"
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    """The workflow's time of the write, in microseconds: an older write never lands."""
    phase: Mapped[str] = mapped_column(String(16), index=True)
    state: Mapped[str] = mapped_column(String(2))
    """The USPS code of the State whose rules the case runs on."""
    filing_date: Mapped[date] = mapped_column(Date)
    caseworker_id: Mapped[str | None] = mapped_column(String(64), index=True)
    office_id: Mapped[str | None] = mapped_column(String(64), index=True)
    sla_status: Mapped[str] = mapped_column(String(16), index=True)
    """on_time, warning or breached, of the agency's clocks alone."""
    next_due_date: Mapped[date | None] = mapped_column(Date, index=True)
    next_due_code: Mapped[str | None] = mapped_column(String(64))
    """The soonest-due agency clock running (paused ones wait on the household)."""
    last_state: Mapped[bytes] = mapped_column(LargeBinary)
    """The `casework.v1.CaseState` as sent, serialized."""
    updated_at: Mapped[datetime]


NO_DATE = date.max
"""Where a case without a running agency clock sorts in a listing: after every dated one."""


def next_due() -> ColumnElement[date]:
    """A case's sort key in ListCases: its next due date, or NO_DATE. Spelled with a
    literal, not a bound parameter, so that the database matches it to the index below."""
    return func.coalesce(CaseView.next_due_date,
                         literal_column(f"'{NO_DATE.isoformat()}'", Date))


# ListCases' first page walks this index instead of sorting every matching case.
Index("ix_intake_case_view_next_due", next_due(), CaseView.case_id)


class ViewProgram(Base):
    __tablename__ = "intake_view_program"
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(VIEW_FK), primary_key=True)
    program: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class ViewClock(Base):
    """One regulatory clock of a case: the rows timeliness is measured on."""

    __tablename__ = "intake_view_clock"
    __table_args__ = (UniqueConstraint("case_id", "code", "ref"),
                      Index("ix_intake_view_clock_status_due_date", "status", "due_date"))
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(VIEW_FK))
    code: Mapped[str] = mapped_column(String(64), index=True)
    ref: Mapped[str] = mapped_column(String(MAX_REF_LENGTH))
    """What it times when several of one code run at once (a decision's hearing window)."""
    program: Mapped[str] = mapped_column(String(16))
    """"" for a clock of the case as a whole."""
    agency: Mapped[bool]
    """The agency's to meet (it breaches); False for a window the household has (it lapses)."""
    citation: Mapped[str] = mapped_column(Text)
    met: Mapped[bool]
    status: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date | None] = mapped_column(Date)
    warning_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    original_due_date: Mapped[date | None] = mapped_column(Date)
    """Set when an extension or a pause moved `due_date`."""
    met_on: Mapped[date | None] = mapped_column(Date)
    paused_on: Mapped[date | None] = mapped_column(Date)
    extended_by: Mapped[str | None] = mapped_column(String(64))
    """The supervisor who extended it; the reason, free text, stays in `last_state`."""


class ViewTask(Base):
    __tablename__ = "intake_view_task"
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(VIEW_FK), primary_key=True)
    task: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    """The interview task's scheduled date; None for the tasks that carry no date."""


class ViewApproval(Base):
    """A request for a supervisor on a case: waiting (`decision` "") or recently decided."""

    __tablename__ = "intake_view_approval"
    __table_args__ = (Index("ix_intake_view_approval_decision_requested_on",
                            "decision", "requested_on"),)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(VIEW_FK), primary_key=True)
    approval_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    program: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    """What is asked, in codes, months and amounts (the workflow writes it without names)."""
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    code: Mapped[str] = mapped_column(String(64))
    new_due_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    """The caseworker's reason for the request, which the supervisor decides on."""
    decision: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_on: Mapped[date | None] = mapped_column(Date)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


async def _locked(session: AsyncSession, case_id: str) -> CaseView | None:
    """The case's view, locked until the transaction ends (PostgreSQL; SQLite has one
    writer at a time anyway), so two writes of one case land one after the other."""
    return await session.scalar(
        select(CaseView).where(CaseView.case_id == case_id).with_for_update())


async def record_view(
    session: AsyncSession, *, application: ApplicationRecord, write: ViewWrite
) -> list[ViewClock] | None:
    """Store `write` as the case's view unless a newer version is stored (None: stale; an
    equal version is written again, the same). The application's phase, closure reason,
    caseworker and office follow the state, so caseloads follow a reassignment. Returns
    the agency clocks the write breached that the stored view had not."""
    case_id = application.case_id
    columns = _columns(application, write)
    view = await _locked(session, case_id)
    if view is None and await _inserted(session, CaseView(
            case_id=case_id, version=write.version, **columns)):
        breached_before: set[tuple[str, str]] = set()  # a first write: no rows to replace
    else:
        view = view or await _locked(session, case_id)
        assert view is not None
        if view.version > write.version:
            return None
        breached_before = {(code, ref) for code, ref in await session.execute(
            select(ViewClock.code, ViewClock.ref).where(
                ViewClock.case_id == case_id, ViewClock.status == BREACHED))}
        view.version = write.version
        for name, value in columns.items():
            setattr(view, name, value)
        for child in (ViewProgram, ViewClock, ViewTask, ViewApproval):
            await session.execute(delete(child).where(child.case_id == case_id))
    clocks = [_clock_row(case_id, clock) for clock in write.clocks]
    session.add_all([
        *(ViewProgram(case_id=case_id, program=spelling(common_pb2.Program, p))
          for p in dict.fromkeys(write.state.programs)),
        *clocks,
        *(_task_row(case_id, task, write.state) for task in dict.fromkeys(write.state.open_tasks)),
        *(_approval_row(case_id, a) for a in write.state.approvals)])
    _follow(application, write)
    await session.flush()
    return [c for c in clocks if c.agency and c.status == BREACHED
            and (c.code, c.ref) not in breached_before]


async def _inserted(session: AsyncSession, view: CaseView) -> bool:
    """Insert the case's first view; False if a concurrent first write inserted one first
    (this write then goes on after it, as any later write)."""
    try:
        async with session.begin_nested():
            session.add(view)
    except IntegrityError:
        return False
    return True


def _columns(application: ApplicationRecord, write: ViewWrite) -> dict[str, object]:
    """The view row's columns of `write`, but its version."""
    state = write.state
    due = write.case.next_deadline()
    return {
        "phase": str(write.case.phase), "state": state.state,
        "filing_date": application.filing_date,
        "caseworker_id": state.caseworker_id or None, "office_id": state.office_id or None,
        "sla_status": str(write.case.sla_status()),
        "next_due_date": _day(due.due_date) if due else None,
        "next_due_code": due.code if due else None,
        "last_state": state.SerializeToString(), "updated_at": utc_now(),
    }


def _clock_row(case_id: str, clock: Clock) -> ViewClock:
    d = clock.deadline
    status = spelling(intake_pb2.ClockStatus, CLOCK_STATUSES.number(d.status))
    return ViewClock(
        case_id=case_id, code=d.code, ref=d.ref, program=d.program, agency=clock.agency,
        citation=d.citation, met=d.met, status=status,
        start_date=_day(d.start_date), warning_date=_day(d.warning_date),
        due_date=date.fromisoformat(d.due_date), original_due_date=_day(d.original_due_date),
        met_on=_day(d.met_on), paused_on=_day(d.paused_on), extended_by=d.extended_by or None)


def _task_row(case_id: str, task: str, state: intake_pb2.CaseState) -> ViewTask:
    dated = task == Task.INTERVIEW and state.interview_date
    return ViewTask(case_id=case_id, task=task,
                    due_date=_day(state.interview_date) if dated else None)


def _approval_row(case_id: str, approval: intake_pb2.Approval) -> ViewApproval:
    return ViewApproval(
        case_id=case_id, approval_id=approval.approval_id,
        kind=spelling(intake_pb2.ApprovalKind, approval.kind),
        program=spelling(common_pb2.Program, approval.program) if approval.program else "",
        requested_by=approval.requested_by, requested_on=date.fromisoformat(approval.requested_on),
        summary=approval.summary, amount_cents=approval.amount_cents, code=approval.code,
        new_due_date=_day(approval.new_due_date), reason=approval.reason,
        decision=approval.decision, decided_by=approval.decided_by,
        decided_on=_day(approval.decided_on))


def _follow(application: ApplicationRecord, write: ViewWrite) -> None:
    """The application's columns that caseload counts read follow the case's state; a
    case not yet assigned keeps what intake has (nothing, or its first assignment)."""
    state = write.state
    store.set_status(application, write.case.phase,
                     CLOSURE_REASONS.by_number.get(state.closure_reason))
    application.caseworker_id = state.caseworker_id or application.caseworker_id
    application.office_id = state.office_id or application.office_id


async def last_state(session: AsyncSession, *, case_id: str
                     ) -> tuple[intake_pb2.CaseState, datetime] | None:
    """The state the case last recorded and when, or None if it never recorded one."""
    row = await session.scalar(select(CaseView).where(CaseView.case_id == case_id))
    if row is None:
        return None
    return intake_pb2.CaseState.FromString(row.last_state), row.updated_at


def log_breaches(case_id: str, breached: Sequence[ViewClock]) -> None:
    """One structured line per clock that has just breached, for log-based alerting: the
    case id, the clock's code and due date, and nothing else."""
    for clock in breached:
        log.warning(json.dumps({"event": "sla_breached", "case_id": case_id,
                                "code": clock.code, "due_date": clock.due_date.isoformat()},
                               sort_keys=True))
