"""The application's own steps, for CaseWorkflow: the interview (scheduled in time for
expedited service, a missed one noticed and, not held by day 30, the application denied;
7 CFR 273.2(e)(3), (g)(3), (i)(3)) and the proof (what the household's facts call for,
asked for with 10 days, a missing deduction left out and missing proof a denial with
SNAP's 60-day reopen window; 7 CFR 273.2(f), (h)).

Deterministic, like the workflow it serves; the texts are `workflows.notices`'.
"""

from __future__ import annotations

from dataclasses import replace

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows import notices, sla
    from workflows.activities.intake import (
        IntakeActivities,
        PlanInput,
        VerificationRecord,
        VerificationRequest,
    )
    from workflows.acts import SYSTEM, CaseActs
    from workflows.clocks import add_business_days
    from workflows.inputs import (
        ClosureInput,
        ClosureReason,
        NoticeKind,
        Phase,
        Program,
        VerificationAction,
        VerificationKind,
        VerificationStatus,
    )
    from workflows.state import LineStatus, Task, VerificationItem

MISSED_INTERVIEW_PATCH = "missed-interview"
"""A missed interview gets its notice and task, and a SNAP application without one by the
end of day 30 is denied; before, the case waited for the interview without end."""

PROGRAM_LINES_PATCH = "program-lines"
"""Each program has its own line: SNAP's day-30 denial and 60-day reopen apply to SNAP
only, and a caseworker may close one program while the others go on."""

HOUSEHOLD_VERIFICATION_PATCH = "household-verification"
"""Intake plans the items from the household's facts and programs (each required, not
applicable or waived, with its reason); only the required are asked for, and the case
waits only for those a decision needs. An item whose absence leaves out what it proves
(a deduction) is recorded not provided at its due date and the case goes on; received
evidence may be corrected or rejected, a rejection asking again with a fresh 10 days."""


class Application(CaseActs):
    """The interview and verification steps of one case; CaseWorkflow is one."""

    async def _interview_held(self) -> None:
        """Wait for the interview. A missed one gets its notice and a caseworker task, and
        a SNAP application whose interview is not held by the end of day 30 is denied
        (7 CFR 273.2(e)(3), 273.2(g)(3)); the interview may be held late until then."""
        s = self._state
        if not workflow.patched(MISSED_INTERVIEW_PATCH):
            await self._until(lambda: s.interviewed)
            return
        while True:  # a date moved before it came is waited for anew
            scheduled = s.interview_date

            def held_or_moved(scheduled: str = scheduled) -> bool:
                return s.interviewed or s.interview_date != scheduled

            if not await self._until(held_or_moved, wake_on=sla.add_days(scheduled, 1)):
                break
            if s.interviewed or self._close_request is not None:
                return
        deny_after = self._interview_deadline()
        missed, key = s.interview_date, "missed-interview"
        while True:
            s.open_task(Task.MISSED_INTERVIEW)
            if self._clocks_watched:
                s.pause_clocks(self._today())
            await self._notice(NoticeKind.MISSED_INTERVIEW, key, notices.missed_interview(
                missed, deny_after, "7 CFR 273.2(g)(3)" if Program.SNAP in s.programs
                else s.clock("TANF_APPLICATION").citation if deny_after else ""))

            def moved(missed: str = missed) -> bool:
                return s.interviewed or s.interview_date != missed

            if not await self._until(moved, wake_on=sla.add_days(deny_after, 1)
                                     if deny_after else None):
                break
            if self._close_request is not None:
                s.close_task(Task.MISSED_INTERVIEW)
                return
            if not s.interviewed:  # rescheduled: the household has until the new date
                missed, key = s.interview_date, f"missed-interview-{s.interview_date}"
                s.close_task(Task.MISSED_INTERVIEW)
                wake = min(day for day in (sla.add_days(missed, 1),
                                           sla.add_days(deny_after, 1) if deny_after else "")
                           if day)
                if not await self._until(lambda: s.interviewed, wake_on=wake):
                    if deny_after and self._today() > deny_after:
                        break
                    continue
                if self._close_request is not None:
                    return
            s.close_task(Task.MISSED_INTERVIEW)
            s.resume_clocks(self._today())
            return
        self._close_request = self._close_request or ClosureInput(
            ClosureReason.MISSED_INTERVIEW, SYSTEM)

    def _expedited_interview_date(self, offered: str) -> str:
        """An expedited household is interviewed in time for benefits by day 7 (7 CFR
        273.2(i)(3)): two business days before it at the latest, and not before today."""
        s = self._state
        latest = add_business_days(s.rule_due("SNAP_EXPEDITED_SERVICE", s.filing_date), -2,
                                   s.state)
        return max(self._today(), min(offered, latest))

    def _interview_deadline(self) -> str:
        """The day after which an application without its interview is denied: SNAP's
        day 30 (7 CFR 273.2(g)(3)); for TANF alone, its State processing clock where the
        State sets one (none otherwise: the case waits, its clocks escalating)."""
        s = self._state
        if Program.SNAP in s.programs:
            return s.rule_due("SNAP_APPLICATION_PROCESSING", s.filing_date)
        tanf = next((d for d in s.deadlines if d.code == "TANF_APPLICATION"), None)
        return tanf.due_date if tanf and self._clocks_watched else ""

    async def _verification(self) -> None:
        """Ask for what the household must prove and wait for it (7 CFR 273.2(f), (h)).
        Intake decides the items from the household's facts; only the required ones are
        asked for, with their sources and what follows if they do not come, and the case
        waits only for those a decision needs. At the due date an item whose absence only
        leaves out what it proves is recorded not provided (the deduction is disallowed,
        7 CFR 273.2(f)(3)); one whose absence denies sends the case overdue."""
        s = self._state
        if not s.verifications:
            if workflow.patched(HOUSEHOLD_VERIFICATION_PATCH):
                today = self._today()
                plan: list[VerificationItem] = await self._act(
                    IntakeActivities.plan_verifications,
                    PlanInput(s.case_id, list(s.programs), today))
                due = s.start_clock("VERIFICATION_DUE", today)
                asked = [replace(i, due_date=due) for i in plan
                         if i.status is VerificationStatus.REQUIRED]
                if asked:
                    await self._act(IntakeActivities.request_verifications, VerificationRequest(
                        s.case_id, [i.kind for i in asked], due))
                s.verifications = asked
                s.verifications_not_required = [i for i in plan
                                                if i.status is not VerificationStatus.REQUIRED]
                if asked:
                    await self._notice(NoticeKind.VERIFICATION_REQUEST, "verification-request",
                                       notices.verification_request(
                                           asked, due, caseworker_id=s.caseworker_id))
            else:
                kinds = [VerificationKind.IDENTITY, VerificationKind.INCOME,
                         VerificationKind.RESIDENCY, VerificationKind.EXPENSES]
                if s.household_size > 1:
                    kinds.insert(3, VerificationKind.HOUSEHOLD_COMPOSITION)
                due = s.start_clock("VERIFICATION_DUE", self._today())
                await self._act(IntakeActivities.request_verifications,
                                VerificationRequest(s.case_id, kinds, due))
                # The items exist for the caseworker only once intake has stored them as
                # requested (CaseRecordsService records only requested items).
                s.verifications = [VerificationItem(kind, due) for kind in kinds]
                await self._notice(NoticeKind.VERIFICATION_REQUEST, "verification-request",
                                   notices.verification_request(kinds, due))
        while s.verifications:
            due = s.verification_due()

            def settled(due: str = due) -> bool:
                """All in, or an item asked for again moved the day the case waits to."""
                return s.verified() or s.verification_due() != due

            if await self._until(settled, wake_on=sla.add_days(due, 1)):
                if s.verified() or self._close_request is not None:
                    break
                continue
            for item in s.not_counted_missing():  # 7 CFR 273.2(f)(3): left out, not denied
                missed = replace(item, last_action=VerificationAction.NOT_PROVIDED,
                                 records=item.records + 1)
                await self._act(IntakeActivities.record_verification, VerificationRecord(
                    s.case_id, missed, f"{s.case_id}:not-provided-{item.kind}-{due}"))
                s.verifications[s.verifications.index(item)] = missed
            if not s.verified():
                await self._verification_overdue()
            break
        if self._close_request is not None:
            return
        s.meet_clock("VERIFICATION_DUE", self._today())
        s.resume_clocks(self._today())
        await self._enter(Phase.DETERMINATION)

    async def _verification_overdue(self) -> None:
        """Missing items: a caseworker task, then denial for failure to provide, with the
        60-day window in which the items still reopen the case (7 CFR 273.2(h)(2))."""
        s = self._state
        s.open_task(Task.VERIFICATION_OVERDUE)
        if self._clocks_watched:  # the delay is now the household's
            s.pause_clocks(self._today())
        if Program.SNAP not in s.programs and workflow.patched(PROGRAM_LINES_PATCH):
            await self._denied_for_missing_proof()
            return
        # 7 CFR 273.2(g)(1): the household has all of day 30; denial comes the day after.
        day_30 = s.rule_due("SNAP_APPLICATION_PROCESSING", s.filing_date)
        deny_on = max(sla.add_days(s.verification_due(), 1),
                      sla.add_days(day_30, 1) if self._exact_calendar else day_30)
        if await self._until(s.verified, wake_on=deny_on):
            s.close_task(Task.VERIFICATION_OVERDUE)
            return
        if self._close_request is not None:
            return
        if workflow.patched(PROGRAM_LINES_PATCH):
            # Only SNAP reopens on late proof; the other programs are denied now.
            for program in [p for p in s.programs if p is not Program.SNAP]:
                s.end_line(program, LineStatus.DENIED, ClosureReason.FAILURE_TO_PROVIDE,
                           self._today())
        reopen_until = s.start_clock("SNAP_REOPEN_WINDOW", s.filing_date)
        missing = s.missing_proof()
        window = s.hearing_window(self._today(), "denied-failure-to-provide")
        await self._notice(NoticeKind.DECISION, "denied-failure-to-provide",
                           notices.denied_failure_to_provide(missing, reopen_until, window))
        s.close_task(Task.VERIFICATION_OVERDUE)
        s.open_task(Task.DENIED_FAILURE_TO_PROVIDE)
        await self._until(s.verified, wake_on=sla.add_days(reopen_until, 1))
        if self._close_request is not None:
            return
        if s.verified():
            s.close_task(Task.DENIED_FAILURE_TO_PROVIDE)
            if self._exact_calendar:
                s.meet_clock("SNAP_REOPEN_WINDOW", self._today())
                s.benefits_from = s.completed_on()
            await self._event("reopened", "reopened")
        else:
            self._close_request = ClosureInput(ClosureReason.FAILURE_TO_PROVIDE, SYSTEM)

    async def _denied_for_missing_proof(self) -> None:
        """A case without SNAP is denied once the household's time to provide has run
        out, with no reopen window: that is SNAP's rule alone (7 CFR 273.2(h)(2))."""
        s = self._state
        missing = s.missing_proof()
        window = s.hearing_window(self._today(), "denied-failure-to-provide")
        await self._notice(NoticeKind.DECISION, "denied-failure-to-provide",
                           notices.denied_failure_to_provide(missing, "", window))
        s.close_task(Task.VERIFICATION_OVERDUE)
        self._close_request = ClosureInput(ClosureReason.FAILURE_TO_PROVIDE, SYSTEM)
