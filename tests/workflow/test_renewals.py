"""Recertification and renewal as processes, walked through a year of simulated time on
the time-skipping server: SNAP's notice of expiration, application and interview, a
household that never recertifies, and Medicaid renewed ex parte, by form, or not."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import finished, new_worker, phase_reached, start_case, state_when
from tests.workflow.fakes import FakeServices
from tests.workflow.test_calendar import latest, sleep_until
from tests.workflow.test_case import close, to_monitoring
from workflows import sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    ClosureReason,
    CoverageGroup,
    InterviewInput,
    MemberCoverage,
    Phase,
    Program,
    RenewalInput,
    VerificationInput,
    VerificationKind,
)
from workflows.state import CaseState, ClockStatus, LineStatus


async def month_by_month(env: WorkflowEnvironment, until: str) -> None:
    """Skip to the morning of `until` a month at a time (each skip's RPC stays short)."""
    while True:
        now = (await env.get_current_time()).date().isoformat()
        if sla.add_days(now, 31) >= until:
            await sleep_until(env, until, time(9))
            return
        await env.sleep(timedelta(days=30))


def notices_of(fakes: FakeServices, kind: str) -> list[Any]:
    return [n for n in fakes.named("issue_notice") if n.kind == kind]


async def into_expiration_month(env: WorkflowEnvironment, handle: WorkflowHandle,
                                 period_end: str) -> tuple[WorkflowHandle, str]:
    """Skip to the second day of the period's next-to-last month, when the notice of
    expiration has gone out: the case's current run and that day."""
    penultimate = f"{sla.period_of(sla.add_months(period_end, -1))}-01"
    await month_by_month(env, sla.add_days(penultimate, 1))
    return latest(env, handle), sla.add_days(penultimate, 1)


async def test_a_recertification_filed_and_interviewed_starts_a_new_period(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        first_run = (await handle.describe()).run_id
        period_end = state.certification_end_date
        assert period_end == sla.certification_end(state.filing_date)
        # The notice of expiration comes at the start of the next-to-last month.
        handle, today = await into_expiration_month(env, handle, period_end)
        state = await handle.query(CaseWorkflow.status)
        notice = notices_of(fakes, "expiration")[0]
        file_by = f"{period_end[:7]}-15"
        assert period_end in notice.text and file_by in notice.text
        assert state.renewals[0].started_on == sla.add_days(today, -1)
        assert state.renewals[0].due_date == file_by

        state = await handle.execute_update(CaseWorkflow.submit_renewal,
                                            RenewalInput(Program.SNAP, today, "cw-0001"))
        assert "RECERTIFICATION" in state.open_tasks
        # 7 CFR 273.14(d)(1): the agency owes the new period's benefits without a break.
        processing = state.clock("SNAP_RECERTIFICATION_PROCESSING")
        assert (processing.start_date, processing.due_date, processing.met) == (
            today, sla.add_days(period_end, 1), False)
        state = await handle.execute_update(CaseWorkflow.record_interview,
                                            InterviewInput("cw-0001", today))
        assert state.renewals[0].complete()
        # 7 CFR 273.2(f)(8): the household's income is proved again, in 10 days.
        asked = notices_of(fakes, "verification_request")[-1]
        assert "income" in asked.text and f"benefits end on {period_end}" in asked.text
        income = state.item(VerificationKind.INCOME)
        assert income is not None and not income.received
        assert income.due_date == sla.add_days(today, 10)
        assert state.proof_missing(state.renewals[0]) == [VerificationKind.INCOME]
        assert fakes.named("record_verification")[-1].item.last_action == "requested_again"
        state = await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
            VerificationKind.INCOME, "pay stubs", today, "cw-0001"))
        assert state.proof_missing(state.renewals[0]) == []

        await month_by_month(env, sla.add_days(period_end, 3))
        handle = latest(env, handle)
        state = await phase_reached(handle, Phase.MONITORING)
        assert (await handle.describe()).run_id != first_run
        assert state.certification_end_date == sla.certification_end(sla.add_days(period_end, 1))
        line = state.line(Program.SNAP)
        assert line is not None and line.period_end == state.certification_end_date
        assert "RECERTIFICATION" not in state.open_tasks
        assert state.clock("SNAP_RECERTIFICATION_PROCESSING").status == ClockStatus.MET
        assert sla.period_of(sla.add_days(period_end, 1)) in state.paid_periods
        keys = [p.idempotency_key for p in fakes.named("authorize_payment")]
        assert len(keys) == len(set(keys))
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_recertification_never_returned_closes_when_the_period_ends(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        period_end = state.certification_end_date
        await month_by_month(env, sla.add_days(period_end, 2))
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED
        assert final.closure_reason == ClosureReason.FAILED_TO_RECERTIFY
        assert final.closed_date == sla.add_days(period_end, 1)
        line = final.line(Program.SNAP)
        assert line is not None and line.status == LineStatus.CLOSED
        assert notices_of(fakes, "expiration")
        ended = notices_of(fakes, "closure")[0]
        assert period_end in ended.text and "not recertified" in ended.text
        # Nothing was paid for the month after the period.
        assert sla.period_of(sla.add_days(period_end, 1)) not in final.paid_periods


async def test_a_recertification_without_its_proof_closes_when_the_period_ends(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        period_end = state.certification_end_date
        handle, today = await into_expiration_month(env, handle, period_end)
        await handle.execute_update(CaseWorkflow.submit_renewal,
                                    RenewalInput(Program.SNAP, today, "cw-0001"))
        await handle.execute_update(CaseWorkflow.record_interview,
                                    InterviewInput("cw-0001", today))
        # The proof asked for again never comes: the period ends, and SNAP with it
        # (7 CFR 273.14(e)), though every month of the period was paid.
        await month_by_month(env, sla.add_days(period_end, 2))
        final = await finished(env, handle)
        assert final.closure_reason == ClosureReason.FAILED_TO_RECERTIFY
        assert final.closed_date == sla.add_days(period_end, 1)
        proof = next(d for d in final.deadlines if d.code == "VERIFICATION_DUE"
                     and d.ref == f"recertification-proof-{period_end}")
        assert not proof.met and proof.due_date == sla.add_days(today, 10)
        assert sla.period_of(period_end) in final.paid_periods


async def medicaid_case(env: WorkflowEnvironment, fakes: FakeServices,
                        worker: Any) -> tuple[WorkflowHandle[CaseWorkflow, CaseState], str]:
    handle = await start_case(env, worker, Program.MEDICAID)
    state = await state_when(handle, lambda s: bool(s.verifications))
    today = (await env.get_current_time()).date().isoformat()
    from workflows.inputs import VerificationInput
    for item in state.verifications:
        await handle.execute_update(CaseWorkflow.submit_verification,
                                    VerificationInput(item.kind, "state data hub", today,
                                                      "cw-0001"))
    state = await phase_reached(handle, Phase.MONITORING)
    line = state.line(Program.MEDICAID)
    assert line is not None and line.status == LineStatus.APPROVED
    return handle, line.period_end


async def test_medicaid_is_renewed_ex_parte_without_asking_the_household(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, period_end = await medicaid_case(env, fakes, worker)
        determined = len(fakes.named("determine_eligibility"))
        start = f"{sla.period_of(sla.add_months(period_end, -1))}-01"
        await month_by_month(env, sla.add_days(start, 1))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        # Not redetermined monthly: one determination for the year's renewal.
        assert len(fakes.named("determine_eligibility")) == determined + 1
        line = state.line(Program.MEDICAID)
        assert line is not None
        assert line.period_end == sla.certification_end(sla.add_days(period_end, 1), 12)
        assert state.renewals[0].ex_parte and not notices_of(fakes, "expiration")
        assert state.clock("MEDICAID_RENEWAL_PROCESSING").status == ClockStatus.MET
        assert "renewed" in fakes.named("issue_notice")[-1].text
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_an_expansion_adult_is_renewed_every_six_months_from_2027(
        env: WorkflowEnvironment) -> None:
    # P.L. 119-21 sec. 71107: renewals scheduled from 2026-12-31 come every six months for
    # the adult expansion group; a parent or caretaker relative keeps the year.
    if (await env.get_current_time()).date().isoformat() < "2027-01-02":
        await sleep_until(env, "2027-01-04", time(9))
    for group, months in ((CoverageGroup.EXPANSION_ADULT, 6),
                          (CoverageGroup.PARENT_CARETAKER, 12)):
        fakes = FakeServices(benefits={Program.MEDICAID: 0},
                             coverage=[MemberCoverage("p1", True, "adult", group)])
        async with new_worker(env.client, fakes.activities()) as worker:
            handle, period_end = await medicaid_case(env, fakes, worker)
            filed = (await handle.query(CaseWorkflow.status)).filing_date
            assert period_end == sla.certification_end(filed, months)
            # Renewed ex parte on the same cycle.
            start = f"{sla.period_of(sla.add_months(period_end, -1))}-01"
            await month_by_month(env, sla.add_days(start, 1))
            handle = latest(env, handle)
            line = (await handle.query(CaseWorkflow.status)).line(Program.MEDICAID)
            assert line is not None and line.period_end == sla.certification_end(
                sla.add_days(period_end, 1), months)
            await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_medicaid_renewed_by_form_and_ended_with_notice_when_none_comes(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, period_end = await medicaid_case(env, fakes, worker)
        # Ex parte data no longer shows eligibility: the prepopulated form goes out.
        fakes.benefits = {Program.MEDICAID: None}
        start = f"{sla.period_of(sla.add_months(period_end, -1))}-01"
        await month_by_month(env, sla.add_days(start, 1))
        handle = latest(env, handle)
        state = await handle.query(CaseWorkflow.status)
        form = notices_of(fakes, "expiration")[0]
        due = sla.add_days(start, 30)
        assert state.renewals[0].due_date == due and due in form.text
        processing = state.clock("MEDICAID_RENEWAL_PROCESSING")  # the agency's, to the end
        assert (processing.due_date, processing.met) == (period_end, False)
        # Not returned: the notice of adverse action, coverage ending with the period.
        await sleep_until(env, sla.add_days(due, 2), time(9))
        state = await handle.query(CaseWorkflow.status)
        assert state.closing is not None and state.closing_on == sla.add_days(period_end, 1)
        assert notices_of(fakes, "adverse_action")
        # The form comes back late but within the notice period: the closure is dropped
        # and coverage is determined on it.
        fakes.benefits = {Program.MEDICAID: 0}
        today = sla.add_days(due, 2)
        state = await handle.execute_update(CaseWorkflow.submit_renewal,
                                            RenewalInput(Program.MEDICAID, today, "cw-0001"))
        state = await state_when(handle, lambda s: not s.pending and s.closing is None)
        line = state.line(Program.MEDICAID)
        assert line is not None and line.status == LineStatus.APPROVED
        assert line.period_end == sla.certification_end(sla.add_days(period_end, 1), 12)
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_medicaid_form_never_returned_ends_coverage_then_closes_after_reconsideration(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.MEDICAID: 0})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, period_end = await medicaid_case(env, fakes, worker)
        fakes.benefits = {Program.MEDICAID: None}
        ended = sla.add_days(period_end, 1)
        await month_by_month(env, sla.add_days(ended, 1))
        state = await latest(env, handle).query(CaseWorkflow.status)
        line = state.line(Program.MEDICAID)
        assert line is not None and line.status == LineStatus.CLOSED
        assert line.closed_on == ended and state.phase == Phase.MONITORING
        reconsider = next(d for d in state.deadlines if d.code == "MEDICAID_RECONSIDERATION")
        assert reconsider.due_date == sla.add_days(ended, 90)
        await month_by_month(env, sla.add_days(reconsider.due_date, 2))
        final = await finished(env, handle)
        assert final.phase == Phase.CLOSED
        assert final.closure_reason == ClosureReason.FAILED_TO_RECERTIFY
