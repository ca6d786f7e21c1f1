"""A case's SLA standing and search attributes, from its state alone."""

from __future__ import annotations

from workflows import search
from workflows.inputs import Phase, Program
from workflows.state import (
    Approval,
    ApprovalDecision,
    ApprovalKind,
    CaseInput,
    CaseState,
    ClockStatus,
    SlaStatus,
)


def a_case() -> CaseState:
    state = CaseState.opened(CaseInput("c" * 32, [Program.SNAP], "IL", "2026-01-05"))
    state.caseworker_id, state.office_id = "cw-0001", "office-001"
    return state


def test_an_agency_clock_past_its_warning_date_puts_the_case_in_warning() -> None:
    state = a_case()
    state.start_clock("SNAP_APPLICATION_PROCESSING", "2026-01-05")
    assert state.sla_status() is SlaStatus.ON_TIME
    state.review_clocks(state.clock("SNAP_APPLICATION_PROCESSING").warning_date)
    assert state.sla_status() is SlaStatus.WARNING


def test_a_breached_agency_clock_makes_the_case_late_until_it_is_met() -> None:
    state = a_case()
    due = state.start_clock("SNAP_APPLICATION_PROCESSING", "2026-01-05")
    state.review_clocks("2026-03-01")
    assert state.sla_status() is SlaStatus.BREACHED
    assert state.next_deadline() is not None and state.next_deadline().due_date == due
    state.meet_clock("SNAP_APPLICATION_PROCESSING", "2026-03-02")
    assert state.sla_status() is SlaStatus.ON_TIME and state.next_deadline() is None


def test_a_household_window_that_runs_out_never_makes_the_case_late() -> None:
    state = a_case()
    state.hearing_window("2026-01-05", "decision-1")
    state.review_clocks("2026-06-01")
    assert state.clock("FAIR_HEARING_REQUEST", "decision-1").status is ClockStatus.LAPSED
    assert state.sla_status() is SlaStatus.ON_TIME and state.next_deadline() is None


def test_the_next_deadline_is_the_soonest_running_agency_clock_not_a_paused_one() -> None:
    state = a_case()
    state.start_clock("SNAP_APPLICATION_PROCESSING", "2026-01-05")
    soonest = state.start_clock("SNAP_EXPEDITED_SERVICE", "2026-01-05")
    state.hearing_window("2026-01-05", "decision-1")  # the household's: not a deadline
    assert state.next_deadline().code == "SNAP_EXPEDITED_SERVICE"  # type: ignore[union-attr]
    assert state.next_deadline().due_date == soonest  # type: ignore[union-attr]
    state.clock("SNAP_EXPEDITED_SERVICE").paused_on = "2026-01-06"
    assert state.next_deadline().code == "SNAP_APPLICATION_PROCESSING"  # type: ignore[union-attr]


def test_the_attributes_hold_codes_and_staff_ids_and_only_changes_are_upserted() -> None:
    state = a_case()
    due = state.start_clock("SNAP_APPLICATION_PROCESSING", "2026-01-05")
    state.approvals.append(Approval("a-1", ApprovalKind.DEADLINE_EXTENSION, "cw-0001",
                                    "2026-01-20", "SNAP_APPLICATION_PROCESSING to 2026-02-20"))
    state.approvals.append(Approval("a-0", ApprovalKind.PLAN, "cw-0001", "2026-01-10",
                                    "plan", decision=ApprovalDecision.APPROVED))
    before = search.values_of(state)
    assert before == {
        "CasePhase": "intake", "CasePrograms": ["snap"], "CaseworkerId": "cw-0001",
        "OfficeId": "office-001", "SlaStatus": "on_time", "NextDeadline": due,
        "NextDeadlineCode": "SNAP_APPLICATION_PROCESSING",
        "PendingApproval": ["deadline_extension"]}
    state.phase = Phase.VERIFICATION
    state.meet_clock("SNAP_APPLICATION_PROCESSING", "2026-01-21")
    after = search.values_of(state)
    changed = {update.key.name: update.value for update in search.updates(before, after)}
    assert changed == {"CasePhase": "verification", "NextDeadline": None,
                       "NextDeadlineCode": None}
    assert not search.updates(after, after)


def test_every_attribute_is_registered_with_the_dev_server_by_its_type() -> None:
    flags = search.registration()
    assert flags[::2] == ["--search-attribute"] * len(search.KEYS)
    assert "CasePrograms=KeywordList" in flags and "SlaStatus=Keyword" in flags
    assert {flag.split("=")[0] for flag in flags[1::2]} == {key.name for key in search.KEYS}
