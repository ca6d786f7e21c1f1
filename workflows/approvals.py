"""What waits for a supervisor, for CaseWorkflow: the TANF service plan, a payment above
the agency's approval limit and a caseworker's request to extend a deadline each wait as
an `Approval` until a supervisor approves it or returns it with a reason; and a
supervisor moves a case to another caseworker. Each is recorded with who and why.

A returned plan goes back to its assessment; a returned payment is not made (the
caseworker corrects the case, which is determined again); a returned extension leaves
the clock as it was. Deterministic, like the workflow it serves.
"""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows.acts import CaseActs
    from workflows.inputs import (
        ApprovalDecisionInput,
        DeadlineExtensionInput,
        ExtensionRequestInput,
        Program,
        ReassignmentInput,
    )
    from workflows.state import Approval, ApprovalDecision, ApprovalKind, ClockStatus, Task

class Approvals(CaseActs):
    """The supervisor's steps of one case; CaseWorkflow is one."""

    async def _reassign(self, input: ReassignmentInput, key: str) -> None:
        s = self._state
        await self._event("reassigned", key, from_caseworker_id=s.caseworker_id,
                          caseworker_id=input.caseworker_id, office_id=input.office_id,
                          supervisor_id=input.supervisor_id, reason=input.reason)
        s.caseworker_id, s.office_id = input.caseworker_id, input.office_id
        s.office_phone = input.office_phone or s.office_phone

    async def _request_extension(self, input: ExtensionRequestInput) -> Approval:
        deadline = self._state.extendable(input.code)
        assert deadline is not None  # the validator refused a clock that cannot be
        return await self._ask(Approval(
            self._approval_id(ApprovalKind.DEADLINE_EXTENSION),
            ApprovalKind.DEADLINE_EXTENSION, input.caseworker_id, self._today(),
            f"{input.code} due {deadline.due_date}, asked to {input.new_due_date}",
            program=Program(deadline.program) if deadline.program else None,
            code=input.code, new_due_date=input.new_due_date, reason=input.reason))

    async def _ask_plan_approval(self) -> None:
        """The assessed plan joins the approvals queue (its summary names needs, not
        people: activities are free text, kept in the assessment's record)."""
        s = self._state
        if s.waiting_approval(ApprovalKind.PLAN):
            return
        needs = ", ".join(str(need) for need in s.needs) or "none recorded"
        await self._ask(Approval(
            self._approval_id(ApprovalKind.PLAN), ApprovalKind.PLAN, s.assessed_by,
            self._today(), f"service plan: {len(s.plan_activities)} activities; needs {needs}",
            program=Program.TANF))

    async def _decide_approval(self, input: ApprovalDecisionInput) -> Approval:
        """Carry out a supervisor's decision on a waiting request."""
        s = self._state
        approval = s.approval(input.approval_id)
        assert approval is not None  # the validator refused an unknown one
        approval.decision = (ApprovalDecision.APPROVED if input.approve
                             else ApprovalDecision.RETURNED)
        approval.decided_by, approval.decided_on = input.supervisor_id, self._today()
        approval.decision_reason = input.reason
        await self._event("approval_decided", f"decided-{approval.approval_id}",
                          approval_id=approval.approval_id, approval_kind=str(approval.kind),
                          decision=str(approval.decision), supervisor_id=input.supervisor_id,
                          reason=input.reason)
        if approval.kind is ApprovalKind.PLAN:
            if input.approve:
                await self._approve_plan(input.supervisor_id)
            else:  # back to its assessment, which the caseworker records again
                s.assessed_by = ""
                s.close_task(Task.PLAN_APPROVAL)
        elif approval.kind is ApprovalKind.DEADLINE_EXTENSION and input.approve:
            await self._extend(DeadlineExtensionInput(
                approval.code, approval.new_due_date, approval.reason, input.supervisor_id),
                f"extension-{approval.approval_id}")
        elif approval.kind is ApprovalKind.PAYMENT:
            if input.approve:
                assert approval.program is not None
                await self._authorize(approval.program, approval.period, approval.amount_cents)
            if not any(a.kind is ApprovalKind.PAYMENT and not a.decision
                       for a in s.approvals):
                s.close_task(Task.PAYMENT_APPROVAL)
        return approval

    async def _approve_plan(self, supervisor_id: str) -> None:
        """The plan is approved (from the queue or by ApprovePlan): services may start."""
        s = self._state
        await self._event("plan_approved", "plan-approval", supervisor_id=supervisor_id)
        waiting = s.waiting_approval(ApprovalKind.PLAN, program=Program.TANF)
        if waiting is not None:
            waiting.decision, waiting.decided_by = ApprovalDecision.APPROVED, supervisor_id
            waiting.decided_on = self._today()
        s.plan_approved = True
        s.close_task(Task.PLAN_APPROVAL)
        s.meet_clock("TANF_PLAN_APPROVAL", self._today())

    async def _extend(self, input: DeadlineExtensionInput, key: str) -> None:
        """A supervisor moves an agency deadline, with a written reason that stays on the
        clock and in the case's record."""
        s = self._state
        deadline = s.extendable(input.code)
        assert deadline is not None  # the validator refused a clock that cannot be
        was = deadline.due_date
        s.extend_clock(input.code, input.new_due_date, input.reason, input.supervisor_id)
        if not any(d.status is ClockStatus.BREACHED for d in s.deadlines):
            s.close_task(Task.DEADLINE_BREACHED)
        await self._event("deadline_extended", key, code=input.code, due_date=was,
                          new_due_date=input.new_due_date, reason=input.reason,
                          supervisor_id=input.supervisor_id)
