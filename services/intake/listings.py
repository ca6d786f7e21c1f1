"""The supervisors' and operations' reads over the case read model (`views`): cases by
filter, counts by dimension, a caseworker's worklist, clocks across cases, the
approvals queue and the clocks the timeliness report measures.

Every listing has a stable order that ends in ids, so its pages (`pages`) neither skip nor
repeat a row that stays put while others are written. Functions take the caller's
session and write nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, defer

from services.intake import pages
from services.intake.timeliness import MEASURES, MeasuredClock
from services.intake.view_requests import (
    UNMET,
    ApprovalFilter,
    CaseFilter,
    ClockFilter,
    Page,
    TimelinessFilter,
)
from services.intake.views import (
    NO_DATE,
    CaseView,
    ViewApproval,
    ViewClock,
    ViewProgram,
    ViewTask,
    next_due,
)
from workflows.inputs import Phase


@dataclass(frozen=True)
class Summary:
    """One case of a listing: its view row, programs, open tasks and waiting approvals."""

    view: CaseView
    programs: list[str]
    open_tasks: list[str]
    pending_approvals: list[str]


@dataclass(frozen=True)
class Counts:
    total: int
    """The cases the filter matches, each once."""
    by_key: dict[str, int]
    """Cases per key of the dimension asked ("" for those without one); empty with none."""


@dataclass(frozen=True)
class WorkItem:
    """An open task (`code` "") or an agency deadline not yet met (`task` "")."""

    case_id: str
    phase: str
    task: str = ""
    code: str = ""
    due_date: date | None = None
    status: str = ""
    program: str = ""


@dataclass(frozen=True)
class CaseClock:
    clock: ViewClock
    caseworker_id: str | None
    office_id: str | None


@dataclass(frozen=True)
class CaseApproval:
    approval: ViewApproval
    caseworker_id: str | None
    office_id: str | None


def _case_conditions(filter: CaseFilter) -> list[ColumnElement[bool]]:
    conditions = []
    for column, value in ((CaseView.phase, filter.phase),
                          (CaseView.caseworker_id, filter.caseworker_id),
                          (CaseView.office_id, filter.office_id),
                          (CaseView.sla_status, filter.sla_status)):
        if value:
            conditions.append(column == value)
    if filter.due_by is not None:
        conditions.append(CaseView.next_due_date <= filter.due_by)
    if filter.program:
        conditions.append(select(ViewProgram).where(
            ViewProgram.case_id == CaseView.case_id,
            ViewProgram.program == filter.program).exists())
    if filter.open_task:
        conditions.append(select(ViewTask).where(
            ViewTask.case_id == CaseView.case_id, ViewTask.task == filter.open_task).exists())
    return conditions


def _after(key: Sequence[Any], page: Page) -> list[ColumnElement[bool]]:
    """The rows after the previous page's last one, by the listing's sort key."""
    if page.after is None:
        return []
    return [tuple_(*key) > tuple_(literal(page.after.day), *page.after.ids)]


async def _paged(session: AsyncSession, query: Select[*tuple[Any, ...]], key: Sequence[Any],
                 page: Page, last: Any) -> tuple[list[Any], str]:
    """One page of `query` in `key` order, and the token of the next ("" at the end);
    `last(row)` is a row's sort key as (date, *ids)."""
    rows = list((await session.execute(
        query.where(*_after(key, page)).order_by(*key).limit(page.size + 1))).all())
    if len(rows) <= page.size:
        return rows, ""
    rows = rows[:page.size]
    day, *ids = last(rows[-1])
    return rows, pages.token(page.scope, day, ids)


async def list_cases(session: AsyncSession, *, filter: CaseFilter, page: Page
                     ) -> tuple[list[Summary], str]:
    """The cases `filter` matches, soonest next deadline first (those without one last),
    then by case id; and the next page's token."""
    rows, token = await _paged(
        session,
        # The stored state is left behind: a summary does not show it.
        select(CaseView).options(defer(CaseView.last_state)).where(*_case_conditions(filter)),
        (next_due(), CaseView.case_id), page,
        lambda row: (row[0].next_due_date or NO_DATE, row[0].case_id))
    views = [row[0] for row in rows]
    ids = [view.case_id for view in views]
    programs = await _by_case(session, ViewProgram.program, ids)
    tasks = await _by_case(session, ViewTask.task, ids)
    waiting = await _by_case(session, ViewApproval.kind, ids, ViewApproval.decision == "")
    return [Summary(v, programs[v.case_id], tasks[v.case_id],
                    list(dict.fromkeys(waiting[v.case_id]))) for v in views], token


async def _by_case(session: AsyncSession, column: Any, case_ids: Sequence[str],
                   *where: ColumnElement[bool]) -> defaultdict[str, list[str]]:
    """`column` of a child table, listed per case in sorted order."""
    table = column.class_
    found: defaultdict[str, list[str]] = defaultdict(list)
    if case_ids:
        rows = await session.execute(select(table.case_id, column)
                                     .where(table.case_id.in_(case_ids), *where)
                                     .order_by(column))
        for case_id, value in rows:
            found[case_id].append(value)
    return found


async def count_cases(session: AsyncSession, *, filter: CaseFilter, by: str = "") -> Counts:
    """How many cases `filter` matches, and per key of the dimension `by` (`phase`,
    `program`, `caseworker`, `office`, `sla_status`, `open_task`, `next_due_code`; "" for
    the total alone). A case with several programs or open tasks counts under each; one
    with none, or without a caseworker, office or running clock, under "". What the
    dashboard tiles read."""
    conditions = _case_conditions(filter)
    total = await session.scalar(
        select(func.count()).select_from(CaseView).where(*conditions)) or 0
    if not by:
        return Counts(total, {})
    if by in ("program", "open_task"):
        # Aliased, so a filter on the same table (program=snap, by program) stays its own
        # subquery. A case has each program or task once, so count() counts cases.
        child: Any = aliased(ViewProgram if by == "program" else ViewTask)
        key = child.program if by == "program" else child.task
        query = (select(key, func.count()).select_from(CaseView)
                 .outerjoin(child, child.case_id == CaseView.case_id))
    else:
        key = {"phase": CaseView.phase, "caseworker": CaseView.caseworker_id,
               "office": CaseView.office_id, "sla_status": CaseView.sla_status,
               "next_due_code": CaseView.next_due_code}[by]
        query = select(key, func.count()).select_from(CaseView)
    # Grouped by the column itself, not by coalesce(column, ""), so its index serves.
    by_key: Counter[str] = Counter()
    for value, count in await session.execute(query.where(*conditions).group_by(key)):
        by_key[value or ""] += count
    return Counts(total, dict(sorted(by_key.items())))


async def cases_by_phase_and_program(session: AsyncSession) -> dict[tuple[str, str], int]:
    """How many cases are in each phase (closed ones too) per program: `{(phase, program):
    n}`, a case under each of its programs, one with none under "". What the case gauge
    reads."""
    rows = await session.execute(
        select(CaseView.phase, ViewProgram.program, func.count()).select_from(CaseView)
        .outerjoin(ViewProgram, ViewProgram.case_id == CaseView.case_id)
        .group_by(CaseView.phase, ViewProgram.program))
    return {(phase, program or ""): count for phase, program, count in rows}


async def open_tasks_by_task(session: AsyncSession) -> dict[str, int]:
    """How many cases have each task open. What the open-task gauge reads."""
    rows = await session.execute(select(ViewTask.task, func.count()).group_by(ViewTask.task))
    return {task: count for task, count in rows}


async def count_clocks(session: AsyncSession, *, household_windows: bool = False,
                       open_cases: bool = False) -> dict[tuple[str, str], int]:
    """How many of the agency's clocks (or the household's windows) are in each status,
    per code: `{(code, status): n}`. With `open_cases`, only those of cases not closed:
    a clock breached before its case closed stays breached on the record, but it is no
    longer a deadline anyone can meet. What the clock gauge reads (open cases only)."""
    query = (select(ViewClock.code, ViewClock.status, func.count())
             .where(ViewClock.agency.is_(not household_windows))
             .group_by(ViewClock.code, ViewClock.status))
    if open_cases:
        query = query.where(ViewClock.case_id.not_in(
            select(CaseView.case_id).where(CaseView.phase == str(Phase.CLOSED))))
    return {(code, status): count for code, status, count in await session.execute(query)}


async def worklist(session: AsyncSession, *, caseworker_id: str) -> list[WorkItem]:
    """The caseworker's open tasks and agency deadlines not yet met across their cases:
    dated items by date, then case, then code; undated tasks after them."""
    clocks = await session.execute(
        select(ViewClock, CaseView.phase).join(CaseView, CaseView.case_id == ViewClock.case_id)
        .where(CaseView.caseworker_id == caseworker_id, ViewClock.agency.is_(True),
               ViewClock.status.in_(UNMET)))
    tasks = await session.execute(
        select(ViewTask, CaseView.phase).join(CaseView, CaseView.case_id == ViewTask.case_id)
        .where(CaseView.caseworker_id == caseworker_id))
    items = [WorkItem(c.case_id, phase, code=c.code, due_date=c.due_date, status=c.status,
                      program=c.program) for c, phase in clocks]
    items += [WorkItem(t.case_id, phase, task=t.task, due_date=t.due_date)
              for t, phase in tasks]
    return sorted(items, key=lambda i: (i.due_date or NO_DATE, i.case_id, i.code, i.task))


async def list_clocks(session: AsyncSession, *, filter: ClockFilter, page: Page
                      ) -> tuple[list[CaseClock], str]:
    """The clocks `filter` matches across cases, soonest due first, then by case, code and
    ref; and the next page's token."""
    conditions: list[ColumnElement[bool]] = [
                  ViewClock.agency.is_(not filter.household_windows),
                  ViewClock.status.in_(filter.statuses)]
    for column, value in ((ViewClock.code, filter.code), (ViewClock.program, filter.program),
                          (CaseView.office_id, filter.office_id),
                          (CaseView.caseworker_id, filter.caseworker_id)):
        if value:
            conditions.append(column == value)
    if filter.due_by is not None:
        conditions.append(ViewClock.due_date <= filter.due_by)
    rows, token = await _paged(
        session,
        select(ViewClock, CaseView.caseworker_id, CaseView.office_id)
        .join(CaseView, CaseView.case_id == ViewClock.case_id).where(*conditions),
        (ViewClock.due_date, ViewClock.case_id, ViewClock.code, ViewClock.ref), page,
        lambda row: (row[0].due_date, row[0].case_id, row[0].code, row[0].ref))
    return [CaseClock(*row) for row in rows], token


async def list_approvals(session: AsyncSession, *, filter: ApprovalFilter, page: Page
                         ) -> tuple[list[CaseApproval], str]:
    """The requests waiting for a supervisor that `filter` matches, oldest first, then by
    case and request id; and the next page's token."""
    conditions: list[ColumnElement[bool]] = [ViewApproval.decision == ""]
    for column, value in ((ViewApproval.kind, filter.kind),
                          (CaseView.office_id, filter.office_id),
                          (CaseView.caseworker_id, filter.caseworker_id)):
        if value:
            conditions.append(column == value)
    rows, token = await _paged(
        session,
        select(ViewApproval, CaseView.caseworker_id, CaseView.office_id)
        .join(CaseView, CaseView.case_id == ViewApproval.case_id).where(*conditions),
        (ViewApproval.requested_on, ViewApproval.case_id, ViewApproval.approval_id), page,
        lambda row: (row[0].requested_on, row[0].case_id, row[0].approval_id))
    return [CaseApproval(*row) for row in rows], token


async def timeliness_clocks(session: AsyncSession, *, filter: TimelinessFilter
                            ) -> list[MeasuredClock]:
    """The agency's clocks the timeliness report measures (`timeliness.MEASURES`) whose
    rule's due date (before a pause or an extension moved it) falls in the filter's
    months, with the office their case was last recorded in; unordered."""
    standard = func.coalesce(ViewClock.original_due_date, ViewClock.due_date)
    conditions: list[ColumnElement[bool]] = [ViewClock.agency.is_(True),
                                             ViewClock.code.in_(list(MEASURES))]
    if filter.first_day is not None:
        conditions.append(standard >= filter.first_day)
    if filter.before is not None:
        conditions.append(standard < filter.before)
    for column, value in ((ViewClock.program, filter.program),
                          (CaseView.office_id, filter.office_id)):
        if value:
            conditions.append(column == value)
    rows = await session.execute(
        select(ViewClock, CaseView.office_id)
        .join(CaseView, CaseView.case_id == ViewClock.case_id).where(*conditions))
    return [MeasuredClock(
        case_id=c.case_id, code=c.code, ref=c.ref, program=c.program, office_id=office or "",
        status=c.status, met=c.met, due_date=c.due_date, original_due_date=c.original_due_date,
        met_on=c.met_on, paused_on=c.paused_on, extended_by=c.extended_by or "")
        for c, office in rows]
