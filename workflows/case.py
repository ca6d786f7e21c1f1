"""CaseWorkflow: one public-assistance case from filing to closure.

The case moves through phases (intake, verification, determination, plan, services,
monitoring, retention, closed); a reported change sends it back to determination. The
main loop runs the current phase; caseworker steps arrive as Updates whose validators
(`workflows.steps`) refuse what does not fit the phase, so a refused step leaves no
trace in history. Every record or decision is an activity that calls a service over
gRPC, called through `workflows.acts`; this module is deterministic and does no I/O.
The case's books are kept by `CaseState`'s own methods (`workflows.state`) and every
notice text comes from `workflows.notices`; the interview and proof, fair hearings and
renewals are steps by subject in `workflows.application`, `.hearings` and `.renewals`.
The case continues as new at each certification boundary, carrying its state, so its
history stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from workflows import STATUS_QUERY, WORKFLOW_TYPE, Update, notices, sla, steps
    from workflows.activities.eligibility import (
        DetermineInput,
        EligibilityActivities,
        ScreenInput,
        ScreenResult,
    )
    from workflows.activities.intake import (
        Assignment,
        HouseholdChangeInput,
        IntakeActivities,
        VerificationRecord,
    )
    from workflows.activities.referrals import ReferralInput, ReferralsActivities
    from workflows.acts import (
        CASE_VIEW_PATCH,
        CASH_PROGRAMS,
        CLOCKS_CAUGHT_UP_PATCH,
        EXPANSION_CYCLE_PATCH,
        NOTICE_GRACE_PATCH,
        SUPERVISOR_QUEUE_PATCH,
        SYSTEM,
    )
    from workflows.application import Application
    from workflows.approvals import Approvals
    from workflows.clocks import period_months, state_clock_codes
    from workflows.hearings import (
        APPEAL_AFTER_CLOSURE_PATCH,
        HEARING_CLOCKS,
        TANF_HEARING_CLOCKS_PATCH,
        Hearings,
    )
    from workflows.inputs import (
        ApprovalDecisionInput,
        AssessmentInput,
        ChangeReport,
        ClosureInput,
        ClosureReason,
        DeadlineExtensionInput,
        Determination,
        EmploymentInput,
        ExtensionRequestInput,
        HearingDecisionInput,
        HearingRequestInput,
        InterviewInput,
        NoticeKind,
        Phase,
        PlanApprovalInput,
        Program,
        ReassignmentInput,
        RenewalInput,
        RescheduleInput,
        VerificationAction,
        VerificationInput,
    )
    from workflows.renewals import (
        RECERTIFICATION_PROOF_PATCH,
        RENEWAL_CLOCKS_PATCH,
        RENEWAL_PATCH,
        Renewals,
    )
    from workflows.state import (
        CaseInput,
        CaseState,
        LineStatus,
        Pending,
        Task,
    )

POSTPONED_VERIFICATION_PATCH = "postponed-verification"
"""Holds benefits after the first month until expedited SNAP's postponed items arrive."""

POSTPONED_LIMIT_PATCH = "postponed-verification-limit"
"""Holding starts after the expedited months (two for a late-month application), is
noticed, ends SNAP when the proof is a month late, and a release redetermines first."""

INTAKE_STATUS_PATCH = "status-written-by-intake"
"""Intake stores a new case in the intake phase, so the first status write is skipped."""

MAGI_INTERVIEW_PATCH = "medicaid-no-interview"
"""A Medicaid-only application goes to verification without an interview."""

AGENCY_CALENDAR_PATCH = "agency-calendar"
"""The agency's date right on daylight-saving nights, and the day-30 denial at the end of
day 30 rather than its start."""

SNAP_BEFORE_PLAN_PATCH = "snap-before-plan"
"""SNAP is paid from the determination on while TANF's plan waits; before, every
benefit waited for the plan's approval."""

ADVANCE_NOTICE_PATCH = "advance-notice-everywhere"
"""A monthly redetermination's reduction and a caseworker's closure wait out a notice of
adverse action, as a change report's reduction always did."""

CLOCK_WATCH_PATCH = "clock-watch"
"""Clocks show their warning and breach as the days come, a breach escalates, a delay the
household causes pauses the clocks that allow it, and TANF runs its State clock and its
months toward the lifetime limit."""

NOTICE_MAILING_PATCH = "notice-mailing"
"""Every notice carries its mailing date (the agency's next mail day, which its periods
count from) and the office to call."""

BOUNDED_STATE_PATCH = "bounded-carried-state"
"""A run trims what the case no longer steers by before it continues as new."""

HELD_BY_PROGRAM_PATCH = "hearing-holds-its-program"
"""A hearing that keeps benefits holds only its own program's part of a pending action;
before, it held the whole action, every program's."""

PLAN_CLOCKS_PATCH = "plan-clocks"
"""TANF's assessment and the plan's approval each run a clock that escalates; before,
the plan waited on them with nothing to show it was late."""

CHANGE_IN_FLIGHT = "CHANGE_IN_FLIGHT"
"""The failure type of a change Update that lost the race to another one."""

FIRST_DECISION_CLOCKS = ("SNAP_APPLICATION_PROCESSING", "SNAP_EXPEDITED_SERVICE",
                         "MEDICAID_APPLICATION", "MEDICAID_DISABILITY_APPLICATION",
                         "TANF_APPLICATION")
"""The application clocks the first determination meets."""


@workflow.defn(name=WORKFLOW_TYPE)
class CaseWorkflow(Application, Hearings, Renewals, Approvals):
    @workflow.init
    def __init__(self, input: CaseInput) -> None:
        self._input = input
        self._state = input.carried_state or CaseState.opened(input)
        self._state.ensure_lines()
        self._close_request: ClosureInput | None = None
        self._exact_calendar = workflow.patched(AGENCY_CALENDAR_PATCH)
        self._renewals_on = workflow.patched(RENEWAL_PATCH)
        self._postponed_limit = workflow.patched(POSTPONED_LIMIT_PATCH)
        self._notices_mailed = workflow.patched(NOTICE_MAILING_PATCH)
        self._clocks_watched = workflow.patched(CLOCK_WATCH_PATCH)
        self._appeals_after_closure = workflow.patched(APPEAL_AFTER_CLOSURE_PATCH)
        self._grace_day = workflow.patched(NOTICE_GRACE_PATCH)
        self._expansion_cycle = workflow.patched(EXPANSION_CYCLE_PATCH)
        self._proof_at_recertification = workflow.patched(RECERTIFICATION_PROOF_PATCH)
        self._held_by_program = workflow.patched(HELD_BY_PROGRAM_PATCH)
        self._tanf_hearing_clocks = workflow.patched(TANF_HEARING_CLOCKS_PATCH)
        self._views = workflow.patched(CASE_VIEW_PATCH)
        self._queue = workflow.patched(SUPERVISOR_QUEUE_PATCH)
        self._caught_up = workflow.patched(CLOCKS_CAUGHT_UP_PATCH)
        self._renewal_clocks = workflow.patched(RENEWAL_CLOCKS_PATCH)
        self._published: CaseState | None = None
        self._attributes: dict[str, object] = {}
        self._view_version = 0
        self._writing: workflow.ActivityHandle[None] | None = None
        self._change_in_flight = False
        """A change or employment Update is applying the household change (an await)
        and has not yet set `pending`: a second one is refused meanwhile."""

    @workflow.run
    async def run(self, input: CaseInput) -> CaseState:
        phases = {
            Phase.INTAKE: self._intake,
            Phase.VERIFICATION: self._verification,
            Phase.DETERMINATION: self._determination,
            Phase.PLAN: self._plan,
            Phase.SERVICES: self._services,
            Phase.MONITORING: self._benefit_months,
            Phase.RETENTION: self._benefit_months,
        }
        if not self._state.history:
            if workflow.patched(INTAKE_STATUS_PATCH):
                self._record_phase(Phase.INTAKE)
            else:
                await self._enter(Phase.INTAKE)
        while True:
            while self._state.phase is not Phase.CLOSED:
                if self._close_request is not None:
                    await self._close(self._close_request)
                    break
                await phases[self._state.phase]()
            if not (self._appeals_after_closure and await self._open_to_appeal()):
                break
            await self._event("reinstated", f"reinstated-{self._today()}")
            await self._enter(Phase.DETERMINATION)
        await workflow.wait_condition(workflow.all_handlers_finished)
        await self._flush()
        return self._state

    # --- the Query and the Updates ---------------------------------------------------

    @workflow.query(name=STATUS_QUERY)
    def status(self) -> CaseState:
        return self._state

    @workflow.update(name=Update.RESCHEDULE_INTERVIEW)
    async def reschedule_interview(self, input: RescheduleInput) -> CaseState:
        """A new interview date, after a missed one or at the household's request
        (7 CFR 273.2(e)(3)); the household is sent the new date."""
        s = self._state
        key = self._update_key("interview")
        s.interview_date = input.interview_date
        await self._event("interview_rescheduled", key, interview_date=input.interview_date,
                          caseworker_id=input.caseworker_id)
        await self._notice(NoticeKind.INTERVIEW_SCHEDULED, key,
                           notices.interview_scheduled(input.interview_date, s.caseworker_id))
        return s

    @reschedule_interview.validator
    def _validate_reschedule(self, input: RescheduleInput) -> None:
        steps.check_reschedule(self._state, input, today=self._today())

    @workflow.update(name=Update.RECORD_INTERVIEW)
    async def record_interview(self, input: InterviewInput) -> CaseState:
        renewal = steps.recertification_awaiting_interview(self._state)
        if renewal is not None:  # the recertification interview (7 CFR 273.14(b)(3))
            await self._event("interview_recorded", f"interview-{renewal.period_end}",
                              caseworker_id=input.caseworker_id,
                              interview_date=input.interview_date)
            renewal.interviewed_on = input.interview_date
            return self._state
        await self._event("interview_recorded", "interview",
                          caseworker_id=input.caseworker_id, interview_date=input.interview_date)
        self._state.interviewed = True
        self._state.interview_date = input.interview_date
        self._state.close_task(Task.INTERVIEW)
        return self._state

    @record_interview.validator
    def _validate_interview(self, input: InterviewInput) -> None:
        steps.check_interview(self._state, input, today=self._today())

    @workflow.update(name=Update.SUBMIT_VERIFICATION)
    async def submit_verification(self, input: VerificationInput) -> CaseState:
        """Evidence for an item asked for, or a caseworker's correction or rejection of
        the evidence received. Intake appends each as a record of the item (nothing is
        overwritten) and puts the verified amounts in place of the declared ones, so the
        determination reads them. A rejection asks for the item again, with a fresh 10
        days and a notice offering help (7 CFR 273.2(h)(1)(i)(C), 273.2(c)(5))."""
        s = self._state
        item = s.item(input.kind)
        assert item is not None  # the validator refused an item not requested
        action = VerificationAction(input.action)
        if item.received != (action is not VerificationAction.RECEIVED):
            return s  # the item moved on in this task (a duplicate receipt or rejection)
        key = f"{s.case_id}:{self._update_key('verification')}"
        if action is VerificationAction.REJECTED:
            # Settled before the await, so a second rejection in this task sees it.
            due = s.start_clock("VERIFICATION_RESUBMISSION", self._today(), ref=str(item.kind))
            rejected = item.asked_again(due, action, input.reason)
            s.verifications[s.verifications.index(item)] = rejected
            await self._act(IntakeActivities.record_verification, VerificationRecord(
                s.case_id, replace(rejected, received_date=input.received_date,
                                   verifier_id=input.verifier_id), key))
            await self._notice(NoticeKind.VERIFICATION_REQUEST, f"verification-again-{key}",
                               notices.verification_request(
                                   [rejected], due, caseworker_id=s.caseworker_id,
                                   rejected=input.reason))
            return s
        received = replace(
            item, received=True, source=input.source, received_date=input.received_date,
            verifier_id=input.verifier_id, evidence=input.evidence, last_action=action,
            note=input.reason, records=item.records + 1, incomes=list(input.incomes),
            expenses=list(input.expenses))
        await self._act(IntakeActivities.record_verification,
                        VerificationRecord(s.case_id, received, key))
        s.verifications[s.verifications.index(item)] = received
        s.meet_clock("VERIFICATION_RESUBMISSION", input.received_date, ref=str(item.kind))
        self._proof_received(item.kind, input.received_date)
        return s

    @submit_verification.validator
    def _validate_verification(self, input: VerificationInput) -> None:
        steps.check_verification(self._state, input, today=self._today())

    @workflow.update(name=Update.RECORD_ASSESSMENT)
    async def record_assessment(self, input: AssessmentInput) -> CaseState:
        await self._event("assessment_recorded", "assessment",
                          caseworker_id=input.caseworker_id, strengths=input.strengths,
                          needs=[str(n) for n in input.needs], goals=input.goals,
                          activities=[{"description": a.description, "need": str(a.need),
                                       "target_date": a.target_date} for a in input.activities])
        self._state.needs = list(input.needs)
        self._state.plan_activities = list(input.activities)
        self._state.assessed_by = input.caseworker_id
        self._state.close_task(Task.ASSESSMENT)
        self._state.meet_clock("TANF_INITIAL_ASSESSMENT", self._today())
        return self._state

    @record_assessment.validator
    def _validate_assessment(self, input: AssessmentInput) -> None:
        steps.check_assessment(self._state, input, today=self._today())

    @workflow.update(name=Update.APPROVE_PLAN)
    async def approve_plan(self, input: PlanApprovalInput) -> CaseState:
        await self._approve_plan(input.supervisor_id)
        return self._state

    @approve_plan.validator
    def _validate_plan_approval(self, input: PlanApprovalInput) -> None:
        steps.check_plan_approval(self._state, input)

    @workflow.update(name=Update.REPORT_CHANGE)
    async def report_change(self, input: ChangeReport) -> CaseState:
        """Apply a change report's changes (deltas, in order) to the household and send
        the case to determination. The agency's 10 days count from the day the household
        reported (7 CFR 273.12(c)); runs recorded before ("change-reported-date") counted
        from the Update's day."""
        key = self._update_key("change")
        from_report = workflow.patched("change-reported-date")
        self._claim_change()
        try:
            await self._act(IntakeActivities.apply_household_change, HouseholdChangeInput(
                self._state.case_id, f"{self._state.case_id}:{key}:household",
                incomes=input.incomes, expenses=input.expenses, changes=input.changes,
                caseworker_id=input.caseworker_id))
            await self._event("change_reported", key, reported_date=input.reported_date,
                              caseworker_id=input.caseworker_id, **input.summary())
        except BaseException:
            self._change_in_flight = False  # refused: the case takes the next report
            raise
        s = self._state
        s.household_size += len(input.members_added()) - len(input.members_removed())
        moved = input.moved_to()
        if moved is not None:
            s.county = moved.county
        s.start_clock("CHANGE_REPORT_ACTION", input.reported_date if from_report
                      else self._today())
        s.pending, self._change_in_flight = Pending.CHANGE, False
        return s

    @report_change.validator
    def _validate_change(self, input: ChangeReport) -> None:
        steps.check_change(self._state, input, today=self._today(),
                           change_in_flight=self._change_in_flight)

    @workflow.update(name=Update.RECORD_EMPLOYMENT)
    async def record_employment(self, input: EmploymentInput) -> CaseState:
        key = self._update_key("employment")
        self._claim_change()
        in_retention = self._state.phase is Phase.RETENTION
        try:
            await self._act(IntakeActivities.apply_household_change, HouseholdChangeInput(
                self._state.case_id, f"{self._state.case_id}:{key}:household",
                wages_member_id=input.member_id,
                wages_monthly_cents=input.monthly_wages_cents,
                caseworker_id=input.caseworker_id))
            await self._event("retention_check_in" if in_retention else "employment_recorded",
                              key, member_id=input.member_id, start_date=input.start_date,
                              monthly_wages_cents=input.monthly_wages_cents,
                              hours_per_week=input.hours_per_week,
                              caseworker_id=input.caseworker_id)
        except BaseException:
            self._change_in_flight = False  # refused: the case takes the next report
            raise
        self._state.close_task(Task.RETENTION_CHECK_IN)
        self._state.start_clock("CHANGE_REPORT_ACTION", self._today())
        self._state.pending = Pending.CHANGE if in_retention else Pending.EMPLOYMENT
        self._change_in_flight = False
        return self._state

    @record_employment.validator
    def _validate_employment(self, input: EmploymentInput) -> None:
        steps.check_employment(self._state, input, change_in_flight=self._change_in_flight)

    @workflow.update(name=Update.CLOSE_CASE)
    async def close_case(self, input: ClosureInput) -> CaseState:
        """Close the case, or one program of it. Where the reason needs advance notice
        (7 CFR 273.13; 42 CFR 431.211) the notice goes out now and the closure waits for
        its effective date, so the caller is answered with the closure scheduled."""
        s = self._state
        if workflow.patched(ADVANCE_NOTICE_PATCH):
            if notices.needs_advance_notice(input.reason) and s.any_eligible():
                await self._schedule_closure(
                    input, f"closure-notice-{self._update_key('close')}")
                return s
            if input.program is not None:
                await self._close_line(input)
                return s
        self._close_request = input
        await workflow.wait_condition(lambda: self._state.phase is Phase.CLOSED)
        return self._state

    @close_case.validator
    def _validate_closure(self, input: ClosureInput) -> None:
        steps.check_closure(self._state, input,
                            closing=self._close_request is not None or bool(self._state.closing))

    @workflow.update(name=Update.EXTEND_DEADLINE)
    async def extend_deadline(self, input: DeadlineExtensionInput) -> CaseState:
        """A supervisor moves an agency deadline (`workflows.approvals`)."""
        await self._extend(input, self._update_key("extension"))
        return self._state

    @extend_deadline.validator
    def _validate_extension(self, input: DeadlineExtensionInput) -> None:
        steps.check_extension(self._state, input, today=self._today())

    @workflow.update(name=Update.REASSIGN_CASE)
    async def reassign_case(self, input: ReassignmentInput) -> CaseState:
        """A supervisor moves the case to another caseworker, saying why."""
        await self._reassign(input, self._update_key("reassignment"))
        return self._state

    @reassign_case.validator
    def _validate_reassignment(self, input: ReassignmentInput) -> None:
        steps.check_reassignment(self._state, input)

    @workflow.update(name=Update.REQUEST_EXTENSION)
    async def request_extension(self, input: ExtensionRequestInput) -> CaseState:
        """A caseworker asks a supervisor to extend a deadline: it waits in the queue."""
        await self._request_extension(input)
        return self._state

    @request_extension.validator
    def _validate_extension_request(self, input: ExtensionRequestInput) -> None:
        steps.check_extension_request(self._state, input, today=self._today())

    @workflow.update(name=Update.DECIDE_APPROVAL)
    async def decide_approval(self, input: ApprovalDecisionInput) -> CaseState:
        """A supervisor approves or returns a request waiting on the case."""
        await self._decide_approval(input)
        return self._state

    @decide_approval.validator
    def _validate_approval_decision(self, input: ApprovalDecisionInput) -> None:
        steps.check_approval_decision(self._state, input, today=self._today())

    @workflow.update(name=Update.SUBMIT_RENEWAL)
    async def submit_renewal(self, input: RenewalInput) -> CaseState:
        """The household's recertification application or Medicaid renewal form is in."""
        await self._event("renewal_received", self._update_key("renewal"),
                          program=str(input.program), received_date=input.received_date,
                          caseworker_id=input.caseworker_id)
        self._renewal_received(input.program, input.received_date)
        renewal = self._state.renewal(input.program)
        if input.program is not Program.MEDICAID and self._proof_at_recertification \
                and renewal is not None:
            await self._ask_proof_again(renewal)
        return self._state

    @submit_renewal.validator
    def _validate_renewal(self, input: RenewalInput) -> None:
        steps.check_renewal(self._state, input, today=self._today())

    @workflow.update(name=Update.REQUEST_HEARING)
    async def request_hearing(self, input: HearingRequestInput) -> CaseState:
        """Record a fair-hearing request, also on a closed case within its notices'
        windows (`workflows.hearings`)."""
        await self._hearing_requested(input, self._update_key("hearing"))
        return self._state

    @request_hearing.validator
    def _validate_hearing_request(self, input: HearingRequestInput) -> None:
        steps.check_hearing_request(self._state, input, today=self._today(),
                                    closed_appealable=self._appeals_after_closure)

    @workflow.update(name=Update.RECORD_HEARING_DECISION)
    async def record_hearing_decision(self, input: HearingDecisionInput) -> CaseState:
        """Carry out a hearing decision (`workflows.hearings`)."""
        await self._hearing_decided(input)
        return self._state

    @record_hearing_decision.validator
    def _validate_hearing_decision(self, input: HearingDecisionInput) -> None:
        steps.check_hearing_decision(self._state, input, today=self._today())

    # --- phases ----------------------------------------------------------------------

    async def _intake(self) -> None:
        s = self._state
        # 42 CFR 435.907(d): a Medicaid (MAGI) application needs no interview.
        interview = s.programs != [Program.MEDICAID] or not workflow.patched(MAGI_INTERVIEW_PATCH)
        if interview and not s.interviewed:
            s.open_task(Task.INTERVIEW)
        if Program.SNAP in s.programs:
            s.start_clock("SNAP_APPLICATION_PROCESSING", s.filing_date)
            screen: ScreenResult = await self._act(
                EligibilityActivities.screen_expedited, ScreenInput(s.case_id, self._today()))
            s.expedited = screen.expedited
            if screen.expedited:
                s.start_clock("SNAP_EXPEDITED_SERVICE", s.filing_date)
        if Program.MEDICAID in s.programs:
            s.start_clock("MEDICAID_DISABILITY_APPLICATION" if self._clocks_watched
                          and self._input.disability_basis else "MEDICAID_APPLICATION",
                          s.filing_date)
        if (Program.TANF in s.programs and self._clocks_watched
                and "TANF_APPLICATION" in state_clock_codes(s.state, s.filing_date)):
            s.start_clock("TANF_APPLICATION", s.filing_date)
        assignment: Assignment = await self._act(IntakeActivities.assign_caseworker, s.case_id)
        s.caseworker_id, s.office_id = assignment.caseworker_id, assignment.office_id
        s.office_phone = assignment.office_phone
        if interview:
            s.interview_date = assignment.interview_date
            if s.expedited and self._clocks_watched:
                s.interview_date = self._expedited_interview_date(s.interview_date)
            await self._notice(NoticeKind.INTERVIEW_SCHEDULED, "interview-scheduled",
                               notices.interview_scheduled(s.interview_date, s.caseworker_id))
            await self._interview_held()
        if self._close_request is None:
            await self._enter(Phase.VERIFICATION)

    async def _determination(self) -> None:
        s = self._state
        initial = not s.decisions
        today = self._today()
        start = s.benefits_from or s.filing_date
        period = sla.period_of(start if initial else today)
        determination: Determination = await self._act(
            EligibilityActivities.determine_eligibility,
            DetermineInput(s.case_id, s.programs, period, as_of=today,
                           application_date=start if initial else ""))
        had_tanf = s.eligible(Program.TANF)
        s.scheduled, s.scheduled_on = None, ""
        if not initial and s.is_reduction(determination):
            await self._schedule_reduction(determination)
        else:
            if initial:
                s.certification_end_date = self._period_end(s.filing_date)
            await self._decide(determination)
            medicaid = s.line(Program.MEDICAID)
            if initial and medicaid is not None and medicaid.period_end and self._clocks_watched:
                medicaid.period_end = self._period_end(
                    s.filing_date, medicaid=True, renewed=determination.result(Program.MEDICAID))
        if initial:
            for code in FIRST_DECISION_CLOCKS:
                s.meet_clock(code, self._today())
        s.meet_clock("CHANGE_REPORT_ACTION", self._today())
        if Task.HEARING_DECISION in s.open_tasks:  # the caseworker's correction is in
            for hearing in s.hearings:
                for code in HEARING_CLOCKS.get(hearing.program, ())[1:]:
                    s.meet_clock(code, today, ref=hearing.hearing_id)
            s.close_task(Task.HEARING_DECISION)
        pending, s.pending = s.pending, Pending.NONE
        if pending is Pending.RECERTIFICATION:
            s.close_task(Task.RECERTIFICATION)
            s.meet_clock("SNAP_RECERTIFICATION_PROCESSING", today)
        if pending is Pending.RENEWAL:
            s.meet_clock("MEDICAID_RENEWAL_PROCESSING", today)
        medicaid = s.line(Program.MEDICAID)
        if pending is Pending.RENEWAL and medicaid is not None and s.eligible(Program.MEDICAID):
            medicaid.period_end = self._period_end(
                sla.add_days(medicaid.period_end, 1), medicaid=True,
                renewed=determination.result(Program.MEDICAID))
        tanf_after = determination.result(Program.TANF)
        if pending is Pending.EMPLOYMENT and had_tanf and not (tanf_after and tanf_after.eligible):
            await self._enter(Phase.RETENTION)
        elif not s.any_eligible():
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)
        elif initial:
            await self._enter(Phase.PLAN if s.eligible(Program.TANF) else Phase.SERVICES)
        else:
            await self._enter(s.return_phase)

    async def _plan(self) -> None:
        """TANF's plan: the assessment (due 90 days from eligibility, 42 USC 608(b)(1))
        and a supervisor's approval (the agency's standard), each on a clock that
        escalates when it runs out."""
        s = self._state
        early = workflow.patched(SNAP_BEFORE_PLAN_PATCH)
        timed = workflow.patched(PLAN_CLOCKS_PATCH)
        if not s.assessed_by:
            s.open_task(Task.ASSESSMENT)
            if timed and not s.has_clock("TANF_INITIAL_ASSESSMENT"):
                s.start_clock("TANF_INITIAL_ASSESSMENT", self._today())
        if early and s.determination and s.determination.period not in s.paid_periods:
            # 7 CFR 273.2(g)(1): SNAP is issued within its 30 days whatever TANF's plan
            # is doing; TANF's month waits for the plan.
            await self._pay(s.determination.period)
        while True:  # a plan the supervisor returns goes back to its assessment
            if not s.assessed_by:
                s.open_task(Task.ASSESSMENT)
                await self._while_plan_waits(lambda: bool(s.assessed_by), early)
            if self._close_request is not None:
                return
            s.open_task(Task.PLAN_APPROVAL)
            if timed and not s.has_clock("TANF_PLAN_APPROVAL"):
                s.start_clock("TANF_PLAN_APPROVAL", self._today())
            if self._queue:
                await self._ask_plan_approval()
            await self._while_plan_waits(lambda: s.plan_approved or not s.assessed_by, early)
            if self._close_request is not None:
                return
            if s.plan_approved:
                break
        await self._enter(Phase.SERVICES)

    async def _while_plan_waits(self, done: Callable[[], bool], early: bool) -> None:
        """Wait for a step of the plan; with `early`, each month that begins meanwhile
        is determined and its SNAP paid (TANF's held for the plan)."""
        s = self._state
        if not early:
            await self._until(done)
            return
        while self._close_request is None:
            next_period = sla.period_of(sla.first_of_next_month(f"{s.last_paid()}-01"))
            if await self._until(done, wake_on=f"{next_period}-01"):
                return
            await self._new_month(next_period)

    async def _services(self) -> None:
        s = self._state
        if s.needs and not s.referral_ids:
            s.referral_ids = await self._act(
                ReferralsActivities.make_referrals,
                ReferralInput(s.case_id, s.needs, s.state, s.county))
        if s.determination is not None and s.determination.period not in s.paid_periods:
            await self._pay(s.determination.period)
        while s.plan_held_periods:  # the plan is approved: TANF's months held for it
            await self._pay(s.plan_held_periods[0], programs=(Program.TANF,))
            s.plan_held_periods.pop(0)
        s.return_phase = Phase.MONITORING
        await self._enter(Phase.MONITORING)

    async def _benefit_months(self) -> None:
        """Monitoring and retention: pay each month, act on changes, recertify."""
        s = self._state
        phase = s.phase
        if phase is Phase.RETENTION and not s.retention_end_date:
            s.retention_end_date = sla.add_months(self._today(), sla.RETENTION_MONTHS)
            await self._event("retention_started", "retention",
                              retention_end_date=s.retention_end_date)
        s.return_phase = phase
        while s.phase is phase and self._close_request is None:
            next_period = sla.period_of(sla.first_of_next_month(f"{s.last_paid()}-01"))
            month_start = f"{next_period}-01"
            period_over = bool(s.certification_end_date) and month_start > s.certification_end_date
            # The period ends when its last day does (before, the case recertified as soon
            # as the last month was paid).
            if period_over and (not self._renewals_on or self._today() >= month_start):
                if not self._renewals_on or await self._end_of_certification():
                    await self._recertify()
                    return
                s.certification_end_date = ""  # no SNAP or TANF left to certify
                continue
            if self._renewals_on and not s.open_lines() \
                    and not s.reconsideration_open(self._today()):
                self._close_request = ClosureInput(ClosureReason.FAILED_TO_RECERTIFY, SYSTEM)
                return
            if phase is Phase.RETENTION and month_start > s.retention_end_date:
                await self._enter(Phase.MONITORING)
                return
            actions = s.action_dates(by_program=self._held_by_program)

            def woken(actions: list[str] = actions) -> bool:
                """A change to act on, held months to release, or an action scheduled."""
                return (bool(s.pending) or s.release_due()
                        or s.action_dates(by_program=self._held_by_program) != actions)

            renewal_wakes = s.renewal_wakes() if self._renewals_on else []
            wake_on = min([month_start, *actions, *renewal_wakes])
            if await self._until(woken, wake_on=wake_on):
                if s.pending:
                    await self._enter(Phase.DETERMINATION)
                    return
                if self._close_request is not None:
                    return
                if s.release_due():
                    await self._release_held()
                continue  # or an action was scheduled: wake for it
            # None while a hearing keeps benefits unchanged (for its program alone).
            due = s.action_dates(by_program=self._held_by_program)
            if s.closing is not None and s.closing_on in due and s.closing_on <= self._today():
                await self._carry_out_closing()
            elif s.scheduled is not None and s.scheduled_on in due \
                    and s.scheduled_on <= self._today():
                await self._apply_scheduled()
            elif wake_on in renewal_wakes:
                await self._renewals_lapsed()
            elif wake_on == month_start and not period_over:
                await self._new_month(next_period)
                if phase is Phase.RETENTION:
                    s.open_task(Task.RETENTION_CHECK_IN)

    async def _new_month(self, period: str) -> None:
        """Each month's benefit is computed with the rules in force that month (a mass
        change such as October's cost-of-living adjustment needs no individual notice,
        7 CFR 273.12(e)), then authorized."""
        s = self._state
        if s.postponed() and workflow.patched(POSTPONED_VERIFICATION_PATCH):
            if not self._postponed_limit:
                # 7 CFR 273.2(i)(4)(iii): after the expedited issuance, no further benefits
                # until the postponed verification is provided.
                s.held_periods.append(period)
                s.open_task(Task.POSTPONED_VERIFICATION)
                await self._event("benefits_held", f"held-{period}", period=period)
                return
            if period >= s.first_held_period():
                await self._hold_for_postponed(period)
                return
        if s.scheduled is None:  # else benefits continue unchanged until the reduction
            await self._determine_month(period)
            if self._close_request is not None:
                return
        await self._pay(period)
        if self._clocks_watched:
            await self._tanf_time_limit()
        if self._renewals_on:
            await self._renewal_steps(period)
        if s.phase is Phase.PLAN or s.scheduled is not None:
            return  # continued as new only from the benefit months, once settled
        if workflow.info().is_continue_as_new_suggested():
            await self._continue_as_new()

    async def _determine_month(self, period: str) -> None:
        """Determine the month's cash benefits (Medicaid is renewed yearly, not monthly,
        42 CFR 435.916(a)); a reduction of the household's own waits out its notice."""
        s = self._state
        programs = ([p for p in s.programs if p in CASH_PROGRAMS] if self._renewals_on
                    else s.programs)
        if not programs:
            return
        determination: Determination = await self._act(
            EligibilityActivities.determine_eligibility,
            DetermineInput(s.case_id, programs, period, as_of=self._today()))
        if (s.is_reduction(determination) and not s.is_mass_change(determination)
                and workflow.patched(ADVANCE_NOTICE_PATCH)):
            # The household's own circumstances lower the benefit: this month is paid
            # unchanged and the reduction waits out its notice (7 CFR 273.13(a)).
            await self._schedule_reduction(determination)
            return
        before = {d.program: (d.eligible, d.monthly_benefit_cents) for d in s.decisions
                  if d.program in programs}
        after = {r.program: (r.eligible, r.monthly_benefit_cents) for r in determination.programs}
        await self._decide(determination, notify=before != after)
        if not s.any_eligible() and s.phase is not Phase.RETENTION:
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)

    async def _hold_for_postponed(self, period: str) -> None:
        """7 CFR 273.2(i)(4)(iii): past the expedited months, benefits wait for the
        postponed proof. The first month held is noticed, with what is missing and by
        when; a month later with the proof still missing, SNAP ends, with notice."""
        s = self._state
        missing = [i.kind for i in s.verifications if not i.received]
        if s.held_periods:  # the month's limit passed without the proof
            today = self._today()
            s.held_periods.clear()
            s.close_task(Task.POSTPONED_VERIFICATION)
            s.end_line(Program.SNAP, LineStatus.CLOSED, ClosureReason.FAILURE_TO_PROVIDE, today)
            await self._notice(NoticeKind.CLOSURE, f"postponed-ended-{period}",
                               notices.postponed_ended(missing, s.hearing_window(
                                   today, f"postponed-ended-{period}")))
            await self._event("postponed_verification_ended", f"postponed-ended-{period}")
            if not s.open_lines():
                self._close_request = ClosureInput(ClosureReason.FAILURE_TO_PROVIDE, SYSTEM)
            return
        s.held_periods.append(period)
        s.open_task(Task.POSTPONED_VERIFICATION)
        await self._event("benefits_held", f"held-{period}", period=period)
        last_day = sla.add_days(sla.first_of_next_month(f"{period}-01"), -1)
        await self._notice(NoticeKind.VERIFICATION_REQUEST, f"held-{period}",
                           notices.benefits_held(period, missing, last_day))

    async def _release_held(self) -> None:
        """The postponed items arrived: the case is determined again on the verified
        facts and the months held back are paid as that decides (7 CFR 273.2(i)(4)(iii))."""
        s = self._state
        if self._postponed_limit and s.held_periods:
            today = self._today()
            determination: Determination = await self._act(
                EligibilityActivities.determine_eligibility,
                DetermineInput(s.case_id, s.programs, s.held_periods[0], as_of=today))
            await self._decide(determination)
            if not s.eligible(Program.SNAP):
                s.held_periods.clear()
                s.close_task(Task.POSTPONED_VERIFICATION)
                if not s.any_eligible():
                    self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)
                return
        while s.held_periods:
            await self._pay(s.held_periods[0])
            s.held_periods.pop(0)
        s.close_task(Task.POSTPONED_VERIFICATION)

    async def _apply_scheduled(self) -> None:
        """The notice period of a reduction has run out: the new decision takes effect,
        but for a program a hearing holds (its part waits for the decision)."""
        s = self._state
        determination, s.scheduled, s.scheduled_on = s.scheduled, None, ""
        assert determination is not None
        held = s.held_programs() if self._held_by_program else set()
        waiting = [r for r in determination.programs if r.program in held]
        if waiting:
            s.scheduled, s.scheduled_on = replace(determination, programs=waiting), self._today()
            determination = replace(determination, programs=[
                r for r in determination.programs if r.program not in held])
        await self._decide(determination, notify=False)
        s.meet_clock("ADVERSE_ACTION_NOTICE", self._today())
        if not s.any_eligible() and s.phase is not Phase.RETENTION:
            self._close_request = ClosureInput(ClosureReason.INELIGIBLE, SYSTEM)

    async def _tanf_time_limit(self) -> None:
        """45 CFR 264.1: a family's TANF ends after its State's count of months of
        assistance (60 federally); the last month paid, the closure is noticed."""
        s = self._state
        limit = period_months("TANF_TIME_LIMIT", s.state, self._today())
        if s.closing is None and s.eligible(Program.TANF) and len(s.tanf_months) >= limit:
            await self._schedule_closure(
                ClosureInput(ClosureReason.TIME_LIMIT, SYSTEM, Program.TANF),
                f"tanf-time-limit-{s.tanf_months[-1]}",
                effective_from=sla.first_of_next_month(f"{s.tanf_months[-1]}-01"))

    async def _schedule_reduction(self, determination: Determination) -> None:
        """7 CFR 273.13(a)(1): a reduction or termination waits at least 10 days from
        the mailing of its notice while the case goes on unchanged."""
        s = self._state
        mailed = self._mailing_day()
        s.scheduled = determination
        s.scheduled_on = self._start_notice_period(mailed).due_date
        window = s.hearing_window(mailed, determination.determination_id)
        await self._notice(NoticeKind.ADVERSE_ACTION, f"adverse-{determination.determination_id}",
                           notices.adverse_action_notice(
                               s.case_id, determination, s.clock("ADVERSE_ACTION_NOTICE"),
                               window), mailed=mailed)

    async def _carry_out_closing(self) -> None:
        """The notice period of a scheduled closure has run out."""
        s = self._state
        closing, s.closing, s.closing_on = s.closing, None, ""
        assert closing is not None
        s.meet_clock("ADVERSE_ACTION_NOTICE", self._today())
        held = s.held_programs() if self._held_by_program else set()
        if held & set(s.closed_by(closing)):  # a hearing holds part: the rest closes now
            for program in [p for p in s.closed_by(closing) if p not in held]:
                await self._close_line(replace(closing, program=program))
            kept = [p for p in s.closed_by(closing) if p in held]
            s.closing, s.closing_on = (replace(closing, program=kept[0]) if len(kept) == 1
                                       else closing), self._today()
            return
        if closing.program is None:
            self._close_request = closing
        else:
            await self._close_line(closing)

    async def _recertify(self) -> None:
        """At the end of the certification period the case is determined afresh, in a new
        run that carries its state (7 CFR 273.14; history stays bounded)."""
        s = self._state
        s.open_task(Task.RECERTIFICATION)
        await self._event("recertification", f"recertification-{s.certification_end_date}")
        s.certification_end_date = self._period_end(sla.add_days(s.certification_end_date, 1))
        for line in s.open_lines():
            if line.program in CASH_PROGRAMS:
                line.period_end = s.certification_end_date
        s.pending = Pending.RECERTIFICATION
        await self._enter(Phase.DETERMINATION)
        await self._continue_as_new()

    async def _continue_as_new(self) -> None:
        """Start a new run carrying the state, unless a closure is waiting: its Update
        handler waits for the case to close, so it must close in this run. A write to
        intake still in flight is waited for: a run must not end with an activity open."""
        await self._flush()
        await workflow.wait_condition(
            lambda: workflow.all_handlers_finished() or self._close_request is not None)
        if self._close_request is not None:
            return
        if workflow.patched(BOUNDED_STATE_PATCH):
            self._state.trim(self._today())
        workflow.continue_as_new(replace(self._input, carried_state=self._state))

    async def _close(self, request: ClosureInput) -> None:
        s = self._state
        s.closure_reason = request.reason
        s.closed_date = self._today()
        s.close_lines(request.reason, s.closed_date)
        if self._appeals_after_closure:
            s.settle_clocks(s.closed_date)
        await self._notice(NoticeKind.CLOSURE, "closure", notices.closure(
            s.closed_date, request.reason, s.hearing_window(s.closed_date, "closure")))
        await self._event("closed", "closure", reason=str(request.reason),
                          caseworker_id=request.caseworker_id)
        s.open_tasks.clear()
        await self._enter(Phase.CLOSED)

    def _claim_change(self) -> None:
        """Take the one change slot. Two Updates delivered in the same workflow task both
        pass their validators before either handler runs, so the second fails here."""
        if self._change_in_flight or self._state.pending:
            raise ApplicationError("a change is already being acted on",
                                   type=CHANGE_IN_FLIGHT, non_retryable=True)
        self._change_in_flight = True
