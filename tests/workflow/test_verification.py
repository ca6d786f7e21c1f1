"""Verification that reflects the household (7 CFR 273.2(f), (h)) on the time-skipping
server: only the items intake's plan requires are asked for, a received item may be
corrected or rejected (a rejection asking again with a fresh 10 days), an item whose
absence only leaves out a deduction is recorded not provided and the case goes on, and
the verified amounts reach intake before the determination reads the household."""

from __future__ import annotations

from datetime import time

import pytest
from temporalio.client import WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    new_worker,
    phase_reached,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import LEGACY_KINDS, FakeServices
from tests.workflow.test_calendar import sleep_until
from tests.workflow.test_case import close, interview, verification_requested
from workflows import sla
from workflows.activities.intake import VerificationRecord
from workflows.case import CaseWorkflow
from workflows.inputs import (
    ClosureReason,
    IfNotProvided,
    Income,
    IncomeKind,
    Phase,
    Program,
    VerificationAction,
    VerificationInput,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
)
from workflows.state import CaseState, VerificationItem

K = VerificationKind
REQUIRED, NOT_APPLICABLE, WAIVED = (VerificationStatus.REQUIRED,
                                    VerificationStatus.NOT_APPLICABLE, VerificationStatus.WAIVED)


def planned(kind: VerificationKind, status: VerificationStatus = REQUIRED, *,
            if_not_provided: IfNotProvided = IfNotProvided.DENIAL,
            reason: str = "") -> VerificationItem:
    return VerificationItem(kind, "", status=status, reason=reason or f"{kind} rule",
                            sources=[VerificationSource.DOCUMENTARY],
                            if_not_provided=if_not_provided)


HOMELESS = [
    planned(K.IDENTITY), planned(K.INCOME),
    planned(K.RESIDENCY, WAIVED, reason="The household is homeless: residency is not "
            "verified where it cannot reasonably be (7 CFR 273.2(f)(1)(vi), 273.3(a))."),
    planned(K.HOUSEHOLD_COMPOSITION, NOT_APPLICABLE),
    planned(K.EXPENSES, NOT_APPLICABLE, reason="No deductible expense is claimed."),
    planned(K.SSN, if_not_provided=IfNotProvided.NO_DELAY),
    planned(K.CITIZENSHIP, NOT_APPLICABLE), planned(K.DISABILITY, NOT_APPLICABLE),
    planned(K.MEDICAL_EXPENSES, NOT_APPLICABLE),
]
"""Intake's plan for a homeless single adult with wages, applying for SNAP."""


async def submit(env: WorkflowEnvironment, handle: WorkflowHandle, kind: VerificationKind,
                 source: str = "documents", **fields: object) -> CaseState:
    result: CaseState = await handle.execute_update(
        CaseWorkflow.submit_verification, VerificationInput(
            kind, source, await today_in_agency(env), "cw-0001", **fields))  # type: ignore[arg-type]
    return result


async def refused(handle: WorkflowHandle, input: VerificationInput) -> str:
    with pytest.raises(WorkflowUpdateFailedError) as failure:
        await handle.execute_update(CaseWorkflow.submit_verification, input)
    return str(failure.value.cause)


async def test_a_homeless_household_is_never_asked_for_residency(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(plan=HOMELESS)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP)
        await interview(env, handle)
        state = await verification_requested(handle)
        [plan] = fakes.named("plan_verifications")
        assert plan.programs == [Program.SNAP]
        [request] = fakes.named("request_verifications")
        assert request.kinds == [K.IDENTITY, K.INCOME, K.SSN]
        assert [i.kind for i in state.verifications] == [K.IDENTITY, K.INCOME, K.SSN]
        residency = next(i for i in state.verifications_not_required if i.kind == K.RESIDENCY)
        assert residency.status == WAIVED and "7 CFR 273.2(f)(1)(vi)" in residency.reason
        notice = next(n for n in fakes.named("issue_notice") if n.kind == "verification_request")
        assert "residency" not in notice.text
        assert "we will help you get it" in notice.text and "may be denied" in notice.text
        assert "Social Security numbers ourselves" in notice.text

        today = await today_in_agency(env)
        assert "residency verification is waived, not asked for" in await refused(
            handle, VerificationInput(K.RESIDENCY, "shelter letter", today, "cw-0001"))
        await submit(env, handle, K.IDENTITY)
        await submit(env, handle, K.INCOME, "pay stubs")
        # The SSN is the agency's own match: the decision does not wait for it ...
        state = await phase_reached(handle, Phase.MONITORING)
        assert not state.item(K.SSN).received  # type: ignore[union-attr]
        # ... and its result may be recorded afterwards.
        state = await submit(env, handle, K.SSN, "SSA match",
                             evidence=VerificationSource.ELECTRONIC_MATCH)
        assert state.item(K.SSN).received  # type: ignore[union-attr]
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_correction_replaces_a_received_item_and_keeps_the_first_on_record(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, household_size=3)
        await interview(env, handle)
        await verification_requested(handle)
        today = await today_in_agency(env)
        await submit(env, handle, K.INCOME, "pay stubs",
                     incomes=[Income("p1", IncomeKind.WAGES, 150_000)])
        assert "income is already verified" in await refused(
            handle, VerificationInput(K.INCOME, "pay stubs", today, "cw-0001"))
        assert "reason is required for an item corrected" in await refused(
            handle, VerificationInput(K.INCOME, "letter", today, "cw-0001",
                                      VerificationAction.CORRECTED))
        assert "identity has no evidence received to be corrected" in await refused(
            handle, VerificationInput(K.IDENTITY, "ID", today, "cw-0001",
                                      VerificationAction.CORRECTED, "typo"))

        state = await submit(env, handle, K.INCOME, "employer's letter",
                             action=VerificationAction.CORRECTED, reason="stub misread",
                             incomes=[Income("p1", IncomeKind.WAGES, 160_000)])
        income = state.item(K.INCOME)
        assert income is not None and income.received
        assert (income.source, income.last_action, income.note, income.records) == (
            "employer's letter", VerificationAction.CORRECTED, "stub misread", 2)
        assert income.incomes == [Income("p1", IncomeKind.WAGES, 160_000)]
        first, second = fakes.named("record_verification")
        assert (first.item.source, second.item.source) == ("pay stubs", "employer's letter")
        assert second.item.last_action == VerificationAction.CORRECTED
        assert first.idempotency_key != second.idempotency_key
        assert all(r.idempotency_key.startswith(state.case_id) for r in (first, second))
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_rejected_item_is_asked_for_again_with_a_fresh_ten_days(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, household_size=3)
        await interview(env, handle)
        state = await verification_requested(handle)
        first_due = state.verifications[0].due_date
        await sleep_until(env, sla.add_days(state.filing_date, 5), time(9))
        await submit(env, handle, K.IDENTITY, "state ID")
        state = await submit(env, handle, K.IDENTITY, action=VerificationAction.REJECTED,
                             reason="the ID had expired")
        rejected_on = await today_in_agency(env)
        identity = state.item(K.IDENTITY)
        assert identity is not None and not identity.received
        assert identity.due_date == sla.add_days(rejected_on, 10) > first_due
        assert (identity.last_action, identity.note) == (VerificationAction.REJECTED,
                                                        "the ID had expired")
        clock = state.clock("VERIFICATION_RESUBMISSION", "identity")
        assert (clock.due_date, clock.citation) == (identity.due_date,
                                                   "7 CFR 273.2(h)(1)(i)(C)")
        again = [n for n in fakes.named("issue_notice") if n.kind == "verification_request"]
        assert len(again) == 2 and "could not be accepted: the ID had expired" in again[1].text
        assert f"identity by {identity.due_date}" in again[1].text
        assert "we will help you get it" in again[1].text
        record = fakes.named("record_verification")[-1]
        assert (record.item.last_action, record.item.verifier_id) == (
            VerificationAction.REJECTED, "cw-0001")

        for kind in LEGACY_KINDS[1:]:
            await submit(env, handle, kind)
        # The first request's 10 days pass: identity still has its own.
        await sleep_until(env, sla.add_days(first_due, 2), time(9))
        state = await handle.query(CaseWorkflow.status)
        assert state.phase == Phase.VERIFICATION and "VERIFICATION_OVERDUE" not in state.open_tasks
        # Its fresh 10 days pass too: now it is overdue.
        await sleep_until(env, sla.add_days(identity.due_date, 1), time(12))
        state = await state_when(handle, lambda s: "VERIFICATION_OVERDUE" in s.open_tasks)
        await submit(env, handle, K.IDENTITY, "passport")
        state = await phase_reached(handle, Phase.MONITORING)
        assert "VERIFICATION_OVERDUE" not in state.open_tasks
        assert state.clock("VERIFICATION_RESUBMISSION", "identity").status == "met_late"
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_verified_income_reaches_intake_before_the_determination_reads_it(
        env: WorkflowEnvironment) -> None:
    def verified(world: FakeServices, record: VerificationRecord) -> None:
        """Intake keeps the verified wages; eligibility, reading them, pays less."""
        if record.item.incomes:
            world.benefits = {Program.SNAP: 12_000}

    fakes = FakeServices(on_verified=verified)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP, household_size=3)
        await interview(env, handle)
        await verification_requested(handle)
        for kind in LEGACY_KINDS:
            await submit(env, handle, kind, incomes=[Income("p1", IncomeKind.WAGES, 250_000)]
                         if kind == K.INCOME else [])
        state = await phase_reached(handle, Phase.MONITORING)
        assert state.decisions[0].monthly_benefit_cents == 12_000
        names = [name for name, _ in fakes.calls]
        wages = next(n for n, (name, arg) in enumerate(fakes.calls)
                     if name == "record_verification" and arg.item.incomes)
        assert fakes.calls[wages][1].item.incomes == [Income("p1", IncomeKind.WAGES, 250_000)]
        assert wages < names.index("determine_eligibility")
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_missing_medical_expense_is_disallowed_not_a_ground_for_denial(
        env: WorkflowEnvironment) -> None:
    plan = [planned(K.IDENTITY), planned(K.INCOME),
            planned(K.MEDICAL_EXPENSES, if_not_provided=IfNotProvided.NOT_COUNTED)]
    fakes = FakeServices(plan=plan)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP)
        await interview(env, handle)
        state = await verification_requested(handle)
        notice = next(n for n in fakes.named("issue_notice") if n.kind == "verification_request")
        assert "those medical expenses will not be deducted" in notice.text
        assert "Your application is not denied for it" in notice.text
        await submit(env, handle, K.IDENTITY)
        await submit(env, handle, K.INCOME)
        # Nothing else is owed but the medical proof: the case waits out its 10 days ...
        state = await handle.query(CaseWorkflow.status)
        assert state.phase == Phase.VERIFICATION
        due = state.verifications[0].due_date
        await sleep_until(env, sla.add_days(due, 1), time(9))
        # ... then records it not provided (intake disallows the deduction) and decides.
        state = await phase_reached(handle, Phase.MONITORING)
        medical = state.item(K.MEDICAL_EXPENSES)
        assert medical is not None and medical.last_action == VerificationAction.NOT_PROVIDED
        assert "VERIFICATION_OVERDUE" not in state.open_tasks
        not_provided = fakes.named("record_verification")[-1]
        assert (not_provided.item.kind, not_provided.item.last_action) == (
            K.MEDICAL_EXPENSES, VerificationAction.NOT_PROVIDED)
        names = [name for name, _ in fakes.calls]
        assert names.index("determine_eligibility") > len(names) - 1 - names[::-1].index(
            "record_verification")
        assert [n.kind for n in fakes.named("issue_notice")].count("decision") == 1
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_verification_step_names_what_is_wrong_with_it(env: WorkflowEnvironment) -> None:
    fakes = FakeServices(plan=[planned(K.IDENTITY), planned(K.INCOME),
                               planned(K.EXPENSES, if_not_provided=IfNotProvided.NOT_COUNTED),
                               planned(K.RESIDENCY, WAIVED)])
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker, Program.SNAP)
        await interview(env, handle)
        await verification_requested(handle)
        today = await today_in_agency(env)
        await submit(env, handle, K.INCOME)
        cases = {
            "action not_provided is recorded by the case, not sent": VerificationInput(
                K.INCOME, "x", today, "cw-0001", VerificationAction.NOT_PROVIDED),
            "reason is longer than 200 characters": VerificationInput(
                K.INCOME, "x", today, "cw-0001", VerificationAction.REJECTED, "x" * 201),
            "a rejection carries no verified amounts": VerificationInput(
                K.INCOME, "", today, "cw-0001", VerificationAction.REJECTED, "bad",
                incomes=[Income("p1", IncomeKind.WAGES, 1)]),
            "incomes[0]: only an income item verifies incomes": VerificationInput(
                K.IDENTITY, "ID", today, "cw-0001",
                incomes=[Income("p1", IncomeKind.WAGES, 1)]),
            "incomes[0].monthly_cents is negative": VerificationInput(
                K.INCOME, "x", today, "cw-0001", VerificationAction.CORRECTED, "typo",
                incomes=[Income("p1", IncomeKind.WAGES, -1)]),
            "source is required": VerificationInput(K.IDENTITY, " ", today, "cw-0001"),
            "verifier_id is required": VerificationInput(K.IDENTITY, "ID", today, ""),
            "received_date is in the future": VerificationInput(
                K.IDENTITY, "ID", sla.add_days(today, 1), "cw-0001"),
            "residency verification is waived, not asked for": VerificationInput(
                K.RESIDENCY, "lease", today, "cw-0001"),
            "disability verification was not requested": VerificationInput(
                K.DISABILITY, "letter", today, "cw-0001"),
        }
        for message, input in cases.items():
            assert message in await refused(handle, input), message
        state = await handle.query(CaseWorkflow.status)
        assert [i.records for i in state.verifications] == [0, 1, 0]
        assert len(fakes.named("record_verification")) == 1  # nothing refused was recorded
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
