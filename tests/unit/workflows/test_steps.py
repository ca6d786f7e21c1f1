"""Each caseworker step's check against the case as it stands, without Temporal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workflows import steps
from workflows.inputs import (
    ApprovalDecisionInput,
    AssessmentInput,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    EmploymentInput,
    ExpenseKind,
    IfNotProvided,
    Income,
    IncomeKind,
    InterviewInput,
    Need,
    Phase,
    PlanActivity,
    PlanApprovalInput,
    Program,
    ReassignmentInput,
    VerificationAction,
    VerificationInput,
    VerificationKind,
    VerificationStatus,
    VerifiedExpense,
)
from workflows.state import (
    Approval,
    ApprovalDecision,
    ApprovalKind,
    CaseInput,
    CaseState,
    Pending,
    ProgramDecision,
    VerificationItem,
)

TODAY = "2026-01-20"


def a_case(phase: Phase = Phase.INTAKE, **changes: object) -> CaseState:
    state = CaseState.opened(CaseInput("c" * 32, [Program.SNAP], "IL", "2026-01-05"))
    state.phase = phase
    for name, value in changes.items():
        setattr(state, name, value)
    return state


def refused(check: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(steps.StepRefused) as raised:
        check(*args, **kwargs)  # type: ignore[operator]
    return str(raised.value)


def test_an_interview_is_recorded_once_in_intake_on_a_real_past_date() -> None:
    good = InterviewInput("cw-1", "2026-01-09")
    steps.check_interview(a_case(), good, today=TODAY)
    assert refused(steps.check_interview, a_case(Phase.VERIFICATION), good, today=TODAY) == \
        "the case is in verification, not intake"
    assert refused(steps.check_interview, a_case(interviewed=True), good, today=TODAY) == \
        "the interview is already recorded"
    assert "caseworker_id" in refused(steps.check_interview, a_case(),
                                      InterviewInput("", "2026-01-09"), today=TODAY)


@pytest.mark.parametrize(("day", "problem"), [
    ("20260109", "interview_date must be a date as YYYY-MM-DD"),  # Python alone reads it
    ("2026-W02-5", "interview_date must be a date as YYYY-MM-DD"),
    ("2026-02-30", "interview_date must be a date as YYYY-MM-DD"),
    ("2026-01-04", "interview_date must not be before 2026-01-05"),
    ("2026-01-21", "interview_date is in the future"),
])
def test_a_step_date_is_strict_and_bounded(day: str, problem: str) -> None:
    assert refused(steps.check_interview, a_case(), InterviewInput("cw-1", day),
                   today=TODAY) == problem


def requested(*received: VerificationKind) -> list[VerificationItem]:
    return [VerificationItem(kind, "2026-01-30", kind in received)
            for kind in (VerificationKind.IDENTITY, VerificationKind.INCOME)]


def test_only_a_requested_item_not_yet_received_is_taken() -> None:
    income = VerificationInput(VerificationKind.INCOME, "pay stubs", "2026-01-12", "cw-1")
    case = a_case(Phase.VERIFICATION, verifications=requested())
    steps.check_verification(case, income, today=TODAY)
    assert refused(steps.check_verification, a_case(Phase.VERIFICATION,
                   verifications=requested(VerificationKind.INCOME)), income,
                   today=TODAY) == "income is already verified"
    rent = VerificationInput(VerificationKind.EXPENSES, "lease", "2026-01-12", "cw-1")
    assert refused(steps.check_verification, case, rent, today=TODAY) == \
        "expenses verification was not requested"
    blank = VerificationInput(VerificationKind.INCOME, "  ", "2026-01-12", "cw-1")
    assert refused(steps.check_verification, case, blank, today=TODAY) == "source is required"


def test_postponed_items_are_still_welcome_after_an_expedited_approval() -> None:
    income = VerificationInput(VerificationKind.INCOME, "pay stubs", "2026-01-12", "cw-1")
    decided = [ProgramDecision(Program.SNAP, True, 29_100)]
    expedited = a_case(Phase.MONITORING, expedited=True, decisions=decided,
                       verifications=requested(VerificationKind.IDENTITY))
    steps.check_verification(expedited, income, today=TODAY)
    plain = a_case(Phase.MONITORING, decisions=decided,
                   verifications=requested(VerificationKind.IDENTITY))
    assert refused(steps.check_verification, plain, income, today=TODAY) == \
        "the case is in monitoring, not verification"


def test_a_plan_needs_a_goal_and_dated_activities_and_another_person_to_approve_it() -> None:
    plan = AssessmentInput("cw-1", goals=["Work"], activities=[
        PlanActivity("Job club", Need.EMPLOYMENT, "2026-02-01")])
    steps.check_assessment(a_case(Phase.PLAN), plan, today=TODAY)
    assert refused(steps.check_assessment, a_case(Phase.PLAN),
                   AssessmentInput("cw-1"), today=TODAY) == "a service plan needs at least one goal"
    late = AssessmentInput("cw-1", goals=["Work"], activities=[
        PlanActivity("Job club", Need.EMPLOYMENT, "2026-01-19")])
    assert refused(steps.check_assessment, a_case(Phase.PLAN), late, today=TODAY) == \
        "activities[0].target_date must not be before 2026-01-20"

    written = a_case(Phase.PLAN, assessed_by="cw-1")
    steps.check_plan_approval(written, PlanApprovalInput("sup-1"))
    assert refused(steps.check_plan_approval, written, PlanApprovalInput("cw-1")) == \
        "the caseworker who wrote the plan cannot approve it"
    assert refused(steps.check_plan_approval, a_case(Phase.PLAN),
                   PlanApprovalInput("sup-1")) == "no assessment and plan to approve yet"


def test_one_change_at_a_time_while_benefits_are_ongoing() -> None:
    change = ChangeReport("2026-01-15", [Income("m1", IncomeKind.WAGES, 100_000)])
    steps.check_change(a_case(Phase.MONITORING), change, today=TODAY, change_in_flight=False)
    for busy in ({"change_in_flight": True}, {"change_in_flight": False}):
        case = a_case(Phase.MONITORING,
                      pending=Pending.NONE if busy["change_in_flight"] else Pending.CHANGE)
        assert refused(steps.check_change, case, change, today=TODAY, **busy) == \
            "a change is already being acted on"
    negative = ChangeReport("2026-01-15", [Income("m1", IncomeKind.WAGES, -1)])
    assert refused(steps.check_change, a_case(Phase.RETENTION), negative, today=TODAY,
                   change_in_flight=False) == "incomes[0].monthly_cents is negative"
    job = EmploymentInput("m1", "2026-01-10", 200_000, 169)
    assert refused(steps.check_employment, a_case(Phase.MONITORING), job,
                   change_in_flight=False) == "hours_per_week must be 0 to 168"


def test_a_case_closes_once() -> None:
    closure = ClosureInput(ClosureReason.MOVED, "cw-1")
    steps.check_closure(a_case(Phase.MONITORING), closure, closing=False)
    assert refused(steps.check_closure, a_case(Phase.MONITORING), closure, closing=True) == \
        "the case is already closing"
    assert refused(steps.check_closure, a_case(Phase.CLOSED), closure, closing=False) == \
        "the case is already closed"


def test_a_correction_or_rejection_needs_evidence_in_a_reason_and_the_verification_phase(
) -> None:
    case = a_case(Phase.VERIFICATION, verifications=requested(VerificationKind.INCOME))
    correct = VerificationInput(VerificationKind.INCOME, "letter", "2026-01-12", "cw-1",
                                VerificationAction.CORRECTED, "typo")
    steps.check_verification(case, correct, today=TODAY)
    reject = VerificationInput(VerificationKind.INCOME, "", "2026-01-12", "cw-1",
                               VerificationAction.REJECTED, "illegible")
    steps.check_verification(case, reject, today=TODAY)  # a rejection needs no source
    assert refused(steps.check_verification, case, replace(reject, reason=" "),
                   today=TODAY) == "reason is required for an item rejected"
    assert refused(steps.check_verification, case, replace(
        correct, kind=VerificationKind.IDENTITY), today=TODAY) == (
        "identity has no evidence received to be corrected")
    decided = a_case(Phase.MONITORING, verifications=requested(VerificationKind.INCOME),
                     decisions=[ProgramDecision(Program.SNAP, True, 29_100)], expedited=True)
    assert refused(steps.check_verification, decided, correct, today=TODAY) == (
        "the case is in monitoring, not verification")


def test_verified_amounts_must_be_of_the_items_own_kind() -> None:
    items = [VerificationItem(kind, "2026-01-30") for kind in (
        VerificationKind.INCOME, VerificationKind.EXPENSES, VerificationKind.MEDICAL_EXPENSES)]
    case = a_case(Phase.VERIFICATION, verifications=items)
    rent = VerifiedExpense(ExpenseKind.RENT, 90_000)
    medical = VerifiedExpense(ExpenseKind.MEDICAL_OUT_OF_POCKET, 4_000)
    steps.check_verification(case, VerificationInput(
        VerificationKind.EXPENSES, "lease", "2026-01-12", "cw-1", expenses=[rent]), today=TODAY)
    steps.check_verification(case, VerificationInput(
        VerificationKind.MEDICAL_EXPENSES, "bills", "2026-01-12", "cw-1", expenses=[medical]),
        today=TODAY)
    assert refused(steps.check_verification, case, VerificationInput(
        VerificationKind.EXPENSES, "bills", "2026-01-12", "cw-1", expenses=[rent, medical]),
        today=TODAY) == "expenses[1].kind is not proved by the expenses item"
    assert refused(steps.check_verification, case, VerificationInput(
        VerificationKind.EXPENSES, "lease", "2026-01-12", "cw-1",
        expenses=[VerifiedExpense(ExpenseKind.RENT, -1)]), today=TODAY) == (
        "expenses[0].monthly_cents is negative")
    assert refused(steps.check_verification, case, VerificationInput(
        VerificationKind.EXPENSES, "stubs", "2026-01-12", "cw-1",
        incomes=[Income("p1", IncomeKind.WAGES, 1)]), today=TODAY) == (
        "incomes[0]: only an income item verifies incomes")


def test_the_agencys_own_match_may_be_recorded_after_the_decision() -> None:
    ssn = VerificationItem(VerificationKind.SSN, "2026-01-30",
                           if_not_provided=IfNotProvided.NO_DELAY)
    match = VerificationInput(VerificationKind.SSN, "SSA match", "2026-01-12", "cw-1")
    for phase in (Phase.VERIFICATION, Phase.DETERMINATION, Phase.MONITORING):
        steps.check_verification(a_case(phase, verifications=[ssn]), match, today=TODAY)
    assert refused(steps.check_verification, a_case(Phase.CLOSED, verifications=[ssn]),
                   match, today=TODAY).startswith("the case is in closed")
    waived = VerificationItem(VerificationKind.RESIDENCY, "", status=VerificationStatus.WAIVED)
    case = a_case(Phase.VERIFICATION, verifications=[ssn], verifications_not_required=[waived])
    assert refused(steps.check_verification, case, VerificationInput(
        VerificationKind.RESIDENCY, "lease", "2026-01-12", "cw-1"), today=TODAY) == (
        "residency verification is waived, not asked for")


def test_a_closed_case_is_not_reassigned_and_an_open_one_only_to_someone_else() -> None:
    move = ReassignmentInput("cw-2", "office-1", "", "sup-1", "balance")
    assert refused(steps.check_reassignment, a_case(Phase.CLOSED), move) == "the case is closed"
    assert "already this caseworker's" in refused(
        steps.check_reassignment, a_case(caseworker_id="cw-2"), move)
    steps.check_reassignment(a_case(caseworker_id="cw-1"), move)


def test_an_approval_is_decided_once_by_someone_other_than_who_asked() -> None:
    state = a_case(Phase.PLAN, assessed_by="cw-1", approvals=[
        Approval("plan-1", ApprovalKind.PLAN, "cw-1", TODAY, "plan")])
    approve = ApprovalDecisionInput("plan-1", True, "sup-1")
    assert refused(steps.check_approval_decision, state, replace(approve, approval_id="x"),
                   today=TODAY) == "no such approval on this case"
    assert "who asked" in refused(steps.check_approval_decision, state,
                                  replace(approve, supervisor_id="cw-1"), today=TODAY)
    assert "reason is required" in refused(steps.check_approval_decision, state,
                                           replace(approve, approve=False), today=TODAY)
    steps.check_approval_decision(state, approve, today=TODAY)
    state.approvals[0].decision = ApprovalDecision.APPROVED
    assert "already approved" in refused(steps.check_approval_decision, state, approve,
                                         today=TODAY)
