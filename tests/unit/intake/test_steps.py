"""Caseworker steps: checked fields, then an Update on the case's workflow, whose
validator decides whether the step fits the case's phase."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from temporalio.client import WorkflowExecutionStatus

from common.status import field_violations
from services.intake.store import EventRecord
from tests.unit.intake.builders import an_application, days_ago, today
from tests.unit.intake.conftest import Intake
from workflows import workflow_id

TOMORROW = (today() + timedelta(days=1)).isoformat()


async def a_case(intake: Intake) -> str:
    return str((await intake.intake.SubmitApplication(an_application())).case_id)


async def refused(call: Awaitable[Any]) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as failure:
        await call
    return failure.value


async def test_an_interview_moves_the_case_on_and_a_second_is_refused_by_the_workflow(
    intake: Intake,
) -> None:
    case_id = await a_case(intake)
    request = intake_pb2.RecordInterviewRequest(case_id=case_id, caseworker_id="cw-a",
                                                interview_date=days_ago(1))
    state = (await intake.intake.RecordInterview(request)).state
    assert (state.interviewed, state.interview_date, state.phase) == (
        True, days_ago(1), intake_pb2.PHASE_VERIFICATION)
    again = await refused(intake.intake.RecordInterview(request))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert again.details() == "the case is in verification, not intake"
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert case.state.phase == intake_pb2.PHASE_VERIFICATION
    assert await intake.served.count(EventRecord) == 0  # intake itself wrote nothing


async def test_a_step_with_bad_fields_never_reaches_the_workflow(intake: Intake) -> None:
    case_id = await a_case(intake)
    failure = await refused(intake.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, interview_date=TOMORROW)))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(failure)] == ["caseworker_id", "interview_date"]
    state = await intake.client.get_workflow_handle(workflow_id(case_id)).query("status")
    assert state["interviewed"] is False


async def test_steps_on_unknown_or_malformed_cases(intake: Intake) -> None:
    unknown = await refused(intake.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id="a" * 32, caseworker_id="cw-a", interview_date=days_ago(1))))
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    malformed = await refused(intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id="Smith")))
    assert malformed.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "Smith" not in (malformed.details() or "")
    missing = await refused(intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id="b" * 32)))
    assert missing.code() == grpc.StatusCode.NOT_FOUND


async def test_a_step_the_workflow_has_no_handler_for_is_refused_not_lost(
    intake: Intake,
) -> None:
    case_id = await a_case(intake)
    failure = await refused(intake.intake.ApprovePlan(
        intake_pb2.ApprovePlanRequest(case_id=case_id, supervisor_id="sup-1")))
    assert failure.code() == grpc.StatusCode.FAILED_PRECONDITION
    description = await intake.client.get_workflow_handle(workflow_id(case_id)).describe()
    assert description.status == WorkflowExecutionStatus.RUNNING


Call = Callable[[Intake, str], Awaitable[Any]]

BAD_STEPS: dict[str, tuple[Call, list[str]]] = {
    "verification": (lambda i, case_id: i.intake.SubmitVerification(
        intake_pb2.SubmitVerificationRequest(case_id=case_id, received_date="yesterday")),
        ["kind", "source", "received_date", "verifier_id"]),
    "assessment": (lambda i, case_id: i.intake.RecordAssessment(
        intake_pb2.RecordAssessmentRequest(
            case_id=case_id, caseworker_id="cw-a", strengths=[""], needs=[0],
            activities=[intake_pb2.PlanActivity(description="Job club", need=0,
                                                target_date=days_ago(1))])),
        ["strengths[0]", "needs[0]", "activities[0].need", "activities[0].target_date"]),
    "plan approval": (lambda i, case_id: i.intake.ApprovePlan(
        intake_pb2.ApprovePlanRequest(case_id=case_id)), ["supervisor_id"]),
    "change report": (lambda i, case_id: i.intake.ReportChange(intake_pb2.ReportChangeRequest(
        case_id=case_id, reported_date=TOMORROW,
        incomes=[common_pb2.Income(member_id="m9", monthly_cents=-1)],
        expenses=common_pb2.Expenses(rent_cents=-5))),
        ["reported_date", "incomes[0].member_id", "incomes[0].kind",
         "incomes[0].monthly_cents", "expenses.rent_cents", "expenses.utilities"]),
    "employment": (lambda i, case_id: i.intake.RecordEmployment(
        intake_pb2.RecordEmploymentRequest(case_id=case_id, member_id="m9", start_date="2026",
                                           monthly_wages_cents=-1, hours_per_week=200)),
        ["member_id", "start_date", "monthly_wages_cents", "hours_per_week"]),
    "closure": (lambda i, case_id: i.intake.CloseCase(intake_pb2.CloseCaseRequest(
        case_id=case_id)), ["reason", "caseworker_id"]),
}


@pytest.mark.parametrize("step", BAD_STEPS)
async def test_each_step_names_its_bad_fields(intake: Intake, step: str) -> None:
    call, fields = BAD_STEPS[step]
    failure = await refused(call(intake, await a_case(intake)))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(failure)] == fields
