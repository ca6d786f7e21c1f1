"""The case's own check of a change report of deltas, and what its audit entry says."""

from __future__ import annotations

import pytest

from workflows import steps
from workflows.inputs import (
    ChangeKind,
    ChangeReport,
    ExpenseChange,
    Expenses,
    Income,
    IncomeKind,
    Move,
    NewMember,
    Phase,
    Program,
    Relationship,
    ReportedChange,
)
from workflows.state import CaseInput, CaseState

TODAY = "2026-01-20"


def a_case(household_size: int = 2) -> CaseState:
    state = CaseState.opened(CaseInput("c" * 32, [Program.SNAP], "IL", "2026-01-05",
                                       household_size=household_size))
    state.phase = Phase.MONITORING
    return state


def check(report: ChangeReport, state: CaseState | None = None) -> str:
    """The validator's refusal, or "" when it accepts the report."""
    try:
        steps.check_change(state or a_case(), report, today=TODAY, change_in_flight=False)
    except steps.StepRefused as refused:
        return str(refused)
    return ""


def test_a_report_of_changes_is_accepted_as_it_leaves_the_household() -> None:
    report = ChangeReport("2026-01-15", changes=[
        ReportedChange(ChangeKind.REMOVE_MEMBER, "2026-01-10", remove_member_id="m2"),
        ReportedChange(ChangeKind.ADD_MEMBER, "2026-01-12",
                       add_member=NewMember("m3", Relationship.CHILD)),
        ReportedChange(ChangeKind.MOVE, "2026-01-14", move=Move("Lake", "60085")),
        ReportedChange(ChangeKind.EXPENSES, "2026-01-15",
                       expenses=ExpenseChange(rent_cents=0, homeless=True))])
    assert check(report) == ""
    assert report.moved_to() == Move("Lake", "60085")
    assert (report.members_added(), report.members_removed()) == (["m3"], ["m2"])


@pytest.mark.parametrize(("change", "problem"), [
    (ReportedChange(ChangeKind.ASSETS, "2026-01-16", liquid_assets_cents=0),
     "changes[0].change_date is after reported_date"),
    (ReportedChange(ChangeKind.ASSETS, "15 Jan", liquid_assets_cents=0),
     "changes[0].change_date must be a date as YYYY-MM-DD"),
    (ReportedChange(ChangeKind.INCOME, "2026-01-15", liquid_assets_cents=0),
     "changes[0] must set income alone"),
    (ReportedChange(ChangeKind.INCOME, "2026-01-15",
                    income=Income("m1", IncomeKind.WAGES, -1)),
     "changes[0] has a negative amount"),
    (ReportedChange(ChangeKind.EXPENSES, "2026-01-15",
                    expenses=ExpenseChange(dependent_care_cents=-1)),
     "changes[0] has a negative amount"),
])
def test_each_change_is_dated_by_the_report_and_sets_its_one_kind(
    change: ReportedChange, problem: str,
) -> None:
    assert check(ChangeReport("2026-01-15", changes=[change])) == problem


def test_the_household_keeps_a_member_and_the_old_fields_stay_apart() -> None:
    leaving = [ReportedChange(ChangeKind.REMOVE_MEMBER, "2026-01-10", remove_member_id=m)
               for m in ("m1", "m2")]
    assert check(ChangeReport("2026-01-15", changes=leaving)) == \
        "changes[1].remove_member would leave the household without members"
    assert check(ChangeReport("2026-01-15", changes=leaving[:1]), a_case(1)) == \
        "changes[0].remove_member would leave the household without members"
    mixed = ChangeReport("2026-01-15", [], Expenses(), changes=leaving[:1])
    assert check(mixed) == "a report with changes carries no incomes or expenses of the old kind"
    assert check(ChangeReport("2026-01-15", [Income("m1", IncomeKind.WAGES, 1)])) == ""


def test_the_audit_entry_says_what_kinds_changed_and_names_no_one() -> None:
    report = ChangeReport("2026-01-15", changes=[
        ReportedChange(ChangeKind.INCOME, "2026-01-11", income=Income("m1", IncomeKind.SSI, 0)),
        ReportedChange(ChangeKind.ADD_MEMBER, "2026-01-09",
                       add_member=NewMember("m3", Relationship.CHILD))])
    assert report.summary() == {"changes": 2, "kinds": ["income", "add_member"],
                                "members_added": ["m3"], "members_removed": [],
                                "earliest_change_date": "2026-01-09"}
    assert ChangeReport("2026-01-15", [Income("m1", IncomeKind.WAGES, 1)]).summary() == {
        "incomes": 1, "expenses": False}
