"""CaseState's ledger helpers, without Temporal: tasks, clocks, verification, decisions."""

from __future__ import annotations

import json
from dataclasses import asdict

from temporalio.converter import DataConverter

from workflows.hearings import HEARING_CLOCKS
from workflows.inputs import (
    ClosureReason,
    CoverageGroup,
    Determination,
    IfNotProvided,
    MemberCoverage,
    Phase,
    Program,
    ProgramResult,
    VerificationAction,
    VerificationKind,
    VerificationStatus,
)
from workflows.state import (
    APPEAL_CLOCKS,
    RECENT_RECORDS,
    CaseInput,
    CaseState,
    ClockStatus,
    Deadline,
    LineStatus,
    Pending,
    PhaseChange,
    Task,
    VerificationItem,
)


def a_case(**changes: object) -> CaseState:
    state = CaseState.opened(CaseInput("c" * 32, [Program.SNAP, Program.TANF], "IL",
                                       "2026-01-05", county="Cook", household_size=3))
    for name, value in changes.items():
        setattr(state, name, value)
    return state


def a_determination(**benefits: int | None) -> Determination:
    return Determination("det-2", "2026-03", [
        ProgramResult(Program(program), cents is not None, cents or 0)
        for program, cents in benefits.items()])


def test_a_new_case_starts_in_intake_with_what_intake_filed() -> None:
    state = a_case()
    assert (state.phase, state.county, state.household_size) == (Phase.INTAKE, "Cook", 3)
    assert state.programs == [Program.SNAP, Program.TANF] and not state.pending


def test_a_task_is_opened_once_and_closing_a_closed_one_is_harmless() -> None:
    state = a_case()
    state.open_task(Task.INTERVIEW)
    state.open_task(Task.INTERVIEW)
    assert state.open_tasks == [Task.INTERVIEW]
    state.close_task(Task.INTERVIEW)
    state.close_task(Task.INTERVIEW)
    assert state.open_tasks == []


def test_restarting_a_clock_replaces_it_and_meeting_it_marks_it_met() -> None:
    state = a_case()
    assert state.start_clock("CHANGE_REPORT_ACTION", "2026-02-01") == "2026-02-11"
    assert state.start_clock("CHANGE_REPORT_ACTION", "2026-03-01") == "2026-03-11"
    [clock] = state.deadlines
    assert (clock.due_date, clock.citation, clock.met) == ("2026-03-11", "7 CFR 273.12(c)", False)
    state.meet_clock("CHANGE_REPORT_ACTION")
    assert clock.met


def items(*received: bool) -> list[VerificationItem]:
    kinds = [VerificationKind.IDENTITY, VerificationKind.INCOME, VerificationKind.RESIDENCY]
    return [VerificationItem(kind, "2026-01-15", got) for kind, got in zip(kinds, received,
                                                                          strict=False)]


def test_expedited_snap_needs_only_identity_to_be_verified() -> None:
    # 7 CFR 273.2(i)(4)(i): identity first; the rest may be postponed.
    assert not a_case(verifications=items(True, False, False)).verified()
    assert a_case(expedited=True, verifications=items(True, False, False)).verified()
    assert not a_case(expedited=True, verifications=items(False, True, True)).verified()


def test_postponed_items_hold_later_months_until_they_all_arrive() -> None:
    state = a_case(expedited=True, verifications=items(True, False, True),
                   held_periods=["2026-02"])
    assert not state.postponed()  # nothing decided yet: nothing was issued early
    state.decide(a_determination(snap=29_100))
    assert state.postponed() and not state.release_due()
    state.verifications[1].received = True
    assert not state.postponed() and state.release_due()


def test_a_lower_or_lost_benefit_is_a_reduction_and_a_raise_is_not() -> None:
    state = a_case()
    state.decide(a_determination(snap=29_100, tanf=None))
    assert state.eligible(Program.SNAP) and not state.eligible(Program.TANF)
    assert state.is_reduction(a_determination(snap=20_000, tanf=None))
    assert state.is_reduction(a_determination(snap=None, tanf=None))
    assert state.is_reduction(a_determination(tanf=50_000))  # SNAP missing: ends
    assert not state.is_reduction(a_determination(snap=35_000, tanf=None))
    assert not state.is_reduction(a_determination(snap=29_100, tanf=40_000))


def test_deciding_keeps_one_decision_per_program_with_its_determination() -> None:
    state = a_case()
    state.decide(a_determination(snap=29_100, tanf=None))
    assert [(d.program, d.eligible, d.monthly_benefit_cents, d.determination_id, d.period)
            for d in state.decisions] == [
        (Program.SNAP, True, 29_100, "det-2", "2026-03"),
        (Program.TANF, False, 0, "det-2", "2026-03")]
    assert state.any_eligible()


def test_the_last_month_paid_counts_held_months_and_starts_at_filing() -> None:
    assert a_case().last_paid() == "2026-01"
    assert a_case(paid_periods=["2026-01", "2026-02"], held_periods=["2026-03"]).last_paid() \
        == "2026-03"


def test_a_state_recorded_before_the_enums_still_decodes() -> None:
    # Histories recorded before Pending and Task existed hold "" and plain strings.
    converter = DataConverter.default
    old = asdict(a_case())
    old.update(pending="", open_tasks=["INTERVIEW"])
    payload = converter.payload_converter.to_payloads([json.loads(json.dumps(old))])
    [decoded] = converter.payload_converter.from_payloads(payload, [CaseState])
    assert decoded.pending is Pending.NONE and decoded.open_tasks == [Task.INTERVIEW]
    old.update(pending="recertification")
    payload = converter.payload_converter.to_payloads([old])
    [decoded] = converter.payload_converter.from_payloads(payload, [CaseState])
    assert decoded.pending is Pending.RECERTIFICATION


def test_a_member_coverage_recorded_before_groups_decodes_without_one() -> None:
    converter = DataConverter.default.payload_converter
    old = {"member_id": "m1", "eligible": True, "category": "adult"}
    new = old | {"group": "expansion_adult"}
    decoded = converter.from_payloads(converter.to_payloads([old, new]),
                                      [MemberCoverage, MemberCoverage])
    assert [m.group for m in decoded] == [None, CoverageGroup.EXPANSION_ADULT]


def test_expansion_adults_are_covered_only_when_one_is_eligible_in_that_group() -> None:
    def medicaid(*members: MemberCoverage) -> ProgramResult:
        return ProgramResult(Program.MEDICAID, True, 0, members=list(members))

    parent = MemberCoverage("a", True, "adult", CoverageGroup.PARENT_CARETAKER)
    adult = MemberCoverage("b", True, "adult", CoverageGroup.EXPANSION_ADULT)
    denied = MemberCoverage("c", False, "adult", CoverageGroup.EXPANSION_ADULT)
    unknown = MemberCoverage("d", True, "adult")
    assert medicaid(parent, adult).expansion_adults_covered()
    assert not medicaid(parent, denied, unknown).expansion_adults_covered()


def test_the_state_carried_across_years_stays_bounded() -> None:
    state = CaseState("c" * 32, Phase.MONITORING, [Program.SNAP], "IL", "2016-01-04")
    months = [f"{year}-{month:02d}" for year in range(2016, 2027) for month in range(1, 13)]
    state.paid_periods = list(months)
    state.payment_authorization_ids = [f"auth-{m}" for m in months]
    state.history = [PhaseChange(Phase.MONITORING, f"{m}-01T06:00:00+00:00") for m in months]
    state.deadlines = [Deadline("FAIR_HEARING_REQUEST", f"{m}-28", "7 CFR 273.15(g)",
                                status=ClockStatus.LAPSED, ref=m) for m in months]
    state.deadlines.append(Deadline("CHANGE_REPORT_ACTION", "2026-12-11", "7 CFR 273.12(c)"))
    state.trim("2026-12-01")
    assert state.paid_periods == months[-24:] and state.paid_periods[0] == "2025-01"
    assert len(state.payment_authorization_ids) == RECENT_RECORDS
    assert len(state.history) == RECENT_RECORDS
    assert all(d.due_date >= "2024-12-01" for d in state.deadlines)
    assert any(d.code == "CHANGE_REPORT_ACTION" for d in state.deadlines)  # still running
    assert state.last_paid() == "2026-12"


def test_an_item_recorded_before_plans_reads_as_required_and_its_absence_a_denial() -> None:
    """The fields added with plans all default, so a history's state decodes as it was."""
    recorded = {"kind": "income", "due_date": "2026-01-15", "received": False, "source": "",
                "received_date": "", "verifier_id": ""}
    [item] = DataConverter.default.payload_converter.from_payloads(
        DataConverter.default.payload_converter.to_payloads([recorded]), [VerificationItem])
    assert (item.status, item.if_not_provided, item.sources, item.records) == (
        VerificationStatus.REQUIRED, IfNotProvided.DENIAL, [], 0)
    assert item.awaited() and item.last_action is None


def test_only_what_a_decision_needs_is_waited_for() -> None:
    ssn = VerificationItem(VerificationKind.SSN, "2026-01-15",
                           if_not_provided=IfNotProvided.NO_DELAY)
    medical = VerificationItem(VerificationKind.MEDICAL_EXPENSES, "2026-01-15",
                               if_not_provided=IfNotProvided.NOT_COUNTED)
    state = a_case(verifications=[*items(True, True), ssn, medical])
    assert not state.verified()  # the medical proof is still owed, until its due date
    assert state.missing_proof() == [] and state.not_counted_missing() == [medical]
    medical.last_action = VerificationAction.NOT_PROVIDED  # its due date passed
    assert state.verified() and state.not_counted_missing() == []
    state.decide(a_determination(snap=29_100))
    state.expedited = True
    assert not state.postponed()  # the SSN match never holds a month back


def test_a_re_requested_item_moves_the_day_the_case_waits_to() -> None:
    state = a_case(verifications=items(True, False, False))
    assert state.verification_due() == "2026-01-15"
    state.verifications[2].due_date = "2026-01-25"  # rejected, asked again
    assert state.verification_due() == "2026-01-25"
    state.verifications[2].received = True  # in: the others' date again
    assert state.verification_due() == "2026-01-15"
    assert state.missing_proof() == [VerificationKind.INCOME]


def test_a_closed_case_ends_its_lines_and_a_reversal_reinstates_only_the_one_appealed() -> None:
    state = a_case(phase=Phase.CLOSED, closure_reason=ClosureReason.MOVED,
                   closed_date="2026-04-02")
    state.lines[0].status = LineStatus.APPROVED  # SNAP approved, TANF never decided
    state.decide(a_determination(snap=29100, tanf=61500))
    state.lines[1].status = LineStatus.PENDING
    state.close_lines(ClosureReason.MOVED, "2026-04-02")
    assert [(line.status, line.closure_reason) for line in state.lines] == [
        (LineStatus.CLOSED, ClosureReason.MOVED), (LineStatus.DENIED, ClosureReason.MOVED)]
    assert state.ended(Program.SNAP) and state.any_eligible()  # the decision it took away

    state.reinstate(Program.SNAP)
    assert state.lines[0].status is LineStatus.PENDING and state.ended(Program.TANF)
    assert state.programs == [Program.SNAP] and [d.program for d in state.decisions] == [
        Program.SNAP]
    assert (state.closure_reason, state.closed_date, state.pending) == (
        None, "", Pending.REINSTATEMENT)


def test_the_last_hearing_day_is_the_latest_window_of_any_decision() -> None:
    state = a_case()
    assert state.last_hearing_day() == ""
    state.hearing_window("2026-02-02", "det-1")
    state.hearing_window("2026-03-02", "det-2")
    assert state.last_hearing_day() == "2026-05-31"


def test_a_closure_settles_every_clock_but_the_appeals() -> None:
    state = a_case()
    state.start_clock("SNAP_APPLICATION_PROCESSING", "2026-01-05")   # due 2026-02-04
    state.start_clock("CHANGE_REPORT_ACTION", "2026-01-05")          # due 2026-01-15
    state.start_clock("VERIFICATION_DUE", "2026-01-06")
    state.pause_clocks("2026-01-10")  # the household's delay stops the application clock
    state.hearing_window("2026-01-20", "det-1")
    state.start_clock("SNAP_HEARING_DECISION", "2026-01-21", ref="h1")
    state.settle_clocks("2026-01-25")
    status = {d.code: (d.status, d.met_on) for d in state.deadlines}
    assert status["SNAP_APPLICATION_PROCESSING"] == (ClockStatus.MET, "2026-01-25")
    assert status["CHANGE_REPORT_ACTION"] == (ClockStatus.MET_LATE, "2026-01-25")
    assert status["VERIFICATION_DUE"] == (ClockStatus.LAPSED, "")
    assert status["FAIR_HEARING_REQUEST"] == (ClockStatus.OPEN, "")
    assert status["SNAP_HEARING_DECISION"] == (ClockStatus.OPEN, "")
    assert set(code for pair in HEARING_CLOCKS.values() for code in pair) <= APPEAL_CLOCKS
