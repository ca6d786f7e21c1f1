"""The workflow's dataclasses as the API shows them, and determinations coming back."""

from __future__ import annotations

from casework.v1 import common_pb2, eligibility_pb2, intake_pb2

from workflows import convert
from workflows.inputs import (
    ClosureReason,
    Expenses,
    Income,
    IncomeKind,
    Need,
    Phase,
    Program,
    UtilityAllowance,
    VerificationKind,
)
from workflows.state import (
    CaseState,
    Deadline,
    PhaseChange,
    ProgramDecision,
    Task,
    VerificationItem,
)


def a_closed_case() -> CaseState:
    return CaseState(
        case_id="c" * 32, phase=Phase.CLOSED, programs=[Program.SNAP, Program.TANF],
        state="IL", filing_date="2026-01-05", caseworker_id="cw-a", office_id="office-001",
        expedited=True, interview_date="2026-01-09", interviewed=True,
        verifications=[VerificationItem(VerificationKind.INCOME, "2026-01-20", True,
                                        "pay stubs", "2026-01-12", "cw-a")],
        decisions=[ProgramDecision(Program.SNAP, True, 29_100, [], "det-1", "2026-01")],
        certification_end_date="2026-12-31", needs=[Need.CHILD_CARE],
        plan_approved=True, referral_ids=["ref-1"], payment_authorization_ids=["pay-1"],
        open_tasks=[Task.INTERVIEW],
        deadlines=[Deadline("SNAP_APPLICATION_PROCESSING", "2026-02-04", "7 CFR 273.2(g)(1)")],
        closure_reason=ClosureReason.MOVED, closed_date="2026-03-01",
        history=[PhaseChange(Phase.INTAKE, "2026-01-05T15:00:00+00:00")],
    )


def test_the_case_state_shows_through_the_api_with_every_enum_mapped() -> None:
    shown = convert.state_pb(a_closed_case())
    assert shown.phase == intake_pb2.PHASE_CLOSED
    assert list(shown.programs) == [common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF]
    assert shown.verifications[0].kind == intake_pb2.VERIFICATION_KIND_INCOME
    assert shown.verifications[0].source == "pay stubs"
    assert (shown.decisions[0].program, shown.decisions[0].monthly_benefit_cents) == (
        common_pb2.PROGRAM_SNAP, 29_100)
    assert list(shown.needs) == [common_pb2.NEED_CHILD_CARE]
    assert list(shown.open_tasks) == ["INTERVIEW"]
    assert shown.deadlines[0].citation == "7 CFR 273.2(g)(1)"
    assert shown.closure_reason == intake_pb2.CLOSURE_REASON_MOVED
    assert shown.history[0].at.seconds == 1767625200  # 2026-01-05T15:00:00Z


def test_an_open_case_has_no_closure_reason() -> None:
    case = a_closed_case()
    case.closure_reason = None
    assert convert.state_pb(case).closure_reason == intake_pb2.CLOSURE_REASON_UNSPECIFIED


def test_incomes_and_expenses_keep_their_kinds() -> None:
    income = convert.income_pb(Income("m1", IncomeKind.SELF_EMPLOYMENT, 120_000))
    assert income.kind == common_pb2.INCOME_KIND_SELF_EMPLOYMENT
    expenses = convert.expenses_pb(Expenses(rent_cents=90_000,
                                            utilities=UtilityAllowance.TELEPHONE_ONLY))
    assert (expenses.rent_cents, expenses.utilities) == (
        90_000, common_pb2.UTILITY_ALLOWANCE_TELEPHONE_ONLY)


def test_a_determination_comes_back_with_its_lines_and_parameters() -> None:
    reply = eligibility_pb2.Determination(
        determination_id="det-9", period="2026-02",
        programs=[eligibility_pb2.ProgramDetermination(
            program=common_pb2.PROGRAM_MEDICAID, eligible=True,
            explanation=[eligibility_pb2.ExplanationStep(text="Income", amount_cents=5,
                                                         citation="42 CFR 435.603")],
            members=[eligibility_pb2.MemberCoverage(member_id="m1", eligible=True,
                                                    category="child")])],
        parameters=[eligibility_pb2.ParameterUsed(name="medicaid.child_limit",
                                                  effective_date="2025-02-01")])
    determination = convert.determination_from_pb(reply)
    result = determination.result(Program.MEDICAID)
    assert result is not None and result.eligible
    assert result.explanation[0].citation == "42 CFR 435.603"
    assert result.members[0].category == "child"
    assert determination.parameters == ["medicaid.child_limit@2025-02-01"]
