"""Every notice's text carries what the rule requires it to say, and its citation."""

from __future__ import annotations

from workflows import notices
from workflows.inputs import (
    ClosureReason,
    Determination,
    ExplanationLine,
    MemberCoverage,
    Program,
    ProgramResult,
    VerificationKind,
)


def a_determination() -> Determination:
    return Determination("det-1", "2026-02", [
        ProgramResult(Program.SNAP, True, 29_100, explanation=[
            ExplanationLine("Gross monthly income", 123_456, "7 CFR 273.9(a)"),
            ExplanationLine("Shelter deduction", -2_500, "7 CFR 273.9(d)(6)")]),
        ProgramResult(Program.TANF, False, 0, ["GROSS_INCOME_OVER_LIMIT"]),
        ProgramResult(Program.MEDICAID, True, 0,
                      members=[MemberCoverage("m2", True, "child_6_18")]),
    ])


def test_the_interview_notice_names_the_date_and_caseworker() -> None:
    text = notices.interview_scheduled("2026-01-12", "cw-0002")
    assert "2026-01-12" in text and "cw-0002" in text and "7 CFR 273.2(e)" in text


def test_the_verification_request_lists_each_item_and_the_due_date() -> None:
    text = notices.verification_request(
        [VerificationKind.IDENTITY, VerificationKind.HOUSEHOLD_COMPOSITION], "2026-01-30")
    assert "identity, household composition by 2026-01-30" in text
    assert "7 CFR 273.2(c)(5)" in text


def test_a_denial_for_missing_proof_names_it_and_says_until_when_it_reopens_the_case() -> None:
    text = notices.denied_failure_to_provide(
        [VerificationKind.INCOME, VerificationKind.HOUSEHOLD_COMPOSITION], "2026-03-06",
        "2026-05-04")
    assert "not provided: income, household composition." in text
    assert "reopened" in text and "by 2026-03-06" in text and "7 CFR 273.2(h)(2)" in text
    # 7 CFR 273.10(g)(1)(ii): a denial carries the right to a hearing.
    assert "fair hearing until 2026-05-04 (90 days" in text


def test_the_closure_notice_gives_the_reason_and_the_hearing_deadline() -> None:
    text = notices.closure("2026-04-01", ClosureReason.FAILED_TO_RECERTIFY, "2026-06-30")
    assert "closed on 2026-04-01" in text and "failed to recertify" in text
    assert "fair hearing until 2026-06-30" in text and "7 CFR 273.15(g)" in text


def test_the_decision_notice_explains_each_program_line_by_line_with_appeal_rights() -> None:
    text = notices.decision_notice("c" * 32, a_determination(), "2026-05-01", "2027-01-31")
    assert "benefit month 2026-02" in text
    assert "SNAP (food assistance): APPROVED, $291.00 a month" in text
    assert " 1. Gross monthly income: $1,234.56  [7 CFR 273.9(a)]" in text
    assert " 2. Shelter deduction: -$25.00  [7 CFR 273.9(d)(6)]" in text
    assert "TANF (cash assistance): DENIED (GROSS_INCOME_OVER_LIMIT)" in text
    assert "Member m2: covered (child_6_18)" in text
    # 7 CFR 273.15(g) and 42 CFR 431.221(d): 90 days to ask for a hearing.
    assert "fair hearing until 2026-05-01 (90 days, 7 CFR 273.15(g); 42 CFR 431.221(d))" in text
    # 7 CFR 273.10(g)(1)(i): an approval states its certification period; a denial has none.
    assert text.count("Certified from 2026-02 through 2027-01 (7 CFR 273.10(f)).") == 2
    assert "Free legal services" in text
    assert "continue unchanged" not in text  # nothing is being reduced


def test_the_adverse_action_notice_gives_ten_days_and_the_right_to_keep_benefits() -> None:
    text = notices.adverse_action_notice("c" * 32, a_determination(), "2026-03-11", "2026-05-30")
    assert "takes effect on 2026-03-11" in text
    assert "no sooner than 10 days" in text and "7 CFR 273.13(a)(1)" in text
    # 7 CFR 273.13(a)(2), 273.15(k): hearing rights, benefits continued, and the liability.
    assert "fair hearing until 2026-05-30" in text
    assert "If you ask before 2026-03-11, your benefits continue unchanged" in text
    assert "overissuance you may have to repay (7 CFR 273.18)" in text
    assert "Free legal services" in text


def test_a_missed_interview_notice_asks_for_a_new_date_and_says_when_snap_is_denied() -> None:
    text = notices.missed_interview("2026-01-12", "2026-02-04")
    assert "missed your eligibility interview scheduled for 2026-01-12" in text
    assert "reschedule it (7 CFR 273.2(e)(3))" in text
    assert "not held by 2026-02-04, your application will be denied (7 CFR 273.2(g)(3))" in text
    assert "denied" not in notices.missed_interview("2026-01-12")  # TANF alone: no SNAP day 30


def test_a_closure_for_a_missed_interview_cites_its_rule() -> None:
    text = notices.closure("2026-02-05", ClosureReason.MISSED_INTERVIEW, "2026-05-06")
    assert "Reason: missed interview: the eligibility interview was missed" in text
    assert "(7 CFR 273.2(g)(3))" in text and "fair hearing until 2026-05-06" in text
    plain = notices.closure("2026-02-05", ClosureReason.MOVED, "2026-05-06")
    assert "Reason: moved. You may ask" in plain
