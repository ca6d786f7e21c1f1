"""CaseWorkflow on the time-skipping server: each phase, each Update's validator, and
the clocks, with fake activities that record what the workflow asked for."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.common import TypedSearchAttributes
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    AGENCY_ZONE,
    action_day,
    finished,
    mailing_day,
    new_worker,
    phase_reached,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from workflows import search, sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    AssessmentInput,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    EmploymentInput,
    Income,
    IncomeKind,
    InterviewInput,
    Need,
    Phase,
    PlanActivity,
    PlanApprovalInput,
    Program,
    VerificationInput,
    VerificationKind,
)
from workflows.state import CaseState, Pending, Task


async def interview(env: WorkflowEnvironment, handle: WorkflowHandle) -> CaseState:
    await phase_reached(handle, Phase.INTAKE)
    today = await today_in_agency(env)
    return await handle.execute_update(CaseWorkflow.record_interview,
                                       InterviewInput("cw-0001", today))


async def verification_requested(handle: WorkflowHandle) -> CaseState:
    """Wait for the requested items: they appear once intake has stored the request."""
    return await state_when(handle, lambda state: state.phase == Phase.VERIFICATION
                            and bool(state.verifications))


async def verify_all(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    state = await verification_requested(handle)
    today = await today_in_agency(env)
    for item in state.verifications:
        await handle.execute_update(CaseWorkflow.submit_verification,
                                    VerificationInput(item.kind, "pay stubs", today, "cw-0001"))


async def close(env: WorkflowEnvironment, handle: WorkflowHandle, reason: ClosureReason,
                by: str) -> CaseState:
    """Close the case and wait for its run to end (the test server skips through its
    hearing windows), so no workflow is left for a task queue whose worker is gone; a
    case with a hearing undecided waits for the decision, so the worker's leaving ends
    it (`conftest.new_worker`)."""
    await handle.execute_update(CaseWorkflow.close_case, ClosureInput(reason, by))
    final: CaseState = await handle.query(CaseWorkflow.status)
    if all(hearing.outcome for hearing in final.hearings):
        final = await finished(env, handle)
    assert final.phase == Phase.CLOSED and final.closure_reason == reason
    return final


async def to_monitoring(env: WorkflowEnvironment, handle: WorkflowHandle) -> CaseState:
    await interview(env, handle)
    await verify_all(env, handle)
    return await phase_reached(handle, Phase.MONITORING)


FAMILY_BENEFITS = {Program.SNAP: 53600, Program.TANF: 61500}
"""What the family of three in `family_in_plan` is found eligible for."""


async def family_in_plan(env: WorkflowEnvironment, worker: Any) -> tuple[WorkflowHandle,
                                                                         CaseState]:
    """A SNAP and TANF family of three, interviewed and its proof in: at its plan, once
    the plan has opened its assessment (the phase is recorded a step before)."""
    handle = await start_case(env, worker, Program.SNAP, Program.TANF, household_size=3)
    await interview(env, handle)
    await verify_all(env, handle)
    return handle, await state_when(handle, lambda s: s.phase == Phase.PLAN
                                    and Task.ASSESSMENT in s.open_tasks)


async def plan_approved(handle: WorkflowHandle) -> CaseState:
    """The plan assessed by one caseworker and approved by a supervisor: monitoring."""
    await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
        "cw-0001", needs=[Need.EMPLOYMENT], goals=["Steady job"]))
    await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
    return await phase_reached(handle, Phase.MONITORING)


async def test_snap_case_is_approved_paid_monthly_and_closed(env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP)
        state = await interview(env, handle)
        assert state.interviewed and "INTERVIEW" not in state.open_tasks
        assert {d.code for d in state.deadlines} == {"SNAP_APPLICATION_PROCESSING"}

        await verify_all(env, handle)
        state = await phase_reached(handle, Phase.MONITORING)
        assert [d.eligible for d in state.decisions] == [True]
        assert next(d for d in state.deadlines if d.code == "SNAP_APPLICATION_PROCESSING").met
        filing_period = sla.period_of(state.filing_date)
        payments = fakes.named("authorize_payment")
        assert [(p.program, p.period, p.amount_cents) for p in payments] == [
            (Program.SNAP, filing_period, 29100)]
        assert state.paid_periods == [filing_period]

        # The next benefit month arrives: it is determined with that month's rules and paid.
        await env.sleep(timedelta(days=32))
        state = await handle.query(CaseWorkflow.status)
        next_period = sla.period_of(sla.first_of_next_month(state.filing_date))
        assert next_period in state.paid_periods
        assert len({p.idempotency_key for p in fakes.named("authorize_payment")}) == len(
            fakes.named("authorize_payment"))

        state = await handle.execute_update(
            CaseWorkflow.close_case, ClosureInput(ClosureReason.CLIENT_REQUEST, "cw-0001"))
        assert state.phase == Phase.CLOSED and state.closure_reason == ClosureReason.CLIENT_REQUEST
        assert (await finished(env, handle)).phase == Phase.CLOSED
        kinds = [n.kind for n in fakes.named("issue_notice")]
        assert kinds[0] == "interview_scheduled" and "decision" in kinds and kinds[-1] == "closure"
        written = [view.state.phase for view in fakes.named("record_case_view")]
        phases = [phase for i, phase in enumerate(written) if not i or written[i - 1] != phase]
        # The moves reach intake's read model in order; one passed while a write was in
        # flight may be left out (the case never waits for the read model).
        order = [Phase.INTAKE, Phase.VERIFICATION, Phase.DETERMINATION, Phase.SERVICES,
                 Phase.MONITORING, Phase.CLOSED]
        assert phases == sorted(phases, key=order.index) and len(set(phases)) == len(phases)
        assert phases[0] == Phase.INTAKE and phases[-2:] == [Phase.MONITORING, Phase.CLOSED]
        assert not fakes.named("update_case_status")


async def attributes_when(handle: WorkflowHandle, ready: Callable[[TypedSearchAttributes], Any]
                          ) -> TypedSearchAttributes:
    """The case's search attributes once `ready` holds of them (they are upserted when
    the case next waits, a moment after the step that changed them)."""
    for _ in range(200):  # 10 s at most, as `state_when` waits: a loaded machine is slow
        attributes = (await handle.describe()).typed_search_attributes
        if ready(attributes):
            return attributes
        await asyncio.sleep(0.05)
    raise AssertionError(f"search attributes never ready: {attributes}")


async def test_the_case_keeps_its_search_attributes_and_intakes_view_current(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP)
        state = await state_when(handle, lambda s: Task.INTERVIEW in s.open_tasks)
        due = state.clock("SNAP_APPLICATION_PROCESSING").due_date
        attributes = await attributes_when(handle, lambda a: a.get(search.CASEWORKER))
        assert attributes.get(search.CASE_PHASE) == "intake"  # waiting for its interview
        assert attributes.get(search.CASE_PROGRAMS) == ["snap"]
        assert attributes.get(search.CASEWORKER) == "cw-0001"
        assert attributes.get(search.SLA_STATUS) == "on_time"
        assert (attributes.get(search.NEXT_DEADLINE),
                attributes.get(search.NEXT_DEADLINE_CODE)) == (due, "SNAP_APPLICATION_PROCESSING")

        await interview(env, handle)
        await verify_all(env, handle)
        state = await phase_reached(handle, Phase.MONITORING)
        attributes = await attributes_when(
            handle, lambda a: a.get(search.CASE_PHASE) == "monitoring")
        assert attributes.get(search.NEXT_DEADLINE) is None  # the application was decided
        views = fakes.named("record_case_view")
        assert views[-1].state == state  # the whole state, as the Query shows it
        versions = [view.version for view in views]
        assert versions == sorted(versions) and len(set(versions)) == len(versions)


async def test_a_step_out_of_phase_is_refused_and_leaves_no_trace(env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await phase_reached(handle, Phase.INTAKE)
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-1"))
        assert "not plan" in str(refused.value.cause)
        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update(CaseWorkflow.record_interview,
                                        InterviewInput("cw-0001", "not-a-date"))
        history = await handle.fetch_history()
        update_events = [e for e in history.events if e.event_type in (
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)]
        assert update_events == []
        assert not (await handle.query(CaseWorkflow.status)).interviewed
        await close(env, (handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_missing_verification_opens_a_task_then_denies_then_closes(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await interview(env, handle)
        await phase_reached(handle, Phase.VERIFICATION)
        await env.sleep(timedelta(days=11, hours=12))
        state = await handle.query(CaseWorkflow.status)
        assert "VERIFICATION_OVERDUE" in state.open_tasks
        await env.sleep(timedelta(days=20))
        state = await handle.query(CaseWorkflow.status)
        assert state.open_tasks == ["DENIED_FAILURE_TO_PROVIDE"]
        assert any(d.code == "SNAP_REOPEN_WINDOW" for d in state.deadlines)
        await env.sleep(timedelta(days=31))
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED
        assert final.closure_reason == ClosureReason.FAILURE_TO_PROVIDE
        assert fakes.named("authorize_payment") == []


async def test_verification_inside_the_reopen_window_reopens_the_case(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await interview(env, handle)
        await phase_reached(handle, Phase.VERIFICATION)
        await env.sleep(timedelta(days=40))
        assert "DENIED_FAILURE_TO_PROVIDE" in (await handle.query(CaseWorkflow.status)).open_tasks
        completed = await today_in_agency(env)
        await verify_all(env, handle)
        state = await phase_reached(handle, Phase.MONITORING)
        assert "DENIED_FAILURE_TO_PROVIDE" not in state.open_tasks
        assert "reopened" in [e.kind for e in fakes.named("record_case_event")]
        assert next(d for d in state.deadlines if d.code == "SNAP_REOPEN_WINDOW").met
        # 7 CFR 273.2(h)(2)(ii): benefits begin the day the household completed the
        # process, so the first month is that day's month, prorated from that day.
        first = fakes.named("determine_eligibility")[0]
        assert (first.application_date, first.period) == (completed, sla.period_of(completed))
        assert state.benefits_from == completed
        await close(env, (handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_medicaid_only_application_needs_no_interview(env: WorkflowEnvironment) -> None:
    # 42 CFR 435.907(d): no interview for a MAGI application.
    fakes = FakeServices(benefits={Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.MEDICAID)
        state = await verification_requested(handle)
        assert not state.interviewed and state.interview_date == ""
        assert "INTERVIEW" not in state.open_tasks
        assert [n.kind for n in fakes.named("issue_notice")] == ["verification_request"]
        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update(CaseWorkflow.record_interview,
                                        InterviewInput("cw-0001", await today_in_agency(env)))
        await verify_all(env, handle)
        state = await phase_reached(handle, Phase.MONITORING)
        assert state.decisions[0].program == Program.MEDICAID and state.decisions[0].eligible
        assert next(d for d in state.deadlines if d.code == "MEDICAID_APPLICATION").met
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_household_over_income_is_denied_and_closed(env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: None})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await interview(env, handle)
        await verify_all(env, handle)
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED and final.closure_reason == ClosureReason.INELIGIBLE
        assert final.decisions[0].denial_reasons == ["GROSS_INCOME_OVER_LIMIT"]
        assert [n.kind for n in fakes.named("issue_notice")][-2:] == ["decision", "closure"]
        assert fakes.named("authorize_payment") == []


async def test_expedited_case_needs_only_identity_before_determination(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(expedited=True)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, household_size=3)
        state = await interview(env, handle)
        assert state.expedited
        assert any(d.code == "SNAP_EXPEDITED_SERVICE" for d in state.deadlines)
        state = await verification_requested(handle)
        assert len(state.verifications) == 5
        await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
            VerificationKind.IDENTITY, "state ID", await today_in_agency(env), "cw-0001"))
        state = await phase_reached(handle, Phase.MONITORING)
        assert next(d for d in state.deadlines if d.code == "SNAP_EXPEDITED_SERVICE").met
        await close(env, (handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_tanf_case_needs_an_approved_plan_then_gets_referrals_and_payments(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, state = await family_in_plan(env, worker)
        assert "ASSESSMENT" in state.open_tasks
        today = await today_in_agency(env)
        plan = AssessmentInput(
            "cw-0001", ["motivated"], [Need.CHILD_CARE, Need.TRANSPORT], ["Full-time work"],
            [PlanActivity("Enroll in job readiness", Need.EMPLOYMENT, sla.add_days(today, 30))])
        state = await handle.execute_update(CaseWorkflow.record_assessment, plan)
        assert "ASSESSMENT" not in state.open_tasks and state.assessed_by == "cw-0001"
        with pytest.raises(WorkflowUpdateFailedError):  # the plan's author cannot approve it
            await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("cw-0001"))
        await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
        state = await phase_reached(handle, Phase.MONITORING)
        assert state.referral_ids == ["ref-child_care", "ref-transport"]
        paid = {(p.program, p.amount_cents) for p in fakes.named("authorize_payment")}
        assert paid == {(Program.SNAP, 53600), (Program.TANF, 61500)}
        await close(env, (handle), ClosureReason.CLIENT_REQUEST, "sup-0001")


async def test_finding_work_ends_tanf_and_starts_retention(env: WorkflowEnvironment) -> None:
    def wages_end_tanf(world: FakeServices, monthly_cents: int) -> None:
        world.benefits = {Program.SNAP: 12000, Program.TANF: None}

    fakes = FakeServices(benefits={Program.SNAP: 53600, Program.TANF: 61500},
                         on_wages=wages_end_tanf)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.TANF, household_size=3)
        await interview(env, handle)
        await verify_all(env, handle)
        await phase_reached(handle, Phase.PLAN)
        today = await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=[Need.EMPLOYMENT], goals=["Steady job"]))
        await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
        await phase_reached(handle, Phase.MONITORING)
        state = await handle.execute_update(CaseWorkflow.record_employment, EmploymentInput(
            "p1", today, 260000, 40, caseworker_id="cw-0001"))
        assert state.pending == "employment"
        [job] = [e for e in fakes.named("record_case_event") if e.kind == "employment_recorded"]
        assert job.detail["caseworker_id"] == "cw-0001"
        assert [c.caseworker_id for c in fakes.named("apply_household_change")] == ["cw-0001"]
        # Retention starts at once; losing TANF waits out its 10-day notice of adverse action.
        state = await phase_reached(handle, Phase.RETENTION)
        assert [d.eligible for d in state.decisions] == [True, True]
        # Ten days from the notice's mailing day (the test server's clock may have moved
        # on to a later day while the case waited, so the day is read off the clock).
        notice = next(d for d in state.deadlines if d.code == "ADVERSE_ACTION_NOTICE")
        assert notice.start_date >= mailing_day(today) and notice.start_date == mailing_day(
            notice.start_date)
        assert state.scheduled is not None
        assert state.scheduled_on == notice.due_date == action_day(notice.start_date)
        await env.sleep(timedelta(days=13))
        state = await handle.query(CaseWorkflow.status)
        entered = datetime.fromisoformat(state.history[-1].at)
        assert state.retention_end_date == sla.add_months(
            sla.local_date(entered, AGENCY_ZONE), sla.RETENTION_MONTHS)
        assert "adverse_action" in [n.kind for n in fakes.named("issue_notice")]
        assert [d.eligible for d in state.decisions] == [True, False]
        await close(env, (handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_change_report_that_raises_the_benefit_takes_effect_at_once(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 20000})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        fakes.benefits = {Program.SNAP: 35000}
        await handle.execute_update(CaseWorkflow.report_change, ChangeReport(
            await today_in_agency(env), [Income("p1", IncomeKind.WAGES, 0)]))
        with pytest.raises(WorkflowUpdateFailedError):  # one change at a time
            await handle.execute_update(CaseWorkflow.report_change, ChangeReport(
                await today_in_agency(env), []))
        state = await phase_reached(handle, Phase.MONITORING)
        for _ in range(100):
            state = await handle.query(CaseWorkflow.status)
            if not state.pending:
                break
        assert state.decisions[0].monthly_benefit_cents == 35000
        assert next(d for d in state.deadlines if d.code == "CHANGE_REPORT_ACTION").met
        assert "adverse_action" not in [n.kind for n in fakes.named("issue_notice")]
        await close(env, (handle), ClosureReason.MOVED, "cw-0001")


async def test_a_second_change_is_refused_while_the_first_is_still_being_applied(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 20000}, hold_changes=asyncio.Event())
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        today = await today_in_agency(env)
        first = asyncio.create_task(handle.execute_update(
            CaseWorkflow.report_change, ChangeReport(today, [Income("p1", IncomeKind.WAGES, 1)])))
        await fakes.change_started.wait()  # the first is mid-activity
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await asyncio.wait_for(handle.execute_update(
                CaseWorkflow.report_change, ChangeReport(today, [])), timeout=10)
        assert "a change is already being acted on" in str(refused.value.cause)
        fakes.hold_changes.set()
        assert (await first).pending == Pending.CHANGE
        assert len(fakes.named("apply_household_change")) == 1
        await close(env, handle, ClosureReason.MOVED, "cw-0001")


async def test_a_step_the_service_refuses_holds_the_case_and_is_retried_daily(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(refuse_payments=True)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await interview(env, handle)
        await verify_all(env, handle)
        state = await state_when(handle, lambda s: "REFUSED_STEP" in s.open_tasks)
        assert state.phase == Phase.SERVICES
        assert state.refused_step == "authorize_payment: INVALID_ARGUMENT"
        assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
        tried = len(fakes.named("authorize_payment"))
        await env.sleep(timedelta(days=2, hours=1))
        assert len(fakes.named("authorize_payment")) == tried + 2  # once a day, no more

        fakes.refuse_payments = False  # someone put the cause right
        await env.sleep(timedelta(days=1))
        state = await phase_reached(handle, Phase.MONITORING)
        assert "REFUSED_STEP" not in state.open_tasks and state.refused_step == ""
        # The first month is paid once (the days held may have run into the next).
        assert state.paid_periods[0] == sla.period_of(state.filing_date)
        assert len(set(state.paid_periods)) == len(state.paid_periods)
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
