"""The text of the notices a case sends. Pure functions: the intake activity renders a
notice from the case's data and the intake service keeps the text it was sent with."""

from __future__ import annotations

from workflows.inputs import Determination, ProgramResult
from workflows.sla import CLOCKS

PROGRAM_NAMES = {"snap": "SNAP (food assistance)", "tanf": "TANF (cash assistance)",
                 "medicaid": "Medicaid (health coverage)"}


def dollars(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{rest:02d}"


def _program_section(result: ProgramResult) -> list[str]:
    name = PROGRAM_NAMES.get(result.program, result.program)
    if result.eligible:
        head = f"{name}: APPROVED"
        if result.monthly_benefit_cents:
            head += f", {dollars(result.monthly_benefit_cents)} a month"
    else:
        head = f"{name}: DENIED ({', '.join(result.denial_reasons) or 'not eligible'})"
    lines = [head, "  How this was decided:"]
    for number, step in enumerate(result.explanation, 1):
        lines.append(f"  {number:>2}. {step.text}: {dollars(step.amount_cents)}  [{step.citation}]")
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


def plain_notice(title: str, case_id: str, body: str) -> str:
    return f"{title} — case {case_id}\n\n{body}"
