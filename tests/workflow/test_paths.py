"""The paths a case takes besides the straight road, walked through simulated months on
the time-skipping server: a line per program, and no benefit cut without its notice."""

from __future__ import annotations

import uuid
from datetime import date, time, timedelta

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    AGENCY_ZONE,
    action_day,
    finished,
    mailing_day,
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
    plan_approved,
    to_monitoring,
    verification_requested,
    verify_all,
)
from workflows import clocks, sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    AppealedAction,
    AssessmentInput,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    HearingDecisionInput,
    HearingOutcome,
    HearingRequestInput,
    Income,
    IncomeKind,
    Need,
    Phase,
    PlanApprovalInput,
    Program,
    Requester,
    VerificationInput,
    VerificationKind,
)
from workflows.state import CaseInput, CaseState, ClockStatus, LineStatus


def paid(fakes: FakeServices, program: Program) -> dict[str, int]:
    """Each month authorised for `program`, with its amount."""
    return {p.period: p.amount_cents for p in fakes.named("authorize_payment")
            if p.program == program}


def deadline(state: CaseState, code: str) -> str:
    return next(d.due_date for d in state.deadlines if d.code == code)


async def test_snap_is_paid_from_the_determination_while_the_tanf_plan_waits(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 53600, Program.TANF: 61500})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.TANF, household_size=3)
        await interview(env, handle)
        await verify_all(env, handle)
        state = await state_when(handle, lambda s: s.phase == Phase.PLAN and bool(s.paid_periods))
        first = sla.period_of(state.filing_date)
        # SNAP is issued within its 30 days; TANF's month waits for the plan.
        assert paid(fakes, Program.SNAP) == {first: 53600} and paid(fakes, Program.TANF) == {}
        assert state.plan_held_periods == [first]
        assert [(line.program, line.status) for line in state.lines] == [
            (Program.SNAP, LineStatus.APPROVED), (Program.TANF, LineStatus.APPROVED)]

        # A month passes with the plan still unwritten: SNAP is paid for it, TANF held.
        await env.sleep(timedelta(days=32))
        second = sla.period_of(sla.first_of_next_month(state.filing_date))
        state = await latest(env, handle).query(CaseWorkflow.status)
        assert state.phase == Phase.PLAN and "ASSESSMENT" in state.open_tasks
        assert set(paid(fakes, Program.SNAP)) >= {first, second}
        assert paid(fakes, Program.TANF) == {} and state.plan_held_periods[:2] == [first, second]

        handle = latest(env, handle)
        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=[Need.EMPLOYMENT], goals=["Steady job"]))
        await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
        state = await phase_reached(handle, Phase.MONITORING)
        # The plan approved, every month TANF waited for is paid, each once.
        assert set(paid(fakes, Program.TANF)) == set(paid(fakes, Program.SNAP))
        assert state.plan_held_periods == []
        keys = [p.idempotency_key for p in fakes.named("authorize_payment")]
        assert len(set(keys)) == len({(p.program, p.period) for p in
                                      fakes.named("authorize_payment")})
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_monthly_redetermination_reduces_only_ten_days_after_its_notice(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        # The household's circumstances (not the rules) lower next month's benefit.
        fakes.benefits = {Program.SNAP: 15000}
        month = sla.first_of_next_month(state.filing_date)
        await sleep_until(env, sla.add_days(month, 1), time(9))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        notice = next(n for n in fakes.named("issue_notice") if n.kind == "adverse_action")
        # Mailed on the first business day of the month, which was determined on its
        # first; effective ten days on; the month itself paid unchanged.
        mailed = mailing_day(month)
        effective = action_day(mailed)
        assert state.scheduled is not None and state.scheduled_on == effective
        assert state.scheduled_on in notice.text
        assert paid(fakes, Program.SNAP)[sla.period_of(month)] == 29100
        assert state.decisions[0].monthly_benefit_cents == 29100
        await sleep_until(env, sla.add_days(effective, -1), time(23))
        assert (await handle.query(CaseWorkflow.status)).scheduled is not None
        await sleep_until(env, effective, time(1))
        state = await handle.query(CaseWorkflow.status)
        assert state.scheduled is None and state.decisions[0].monthly_benefit_cents == 15000
        adverse = next(d for d in state.deadlines if d.code == "ADVERSE_ACTION_NOTICE")
        assert (adverse.start_date, adverse.due_date) == (mailed, effective)
        assert adverse.met_on == effective and f"Mailed {mailed}." in notice.text
        await env.sleep(timedelta(days=25))
        later = sla.period_of(sla.first_of_next_month(month))
        assert paid(fakes, Program.SNAP)[later] == 15000
        await close(env, latest(env, handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_mass_change_takes_effect_in_its_month_with_a_notice_of_it(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100}, parameters=["snap.max@2025-10-01"])
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        # October's cost-of-living rules lower everyone's benefit: no individual advance
        # notice (7 CFR 273.12(e)), the new amount from that month on.
        fakes.benefits, fakes.parameters = {Program.SNAP: 28000}, ["snap.max@2026-10-01"]
        month = sla.period_of(sla.first_of_next_month(state.filing_date))
        await env.sleep(timedelta(days=33))
        assert paid(fakes, Program.SNAP)[month] == 28000
        kinds = [n.kind for n in fakes.named("issue_notice")]
        assert "adverse_action" not in kinds and kinds.count("decision") == 2
        await close(env, latest(env, handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_closure_for_ineligibility_waits_out_its_notice(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        state = await handle.execute_update(
            CaseWorkflow.close_case, ClosureInput(ClosureReason.INELIGIBLE, "cw-0001"))
        # Answered at once: the closure is scheduled, the case still open.
        assert state.phase == Phase.MONITORING and state.closing is not None
        mailed = next(d.start_date for d in state.deadlines if d.code == "ADVERSE_ACTION_NOTICE")
        assert state.closing_on == action_day(mailed)
        notice = fakes.named("issue_notice")[-1]
        assert notice.kind == "adverse_action" and state.closing_on in notice.text
        assert "continue unchanged" in notice.text
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await handle.execute_update(
                CaseWorkflow.close_case, ClosureInput(ClosureReason.CLIENT_REQUEST, "cw-0001"))
        assert "already closing" in str(refused.value.cause)
        final: CaseState = await finished(env, handle)
        assert final.phase == Phase.CLOSED and final.closure_reason == ClosureReason.INELIGIBLE
        assert final.closed_date == state.closing_on


async def test_closing_one_program_leaves_the_others_going(env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100, Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.MEDICAID)
        await to_monitoring(env, handle)
        state = await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
            ClosureReason.CLIENT_REQUEST, "cw-0001", program=Program.MEDICAID))
        medicaid = state.line(Program.MEDICAID)
        assert medicaid is not None and medicaid.status == LineStatus.CLOSED
        assert medicaid.closure_reason == ClosureReason.CLIENT_REQUEST
        assert state.phase == Phase.MONITORING and state.programs == [Program.SNAP]
        assert "Medicaid" in fakes.named("issue_notice")[-1].text
        await env.sleep(timedelta(days=32))
        last = fakes.named("determine_eligibility")[-1]
        assert last.programs == [Program.SNAP]
        await close(env, latest(env, handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_case_without_snap_missing_proof_is_denied_with_no_snap_reopen_window(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.MEDICAID)
        state = await state_when(handle, lambda s: bool(s.verifications))
        due = state.verifications[0].due_date
        final: CaseState = await finished(env, handle)
        assert final.closure_reason == ClosureReason.FAILURE_TO_PROVIDE
        assert final.closed_date == sla.add_days(due, 1)
        assert "SNAP_REOPEN_WINDOW" not in {d.code for d in final.deadlines}
        denial = next(n for n in fakes.named("issue_notice") if n.kind == "decision")
        assert "reopened" not in denial.text and "fair hearing" in denial.text


async def reduction_noticed(env: WorkflowEnvironment, fakes: FakeServices,
                            handle: WorkflowHandle) -> CaseState:
    """A change report lowers the benefit: its reduction waits out the notice."""
    fakes.benefits = {Program.SNAP: 15000}
    await handle.execute_update(CaseWorkflow.report_change, ChangeReport(
        await today_in_agency(env), [Income("p1", IncomeKind.WAGES, 90000)]))
    return await state_when(handle, lambda s: s.scheduled is not None and not s.pending)


async def test_a_hearing_asked_in_time_keeps_benefits_unchanged_until_it_is_decided(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        state = await reduction_noticed(env, fakes, handle)
        effective, today = state.scheduled_on, await today_in_agency(env)
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, today, AppealedAction.REDUCTION, Requester.HOUSEHOLD, "cw-0001"))
        hearing = state.hearings[0]
        assert hearing.continued_benefits and hearing.decide_by == sla.add_days(today, 60)
        assert deadline(state, "SNAP_HEARING_DECISION") == hearing.decide_by
        ack = fakes.named("issue_notice")[-1]
        assert ack.kind == "hearing" and "continue unchanged" in ack.text
        with pytest.raises(WorkflowUpdateFailedError):  # one hearing per program at a time
            await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
                Program.SNAP, today, AppealedAction.REDUCTION, Requester.HOUSEHOLD, "cw-0001"))

        # Past the effective date and into the next month: nothing is cut meanwhile.
        await env.sleep(timedelta(days=40))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        assert state.scheduled is not None and state.decisions[0].monthly_benefit_cents == 29100
        later = [period for period in paid(fakes, Program.SNAP) if period > effective[:7]]
        assert later and all(paid(fakes, Program.SNAP)[p] == 29100 for p in later)

        decided = await today_in_agency(env)
        state = await handle.execute_update(
            CaseWorkflow.record_hearing_decision,
            HearingDecisionInput(hearing.hearing_id, decided, HearingOutcome.UPHELD, "alj-01"))
        assert state.hearings[0].outcome == HearingOutcome.UPHELD
        assert state.hearings[0].act_by == sla.add_days(decided, 10)
        state = await state_when(handle, lambda s: s.scheduled is None)
        assert state.decisions[0].monthly_benefit_cents == 15000
        decision = next(d for d in state.deadlines if d.code == "SNAP_HEARING_DECISION")
        assert decision.met_on == decided and decision.status == ClockStatus.MET
        claim = [e for e in fakes.named("record_case_event") if e.kind == "hearing_decided"]
        assert claim[0].detail["overissuance_claim"] is True
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_reversed_hearing_drops_the_action_or_sets_the_caseworker_to_undo_it(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        state = await reduction_noticed(env, fakes, handle)
        today = await today_in_agency(env)
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, today, AppealedAction.REDUCTION, Requester.LEGAL_REPRESENTATIVE,
            "cw-0001"))
        state = await handle.execute_update(
            CaseWorkflow.record_hearing_decision, HearingDecisionInput(
                state.hearings[0].hearing_id, today, HearingOutcome.REVERSED, "alj-01"))
        # The pending reduction is dropped: the decision is carried out at once.
        assert state.scheduled is None and state.decisions[0].monthly_benefit_cents == 29100
        assert "HEARING_DECISION" not in state.open_tasks

        # A later appeal of the amount itself, reversed: a caseworker must correct it.
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, today, AppealedAction.BENEFIT_AMOUNT, Requester.HOUSEHOLD, "cw-0001"))
        assert not state.hearings[1].continued_benefits
        with pytest.raises(WorkflowUpdateFailedError):  # no such hearing
            await handle.execute_update(CaseWorkflow.record_hearing_decision,
                                        HearingDecisionInput("nope", today,
                                                             HearingOutcome.UPHELD, "alj-01"))
        state = await handle.execute_update(
            CaseWorkflow.record_hearing_decision, HearingDecisionInput(
                state.hearings[1].hearing_id, today, HearingOutcome.REVERSED, "alj-01"))
        assert "HEARING_DECISION" in state.open_tasks
        act = next(d for d in state.deadlines if d.code == "SNAP_HEARING_DECISION_ACTION"
                   and d.ref == state.hearings[1].hearing_id)
        assert act.due_date == sla.add_days(today, 10) and not act.met
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def expedited_to_monitoring(env: WorkflowEnvironment, handle: WorkflowHandle) -> CaseState:
    """An expedited household proves only its identity before it is issued."""
    await interview(env, handle)
    await verification_requested(handle)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "state ID", await today_in_agency(env), "cw-0001"))
    return await phase_reached(handle, Phase.MONITORING)


async def test_expedited_months_are_paid_then_later_ones_held_until_the_proof_redetermines(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(expedited=True)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await expedited_to_monitoring(env, handle)
        held = state.first_held_period()
        # 7 CFR 273.2(i)(3)(iii): filed after the 15th, the next month is paid too.
        late = int(state.filing_date[8:10]) > 15
        assert held == sla.period_of(sla.add_months(f"{state.filing_date[:7]}-01",
                                                    2 if late else 1))
        await sleep_until(env, f"{held}-02", time(9))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        assert state.held_periods == [held] and "POSTPONED_VERIFICATION" in state.open_tasks
        assert held not in paid(fakes, Program.SNAP)
        assert all(period < held for period in paid(fakes, Program.SNAP))
        notice = [n for n in fakes.named("issue_notice") if n.kind == "verification_request"][-1]
        assert f"Benefits for {held} and later are held" in notice.text
        assert sla.add_days(sla.first_of_next_month(f"{held}-01"), -1) in notice.text

        # The proof arrives: the case is determined on it, then the held month paid at
        # the amount that determination decided.
        fakes.benefits = {Program.SNAP: 25000}
        determined = len(fakes.named("determine_eligibility"))
        for item in state.verifications:
            if not item.received:
                await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
                    item.kind, "pay stubs", await today_in_agency(env), "cw-0001"))
        state = await state_when(handle, lambda s: "POSTPONED_VERIFICATION" not in s.open_tasks)
        assert state.held_periods == [] and paid(fakes, Program.SNAP)[held] == 25000
        assert fakes.named("determine_eligibility")[determined].period == held
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_expedited_snap_ends_with_notice_when_the_postponed_proof_never_comes(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(expedited=True)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await expedited_to_monitoring(env, handle)
        held = state.first_held_period()
        after = sla.first_of_next_month(f"{held}-01")
        await sleep_until(env, sla.add_days(after, 1), time(9))
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED
        assert final.closure_reason == ClosureReason.FAILURE_TO_PROVIDE
        assert final.closed_date == after and final.held_periods == []
        ended = next(n for n in fakes.named("issue_notice") if "have ended" in n.text)
        assert "7 CFR 273.2(i)(4)(iii)" in ended.text and "fair hearing" in ended.text
        assert held not in paid(fakes, Program.SNAP)


def weekday_on_or_after(day: str, weekday: int) -> str:
    while date.fromisoformat(day).weekday() != weekday:
        day = sla.add_days(day, 1)
    return day


async def test_a_notice_period_ending_on_a_weekend_waits_out_the_next_business_day(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        await to_monitoring(env, handle)
        # A Thursday mailing: its notice period ends on the Saturday nine days on, so the
        # action would be due the Sunday.
        thursday = weekday_on_or_after(sla.add_days(await today_in_agency(env), 3), 3)
        while not all(clocks.is_business_day(sla.add_days(thursday, n), "IL") for n in (0, 11)):
            thursday = sla.add_days(thursday, 7)
        await sleep_until(env, thursday, time(12))
        state = await reduction_noticed(env, fakes, handle)
        monday = sla.add_days(thursday, 11)
        # 7 CFR 273.13(a)(1): a request the Monday after is timely, so the cut waits.
        assert state.scheduled_on == sla.add_days(monday, 1)
        notice = next(n for n in fakes.named("issue_notice") if n.kind == "adverse_action")
        assert f"If you ask before {state.scheduled_on}, your benefits continue" in notice.text

        await sleep_until(env, monday, time(10))
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, monday, AppealedAction.REDUCTION, Requester.HOUSEHOLD, "cw-0001"))
        assert state.hearings[0].continued_benefits
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_closed_case_is_open_to_appeal_and_a_reversal_reinstates_it(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        await to_monitoring(env, handle)
        closed_on = await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
            ClosureReason.MOVED, "cw-0001"))
        state = await state_when(handle, lambda s: s.phase == Phase.CLOSED)
        assert [(line.program, line.status) for line in state.lines] == [
            (Program.SNAP, LineStatus.CLOSED)]
        assert state.last_hearing_day() == sla.add_days(closed_on, 90)
        before = paid(fakes, Program.SNAP)

        # Six weeks on, the household appeals the closure: the closed case takes it.
        await env.sleep(timedelta(days=42))
        asked = await today_in_agency(env)
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, asked, AppealedAction.CLOSURE, Requester.HOUSEHOLD, "cw-0001"))
        hearing = state.hearings[0]
        assert state.phase == Phase.CLOSED and not hearing.continued_benefits
        assert hearing.decide_by == sla.add_days(asked, 60)

        # Reversed: SNAP is reinstated, determined again and the months lost are paid.
        await env.sleep(timedelta(days=20))
        decided = await today_in_agency(env)
        state = await handle.execute_update(
            CaseWorkflow.record_hearing_decision,
            HearingDecisionInput(hearing.hearing_id, decided, HearingOutcome.REVERSED, "alj-01"))
        state = await state_when(handle, lambda s: s.phase == Phase.MONITORING
                                 and s.paid_periods[-1] == decided[:7])
        assert state.closure_reason is None and state.closed_date == ""
        assert [(line.program, line.status) for line in state.lines] == [
            (Program.SNAP, LineStatus.APPROVED)]
        restored = {p: c for p, c in paid(fakes, Program.SNAP).items() if p not in before}
        months = [sla.period_of(sla.first_of_next_month(f"{max(before)}-01"))]
        while months[-1] < decided[:7]:
            months.append(sla.period_of(sla.first_of_next_month(f"{months[-1]}-01")))
        assert restored == {month: 29100 for month in months}
        act = next(d for d in state.deadlines if d.code == "SNAP_HEARING_DECISION_ACTION")
        assert act.status == ClockStatus.MET and "HEARING_DECISION" not in state.open_tasks
        text = fakes.named("issue_notice")
        assert any("case is reopened" in n.text for n in text if n.kind == "hearing")
        assert "reinstated" in [e.kind for e in fakes.named("record_case_event")]
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_denial_reversed_at_a_hearing_pays_from_the_application(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await state_when(handle, lambda s: bool(s.interview_date))
        filed = state.filing_date
        # No interview: denied after day 30 (7 CFR 273.2(g)(3)).
        await sleep_until(env, sla.add_days(filed, 33), time(9))
        state = await state_when(handle, lambda s: s.phase == Phase.CLOSED)
        assert state.closure_reason == ClosureReason.MISSED_INTERVIEW
        assert [(line.program, line.status) for line in state.lines] == [
            (Program.SNAP, LineStatus.DENIED)]

        asked = await today_in_agency(env)
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, asked, AppealedAction.DENIAL, Requester.HOUSEHOLD, "cw-0001"))
        state = await handle.execute_update(
            CaseWorkflow.record_hearing_decision, HearingDecisionInput(
                state.hearings[0].hearing_id, asked, HearingOutcome.REVERSED, "alj-01"))
        state = await state_when(handle, lambda s: s.phase == Phase.MONITORING)
        # Decided as an application: from the filing month, every month since paid.
        assert sla.period_of(filed) in paid(fakes, Program.SNAP)
        assert state.certification_end_date == sla.certification_end(filed)
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_closed_case_ends_when_its_last_hearing_window_has_passed(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        await to_monitoring(env, handle)
        await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
            ClosureReason.CLIENT_REQUEST, "cw-0001"))
        state = await state_when(handle, lambda s: s.phase == Phase.CLOSED)
        last = state.last_hearing_day()
        await sleep_until(env, last, time(23))
        assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
        with pytest.raises(WorkflowUpdateFailedError):  # the case itself is closed
            await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
                ClosureReason.CLIENT_REQUEST, "cw-0001"))
        await sleep_until(env, sla.add_days(last, 1), time(9))
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED and final.hearings == []


async def test_a_hearing_on_one_program_holds_only_that_programs_cut(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, _ = await family_in_plan(env, worker)
        await plan_approved(handle)
        # More wages lower both benefits; the household appeals SNAP's cut alone.
        fakes.benefits = {Program.SNAP: 30000, Program.TANF: 40000}
        today = await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.report_change, ChangeReport(
            today, [Income("p1", IncomeKind.WAGES, 90000)]))
        state = await state_when(handle, lambda s: s.scheduled is not None and not s.pending)
        effective = state.scheduled_on
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.SNAP, today, AppealedAction.REDUCTION, Requester.HOUSEHOLD, "cw-0001"))
        assert state.hearings[0].continued_benefits

        # On the effective date TANF's cut takes effect; SNAP's waits for the decision.
        await sleep_until(env, effective, time(9))
        state = await handle.query(CaseWorkflow.status)
        assert {d.program: d.monthly_benefit_cents for d in state.decisions} == {
            Program.SNAP: 53600, Program.TANF: 40000}
        assert state.scheduled is not None and [
            r.program for r in state.scheduled.programs] == [Program.SNAP]
        timers = sum(e.event_type == EventType.EVENT_TYPE_TIMER_STARTED
                     for e in (await handle.fetch_history()).events)
        assert timers < 100  # the part held is not tried again and again

        decided = await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.record_hearing_decision, HearingDecisionInput(
            state.hearings[0].hearing_id, decided, HearingOutcome.UPHELD, "alj-01"))
        state = await state_when(handle, lambda s: s.scheduled is None)
        assert {d.program: d.monthly_benefit_cents for d in state.decisions} == {
            Program.SNAP: 30000, Program.TANF: 40000}
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_hearing_on_one_program_keeps_it_open_while_the_closure_takes_the_rest(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29100, Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.MEDICAID)
        await to_monitoring(env, handle)
        state = await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
            ClosureReason.INELIGIBLE, "cw-0001"))
        effective, today = state.closing_on, await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.MEDICAID, today, AppealedAction.CLOSURE, Requester.HOUSEHOLD, "cw-0001"))

        await sleep_until(env, effective, time(9))
        state = await handle.query(CaseWorkflow.status)
        # SNAP closes on its date; Medicaid, appealed in time, stays open until decided.
        assert {line.program: line.status for line in state.lines} == {
            Program.SNAP: LineStatus.CLOSED, Program.MEDICAID: LineStatus.APPROVED}
        assert state.phase == Phase.MONITORING and state.closing is not None
        assert state.closing.program == Program.MEDICAID

        decided = await today_in_agency(env)
        await handle.execute_update(CaseWorkflow.record_hearing_decision, HearingDecisionInput(
            state.hearings[0].hearing_id, decided, HearingOutcome.UPHELD, "alj-01"))
        state = await state_when(handle, lambda s: s.phase == Phase.CLOSED)
        assert {line.program: line.status for line in state.lines} == {
            Program.SNAP: LineStatus.CLOSED, Program.MEDICAID: LineStatus.CLOSED}


async def test_a_tanf_hearing_runs_the_states_clocks(env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, Program.TANF, household_size=3)
        await interview(env, handle)
        today = await today_in_agency(env)
        # Illinois: decided within 60 days of the appeal, carried out within 90 of it.
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.TANF, today, AppealedAction.DELAY, Requester.HOUSEHOLD, "cw-0001"))
        hearing = state.hearings[0]
        assert hearing.decide_by == sla.add_days(today, 60)
        ack = fakes.named("issue_notice")[-1]
        assert f"by {hearing.decide_by} (89 Ill. Adm. Code 104.70(b))" in ack.text
        state = await handle.execute_update(CaseWorkflow.record_hearing_decision,
                                            HearingDecisionInput(hearing.hearing_id, today,
                                                                 HearingOutcome.UPHELD, "alj-01"))
        assert state.hearings[0].act_by == sla.add_days(today, 90)
        assert deadline(state, "TANF_HEARING_DECISION") == hearing.decide_by
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_an_oregon_tanf_hearing_has_its_decision_time_and_no_action_clock(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        today = await today_in_agency(env)
        handle = await start(env, worker, CaseInput(
            uuid.uuid4().hex, [Program.SNAP, Program.TANF], "OR", today, county="Multnomah",
            household_size=3, agency_timezone=AGENCY_ZONE))
        await interview(env, handle)
        # OAR 461-025-0375(1)(a): a final order within 90 days, in effect when signed.
        state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
            Program.TANF, today, AppealedAction.DELAY, Requester.HOUSEHOLD, "cw-0001"))
        assert state.hearings[0].decide_by == sla.add_days(today, 90)
        state = await handle.execute_update(CaseWorkflow.record_hearing_decision,
                                            HearingDecisionInput(state.hearings[0].hearing_id,
                                                                 today, HearingOutcome.UPHELD,
                                                                 "alj-01"))
        assert state.hearings[0].act_by == ""
        assert not any(d.code == "TANF_HEARING_DECISION_ACTION" for d in state.deadlines)
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_withdrawn_application_leaves_no_clock_to_breach_while_open_to_appeal(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await state_when(handle, lambda s: bool(s.interview_date))
        # Withdrawn before the interview: the closure disposes of the application.
        await handle.execute_update(CaseWorkflow.close_case, ClosureInput(
            ClosureReason.CLIENT_REQUEST, "cw-0001"))
        closed = await state_when(handle, lambda s: s.phase == Phase.CLOSED)
        processing = next(d for d in closed.deadlines
                          if d.code == "SNAP_APPLICATION_PROCESSING")
        assert processing.status == ClockStatus.MET and processing.met_on == closed.closed_date
        await sleep_until(env, sla.add_days(state.filing_date, 40), time(9))
        state = await handle.query(CaseWorkflow.status)
        assert state.phase == Phase.CLOSED and "DEADLINE_BREACHED" not in state.open_tasks
        assert not [e for e in fakes.named("record_case_event") if e.kind == "deadline_breached"]
