"""Fair hearings, for CaseWorkflow: a request recorded with what it appeals and who
asked; benefits kept as they were when it came before the action took effect (7 CFR
273.15(k); 42 CFR 431.230); the decision carried out within its program's time limit
(7 CFR 273.15(s); 42 CFR 431.244(f), 431.246).

A case does not end with its closure: the household may still ask for a hearing on its
last notices for 90 days (7 CFR 273.15(g); 42 CFR 431.221(d)), so a closed case waits out
the last of those windows, and any hearing asked for in them, before its run completes.
A decision reversing a denial or a closure reinstates the program: the case is
determined again and the months it lost are paid as that decides (7 CFR 273.17;
42 CFR 431.246).

Deterministic, like the workflow it serves; the texts are `workflows.notices`'.
"""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows import notices, sla, steps
    from workflows.acts import CaseActs
    from workflows.clocks import state_clock_codes
    from workflows.inputs import (
        AppealedAction,
        HearingDecisionInput,
        HearingOutcome,
        HearingRequestInput,
        NoticeKind,
        Program,
    )
    from workflows.state import Hearing, Pending, Task

APPEAL_AFTER_CLOSURE_PATCH = "appeal-after-closure"
"""A closed case waits out its hearing windows and may be reinstated by a decision, as a
program closed or denied may be while the case goes on; before, the run ended with the
closure and a reversed denial or closure was only a caseworker's task."""

HEARING_CLOCKS = {Program.SNAP: ("SNAP_HEARING_DECISION", "SNAP_HEARING_DECISION_ACTION"),
                  Program.MEDICAID: ("MEDICAID_HEARING_DECISION",
                                     "MEDICAID_HEARING_DECISION_ACTION"),
                  Program.TANF: ("TANF_HEARING_DECISION", "TANF_HEARING_DECISION_ACTION")}
"""The clocks a hearing's decision and its carrying out run on, by the program appealed.
SNAP's action clock counts from the decision (7 CFR 273.15(s)), Medicaid's and TANF's
from the request (42 CFR 431.244(f); Illinois: 89 Ill. Adm. Code 104.70(d)). TANF's are
the State's: they run only where the State's rules set them."""

TANF_HEARING_CLOCKS_PATCH = "tanf-hearing-clocks"
"""A TANF hearing runs its State's decision and action clocks; before, none ran."""

REINSTATED_BY_REVERSAL = (AppealedAction.DENIAL, AppealedAction.CLOSURE)
"""The actions whose reversal gives a program back (the others correct an amount)."""


class Hearings(CaseActs):
    """The fair-hearing steps of one case; CaseWorkflow is one."""

    _appeals_after_closure: bool
    """False only for runs recorded before a closed case stayed open to appeal."""
    _tanf_hearing_clocks: bool
    """False only for runs recorded before TANF hearings ran their State's clocks."""

    def _hearing_clocks(self, program: Program, requested: str) -> tuple[str, str] | None:
        """The decision and action clocks of a hearing on `program` asked for on
        `requested`: None where no rule sets a decision time (TANF in a State without its
        own), and the action clock "" where the State sets none (Oregon's order takes
        effect when signed)."""
        clocks = HEARING_CLOCKS.get(program)
        if program is not Program.TANF or clocks is None:
            return clocks
        in_force = state_clock_codes(self._state.state, requested)
        if not (self._tanf_hearing_clocks and clocks[0] in in_force):
            return None
        return clocks[0], clocks[1] if clocks[1] in in_force else ""

    async def _hearing_requested(self, input: HearingRequestInput, hearing_id: str) -> None:
        s = self._state
        effective = s.action_against(input.program)
        continued = bool(effective) and steps.in_notice_period(input.requested_date, effective)
        clock = self._hearing_clocks(input.program, input.requested_date)
        decide_by = (s.start_clock(clock[0], input.requested_date, ref=hearing_id)
                     if clock else "")
        await self._event("hearing_requested", hearing_id, program=str(input.program),
                          action_appealed=str(input.action_appealed),
                          requested_by=str(input.requested_by),
                          requested_date=input.requested_date, continued_benefits=continued,
                          recorded_by=input.recorded_by)
        await self._notice(NoticeKind.HEARING, hearing_id, notices.hearing_requested(
            input.program, input.action_appealed, input.requested_date,
            s.clock(clock[0], hearing_id) if clock else None, continued))
        s.hearings.append(Hearing(hearing_id, input.program, input.requested_date,
                                  input.action_appealed, input.requested_by, continued,
                                  decide_by))

    async def _hearing_decided(self, input: HearingDecisionInput) -> None:
        """An action upheld (or a request withdrawn) takes effect now, one pending and
        reversed is dropped, a denial or closure reversed reinstates the program; any
        other past action reversed becomes a caseworker task with its own deadline."""
        s = self._state
        hearing = s.hearing(input.hearing_id)
        assert hearing is not None  # the validator refused an unknown hearing
        today = self._today()
        hearing.outcome, hearing.decision_date = input.outcome, input.decision_date
        clock = self._hearing_clocks(hearing.program, hearing.requested_date)
        if clock:
            s.meet_clock(clock[0], input.decision_date, ref=hearing.hearing_id)
            counted_from = (input.decision_date if hearing.program is Program.SNAP
                            else hearing.requested_date)
            hearing.act_by = (s.start_clock(clock[1], counted_from, ref=hearing.hearing_id)
                              if clock[1] else "")
        pending = s.action_against(hearing.program)
        reversed_ = input.outcome is HearingOutcome.REVERSED
        reinstated = (reversed_ and not pending and self._appeals_after_closure
                      and hearing.action_appealed in REINSTATED_BY_REVERSAL
                      and s.ended(hearing.program))
        if reversed_ and pending:
            s.scheduled, s.scheduled_on, s.closing, s.closing_on = None, "", None, ""
        elif reinstated:
            s.reinstate(hearing.program)  # carried out by the determination that follows
            s.open_task(Task.HEARING_DECISION)
        elif reversed_:
            s.open_task(Task.HEARING_DECISION)
        elif pending and hearing.continued_benefits:  # upheld: it takes effect now
            s.scheduled_on = today if s.scheduled else ""
            s.closing_on = today if s.closing else ""
        if clock and (not reversed_ or pending):
            s.meet_clock(clock[1], today, ref=hearing.hearing_id)
        key = f"{hearing.hearing_id}-decision"
        await self._event("hearing_decided", key, outcome=str(input.outcome),
                          decision_date=input.decision_date,
                          hearing_officer_id=input.hearing_officer_id, reinstated=reinstated,
                          overissuance_claim=bool(pending) and hearing.continued_benefits
                          and not reversed_)
        await self._notice(NoticeKind.HEARING, key, notices.hearing_decided(
            hearing.program, input.outcome, input.decision_date, hearing.act_by,
            hearing.continued_benefits and bool(pending), reinstated=reinstated,
            in_effect=not pending))

    async def _open_to_appeal(self) -> bool:
        """The case is closed: wait until the last window to ask for a hearing on its
        notices has passed and every hearing asked for is decided. True when a decision
        reinstated a program, and the case goes on; False when it may end."""
        s = self._state
        self._close_request = None  # carried out: the waits below are not cut short by it
        while s.pending is not Pending.REINSTATEMENT:
            undecided = [h.hearing_id for h in s.hearings if h.outcome is None]
            last = s.last_hearing_day()
            if not undecided and (not last or self._today() > last):
                return False

            def changed(undecided: list[str] = undecided) -> bool:
                return (s.pending is Pending.REINSTATEMENT
                        or [h.hearing_id for h in s.hearings if h.outcome is None] != undecided)

            # An undecided hearing is waited for with its decision clock running (a breach
            # escalates); otherwise the case wakes the day after its last window.
            await self._until(changed, wake_on=None if undecided else sla.add_days(last, 1))
        return True
