"""Change reports as deltas (7 CFR 273.12), without a server: each kind of change applied
to the stored household, and the report's checks naming every bad field."""

from __future__ import annotations

from datetime import date

import pytest
from casework.v1 import common_pb2, intake_pb2

from common.errors import InvalidField
from common.vocabulary import Relationship
from services.intake import domain, requests
from tests.unit.intake.builders import FAMILY_NAME
from workflows import Update
from workflows.inputs import (
    ChangeKind,
    ChangeReport,
    ExpenseChange,
    Expenses,
    Income,
    IncomeKind,
    Move,
    NewMember,
    ReportedChange,
    UtilityAllowance,
)

CASE_ID = "0" * 32
CASEWORKER = "cw-7"
TODAY = date(2026, 3, 10)


def a_household() -> domain.Household:
    return domain.Household(
        members=[domain.Member("m1", Relationship.HEAD), domain.Member("m2", Relationship.CHILD)],
        incomes=[Income("m1", IncomeKind.WAGES, 90_000), Income("m1", IncomeKind.PENSION, 20_000),
                 Income("m2", IncomeKind.WAGES, 10_000)],
        expenses=Expenses(rent_cents=80_000, utilities=UtilityAllowance.LIMITED,
                          dependent_care_cents=15_000),
        liquid_assets_cents=30_000)


def applied(*changes: ReportedChange) -> domain.Household:
    return domain.apply_change(a_household(), domain.HouseholdChange("k", [], None,
                                                                     changes=list(changes)))


def on(kind: ChangeKind, **given: object) -> ReportedChange:
    return ReportedChange(kind, "2026-03-01", **given)  # type: ignore[arg-type]


def test_a_rent_only_change_keeps_every_income_and_the_other_expenses() -> None:
    after = applied(on(ChangeKind.EXPENSES, expenses=ExpenseChange(rent_cents=95_000)))
    assert after.incomes == a_household().incomes
    assert after.expenses == Expenses(rent_cents=95_000, utilities=UtilityAllowance.LIMITED,
                                      dependent_care_cents=15_000)
    assert after.members == a_household().members


def test_an_expense_change_may_set_an_amount_to_zero_and_change_the_utilities() -> None:
    after = applied(on(ChangeKind.EXPENSES, expenses=ExpenseChange(
        dependent_care_cents=0, utilities=UtilityAllowance.HEATING_COOLING)))
    assert after.expenses == Expenses(rent_cents=80_000,
                                      utilities=UtilityAllowance.HEATING_COOLING)


def test_an_income_change_touches_only_that_member_and_kind() -> None:
    raised = applied(on(ChangeKind.INCOME, income=Income("m1", IncomeKind.WAGES, 120_000)))
    assert raised.incomes == [Income("m1", IncomeKind.WAGES, 120_000),
                              Income("m1", IncomeKind.PENSION, 20_000),
                              Income("m2", IncomeKind.WAGES, 10_000)]
    ended = applied(on(ChangeKind.INCOME, income=Income("m2", IncomeKind.WAGES, 0)))
    assert ended.incomes == a_household().incomes[:2]
    new_kind = applied(on(ChangeKind.INCOME, income=Income("m2", IncomeKind.SSI, 94_300)))
    assert new_kind.incomes == [*a_household().incomes, Income("m2", IncomeKind.SSI, 94_300)]
    assert raised.expenses == ended.expenses == a_household().expenses


def test_an_income_change_sets_the_whole_of_that_kind_for_the_member() -> None:
    household = a_household()
    household.incomes.append(Income("m1", IncomeKind.WAGES, 5_000))  # a second job
    after = domain.apply_change(household, domain.HouseholdChange("k", [], None, changes=[
        on(ChangeKind.INCOME, income=Income("m1", IncomeKind.WAGES, 100_000))]))
    assert [i for i in after.incomes if i.kind == IncomeKind.WAGES] == [
        Income("m1", IncomeKind.WAGES, 100_000), Income("m2", IncomeKind.WAGES, 10_000)]


def test_members_join_and_leave_and_a_leaver_takes_their_incomes() -> None:
    baby = NewMember("m3", Relationship.CHILD)
    after = applied(on(ChangeKind.ADD_MEMBER, add_member=baby),
                    on(ChangeKind.INCOME, income=Income("m3", IncomeKind.SSI, 50_000)),
                    on(ChangeKind.REMOVE_MEMBER, remove_member_id="m2"))
    assert [(m.id, m.relationship) for m in after.members] == [
        ("m1", Relationship.HEAD), ("m3", Relationship.CHILD)]
    assert after.incomes == [Income("m1", IncomeKind.WAGES, 90_000),
                             Income("m1", IncomeKind.PENSION, 20_000),
                             Income("m3", IncomeKind.SSI, 50_000)]
    assert "Quackenbush" not in str(after.to_json())


def test_a_move_changes_no_household_fact_but_gives_the_new_county() -> None:
    change = domain.HouseholdChange("k", [], None, changes=[
        on(ChangeKind.MOVE, move=Move("Lake", "60085")),
        on(ChangeKind.MOVE, move=Move("DuPage", "60187"))])
    assert domain.apply_change(a_household(), change) == a_household()
    assert change.moved_to() == Move("DuPage", "60187")
    assert domain.HouseholdChange("k", [], None).moved_to() is None


def test_an_assets_change_sets_the_countable_resources() -> None:
    assert applied(on(ChangeKind.ASSETS, liquid_assets_cents=0)).liquid_assets_cents == 0


def test_a_report_of_the_old_kind_still_replaces_the_incomes() -> None:
    change = domain.HouseholdChange("k", [Income("m2", IncomeKind.SSI, 94_300)], None)
    assert domain.apply_change(a_household(), change).incomes == [
        Income("m2", IncomeKind.SSI, 94_300)]


# --- the report's checks ------------------------------------------------------------------


def a_report(*changes: intake_pb2.HouseholdChange,
             reported: str = "2026-03-09") -> intake_pb2.ReportChangeRequest:
    return intake_pb2.ReportChangeRequest(case_id=CASE_ID, reported_date=reported,
                                          changes=list(changes), caseworker_id=CASEWORKER)


def a_newborn(**person: object) -> intake_pb2.HouseholdChange:
    fields: dict[str, object] = {"id": "m3", "given_name": "Wren", "family_name": FAMILY_NAME,
                                 "birth_date": "2026-02-27",
                                 "relationship": common_pb2.RELATIONSHIP_CHILD, **person}
    return intake_pb2.HouseholdChange(change_date="2026-02-27",
                                      add_member=intake_pb2.Person(**fields))  # type: ignore[arg-type]


def parse(request: intake_pb2.ReportChangeRequest) -> ChangeReport:
    step = requests.parse_change_report(request, today=TODAY, member_ids={"m1", "m2"})
    assert (step.case_id, step.update) == (CASE_ID, Update.REPORT_CHANGE)
    assert isinstance(step.input, ChangeReport)
    return step.input


def refused(request: intake_pb2.ReportChangeRequest,
            member_ids: frozenset[str] = frozenset({"m1", "m2"})) -> list[tuple[str, str]]:
    with pytest.raises(InvalidField) as error:
        requests.parse_change_report(request, today=TODAY, member_ids=member_ids)
    return error.value.violations


def test_each_change_becomes_its_delta_in_order() -> None:
    report = parse(a_report(
        intake_pb2.HouseholdChange(change_date="2026-03-01", expenses=intake_pb2.ExpenseChange(
            rent_cents=95_000, utilities=common_pb2.UTILITY_ALLOWANCE_NONE)),
        intake_pb2.HouseholdChange(change_date="2026-03-02", income=common_pb2.Income(
            member_id="m1", kind=common_pb2.INCOME_KIND_WAGES, monthly_cents=0)),
        intake_pb2.HouseholdChange(change_date="2026-03-03",
                                   remove_member=intake_pb2.MemberRemoval(member_id="m2")),
        intake_pb2.HouseholdChange(change_date="2026-03-04",
                                   assets=common_pb2.Assets(liquid_cents=12_000))))
    assert report == ChangeReport("2026-03-09", changes=[
        ReportedChange(ChangeKind.EXPENSES, "2026-03-01", expenses=ExpenseChange(
            rent_cents=95_000, utilities=UtilityAllowance.NONE)),
        ReportedChange(ChangeKind.INCOME, "2026-03-02",
                       income=Income("m1", IncomeKind.WAGES, 0)),
        ReportedChange(ChangeKind.REMOVE_MEMBER, "2026-03-03", remove_member_id="m2"),
        ReportedChange(ChangeKind.ASSETS, "2026-03-04", liquid_assets_cents=12_000)],
        caseworker_id=CASEWORKER)
    assert report.summary() == {
        "changes": 4, "kinds": ["expenses", "income", "remove_member", "assets"],
        "members_added": [], "members_removed": ["m2"], "earliest_change_date": "2026-03-01"}


def test_a_new_member_and_a_new_street_stay_in_intake() -> None:
    move = intake_pb2.HouseholdChange(change_date="2026-03-05", move=intake_pb2.Address(
        line1="77 Elm St", city="Naperville", county=" DuPage ", zip="60540-1234"))
    step = requests.parse_change_report(a_report(a_newborn(), move), today=TODAY,
                                        member_ids={"m1"})
    assert step.input.changes == [
        ReportedChange(ChangeKind.ADD_MEMBER, "2026-02-27",
                       add_member=NewMember("m3", Relationship.CHILD)),
        ReportedChange(ChangeKind.MOVE, "2026-03-05", move=Move("DuPage", "60540"))]
    assert FAMILY_NAME not in str(step.input) and "Elm" not in str(step.input)
    assert step.private == domain.PrivateFacts(
        [domain.Identity("m3", "Wren", FAMILY_NAME, date(2026, 2, 27))],
        domain.Address("77 Elm St", "", "Naperville", "DuPage", "60540"))
    assert requests.parse_change_report(a_report(move), today=TODAY,
                                        member_ids={"m1"}).private is not None
    plain = a_report(intake_pb2.HouseholdChange(
        change_date="2026-03-05", assets=common_pb2.Assets(liquid_cents=1)))
    assert requests.parse_change_report(plain, today=TODAY, member_ids={"m1"}).private is None


def test_every_bad_change_is_named_with_its_field() -> None:
    problems = refused(a_report(
        intake_pb2.HouseholdChange(change_date="2026-03-10",
                                   assets=common_pb2.Assets(liquid_cents=-1)),
        intake_pb2.HouseholdChange(change_date="2026-03-01", income=common_pb2.Income(
            member_id="m9", kind=common_pb2.INCOME_KIND_WAGES, monthly_cents=-5)),
        intake_pb2.HouseholdChange(change_date="1 March",
                                   remove_member=intake_pb2.MemberRemoval(member_id="m9")),
        intake_pb2.HouseholdChange(change_date="2026-03-01"),
        intake_pb2.HouseholdChange(change_date="2026-03-01", expenses=intake_pb2.ExpenseChange(
            rent_cents=-1, utilities=common_pb2.UTILITY_ALLOWANCE_UNSPECIFIED)),
        intake_pb2.HouseholdChange(change_date="2026-03-01",
                                   expenses=intake_pb2.ExpenseChange()),
        a_newborn(id="m1", given_name=" ", birth_date="2026-02-30",
                  relationship=common_pb2.RELATIONSHIP_HEAD),
        intake_pb2.HouseholdChange(change_date="2026-03-01",
                                   move=intake_pb2.Address(line1="1 Main St", zip="6008")),
        intake_pb2.HouseholdChange(change_date="2026-03-11", income=common_pb2.Income(
            kind=common_pb2.INCOME_KIND_WAGES, monthly_cents=1))))
    assert problems == [
        ("changes[0].change_date", "must not be after reported_date"),
        ("changes[0].assets.liquid_cents", "must not be negative"),
        ("changes[1].income.member_id", "no such member"),
        ("changes[1].income.monthly_cents", "must not be negative"),
        ("changes[2].change_date", "must be a date as YYYY-MM-DD"),
        ("changes[2].remove_member.member_id", "no such member"),
        ("changes[3]", "must set one of add_member, remove_member, move, income, expenses "
                       "or assets"),
        ("changes[4].expenses.rent_cents", "must not be negative"),
        ("changes[4].expenses.utilities", "is required"),
        ("changes[5].expenses", "must set at least one expense"),
        ("changes[6].add_member.id", "is already a member of the household"),
        ("changes[6].add_member.given_name", "is required"),
        ("changes[6].add_member.birth_date", "must be a date as YYYY-MM-DD"),
        ("changes[6].add_member.relationship",
         "must not be RELATIONSHIP_HEAD: the household has its head"),
        ("changes[7].move.county", "is required"),
        ("changes[7].move.zip", "must be a ZIP code (5 digits, or ZIP+4)"),
        ("changes[8].change_date", "must not be in the future"),
        ("changes[8].income.member_id", "is required"),
    ]
    assert not any(FAMILY_NAME in problem or "Main" in problem for _, problem in problems)


def test_the_report_date_is_a_past_date_and_the_report_says_something() -> None:
    assets = intake_pb2.HouseholdChange(change_date="2026-03-01",
                                        assets=common_pb2.Assets(liquid_cents=1))
    assert refused(a_report(assets, reported="2026-03-11")) == [
        ("reported_date", "must not be in the future")]
    assert refused(a_report(assets, reported="")) == [("reported_date", "is required")]
    assert refused(a_report()) == [("changes", "must list at least one change")]


def test_the_last_member_may_not_leave_nor_an_unknown_one() -> None:
    def leaves(member: str) -> intake_pb2.HouseholdChange:
        return intake_pb2.HouseholdChange(
            change_date="2026-03-01", remove_member=intake_pb2.MemberRemoval(member_id=member))

    assert refused(a_report(leaves("m1"), leaves("m2"))) == [
        ("changes[1].remove_member", "would leave the household without members")]
    assert refused(a_report(leaves("m1"), leaves("m1"))) == [
        ("changes[1].remove_member.member_id", "no such member")]
    # Who joined earlier in the report may have income, and leave, later in it.
    report = parse(a_report(a_newborn(), intake_pb2.HouseholdChange(
        change_date="2026-03-01", income=common_pb2.Income(
            member_id="m3", kind=common_pb2.INCOME_KIND_SSI, monthly_cents=50_000)),
        leaves("m1"), leaves("m2")))
    assert report.members_added() == ["m3"] and report.members_removed() == ["m1", "m2"]


def test_the_deprecated_fields_work_alone_but_not_beside_changes() -> None:
    old = a_report()
    old.expenses.CopyFrom(common_pb2.Expenses(rent_cents=1,
                                              utilities=common_pb2.UTILITY_ALLOWANCE_NONE))
    assert parse(old) == ChangeReport("2026-03-09", [], Expenses(rent_cents=1),
                                      caseworker_id=CASEWORKER)
    old.changes.append(intake_pb2.HouseholdChange(change_date="2026-03-01",
                                                  assets=common_pb2.Assets(liquid_cents=1)))
    assert refused(old) == [("changes", "must not come with the deprecated incomes or expenses")]


def test_the_case_workflows_changes_carry_no_pii_and_name_a_stored_person() -> None:
    request = intake_pb2.ApplyHouseholdChangeRequest(case_id=CASE_ID, idempotency_key="k",
                                                     changes=[a_newborn(given_name="")])
    with pytest.raises(InvalidField) as error:
        requests.parse_household_change(request, member_ids={"m1"}, identified={"m1"})
    assert error.value.violations == [
        ("changes[0].add_member.id", "is not a person intake has stored for the case")]
    change = requests.parse_household_change(request, member_ids={"m1"},
                                             identified={"m1", "m3"})
    assert change.changes == [ReportedChange(ChangeKind.ADD_MEMBER, "2026-02-27",
                                             add_member=NewMember("m3", Relationship.CHILD))]
