"""Intake with the real CaseWorkflow and its intake activities: the workflow records what
it does through CaseRecordsService, and refuses steps that do not fit its phase.

A Medicaid-only case is used where it can be, because its intake and verification phases
call no other service, so nothing here is faked; the renewal needs a decided SNAP case
paid month by month, so there the real eligibility and payments services are served too.
The workflow runs outside Temporal's sandbox: what is checked here is the contract
between the workflow and intake; determinism under the sandbox is the workflow tests'
concern (tests/workflow/).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta

import grpc
import pytest
from casework.v1 import common_pb2, eligibility_pb2_grpc, intake_pb2, payments_pb2_grpc
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.servicer import SERVICE_NAME as ELIGIBILITY
from services.eligibility.servicer import EligibilityServicer
from services.payments.servicer import SERVICE_NAME as PAYMENTS
from services.payments.servicer import PaymentsServicer
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application, days_ago, today
from tests.unit.intake.conftest import CASEWORKERS, Intake
from tests.unit.services_fixtures import serve
from workflows.activities.eligibility import EligibilityActivities
from workflows.activities.intake import IntakeActivities
from workflows.activities.payments import PaymentsActivities
from workflows.case import CaseWorkflow


@pytest.fixture
async def worked(intake_service: Intake) -> AsyncIterator[Intake]:
    """The real case workflow worked on the intake test's task queue."""
    intake = intake_service
    activities = IntakeActivities(intake.records)
    async with Worker(
        intake.client, task_queue=intake.task_queue, workflows=[CaseWorkflow],
        workflow_runner=UnsandboxedWorkflowRunner(),
        activities=[activities.assign_caseworker, activities.plan_verifications,
                    activities.request_verifications,
                    activities.record_verification, activities.record_case_event,
                    activities.issue_notice, activities.update_case_status,
                    activities.record_case_view],
    ):
        yield intake


@pytest.fixture
async def decided(intake_service: Intake, database_url: str, issuer: Issuer
                  ) -> AsyncIterator[Intake]:
    """The real case workflow with every activity but referrals, and the real eligibility
    and payments services beside intake (in the same database, each in its own tables)."""
    intake = intake_service
    async with serve("eligibility", ELIGIBILITY,
                     lambda sessions: EligibilityServicer(sessions, Rulebook.load()),
                     database_url, issuer) as eligibility, \
            serve("payments", PAYMENTS, PaymentsServicer, database_url, issuer) as payments:
        records = IntakeActivities(intake.records)
        decide = EligibilityActivities(
            eligibility_pb2_grpc.EligibilityServiceStub(eligibility.channel), intake.records)
        pay = PaymentsActivities(payments_pb2_grpc.PaymentsServiceStub(payments.channel))
        async with Worker(
            intake.client, task_queue=intake.task_queue, workflows=[CaseWorkflow],
            workflow_runner=UnsandboxedWorkflowRunner(),
            activities=[records.assign_caseworker, records.plan_verifications,
                        records.request_verifications,
                        records.record_verification, records.apply_household_change,
                        records.record_case_event, records.issue_notice,
                        records.update_case_status, records.record_case_view,
                        decide.screen_expedited,
                        decide.determine_eligibility, pay.authorize_payment],
        ):
            yield intake


async def case_once(
    intake: Intake, case_id: str, done: Callable[[intake_pb2.Case], bool],
    seconds: float = 10.0,
) -> intake_pb2.Case:
    """The case as GetCase reads it, once `done` holds (the workflow runs on its own)."""
    for _ in range(int(seconds / 0.05)):
        case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
        if done(case):
            return case
        await asyncio.sleep(0.05)
    raise AssertionError(f"the case did not get there in {seconds:g} seconds")


async def test_a_case_goes_from_application_through_interview_to_verification(
    worked: Intake,
) -> None:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = [common_pb2.PROGRAM_TANF]  # TANF needs an interview
    case_id = (await worked.intake.SubmitApplication(request)).case_id
    # The notice is the last thing intake does; the state shows the date a moment before.
    assigned = await case_once(worked, case_id, lambda c: bool(c.notices))
    assert assigned.state.caseworker_id == "cw-a"
    assert [n.kind for n in assigned.notices] == [intake_pb2.NOTICE_KIND_INTERVIEW_SCHEDULED]

    early = intake_pb2.SubmitVerificationRequest(
        case_id=case_id, kind=intake_pb2.VERIFICATION_KIND_INCOME, source="pay stubs",
        received_date=today().isoformat(), verifier_id="cw-a")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await worked.intake.SubmitVerification(early)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "intake" in (refused.value.details() or "")

    state = (await worked.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id="cw-a", interview_date=days_ago(1)))).state
    assert state.interviewed
    requested = await case_once(worked, case_id, lambda c: len(c.verifications) == 5
                                and c.recorded_phase == intake_pb2.PHASE_VERIFICATION)
    assert [e.kind for e in requested.events] == ["interview_recorded"]
    trail = (await worked.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case_id))).entries
    assert [(e.actor, e.summary) for e in trail if e.action == "interview_recorded"] == [
        ("cw-a", f"Interview held on {days_ago(1)}")]

    state = (await worked.intake.SubmitVerification(early)).state
    income = next(v for v in state.verifications
                  if v.kind == intake_pb2.VERIFICATION_KIND_INCOME)
    assert (income.received, income.source) == (True, "pay stubs")
    stored = await case_once(worked, case_id, lambda c: any(v.received for v in c.verifications))
    assert [(v.kind, v.verifier_id) for v in stored.verifications if v.received] == [
        (intake_pb2.VERIFICATION_KIND_INCOME, "cw-a")]
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await worked.intake.SubmitVerification(early)
    assert twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def a_case_of(intake: Intake, *programs: int) -> str:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = programs
    return str((await intake.intake.SubmitApplication(request)).case_id)


async def test_closing_one_program_closes_its_line_and_the_case_goes_on(worked: Intake) -> None:
    case_id = await a_case_of(worked, common_pb2.PROGRAM_TANF, common_pb2.PROGRAM_MEDICAID)
    await case_once(worked, case_id, lambda c: bool(c.notices))  # assigned, interview set
    state = (await worked.intake.CloseCase(intake_pb2.CloseCaseRequest(
        case_id=case_id, reason=intake_pb2.CLOSURE_REASON_CLIENT_REQUEST,
        caseworker_id="cw-a", program=common_pb2.PROGRAM_TANF))).state
    assert state.phase == intake_pb2.PHASE_INTAKE
    lines = {line.program: line for line in state.lines}
    assert (lines[common_pb2.PROGRAM_TANF].status,
            lines[common_pb2.PROGRAM_TANF].closure_reason,
            lines[common_pb2.PROGRAM_TANF].closed_on) == (
        intake_pb2.LINE_STATUS_CLOSED, intake_pb2.CLOSURE_REASON_CLIENT_REQUEST,
        today().isoformat())
    assert lines[common_pb2.PROGRAM_MEDICAID].status == intake_pb2.LINE_STATUS_PENDING
    assert list(state.programs) == [common_pb2.PROGRAM_MEDICAID]
    closed = await case_once(worked, case_id, lambda c: len(c.notices) == 2)
    assert [n.kind for n in closed.notices] == [intake_pb2.NOTICE_KIND_INTERVIEW_SCHEDULED,
                                                intake_pb2.NOTICE_KIND_CLOSURE]
    assert closed.recorded_phase == intake_pb2.PHASE_INTAKE



async def test_a_rescheduled_interview_is_the_cases_new_date_and_sent_to_the_household(
    worked: Intake,
) -> None:
    case_id = await a_case_of(worked, common_pb2.PROGRAM_TANF)  # TANF alone: no day 30
    scheduled = await case_once(worked, case_id, lambda c: bool(c.notices))
    new_date = (today() + timedelta(days=14)).isoformat()
    assert scheduled.state.interview_date != new_date
    state = (await worked.intake.RescheduleInterview(intake_pb2.RescheduleInterviewRequest(
        case_id=case_id, interview_date=new_date, caseworker_id="cw-b"))).state
    assert (state.interview_date, state.interviewed, state.phase) == (
        new_date, False, intake_pb2.PHASE_INTAKE)
    sent = await case_once(worked, case_id, lambda c: len(c.notices) == 2)
    assert sent.state.interview_date == new_date
    rescheduled = sent.notices[1]
    assert rescheduled.kind == intake_pb2.NOTICE_KIND_INTERVIEW_SCHEDULED
    assert f"scheduled for {new_date} with caseworker cw-a" in rescheduled.text
    [event] = sent.events
    assert (event.kind, json.loads(event.detail)) == (
        "interview_rescheduled", {"interview_date": new_date, "caseworker_id": "cw-b"})

    await worked.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id="cw-a", interview_date=today().isoformat()))
    with pytest.raises(grpc.aio.AioRpcError) as held:
        await worked.intake.RescheduleInterview(intake_pb2.RescheduleInterviewRequest(
            case_id=case_id, interview_date=new_date, caseworker_id="cw-b"))
    assert held.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert held.value.details() in ("the interview is already recorded",
                                    "the case is in verification, not intake")
    after = await case_once(worked, case_id, lambda c: len(c.verifications) == 5)
    assert after.state.interview_date == today().isoformat()  # the one held
    assert sum(n.kind == intake_pb2.NOTICE_KIND_INTERVIEW_SCHEDULED for n in after.notices) == 2
    assert [e.kind for e in after.events] == ["interview_rescheduled", "interview_recorded"]


async def a_medicaid_case_in_verification(intake: Intake) -> intake_pb2.Case:
    """A Medicaid-only case, which has no interview: it goes straight to verification."""
    case_id = await a_case_of(intake, common_pb2.PROGRAM_MEDICAID)
    return await case_once(intake, case_id, lambda c: len(c.verifications) == 5)


def delay_hearing(case_id: str) -> intake_pb2.RequestFairHearingRequest:
    """The household appeals the agency's delay, which needs no decision to appeal."""
    return intake_pb2.RequestFairHearingRequest(
        case_id=case_id, program=common_pb2.PROGRAM_MEDICAID,
        requested_date=today().isoformat(), action_appealed=intake_pb2.APPEALED_ACTION_DELAY,
        requested_by=intake_pb2.REQUESTER_AUTHORIZED_REPRESENTATIVE, recorded_by="cw-a")


async def test_a_fair_hearing_request_is_held_with_its_decision_clock(worked: Intake) -> None:
    case_id = (await a_medicaid_case_in_verification(worked)).case_id
    state = (await worked.intake.RequestFairHearing(delay_hearing(case_id))).state
    [hearing] = state.hearings
    assert hearing.hearing_id
    assert (hearing.program, hearing.requested_date, hearing.action_appealed,
            hearing.requested_by) == (
        common_pb2.PROGRAM_MEDICAID, today().isoformat(), intake_pb2.APPEALED_ACTION_DELAY,
        intake_pb2.REQUESTER_AUTHORIZED_REPRESENTATIVE)
    assert hearing.outcome == intake_pb2.HEARING_OUTCOME_UNSPECIFIED
    assert not hearing.continued_benefits  # there is no action to hold back
    assert hearing.decide_by > hearing.requested_date
    [clock] = [d for d in state.deadlines if d.ref == hearing.hearing_id]
    assert (clock.code, clock.due_date, clock.met) == (
        "MEDICAID_HEARING_DECISION", hearing.decide_by, False)
    assert state.phase == intake_pb2.PHASE_VERIFICATION  # the case goes on meanwhile
    noticed = await case_once(worked, case_id, lambda c: any(
        n.kind == intake_pb2.NOTICE_KIND_HEARING for n in c.notices))
    assert "hearing_requested" in [e.kind for e in noticed.events]


async def test_a_hearing_decision_is_recorded_on_its_hearing(worked: Intake) -> None:
    case_id = (await a_medicaid_case_in_verification(worked)).case_id
    requested = (await worked.intake.RequestFairHearing(delay_hearing(case_id))).state
    hearing_id = requested.hearings[0].hearing_id
    state = (await worked.intake.RecordHearingDecision(intake_pb2.RecordHearingDecisionRequest(
        case_id=case_id, hearing_id=hearing_id, decision_date=today().isoformat(),
        outcome=intake_pb2.HEARING_OUTCOME_WITHDRAWN, hearing_officer_id="ho-1"))).state
    [hearing] = state.hearings
    assert (hearing.hearing_id, hearing.outcome, hearing.decision_date) == (
        hearing_id, intake_pb2.HEARING_OUTCOME_WITHDRAWN, today().isoformat())
    assert hearing.act_by >= hearing.decision_date
    decided = next(d for d in state.deadlines
                   if d.ref == hearing_id and d.code == "MEDICAID_HEARING_DECISION")
    assert decided.met and decided.status == intake_pb2.CLOCK_STATUS_MET
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await worked.intake.RecordHearingDecision(intake_pb2.RecordHearingDecisionRequest(
            case_id=case_id, hearing_id=hearing_id, decision_date=today().isoformat(),
            outcome=intake_pb2.HEARING_OUTCOME_UPHELD, hearing_officer_id="ho-1"))
    assert again.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    recorded = await case_once(worked, case_id, lambda c: sum(
        n.kind == intake_pb2.NOTICE_KIND_HEARING for n in c.notices) == 2)
    assert [e.kind for e in recorded.events][-2:] == ["hearing_requested", "hearing_decided"]


async def test_a_supervisor_extends_a_clock_with_a_reason_kept_on_it(worked: Intake) -> None:
    case = await a_medicaid_case_in_verification(worked)
    clock = next(d for d in case.state.deadlines if d.code == "MEDICAID_APPLICATION")
    new_due = (date.fromisoformat(clock.due_date) + timedelta(days=15)).isoformat()
    state = (await worked.intake.ExtendDeadline(intake_pb2.ExtendDeadlineRequest(
        case_id=case.case_id, code="MEDICAID_APPLICATION", new_due_date=new_due,
        reason="Waiting on the disability determination", supervisor_id="sup-1"))).state
    extended = next(d for d in state.deadlines if d.code == "MEDICAID_APPLICATION")
    assert (extended.status, extended.due_date, extended.original_due_date) == (
        intake_pb2.CLOCK_STATUS_EXTENDED, new_due, clock.due_date)
    assert (extended.extended_by, extended.extension_reason) == (
        "sup-1", "Waiting on the disability determination")
    assert not extended.met
    shown = await case_once(worked, case.case_id, lambda c: any(
        d.code == "MEDICAID_APPLICATION" and d.status == intake_pb2.CLOCK_STATUS_EXTENDED
        for d in c.state.deadlines))
    assert shown.state.phase == intake_pb2.PHASE_VERIFICATION


async def worklist_cases(intake: Intake, caseworker_id: str) -> set[str]:
    items = (await intake.intake.GetWorklist(intake_pb2.GetWorklistRequest(
        caseworker_id=caseworker_id))).items
    return {item.case_id for item in items}


async def test_a_reassigned_case_moves_between_worklists_and_an_extension_waits_for_approval(
        worked: Intake) -> None:
    case = await a_medicaid_case_in_verification(worked)
    was = case.state.caseworker_id
    to = next(cw for cw in CASEWORKERS if cw != was)
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await worked.intake.ReassignCase(intake_pb2.ReassignCaseRequest(
            case_id=case.case_id, caseworker_id="cw-nobody", supervisor_id="sup-1",
            reason="balance"))
    assert unknown.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "caseworker_id" in (unknown.value.details() or "")
    state = (await worked.intake.ReassignCase(intake_pb2.ReassignCaseRequest(
        case_id=case.case_id, caseworker_id=to, supervisor_id="sup-1",
        reason="caseload balancing"))).state
    assert state.caseworker_id == to
    for _ in range(100):  # the view is written when the case next waits
        if case.case_id in await worklist_cases(worked, to):
            break
        await asyncio.sleep(0.05)
    assert case.case_id in await worklist_cases(worked, to)
    assert case.case_id not in await worklist_cases(worked, was)

    clock = next(d for d in state.deadlines if d.code == "MEDICAID_APPLICATION")
    new_due = (date.fromisoformat(clock.due_date) + timedelta(days=15)).isoformat()
    asked = (await worked.intake.RequestDeadlineExtension(
        intake_pb2.RequestDeadlineExtensionRequest(
            case_id=case.case_id, code="MEDICAID_APPLICATION", new_due_date=new_due,
            reason="Waiting on the disability determination", caseworker_id=to))).approval
    assert (asked.kind, asked.requested_by, asked.new_due_date, asked.decision) == (
        intake_pb2.APPROVAL_KIND_DEADLINE_EXTENSION, to, new_due, "")

    async def queue() -> list[str]:
        waiting = (await worked.intake.ListApprovals(intake_pb2.ListApprovalsRequest())).approvals
        return [a.approval.approval_id for a in waiting if a.case_id == case.case_id]

    for _ in range(100):
        if await queue():
            break
        await asyncio.sleep(0.05)
    assert await queue() == [asked.approval_id]
    with pytest.raises(grpc.aio.AioRpcError) as no_reason:
        await worked.intake.DecideApproval(intake_pb2.DecideApprovalRequest(
            case_id=case.case_id, approval_id=asked.approval_id,
            decision=intake_pb2.APPROVAL_DECISION_RETURN, supervisor_id="sup-1"))
    assert "reason" in (no_reason.value.details() or "")
    decided = await worked.intake.DecideApproval(intake_pb2.DecideApprovalRequest(
        case_id=case.case_id, approval_id=asked.approval_id,
        decision=intake_pb2.APPROVAL_DECISION_APPROVE, supervisor_id="sup-1"))
    assert (decided.approval.decision, decided.approval.decided_by) == ("approved", "sup-1")
    extended = next(d for d in decided.state.deadlines if d.code == "MEDICAID_APPLICATION")
    assert (extended.due_date, extended.extended_by) == (new_due, "sup-1")
    for _ in range(100):
        if not await queue():
            break
        await asyncio.sleep(0.05)
    assert not await queue()
    trail = (await worked.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case.case_id))).entries
    assert [e.actor for e in trail if e.action == "reassigned"] == ["sup-1"]


def eleven_months_back() -> str:
    """The first of the month eleven months ago: a SNAP case filed then is certified to
    the end of this month, so its notice of expiration went out last month."""
    month, year = today().month - 11, today().year
    if month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 1).isoformat()


async def test_a_renewal_is_taken_once_the_notice_of_expiration_went_out(
    decided: Intake,
) -> None:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = [common_pb2.PROGRAM_SNAP]
    request.application.filing_date = eleven_months_back()
    case_id = (await decided.intake.SubmitApplication(request)).case_id
    await case_once(decided, case_id, lambda c: bool(c.notices))  # interview scheduled
    await decided.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id="cw-a", interview_date=today().isoformat()))
    requested = await case_once(decided, case_id, lambda c: len(c.verifications) == 5)
    for item in requested.verifications:
        await decided.intake.SubmitVerification(intake_pb2.SubmitVerificationRequest(
            case_id=case_id, kind=item.kind, source="documents",
            received_date=today().isoformat(), verifier_id="cw-a"))
    # Each month since filing is determined and paid in turn (a second or so apiece), up
    # to the next-to-last of the period, when the notice of expiration goes out.
    expiring = await case_once(decided, case_id, lambda c: any(
        n.kind == intake_pb2.NOTICE_KIND_EXPIRATION for n in c.notices), seconds=60)
    [snap] = expiring.state.lines
    assert (snap.program, snap.status) == (common_pb2.PROGRAM_SNAP,
                                           intake_pb2.LINE_STATUS_APPROVED)
    assert "RECERTIFICATION" not in expiring.state.open_tasks

    state = (await decided.intake.SubmitRenewal(intake_pb2.SubmitRenewalRequest(
        case_id=case_id, program=common_pb2.PROGRAM_SNAP, received_date=today().isoformat(),
        caseworker_id="cw-a"))).state
    assert "RECERTIFICATION" in state.open_tasks  # the interview, then the determination
    assert state.phase == intake_pb2.PHASE_MONITORING
    received = await case_once(decided, case_id, lambda c: "renewal_received" in [
        e.kind for e in c.events])
    assert received.state.lines[0].status == intake_pb2.LINE_STATUS_APPROVED
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await decided.intake.SubmitRenewal(intake_pb2.SubmitRenewalRequest(
            case_id=case_id, program=common_pb2.PROGRAM_SNAP,
            received_date=today().isoformat(), caseworker_id="cw-a"))
    assert twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION
