"""The text of every notice a case sends, built from the case's data.

Pure functions: the workflow renders each notice (deterministically, so a replay renders
the same text) and the issue_notice activity hands the text to intake, which keeps the
notice exactly as it was sent. Each text cites the rule that requires it.
"""

from __future__ import annotations

from collections.abc import Sequence

from common.money import show
from workflows.inputs import (
    AppealedAction,
    ClosureReason,
    Determination,
    HearingOutcome,
    IfNotProvided,
    Program,
    ProgramResult,
    VerificationKind,
    VerificationSource,
)
from workflows.sla import add_days, parse
from workflows.state import Deadline, VerificationItem

PROGRAM_NAMES = {"snap": "SNAP (food assistance)", "tanf": "TANF (cash assistance)",
                 "medicaid": "Medicaid (health coverage)"}


def contact(caseworker_id: str, office_phone: str) -> str:
    """Whom to call: the office's number and, where there is one, the caseworker
    (7 CFR 273.13(a)(2))."""
    phone = f" at {office_phone}" if office_phone else ""
    who = f" and ask for caseworker {caseworker_id}" if caseworker_id else ""
    return f"QUESTIONS? Call your local office{phone}{who} (7 CFR 273.13(a)(2))."


def interview_scheduled(interview_date: str, caseworker_id: str) -> str:
    """The interview every application gets (7 CFR 273.2(e))."""
    return (f"Your eligibility interview is scheduled for {interview_date} "
            f"with caseworker {caseworker_id} (7 CFR 273.2(e)).")


def missed_interview(interview_date: str, deny_after: str = "",
                     rule: str = "7 CFR 273.2(g)(3)") -> str:
    """The household missed its interview and must reschedule it (7 CFR 273.2(e)(3));
    `deny_after` the day after which the application is denied, by `rule` (SNAP's day
    30, or TANF's State processing time)."""
    text = (f"You missed your eligibility interview scheduled for {interview_date}. Please "
            "contact your local office to reschedule it (7 CFR 273.2(e)(3)).")
    if deny_after:
        text += f" If it is not held by {deny_after}, your application will be denied ({rule})."
    return text


KIND_WORDS = {
    VerificationKind.SSN: "Social Security numbers",
    VerificationKind.CITIZENSHIP: "citizenship or immigration status",
}
"""How a notice names the kinds whose enum name reads badly in a sentence."""

DOCUMENTS = {
    VerificationKind.IDENTITY: "a driver's license or State ID",
    VerificationKind.INCOME: "pay stubs or an award letter",
    VerificationKind.RESIDENCY: "a lease, rent receipt or utility bill",
    VerificationKind.HOUSEHOLD_COMPOSITION: "birth certificates or school records",
    VerificationKind.EXPENSES: "a lease, rent receipts, utility or child care bills",
    VerificationKind.SSN: "a Social Security card",
    VerificationKind.CITIZENSHIP: "a U.S. passport, birth certificate or immigration papers",
    VerificationKind.DISABILITY: "an SSA award letter or a doctor's statement",
    VerificationKind.MEDICAL_EXPENSES: "medical bills or pharmacy receipts",
}
"""Examples of the papers that prove each kind."""


def _sources(item: VerificationItem) -> str:
    """The ways an item may be proved (7 CFR 273.2(f)(4)), in words."""
    ways = {
        VerificationSource.DOCUMENTARY: f"a document (such as {DOCUMENTS[item.kind]})",
        VerificationSource.COLLATERAL_CONTACT: "the name of someone outside your household "
        "we may contact to confirm it",
        VerificationSource.ELECTRONIC_MATCH: "records we can check ourselves",
    }
    return ", or ".join(ways[VerificationSource(s)] for s in item.sources)

LEFT_OUT = {
    VerificationKind.EXPENSES: "those expenses will not be deducted",
    VerificationKind.MEDICAL_EXPENSES: "those medical expenses will not be deducted",
    VerificationKind.DISABILITY: "the disability will not be counted",
}
"""What a decision leaves out when an item whose absence is not a denial never comes."""


def kind_words(kind: VerificationKind) -> str:
    return KIND_WORDS.get(VerificationKind(kind), kind.replace("_", " "))


def _kinds(items: Sequence[VerificationItem]) -> str:
    return ", ".join(kind_words(i.kind) for i in items)


def verification_request(
    wanted: Sequence[VerificationKind | VerificationItem], due_date: str, *,
    caseworker_id: str = "", rejected: str = "", period_end: str = "",
) -> str:
    """What the household must prove and by when, what may prove it, that the agency
    will help it get the proof, and what happens if none comes (7 CFR 273.2(c)(5)): the
    application may be denied for what the decision needs (273.2(h)(2)); a claimed
    expense or disability is left out (273.2(f)(3)); what the agency checks itself is
    never waited for. A kind alone stands for an item whose absence denies. `rejected`
    is why the evidence the household gave was not accepted, for a request made again;
    `period_end` the end of the certification period a recertification's proof is for."""
    items = [i if isinstance(i, VerificationItem) else VerificationItem(i, due_date)
             for i in wanted]
    asked = [i for i in items if i.if_not_provided is not IfNotProvided.NO_DELAY]
    checked = [i for i in items if i.if_not_provided is IfNotProvided.NO_DELAY]
    lines = []
    if rejected:
        lines.append(f"The proof you gave of {_kinds(items)} could not be accepted: "
                     f"{rejected}.")
    if asked:
        lines.append(f"Please provide proof of: {_kinds(asked)} by {due_date} "
                     "(7 CFR 273.2(c)(5)).")
        lines += [f"  {kind_words(i.kind)}: {_sources(i)}" for i in asked if i.sources]
        if any(i.sources for i in asked):
            lines.append("Any of these will do (7 CFR 273.2(f)(4)).")
    if checked:
        lines.append(f"We will check your {_kinds(checked)} ourselves; your decision "
                     "will not wait for it.")
    if asked:
        who = f" and ask for caseworker {caseworker_id}" if caseworker_id else ""
        lines.append("If you cannot get any of this proof, we will help you get it: "
                     f"contact your local office{who} before {due_date} "
                     "(7 CFR 273.2(c)(5), 273.2(f)(5)(i)).")
        denied = [i for i in asked if i.if_not_provided is IfNotProvided.DENIAL]
        left_out = [i for i in asked if i.if_not_provided is IfNotProvided.NOT_COUNTED]
        if denied and period_end:
            lines.append(f"This is for your recertification. If we do not have proof of "
                         f"{_kinds(denied)} before your benefits end on {period_end}, they "
                         "stop then (7 CFR 273.14(e)).")
        elif denied:
            lines.append(f"If we do not have proof of {_kinds(denied)} by {due_date}, "
                         "your application may be denied (7 CFR 273.2(h)(2)).")
        if left_out:
            effects = "; ".join(LEFT_OUT.get(VerificationKind(i.kind),
                                             f"your {kind_words(i.kind)} will not be counted")
                                for i in left_out)
            lines.append(f"If we do not have proof of {_kinds(left_out)} by {due_date}, "
                         f"we will decide your case without it: {effects} "
                         "(7 CFR 273.2(f)(3)). Your application is not denied for it.")
    return "\n".join(lines)


def denied_failure_to_provide(
    missing: Sequence[VerificationKind], reopen_until: str, window: Deadline
) -> str:
    """Denial for missing proof: what is missing, for SNAP the window in which it still
    reopens the application (7 CFR 273.2(h)(2)), and the right to appeal
    (273.10(g)(1)(ii))."""
    wanted = ", ".join(kind.replace("_", " ") for kind in missing)
    head = f"Your application is denied because the proof requested was not provided: {wanted}."
    if reopen_until:
        head += (f" If you provide it by {reopen_until}, your SNAP application will be reopened "
                 "without a new one (7 CFR 273.2(h)(2)).")
    return "\n".join([head, *_appeal_rights(window)])


CLOSURE_GROUNDS = {
    ClosureReason.MISSED_INTERVIEW: "the eligibility interview was missed and not held "
    "in the time the rules allow (for SNAP, 30 days from the application, 7 CFR "
    "273.2(g)(3)); you may apply again at any time",
    ClosureReason.FAILURE_TO_PROVIDE: "the proof requested was not provided within 60 days "
    "of the application (7 CFR 273.2(h)(2))",
}
"""What a closure notice says of the reasons whose rule it must cite."""


ADVANCE_NOTICE_EXEMPT = {
    ClosureReason.CLIENT_REQUEST: "7 CFR 273.13(b); 42 CFR 431.213(b)",
    ClosureReason.MOVED: "7 CFR 273.13(b)(2); 42 CFR 431.213",
    ClosureReason.FAILED_TO_RECERTIFY: "7 CFR 273.13(a), 273.14(b)",
    ClosureReason.FAILURE_TO_PROVIDE: "7 CFR 273.2(h)(2)",
    ClosureReason.MISSED_INTERVIEW: "7 CFR 273.2(g)(3)",
}
"""Closures that need no advance notice of adverse action, with the rule that says so: a
household's own written request, a move out of the area, a certification period that
ran out (advance notice is owed within a period; its end was noticed by the notice of
expiration), and the denials of an application (no benefits are being cut)."""


def needs_advance_notice(reason: ClosureReason) -> bool:
    """Whether closing for `reason` must wait 10 days from its notice (7 CFR 273.13(a))."""
    return reason not in ADVANCE_NOTICE_EXEMPT


def closure(closed_date: str, reason: ClosureReason, window: Deadline,
            program: Program | None = None) -> str:
    """The case (or one program of it) is closed, why (with the rule, where one decides
    it), and until when a fair hearing may be asked for."""
    grounds = CLOSURE_GROUNDS.get(reason)
    what = f"Your {PROGRAM_NAMES[program]} benefits are" if program else "Your case is"
    return (f"{what} closed on {closed_date}. Reason: {reason.replace('_', ' ')}"
            + (f": {grounds}" if grounds else "") + ". "
            f"You may ask for a fair hearing until {window.due_date} ({window.citation}).")


def closure_advance_notice(case_id: str, reason: ClosureReason, program: Program | None,
                           notice: Deadline, window: Deadline) -> str:
    """Advance notice of a closure (7 CFR 273.13(a)(2); 42 CFR 431.210): what ends, when,
    why, and the right to appeal with benefits continued."""
    what = f"your {PROGRAM_NAMES[program]} benefits" if program else "your case"
    return "\n".join([
        f"NOTICE OF ADVERSE ACTION — case {case_id}",
        f"We intend to close {what} on {notice.due_date}, no sooner than {_days(notice)} days "
        f"from this notice ({notice.citation}). Reason: {reason.replace('_', ' ')}.",
        "", *_appeal_rights(window, continued_if_before=notice.due_date)])


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


def _days(clock: Deadline) -> int:
    """How many days a clock gives, as it was started."""
    return (parse(clock.due_date) - parse(clock.start_date)).days


def _appeal_rights(window: Deadline, *, continued_if_before: str = "") -> list[str]:
    """The right to a fair hearing, and with an adverse action the right to keep benefits
    meanwhile and what that may cost (7 CFR 273.13(a)(2), 273.15(k); 42 CFR 431.210)."""
    lines = [f"YOUR RIGHT TO APPEAL: you may ask for a fair hearing until {window.due_date} "
             f"({_days(window)} days, {window.citation}), by phone, in writing or at your "
             "local office."]
    if continued_if_before:
        lines.append(
            f"If you ask before {continued_if_before}, your benefits continue unchanged until "
            "the hearing decision (7 CFR 273.15(k); 42 CFR 431.230). If the decision upholds "
            "this action, benefits paid meanwhile are an overissuance you may have to repay "
            "(7 CFR 273.18).")
    lines.append("Free legal services may be available to help you: your local office can "
                 "tell you where (7 CFR 273.13(a)(2)).")
    return lines


def decision_notice(
    case_id: str, determination: Determination, window: Deadline, certified_through: str
) -> str:
    """Notice of decision (7 CFR 273.10(g)): each program, each step with its rule, the
    certification period of an approval, and appeal rights."""
    lines = [f"NOTICE OF DECISION — case {case_id}, benefit month {determination.period}", ""]
    for result in determination.programs:
        lines += _program_section(result)
        if result.eligible and certified_through:
            lines.append(f"  Certified from {determination.period} through "
                         f"{certified_through[:7]} (7 CFR 273.10(f)).")
        lines.append("")
    return "\n".join([*lines, *_appeal_rights(window)])


def adverse_action_notice(
    case_id: str, determination: Determination, notice: Deadline, window: Deadline
) -> str:
    """Advance notice of a reduction or termination: what changes and when, why, and the
    right to appeal with benefits continued (7 CFR 273.13(a)(2))."""
    lines = [f"NOTICE OF ADVERSE ACTION — case {case_id}",
             f"The change below takes effect on {notice.due_date}, no sooner than "
             f"{_days(notice)} days from this notice ({notice.citation}).", ""]
    for result in determination.programs:
        lines += [*_program_section(result), ""]
    return "\n".join([*lines, *_appeal_rights(window, continued_if_before=notice.due_date)])


def benefits_held(period: str, missing: Sequence[VerificationKind], last_day: str) -> str:
    """Why later months wait after expedited SNAP, what would release them, and what
    happens if nothing comes (7 CFR 273.2(i)(4)(iii), 273.2(c)(5))."""
    wanted = ", ".join(kind.replace("_", " ") for kind in missing)
    return (f"Your SNAP benefits were issued quickly (expedited) before all proof was in. "
            f"Benefits for {period} and later are held until you provide: {wanted} "
            f"(7 CFR 273.2(i)(4)(iii)). When it arrives, we will check your benefit with it "
            f"and pay what is held. If it is not provided by {last_day}, your SNAP will "
            "end. Your local office can help you get it.")


def postponed_ended(missing: Sequence[VerificationKind], window: Deadline) -> str:
    """SNAP ends: the postponed proof never came (7 CFR 273.2(i)(4)(iii))."""
    wanted = ", ".join(kind.replace("_", " ") for kind in missing)
    return "\n".join([
        f"Your SNAP benefits have ended because the proof held over from your expedited "
        f"approval was not provided: {wanted} (7 CFR 273.2(i)(4)(iii)). You may apply again "
        "at any time.", *_appeal_rights(window)])


ACTIONS_APPEALED = {
    AppealedAction.DENIAL: "the denial of", AppealedAction.REDUCTION: "the reduction of",
    AppealedAction.CLOSURE: "the closure of", AppealedAction.BENEFIT_AMOUNT: "the amount of",
    AppealedAction.DELAY: "the delay in acting on",
}


def hearing_requested(program: Program, action: AppealedAction, requested: str,
                      decision: Deadline | None, continued: bool) -> str:
    """Acknowledgement of a hearing request: what is appealed, when the decision is due,
    and whether benefits continue meanwhile at the household's risk (7 CFR 273.15(k))."""
    lines = [f"We received on {requested} your request for a fair hearing about "
             f"{ACTIONS_APPEALED[action]} your {PROGRAM_NAMES[program]} benefits."]
    if decision is not None:
        lines[0] += f" A decision will be made by {decision.due_date} ({decision.citation})."
    if continued:
        lines.append("You asked before the action took effect, so your benefits continue "
                     "unchanged until the decision (7 CFR 273.15(k); 42 CFR 431.230). If the "
                     "decision upholds the action, benefits paid meanwhile are an "
                     "overissuance you may have to repay (7 CFR 273.18).")
    return "\n".join(lines)


def hearing_decided(program: Program, outcome: HearingOutcome, decided: str, act_by: str,
                    continued: bool, *, reinstated: bool = False, in_effect: bool = False) -> str:
    """What the hearing decided and what the agency does about it, by when. `reinstated`:
    the reversal gives back a program denied or closed; `in_effect`: the action upheld
    had already taken effect, so it stands rather than starting now."""
    name = PROGRAM_NAMES[program]
    if outcome is HearingOutcome.REVERSED:
        text = (f"The fair hearing decided on {decided} in your favor. The action on your "
                f"{name} benefits is reversed, and the decision is carried out "
                + (f"by {act_by} " if act_by else "promptly ")
                + "(7 CFR 273.15(s); 42 CFR 431.246).")
        if reinstated:
            text += (f" Your {name} case is reopened and decided again, and benefits lost "
                     "since the action are paid as that decision finds them due "
                     "(7 CFR 273.17; 42 CFR 431.246).")
    else:
        held = "upheld the action" if outcome is HearingOutcome.UPHELD else "ended at your request"
        effect = "stands" if in_effect else "takes effect now"
        text = (f"The fair hearing on your {name} benefits {held} on {decided}; the action "
                f"{effect} (7 CFR 273.15(s)).")
        if continued:
            text += (" Benefits paid while you waited for the decision are an overissuance "
                     "the agency will ask you to repay (7 CFR 273.18).")
    return text


def _names(programs: Sequence[Program]) -> str:
    return " and ".join(PROGRAM_NAMES[p] for p in programs)


def expiration(programs: Sequence[Program], period_end: str, file_by: str) -> str:
    """Notice of expiration (7 CFR 273.14(b)(2)): when the period ends, by when to file
    for benefits without a break, the interview, and what happens if nothing comes."""
    return "\n".join([
        f"NOTICE OF EXPIRATION: your {_names(programs)} benefits end on {period_end} unless "
        "you recertify (7 CFR 273.14(b)).",
        f"To keep getting benefits without a break, return your recertification application "
        f"by {file_by} (7 CFR 273.14(c)). Any application with your name, address and "
        "signature is accepted; you may ask for a form, or file by mail, in person or online.",
        "After you file, you will be interviewed and asked for proof of anything that changed "
        "(7 CFR 273.14(b)(3)).",
        f"If you do not recertify, your benefits stop after {period_end} and you must apply "
        "again to get them."])


def not_recertified(programs: Sequence[Program], period_end: str, window: Deadline) -> str:
    """The certification period ended without a recertification (7 CFR 273.14(e))."""
    return (f"Your {_names(programs)} benefits ended on {period_end}: the certification period "
            "ran out and it was not recertified (7 CFR 273.14). You may apply again at any "
            f"time. You may ask for a fair hearing until {window.due_date} ({window.citation}).")


def renewed_ex_parte(period_end: str, renewed_through: str) -> str:
    """42 CFR 435.916(a)(2)(i): coverage renewed on what the agency already knew; the
    household is told, and need send nothing unless something is wrong."""
    return (f"Your {PROGRAM_NAMES['medicaid']} is renewed from {add_days(period_end, 1)} "
            f"through {renewed_through}, based on information we already have "
            "(42 CFR 435.916(a)(2)). You do not need to do anything. If any of that "
            "information is wrong, tell your local office.")


def renewal_form(period_end: str, due: str) -> str:
    """42 CFR 435.916(a)(3): the prepopulated form, at least 30 days to return it, and
    what happens if it does not come back."""
    return "\n".join([
        f"MEDICAID RENEWAL: your coverage is due for renewal on {period_end}. We could not "
        "renew it with the information we have, so a renewal form filled in with what we know "
        "is enclosed (42 CFR 435.916(a)(3)).",
        f"Please correct anything wrong, sign it and return it by {due}, with any proof asked "
        "for, by mail, phone, online or in person.",
        f"If it is not returned, your coverage will end after {period_end}, with notice. If you "
        "return it within 90 days after coverage ends, we will reconsider without a new "
        "application (42 CFR 435.916(a)(3)(iii))."])
