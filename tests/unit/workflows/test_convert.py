"""The workflow's dataclasses as the API shows them, and determinations coming back."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pytest
from casework.v1 import common_pb2, eligibility_pb2, intake_pb2

from common.enums import EnumTable, enum_table
from workflows import convert
from workflows.inputs import (
    AppealedAction,
    ClosureReason,
    CoverageGroup,
    ExpenseKind,
    Expenses,
    HearingOutcome,
    IfNotProvided,
    Income,
    IncomeKind,
    Need,
    NoticeKind,
    Phase,
    Program,
    Requester,
    UtilityAllowance,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
    VerifiedExpense,
)
from workflows.state import (
    CaseState,
    ClockStatus,
    Deadline,
    Hearing,
    LineStatus,
    PhaseChange,
    ProgramDecision,
    ProgramLine,
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
            members=[eligibility_pb2.MemberCoverage(
                member_id="m1", eligible=True, category="child",
                group=eligibility_pb2.COVERAGE_GROUP_CHILD),
                     eligibility_pb2.MemberCoverage(member_id="m2", eligible=True,
                                                    category="adult")])],
        parameters=[eligibility_pb2.ParameterUsed(name="medicaid.child_limit",
                                                  effective_date="2025-02-01")])
    determination = convert.determination_from_pb(reply)
    result = determination.result(Program.MEDICAID)
    assert result is not None and result.eligible
    assert result.explanation[0].citation == "42 CFR 435.603"
    assert result.members[0].category == "child"
    # An unset group (a service from before groups were named) reads as not known.
    assert [m.group for m in result.members] == [CoverageGroup.CHILD, None]
    assert determination.parameters == ["medicaid.child_limit@2025-02-01"]


def test_every_workflow_enum_pairs_with_its_proto_both_ways() -> None:
    tables: list[tuple[EnumTable[Any], type[StrEnum]]] = [
        (convert.PHASES, Phase),
        (convert.VERIFICATION_KINDS, VerificationKind),
        (convert.CLOSURE_REASONS, ClosureReason), (convert.NOTICE_KINDS, NoticeKind),
        (convert.APPEALED_ACTIONS, AppealedAction), (convert.REQUESTERS, Requester),
        (convert.HEARING_OUTCOMES, HearingOutcome), (convert.CLOCK_STATUSES, ClockStatus),
        (convert.LINE_STATUSES, LineStatus)]
    for table, domain in tables:
        assert set(table.numbers) == set(domain)
    assert convert.NOTICE_KINDS.number(NoticeKind.EXPIRATION) == intake_pb2.NOTICE_KIND_EXPIRATION
    assert convert.CLOCK_STATUSES.number(ClockStatus.OPEN) == intake_pb2.CLOCK_STATUS_OPEN


def test_a_value_on_one_side_only_fails_when_the_table_is_made() -> None:
    class Extra(StrEnum):  # a LineStatus with a value the proto does not have
        PENDING = "pending"
        APPROVED = "approved"
        DENIED = "denied"
        CLOSED = "closed"
        SUSPENDED = "suspended"

    class Short(StrEnum):  # and one missing a value the proto has
        PENDING = "pending"
        APPROVED = "approved"
        DENIED = "denied"

    with pytest.raises(ValueError, match="LINE_STATUS_SUSPENDED"):
        enum_table(intake_pb2.LineStatus, Extra)
    with pytest.raises(KeyError):
        enum_table(intake_pb2.LineStatus, Short)


def a_case_with_lines_clocks_and_hearings() -> CaseState:
    case = a_closed_case()
    case.phase = Phase.MONITORING
    case.deadlines = [
        Deadline("MEDICAID_APPLICATION", "2026-03-01", "42 CFR 435.912(c)(3)",
                 start_date="2026-01-05", warning_date="2026-02-10",
                 status=ClockStatus.EXTENDED, program="medicaid",
                 original_due_date="2026-02-19", extended_by="sup-1",
                 extension_reason="Disability determination pending"),
        Deadline("FAIR_HEARING_REQUEST", "2026-04-05", "7 CFR 273.15(g)", met=True,
                 met_on="2026-01-20", status=ClockStatus.MET, ref="det-1"),
        Deadline("VERIFICATION_DUE", "2026-01-15", "7 CFR 273.2(h)(1)(i)(C)"),
    ]
    case.lines = [
        ProgramLine(Program.SNAP, LineStatus.APPROVED, period_end="2026-12-31",
                    decided_on="2026-01-20"),
        ProgramLine(Program.TANF, LineStatus.CLOSED, decided_on="2026-01-20",
                    closure_reason=ClosureReason.CLIENT_REQUEST, closed_on="2026-02-02"),
    ]
    case.hearings = [
        Hearing("hearing-1", Program.SNAP, "2026-01-25", AppealedAction.BENEFIT_AMOUNT,
                Requester.AUTHORIZED_REPRESENTATIVE, True, "2026-04-25",
                outcome=HearingOutcome.REVERSED, decision_date="2026-03-01",
                act_by="2026-03-11"),
        Hearing("hearing-2", Program.TANF, "2026-02-03", AppealedAction.CLOSURE,
                Requester.HOUSEHOLD, False, "2026-05-04"),
    ]
    return case


def test_clocks_show_their_status_dates_program_and_extension() -> None:
    extended, met, legacy = convert.state_pb(a_case_with_lines_clocks_and_hearings()).deadlines
    assert (extended.status, extended.program, extended.start_date, extended.warning_date) == (
        intake_pb2.CLOCK_STATUS_EXTENDED, common_pb2.PROGRAM_MEDICAID, "2026-01-05",
        "2026-02-10")
    assert (extended.due_date, extended.original_due_date, extended.extended_by,
            extended.extension_reason) == ("2026-03-01", "2026-02-19", "sup-1",
                                           "Disability determination pending")
    assert (met.status, met.met, met.met_on, met.ref, met.program) == (
        intake_pb2.CLOCK_STATUS_MET, True, "2026-01-20", "det-1",
        common_pb2.PROGRAM_UNSPECIFIED)
    # A clock recorded before statuses existed decodes as open, and shows as open.
    assert (legacy.status, legacy.start_date, legacy.paused_on) == (
        intake_pb2.CLOCK_STATUS_OPEN, "", "")


def test_program_lines_show_their_status_period_and_closure() -> None:
    snap, tanf = convert.state_pb(a_case_with_lines_clocks_and_hearings()).lines
    assert (snap.program, snap.status, snap.period_end, snap.decided_on) == (
        common_pb2.PROGRAM_SNAP, intake_pb2.LINE_STATUS_APPROVED, "2026-12-31", "2026-01-20")
    assert snap.closure_reason == intake_pb2.CLOSURE_REASON_UNSPECIFIED
    assert (tanf.status, tanf.closure_reason, tanf.closed_on) == (
        intake_pb2.LINE_STATUS_CLOSED, intake_pb2.CLOSURE_REASON_CLIENT_REQUEST, "2026-02-02")


def test_hearings_show_decided_and_undecided() -> None:
    decided, waiting = convert.state_pb(a_case_with_lines_clocks_and_hearings()).hearings
    assert (decided.hearing_id, decided.program, decided.action_appealed,
            decided.requested_by, decided.continued_benefits) == (
        "hearing-1", common_pb2.PROGRAM_SNAP, intake_pb2.APPEALED_ACTION_BENEFIT_AMOUNT,
        intake_pb2.REQUESTER_AUTHORIZED_REPRESENTATIVE, True)
    assert (decided.requested_date, decided.decide_by, decided.outcome,
            decided.decision_date, decided.act_by) == (
        "2026-01-25", "2026-04-25", intake_pb2.HEARING_OUTCOME_REVERSED, "2026-03-01",
        "2026-03-11")
    assert (waiting.outcome, waiting.decision_date, waiting.requested_by) == (
        intake_pb2.HEARING_OUTCOME_UNSPECIFIED, "", intake_pb2.REQUESTER_HOUSEHOLD)


def test_a_case_recorded_before_lines_and_hearings_shows_none() -> None:
    shown = convert.state_pb(a_closed_case())
    assert (list(shown.lines), list(shown.hearings)) == ([], [])


def test_the_verification_enums_pair_with_their_protos() -> None:
    tables: list[tuple[EnumTable[Any], type[StrEnum]]] = [
        (convert.VERIFICATION_STATUSES, VerificationStatus),
        (convert.VERIFICATION_SOURCES, VerificationSource),
        (convert.IF_NOT_PROVIDED, IfNotProvided),
        (convert.VERIFICATION_ACTIONS, VerificationAction),
        (convert.EXPENSE_KINDS, ExpenseKind)]
    for table, domain in tables:
        assert set(table.numbers) == set(domain)
    assert convert.VERIFICATION_KINDS.number(VerificationKind.MEDICAL_EXPENSES) == (
        intake_pb2.VERIFICATION_KIND_MEDICAL_EXPENSES)


def test_a_verification_item_goes_to_the_api_and_back_whole() -> None:
    item = VerificationItem(
        VerificationKind.EXPENSES, "2026-01-20", True, "lease", "2026-01-12", "cw-a",
        status=VerificationStatus.REQUIRED, reason="claimed (7 CFR 273.2(f)(3))",
        sources=[VerificationSource.DOCUMENTARY, VerificationSource.COLLATERAL_CONTACT],
        if_not_provided=IfNotProvided.NOT_COUNTED, member_ids=["m1"],
        evidence=VerificationSource.DOCUMENTARY, last_action=VerificationAction.CORRECTED,
        note="wrong month", records=2, incomes=[Income("m1", IncomeKind.WAGES, 1)],
        expenses=[VerifiedExpense(ExpenseKind.RENT, 95_000)])
    assert convert.verification_from_pb(convert.verification_pb(item)) == item
    # An item recorded before plans shows as required, a denial if missing.
    old = convert.verification_pb(VerificationItem(VerificationKind.INCOME, "2026-01-20"))
    assert (old.status, old.if_not_provided, old.last_action) == (
        intake_pb2.VERIFICATION_STATUS_REQUIRED, intake_pb2.IF_NOT_PROVIDED_DENIAL,
        intake_pb2.VERIFICATION_ACTION_UNSPECIFIED)
    waived = VerificationItem(VerificationKind.RESIDENCY, "", status=VerificationStatus.WAIVED,
                              reason="homeless")
    state = a_closed_case()
    state.verifications_not_required = [waived]
    shown = convert.state_pb(state)
    assert [(v.kind, v.status, v.reason) for v in shown.verifications_not_required] == [
        (intake_pb2.VERIFICATION_KIND_RESIDENCY, intake_pb2.VERIFICATION_STATUS_WAIVED,
         "homeless")]
