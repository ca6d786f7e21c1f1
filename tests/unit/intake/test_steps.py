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
    assert intake.updates_sent == ["record_interview", "record_interview"]


async def test_a_step_with_bad_fields_never_reaches_the_workflow(intake: Intake) -> None:
    case_id = await a_case(intake)
    failure = await refused(intake.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, interview_date=TOMORROW)))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(failure)] == ["caseworker_id", "interview_date"]
    state = await intake.client.get_workflow_handle(workflow_id(case_id)).query("status")
    assert state["interviewed"] is False
    assert intake.updates_sent == []


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
         "incomes[0].monthly_cents", "expenses.rent_cents", "expenses.utilities",
         "caseworker_id"]),
    "employment": (lambda i, case_id: i.intake.RecordEmployment(
        intake_pb2.RecordEmploymentRequest(case_id=case_id, member_id="m9", start_date="2026",
                                           monthly_wages_cents=-1, hours_per_week=200)),
        ["member_id", "start_date", "monthly_wages_cents", "hours_per_week", "caseworker_id"]),
    "closure": (lambda i, case_id: i.intake.CloseCase(intake_pb2.CloseCaseRequest(
        case_id=case_id)), ["reason", "caseworker_id"]),
    "closure of one program": (lambda i, case_id: i.intake.CloseCase(
        intake_pb2.CloseCaseRequest(case_id=case_id, reason=intake_pb2.CLOSURE_REASON_MOVED,
                                    caseworker_id="cw-a", program=99)), ["program"]),
    "hearing request": (lambda i, case_id: i.intake.RequestFairHearing(
        intake_pb2.RequestFairHearingRequest(case_id=case_id, requested_date=TOMORROW,
                                             requested_by=99, recorded_by="x" * 65)),
        ["program", "requested_date", "action_appealed", "requested_by", "recorded_by"]),
    "hearing decision": (lambda i, case_id: i.intake.RecordHearingDecision(
        intake_pb2.RecordHearingDecisionRequest(case_id=case_id, decision_date="2026-02-30",
                                                outcome=99, hearing_officer_id="  ")),
        ["hearing_id", "decision_date", "outcome", "hearing_officer_id"]),
    "deadline extension": (lambda i, case_id: i.intake.ExtendDeadline(
        intake_pb2.ExtendDeadlineRequest(case_id=case_id, code="medicaid_application",
                                         new_due_date=days_ago(1), reason="x" * 201)),
        ["code", "new_due_date", "reason", "supervisor_id"]),
    "renewal": (lambda i, case_id: i.intake.SubmitRenewal(intake_pb2.SubmitRenewalRequest(
        case_id=case_id, program=common_pb2.PROGRAM_SNAP, received_date=TOMORROW)),
        ["received_date", "caseworker_id"]),
    "interview reschedule": (lambda i, case_id: i.intake.RescheduleInterview(
        intake_pb2.RescheduleInterviewRequest(case_id=case_id, interview_date=days_ago(1),
                                              caseworker_id=" ")),
        ["interview_date", "caseworker_id"]),
}


@pytest.mark.parametrize("step", BAD_STEPS)
async def test_each_step_names_its_bad_fields(intake: Intake, step: str) -> None:
    call, fields = BAD_STEPS[step]
    failure = await refused(call(intake, await a_case(intake)))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(failure)] == fields
    assert intake.updates_sent == []  # nothing reached the workflow


UNSIGNED_STEPS: dict[str, Call] = {
    "change report": lambda i, case_id: i.intake.ReportChange(intake_pb2.ReportChangeRequest(
        case_id=case_id, reported_date=days_ago(1), changes=[intake_pb2.HouseholdChange(
            change_date=days_ago(1), expenses=intake_pb2.ExpenseChange(rent_cents=95_000))],
        caseworker_id=" ")),
    "employment": lambda i, case_id: i.intake.RecordEmployment(
        intake_pb2.RecordEmploymentRequest(case_id=case_id, member_id="m1",
                                           start_date=days_ago(1),
                                           monthly_wages_cents=250_000, hours_per_week=40)),
}


@pytest.mark.parametrize("step", UNSIGNED_STEPS)
async def test_a_report_without_its_caseworker_is_refused(intake: Intake, step: str) -> None:
    """Every step a person takes names them, for the case's record to say who acted."""
    failure = await refused(UNSIGNED_STEPS[step](intake, await a_case(intake)))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(failure) == [("caseworker_id", "is required")]
    assert intake.updates_sent == []


NEW_STEPS: dict[str, Call] = {
    "hearing request": lambda i, case_id: i.intake.RequestFairHearing(
        intake_pb2.RequestFairHearingRequest(case_id=case_id)),
    "hearing decision": lambda i, case_id: i.intake.RecordHearingDecision(
        intake_pb2.RecordHearingDecisionRequest(case_id=case_id)),
    "deadline extension": lambda i, case_id: i.intake.ExtendDeadline(
        intake_pb2.ExtendDeadlineRequest(case_id=case_id)),
    "renewal": lambda i, case_id: i.intake.SubmitRenewal(
        intake_pb2.SubmitRenewalRequest(case_id=case_id)),
    "interview reschedule": lambda i, case_id: i.intake.RescheduleInterview(
        intake_pb2.RescheduleInterviewRequest(case_id=case_id)),
}


@pytest.mark.parametrize("step", NEW_STEPS)
async def test_an_empty_new_step_names_every_field_it_needs(intake: Intake, step: str) -> None:
    failure = await refused(NEW_STEPS[step](intake, ""))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    found = field_violations(failure)
    assert found[0] == ("case_id", "is required")
    assert {problem for _, problem in found} == {"is required"}
    assert intake.updates_sent == []


async def test_an_extension_says_what_each_field_must_be(intake: Intake) -> None:
    failure = await refused(intake.intake.ExtendDeadline(intake_pb2.ExtendDeadlineRequest(
        case_id=await a_case(intake), code="MEDICAID APPLICATION", new_due_date=days_ago(1),
        reason="   ", supervisor_id="sup-1")))
    assert field_violations(failure) == [
        ("code", "must be a code in upper snake case, e.g. SNAP_APPLICATION_PROCESSING"),
        ("new_due_date", f"must not be before {today().isoformat()}"),
        ("reason", "is required"),
    ]
    assert "MEDICAID APPLICATION" not in (failure.details() or "")
    assert intake.updates_sent == []


BAD_VERIFICATIONS: dict[str, tuple[intake_pb2.SubmitVerificationRequest, list[str]]] = {
    "a correction without its reason, with amounts that are not the item's": (
        intake_pb2.SubmitVerificationRequest(
            kind=intake_pb2.VERIFICATION_KIND_IDENTITY, source="passport",
            received_date=today().isoformat(), verifier_id="cw-a",
            action=intake_pb2.VERIFICATION_ACTION_CORRECTED, evidence=99,
            verified_incomes=[common_pb2.Income(member_id="m9", kind=0, monthly_cents=-1)],
            verified_expenses=[intake_pb2.VerifiedExpense(
                kind=intake_pb2.EXPENSE_KIND_RENT, monthly_cents=-2)]),
        ["reason", "evidence", "verified_incomes", "verified_incomes[0].member_id",
         "verified_incomes[0].kind", "verified_incomes[0].monthly_cents",
         "verified_expenses[0].monthly_cents", "verified_expenses[0].kind"]),
    "a rejection that verifies amounts, with an overlong reason": (
        intake_pb2.SubmitVerificationRequest(
            kind=intake_pb2.VERIFICATION_KIND_INCOME, received_date=TOMORROW,
            verifier_id="cw-a", action=intake_pb2.VERIFICATION_ACTION_REJECTED,
            reason="x" * 201, verified_incomes=[common_pb2.Income(
                member_id="m1", kind=common_pb2.INCOME_KIND_WAGES, monthly_cents=1)]),
        ["received_date", "reason", "verified_incomes"]),
    "the case's own action, a reason with evidence, medical costs on an expenses item": (
        intake_pb2.SubmitVerificationRequest(
            kind=intake_pb2.VERIFICATION_KIND_EXPENSES, source="receipts",
            received_date=today().isoformat(), verifier_id="cw-a",
            action=intake_pb2.VERIFICATION_ACTION_NOT_PROVIDED, reason="why",
            verified_expenses=[intake_pb2.VerifiedExpense(
                kind=intake_pb2.EXPENSE_KIND_MEDICAL_OUT_OF_POCKET, monthly_cents=100),
                intake_pb2.VerifiedExpense(kind=0, monthly_cents=1)]),
        ["action", "verified_expenses[0].kind", "verified_expenses[1].kind"]),
    "received evidence with a reason only a correction has": (
        intake_pb2.SubmitVerificationRequest(
            kind=intake_pb2.VERIFICATION_KIND_INCOME, source="stubs",
            received_date=today().isoformat(), verifier_id="cw-a", reason="because"),
        ["reason"]),
}


@pytest.mark.parametrize("case", BAD_VERIFICATIONS)
async def test_a_verification_step_names_each_bad_field(intake: Intake, case: str) -> None:
    request, fields = BAD_VERIFICATIONS[case]
    request.case_id = await a_case(intake)
    failure = await refused(intake.intake.SubmitVerification(request))
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(failure)] == fields
    assert intake.updates_sent == []  # nothing reached the workflow
