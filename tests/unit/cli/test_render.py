"""What `show`, `record` and `demo` print: enum values by short name, money as
`common.money` shows it (negatives included), a case's record and the demo's summary table."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from casework.v1 import common_pb2, intake_pb2, payments_pb2

from cli.render import (
    Decision,
    Outcome,
    Payment,
    Referral,
    case_record,
    clock,
    decisions,
    hearing,
    name,
    phase_name,
    program_line,
    table,
    verification,
    words,
)
from cli.show import render_case


def test_enum_values_print_without_their_type_prefix() -> None:
    assert name(common_pb2.Program, common_pb2.PROGRAM_SNAP) == "SNAP"
    assert name(payments_pb2.PaymentKind, payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT) == (
        "MONTHLY_BENEFIT")
    assert words(intake_pb2.VerificationKind,
                 intake_pb2.VERIFICATION_KIND_HOUSEHOLD_COMPOSITION) == "household composition"
    assert phase_name(intake_pb2.PHASE_MONITORING) == "monitoring"


def test_decisions_print_money_the_shared_way_negatives_included() -> None:
    assert str(Decision("SNAP", True, 123_456, [])) == "SNAP: approved $1,234.56"
    assert str(Decision("TANF", True, -100, [])) == "TANF: approved -$1.00"
    assert str(Decision("SNAP", False, 0, ["gross income"])) == "SNAP: denied gross income"
    assert str(Decision("SNAP", False, 0, [])) == "SNAP: denied -"


def test_decisions_name_each_program() -> None:
    state = intake_pb2.CaseState(decisions=[intake_pb2.ProgramDecision(
        program=common_pb2.PROGRAM_TANF, eligible=True, monthly_benefit_cents=50_000)])
    assert decisions(state) == [Decision("TANF", True, 50_000, [])]


def test_the_table_has_a_row_per_case_and_marks_the_failed_ones() -> None:
    approved = Outcome("a", "SNAP approved", "monitoring", case_id="c1", phase="monitoring",
                       decisions=[Decision("SNAP", True, 29_100, [])],
                       payments=[Payment("SNAP", "2025-01", "monthly_benefit", -100, "k1")],
                       referrals=[Referral("child_care", "r1", "open")])
    stuck = Outcome("b", "SNAP denied: income", "closed", problems=["expected closed"])
    header, rule, first, second = table([approved, stuck]).splitlines()
    assert header.split() == ["case", "scenario", "phase", "decisions", "payments",
                              "authorised", "referrals"]
    assert set(rule) == {"-", " "}
    assert first.split("  ")[0] == "c1" and "SNAP: approved $291.00" in first
    assert "SNAP 2025-01 -$1.00" in first and first.endswith("child_care")
    assert second.startswith("-") and " ✗" in second and second.endswith("-")


def test_a_clock_shows_its_status_and_what_moved_it() -> None:
    extended = intake_pb2.Deadline(
        code="MEDICAID_APPLICATION", due_date="2026-03-01", citation="42 CFR 435.912(c)(3)",
        status=intake_pb2.CLOCK_STATUS_EXTENDED, program=common_pb2.PROGRAM_MEDICAID,
        original_due_date="2026-02-19", extended_by="sup-1",
        extension_reason="Disability determination pending")
    first, moved = clock(extended)
    assert first.split() == ["MEDICAID_APPLICATION", "(MEDICAID)", "due", "2026-03-01",
                             "extended", "42", "CFR", "435.912(c)(3)"]
    assert moved == "  extended from 2026-02-19 by sup-1: Disability determination pending"
    late = intake_pb2.Deadline(code="SNAP_APPLICATION_PROCESSING", due_date="2026-02-04",
                               met=True, met_on="2026-02-06",
                               status=intake_pb2.CLOCK_STATUS_MET_LATE)
    assert "met late 2026-02-06" in clock(late)[0]
    paused = intake_pb2.Deadline(code="VERIFICATION_DUE", due_date="2026-01-20",
                                 status=intake_pb2.CLOCK_STATUS_PAUSED, paused_on="2026-01-14")
    assert clock(paused)[1:] == ["  paused on 2026-01-14"]


def test_a_clock_without_a_status_shows_met_or_open() -> None:
    assert " met " in clock(intake_pb2.Deadline(code="VERIFICATION_DUE", met=True))[0]
    assert " open " in clock(intake_pb2.Deadline(code="VERIFICATION_DUE"))[0]


def test_program_lines_show_their_standing() -> None:
    assert program_line(intake_pb2.ProgramLine(
        program=common_pb2.PROGRAM_SNAP, status=intake_pb2.LINE_STATUS_APPROVED,
        decided_on="2026-01-20", period_end="2026-12-31")).split() == [
        "SNAP", "approved", "2026-01-20,", "period", "ends", "2026-12-31"]
    assert program_line(intake_pb2.ProgramLine(
        program=common_pb2.PROGRAM_TANF, status=intake_pb2.LINE_STATUS_CLOSED,
        decided_on="2026-01-20", closed_on="2026-02-02",
        closure_reason=intake_pb2.CLOSURE_REASON_CLIENT_REQUEST)).split() == [
        "TANF", "closed", "2026-02-02", "(client", "request)"]
    assert program_line(intake_pb2.ProgramLine(
        program=common_pb2.PROGRAM_MEDICAID,
        status=intake_pb2.LINE_STATUS_PENDING)).split() == ["MEDICAID", "pending"]


def test_hearings_show_what_was_appealed_and_where_it_stands() -> None:
    waiting = intake_pb2.Hearing(
        hearing_id="hearing-2", program=common_pb2.PROGRAM_TANF, requested_date="2026-02-03",
        action_appealed=intake_pb2.APPEALED_ACTION_CLOSURE,
        requested_by=intake_pb2.REQUESTER_HOUSEHOLD, continued_benefits=True,
        decide_by="2026-05-04")
    assert hearing(waiting) == ("hearing-2  TANF closure, requested 2026-02-03 by household, "
                                "benefits continue; decide by 2026-05-04")
    decided = intake_pb2.Hearing(
        hearing_id="hearing-1", program=common_pb2.PROGRAM_SNAP, requested_date="2026-01-25",
        action_appealed=intake_pb2.APPEALED_ACTION_BENEFIT_AMOUNT,
        requested_by=intake_pb2.REQUESTER_AUTHORIZED_REPRESENTATIVE, decide_by="2026-04-25",
        outcome=intake_pb2.HEARING_OUTCOME_REVERSED, decision_date="2026-03-01",
        act_by="2026-03-11")
    assert hearing(decided) == (
        "hearing-1  SNAP benefit amount, requested 2026-01-25 by authorized representative; "
        "reversed 2026-03-01, carried out by 2026-03-11")


def test_show_prints_lines_clocks_and_hearings_in_their_sections() -> None:
    case = intake_pb2.Case(case_id="c" * 32, household_size=2, county="Cook")
    case.state.phase = intake_pb2.PHASE_MONITORING
    case.state.lines.add(program=common_pb2.PROGRAM_SNAP, status=intake_pb2.LINE_STATUS_APPROVED,
                         period_end="2026-12-31")
    case.state.deadlines.add(code="FAIR_HEARING_REQUEST", due_date="2026-04-05",
                             status=intake_pb2.CLOCK_STATUS_EXTENDED, extended_by="sup-1",
                             original_due_date="2026-03-30", extension_reason="Agency delay")
    case.state.hearings.add(hearing_id="hearing-1", program=common_pb2.PROGRAM_SNAP,
                            action_appealed=intake_pb2.APPEALED_ACTION_REDUCTION,
                            requested_by=intake_pb2.REQUESTER_HOUSEHOLD,
                            requested_date="2026-02-01", decide_by="2026-05-02")
    shown = render_case(case).splitlines()
    at = shown.index("program lines")
    assert shown[at + 1].split() == ["SNAP", "approved,", "period", "ends", "2026-12-31"]
    at = shown.index("deadlines")
    assert "extended" in shown[at + 1]
    assert shown[at + 2] == "    extended from 2026-03-30 by sup-1: Agency delay"
    at = shown.index("hearings")
    assert shown[at + 1].startswith("  hearing-1  SNAP reduction, requested 2026-02-01")


def test_show_says_what_the_case_waits_on_while_a_service_fails_its_step() -> None:
    case = intake_pb2.Case(case_id="c" * 32, waiting_on=[
        intake_pb2.WaitingOn(step="authorize_payment", service="payments", attempt=3,
                             failure="UNAVAILABLE"),
        intake_pb2.WaitingOn(step="make_referrals", service="referrals", attempt=2,
                             failure="DEADLINE_EXCEEDED")])
    case.waiting_on[0].next_attempt_at.FromDatetime(datetime(2026, 12, 1, 14, 5, 9))
    shown = render_case(case).splitlines()
    assert shown[-3:] == [
        "waiting on",
        "  authorize_payment (payments): attempt 3, last failed UNAVAILABLE; next attempt "
        "14:05:09 UTC",
        "  make_referrals (referrals): attempt 2, last failed DEADLINE_EXCEEDED; attempt "
        "under way"]


def test_show_leaves_out_lines_and_hearings_a_case_has_none_of() -> None:
    shown = render_case(intake_pb2.Case(case_id="c" * 32)).splitlines()
    assert "program lines" not in shown and "hearings" not in shown
    assert "waiting on" not in shown
    assert "deadlines" in shown


def test_a_verification_shows_its_evidence_its_review_and_why_others_are_not_asked() -> None:
    corrected = intake_pb2.VerificationItem(
        kind=intake_pb2.VERIFICATION_KIND_INCOME, due_date="2026-01-20", received=True,
        source="employer letter", received_date="2026-01-12", verifier_id="cw-1",
        status=intake_pb2.VERIFICATION_STATUS_REQUIRED,
        last_action=intake_pb2.VERIFICATION_ACTION_CORRECTED, note="stub misread", records=2,
        verified_incomes=[common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                                            monthly_cents=160_000)])
    assert [line.split(None, 1)[1] if i == 0 else line
            for i, line in enumerate(verification(corrected))] == [
        "received 2026-01-12 (employer letter), verified by cw-1",
        "  corrected: stub misread  (2 records)",
        "  verified: m1 wages $1,600.00 a month"]
    medical = intake_pb2.VerificationItem(
        kind=intake_pb2.VERIFICATION_KIND_MEDICAL_EXPENSES, due_date="2026-01-20",
        if_not_provided=intake_pb2.IF_NOT_PROVIDED_NOT_COUNTED,
        last_action=intake_pb2.VERIFICATION_ACTION_NOT_PROVIDED)
    assert verification(medical)[0].endswith(
        "not provided by 2026-01-20  (if missing: left out, not denied)")
    waived = intake_pb2.VerificationItem(
        kind=intake_pb2.VERIFICATION_KIND_RESIDENCY,
        status=intake_pb2.VERIFICATION_STATUS_WAIVED, reason="homeless (7 CFR 273.2(f)(1)(vi))")
    case = intake_pb2.Case(case_id="c" * 32)
    case.state.phase = intake_pb2.PHASE_VERIFICATION
    case.state.verifications.add(kind=intake_pb2.VERIFICATION_KIND_IDENTITY,
                                 due_date="2026-01-20")
    case.state.verifications_not_required.append(waived)
    shown = render_case(case).splitlines()
    at = shown.index("verifications")
    assert shown[at + 1].split() == ["identity", "due", "2026-01-20"]
    assert shown[at + 2].split(None, 1) == ["residency",
                                            "waived: homeless (7 CFR 273.2(f)(1)(vi))"]


def test_a_case_record_prints_one_row_per_entry_in_the_agencys_time() -> None:
    at = intake_pb2.CaseRecordEntry().at
    at.FromDatetime(datetime(2026, 3, 2, 15, 4, tzinfo=UTC))
    entries = [
        intake_pb2.CaseRecordEntry(at=at, actor="vf-7", action="verification_received",
                                   summary="Proof of income received on 2026-03-02",
                                   programs=[common_pb2.PROGRAM_SNAP], source="pay stubs"),
        intake_pb2.CaseRecordEntry(at=at, actor="system", action="recertification",
                                   summary="Certification period ended"),
    ]
    assert case_record(entries, ZoneInfo("America/Chicago")).splitlines() == [
        "when              who     action                 programs  source     what",
        "  ".join("-" * width for width in (16, 6, 21, 8, 9, 38)),
        "2026-03-02 09:04  vf-7    verification_received  SNAP      pay stubs  "
        "Proof of income received on 2026-03-02",
        "2026-03-02 09:04  system  recertification        -         -          "
        "Certification period ended",
    ]
