"""What a case does in the world, for CaseWorkflow: every side effect is an activity
called here with one timeout and retry policy (records, notices, decisions, payments,
phase changes), and every wait is on the agency's calendar. Deterministic, like the
workflow it serves; which phase does what, and when, stays in `workflows.case`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy
from datetime import datetime, timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from common.errors import PERMANENT
    from common.vocabulary import PaymentKind, Program
    from workflows import notices, search, sla
    from workflows.activities.intake import (
        CaseEventInput,
        CaseViewInput,
        IntakeActivities,
        NoticeInput,
        StatusInput,
    )
    from workflows.activities.payments import PaymentInput, PaymentsActivities
    from workflows.clocks import (
        action_date_after_notice,
        add_business_days,
        is_business_day,
        period_months,
    )
    from workflows.inputs import (
        ClosureInput,
        ClosureReason,
        Determination,
        NoticeKind,
        Phase,
        ProgramResult,
    )
    from workflows.state import (
        Approval,
        ApprovalDecision,
        ApprovalKind,
        CaseInput,
        CaseState,
        ClockStatus,
        Deadline,
        LineStatus,
        PhaseChange,
        Task,
    )

ACTIVITY_TIMEOUT = timedelta(seconds=30)
"""Each attempt of an activity: one or two gRPC calls with 10-second deadlines."""

ACTIVITY_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(minutes=1),
    # A service down for hours must not lose the case: retry until it is back. Requests
    # the service refuses as wrong are raised non-retryable by the activities too.
    non_retryable_error_types=sorted(PERMANENT),
)

REFUSED_STEP_PATCH = "refused-step-held"
"""A step a service refuses is held and retried daily; before, it failed the workflow."""

NOTICE_GRACE_PATCH = "notice-grace-day"
"""An adverse action whose notice period ends on a weekend or holiday waits out the next
business day, on which a request for a hearing still keeps benefits (7 CFR 273.13(a)(1))."""

EXPANSION_CYCLE_PATCH = "expansion-adult-renewal"
"""Medicaid covering an expansion adult renews on that group's cycle (six months from
2026-12-31); before, every Medicaid case renewed yearly."""

CASE_VIEW_PATCH = "case-view"
"""The case keeps intake's read model and its search attributes current: whenever its
state has changed it writes the whole state to intake before it waits, and upserts the
attributes that changed; the phase is written that way too (before, by UpdateCaseStatus
at each phase change, and nothing else was)."""

SUPERVISOR_QUEUE_PATCH = "supervisor-queue"
"""The plan waits in the approvals queue (and may be returned to its assessment), and a
payment above the approval limit waits for a supervisor; before, a plan could only be
approved and every payment was made as determined."""

PAYMENT_APPROVAL_LIMIT_CENTS = 250_000
"""The agency's policy, not a regulation: a single payment above $2,500 is checked by a
second person before it is made, being more likely a data error or a large correction
than a month's benefit."""

CLOCKS_CAUGHT_UP_PATCH = "clocks-caught-up"
"""Before each wait the case brings overdue clock statuses up to date (a clock that began
in the past, as on a backdated application, warns and breaches at once); before, a clock
was reviewed only on its own warning and due dates, which had passed."""

REFUSED_STEP_RETRY = timedelta(days=1)
"""How often a refused step is tried again while a person puts its cause right."""

SYSTEM = "system"
"""Who closes a case (or a program of it) the rules closed, in its closure record."""

CASH_PROGRAMS = (Program.SNAP, Program.TANF)
"""Programs paid monthly through the payments service (Medicaid pays providers)."""


class CaseActs:
    """The side effects and waits of one case; CaseWorkflow is one."""

    _input: CaseInput
    _state: CaseState
    _close_request: ClosureInput | None
    _exact_calendar: bool
    """False only for runs recorded before `sla.local_date` was right on DST nights."""
    _clocks_watched: bool
    """False only for runs recorded before clocks had statuses that change by the day."""
    _notices_mailed: bool
    """False only for runs recorded before notices carried their mailing date."""
    _grace_day: bool
    """False only for runs recorded before an action waited out a weekend's grace day."""
    _expansion_cycle: bool
    """False only for runs recorded before an expansion adult's renewal had its own cycle."""
    _queue: bool
    """False only for runs recorded before the approvals queue."""
    _caught_up: bool
    """False only for runs recorded before overdue clocks were reviewed on every wait."""
    _views: bool
    """False only for runs recorded before the case kept intake's read model current."""
    _published: CaseState | None
    """The state as last written to intake (None before the run's first write)."""
    _attributes: dict[str, object]
    """The search attributes as this run last upserted them."""
    _view_version: int
    _writing: workflow.ActivityHandle[None] | None
    """The write to intake in flight, if any."""

    async def _decide(self, determination: Determination, *, notify: bool = True) -> None:
        s = self._state
        s.decide(determination, on=self._today())
        if notify:
            mailed = self._mailing_day()
            window = s.hearing_window(mailed, determination.determination_id)
            await self._notice(NoticeKind.DECISION, f"decision-{determination.determination_id}",
                               notices.decision_notice(s.case_id, determination, window,
                                                       s.certification_end_date),
                               mailed=mailed)

    async def _pay(self, period: str, *, programs: Sequence[Program] = CASH_PROGRAMS) -> None:
        """Authorize the month's benefit of each eligible cash program in `programs`;
        while the case waits for its plan, TANF's month is held for it instead, and a
        payment above the approval limit waits for a supervisor."""
        s = self._state
        for decision in s.decisions:
            if decision.program in programs and decision.eligible \
                    and decision.monthly_benefit_cents > 0:
                if decision.program is Program.TANF and s.phase is Phase.PLAN:
                    if period not in s.plan_held_periods:
                        s.plan_held_periods.append(period)
                    continue
                amount = decision.monthly_benefit_cents
                if (self._queue and amount > PAYMENT_APPROVAL_LIMIT_CENTS
                        and await self._hold_payment(decision.program, period, amount)):
                    continue
                await self._authorize(decision.program, period, amount)
        if period not in s.paid_periods:
            s.paid_periods.append(period)

    async def _authorize(self, program: Program, period: str, amount_cents: int) -> None:
        """Authorize one month's benefit of one program (idempotent on case and month)."""
        s = self._state
        authorization_id: str = await self._act(
            PaymentsActivities.authorize_payment,
            PaymentInput(s.case_id, program, period, PaymentKind.MONTHLY_BENEFIT, amount_cents))
        if authorization_id not in s.payment_authorization_ids:
            s.payment_authorization_ids.append(authorization_id)
        if program is Program.TANF and period not in s.tanf_months:
            s.tanf_months.append(period)

    async def _hold_payment(self, program: Program, period: str, amount_cents: int) -> bool:
        """True while the month's payment of `program` must wait for (or was refused by)
        a supervisor; False once one approved it."""
        s = self._state
        asked = next((a for a in s.approvals if a.kind is ApprovalKind.PAYMENT
                      and a.program == program and a.period == period), None)
        if asked is None:
            await self._ask(Approval(
                self._approval_id(ApprovalKind.PAYMENT), ApprovalKind.PAYMENT, "system",
                self._today(), f"{program} {period}: {amount_cents} cents, over the "
                f"approval limit of {PAYMENT_APPROVAL_LIMIT_CENTS}", program=program,
                amount_cents=amount_cents, period=period))
            s.open_task(Task.PAYMENT_APPROVAL)
            return True
        return asked.decision is not ApprovalDecision.APPROVED

    async def _ask(self, approval: Approval) -> Approval:
        self._state.approvals.append(approval)
        await self._event("approval_requested", approval.approval_id,
                          approval_id=approval.approval_id, approval_kind=str(approval.kind),
                          caseworker_id=approval.requested_by, summary=approval.summary)
        return approval

    def _approval_id(self, kind: ApprovalKind) -> str:
        """Unique on the case, short enough to type (workflow.uuid4 replays the same)."""
        return f"{kind}-{workflow.uuid4().hex[:12]}"

    async def _schedule_closure(self, input: ClosureInput, key: str, *,
                                effective_from: str = "") -> None:
        """A closure that is an adverse action: its notice now, the closure on its
        effective date, 10 days from mailing at the soonest (7 CFR 273.13(a);
        42 CFR 431.211), or `effective_from` if later (the end of a period)."""
        s = self._state
        mailed = self._mailing_day()
        s.closing = input
        notice = self._start_notice_period(mailed, effective_from)
        s.closing_on = notice.due_date
        window = s.hearing_window(mailed, key)
        await self._notice(NoticeKind.ADVERSE_ACTION, key, notices.closure_advance_notice(
            s.case_id, input.reason, input.program, notice, window), mailed=mailed)
        await self._event("closure_scheduled", key, reason=str(input.reason),
                          program=str(input.program or ""), effective=s.closing_on,
                          caseworker_id=input.caseworker_id)

    def _start_notice_period(self, mailed: str, effective_from: str = "") -> Deadline:
        """Start the notice period of an adverse action whose notice is mailed on
        `mailed`. Its due date is the day the action takes effect: 10 days on at the
        soonest (7 CFR 273.13(a)(1); 42 CFR 431.211) and past the grace day of a period
        that ends on a weekend or holiday; or `effective_from` (the end of a period or a
        month) if later, which keeps its day so the action stays with its month."""
        s = self._state
        s.start_clock("ADVERSE_ACTION_NOTICE", mailed)
        notice = s.clock("ADVERSE_ACTION_NOTICE")
        if effective_from > notice.due_date:  # a period's end: the month is not moved
            notice.due_date = effective_from
        elif self._grace_day:
            notice.due_date = action_date_after_notice(notice.due_date, s.state)
        return notice

    async def _close_line(self, input: ClosureInput) -> None:
        """Close one program; the case closes with it only when it was the last, and
        no window to reopen it is still running."""
        s = self._state
        assert input.program is not None
        today = self._today()
        s.end_line(input.program, LineStatus.CLOSED, input.reason, today)
        if input.program is Program.MEDICAID and input.reason is ClosureReason.FAILED_TO_RECERTIFY:
            s.start_clock("MEDICAID_RECONSIDERATION", today)
        key = f"closure-{input.program}-{today}"
        await self._notice(NoticeKind.CLOSURE, key, notices.closure(
            today, input.reason, s.hearing_window(today, key), input.program))
        await self._event("program_closed", key, program=str(input.program),
                          reason=str(input.reason), caseworker_id=input.caseworker_id)
        if not s.open_lines() and not s.reconsideration_open(today):
            self._close_request = ClosureInput(input.reason, input.caseworker_id)

    def _record_phase(self, phase: Phase) -> None:
        s = self._state
        if s.history:
            began = datetime.fromisoformat(s.history[-1].at)
            workflow.metric_meter().create_histogram_timedelta(
                "casework_phase_duration", "How long cases stay in a phase",
            ).record(workflow.now() - began, {"phase": str(s.history[-1].phase)})
        s.phase = phase
        s.history.append(PhaseChange(phase, workflow.now().isoformat()))

    async def _enter(self, phase: Phase) -> None:
        """Move to `phase` and record it in intake, where lists and reports read it."""
        self._record_phase(phase)
        if self._views:
            self._publish()
            return
        await self._act(IntakeActivities.update_case_status, StatusInput(
            self._state.case_id, phase, self._state.closure_reason))

    def _unpublished(self) -> bool:
        """The state has changed since it was last sent to intake, and no write is in
        flight (one at a time, so a service that is down holds back one write, not one
        per change)."""
        return (self._views and (self._writing is None or self._writing.done())
                and self._state != self._published)

    def _publish(self) -> None:
        """Start writing the state to intake's read model, and upsert the search
        attributes that changed, if anything has since the last time. The case does
        not wait for the write: a read model that lags never holds a case up, and the
        version keeps a late write from overwriting a newer one."""
        if not self._unpublished():
            return
        snapshot = deepcopy(self._state)
        self._published = snapshot
        attributes = search.values_of(snapshot)
        changed = search.updates(self._attributes, attributes)
        if changed:
            workflow.upsert_search_attributes(changed)
            self._attributes = attributes
        now = workflow.now()
        self._view_version = max(self._view_version + 1,
                                 int(now.timestamp()) * 1_000_000 + now.microsecond)
        self._writing = workflow.start_activity_method(
            IntakeActivities.record_case_view, CaseViewInput(snapshot, self._view_version),
            start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY)
        self._writing.add_done_callback(_log_refused_write)

    async def _flush(self) -> None:
        """The run is ending: wait until intake holds its last state."""
        while self._views:
            await workflow.wait_condition(
                lambda: self._writing is None or self._writing.done())
            if not self._unpublished():
                return
            self._publish()

    async def _until(self, done: Callable[[], bool], *, wake_on: str | None = None) -> bool:
        """Wait until `done()` or a closure request; False only when `wake_on` (an ISO
        date, at midnight in the agency's time zone) came first. Meanwhile each clock's
        warning and due dates wake the case to bring its status up to date, so every
        wait is also a watch on the deadlines (one timer at a time)."""
        while True:
            if self._caught_up and self._state.review_overdue(self._today()):
                await self._review_clocks()
            self._publish()
            review = self._state.next_clock_review(self._today()) if self._clocks_watched else ""
            targets = [day for day in (wake_on, review) if day]
            timeout = None
            if targets:
                wake = sla.local_midnight(min(targets), self._input.agency_timezone)
                timeout = max(wake - workflow.now(), timedelta(seconds=1))
            try:
                await workflow.wait_condition(
                    lambda: done() or self._close_request is not None or self._unpublished(),
                    timeout=timeout)
            except TimeoutError:
                if self._clocks_watched:
                    await self._review_clocks()
                if wake_on is not None and min(targets) == wake_on:
                    return False
                continue
            if done() or self._close_request is not None:
                return True

    async def _review_clocks(self) -> None:
        """Bring each clock's status up to today, and escalate a breach of an agency
        deadline to a supervisor: a task and a recorded event, never a decision."""
        s = self._state
        warned = {(d.code, d.ref) for d in s.deadlines if d.status is ClockStatus.WARNING}
        breached = s.review_clocks(self._today())
        meter = workflow.metric_meter()
        for deadline in s.deadlines:
            if (deadline.status is ClockStatus.WARNING
                    and (deadline.code, deadline.ref) not in warned):
                meter.create_counter("casework_clock_warnings", "Clocks that reached their "
                                     "warning date unmet").add(1, {"code": deadline.code})
        for deadline in breached:
            meter.create_counter("casework_clock_breaches", "Agency clocks that ran out "
                                 "unmet").add(1, {"code": deadline.code})
            s.open_task(Task.DEADLINE_BREACHED)
            await self._event(
                "deadline_breached",
                f"breach-{deadline.code}-{deadline.ref or 'case'}-{deadline.due_date}",
                code=deadline.code, program=deadline.program, due_date=deadline.due_date,
                citation=deadline.citation)

    async def _act(self, activity_method: Callable[..., Any], arg: Any) -> Any:
        """Run one activity. A service that refuses the request outright (a permanent
        error) does not fail a case that lives for years: in the case's own course (not
        an Update's, whose caller is told) the step is held, shown as a REFUSED_STEP task,
        and tried again each day until whatever was wrong has been put right."""
        while True:
            try:
                result = await workflow.execute_activity_method(
                    activity_method, arg, start_to_close_timeout=ACTIVITY_TIMEOUT,
                    retry_policy=ACTIVITY_RETRY)
            except ActivityError as error:
                refused = isinstance(error.cause, ApplicationError) and error.cause.non_retryable
                if not (refused and workflow.current_update_info() is None
                        and workflow.patched(REFUSED_STEP_PATCH)):
                    raise
                assert isinstance(error.cause, ApplicationError)
                self._state.refused_step = f"{error.activity_type}: {error.cause.type}"
                self._state.open_task(Task.REFUSED_STEP)
                self._publish()
                await workflow.sleep(REFUSED_STEP_RETRY)
                continue
            if self._state.refused_step:
                self._state.refused_step = ""
                self._state.close_task(Task.REFUSED_STEP)
            return result

    async def _event(self, kind: str, key: str, **detail: Any) -> None:
        await self._act(IntakeActivities.record_case_event,
                        CaseEventInput(self._state.case_id, f"{self._state.case_id}:{key}",
                                       kind, detail))

    async def _notice(self, kind: NoticeKind, key: str, text: str, *, mailed: str = "") -> None:
        """Issue a notice, mailed on `mailed` (default: the next mail day), dated and
        with the office to call (7 CFR 273.13(a)(2))."""
        s = self._state
        if self._notices_mailed:
            mailed = mailed or self._mailing_day()
            text = "\n".join([f"Mailed {mailed}.", text,
                              notices.contact(s.caseworker_id, s.office_phone)])
        await self._act(IntakeActivities.issue_notice, NoticeInput(
            s.case_id, f"{s.case_id}:{key}", kind, text, mailed))

    def _mailing_day(self) -> str:
        """The day a notice issued now goes out: today if the agency mails today (a
        business day in its State's calendar), else its next business day; the periods
        a notice gives count from it (7 CFR 273.13(a)(1))."""
        today, state = self._today(), self._state.state
        if not self._notices_mailed or is_business_day(today, state):
            return today
        return add_business_days(today, 1, state)

    def _update_key(self, kind: str) -> str:
        """An idempotency key for the records an Update writes: stable across retries."""
        return f"{kind}-{workflow.current_update_info().id}"  # type: ignore[union-attr]

    def _period_end(self, start: str, *, medicaid: bool = False,
                    renewed: ProgramResult | None = None) -> str:
        """The last day of a certification period, or with `medicaid` a Medicaid renewal
        period (`renewed` the result it renews on), beginning in `start`'s month, as the
        rules in force then make it: 24 months for a SNAP household whose adults are all
        elderly or disabled (7 CFR 273.10(f)(1)), 12 otherwise; Medicaid renews every 12
        (42 CFR 435.916(a)), an expansion adult's every 6 from renewals scheduled on or
        after 2026-12-31 (P.L. 119-21 sec. 71107; the cycle is data)."""
        if not self._clocks_watched:
            return sla.certification_end(start, sla.MEDICAID_RENEWAL_MONTHS if medicaid
                                         else sla.CERTIFICATION_MONTHS)
        name = ("MEDICAID_RENEWAL_EXPANSION_ADULT" if medicaid and self._expansion_cycle
                and renewed is not None and renewed.expansion_adults_covered()
                else "MEDICAID_RENEWAL" if medicaid
                else "SNAP_CERTIFICATION_ELDERLY_DISABLED" if self._input.elderly_or_disabled
                else "SNAP_CERTIFICATION")
        return sla.certification_end(start, period_months(name, self._state.state, start))

    def _today(self) -> str:
        return sla.local_date(workflow.now(), self._input.agency_timezone,
                              exact=self._exact_calendar)


def _log_refused_write(write: workflow.ActivityHandle[None]) -> None:
    """A write intake refused outright (it retries anything else): the next change of
    state writes again, so only its kind is logged (the message could name the case)."""
    if not write.cancelled() and write.exception() is not None:
        workflow.logger.warning("case view not recorded: %s",
                                type(write.exception()).__name__)
