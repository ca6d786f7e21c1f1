"""Recertification (SNAP, TANF) and renewal (Medicaid) as the processes the rules make
them, for CaseWorkflow.

SNAP's certification period ends: the household gets its notice of expiration in the
next-to-last month (7 CFR 273.14(b)), files its recertification by the 15th of the last
month (273.14(c)), is interviewed, and is determined afresh for a new period; a household
that does not recertify is closed when the period ends, with notice. TANF follows SNAP's
period here. Medicaid is renewed once a year: ex parte first, on what the agency already
knows; failing that, with a prepopulated form the household has 30 days to return; not
returned, coverage ends after a notice of adverse action, and a form returned within 90
days after that reopens it without a new application (42 CFR 435.916(a)).

Deterministic, like the workflow it serves; the texts are `workflows.notices`'.
"""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows import notices, sla
    from workflows.activities.eligibility import DetermineInput, EligibilityActivities
    from workflows.activities.intake import IntakeActivities, VerificationRecord
    from workflows.acts import CASH_PROGRAMS, SYSTEM, CaseActs
    from workflows.inputs import (
        ClosureInput,
        ClosureReason,
        Determination,
        NoticeKind,
        Program,
        VerificationAction,
        VerificationKind,
    )
    from workflows.state import LineStatus, Pending, Renewal, Task

RECERTIFICATION_PROOF_PATCH = "recertification-proof"
"""A recertification asks for the household's income again, and waits for it before the
next period; before, the new period was determined on the facts proved at application."""

RENEWAL_PATCH = "renewal-processes"
"""Recertification waits for the household's application and interview, and Medicaid is
renewed yearly; before, the case recertified itself and Medicaid was redetermined monthly."""

RENEWAL_CLOCKS_PATCH = "renewal-clocks"
"""A recertification filed runs the agency's clock to the new period's first benefits
(7 CFR 273.14(d)), and a Medicaid renewal its clock to the period's end; before, only the
household's deadlines ran."""

FORM_LEAD_MONTHS = 2
"""Medicaid's renewal starts two months before its period ends: 30 days for the form,
then 10 days' notice before coverage can end with the period."""


class Renewals(CaseActs):
    """The renewal steps of one case; CaseWorkflow is one."""

    _renewals_on: bool
    """False only for runs recorded before renewals were processes."""
    _proof_at_recertification: bool
    """False only for runs recorded before a recertification asked for proof again."""
    _renewal_clocks: bool
    """False only for runs recorded before renewals ran the agency's clocks."""

    async def _renewal_steps(self, period: str) -> None:
        """As each benefit month begins, start the renewals it is time for."""
        s = self._state
        cash = [line.program for line in s.open_lines() if line.program in CASH_PROGRAMS]
        if (cash and s.certification_end_date and s.renewal(cash[0]) is None
                and period == sla.period_of(sla.add_months(s.certification_end_date, -1))):
            await self._notice_of_expiration(cash)
        medicaid = s.line(Program.MEDICAID)
        if (medicaid is not None and medicaid.status is LineStatus.APPROVED
                and medicaid.period_end and s.renewal(Program.MEDICAID) is None
                and period == sla.period_of(sla.add_months(medicaid.period_end,
                                                           -FORM_LEAD_MONTHS + 1))):
            await self._renew_medicaid(medicaid.period_end)

    async def _notice_of_expiration(self, programs: list[Program]) -> None:
        """7 CFR 273.14(b): the notice goes out in the next-to-last month and says when
        the period ends, by when to file for benefits without a break, that an interview
        follows, and what happens if the household does not recertify."""
        s = self._state
        period_end = s.certification_end_date
        file_by = f"{sla.period_of(period_end)}-15"
        s.start_renewal(Renewal(programs, period_end, self._today(), file_by))
        await self._notice(NoticeKind.EXPIRATION, f"expiration-{period_end}",
                           notices.expiration(programs, period_end, file_by))

    async def _renew_medicaid(self, period_end: str) -> None:
        """42 CFR 435.916(a)(2): renew on the information the agency has, without asking
        the household; only when that cannot be done is the form sent."""
        s = self._state
        today = self._today()
        if self._renewal_clocks:
            s.start_clock("MEDICAID_RENEWAL_PROCESSING", today, period_end=period_end)
        determination: Determination = await self._act(
            EligibilityActivities.determine_eligibility,
            DetermineInput(s.case_id, [Program.MEDICAID], sla.period_of(today), as_of=today))
        result = determination.result(Program.MEDICAID)
        if result is not None and result.eligible:
            s.meet_clock("MEDICAID_RENEWAL_PROCESSING", today)
            line = s.line(Program.MEDICAID)
            assert line is not None
            line.period_end = self._period_end(sla.add_days(period_end, 1), medicaid=True,
                                               renewed=result)
            s.start_renewal(Renewal([Program.MEDICAID], period_end, today, "",
                                    received_on=today, ex_parte=True))
            await self._event("renewed_ex_parte", f"renewal-{period_end}",
                              program=str(Program.MEDICAID), period_end=line.period_end)
            await self._notice(NoticeKind.DECISION, f"renewal-{period_end}",
                               notices.renewed_ex_parte(period_end, line.period_end))
            return
        due = s.start_clock("MEDICAID_RENEWAL_FORM_RETURN", today)
        s.start_renewal(Renewal([Program.MEDICAID], period_end, today, due))
        await self._notice(NoticeKind.EXPIRATION, f"renewal-form-{period_end}",
                           notices.renewal_form(period_end, due))

    async def _renewals_lapsed(self) -> None:
        """A Medicaid form not returned in time: coverage ends with its period, after a
        notice of adverse action (42 CFR 435.916(a)(3)(iii), 431.211)."""
        s = self._state
        today = self._today()
        for renewal in s.renewals:
            if (Program.MEDICAID in renewal.programs and not renewal.received_on
                    and renewal.due_date and renewal.due_date < today and not renewal.lapsed):
                renewal.lapsed = True
                s.meet_clock("MEDICAID_RENEWAL_PROCESSING", today)  # decided: it ends
                await self._schedule_closure(
                    ClosureInput(ClosureReason.FAILED_TO_RECERTIFY, SYSTEM, Program.MEDICAID),
                    f"renewal-{renewal.period_end}",
                    effective_from=sla.add_days(renewal.period_end, 1))

    async def _end_of_certification(self) -> bool:
        """The certification period is over. A household that recertified (application,
        interview and the proof asked for again) is determined for the next period
        (True); one that did not has its SNAP and TANF closed with notice (7 CFR
        273.14(e)), and the case closes if nothing else is open."""
        s = self._state
        cash = [line.program for line in s.open_lines() if line.program in CASH_PROGRAMS]
        renewal = s.renewal(cash[0]) if cash else None
        if renewal is not None and renewal.complete() and not s.proof_missing(renewal):
            return True
        today = self._today()
        for program in cash:
            s.end_line(program, LineStatus.CLOSED, ClosureReason.FAILED_TO_RECERTIFY, today)
        if cash:
            await self._notice(NoticeKind.CLOSURE, f"not-recertified-{s.certification_end_date}",
                               notices.not_recertified(cash, s.certification_end_date,
                                                       s.hearing_window(today, "not-recertified")))
            await self._event("not_recertified", f"not-recertified-{s.certification_end_date}",
                              programs=[str(p) for p in cash])
        s.close_task(Task.RECERTIFICATION)
        s.meet_clock("SNAP_RECERTIFICATION_PROCESSING", today)  # decided: not recertified
        if not s.open_lines() and not s.reconsideration_open(today):
            self._close_request = ClosureInput(ClosureReason.FAILED_TO_RECERTIFY, SYSTEM)
        return False

    async def _ask_proof_again(self, renewal: Renewal) -> None:
        """7 CFR 273.2(f)(8)(i): a recertifying household's income is verified again,
        with at least 10 days to provide it (273.14(b)(4)). The recertification
        application brings no amounts to compare with the last ones, so the proof is
        always asked for, where income was an item at all (a household the plan found
        without income is not asked). Until it comes the facts proved before stand; it
        must be in before the period ends for the next one to follow (273.14(e))."""
        s = self._state
        item = s.item(VerificationKind.INCOME)
        if item is None:
            return
        key = f"recertification-proof-{renewal.period_end}"
        due = s.start_clock("VERIFICATION_DUE", self._today(), ref=key)
        asked = item.asked_again(due, VerificationAction.REQUESTED_AGAIN)
        await self._act(IntakeActivities.record_verification,
                        VerificationRecord(s.case_id, asked, f"{s.case_id}:{key}"))
        s.verifications[s.verifications.index(item)] = asked
        renewal.proof = [VerificationKind.INCOME]
        await self._notice(NoticeKind.VERIFICATION_REQUEST, key, notices.verification_request(
            [asked], due, caseworker_id=s.caseworker_id, period_end=renewal.period_end))

    def _proof_received(self, kind: VerificationKind, received_on: str) -> None:
        """Proof a recertification asked for again is in: its clock is met."""
        s = self._state
        for renewal in s.renewals:
            if kind in renewal.proof and not s.proof_missing(renewal):
                s.meet_clock("VERIFICATION_DUE", received_on,
                             ref=f"recertification-proof-{renewal.period_end}")

    def _renewal_received(self, program: Program, received_on: str) -> None:
        """The household's recertification application or renewal form is in."""
        s = self._state
        renewal = s.renewal(program)
        assert renewal is not None  # the validator refused a renewal not asked for
        renewal.received_on = received_on
        if program is Program.MEDICAID:
            s.meet_clock("MEDICAID_RENEWAL_FORM_RETURN", received_on)
            line = s.line(Program.MEDICAID)
            if line is not None and line.status is LineStatus.CLOSED:  # reconsideration
                line.status, line.closure_reason, line.closed_on = LineStatus.PENDING, None, ""
                s.programs.append(Program.MEDICAID)
            if s.closing is not None and s.closing.program is Program.MEDICAID:
                s.closing, s.closing_on = None, ""
            s.pending = Pending.RENEWAL
        else:
            s.open_task(Task.RECERTIFICATION)  # the interview, then the determination
            if self._renewal_clocks:
                s.start_clock("SNAP_RECERTIFICATION_PROCESSING", received_on,
                              period_end=renewal.period_end)
