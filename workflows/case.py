"""CaseWorkflow: one public-assistance case from filing to closure.

The case moves through phases (intake, verification, determination, plan, services,
monitoring, retention, closed); a reported change sends it back to determination. The
main loop runs the current phase; caseworker steps arrive as Updates whose validators
refuse what does not fit the phase, so a refused step leaves no trace in history.
Every record or decision is an activity that calls a service over gRPC; this module is
deterministic and does no I/O. The case continues as new at each certification
boundary, carrying its state, so its history stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows import sla
    from workflows.activities.eligibility import (
        DetermineInput,
        EligibilityActivities,
        ExpeditedScreen,
        ScreenInput,
    )
    from workflows.activities.intake import (
        Assignment,
        CaseEventInput,
        HouseholdChange,
        IntakeActivities,
        NoticeInput,
        StatusInput,
        VerificationRecord,
        VerificationRequest,
    )
    from workflows.activities.payments import PaymentInput, PaymentsActivities
    from workflows.activities.referrals import ReferralInput, ReferralsActivities
    from workflows.inputs import (
        AssessmentInput,
        CaseInput,
        CaseState,
        ChangeReport,
        ClosureInput,
        ClosureReason,
        Deadline,
        Determination,
        EmploymentInput,
        InterviewInput,
        Phase,
        PhaseChange,
        PlanApprovalInput,
        Program,
        ProgramDecision,
        VerificationInput,
        VerificationItem,
        VerificationKind,
    )

ACTIVITY_TIMEOUT = timedelta(seconds=30)
"""Each attempt of an activity: one or two gRPC calls with 10-second deadlines."""

ACTIVITY_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=1),
    # A service down for hours must not lose the case: retry until it is back. Requests
    # the service refuses as wrong are raised non-retryable by the activities.
    non_retryable_error_types=["INVALID_ARGUMENT", "NOT_FOUND", "FAILED_PRECONDITION"],
)

CASH_PROGRAMS = (Program.SNAP, Program.TANF)
"""Programs paid monthly through the payments service (Medicaid pays providers)."""

SYSTEM = "system"
"""Who closes a case the rules closed, in its closure record."""

POSTPONED_VERIFICATION_PATCH = "postponed-verification"
"""Holds benefits after the first month until expedited SNAP's postponed items arrive."""

class StepRefused(ValueError):
    """A caseworker step that does not fit the case as it stands (raised by validators)."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise StepRefused(message)


def _require_date(value: str, field: str, *, not_before: str = "") -> None:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise StepRefused(f"{field} must be a date as YYYY-MM-DD") from None
    # Python 3.11 also reads the basic form 20260105; the API speaks only YYYY-MM-DD.
    _require(len(value) == 10, f"{field} must be a date as YYYY-MM-DD")
    if not_before:
        _require(value >= not_before, f"{field} must not be before {not_before}")


@workflow.defn
class CaseWorkflow:
    @workflow.init
    def __init__(self, input: CaseInput) -> None:
        self._input = input
        self._state = input.carried_state or CaseState(
            case_id=input.case_id,
            phase=Phase.INTAKE,
            programs=list(input.programs),
            state=input.state,
            filing_date=input.filing_date,
            county=input.county,
            household_size=input.household_size,
        )
        self._close_request: ClosureInput | None = None

    @workflow.run
    async def run(self, input: CaseInput) -> CaseState:
        phases = {
            Phase.INTAKE: self._intake,
            Phase.VERIFICATION: self._verification,
            Phase.DETERMINATION: self._determination,
            Phase.PLAN: self._plan,
            Phase.SERVICES: self._services,
            Phase.MONITORING: self._ongoing,
            Phase.RETENTION: self._ongoing,
        }
        if not self._state.history:
            await self._enter(Phase.INTAKE)
        while self._state.phase is not Phase.CLOSED:
            if self._close_request is not None:
                await self._close(self._close_request)
                break
            await phases[self._state.phase]()
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._state

    # --- queries and updates ---------------------------------------------------------

    @workflow.query
    def status(self) -> CaseState:
        return self._state

    @workflow.update
    async def record_interview(self, input: InterviewInput) -> CaseState:
        await self._event("interview_recorded", "interview",
                          caseworker_id=input.caseworker_id, interview_date=input.interview_date)
        self._state.interviewed = True
        self._state.interview_date = input.interview_date
        self._close_task("INTERVIEW")
        return self._state

    @record_interview.validator
    def _validate_interview(self, input: InterviewInput) -> None:
        self._require_phase(Phase.INTAKE)
        _require(not self._state.interviewed, "the interview is already recorded")
        _require(bool(input.caseworker_id), "caseworker_id is required")
        _require_date(input.interview_date, "interview_date", not_before=self._state.filing_date)
        _require(input.interview_date <= self._today(), "interview_date is in the future")

    @workflow.update
    async def submit_verification(self, input: VerificationInput) -> CaseState:
        item = next(i for i in self._state.verifications if i.kind == input.kind)
        if item.received:  # a duplicate accepted in the same task as the first
            return self._state
        received = VerificationItem(input.kind, item.due_date, True, input.source,
                                    input.received_date, input.verifier_id)
        await self._act(IntakeActivities.record_verification,
                        VerificationRecord(self._state.case_id, received))
        item.received, item.source = True, input.source
        item.received_date, item.verifier_id = input.received_date, input.verifier_id
        return self._state

    @submit_verification.validator
    def _validate_verification(self, input: VerificationInput) -> None:
        if self._postponed():  # still welcome after an expedited approval
            self._require_phase(Phase.VERIFICATION, Phase.PLAN, Phase.SERVICES,
                                Phase.MONITORING, Phase.RETENTION)
        else:
            self._require_phase(Phase.VERIFICATION)
        item = next((i for i in self._state.verifications if i.kind == input.kind), None)
        _require(item is not None, f"{input.kind} verification was not requested")
        _require(item is not None and not item.received, f"{input.kind} is already verified")
        _require(bool(input.source.strip()), "source is required")
        _require(bool(input.verifier_id), "verifier_id is required")
        _require_date(input.received_date, "received_date", not_before=self._state.filing_date)
        _require(input.received_date <= self._today(), "received_date is in the future")

    @workflow.update
    async def record_assessment(self, input: AssessmentInput) -> CaseState:
        await self._event("assessment_recorded", "assessment",
                          caseworker_id=input.caseworker_id, strengths=input.strengths,
                          needs=[str(n) for n in input.needs], goals=input.goals,
                          activities=[{"description": a.description, "need": str(a.need),
                                       "target_date": a.target_date} for a in input.activities])
        self._state.needs = list(input.needs)
        self._state.plan_activities = list(input.activities)
        self._state.assessed_by = input.caseworker_id
        self._close_task("ASSESSMENT")
        return self._state

    @record_assessment.validator
    def _validate_assessment(self, input: AssessmentInput) -> None:
        self._require_phase(Phase.PLAN)
        _require(not self._state.assessed_by, "the assessment is already recorded")
        _require(bool(input.caseworker_id), "caseworker_id is required")
        _require(bool(input.goals), "a service plan needs at least one goal")
        for number, activity_ in enumerate(input.activities):
            _require(bool(activity_.description.strip()),
                     f"activities[{number}].description is required")
            _require_date(activity_.target_date, f"activities[{number}].target_date",
                          not_before=self._today())

    @workflow.update
    async def approve_plan(self, input: PlanApprovalInput) -> CaseState:
        await self._event("plan_approved", "plan-approval", supervisor_id=input.supervisor_id)
        self._state.plan_approved = True
        self._close_task("PLAN_APPROVAL")
        return self._state

    @approve_plan.validator
    def _validate_plan_approval(self, input: PlanApprovalInput) -> None:
        self._require_phase(Phase.PLAN)
        _require(bool(self._state.assessed_by), "no assessment and plan to approve yet")
        _require(not self._state.plan_approved, "the plan is already approved")
        _require(bool(input.supervisor_id), "supervisor_id is required")
        _require(input.supervisor_id != self._state.assessed_by,
                 "the caseworker who wrote the plan cannot approve it")

    @workflow.update
    async def report_change(self, input: ChangeReport) -> CaseState:
        key = self._update_key("change")
        await self._act(IntakeActivities.apply_household_change, HouseholdChange(
            self._state.case_id, f"{self._state.case_id}:{key}:household",
            incomes=input.incomes, expenses=input.expenses))
        await self._event("change_reported", key, reported_date=input.reported_date,
                          incomes=len(input.incomes), expenses=input.expenses is not None)
        self._start_clock("CHANGE_REPORT_ACTION", self._today())
        self._state.pending = "change"
        return self._state

    @report_change.validator
    def _validate_change(self, input: ChangeReport) -> None:
        self._require_phase(Phase.MONITORING, Phase.RETENTION)
        _require(not self._state.pending, "a change is already being acted on")
        _require_date(input.reported_date, "reported_date", not_before=self._state.filing_date)
        _require(input.reported_date <= self._today(), "reported_date is in the future")
        for number, income in enumerate(input.incomes):
            _require(income.monthly_cents >= 0, f"incomes[{number}].monthly_cents is negative")

    @workflow.update
    async def record_employment(self, input: EmploymentInput) -> CaseState:
        key = self._update_key("employment")
        await self._act(IntakeActivities.apply_household_change, HouseholdChange(
            self._state.case_id, f"{self._state.case_id}:{key}:household",
            wages_member_id=input.member_id,
            wages_monthly_cents=input.monthly_wages_cents))
        in_retention = self._state.phase is Phase.RETENTION
        await self._event("retention_check_in" if in_retention else "employment_recorded", key,
                          member_id=input.member_id, start_date=input.start_date,
                          monthly_wages_cents=input.monthly_wages_cents,
                          hours_per_week=input.hours_per_week)
        self._close_task("RETENTION_CHECK_IN")
        self._start_clock("CHANGE_REPORT_ACTION", self._today())
        self._state.pending = "change" if in_retention else "employment"
        return self._state

    @record_employment.validator
    def _validate_employment(self, input: EmploymentInput) -> None:
        self._require_phase(Phase.MONITORING, Phase.RETENTION)
        _require(not self._state.pending, "a change is already being acted on")
        _require(bool(input.member_id), "member_id is required")
        _require_date(input.start_date, "start_date")
        _require(input.monthly_wages_cents >= 0, "monthly_wages_cents is negative")
        _require(0 <= input.hours_per_week <= 168, "hours_per_week must be 0 to 168")

    @workflow.update
    async def close_case(self, input: ClosureInput) -> CaseState:
        self._close_request = input
        await workflow.wait_condition(lambda: self._state.phase is Phase.CLOSED)
        return self._state

    @close_case.validator
    def _validate_closure(self, input: ClosureInput) -> None:
        _require(self._state.phase is not Phase.CLOSED, "the case is already closed")
        _require(self._close_request is None, "the case is already closing")
        _require(input.reason in set(ClosureReason), "reason is not a closure reason")
        _require(bool(input.caseworker_id), "caseworker_id is required")

    # --- phases ----------------------------------------------------------------------

    async def _intake(self) -> None:
        s = self._state
        if not s.interviewed:
            self._open_task("INTERVIEW")
        if Program.SNAP in s.programs:
            self._start_clock("SNAP_APPLICATION_PROCESSING", s.filing_date)
            screen: ExpeditedScreen = await self._act(
                EligibilityActivities.screen_expedited, ScreenInput(s.case_id, self._today()))
            s.expedited = screen.expedited
            if screen.expedited:
                self._start_clock("SNAP_EXPEDITED_SERVICE", s.filing_date)
        if Program.MEDICAID in s.programs:
            self._start_clock("MEDICAID_APPLICATION", s.filing_date)
        assignment: Assignment = await self._act(IntakeActivities.assign_caseworker, s.case_id)
        s.caseworker_id, s.office_id = assignment.caseworker_id, assignment.office_id
        s.interview_date = assignment.interview_date
        await self._notice("interview_scheduled", "interview-scheduled",
                           f"Your eligibility interview is scheduled for {s.interview_date} "
                           f"with caseworker {s.caseworker_id} (7 CFR 273.2(e)).")
        await self._until(lambda: s.interviewed)
        if self._close_request is None:
            await self._enter(Phase.VERIFICATION)

    async def _verification(self) -> None:
        s = self._state
        if not s.verifications:
            kinds = [VerificationKind.IDENTITY, VerificationKind.INCOME,
                     VerificationKind.RESIDENCY, VerificationKind.EXPENSES]
            if s.household_size > 1:
                kinds.insert(3, VerificationKind.HOUSEHOLD_COMPOSITION)
            due = self._start_clock("VERIFICATION_DUE", self._today())
            await self._act(IntakeActivities.request_verifications,
                            VerificationRequest(s.case_id, kinds, due))
            # Only now can an item be submitted: intake refuses to record an item it has
            # not stored as requested, so an earlier Update would fail in its activity.
            s.verifications = [VerificationItem(kind, due) for kind in kinds]
            await self._notice("verification_request", "verification-request",
                               "Please provide proof of: "
                               + ", ".join(k.replace("_", " ") for k in kinds)
                               + f" by {due} (7 CFR 273.2(c)(5)).")
        due = s.verifications[0].due_date
        if not await self._until(self._verified, wake_on=sla.add_days(due, 1)):
            await self._verification_overdue()
        if self._close_request is not None:
            return
        self._meet_clock("VERIFICATION_DUE")
        await self._enter(Phase.DETERMINATION)

    async def _verification_overdue(self) -> None:
        """Missing items: a caseworker task, then denial for failure to provide, with the
        60-day window in which the items still reopen the case (7 CFR 273.2(h)(2))."""
        s = self._state
        self._open_task("VERIFICATION_OVERDUE")
        deny_on = max(sla.add_days(s.verifications[0].due_date, 1),
                      sla.due("SNAP_APPLICATION_PROCESSING", s.filing_date))
        if await self._until(self._verified, wake_on=deny_on):
            self._close_task("VERIFICATION_OVERDUE")
            return
        if self._close_request is not None:
            return
        reopen_until = self._start_clock("SNAP_REOPEN_WINDOW", s.filing_date)
        await self._notice("decision", "denied-failure-to-provide",
                           "Your application is denied because the proof requested was not "
                           f"provided. If you provide it by {reopen_until}, your application "
                           "will be reopened without a new one (7 CFR 273.2(h)(2)).")
        self._close_task("VERIFICATION_OVERDUE")
        self._open_task("DENIED_FAILURE_TO_PROVIDE")
        await self._until(self._verified, wake_on=sla.add_days(reopen_until, 1))
        if self._close_request is not None:
            return
        if self._verified():
            self._close_task("DENIED_FAILURE_TO_PROVIDE")
            await self._event("reopened", "reopened")
        else:
            self._close_request = ClosureInput(ClosureReason.FAILURE_TO_PROVIDE, SYSTEM)

    async def _determination(self) -> None:
        s = self._state
        initial = not s.decisions
        today = self._today()
        period = sla.period_of(s.filing_date if initial else today)
        determination: Determination = await self._act(
            EligibilityActivities.determine_eligibility,
            DetermineInput(s.case_id, s.programs, period, as_of=today,
                           application_date=s.filing_date if initial else ""))
        had_tanf = self._eligible(Program.TANF)
        s.scheduled, s.scheduled_on = None, ""
        if not initial and self._is_reduction(determination):
            # 7 CFR 273.13(a)(1): the reduction waits out its notice while the case goes on.
            s.scheduled, s.scheduled_on = determination, self._start_clock(
                "ADVERSE_ACTION_NOTICE", today)
            await self._notice("adverse_action", f"adverse-{determination.determination_id}",
                               determination=determination, on=s.scheduled_on)
        else:
            await self._decide(determination)
        if initial:
            s.certification_end_date = sla.certification_end(s.filing_date)
            for code in ("SNAP_APPLICATION_PROCESSING", "SNAP_EXPEDITED_SERVICE",
                         "MEDICAID_APPLICATION"):
                self._meet_clock(code)
        self._meet_clock("CHANGE_REPORT_ACTION")
        pending, s.pending = s.pending, ""
        tanf_after = determination.result(Program.TANF)
        if pending == "employment" and had_tanf and not (tanf_after and tanf_after.eligible):
            await self._enter(Phase.RETENTION)
        elif not any(d.eligible for d in s.decisions):
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)
        elif initial:
            await self._enter(Phase.PLAN if self._eligible(Program.TANF) else Phase.SERVICES)
        else:
            await self._enter(s.return_phase)

    async def _plan(self) -> None:
        s = self._state
        if not s.assessed_by:
            self._open_task("ASSESSMENT")
            await self._until(lambda: bool(s.assessed_by))
        if self._close_request is not None:
            return
        self._open_task("PLAN_APPROVAL")
        await self._until(lambda: s.plan_approved)
        if self._close_request is None:
            await self._enter(Phase.SERVICES)

    async def _services(self) -> None:
        s = self._state
        if s.needs and not s.referral_ids:
            s.referral_ids = await self._act(
                ReferralsActivities.make_referrals,
                ReferralInput(s.case_id, s.needs, s.state, s.county))
        if s.determination is not None and s.determination.period not in s.paid_periods:
            await self._pay(s.determination.period)
        s.return_phase = Phase.MONITORING
        await self._enter(Phase.MONITORING)

    async def _ongoing(self) -> None:
        """Monitoring and retention: pay each month, act on changes, recertify."""
        s = self._state
        phase = s.phase
        if phase is Phase.RETENTION and not s.retention_end_date:
            s.retention_end_date = sla.add_months(self._today(), sla.RETENTION_MONTHS)
            await self._event("retention_started", "retention",
                              retention_end_date=s.retention_end_date)
        s.return_phase = phase
        while s.phase is phase and self._close_request is None:
            next_period = sla.period_of(sla.first_of_next_month(f"{self._last_paid()}-01"))
            month_start = f"{next_period}-01"
            if s.certification_end_date and month_start > s.certification_end_date:
                await self._recertify()
                return
            if phase is Phase.RETENTION and month_start > s.retention_end_date:
                await self._enter(Phase.MONITORING)
                return
            wake_on = min(month_start, s.scheduled_on) if s.scheduled else month_start
            if await self._until(lambda: bool(s.pending) or self._release_due(),
                                 wake_on=wake_on):
                if s.pending:
                    await self._enter(Phase.DETERMINATION)
                    return
                if self._close_request is not None:
                    return
                await self._release_held()
                continue
            if s.scheduled is not None and s.scheduled_on <= self._today():
                await self._apply_scheduled()
            elif wake_on == month_start:
                await self._new_month(next_period)
                if phase is Phase.RETENTION:
                    self._open_task("RETENTION_CHECK_IN")

    async def _new_month(self, period: str) -> None:
        """Each month's benefit is computed with the rules in force that month (a mass
        change such as October's cost-of-living adjustment needs no individual notice,
        7 CFR 273.12(e)), then authorized."""
        s = self._state
        if self._postponed() and workflow.patched(POSTPONED_VERIFICATION_PATCH):
            # 7 CFR 273.2(i)(4)(iii): after the expedited issuance, no further benefits
            # until the postponed verification is provided.
            s.held_periods.append(period)
            self._open_task("POSTPONED_VERIFICATION")
            await self._event("benefits_held", f"held-{period}", period=period)
            return
        if s.scheduled is not None:  # benefits continue unchanged until the reduction
            await self._pay(period)
            return
        determination: Determination = await self._act(
            EligibilityActivities.determine_eligibility,
            DetermineInput(s.case_id, s.programs, period, as_of=self._today()))
        before = {d.program: (d.eligible, d.monthly_benefit_cents) for d in s.decisions}
        after = {r.program: (r.eligible, r.monthly_benefit_cents) for r in determination.programs}
        await self._decide(determination, notify=before != after)
        if not any(d.eligible for d in s.decisions) and s.phase is not Phase.RETENTION:
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)
            return
        await self._pay(period)
        if workflow.info().is_continue_as_new_suggested():
            await self._continue_as_new()

    async def _release_held(self) -> None:
        """The postponed items arrived: the months held back are paid now."""
        s = self._state
        while s.held_periods:
            await self._pay(s.held_periods[0])
            s.held_periods.pop(0)
        self._close_task("POSTPONED_VERIFICATION")

    async def _apply_scheduled(self) -> None:
        """The notice period of a reduction has run out: the new decision takes effect."""
        s = self._state
        determination, s.scheduled, s.scheduled_on = s.scheduled, None, ""
        assert determination is not None
        await self._decide(determination, notify=False)
        self._meet_clock("ADVERSE_ACTION_NOTICE")
        if not any(d.eligible for d in s.decisions) and s.phase is not Phase.RETENTION:
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)

    async def _recertify(self) -> None:
        """At the end of the certification period the case is determined afresh, in a new
        run that carries its state (7 CFR 273.14; history stays bounded)."""
        s = self._state
        self._open_task("RECERTIFICATION")
        await self._event("recertification", f"recertification-{s.certification_end_date}")
        s.certification_end_date = sla.certification_end(
            sla.add_days(s.certification_end_date, 1))
        s.pending = "recertification"
        await self._enter(Phase.DETERMINATION)
        await self._continue_as_new()

    async def _continue_as_new(self) -> None:
        """Start a new run carrying the state, unless a closure is waiting: its Update
        handler waits for the case to close, so it must close in this run."""
        await workflow.wait_condition(
            lambda: workflow.all_handlers_finished() or self._close_request is not None)
        if self._close_request is not None:
            return
        workflow.continue_as_new(CaseInput(
            case_id=self._input.case_id, programs=self._input.programs,
            state=self._input.state, filing_date=self._input.filing_date,
            county=self._input.county, household_size=self._input.household_size,
            agency_timezone=self._input.agency_timezone, carried_state=self._state))

    async def _close(self, request: ClosureInput) -> None:
        s = self._state
        s.closure_reason = request.reason
        s.closed_date = self._today()
        await self._notice("closure", "closure",
                           f"Your case is closed on {s.closed_date}. Reason: "
                           f"{request.reason.replace('_', ' ')}. You may ask for a fair hearing "
                           f"until {sla.due('FAIR_HEARING_REQUEST', s.closed_date)} "
                           "(7 CFR 273.15(g)).")
        await self._event("closed", "closure", reason=str(request.reason),
                          caseworker_id=request.caseworker_id)
        s.open_tasks.clear()
        await self._enter(Phase.CLOSED)

    # --- helpers ---------------------------------------------------------------------

    async def _decide(self, determination: Determination, *, notify: bool = True) -> None:
        s = self._state
        s.determination = determination
        s.decisions = [
            ProgramDecision(r.program, r.eligible, r.monthly_benefit_cents, list(r.denial_reasons),
                            determination.determination_id, determination.period)
            for r in determination.programs
        ]
        if notify:
            hearing_until = self._start_clock("FAIR_HEARING_REQUEST", self._today())
            await self._notice("decision", f"decision-{determination.determination_id}",
                               determination=determination, on=hearing_until)

    async def _pay(self, period: str) -> None:
        s = self._state
        for decision in s.decisions:
            if decision.program in CASH_PROGRAMS and decision.eligible \
                    and decision.monthly_benefit_cents > 0:
                authorization_id: str = await self._act(
                    PaymentsActivities.authorize_payment,
                    PaymentInput(s.case_id, decision.program, period, "monthly_benefit",
                                 decision.monthly_benefit_cents))
                if authorization_id not in s.payment_authorization_ids:
                    s.payment_authorization_ids.append(authorization_id)
        s.paid_periods.append(period)

    def _is_reduction(self, determination: Determination) -> bool:
        for decision in self._state.decisions:
            result = determination.result(decision.program)
            if decision.eligible and (result is None or not result.eligible
                                      or result.monthly_benefit_cents
                                      < decision.monthly_benefit_cents):
                return True
        return False

    def _eligible(self, program: Program) -> bool:
        return any(d.program == program and d.eligible for d in self._state.decisions)

    def _verified(self) -> bool:
        """Expedited SNAP needs only identity verified first (7 CFR 273.2(i)(4)(i))."""
        items = self._state.verifications
        if self._state.expedited:
            items = [i for i in items if i.kind == VerificationKind.IDENTITY]
        return all(i.received for i in items)

    def _release_due(self) -> bool:
        return bool(self._state.held_periods) and not self._postponed()

    def _postponed(self) -> bool:
        """Expedited SNAP was issued before every item was verified, and some still are
        not: the household may still send them, and later months wait for them."""
        s = self._state
        return (s.expedited and bool(s.decisions)
                and not all(i.received for i in s.verifications))

    def _last_paid(self) -> str:
        s = self._state
        done = [*s.paid_periods, *s.held_periods]
        return max(done) if done else sla.period_of(s.filing_date)

    async def _enter(self, phase: Phase) -> None:
        self._state.phase = phase
        self._state.history.append(PhaseChange(phase, workflow.now().isoformat()))
        await self._act(IntakeActivities.update_case_status, StatusInput(
            self._state.case_id, phase, self._state.closure_reason))

    async def _until(self, done: Callable[[], bool], *, wake_on: str | None = None) -> bool:
        """Wait until `done()` or a closure request; False only when `wake_on` (an ISO
        date, at midnight in the agency's time zone) came first."""
        timeout = None
        if wake_on is not None:
            wake = sla.local_midnight(wake_on, self._input.agency_timezone)
            timeout = max(wake - workflow.now(), timedelta(seconds=1))
        try:
            await workflow.wait_condition(
                lambda: done() or self._close_request is not None, timeout=timeout)
        except TimeoutError:
            return False
        return True

    async def _act(self, activity_method: Callable[..., Any], arg: Any) -> Any:
        return await workflow.execute_activity_method(
            activity_method, arg, start_to_close_timeout=ACTIVITY_TIMEOUT,
            retry_policy=ACTIVITY_RETRY)

    async def _event(self, kind: str, key: str, **detail: Any) -> None:
        await self._act(IntakeActivities.record_case_event,
                        CaseEventInput(self._state.case_id, f"{self._state.case_id}:{key}",
                                       kind, detail))

    async def _notice(self, kind: str, key: str, text: str = "", *,
                      determination: Determination | None = None, on: str = "") -> None:
        await self._act(IntakeActivities.issue_notice, NoticeInput(
            self._state.case_id, f"{self._state.case_id}:{key}", kind, text,
            determination, on))

    def _update_key(self, kind: str) -> str:
        """An idempotency key for the records an Update writes: stable across retries."""
        return f"{kind}-{workflow.current_update_info().id}"  # type: ignore[union-attr]

    def _today(self) -> str:
        return sla.local_date(workflow.now(), self._input.agency_timezone)

    def _require_phase(self, *phases: Phase) -> None:
        _require(self._state.phase in phases,
                 f"the case is in {self._state.phase}, not {' or '.join(phases)}")

    def _open_task(self, task: str) -> None:
        if task not in self._state.open_tasks:
            self._state.open_tasks.append(task)

    def _close_task(self, task: str) -> None:
        if task in self._state.open_tasks:
            self._state.open_tasks.remove(task)

    def _start_clock(self, code: str, start: str) -> str:
        """Start (or restart) a regulatory clock; returns its due date."""
        clock = sla.CLOCKS[code]
        due_date = sla.due(code, start)
        self._state.deadlines = [d for d in self._state.deadlines if d.code != code]
        self._state.deadlines.append(Deadline(code, due_date, clock.citation))
        return due_date

    def _meet_clock(self, code: str) -> None:
        for deadline in self._state.deadlines:
            if deadline.code == code:
                deadline.met = True
