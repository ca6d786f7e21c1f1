"""The text of every notice a case sends, built from the case's data.

Pure functions: the workflow renders each notice (deterministically, so a replay renders
the same text) and the issue_notice activity hands the text to intake, which keeps the
notice exactly as it was sent. Each text cites the rule that requires it.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.money import show
from workflows.inputs import ClosureReason, Determination, ProgramResult, VerificationKind
from workflows.sla import CLOCKS

PROGRAM_NAMES = {"snap": "SNAP (food assistance)", "tanf": "TANF (cash assistance)",
                 "medicaid": "Medicaid (health coverage)"}


def interview_scheduled(interview_date: str, caseworker_id: str) -> str:
    """The interview every application gets (7 CFR 273.2(e))."""
    return (f"Your eligibility interview is scheduled for {interview_date} "
            f"with caseworker {caseworker_id} (7 CFR 273.2(e)).")


def verification_request(kinds: Sequence[VerificationKind], due_date: str) -> str:
    """What the household must prove, and by when (7 CFR 273.2(c)(5))."""
    wanted = ", ".join(kind.replace("_", " ") for kind in kinds)
    return f"Please provide proof of: {wanted} by {due_date} (7 CFR 273.2(c)(5))."


def denied_failure_to_provide(reopen_until: str) -> str:
    """Denial for missing proof, with the window in which the proof still reopens the
    application (7 CFR 273.2(h)(2))."""
    return ("Your application is denied because the proof requested was not provided. "
            f"If you provide it by {reopen_until}, your application will be reopened "
            "without a new one (7 CFR 273.2(h)(2)).")


def closure(closed_date: str, reason: ClosureReason, hearing_until: str) -> str:
    """The case is closed, why, and until when a fair hearing may be asked for."""
    return (f"Your case is closed on {closed_date}. Reason: {reason.replace('_', ' ')}. "
            f"You may ask for a fair hearing until {hearing_until} (7 CFR 273.15(g)).")


def _program_section(result: ProgramResult) -> list[str]:
    name = PROGRAM_NAMES.get(result.program, result.program)
    if result.eligible:
        head = f"{name}: APPROVED"
        if result.monthly_benefit_cents:
            head += f", {show(result.monthly_benefit_cents)} a month"
    else:
        head = f"{name}: DENIED ({', '.join(result.denial_reasons) or 'not eligible'})"
    lines = [head, "  How this was decided:"]
    for number, step in enumerate(result.explanation, 1):
        lines.append(f"  {number:>2}. {step.text}: {show(step.amount_cents)}  [{step.citation}]")
    for member in result.members:
        verdict = "covered" if member.eligible else "not covered"
        lines.append(f"  Member {member.member_id}: {verdict} ({member.category})")
    return lines


def decision_notice(case_id: str, determination: Determination, hearing_deadline: str) -> str:
    """Notice of decision: each program, each step with its rule, and appeal rights."""
    lines = [f"NOTICE OF DECISION — case {case_id}, benefit month {determination.period}", ""]
    for result in determination.programs:
        lines += [*_program_section(result), ""]
    hearing = CLOCKS["FAIR_HEARING_REQUEST"]
    lines.append(
        f"YOUR RIGHT TO APPEAL: you may ask for a fair hearing until {hearing_deadline} "
        f"({hearing.days} days, {hearing.citation}). Benefits continue unchanged if you ask "
        "before a reduction takes effect."
    )
    return "\n".join(lines)


def adverse_action_notice(case_id: str, determination: Determination, effective: str) -> str:
    """Advance notice of a reduction or termination (7 CFR 273.13)."""
    lines = [f"NOTICE OF ADVERSE ACTION — case {case_id}",
             f"The change below takes effect on {effective}, no sooner than "
             f"{CLOCKS['ADVERSE_ACTION_NOTICE'].days} days from this notice "
             f"({CLOCKS['ADVERSE_ACTION_NOTICE'].citation}).", ""]
    for result in determination.programs:
        lines += [*_program_section(result), ""]
    return "\n".join(lines)
