"""A supervisor's steps on the running case, on the time-skipping server: reassigning
it, the approvals queue (a plan approved or returned to its assessment, a caseworker's
extension request, a payment above the approval limit held until approved)."""

from __future__ import annotations

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment

from tests.workflow.conftest import (
    new_worker,
    phase_reached,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import (
    FAMILY_BENEFITS,
    close,
    family_in_plan,
    interview,
    to_monitoring,
)
from workflows import sla
from workflows.acts import PAYMENT_APPROVAL_LIMIT_CENTS
from workflows.case import CaseWorkflow
from workflows.inputs import (
    ApprovalDecisionInput,
    AssessmentInput,
    ClosureReason,
    ExtensionRequestInput,
    Need,
    Phase,
    Program,
    ReassignmentInput,
)
from workflows.state import ApprovalDecision, ApprovalKind, ClockStatus, Task


async def test_a_supervisor_reassigns_a_case_with_a_reason_on_the_record(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        await interview(env, handle)
        refused = [ReassignmentInput("cw-0001", "office-001", "", "sup-0001", "balance"),
                   ReassignmentInput("cw-0002", "office-001", "", "", "balance"),
                   ReassignmentInput("cw-0002", "office-001", "", "sup-0001", " ")]
        for reassignment in refused:  # the same caseworker, no supervisor, no reason
            with pytest.raises(WorkflowUpdateFailedError):
                await handle.execute_update(CaseWorkflow.reassign_case, reassignment)
        state = await handle.execute_update(CaseWorkflow.reassign_case, ReassignmentInput(
            "cw-0002", "office-002", "555-0102", "sup-0001", "caseload balancing"))
        assert (state.caseworker_id, state.office_id, state.office_phone) == (
            "cw-0002", "office-002", "555-0102")
        moved = [e for e in fakes.named("record_case_event") if e.kind == "reassigned"]
        assert [(e.detail["from_caseworker_id"], e.detail["caseworker_id"],
                 e.detail["supervisor_id"], e.detail["reason"]) for e in moved] == [
            ("cw-0001", "cw-0002", "sup-0001", "caseload balancing")]
        await state_when(handle, lambda s: fakes.named("record_case_view")[-1].state
                         .caseworker_id == "cw-0002")
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0002")


async def test_an_extension_request_waits_until_a_supervisor_approves_or_returns_it(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices()
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await interview(env, handle)
        today = await today_in_agency(env)
        clock = state.clock("SNAP_APPLICATION_PROCESSING")
        later = sla.add_days(clock.due_date, 10)
        asked = (await handle.execute_update(CaseWorkflow.request_extension, ExtensionRequestInput(
            "SNAP_APPLICATION_PROCESSING", later, "proof delayed by the employer", "cw-0001"))
        ).approvals[-1]
        assert (asked.kind, asked.requested_by, asked.requested_on, asked.decision) == (
            ApprovalKind.DEADLINE_EXTENSION, "cw-0001", today, ApprovalDecision.NONE)
        with pytest.raises(WorkflowUpdateFailedError):  # one request of a clock at a time
            await handle.execute_update(CaseWorkflow.request_extension, ExtensionRequestInput(
                "SNAP_APPLICATION_PROCESSING", later, "again", "cw-0001"))
        for decision in (ApprovalDecisionInput(asked.approval_id, True, "cw-0001"),  # who asked
                         ApprovalDecisionInput(asked.approval_id, False, "sup-0001"),  # no why
                         ApprovalDecisionInput("deadline_extension-x", True, "sup-0001")):
            with pytest.raises(WorkflowUpdateFailedError):
                await handle.execute_update(CaseWorkflow.decide_approval, decision)
        state = await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            asked.approval_id, False, "sup-0001", "the employer has answered"))
        returned = state.approval(asked.approval_id)
        assert returned is not None
        assert (returned.decision, returned.decided_by, returned.decision_reason) == (
            ApprovalDecision.RETURNED, "sup-0001", "the employer has answered")
        assert state.clock("SNAP_APPLICATION_PROCESSING").due_date == clock.due_date

        asked = (await handle.execute_update(CaseWorkflow.request_extension, ExtensionRequestInput(
            "SNAP_APPLICATION_PROCESSING", later, "the employer is closed", "cw-0001"))
        ).approvals[-1]
        state = await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            asked.approval_id, True, "sup-0001"))
        assert state.approvals[-1].decision == ApprovalDecision.APPROVED
        extended = state.clock("SNAP_APPLICATION_PROCESSING")
        assert (extended.status, extended.due_date, extended.extended_by,
                extended.extension_reason) == (ClockStatus.EXTENDED, later, "sup-0001",
                                               "the employer is closed")
        kinds = [e.kind for e in fakes.named("record_case_event")]
        assert kinds.count("approval_requested") == 2 and kinds.count("approval_decided") == 2
        assert kinds.count("deadline_extended") == 1
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_returned_plan_goes_back_to_its_assessment_and_an_approved_one_starts_services(
        env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits=dict(FAMILY_BENEFITS))
    async with new_worker(env.client, fakes.activities()) as worker:
        handle, _ = await family_in_plan(env, worker)
        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=[Need.EMPLOYMENT], goals=["Steady job"]))
        state = await state_when(handle, lambda s: any(
            a.kind is ApprovalKind.PLAN and not a.decision for a in s.approvals))
        plan = next(a for a in state.approvals if a.kind is ApprovalKind.PLAN)
        assert plan.requested_by == "cw-0001" and "needs employment" in plan.summary
        assert Task.PLAN_APPROVAL in state.open_tasks
        await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            plan.approval_id, False, "sup-0001", "add child care"))
        state = await state_when(handle, lambda s: Task.ASSESSMENT in s.open_tasks)
        assert not state.assessed_by and Task.PLAN_APPROVAL not in state.open_tasks
        assert state.phase is Phase.PLAN

        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=[Need.EMPLOYMENT, Need.CHILD_CARE], goals=["Steady job"]))
        state = await state_when(handle, lambda s: len(
            [a for a in s.approvals if a.kind is ApprovalKind.PLAN]) == 2)
        again = next(a for a in state.approvals if not a.decision)
        await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            again.approval_id, True, "sup-0001"))
        state = await phase_reached(handle, Phase.MONITORING)
        assert state.plan_approved and state.referral_ids
        assert [a.decision for a in state.approvals] == [ApprovalDecision.RETURNED,
                                                         ApprovalDecision.APPROVED]
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def test_a_payment_above_the_limit_waits_for_a_supervisor(
        env: WorkflowEnvironment) -> None:
    large = PAYMENT_APPROVAL_LIMIT_CENTS + 100
    fakes = FakeServices(benefits={Program.SNAP: large, Program.TANF: None,
                                   Program.MEDICAID: None})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start_case(env, worker)
        state = await to_monitoring(env, handle)
        assert not fakes.named("authorize_payment")
        held = next(a for a in state.approvals if a.kind is ApprovalKind.PAYMENT)
        assert (held.program, held.period, held.amount_cents, held.requested_by) == (
            Program.SNAP, state.determination.period if state.determination else "", large,
            "system")
        assert Task.PAYMENT_APPROVAL in state.open_tasks
        await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            held.approval_id, True, "sup-0001"))
        state = await handle.query(CaseWorkflow.status)
        assert [(p.program, p.period, p.amount_cents) for p in fakes.named("authorize_payment")
                ] == [(Program.SNAP, held.period, large)]
        assert Task.PAYMENT_APPROVAL not in state.open_tasks and state.payment_authorization_ids
        await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
