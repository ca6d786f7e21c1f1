"""The agency's calendar in the running workflow: deadlines to the day and the hour, and
daylight-saving nights, on the time-skipping server."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    AGENCY_ZONE,
    finished,
    new_worker,
    phase_reached,
    start,
    start_case,
    state_when,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import close, interview, to_monitoring, verification_requested
from workflows import clocks, sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    ClosureReason,
    Phase,
    Program,
    RescheduleInput,
)
from workflows.state import CaseInput, CaseState, ClockStatus, Task

ZONE = ZoneInfo(AGENCY_ZONE)


async def sleep_until(env: WorkflowEnvironment, day: str, at: time) -> None:
    """Skip the test server's clock to a wall time in the agency's zone."""
    target = datetime.combine(date.fromisoformat(day), at, tzinfo=ZONE)
    now: datetime = await env.get_current_time()
    assert target > now
    await env.sleep(target - now)


def next_clock_change(after: datetime, *, forward: bool) -> str:
    """The first local date after `after` on which the agency's clocks go forward an hour
    (`forward`) or back."""
    day = after.astimezone(ZONE).date()
    while True:
        day += timedelta(days=1)
        morning, evening = (datetime.combine(day, at, tzinfo=ZONE).utcoffset()
                            for at in (time(0), time(23)))
        if morning is not None and evening is not None and morning != evening \
                and (evening > morning) == forward:
            return day.isoformat()


def is_spring_forward(day: str) -> bool:
    return next_clock_change(datetime.fromisoformat(day).replace(tzinfo=ZONE)
                             - timedelta(days=1), forward=True) == day


def latest(
    env: WorkflowEnvironment, handle: WorkflowHandle[Any, Any]
) -> WorkflowHandle[CaseWorkflow, CaseState]:
    """A handle on the case's current run: these tests skip months, in which the case may
    reach its certification boundary and continue as new."""
    return env.client.get_workflow_handle_for(CaseWorkflow.run, handle.id)


async def timers_started(handle: WorkflowHandle) -> int:
    history = await handle.fetch_history()
    return sum(e.event_type == EventType.EVENT_TYPE_TIMER_STARTED for e in history.events)


async def test_denial_for_missing_proof_comes_only_after_the_whole_of_day_30(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        await interview(env, handle)
        state = await phase_reached(handle, Phase.VERIFICATION)
        day_30 = sla.add_days(state.filing_date, 30)

        await sleep_until(env, day_30, time(23, 30))
        state = await handle.query(CaseWorkflow.status)
        assert state.open_tasks == [Task.VERIFICATION_OVERDUE]  # 273.2(g)(1): all of day 30
        # No denial yet (the request itself warned that one may come).
        assert "decision" not in [n.kind for n in fakes.named("issue_notice")]

        await sleep_until(env, sla.add_days(day_30, 1), time(0, 30))
        state = await state_when(handle, lambda s: Task.DENIED_FAILURE_TO_PROVIDE in s.open_tasks)
        denial = fakes.named("issue_notice")[-1]
        assert denial.idempotency_key.endswith(":denied-failure-to-provide")
        reopen_until = sla.add_days(state.filing_date, 60)
        assert f"by {reopen_until}" in denial.text
        assert "not provided: identity, income, residency, expenses." in denial.text
        hearing = next(d for d in state.deadlines if d.code == "FAIR_HEARING_REQUEST")
        assert hearing.due_date == sla.add_days(day_30, 91)  # 90 days from the day after day 30
        assert f"fair hearing until {hearing.due_date}" in denial.text
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_wake_due_on_fall_back_night_comes_that_morning_without_spinning(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        fall_back = next_clock_change(await env.get_current_time() + timedelta(days=5),
                                      forward=False)
        # Proof asked for 11 days before: due the Saturday, overdue at Sunday's midnight.
        await sleep_until(env, sla.add_days(fall_back, -11), time(12))
        handle = latest(env, await start_case(env, worker))
        await interview(env, handle)
        state = await verification_requested(handle)
        assert state.verification_due() == sla.add_days(fall_back, -1)
        before = await timers_started(handle)

        await sleep_until(env, fall_back, time(9))
        state = await state_when(handle, lambda s: Task.VERIFICATION_OVERDUE in s.open_tasks)
        due = next(d for d in state.deadlines if d.code == "VERIFICATION_DUE")
        assert due.status == ClockStatus.LAPSED
        # The old date helper called midnight "yesterday" for an hour and re-armed a
        # one-second timer all that hour (3,600 timers); now the night takes a few.
        assert await timers_started(handle) - before < 10


async def test_benefits_across_both_switch_nights_are_paid_once_a_month(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 29_100})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await to_monitoring(env, handle)
        now = await env.get_current_time()
        first = min(next_clock_change(now, forward=False), next_clock_change(now, forward=True))
        second = next_clock_change(datetime.fromisoformat(first).replace(tzinfo=ZONE),
                                   forward=not is_spring_forward(first))
        await sleep_until(env, sla.add_days(second, 1), time(9))
        # Every month from filing to the second night (or the period's end, if sooner:
        # the household never recertifies here), each paid once.
        last = min(second[:7], sla.certification_end(state.filing_date)[:7])
        months = [state.filing_date[:7]]
        while months[-1] < last:
            months.append(sla.period_of(sla.first_of_next_month(f"{months[-1]}-01")))
        assert [p.period for p in fakes.named("authorize_payment")] == months
        assert first[:7] in months


async def test_a_missed_interview_is_noticed_and_the_application_denied_after_day_30(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await state_when(handle, lambda s: bool(s.interview_date))
        day_30 = sla.add_days(state.filing_date, 30)

        await sleep_until(env, state.interview_date, time(23, 30))
        state = await handle.query(CaseWorkflow.status)
        assert state.open_tasks == [Task.INTERVIEW]  # the day of the interview is not over

        await sleep_until(env, sla.add_days(state.interview_date, 1), time(0, 30))
        state = await state_when(handle, lambda s: Task.MISSED_INTERVIEW in s.open_tasks)
        missed = fakes.named("issue_notice")[-1]
        assert missed.kind == "missed_interview"  # 7 CFR 273.2(e)(3)
        assert f"scheduled for {state.interview_date}" in missed.text
        assert f"not held by {day_30}, your application will be denied" in missed.text

        await sleep_until(env, day_30, time(23, 30))
        assert (await handle.query(CaseWorkflow.status)).phase == Phase.INTAKE

        await sleep_until(env, sla.add_days(day_30, 1), time(0, 30))
        final = await finished(env, handle)
        assert (final.phase, final.closure_reason) == (Phase.CLOSED,
                                                       ClosureReason.MISSED_INTERVIEW)
        assert final.closed_date == sla.add_days(day_30, 1)
        closure = fakes.named("issue_notice")[-1]
        assert closure.kind == "closure" and "7 CFR 273.2(g)(3)" in closure.text
        assert fakes.named("determine_eligibility") == []


async def test_an_interview_held_after_it_was_missed_lets_the_application_go_on(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await state_when(handle, lambda s: bool(s.interview_date))
        await sleep_until(env, sla.add_days(state.interview_date, 3), time(10))
        await state_when(handle, lambda s: Task.MISSED_INTERVIEW in s.open_tasks)
        await interview(env, handle)
        state = await phase_reached(handle, Phase.VERIFICATION)
        assert Task.MISSED_INTERVIEW not in state.open_tasks
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_rescheduled_interview_missed_again_is_noticed_again_and_denied_after_day_30(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await state_when(handle, lambda s: bool(s.interview_date))
        day_30 = sla.add_days(state.filing_date, 30)
        await sleep_until(env, sla.add_days(state.interview_date, 2), time(10))
        await state_when(handle, lambda s: Task.MISSED_INTERVIEW in s.open_tasks)
        today = sla.add_days(state.interview_date, 2)
        with pytest.raises(WorkflowUpdateFailedError):  # past day 30 is too late
            await handle.execute_update(CaseWorkflow.reschedule_interview,
                                        RescheduleInput(sla.add_days(day_30, 1), "cw-0001"))
        new_date = sla.add_days(today, 5)
        state = await handle.execute_update(CaseWorkflow.reschedule_interview,
                                            RescheduleInput(new_date, "cw-0001"))
        assert state.interview_date == new_date
        scheduled = fakes.named("issue_notice")[-1]
        assert scheduled.kind == "interview_scheduled" and new_date in scheduled.text

        await sleep_until(env, sla.add_days(new_date, 1), time(9))
        state = await state_when(handle, lambda s: Task.MISSED_INTERVIEW in s.open_tasks)
        again = fakes.named("issue_notice")[-1]
        assert again.kind == "missed_interview" and f"scheduled for {new_date}" in again.text
        await sleep_until(env, sla.add_days(day_30, 1), time(9))
        final = await finished(env, handle)
        assert (final.closure_reason, final.closed_date) == (ClosureReason.MISSED_INTERVIEW,
                                                             sla.add_days(day_30, 1))


async def test_an_expedited_interview_is_scheduled_in_time_for_day_7(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(expedited=True)  # intake offers a date a week out
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = latest(env, await start_case(env, worker))
        state = await state_when(handle, lambda s: bool(s.interview_date))
        latest_day = clocks.add_business_days(sla.add_days(state.filing_date, 7), -2, "IL")
        assert state.filing_date <= state.interview_date <= latest_day
        notice = fakes.named("issue_notice")[0]
        assert state.interview_date in notice.text
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_household_of_elderly_or_disabled_adults_is_certified_for_24_months(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        today = (await env.get_current_time()).astimezone(ZONE).date().isoformat()
        case_id = uuid.uuid4().hex
        handle = await start(env, worker, CaseInput(
            case_id, [Program.SNAP], "IL", today, agency_timezone=AGENCY_ZONE,
            elderly_or_disabled=True))
        state = await to_monitoring(env, handle)
        # 7 CFR 273.10(f)(1): 24 months where every adult is elderly or disabled.
        assert state.certification_end_date == sla.certification_end(today, 24)
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
