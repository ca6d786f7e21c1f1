"""Intake with the real CaseWorkflow and its intake activities: the workflow records what
it does through CaseRecordsService, and refuses steps that do not fit its phase.

A Medicaid-only case is used because its intake and verification phases call no other
service, so nothing here is faked. The workflow runs outside Temporal's sandbox: what is
checked here is the contract between the workflow and intake; determinism under the
sandbox is the workflow tests' concern (tests/workflow/).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from tests.unit.intake.builders import an_application, days_ago, today
from tests.unit.intake.conftest import Intake
from workflows.activities.intake import IntakeActivities
from workflows.case import CaseWorkflow


@pytest.fixture
async def worked(intake_service: Intake) -> AsyncIterator[Intake]:
    """The real case workflow worked on the intake test's task queue."""
    intake = intake_service
    activities = IntakeActivities(intake.records)
    async with Worker(
        intake.client, task_queue=intake.task_queue, workflows=[CaseWorkflow],
        workflow_runner=UnsandboxedWorkflowRunner(),
        activities=[activities.assign_caseworker, activities.request_verifications,
                    activities.record_verification, activities.record_case_event,
                    activities.issue_notice, activities.update_case_status],
    ):
        yield intake


async def case_once(
    intake: Intake, case_id: str, done: Callable[[intake_pb2.Case], bool]
) -> intake_pb2.Case:
    """The case as GetCase reads it, once `done` holds (the workflow runs on its own)."""
    for _ in range(200):
        case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
        if done(case):
            return case
        await asyncio.sleep(0.05)
    raise AssertionError("the case did not get there in 10 seconds")


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
    requested = await case_once(worked, case_id, lambda c: len(c.verifications) == 5)
    assert requested.recorded_phase == intake_pb2.PHASE_VERIFICATION
    assert [e.kind for e in requested.events] == ["interview_recorded"]

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

