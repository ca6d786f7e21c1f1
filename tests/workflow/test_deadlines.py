"""Deadlines on the running case, on the time-skipping server: a clock warns and then
escalates its breach to a supervisor without deciding anything, a supervisor extends
one with a reason, a delay the household causes pauses the clocks that allow it, and
TANF counts its months to the State's limit."""

from __future__ import annotations

import uuid
from datetime import time

import pytest
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    AGENCY_ZONE,
    new_worker,
    phase_reached,
    start,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_calendar import latest, sleep_until
from tests.workflow.test_case import (
    FAMILY_BENEFITS,
    close,
    family_in_plan,
    interview,
    to_monitoring,
    verification_requested,
)
from tests.workflow.test_renewals import month_by_month
from workflows import sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    AppealedAction,
    AssessmentInput,
    ClosureReason,
    DeadlineExtensionInput,
    HearingRequestInput,
    Need,
    Phase,
    PlanApprovalInput,
    Program,
    Requester,
    VerificationInput,
)
from workflows.state import (
    CaseInput,
    CaseState,
    ClockStatus,
    Deadline,
    LineStatus,
    PhaseChange,
    ProgramDecision,
    ProgramLine,
)


def clock(state: CaseState, code: str) -> Deadline:
    return next(d for d in state.deadlines if d.code == code)


async def hearing_on_the_amount(env: WorkflowEnvironment,
                                handle: WorkflowHandle) -> tuple[str, CaseState]:
    """A SNAP case in monitoring whose household appeals its benefit amount today."""
    await to_monitoring(env, handle)
    today = await today_in_agency(env)
    state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
        Program.SNAP, today, AppealedAction.BENEFIT_AMOUNT, Requester.HOUSEHOLD, "cw-0001"))
    return today, state


async def test_a_breach_warns_first_then_escalates_and_decides_nothing(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        today, state = await hearing_on_the_amount(env, handle)
        decision = clock(state, "SNAP_HEARING_DECISION")
        # 7 CFR 273.15(c)(1): 60 days; the warning 10 days before.
        assert (decision.due_date, decision.warning_date) == (sla.add_days(today, 60),
                                                             sla.add_days(today, 50))
        await sleep_until(env, sla.add_days(today, 50), time(8))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "SNAP_HEARING_DECISION").status == ClockStatus.WARNING
        assert "DEADLINE_BREACHED" not in state.open_tasks
        await sleep_until(env, sla.add_days(today, 60), time(23))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "SNAP_HEARING_DECISION").status == ClockStatus.WARNING
        await sleep_until(env, sla.add_days(today, 61), time(8))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "SNAP_HEARING_DECISION").status == ClockStatus.BREACHED
        assert "DEADLINE_BREACHED" in state.open_tasks
        breaches = [e for e in fakes.named("record_case_event") if e.kind == "deadline_breached"]
        assert [e.detail["code"] for e in breaches] == ["SNAP_HEARING_DECISION"]
        assert breaches[0].detail["citation"] == "7 CFR 273.15(c)(1)"
        # It escalates; it decides nothing: the hearing still waits, benefits go on.
        assert state.hearings[0].outcome is None and state.phase == Phase.MONITORING
        assert state.decisions[0].eligible
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_supervisor_extends_a_deadline_with_a_reason_on_the_record(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        today, _ = await hearing_on_the_amount(env, handle)
        due, later = sla.add_days(today, 60), sla.add_days(today, 75)
        refused = [
            DeadlineExtensionInput("SNAP_HEARING_DECISION", later, "hearing officer ill", ""),
            DeadlineExtensionInput("SNAP_HEARING_DECISION", later, "  ", "sup-0001"),
            DeadlineExtensionInput("SNAP_HEARING_DECISION", later, "ill", "cw-0001"),
            DeadlineExtensionInput("SNAP_HEARING_DECISION", today, "ill", "sup-0001"),
            DeadlineExtensionInput("FAIR_HEARING_REQUEST", later, "ill", "sup-0001"),
        ]
        for extension in refused:  # no supervisor, no reason, the caseworker, not later,
            with pytest.raises(WorkflowUpdateFailedError):  # a household's window
                await handle.execute_update(CaseWorkflow.extend_deadline, extension)
        state = await handle.execute_update(CaseWorkflow.extend_deadline, DeadlineExtensionInput(
            "SNAP_HEARING_DECISION", later, "the hearing officer is ill", "sup-0001"))
        extended = clock(state, "SNAP_HEARING_DECISION")
        assert (extended.status, extended.due_date, extended.original_due_date) == (
            ClockStatus.EXTENDED, later, due)
        assert (extended.extended_by, extended.extension_reason) == (
            "sup-0001", "the hearing officer is ill")
        record = [e for e in fakes.named("record_case_event") if e.kind == "deadline_extended"]
        assert record[0].detail["reason"] == "the hearing officer is ill"
        # The old due date passes without a breach; the new one does not.
        await sleep_until(env, sla.add_days(due, 2), time(8))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "SNAP_HEARING_DECISION").status == ClockStatus.EXTENDED
        await sleep_until(env, sla.add_days(later, 1), time(8))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "SNAP_HEARING_DECISION").status == ClockStatus.BREACHED
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_delay_the_household_causes_pauses_the_application_clocks(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100, Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.MEDICAID)
        await interview(env, handle)
        state = await verification_requested(handle)
        filed, due = state.filing_date, state.verifications[0].due_date
        # Proof overdue: the delay is the household's from the day after it was due.
        await sleep_until(env, sla.add_days(due, 5), time(8))
        state = await handle.query(CaseWorkflow.status)
        medicaid = clock(state, "MEDICAID_APPLICATION")
        assert (medicaid.status, medicaid.paused_on) == (ClockStatus.PAUSED, sla.add_days(due, 1))
        assert clock(state, "SNAP_APPLICATION_PROCESSING").status == ClockStatus.PAUSED
        today = await today_in_agency(env)
        for item in state.verifications:
            await handle.execute_update(CaseWorkflow.submit_verification,
                                        VerificationInput(item.kind, "pay stubs", today, "cw-1"))
        state = await phase_reached(handle, Phase.MONITORING)
        medicaid = clock(state, "MEDICAID_APPLICATION")
        # Resumed with the days it had left: 4 days paused, 4 days later; met in time.
        assert medicaid.original_due_date == sla.add_days(filed, 45)
        assert medicaid.due_date == sla.add_days(filed, 45 + 4)
        assert medicaid.status == ClockStatus.MET and medicaid.met_on == today
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_tanf_runs_its_state_clock_and_ends_with_notice_at_the_lifetime_limit(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100, Program.TANF: 61500})
    async with new_worker(env.client, fakes.activities()) as worker:
        today = await today_in_agency(env)
        month = sla.period_of(today)
        # A family in its 60th month of TANF (a case continued as new carries its count).
        counted = [sla.period_of(sla.add_months(f"{month}-01", -n)) for n in range(59, 0, -1)]
        carried = CaseState(
            uuid.uuid4().hex, Phase.MONITORING, [Program.SNAP, Program.TANF], "IL",
            sla.add_months(today, -3), caseworker_id="cw-0001",
            decisions=[ProgramDecision(Program.SNAP, True, 29100),
                       ProgramDecision(Program.TANF, True, 61500)],
            certification_end_date=sla.certification_end(today), paid_periods=[month],
            lines=[ProgramLine(Program.SNAP, LineStatus.APPROVED),
                   ProgramLine(Program.TANF, LineStatus.APPROVED)],
            tanf_months=counted, plan_approved=True, assessed_by="cw-0002",
            history=[PhaseChange(Phase.MONITORING, f"{today}T12:00:00+00:00")])
        handle = await start(env, worker, CaseInput(
            carried.case_id, carried.programs, "IL", carried.filing_date,
            agency_timezone=AGENCY_ZONE, carried_state=carried))
        next_month = sla.first_of_next_month(today)
        await sleep_until(env, sla.add_days(next_month, 1), time(8))
        state = await handle.query(CaseWorkflow.status)
        # The 60th month is paid, and the end of TANF noticed for the month after.
        assert len(state.tanf_months) == 60 and state.tanf_months[-1] == next_month[:7]
        assert state.closing is not None and state.closing.reason == ClosureReason.TIME_LIMIT
        assert state.closing_on == sla.first_of_next_month(next_month)
        notice = [n for n in fakes.named("issue_notice") if n.kind == "adverse_action"][-1]
        assert "TANF (cash assistance)" in notice.text and "time limit" in notice.text
        await sleep_until(env, sla.add_days(sla.first_of_next_month(next_month), 1), time(8))
        state = await state_when(handle, lambda s: s.closing is None)
        tanf = state.line(Program.TANF)
        assert tanf is not None and tanf.status == LineStatus.CLOSED
        assert tanf.closure_reason == ClosureReason.TIME_LIMIT
        assert state.phase == Phase.MONITORING and state.programs == [Program.SNAP]
        paid = {(p.program, p.period) for p in fakes.named("authorize_payment")}
        after = sla.period_of(sla.first_of_next_month(next_month))
        assert (Program.SNAP, after) in paid and (Program.TANF, after) not in paid
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_plan_left_waiting_escalates_its_assessment_and_its_approval(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, state = await family_in_plan(env, worker)
        eligible_on = clock(state, "TANF_INITIAL_ASSESSMENT").start_date
        # 42 USC 608(b)(1): the assessment within 90 days of eligibility; none comes.
        assert clock(state, "TANF_INITIAL_ASSESSMENT").due_date == sla.add_days(eligible_on, 90)
        await month_by_month(env, sla.add_days(eligible_on, 92))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "TANF_INITIAL_ASSESSMENT").status == ClockStatus.BREACHED
        assert "DEADLINE_BREACHED" in state.open_tasks and state.phase == Phase.PLAN
        assert len(state.paid_periods) >= 3  # SNAP paid each month meanwhile

        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=[Need.EMPLOYMENT], goals=["A steady job"]))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "TANF_INITIAL_ASSESSMENT").status == ClockStatus.MET_LATE
        assessed = await today_in_agency(env)
        approval = clock(state, "TANF_PLAN_APPROVAL")
        assert (approval.start_date, approval.due_date) == (assessed, sla.add_days(assessed, 14))
        await sleep_until(env, sla.add_days(assessed, 15), time(9))
        state = await handle.query(CaseWorkflow.status)
        assert clock(state, "TANF_PLAN_APPROVAL").status == ClockStatus.BREACHED
        breaches = [e.detail["code"] for e in fakes.named("record_case_event")
                    if e.kind == "deadline_breached"]
        assert breaches == ["TANF_INITIAL_ASSESSMENT", "TANF_PLAN_APPROVAL"]
        await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
        state = await phase_reached(handle, Phase.MONITORING)
        assert clock(state, "TANF_PLAN_APPROVAL").status == ClockStatus.MET_LATE
        assert "DEADLINE_BREACHED" not in state.open_tasks
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_backdated_application_shows_its_late_clock_at_once(
        env: WorkflowEnvironment) -> None:
    """Filed 40 days before intake entered it: its 30 days ran out before the case began,
    so the first wait finds it breached, escalated, and the case is late."""
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        filed = sla.add_days(await today_in_agency(env), -40)
        handle = await start(env, worker, CaseInput(
            uuid.uuid4().hex, [Program.SNAP], "IL", filed, county="Cook",
            agency_timezone=AGENCY_ZONE))
        state = await state_when(handle, lambda s: "DEADLINE_BREACHED" in s.open_tasks)
        assert clock(state, "SNAP_APPLICATION_PROCESSING").status == ClockStatus.BREACHED
        assert state.sla_status() == "breached"
        breaches = [e for e in fakes.named("record_case_event") if e.kind == "deadline_breached"]
        assert [e.detail["code"] for e in breaches] == ["SNAP_APPLICATION_PROCESSING"]
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
