"""Every notice's text carries what the rule requires it to say, and its citation."""

from __future__ import annotations

import pytest

from workflows import notices
from workflows.inputs import (
    AppealedAction,
    ClosureReason,
    Determination,
    ExplanationLine,
    HearingOutcome,
    IfNotProvided,
    MemberCoverage,
    Phase,
    Program,
    ProgramResult,
    VerificationKind,
    VerificationSource,
)
from workflows.state import CaseState, Deadline, VerificationItem


def clock(code: str, start: str) -> Deadline:
    """A clock as a case in Illinois starts it, by the rules in force that day."""
    state = CaseState("c" * 32, Phase.MONITORING, [Program.SNAP], "IL", "2026-01-02")
    state.start_clock(code, start)
    return state.clock(code)


def window(start: str) -> Deadline:
    return clock("FAIR_HEARING_REQUEST", start)


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
        window("2026-02-03"))
    assert "not provided: income, household composition." in text
    assert "reopened" in text and "by 2026-03-06" in text and "7 CFR 273.2(h)(2)" in text
    # 7 CFR 273.10(g)(1)(ii): a denial carries the right to a hearing.
    assert "fair hearing until 2026-05-04 (90 days" in text


def test_the_closure_notice_gives_the_reason_and_the_hearing_deadline() -> None:
    text = notices.closure("2026-04-01", ClosureReason.FAILED_TO_RECERTIFY, window("2026-04-01"))
    assert "closed on 2026-04-01" in text and "failed to recertify" in text
    assert "fair hearing until 2026-06-30" in text and "7 CFR 273.15(g)" in text


def test_the_decision_notice_explains_each_program_line_by_line_with_appeal_rights() -> None:
    text = notices.decision_notice("c" * 32, a_determination(), window("2026-01-31"),
                                   "2027-01-31")
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
    text = notices.adverse_action_notice("c" * 32, a_determination(),
                                         clock("ADVERSE_ACTION_NOTICE", "2026-03-01"),
                                         window("2026-03-01"))
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
    text = notices.closure("2026-02-05", ClosureReason.MISSED_INTERVIEW, window("2026-02-05"))
    assert "Reason: missed interview: the eligibility interview was missed" in text
    assert "7 CFR 273.2(g)(3)" in text and "fair hearing until 2026-05-06" in text
    plain = notices.closure("2026-02-05", ClosureReason.MOVED, window("2026-02-05"))
    assert "Reason: moved. You may ask" in plain


def test_a_denial_without_snap_has_no_reopen_window() -> None:
    text = notices.denied_failure_to_provide([VerificationKind.INCOME], "", window("2026-02-03"))
    assert "reopened" not in text and "fair hearing until 2026-05-04" in text


@pytest.mark.parametrize(("reason", "advance"), [
    (ClosureReason.INELIGIBLE, True), (ClosureReason.TIME_LIMIT, True),
    # 7 CFR 273.13(b): the household's own written request and a move out of the area
    # need no advance notice; nor does a period that ran out or an application denied.
    (ClosureReason.CLIENT_REQUEST, False), (ClosureReason.MOVED, False),
    (ClosureReason.FAILED_TO_RECERTIFY, False), (ClosureReason.FAILURE_TO_PROVIDE, False),
    (ClosureReason.MISSED_INTERVIEW, False),
])
def test_which_closures_wait_out_an_advance_notice(reason: ClosureReason, advance: bool) -> None:
    assert notices.needs_advance_notice(reason) is advance


def test_a_closure_notice_in_advance_gives_its_date_and_the_right_to_keep_benefits() -> None:
    text = notices.closure_advance_notice("c" * 32, ClosureReason.INELIGIBLE, Program.SNAP,
                                          clock("ADVERSE_ACTION_NOTICE", "2026-03-01"),
                                          window("2026-03-01"))
    assert "close your SNAP (food assistance) benefits on 2026-03-11" in text
    assert "no sooner than 10 days from this notice (7 CFR 273.13(a)(1)" in text
    assert "If you ask before 2026-03-11, your benefits continue unchanged" in text
    assert "Free legal services" in text


def test_a_hearing_acknowledgement_gives_the_decision_date_and_continued_benefits() -> None:
    decision = clock("SNAP_HEARING_DECISION", "2026-03-05")
    text = notices.hearing_requested(Program.SNAP, AppealedAction.REDUCTION, "2026-03-05",
                                     decision, continued=True)
    assert "fair hearing about the reduction of your SNAP" in text
    assert "decision will be made by 2026-05-04 (7 CFR 273.15(c)(1))" in text
    assert "continue unchanged until the decision" in text and "7 CFR 273.18" in text
    late = notices.hearing_requested(Program.TANF, AppealedAction.CLOSURE, "2026-03-20",
                                     None, continued=False)
    assert "continue unchanged" not in late and "decision will be made" not in late


def test_a_hearing_decision_says_what_happens_and_by_when() -> None:
    reversed_ = notices.hearing_decided(Program.SNAP, HearingOutcome.REVERSED, "2026-04-01",
                                        "2026-04-11", continued=True)
    assert "reversed" in reversed_ and "carried out by 2026-04-11" in reversed_
    upheld = notices.hearing_decided(Program.SNAP, HearingOutcome.UPHELD, "2026-04-01",
                                     "2026-04-11", continued=True)
    assert "upheld the action" in upheld and "overissuance" in upheld
    assert "takes effect now" in upheld


def test_a_reversal_that_reinstates_says_the_lost_months_are_paid() -> None:
    text = notices.hearing_decided(Program.SNAP, HearingOutcome.REVERSED, "2026-04-01",
                                   "2026-04-11", continued=False, reinstated=True)
    assert "case is reopened" in text and "7 CFR 273.17" in text
    stands = notices.hearing_decided(Program.SNAP, HearingOutcome.UPHELD, "2026-04-01",
                                     "2026-04-11", continued=False, in_effect=True)
    assert "the action stands" in stands and "takes effect now" not in stands


def test_the_notice_of_expiration_gives_the_period_end_and_the_filing_date() -> None:
    text = notices.expiration([Program.SNAP, Program.TANF], "2027-01-31", "2027-01-15")
    assert "SNAP (food assistance) and TANF (cash assistance) benefits end on 2027-01-31" in text
    assert "by 2027-01-15 (7 CFR 273.14(c))" in text and "interviewed" in text
    assert "stop after 2027-01-31" in text  # 273.14(b)(2): the consequence of not filing


def test_medicaid_renewal_notices_say_what_was_used_or_what_to_return() -> None:
    renewed = notices.renewed_ex_parte("2027-01-31", "2028-01-31")
    assert "renewed from 2027-02-01 through 2028-01-31" in renewed
    assert "42 CFR 435.916(a)(2)" in renewed and "do not need to do anything" in renewed
    form = notices.renewal_form("2027-01-31", "2026-12-31")
    assert "return it by 2026-12-31" in form and "within 90 days" in form
    assert "42 CFR 435.916(a)(3)" in form


def test_the_not_recertified_notice_says_the_benefits_ended() -> None:
    text = notices.not_recertified([Program.SNAP], "2027-01-31", window("2027-02-01"))
    assert "ended on 2027-01-31" in text and "not recertified" in text
    assert "fair hearing until 2027-05-02" in text


def test_the_verification_request_offers_help_and_says_what_happens_if_nothing_comes() -> None:
    items = [
        VerificationItem(VerificationKind.INCOME, "2026-01-30",
                         sources=[VerificationSource.DOCUMENTARY,
                                  VerificationSource.COLLATERAL_CONTACT]),
        VerificationItem(VerificationKind.MEDICAL_EXPENSES, "2026-01-30",
                         sources=[VerificationSource.DOCUMENTARY],
                         if_not_provided=IfNotProvided.NOT_COUNTED),
        VerificationItem(VerificationKind.SSN, "2026-01-30",
                         sources=[VerificationSource.ELECTRONIC_MATCH],
                         if_not_provided=IfNotProvided.NO_DELAY),
    ]
    text = notices.verification_request(items, "2026-01-30", caseworker_id="cw-0002")
    # What to prove and by when; the SSN is the agency's to check, never the household's.
    assert "Please provide proof of: income, medical expenses by 2026-01-30" in text
    assert "We will check your Social Security numbers ourselves" in text
    # What may prove it (7 CFR 273.2(f)(4)): a document or a person who can confirm it.
    assert "pay stubs or an award letter" in text and "someone outside your household" in text
    assert "7 CFR 273.2(f)(4)" in text
    # The offer of help (7 CFR 273.2(c)(5)), with whom to ask.
    assert "we will help you get it" in text and "ask for caseworker cw-0002" in text
    assert "7 CFR 273.2(c)(5)" in text
    # What follows if nothing comes: a denial for the income, only the deduction for the
    # medical costs (7 CFR 273.2(f)(3)).
    assert "If we do not have proof of income by 2026-01-30, your application may be denied" in text
    assert ("If we do not have proof of medical expenses by 2026-01-30, we will decide your "
            "case without it: those medical expenses will not be deducted") in text
    assert "7 CFR 273.2(f)(3)" in text and "not denied for it" in text


def test_a_request_made_again_says_why_the_evidence_was_not_accepted() -> None:
    text = notices.verification_request([VerificationKind.IDENTITY], "2026-02-12",
                                        rejected="the ID had expired")
    assert text.startswith("The proof you gave of identity could not be accepted: "
                           "the ID had expired.")
    assert "identity by 2026-02-12" in text and "we will help you get it" in text
    assert "may be denied" in text
