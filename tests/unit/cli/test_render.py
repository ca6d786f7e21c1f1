"""What `show` and `demo` print: enum values by short name, money as `common.money` shows
it (negatives included), and the demo's summary table."""

from __future__ import annotations

from casework.v1 import common_pb2, intake_pb2, payments_pb2

from cli.render import (
    Decision,
    Outcome,
    Payment,
    Referral,
    decisions,
    name,
    phase_name,
    table,
    words,
)


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
