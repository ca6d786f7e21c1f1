"""Change reports as deltas on the time-skipping server (7 CFR 273.12): the changes go to
intake as reported, the household's size follows members added and removed, and the
agency's 10 days count from the day the household reported, not the day of the Update."""

from __future__ import annotations

from datetime import timedelta

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import new_worker, start_case, state_when, today_in_agency
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import close, to_monitoring
from workflows import sla
from workflows.case import CaseWorkflow
from workflows.inputs import (
    ChangeKind,
    ChangeReport,
    ClosureReason,
    ExpenseChange,
    Income,
    IncomeKind,
    NewMember,
    Program,
    Relationship,
    ReportedChange,
)
from workflows.state import ClockStatus


async def test_the_change_clock_is_due_ten_days_after_the_report_not_the_update(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 20000})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, household_size=2)
        await to_monitoring(env, handle)
        await env.sleep(timedelta(days=5))
        today = await today_in_agency(env)
        reported = sla.add_days(today, -4)  # the household called; the caseworker keys it in today
        report = ChangeReport(reported, changes=[
            ReportedChange(ChangeKind.EXPENSES, sla.add_days(reported, -2),
                           expenses=ExpenseChange(rent_cents=95_000)),
            ReportedChange(ChangeKind.ADD_MEMBER, reported,
                           add_member=NewMember("p3", Relationship.CHILD)),
            ReportedChange(ChangeKind.INCOME, reported,
                           income=Income("p3", IncomeKind.SSI, 50_000)),
            ReportedChange(ChangeKind.REMOVE_MEMBER, reported, remove_member_id="p2"),
            ReportedChange(ChangeKind.ADD_MEMBER, reported,
                           add_member=NewMember("p4", Relationship.OTHER_RELATIVE)),
        ], caseworker_id="cw-b")
        state = await handle.execute_update(CaseWorkflow.report_change, report)

        clock = next(d for d in state.deadlines if d.code == "CHANGE_REPORT_ACTION")
        assert (clock.start_date, clock.due_date) == (
            reported, state.rule_due("CHANGE_REPORT_ACTION", reported))
        assert clock.due_date < state.rule_due("CHANGE_REPORT_ACTION", today)
        assert clock.citation == "7 CFR 273.12(c)"
        assert state.household_size == 3
        [applied] = fakes.named("apply_household_change")
        assert (applied.changes, applied.incomes, applied.expenses, applied.caseworker_id) == (
            report.changes, [], None, "cw-b")
        [event] = [e for e in fakes.named("record_case_event") if e.kind == "change_reported"]
        assert event.detail == {
            "reported_date": reported, "caseworker_id": "cw-b", "changes": 5,
            "kinds": ["expenses", "add_member", "income", "remove_member", "add_member"],
            "members_added": ["p3", "p4"], "members_removed": ["p2"],
            "earliest_change_date": sla.add_days(reported, -2)}

        # Acted on today: within the 10 days of the report.
        done = await state_when(handle, lambda s: not s.pending)
        acted = next(d for d in done.deadlines if d.code == "CHANGE_REPORT_ACTION")
        assert (acted.met, acted.met_on, acted.status) == (True, today, ClockStatus.MET)
        assert done.household_size == 3
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_the_case_refuses_a_report_that_empties_the_household(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: 20000})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await to_monitoring(env, handle)
        today = await today_in_agency(env)
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await handle.execute_update(CaseWorkflow.report_change, ChangeReport(today, changes=[
                ReportedChange(ChangeKind.REMOVE_MEMBER, today, remove_member_id="p1")]))
        assert "changes[0].remove_member would leave the household without members" in str(
            refused.value.cause)
        with pytest.raises(WorkflowUpdateFailedError) as late:
            await handle.execute_update(CaseWorkflow.report_change, ChangeReport(today, changes=[
                ReportedChange(ChangeKind.ASSETS, sla.add_days(today, 1),
                               liquid_assets_cents=0)]))
        assert "changes[0].change_date is after reported_date" in str(late.value.cause)
        assert fakes.named("apply_household_change") == []
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
