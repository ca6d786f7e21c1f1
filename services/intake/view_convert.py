"""The read model's rows -> reply messages: case summaries, work items, clocks across
cases, waiting approvals and the timeliness report. Enum values come back from their
stored spellings (`common.enums.from_spelling`)."""

from __future__ import annotations

from datetime import date

from casework.v1 import common_pb2, intake_pb2

from common.clock import to_timestamp
from common.enums import enum_table, from_spelling
from services.intake import timeliness
from services.intake.listings import CaseApproval, CaseClock, Summary, WorkItem
from services.intake.views import ViewApproval, ViewClock

TIMELINESS = enum_table(intake_pb2.Timeliness, timeliness.Timeliness)
DELAYS = enum_table(intake_pb2.DelayCause, timeliness.Delay)


def _text(day: date | None) -> str:
    return day.isoformat() if day else ""


def _program(spelled: str) -> int:
    return from_spelling(common_pb2.Program, spelled) if spelled else 0


def summary_pb(summary: Summary) -> intake_pb2.CaseSummary:
    view = summary.view
    return intake_pb2.CaseSummary(
        case_id=view.case_id, phase=from_spelling(intake_pb2.Phase, view.phase),
        programs=sorted(_program(p) for p in summary.programs), state=view.state,
        caseworker_id=view.caseworker_id or "", office_id=view.office_id or "",
        sla_status=from_spelling(intake_pb2.SlaStatus, view.sla_status),
        next_due_date=_text(view.next_due_date), next_due_code=view.next_due_code or "",
        open_tasks=summary.open_tasks,
        pending_approvals=[from_spelling(intake_pb2.ApprovalKind, k)
                           for k in summary.pending_approvals],
        filing_date=view.filing_date.isoformat(), updated_at=to_timestamp(view.updated_at))


def work_item_pb(item: WorkItem) -> intake_pb2.WorkItem:
    return intake_pb2.WorkItem(
        case_id=item.case_id, task=item.task, code=item.code, due_date=_text(item.due_date),
        status=from_spelling(intake_pb2.ClockStatus, item.status) if item.status else 0,
        program=_program(item.program), phase=from_spelling(intake_pb2.Phase, item.phase))


def deadline_pb(clock: ViewClock) -> intake_pb2.Deadline:
    """A stored clock as the API shows a clock, but for its extension's reason (free
    text, left to GetCase)."""
    return intake_pb2.Deadline(
        code=clock.code, due_date=clock.due_date.isoformat(), citation=clock.citation,
        met=clock.met,
        start_date=_text(clock.start_date), warning_date=_text(clock.warning_date),
        met_on=_text(clock.met_on), status=from_spelling(intake_pb2.ClockStatus, clock.status),
        program=_program(clock.program), ref=clock.ref,
        original_due_date=_text(clock.original_due_date), extended_by=clock.extended_by or "",
        paused_on=_text(clock.paused_on))


def case_clock_pb(found: CaseClock) -> intake_pb2.CaseClock:
    return intake_pb2.CaseClock(case_id=found.clock.case_id, deadline=deadline_pb(found.clock),
                                caseworker_id=found.caseworker_id or "",
                                office_id=found.office_id or "")


def approval_pb(row: ViewApproval) -> intake_pb2.Approval:
    return intake_pb2.Approval(
        approval_id=row.approval_id, kind=from_spelling(intake_pb2.ApprovalKind, row.kind),
        requested_by=row.requested_by, requested_on=row.requested_on.isoformat(),
        summary=row.summary, amount_cents=row.amount_cents, code=row.code,
        new_due_date=_text(row.new_due_date), reason=row.reason, decision=row.decision,
        decided_by=row.decided_by, decided_on=_text(row.decided_on),
        program=_program(row.program))


def case_approval_pb(found: CaseApproval) -> intake_pb2.CaseApproval:
    return intake_pb2.CaseApproval(
        case_id=found.approval.case_id, approval=approval_pb(found.approval),
        caseworker_id=found.caseworker_id or "", office_id=found.office_id or "")


def _group_pb(group: timeliness.Group, tally: timeliness.Tally) -> intake_pb2.TimelinessGroup:
    return intake_pb2.TimelinessGroup(
        measure=group.measure, code=group.code, program=_program(group.program),
        office_id=group.office_id, month=group.month, timely=tally.timely,
        untimely=tally.untimely, pending=tally.pending,
        household_delayed=tally.household_delayed, extended=tally.extended,
        timely_share=tally.timely_share)


def _late_pb(late: timeliness.Late) -> intake_pb2.LateClock:
    clock, verdict = late.clock, late.verdict
    assert verdict.delay is not None  # only clocks with a delay are listed late
    return intake_pb2.LateClock(
        case_id=clock.case_id, code=clock.code, ref=clock.ref, measure=late.measure,
        program=_program(clock.program), office_id=clock.office_id, month=clock.month,
        standard_due_date=clock.standard_due_date.isoformat(),
        due_date=clock.due_date.isoformat(), met_on=_text(clock.met_on),
        days_late=verdict.days_late, days_past_due=verdict.days_past_due,
        timeliness=TIMELINESS.number(verdict.timeliness), delay=DELAYS.number(verdict.delay),
        extended=bool(clock.extended_by))


def timeliness_report_pb(report: timeliness.Report) -> intake_pb2.GetTimelinessReportResponse:
    return intake_pb2.GetTimelinessReportResponse(
        groups=[_group_pb(g, t) for g, t in report.groups],
        totals=[_group_pb(g, t) for g, t in report.totals],
        late=[_late_pb(late) for late in report.late], as_of=report.as_of.isoformat())
