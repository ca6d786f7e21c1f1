"""What a case starts with (`CaseInput`) and what it carries (`CaseState`), with the
ledger helpers the workflow keeps its books with.

`CaseState` is the one serializable structure of a case: the `status` Query and every
Update return it, and it travels through continue-as-new inside `CaseInput`. Its
helpers are plain methods, so they are tested without Temporal. Dates are ISO strings;
money is integer cents; nothing here holds a name, birth date or SSN.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from workflows import clocks, sla
from workflows.inputs import (
    AppealedAction,
    ClosureInput,
    ClosureReason,
    Determination,
    HearingOutcome,
    IfNotProvided,
    Income,
    Need,
    Phase,
    PlanActivity,
    Program,
    Requester,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
    VerifiedExpense,
)


class Task(StrEnum):
    """Work a case waits on a person for; open while it shows in `open_tasks`."""

    INTERVIEW = "INTERVIEW"
    MISSED_INTERVIEW = "MISSED_INTERVIEW"
    VERIFICATION_OVERDUE = "VERIFICATION_OVERDUE"
    DENIED_FAILURE_TO_PROVIDE = "DENIED_FAILURE_TO_PROVIDE"
    ASSESSMENT = "ASSESSMENT"
    PLAN_APPROVAL = "PLAN_APPROVAL"
    RETENTION_CHECK_IN = "RETENTION_CHECK_IN"
    POSTPONED_VERIFICATION = "POSTPONED_VERIFICATION"
    RECERTIFICATION = "RECERTIFICATION"
    REFUSED_STEP = "REFUSED_STEP"
    HEARING_DECISION = "HEARING_DECISION"
    """A hearing decision to carry out by hand (a past action reversed)."""
    DEADLINE_BREACHED = "DEADLINE_BREACHED"
    """A supervisor's: an agency clock ran out unmet (it escalates, never decides)."""
    PAYMENT_APPROVAL = "PAYMENT_APPROVAL"
    """A supervisor's: a payment above the approval limit waits in the approvals queue."""


class Pending(StrEnum):
    """Why the case must be determined again. NONE is the empty string, so a state
    recorded before this enum existed ("" for nothing pending) still decodes, and
    `bool(state.pending)` reads as "something is pending"."""

    NONE = ""
    CHANGE = "change"
    EMPLOYMENT = "employment"
    RECERTIFICATION = "recertification"
    RENEWAL = "renewal"
    """Medicaid's renewal form came back: determine its coverage for the next period."""
    REINSTATEMENT = "reinstatement"
    """A hearing reversed a denial or closure: determine the program given back."""


APPEAL_CLOCKS = frozenset({
    "FAIR_HEARING_REQUEST", "SNAP_HEARING_DECISION", "SNAP_HEARING_DECISION_ACTION",
    "MEDICAID_HEARING_DECISION", "MEDICAID_HEARING_DECISION_ACTION",
    "TANF_HEARING_DECISION", "TANF_HEARING_DECISION_ACTION"})
"""The clocks that run on after a case closes: the windows to appeal and the hearings'."""

RECENT_MONTHS = 24
"""How far back a case carries its paid months and finished clocks and hearings."""

RECENT_RECORDS = 48
"""How many payment authorizations and phase changes a case carries."""

TANF_MONTHS_KEPT = 120
"""TANF months counted toward the lifetime limit: well past any State's limit."""


@dataclass
class VerificationItem:
    """One kind of fact the household may be asked to prove: intake's plan says whether it
    is required and why, the case keeps where its evidence stands. Every field after
    `verifier_id` was added with a default that reads an item recorded before plans as
    required, its absence a ground for denial, as such items were."""

    kind: VerificationKind
    due_date: str
    received: bool = False
    source: str = ""
    received_date: str = ""
    verifier_id: str = ""
    status: VerificationStatus = VerificationStatus.REQUIRED
    reason: str = ""
    """Why it is required, not applicable or waived, with the rule that says so."""
    sources: list[VerificationSource] = field(default_factory=list)
    """What may satisfy it (7 CFR 273.2(f)(4)); empty on items recorded before plans."""
    if_not_provided: IfNotProvided = IfNotProvided.DENIAL
    member_ids: list[str] = field(default_factory=list)
    """The members it concerns (those with income, those claiming a disability); empty
    when it concerns the household as a whole."""
    evidence: VerificationSource | None = None
    """What kind of source the current evidence is, when the caseworker said."""
    last_action: VerificationAction | None = None
    """The latest record of the item (intake keeps every one)."""
    note: str = ""
    """The caseworker's reason for the latest correction or rejection."""
    records: int = 0
    """How many records the item has: the first evidence, then each correction or
    rejection."""
    incomes: list[Income] = field(default_factory=list)
    """The verified incomes the current evidence shows."""
    expenses: list[VerifiedExpense] = field(default_factory=list)
    """The verified expenses the current evidence shows."""

    def awaited(self) -> bool:
        """The case waits for it: the decision needs it (the agency's own matches do
        not hold one up) and it was not already settled as not provided."""
        return (self.if_not_provided is not IfNotProvided.NO_DELAY
                and self.last_action is not VerificationAction.NOT_PROVIDED)

    def asked_again(self, due_date: str, action: VerificationAction,
                    note: str = "") -> VerificationItem:
        """The item asked for anew by `action` (a rejection, or a recertification), due
        on `due_date`: its evidence is cleared and the record counted."""
        return replace(self, due_date=due_date, received=False, source="", received_date="",
                       verifier_id="", evidence=None, last_action=action, note=note,
                       records=self.records + 1, incomes=[], expenses=[])


@dataclass
class ProgramDecision:
    """What the case keeps of one program's latest decision."""

    program: Program
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: list[str] = field(default_factory=list)
    determination_id: str = ""
    period: str = ""


class ClockStatus(StrEnum):
    """Where a regulatory clock stands. OPEN is "", so clocks recorded before statuses
    existed decode as open (their `met` flag still says whether they were met)."""

    OPEN = ""
    WARNING = "warning"
    """Past its warning date and not yet met."""
    MET = "met"
    """Met on or before its due date."""
    MET_LATE = "met_late"
    BREACHED = "breached"
    """Past its due date and not met: escalated to a supervisor."""
    PAUSED = "paused"
    """Stopped while the case waits on the household; resumes with the days it had left."""
    EXTENDED = "extended"
    """A supervisor moved its due date, with a reason."""
    LAPSED = "lapsed"
    """A window the household had (to appeal, to provide proof) ran out unused."""


class SlaStatus(StrEnum):
    """Where a case stands on its agency deadlines, for lists, counts and search."""

    ON_TIME = "on_time"
    WARNING = "warning"
    """An agency clock is past its warning date and not yet met."""
    BREACHED = "breached"
    """An agency clock is past its due date and not met."""


class ApprovalKind(StrEnum):
    """What a supervisor is asked to approve."""

    PLAN = "plan"
    PAYMENT = "payment"
    DEADLINE_EXTENSION = "deadline_extension"


class ApprovalDecision(StrEnum):
    """A supervisor's answer; NONE ("") while the request waits."""

    NONE = ""
    APPROVED = "approved"
    RETURNED = "returned"


@dataclass
class Approval:
    """A request waiting for a supervisor, or decided. Carries no names: the summary says
    what is asked in codes, months and amounts."""

    approval_id: str
    kind: ApprovalKind
    requested_by: str
    requested_on: str
    summary: str
    program: Program | None = None
    amount_cents: int = 0
    period: str = ""
    """PAYMENT: the benefit month (YYYY-MM)."""
    code: str = ""
    new_due_date: str = ""
    reason: str = ""
    decision: ApprovalDecision = ApprovalDecision.NONE
    decided_by: str = ""
    decided_on: str = ""
    decision_reason: str = ""


class LineStatus(StrEnum):
    """One program's standing on the case."""

    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    CLOSED = "closed"


@dataclass
class Deadline:
    """A regulatory clock on the case; `met` once the thing it times has happened.

    Its due date is computed once, when it starts, from the rules in force that day, and
    kept; an extension or a pause moves it and says so here."""

    code: str
    due_date: str
    citation: str
    met: bool = False
    start_date: str = ""
    warning_date: str = ""
    met_on: str = ""
    status: ClockStatus = ClockStatus.OPEN
    program: str = ""
    """The program it times, or "" for the case as a whole."""
    ref: str = ""
    """What it times when several of one code run at once (a decision's hearing window)."""
    original_due_date: str = ""
    """Set when an extension or pause moved `due_date`."""
    extended_by: str = ""
    extension_reason: str = ""
    paused_on: str = ""


@dataclass
class ProgramLine:
    """One program applied for: its status, its period and, once closed, why."""

    program: Program
    status: LineStatus = LineStatus.PENDING
    period_end: str = ""
    """The last day of its certification (SNAP, TANF) or renewal (Medicaid) period."""
    decided_on: str = ""
    closure_reason: ClosureReason | None = None
    closed_on: str = ""


@dataclass
class Hearing:
    """A fair-hearing request and, once decided, its decision (7 CFR 273.15)."""

    hearing_id: str
    program: Program
    requested_date: str
    action_appealed: AppealedAction
    requested_by: Requester
    continued_benefits: bool
    """Asked before the action took effect, so benefits continue until the decision."""
    decide_by: str
    outcome: HearingOutcome | None = None
    decision_date: str = ""
    act_by: str = ""
    """The decision is carried out by this date."""


@dataclass
class Renewal:
    """One period's recertification (SNAP and TANF together) or Medicaid renewal."""

    programs: list[Program]
    period_end: str
    """The last day of the period being renewed."""
    started_on: str
    """When the notice of expiration, or the ex parte attempt, went out."""
    due_date: str
    """By when the household's application or form is due ("" when none is asked)."""
    received_on: str = ""
    interviewed_on: str = ""
    ex_parte: bool = False
    """Medicaid renewed on what the agency already knew (42 CFR 435.916(a)(2))."""
    lapsed: bool = False
    """The form was not returned in time and coverage is being ended."""
    proof: list[VerificationKind] = field(default_factory=list)
    """The items asked for again with the recertification application (7 CFR 273.2(f)(8))."""

    def complete(self) -> bool:
        """The household did its part: SNAP's also needs the interview (273.14(b)(3))."""
        return bool(self.received_on) and (Program.MEDICAID in self.programs
                                           or bool(self.interviewed_on))


@dataclass
class PhaseChange:
    phase: Phase
    at: str  # ISO datetime (workflow time)


@dataclass
class CaseInput:
    """What intake starts a case with: no names, only what the workflow steers by."""

    case_id: str
    programs: list[Program]
    state: str
    filing_date: str
    county: str = ""
    household_size: int = 1
    agency_timezone: str = "America/Chicago"
    carried_state: CaseState | None = None
    """Set when the case continues as new at a certification boundary."""
    elderly_or_disabled: bool = False
    """Every adult member is elderly or disabled: SNAP may certify for 24 months where the
    State allows (7 CFR 273.10(f)(1))."""
    disability_basis: bool = False
    """A member applying reported a disability: Medicaid's decision may take 90 days
    rather than 45 (42 CFR 435.912(c)(3)(i))."""


@dataclass
class CaseState:
    """The case's live state, returned by the `status` Query and by every Update."""

    case_id: str
    phase: Phase
    programs: list[Program]
    state: str
    filing_date: str
    county: str = ""
    household_size: int = 1
    caseworker_id: str = ""
    office_id: str = ""
    office_phone: str = ""
    """The number every notice gives the household to call (7 CFR 273.13(a)(2))."""
    expedited: bool = False
    interview_date: str = ""
    interviewed: bool = False
    verifications: list[VerificationItem] = field(default_factory=list)
    """The items asked for, each with its due date: the only ones a caseworker submits."""
    verifications_not_required: list[VerificationItem] = field(default_factory=list)
    """What intake's plan found not applicable or waived, each with its reason: shown,
    never asked for nor waited on."""
    decisions: list[ProgramDecision] = field(default_factory=list)
    determination: Determination | None = None
    certification_end_date: str = ""
    needs: list[Need] = field(default_factory=list)
    plan_activities: list[PlanActivity] = field(default_factory=list)
    plan_approved: bool = False
    referral_ids: list[str] = field(default_factory=list)
    payment_authorization_ids: list[str] = field(default_factory=list)
    paid_periods: list[str] = field(default_factory=list)
    open_tasks: list[Task] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    closure_reason: ClosureReason | None = None
    closed_date: str = ""
    retention_end_date: str = ""
    history: list[PhaseChange] = field(default_factory=list)
    assessed_by: str = ""
    """The caseworker who recorded the assessment; a different person approves the plan."""
    pending: Pending = Pending.NONE
    return_phase: Phase = Phase.MONITORING
    """Where a redetermination goes back to: monitoring or retention."""
    scheduled: Determination | None = None
    """A reduction waiting out its notice of adverse action; applied on `scheduled_on`."""
    scheduled_on: str = ""
    held_periods: list[str] = field(default_factory=list)
    """Months not paid while expedited SNAP's postponed verification is outstanding."""
    refused_step: str = ""
    """The activity a service refuses and the error's code, while the case waits on it."""
    benefits_from: str = ""
    """Set when the household completed the process after day 30 and the case reopened:
    benefits begin that day, not on the filing date (7 CFR 273.2(h)(2)(ii))."""
    lines: list[ProgramLine] = field(default_factory=list)
    """One per program applied for (`ensure_lines` makes them for older cases)."""
    hearings: list[Hearing] = field(default_factory=list)
    plan_held_periods: list[str] = field(default_factory=list)
    """Months whose TANF waits for the plan's approval (SNAP is paid meanwhile)."""
    closing: ClosureInput | None = None
    """A closure waiting out its notice of adverse action; carried out on `closing_on`."""
    closing_on: str = ""
    renewals: list[Renewal] = field(default_factory=list)
    """The latest recertification and Medicaid renewal under way or done."""
    tanf_months: list[str] = field(default_factory=list)
    """The months of TANF paid, toward the lifetime limit (45 CFR 264.1)."""
    approvals: list[Approval] = field(default_factory=list)
    """Requests for a supervisor: the waiting ones and the recently decided."""

    @classmethod
    def opened(cls, input: CaseInput) -> CaseState:
        """The state of a case that intake has just filed."""
        state = cls(case_id=input.case_id, phase=Phase.INTAKE, programs=list(input.programs),
                    state=input.state, filing_date=input.filing_date, county=input.county,
                    household_size=input.household_size)
        state.ensure_lines()
        return state

    # --- program lines --------------------------------------------------------------

    def ensure_lines(self) -> None:
        """Give a case recorded before lines existed one per program, from its decisions
        (a program no longer in `programs` was closed)."""
        if self.lines:
            return
        for decision in self.decisions:
            self.lines.append(ProgramLine(
                decision.program,
                LineStatus.APPROVED if decision.eligible else LineStatus.DENIED,
                self.certification_end_date if decision.eligible else ""))
        known = {line.program for line in self.lines}
        self.lines += [ProgramLine(p) for p in self.programs if p not in known]

    def line(self, program: Program) -> ProgramLine | None:
        return next((line for line in self.lines if line.program == program), None)

    def open_lines(self) -> list[ProgramLine]:
        return [line for line in self.lines
                if line.status in (LineStatus.PENDING, LineStatus.APPROVED)]

    def end_line(self, program: Program, status: LineStatus, reason: ClosureReason | None,
                 on: str) -> None:
        """Deny or close one program: it is no longer determined or paid, and the case's
        other programs carry on."""
        line = self.line(program)
        if line is not None:
            line.status, line.closure_reason, line.closed_on = status, reason, on
        self.programs = [p for p in self.programs if p != program]
        self.decisions = [d for d in self.decisions if d.program != program]

    def ended(self, program: Program) -> bool:
        """`program` was denied or closed (by itself, or with the case)."""
        line = self.line(program)
        return line is not None and line.status in (LineStatus.DENIED, LineStatus.CLOSED)

    def close_lines(self, reason: ClosureReason, on: str) -> None:
        """The whole case closes: each program still open ends with it, an approved one
        closed and one never decided denied. Its last decisions stay, so a hearing that
        reverses the closure finds the benefit it took away."""
        for line in self.open_lines():
            line.status = (LineStatus.CLOSED if line.status is LineStatus.APPROVED
                           else LineStatus.DENIED)
            line.closure_reason, line.closed_on = reason, on

    def reinstate(self, program: Program) -> None:
        """A hearing reversed `program`'s denial or closure: it is pending again, to be
        determined; if the case had closed, it reopens with that program alone (the
        others stay as the household left them)."""
        line = self.line(program)
        assert line is not None
        line.status, line.closure_reason, line.closed_on = LineStatus.PENDING, None, ""
        if self.phase is Phase.CLOSED:
            self.closure_reason, self.closed_date = None, ""
        self.programs = [each.program for each in self.open_lines()]
        self.decisions = [d for d in self.decisions if d.program in self.programs]
        if self.phase is Phase.CLOSED or not self.pending:  # else determined with that
            self.pending = Pending.REINSTATEMENT

    # --- tasks and clocks -----------------------------------------------------------

    def open_task(self, task: Task) -> None:
        if task not in self.open_tasks:
            self.open_tasks.append(task)

    def close_task(self, task: Task) -> None:
        if task in self.open_tasks:
            self.open_tasks.remove(task)

    def start_clock(self, code: str, start: str, *, ref: str = "", period_end: str = "") -> str:
        """Start (or restart) a regulatory clock on `start`; returns its due date, which
        the rules in force that day for the case's State fix once (`workflows.clocks`);
        `period_end` for a clock that runs until the end of the period being renewed.

        Clocks of one code with different `ref`s run side by side (each hearing has its
        decision clock); a window that has run out is dropped when the next of its code
        starts, so the state stays bounded however long the case lives."""
        rule = clocks.clock_rule(code, self.state, start)
        due_date = clocks.due_date(rule, start, self.state, period_end)
        self.deadlines = [d for d in self.deadlines if d.code != code
                          or (d.ref != ref and (d.met or d.due_date >= start))]
        self.deadlines.append(Deadline(
            code, due_date, rule.citation, start_date=start,
            warning_date=clocks.warning_date(rule, due_date, self.state),
            program=rule.program, ref=ref))
        return due_date

    def rule_due(self, code: str, start: str) -> str:
        """When clock `code` started on `start` falls due by its rule, whether or not it
        runs on the case (SNAP's day 30 decides a denial even once its clock paused)."""
        return clocks.due_date(clocks.clock_rule(code, self.state, start), start, self.state)

    def hearing_window(self, start: str, ref: str) -> Deadline:
        """Open the 90-day window to ask for a hearing on the decision `ref`."""
        self.start_clock("FAIR_HEARING_REQUEST", start, ref=ref)
        return self.clock("FAIR_HEARING_REQUEST", ref)

    def has_clock(self, code: str) -> bool:
        return any(d.code == code for d in self.deadlines)

    def clock(self, code: str, ref: str = "") -> Deadline:
        """The running clock of `code` (and `ref`): the one a notice cites."""
        return next(d for d in self.deadlines if d.code == code and d.ref == ref)

    def meet_clock(self, code: str, on: str = "", *, ref: str = "") -> None:
        """The thing `code` times has happened on `on`: met on time or late."""
        for deadline in self.deadlines:
            if deadline.code == code and deadline.ref == ref and not deadline.met:
                deadline.met, deadline.met_on, deadline.paused_on = True, on, ""
                if on:
                    deadline.status = (ClockStatus.MET if on <= deadline.due_date
                                       else ClockStatus.MET_LATE)
        if not any(d.status is ClockStatus.BREACHED for d in self.deadlines):
            self.close_task(Task.DEADLINE_BREACHED)  # a breach met late is resolved

    def open_clocks(self) -> list[Deadline]:
        """Clocks still running: not met, not lapsed, not breached."""
        return [d for d in self.deadlines if not d.met and d.status not in (
            ClockStatus.BREACHED, ClockStatus.LAPSED)]

    def settle_clocks(self, on: str) -> None:
        """The case has closed on `on`, and what its clocks timed with it: an agency clock
        still running is met by the closure (the application or change disposed of; late,
        if past due and not stopped by the household), a household window lapses. The
        appeal windows and the hearings' clocks run on, for the appeals a closed case
        still takes."""
        for deadline in self.open_clocks():
            if deadline.code in APPEAL_CLOCKS:
                continue
            if self.household_window(deadline, on):
                deadline.status, deadline.paused_on = ClockStatus.LAPSED, ""
            else:  # a paused clock was stopped by the household's delay: not late
                late = on > deadline.due_date and not deadline.paused_on
                deadline.met, deadline.met_on, deadline.paused_on = True, on, ""
                deadline.status = ClockStatus.MET_LATE if late else ClockStatus.MET

    def household_window(self, deadline: Deadline, today: str) -> bool:
        """The clock is a window the household has (it lapses), not the agency's."""
        return clocks.clock_rule(deadline.code, self.state,
                                 deadline.start_date or today).owner == "household"

    def review_clocks(self, today: str) -> list[Deadline]:
        """Bring each clock's status up to `today`; returns the agency clocks that have
        just been breached, for escalation (a breach never decides the case)."""
        breached = []
        for deadline in self.open_clocks():
            if deadline.paused_on:
                continue
            if today > deadline.due_date:
                household = self.household_window(deadline, today)
                deadline.status = ClockStatus.LAPSED if household else ClockStatus.BREACHED
                if not household:
                    breached.append(deadline)
            elif (deadline.warning_date and today >= deadline.warning_date
                  and deadline.status is ClockStatus.OPEN):
                deadline.status = ClockStatus.WARNING
        return breached

    def next_clock_review(self, today: str) -> str:
        """The next day a clock's status changes by itself: a warning date, or the day
        after a due date ("" when nothing is running)."""
        days = []
        for d in self.open_clocks():
            if d.paused_on:
                continue
            if d.warning_date and d.warning_date > today and d.status is ClockStatus.OPEN:
                days.append(d.warning_date)
            days.append(sla.add_days(d.due_date, 1))
        return min([day for day in days if day > today], default="")

    def approval(self, approval_id: str) -> Approval | None:
        return next((a for a in self.approvals if a.approval_id == approval_id), None)

    def waiting_approval(self, kind: ApprovalKind, *, program: Program | None = None,
                         period: str = "") -> Approval | None:
        """The request of `kind` (for `program`'s `period`, a payment) not yet decided."""
        return next((a for a in self.approvals if a.kind is kind and not a.decision
                     and a.program == program and (not period or a.period == period)), None)

    def agency_clocks_running(self) -> list[Deadline]:
        """The agency's own deadlines not yet met (breached ones included): what makes a
        case late. A household's window never does."""
        return [d for d in self.deadlines if not d.met and d.status is not ClockStatus.LAPSED
                and not self.household_window(d, d.start_date or self.filing_date)]

    def sla_status(self) -> SlaStatus:
        """Breached if an agency clock is past due unmet, warning if one is past its
        warning date, else on time; as of the clocks' last review."""
        statuses = {d.status for d in self.agency_clocks_running()}
        if ClockStatus.BREACHED in statuses:
            return SlaStatus.BREACHED
        if ClockStatus.WARNING in statuses:
            return SlaStatus.WARNING
        return SlaStatus.ON_TIME

    def next_deadline(self) -> Deadline | None:
        """The soonest-due agency clock that is running (a paused one has no due date
        until the household acts), breached ones included."""
        running = [d for d in self.agency_clocks_running() if not d.paused_on]
        return min(running, key=lambda d: (d.due_date, d.code, d.ref), default=None)

    def review_overdue(self, today: str) -> bool:
        """A clock's status is behind `today`: its warning or due date passed without a
        review, as when it started in the past (an application filed before intake
        entered it)."""
        return any(not d.paused_on and (today > d.due_date or (
            d.status is ClockStatus.OPEN and bool(d.warning_date) and today >= d.warning_date))
            for d in self.open_clocks())

    def pause_clocks(self, today: str) -> None:
        """The case waits on the household: clocks whose rules say so stop."""
        for deadline in self.open_clocks():
            rule = clocks.clock_rule(deadline.code, self.state, deadline.start_date or today)
            if rule.pauses and not deadline.paused_on:
                deadline.paused_on, deadline.status = today, ClockStatus.PAUSED

    def resume_clocks(self, today: str) -> None:
        """The household has done its part: paused clocks go on with the days they had."""
        for deadline in self.deadlines:
            if deadline.paused_on and not deadline.met:
                waited = (sla.parse(today) - sla.parse(deadline.paused_on)).days
                deadline.original_due_date = deadline.original_due_date or deadline.due_date
                deadline.due_date = sla.add_days(deadline.due_date, waited)
                if deadline.warning_date:
                    deadline.warning_date = sla.add_days(deadline.warning_date, waited)
                deadline.paused_on, deadline.status = "", ClockStatus.OPEN

    def extendable(self, code: str) -> Deadline | None:
        """The agency clock of `code` a supervisor may extend: not met, not a window."""
        return next((d for d in self.deadlines if d.code == code and not d.met
                     and d.status is not ClockStatus.LAPSED
                     and clocks.clock_rule(code, self.state,
                                           d.start_date or self.filing_date).owner == "agency"),
                    None)

    def extend_clock(self, code: str, new_due_date: str, reason: str, by: str) -> Deadline:
        """A supervisor's extension: the new due date, who and why, kept on the clock."""
        deadline = self.extendable(code)
        assert deadline is not None  # the validator refused a clock that cannot be
        deadline.original_due_date = deadline.original_due_date or deadline.due_date
        deadline.due_date, deadline.status = new_due_date, ClockStatus.EXTENDED
        deadline.extended_by, deadline.extension_reason = by, reason
        return deadline

    # --- verification ---------------------------------------------------------------

    def item(self, kind: VerificationKind) -> VerificationItem | None:
        return next((i for i in self.verifications if i.kind == kind), None)

    def completed_on(self) -> str:
        """The day the household completed the process: its last item's received date."""
        return max((i.received_date for i in self.verifications if i.received),
                   default=self.filing_date)

    def verified(self) -> bool:
        """Every item the case waits for is in; expedited SNAP needs only identity
        verified before it is issued (7 CFR 273.2(i)(4)(i))."""
        items = [i for i in self.verifications if i.awaited()]
        if self.expedited:
            items = [i for i in items if i.kind == VerificationKind.IDENTITY]
        return all(i.received for i in items)

    def verification_due(self) -> str:
        """The day the household's time runs out for what it still owes: the latest due
        date among the awaited items not in (a re-request has its own fresh 10 days);
        the request's due date once all are in."""
        owed = [i.due_date for i in self.verifications if i.awaited() and not i.received]
        return max(owed, default=max((i.due_date for i in self.verifications), default=""))

    def missing_proof(self) -> list[VerificationKind]:
        """The items missing whose absence denies the application."""
        return [i.kind for i in self.verifications if not i.received
                and i.if_not_provided is IfNotProvided.DENIAL]

    def not_counted_missing(self) -> list[VerificationItem]:
        """Items not in whose absence only leaves out what they would prove, not yet
        recorded as not provided."""
        return [i for i in self.verifications if not i.received and i.awaited()
                and i.if_not_provided is IfNotProvided.NOT_COUNTED]

    def postponed(self) -> bool:
        """Expedited SNAP was issued before every item was verified, and some still are
        not: the household may still send them, and later months wait for them (not for
        the agency's own data matches)."""
        return (self.expedited and bool(self.decisions) and Program.SNAP in self.programs
                and not all(i.received for i in self.verifications if i.awaited()
                            and i.last_action is not VerificationAction.REQUESTED_AGAIN))

    def proof_missing(self, renewal: Renewal) -> list[VerificationKind]:
        """What a recertification asked for again and has not received."""
        return [kind for kind in renewal.proof
                if (item := self.item(kind)) is None or not item.received]

    def proof_asked_again(self, kind: VerificationKind) -> bool:
        """`kind` is asked for again by a recertification still under way."""
        return any(kind in self.proof_missing(r) for r in self.renewals
                   if Program.MEDICAID not in r.programs)

    def first_held_period(self) -> str:
        """The first month that waits for postponed proof: an expedited household that
        applied after the 15th gets the month of application and the next before any
        proof (7 CFR 273.2(i)(3)(iii)); otherwise only the month of application."""
        month = sla.first_of_next_month(self.filing_date)
        if int(self.filing_date[8:10]) > 15:
            month = sla.first_of_next_month(month)
        return sla.period_of(month)

    def release_due(self) -> bool:
        """Months were held for postponed verification that has now all arrived."""
        return bool(self.held_periods) and not self.postponed()

    # --- decisions and payments -----------------------------------------------------

    def eligible(self, program: Program) -> bool:
        return any(d.program == program and d.eligible for d in self.decisions)

    def any_eligible(self) -> bool:
        return any(d.eligible for d in self.decisions)

    def is_reduction(self, determination: Determination) -> bool:
        """Would `determination` end or lower a benefit the case now gets? Then it needs
        advance notice (7 CFR 273.13(a)(1))."""
        return bool(self.reduced_by(determination))

    def decide(self, determination: Determination, *, on: str = "") -> None:
        """Keep `determination` as the case's decision for each of its programs, and
        each program's line as approved or denied by it."""
        self.determination = determination
        decided = {r.program for r in determination.programs}
        self.decisions = [d for d in self.decisions if d.program not in decided] + [
            ProgramDecision(r.program, r.eligible, r.monthly_benefit_cents,
                            list(r.denial_reasons), determination.determination_id,
                            determination.period)
            for r in determination.programs
        ]
        self.decisions.sort(key=lambda d: self.programs.index(d.program)
                            if d.program in self.programs else len(self.programs))
        for result in determination.programs:
            line = self.line(result.program)
            if line is None or line.status is LineStatus.CLOSED:
                continue
            status = LineStatus.APPROVED if result.eligible else LineStatus.DENIED
            if line.status is not status:
                line.status, line.decided_on = status, on or line.decided_on
            if result.eligible and not line.period_end:
                line.period_end = self.certification_end_date

    def is_mass_change(self, determination: Determination) -> bool:
        """Did the rules change under the case rather than its facts? A new determination
        using a rule parameter the last one did not is an agency-wide change, which needs
        no individual notice of adverse action (7 CFR 273.12(e), 273.13(b)(1))."""
        if self.determination is None:
            return False
        return not set(determination.parameters) <= set(self.determination.parameters)

    def action_dates(self, *, by_program: bool = False) -> list[str]:
        """When the adverse actions waiting out their notices take effect; none while a
        hearing asked for in time keeps benefits as they were (7 CFR 273.15(k)). With
        `by_program`, such a hearing holds only its own program: an action that also
        touches another keeps its date, for that other program's part."""
        if not by_program:
            if self.suspended():
                return []
            return [on for action, on in ((self.scheduled, self.scheduled_on),
                                          (self.closing, self.closing_on)) if action and on]
        held = self.held_programs()
        dates = []
        if self.scheduled is not None and self.scheduled_on and any(
                p not in held and self.scheduled.result(p) is not None
                for p in self.reduced_by(self.scheduled)):  # what it decides, not the rest
            dates.append(self.scheduled_on)
        if self.closing is not None and self.closing_on and any(
                p not in held for p in self.closed_by(self.closing)):
            dates.append(self.closing_on)
        return dates

    def held_programs(self) -> set[Program]:
        """Programs a hearing asked for in time holds as they were until its decision."""
        return {h.program for h in self.hearings if h.continued_benefits and h.outcome is None}

    def reduced_by(self, determination: Determination) -> list[Program]:
        """The programs whose benefit `determination` ends or lowers."""
        reduced = []
        for decision in self.decisions:
            result = determination.result(decision.program)
            if decision.eligible and (result is None or not result.eligible
                                      or result.monthly_benefit_cents
                                      < decision.monthly_benefit_cents):
                reduced.append(decision.program)
        return reduced

    def closed_by(self, closure: ClosureInput) -> list[Program]:
        """The programs a closure ends: its own, or every open one."""
        if closure.program is not None:
            return [closure.program]
        return [line.program for line in self.open_lines()]

    # --- renewals -------------------------------------------------------------------

    def renewal(self, program: Program) -> Renewal | None:
        """The renewal of `program`'s current period, once it has started."""
        line = self.line(program)
        period_end = (line.period_end if program is Program.MEDICAID and line
                      else self.certification_end_date)
        return next((r for r in self.renewals
                     if program in r.programs and r.period_end == period_end), None)

    def start_renewal(self, renewal: Renewal) -> None:
        """Keep `renewal` in place of any earlier one of the same programs."""
        self.renewals = [r for r in self.renewals if r.programs[0] not in renewal.programs]
        self.renewals.append(renewal)

    def renewal_wakes(self) -> list[str]:
        """The days after a renewal form's due date or a reconsideration window's end,
        when the case must look again."""
        wakes = [sla.add_days(r.due_date, 1) for r in self.renewals
                 if r.due_date and not r.received_on and not r.lapsed
                 and Program.MEDICAID in r.programs]
        wakes += [sla.add_days(d.due_date, 1) for d in self.deadlines
                  if d.code == "MEDICAID_RECONSIDERATION" and not d.met]
        return wakes

    def reconsideration_open(self, on: str) -> bool:
        """42 CFR 435.916(a)(3)(iii): 90 days after coverage ended for want of the form,
        returning it reopens Medicaid without a new application."""
        return any(d.code == "MEDICAID_RECONSIDERATION" and not d.met and on <= d.due_date
                   for d in self.deadlines)

    # --- fair hearings --------------------------------------------------------------

    def hearing(self, hearing_id: str) -> Hearing | None:
        return next((h for h in self.hearings if h.hearing_id == hearing_id), None)

    def suspended(self) -> bool:
        """A hearing with continued benefits is waiting for its decision."""
        return any(h.continued_benefits and h.outcome is None for h in self.hearings)

    def action_against(self, program: Program) -> str:
        """The effective date of an adverse action pending against `program`, or ""."""
        if self.closing is not None and self.closing.program in (None, program):
            return self.closing_on
        if self.scheduled is not None and program in self.reduced_by(self.scheduled):
            return self.scheduled_on
        return ""

    def last_hearing_day(self) -> str:
        """The last day on which some decision of the case may still be appealed."""
        return max((d.due_date for d in self.deadlines if d.code == "FAIR_HEARING_REQUEST"),
                   default="")

    def hearing_window_open(self, on: str) -> bool:
        """Some decision's 90-day window to ask for a hearing is open on `on` (it opens
        with the decision, before its notice's mailing day)."""
        return any(d.code == "FAIR_HEARING_REQUEST" and on <= d.due_date
                   for d in self.deadlines)

    def trim(self, today: str) -> None:
        """Forget what a case that lives for years no longer steers by, so the state it
        carries into each new run stays bounded: the services keep the full record
        (payments every authorization, intake every event and notice)."""
        self.paid_periods = sorted(self.paid_periods)[-RECENT_MONTHS:]
        self.payment_authorization_ids = self.payment_authorization_ids[-RECENT_RECORDS:]
        self.history = self.history[-RECENT_RECORDS:]
        since = sla.add_months(today, -RECENT_MONTHS)
        self.deadlines = [d for d in self.deadlines
                          if not (d.met or d.status in (ClockStatus.LAPSED, ClockStatus.BREACHED))
                          or (d.met_on or d.due_date) >= since]
        self.hearings = [h for h in self.hearings if h.outcome is None or h.decision_date >= since]
        self.tanf_months = self.tanf_months[-TANF_MONTHS_KEPT:]
        self.approvals = [a for a in self.approvals
                          if not a.decision or a.decided_on >= since]

    def last_paid(self) -> str:
        """The latest benefit month paid or held; the filing month before any."""
        done = [*self.paid_periods, *self.held_periods]
        return max(done) if done else sla.period_of(self.filing_date)
