"""The checks each caseworker step must pass before the case accepts it.

One pure function per Update, called by that Update's validator, so a refused step
leaves no trace in history; here they are tested without Temporal. The front door
(intake) has already checked each field's shape with the same shared rules; these check
the step against the case as it stands. Messages name the phase or field, never a value.
"""

from __future__ import annotations

from common.validate import parse_date
from workflows import sla
from workflows.inputs import (
    MEDICAL_KINDS,
    AppealedAction,
    ApprovalDecisionInput,
    AssessmentInput,
    ChangeKind,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    DeadlineExtensionInput,
    EmploymentInput,
    ExpenseChange,
    ExtensionRequestInput,
    HearingDecisionInput,
    HearingOutcome,
    HearingRequestInput,
    IfNotProvided,
    InterviewInput,
    Phase,
    PlanApprovalInput,
    Program,
    ReassignmentInput,
    RenewalInput,
    ReportedChange,
    RescheduleInput,
    VerificationAction,
    VerificationInput,
    VerificationKind,
)
from workflows.state import ApprovalKind, CaseState, Renewal

POSTPONED_PHASES = (Phase.VERIFICATION, Phase.PLAN, Phase.SERVICES, Phase.MONITORING,
                    Phase.RETENTION)
"""Where an item postponed by expedited SNAP is still welcome."""

AGENCY_MATCH_PHASES = (Phase.VERIFICATION, Phase.DETERMINATION, *POSTPONED_PHASES[1:])
"""Where the agency's own data match (an SSN, Medicaid's citizenship) may be recorded:
the decision never waited for it."""

ONGOING_PHASES = (Phase.MONITORING, Phase.RETENTION)
"""Where a case takes reports of changes and of work."""


class StepRefused(ValueError):
    """A caseworker step that does not fit the case as it stands."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise StepRefused(message)


def require_phase(state: CaseState, *phases: Phase) -> None:
    require(state.phase in phases, f"the case is in {state.phase}, not {' or '.join(phases)}")


def require_date(value: str, field: str, *, not_before: str = "", not_after: str = "") -> None:
    """A YYYY-MM-DD date (the one strict parser every layer uses) within the bounds."""
    require(parse_date(value) is not None, f"{field} must be a date as YYYY-MM-DD")
    if not_before:
        require(value >= not_before, f"{field} must not be before {not_before}")
    if not_after:
        require(value <= not_after, f"{field} is in the future")


def recertification_awaiting_interview(state: CaseState) -> Renewal | None:
    """A SNAP or TANF recertification whose application is in and interview is not."""
    return next((r for r in state.renewals if Program.MEDICAID not in r.programs
                 and r.received_on and not r.interviewed_on), None)


def check_interview(state: CaseState, input: InterviewInput, *, today: str) -> None:
    renewal = recertification_awaiting_interview(state)
    if renewal is None:
        require_phase(state, Phase.INTAKE)
        require(not state.interviewed, "the interview is already recorded")
    require(bool(input.caseworker_id), "caseworker_id is required")
    require_date(input.interview_date, "interview_date",
                 not_before=renewal.received_on if renewal else state.filing_date,
                 not_after=today)


def check_reschedule(state: CaseState, input: RescheduleInput, *, today: str) -> None:
    """A new date for an interview not yet held: today or later, and for SNAP no later
    than day 30, after which the application is denied (7 CFR 273.2(g)(3))."""
    require_phase(state, Phase.INTAKE)
    require(not state.interviewed, "the interview is already recorded")
    require(bool(state.interview_date), "no interview is scheduled yet")
    require(bool(input.caseworker_id), "caseworker_id is required")
    day_30 = (state.rule_due("SNAP_APPLICATION_PROCESSING", state.filing_date)
              if Program.SNAP in state.programs else "")
    require_date(input.interview_date, "interview_date", not_before=today)
    require(not day_30 or input.interview_date <= day_30,
            f"interview_date must be by day 30, {day_30}")


def check_renewal(state: CaseState, input: RenewalInput, *, today: str) -> None:
    """A renewal is taken while its period's recertification or form is outstanding,
    and Medicaid's up to 90 days after coverage ended for want of it."""
    require(state.phase is not Phase.CLOSED, "the case is closed")
    renewal = state.renewal(input.program)
    require(renewal is not None and not renewal.ex_parte,
            f"no renewal of {input.program} is waiting for the household")
    assert renewal is not None
    require(not renewal.received_on, "the renewal is already received")
    require(bool(input.caseworker_id), "caseworker_id is required")
    require_date(input.received_date, "received_date", not_before=renewal.started_on,
                 not_after=today)
    if renewal.lapsed:  # late: welcome until coverage ends, and 90 days after
        ending = state.closing is not None and state.closing.program is input.program
        require(ending or state.reconsideration_open(input.received_date),
                "received_date is past the 90-day reconsideration period")


MAX_REASON_LENGTH = 200
"""A correction's or rejection's reason, as the front door bounds it."""


def check_verification(state: CaseState, input: VerificationInput, *, today: str) -> None:
    """Evidence for an item asked for and not yet in (expedited SNAP's postponed items
    after the decision too, and what a recertification asked for again); a correction or
    rejection of evidence received, with its reason, while the case is still in
    verification (before the determination reads the verified household). The amounts
    must be of the item's own kind."""
    action = VerificationAction(input.action)
    require(action is not VerificationAction.NOT_PROVIDED,
            "action not_provided is recorded by the case, not sent")
    item = state.item(input.kind)
    if action is not VerificationAction.RECEIVED:
        require_phase(state, Phase.VERIFICATION)
    elif item is not None and item.if_not_provided is IfNotProvided.NO_DELAY:
        require_phase(state, *AGENCY_MATCH_PHASES)
    elif state.proof_asked_again(input.kind):
        require_phase(state, Phase.MONITORING, Phase.RETENTION)
    else:
        require_phase(state, *(POSTPONED_PHASES if state.postponed()
                               else (Phase.VERIFICATION,)))
    if item is None:
        plan = next((i for i in state.verifications_not_required if i.kind == input.kind),
                    None)
        require(plan is None, f"{input.kind} verification is {plan.status if plan else ''}"
                ", not asked for")
        require(False, f"{input.kind} verification was not requested")
    assert item is not None
    if action is VerificationAction.RECEIVED:
        require(not item.received, f"{input.kind} is already verified")
    else:
        require(item.received, f"{input.kind} has no evidence received to be {action}")
        require(bool(input.reason.strip()), f"reason is required for an item {action}")
        require(len(input.reason) <= MAX_REASON_LENGTH,
                f"reason is longer than {MAX_REASON_LENGTH} characters")
    if action is not VerificationAction.REJECTED:
        require(bool(input.source.strip()), "source is required")
    require(bool(input.verifier_id), "verifier_id is required")
    require_date(input.received_date, "received_date", not_before=state.filing_date,
                 not_after=today)
    if action is VerificationAction.REJECTED:
        require(not input.incomes and not input.expenses,
                "a rejection carries no verified amounts")
    for number, income in enumerate(input.incomes):
        require(item.kind == VerificationKind.INCOME,
                f"incomes[{number}]: only an income item verifies incomes")
        require(income.monthly_cents >= 0, f"incomes[{number}].monthly_cents is negative")
    for number, expense in enumerate(input.expenses):
        medical = expense.kind in MEDICAL_KINDS
        require(item.kind == (VerificationKind.MEDICAL_EXPENSES if medical
                              else VerificationKind.EXPENSES),
                f"expenses[{number}].kind is not proved by the {input.kind} item")
        require(expense.monthly_cents >= 0, f"expenses[{number}].monthly_cents is negative")


def check_assessment(state: CaseState, input: AssessmentInput, *, today: str) -> None:
    require_phase(state, Phase.PLAN)
    require(not state.assessed_by, "the assessment is already recorded")
    require(bool(input.caseworker_id), "caseworker_id is required")
    require(bool(input.goals), "a service plan needs at least one goal")
    for number, planned in enumerate(input.activities):
        require(bool(planned.description.strip()),
                f"activities[{number}].description is required")
        require_date(planned.target_date, f"activities[{number}].target_date",
                     not_before=today)


def check_plan_approval(state: CaseState, input: PlanApprovalInput) -> None:
    require_phase(state, Phase.PLAN)
    require(bool(state.assessed_by), "no assessment and plan to approve yet")
    require(not state.plan_approved, "the plan is already approved")
    require(bool(input.supervisor_id), "supervisor_id is required")
    require(input.supervisor_id != state.assessed_by,
            "the caseworker who wrote the plan cannot approve it")


def check_change(
    state: CaseState, input: ChangeReport, *, today: str, change_in_flight: bool
) -> None:
    """`change_in_flight`: another change or employment Update is still being applied."""
    require_phase(state, *ONGOING_PHASES)
    require(not state.pending and not change_in_flight, "a change is already being acted on")
    require_date(input.reported_date, "reported_date", not_before=state.filing_date,
                 not_after=today)
    for number, income in enumerate(input.incomes):
        require(income.monthly_cents >= 0, f"incomes[{number}].monthly_cents is negative")
    require(not input.changes or (not input.incomes and input.expenses is None),
            "a report with changes carries no incomes or expenses of the old kind")
    size = state.household_size
    for number, change in enumerate(input.changes):
        at = f"changes[{number}]"
        require_date(change.change_date, f"{at}.change_date")
        require(change.change_date <= input.reported_date,
                f"{at}.change_date is after reported_date")
        require(_given(change) == [change.kind], f"{at} must set {change.kind} alone")
        cents = [change.income.monthly_cents if change.income else 0,
                 change.liquid_assets_cents or 0,
                 *(value or 0 for name, value in vars(change.expenses or ExpenseChange()).items()
                   if name.endswith("_cents"))]
        require(min(cents) >= 0, f"{at} has a negative amount")
        size += (change.kind == ChangeKind.ADD_MEMBER) - (change.kind == ChangeKind.REMOVE_MEMBER)
        require(size >= 1, f"{at}.remove_member would leave the household without members")


def _given(change: ReportedChange) -> list[ChangeKind]:
    """The kinds of change whose field is set on `change`."""
    given = {ChangeKind.ADD_MEMBER: change.add_member is not None,
             ChangeKind.REMOVE_MEMBER: bool(change.remove_member_id),
             ChangeKind.MOVE: change.move is not None,
             ChangeKind.INCOME: change.income is not None,
             ChangeKind.EXPENSES: change.expenses is not None,
             ChangeKind.ASSETS: change.liquid_assets_cents is not None}
    return [kind for kind, set_ in given.items() if set_]


def check_employment(state: CaseState, input: EmploymentInput, *, change_in_flight: bool) -> None:
    require_phase(state, *ONGOING_PHASES)
    require(not state.pending and not change_in_flight, "a change is already being acted on")
    require(bool(input.member_id), "member_id is required")
    require_date(input.start_date, "start_date")
    require(input.monthly_wages_cents >= 0, "monthly_wages_cents is negative")
    require(0 <= input.hours_per_week <= 168, "hours_per_week must be 0 to 168")


def in_notice_period(requested: str, effective: str) -> bool:
    """Was a hearing asked for before the action took effect, so that benefits continue
    (7 CFR 273.15(k)(1))? A notice period ending on a weekend or holiday has its action
    wait out the next business day (`clocks.action_date_after_notice`), so a request made
    then is before it too (273.13(a)(1))."""
    return requested < effective


def check_hearing_request(state: CaseState, input: HearingRequestInput, *, today: str,
                          closed_appealable: bool) -> None:
    """`closed_appealable`: a closed case still takes requests within its windows."""
    require(state.phase is not Phase.CLOSED or closed_appealable, "the case is closed")
    require(state.line(input.program) is not None, f"{input.program} was not applied for")
    require(bool(input.recorded_by), "recorded_by is required")
    require_date(input.requested_date, "requested_date", not_before=state.filing_date,
                 not_after=today)
    require(input.action_appealed is AppealedAction.DELAY
            or state.hearing_window_open(input.requested_date),
            "requested_date is outside every decision's 90-day hearing window")
    require(not any(h.program == input.program and h.outcome is None for h in state.hearings),
            f"a hearing on {input.program} is already waiting for its decision")


def check_hearing_decision(state: CaseState, input: HearingDecisionInput, *, today: str) -> None:
    hearing = state.hearing(input.hearing_id)
    require(hearing is not None, "hearing_id names no hearing of this case")
    require(hearing is not None and hearing.outcome is None, "the hearing is already decided")
    require(input.outcome in set(HearingOutcome), "outcome is not a hearing outcome")
    require(bool(input.hearing_officer_id), "hearing_officer_id is required")
    require_date(input.decision_date, "decision_date",
                 not_before=hearing.requested_date if hearing else "", not_after=today)


def check_extension(state: CaseState, input: DeadlineExtensionInput, *, today: str) -> None:
    """A supervisor extends an agency deadline, later than it was, with a reason."""
    require(state.phase is not Phase.CLOSED, "the case is closed")
    deadline = state.extendable(input.code)
    require(deadline is not None, f"no open agency deadline {input.code} on this case")
    require(bool(input.supervisor_id), "supervisor_id is required")
    require(input.supervisor_id != state.caseworker_id,
            "the caseworker of the case cannot extend its deadlines")
    require(bool(input.reason.strip()), "reason is required")
    require_date(input.new_due_date, "new_due_date",
                 not_before=max(today, sla.add_days(deadline.due_date, 1)) if deadline else today)


def check_reassignment(state: CaseState, input: ReassignmentInput) -> None:
    """A supervisor moves an open case to a different caseworker, saying why."""
    require(state.phase is not Phase.CLOSED, "the case is closed")
    require(bool(input.caseworker_id), "caseworker_id is required")
    require(input.caseworker_id != state.caseworker_id,
            "the case is already this caseworker's")
    require(bool(input.supervisor_id), "supervisor_id is required")
    require(bool(input.reason.strip()), "reason is required")


def check_extension_request(state: CaseState, input: ExtensionRequestInput, *,
                            today: str) -> None:
    """A caseworker asks for an extension a supervisor could grant, once at a time."""
    check_extension(state, DeadlineExtensionInput(
        input.code, input.new_due_date, input.reason, "the supervisor"), today=today)
    require(bool(input.caseworker_id), "caseworker_id is required")
    require(not any(a.code == input.code and not a.decision for a in state.approvals),
            f"an extension of {input.code} is already waiting for a supervisor")


def check_approval_decision(state: CaseState, input: ApprovalDecisionInput, *,
                            today: str) -> None:
    """A waiting request, decided by someone other than who asked; a return says why,
    and an extension is still one a supervisor could grant."""
    approval = state.approval(input.approval_id)
    require(approval is not None, "no such approval on this case")
    assert approval is not None
    require(not approval.decision, f"the request is already {approval.decision}")
    require(bool(input.supervisor_id), "supervisor_id is required")
    require(input.supervisor_id != approval.requested_by,
            "the person who asked cannot decide the request")
    require(input.approve or bool(input.reason.strip()), "reason is required to return it")
    if input.approve and approval.kind is ApprovalKind.DEADLINE_EXTENSION:
        check_extension(state, DeadlineExtensionInput(
            approval.code, approval.new_due_date, approval.reason, input.supervisor_id),
            today=today)
    if input.approve and approval.kind is ApprovalKind.PLAN:
        check_plan_approval(state, PlanApprovalInput(input.supervisor_id))


def check_closure(state: CaseState, input: ClosureInput, *, closing: bool) -> None:
    """`closing`: a closure was already accepted and is under way."""
    require(state.phase is not Phase.CLOSED, "the case is already closed")
    require(not closing, "the case is already closing")
    require(input.reason in set(ClosureReason), "reason is not a closure reason")
    if input.program is not None:
        require(any(line.program == input.program for line in state.open_lines()),
                f"{input.program} is not an open program of this case")
    require(bool(input.caseworker_id), "caseworker_id is required")
