"""Which items a case needs, from the household's facts and its programs (no services):
each kind required, not applicable or waived, with its rule; and what a record's amounts
do to the household."""

from __future__ import annotations

from dataclasses import replace

import pytest

from common.vocabulary import Relationship
from services.intake import verification
from services.intake.domain import Household, Member
from workflows.inputs import (
    ExpenseKind,
    Expenses,
    IfNotProvided,
    Income,
    IncomeKind,
    Program,
    UtilityAllowance,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
    VerifiedExpense,
)
from workflows.state import VerificationItem

K = VerificationKind
SNAP, TANF, MEDICAID = Program.SNAP, Program.TANF, Program.MEDICAID


def household(*members: Member, incomes: list[Income] | None = None,
              expenses: Expenses | None = None, migrant: bool = False) -> Household:
    return Household(
        list(members or [Member("m1", Relationship.HEAD)]),
        [Income("m1", IncomeKind.WAGES, 185_000)] if incomes is None else incomes,
        expenses or Expenses(rent_cents=110_000, utilities=UtilityAllowance.HEATING_COOLING),
        destitute_migrant_farmworker=migrant)


def planned(h: Household, *programs: Program, ages: dict[str, int] | None = None
            ) -> dict[VerificationKind, VerificationItem]:
    items = verification.plan(h, programs or (SNAP,),
                              ages or {m.id: 35 for m in h.members})
    assert [i.kind for i in items] == list(VerificationKind)  # one per kind, in order
    return {VerificationKind(i.kind): i for i in items}


def required(plan: dict[VerificationKind, VerificationItem]) -> list[VerificationKind]:
    return [k for k, i in plan.items() if i.status is VerificationStatus.REQUIRED]


def test_a_working_renter_is_asked_for_identity_income_residency_and_expenses() -> None:
    plan = planned(household())
    assert required(plan) == [K.IDENTITY, K.INCOME, K.RESIDENCY, K.EXPENSES, K.SSN]
    assert "7 CFR 273.2(f)(1)(vii)" in plan[K.IDENTITY].reason
    assert "7 CFR 273.2(f)(1)(i)" in plan[K.INCOME].reason
    assert plan[K.INCOME].member_ids == ["m1"]
    assert plan[K.INCOME].sources == [VerificationSource.DOCUMENTARY,
                                      VerificationSource.COLLATERAL_CONTACT,
                                      VerificationSource.ELECTRONIC_MATCH]
    assert all(i.reason for i in plan.values())  # every item says why, with its rule


def test_a_homeless_household_is_never_asked_for_residency() -> None:
    plan = planned(household(expenses=Expenses(homeless=True)))
    residency = plan[K.RESIDENCY]
    assert residency.status is VerificationStatus.WAIVED
    assert "homeless" in residency.reason and "7 CFR 273.2(f)(1)(vi)" in residency.reason
    assert "273.3(a)" in residency.reason
    assert K.RESIDENCY not in required(plan)
    # Nor for expenses it does not claim.
    assert plan[K.EXPENSES].status is VerificationStatus.NOT_APPLICABLE


def test_a_migrant_farmworker_household_is_excused_residency_too() -> None:
    plan = planned(household(migrant=True))
    assert plan[K.RESIDENCY].status is VerificationStatus.WAIVED
    assert "migrant" in plan[K.RESIDENCY].reason


def test_a_household_reporting_no_income_is_not_asked_to_prove_it_unless_questionable() -> None:
    plan = planned(household(incomes=[]), SNAP, MEDICAID)
    income = plan[K.INCOME]
    assert income.status is VerificationStatus.NOT_APPLICABLE
    assert "questionable" in income.reason and "7 CFR 273.2(f)(2)(i)" in income.reason
    assert "42 CFR 435.945(a)" in income.reason
    # An income of 0 cents is no income either.
    zero = planned(household(incomes=[Income("m1", IncomeKind.WAGES, 0)]))
    assert zero[K.INCOME].status is VerificationStatus.NOT_APPLICABLE


def test_a_claimed_disability_is_verified_and_its_absence_only_leaves_it_out() -> None:
    h = household(Member("m1", Relationship.HEAD), Member("m2", Relationship.CHILD,
                                                          disabled=True))
    disability = planned(h)[K.DISABILITY]
    assert disability.status is VerificationStatus.REQUIRED
    assert disability.member_ids == ["m2"]
    assert disability.if_not_provided is IfNotProvided.NOT_COUNTED
    assert "7 CFR 273.2(f)(1)(viii)" in disability.reason
    assert planned(household())[K.DISABILITY].status is VerificationStatus.NOT_APPLICABLE


def test_medical_expenses_are_verified_only_for_an_elderly_or_disabled_member() -> None:
    claimed = Expenses(rent_cents=50_000, medical_out_of_pocket_cents=12_000)
    head = Member("m1", Relationship.HEAD)
    young = planned(household(head, expenses=claimed), ages={"m1": 40})[K.MEDICAL_EXPENSES]
    assert young.status is VerificationStatus.NOT_APPLICABLE
    assert "7 CFR 273.9(d)(3)" in young.reason
    elderly = planned(household(head, expenses=claimed), ages={"m1": 60})[K.MEDICAL_EXPENSES]
    assert elderly.status is VerificationStatus.REQUIRED and elderly.member_ids == ["m1"]
    # SNAP disallows an unverified deductible expense; it is no ground for denial.
    assert elderly.if_not_provided is IfNotProvided.NOT_COUNTED
    assert "7 CFR 273.2(f)(1)(iv)" in elderly.reason and "273.2(f)(3)" in elderly.reason
    disabled = planned(household(replace(head, disabled=True), expenses=claimed),
                       ages={"m1": 40})[K.MEDICAL_EXPENSES]
    assert disabled.status is VerificationStatus.REQUIRED
    # Medicaid alone deducts nothing; none claimed, nothing to verify.
    assert planned(household(head, expenses=claimed), MEDICAID, ages={"m1": 70})[
        K.MEDICAL_EXPENSES].status is VerificationStatus.NOT_APPLICABLE
    assert planned(household(head), ages={"m1": 70})[
        K.MEDICAL_EXPENSES].status is VerificationStatus.NOT_APPLICABLE


def test_expenses_are_disallowed_not_denied_and_medicaid_asks_for_none() -> None:
    expenses = planned(household())[K.EXPENSES]
    assert expenses.if_not_provided is IfNotProvided.NOT_COUNTED
    assert "273.2(f)(3)" in expenses.reason
    assert planned(household(), MEDICAID)[K.EXPENSES].status is VerificationStatus.NOT_APPLICABLE


def test_citizenship_snap_asks_a_non_citizen_and_medicaid_checks_everyone_without_waiting() -> None:
    citizens = household(Member("m1", Relationship.HEAD), Member("m2", Relationship.SPOUSE))
    snap = planned(citizens)[K.CITIZENSHIP]
    assert snap.status is VerificationStatus.NOT_APPLICABLE
    assert "questionable" in snap.reason

    mixed = household(Member("m1", Relationship.HEAD),
                      Member("m2", Relationship.SPOUSE, non_citizen=True))
    alien = planned(mixed)[K.CITIZENSHIP]
    assert alien.status is VerificationStatus.REQUIRED and alien.member_ids == ["m2"]
    assert alien.if_not_provided is IfNotProvided.DENIAL
    assert "7 CFR 273.2(f)(1)(ii)" in alien.reason
    assert VerificationSource.ELECTRONIC_MATCH in alien.sources  # SAVE

    medicaid = planned(citizens, MEDICAID)[K.CITIZENSHIP]
    assert medicaid.status is VerificationStatus.REQUIRED
    assert medicaid.member_ids == ["m1", "m2"]
    assert medicaid.if_not_provided is IfNotProvided.NO_DELAY  # 435.956(b)
    assert "435.956(b)" in medicaid.reason
    # Both programs: the stricter wins, and it concerns everyone Medicaid checks.
    both = planned(mixed, SNAP, MEDICAID)[K.CITIZENSHIP]
    assert both.if_not_provided is IfNotProvided.DENIAL and both.member_ids == ["m1", "m2"]


def test_ssns_are_matched_by_the_agency_and_never_hold_up_a_decision() -> None:
    ssn = planned(household(Member("m1", Relationship.HEAD),
                            Member("m2", Relationship.CHILD)))[K.SSN]
    assert ssn.status is VerificationStatus.REQUIRED and ssn.member_ids == ["m1", "m2"]
    assert ssn.sources == [VerificationSource.ELECTRONIC_MATCH]
    assert ssn.if_not_provided is IfNotProvided.NO_DELAY
    assert "7 CFR 273.2(f)(1)(v)" in ssn.reason


@pytest.mark.parametrize(("programs", "cited"), [
    ((SNAP,), "7 CFR 273.2(f)(1)(vii)"), ((MEDICAID,), "42 CFR 435.407"),
    ((TANF,), "the State's TANF rules")])
def test_each_program_cites_its_own_rule(programs: tuple[Program, ...], cited: str) -> None:
    assert cited in planned(household(), *programs)[K.IDENTITY].reason


def test_household_composition_is_verified_only_if_questionable() -> None:
    alone = planned(household())[K.HOUSEHOLD_COMPOSITION]
    assert alone.status is VerificationStatus.NOT_APPLICABLE and "One person" in alone.reason
    family = planned(household(Member("m1", Relationship.HEAD),
                               Member("m2", Relationship.CHILD)))[K.HOUSEHOLD_COMPOSITION]
    assert family.status is VerificationStatus.NOT_APPLICABLE
    assert "7 CFR 273.2(f)(2)(i)" in family.reason


# --- what a record's amounts do to the household ----------------------------------------


def test_verified_amounts_replace_the_declared_and_say_what_they_replaced() -> None:
    h = household(incomes=[Income("m1", IncomeKind.WAGES, 100_000),
                           Income("m1", IncomeKind.SSI, 50_000)])
    after, before = verification.apply_amounts(
        h, [Income("m1", IncomeKind.WAGES, 123_400)],
        [VerifiedExpense(ExpenseKind.RENT, 95_000)])
    assert after.incomes == [Income("m1", IncomeKind.WAGES, 123_400),
                             Income("m1", IncomeKind.SSI, 50_000)]
    assert after.expenses.rent_cents == 95_000
    assert before == {"incomes": [{"member_id": "m1", "kind": "wages",
                                   "monthly_cents": 100_000}],
                      "expenses": {"rent": 110_000}}
    assert verification.restore(after, before) == h


def test_a_rejection_puts_back_what_the_household_declared() -> None:
    h = household()
    first, first_before = verification.apply_amounts(
        h, [Income("m1", IncomeKind.WAGES, 150_000)], [])
    corrected, corrected_before = verification.apply_amounts(
        first, [Income("m1", IncomeKind.WAGES, 160_000)], [])
    history = [{"action": VerificationAction.RECEIVED, "replaced": first_before},
               {"action": VerificationAction.CORRECTED, "replaced": corrected_before}]
    undo = verification.undone_by_rejection(history)
    assert verification.restore(corrected, undo).incomes == h.incomes


def test_an_item_not_provided_leaves_out_what_it_would_prove() -> None:
    h = household(Member("m1", Relationship.HEAD, disabled=True),
                  expenses=Expenses(rent_cents=80_000, medical_out_of_pocket_cents=9_000,
                                    utilities=UtilityAllowance.LIMITED))
    medical, before = verification.disallow(h, VerificationItem(K.MEDICAL_EXPENSES, ""))
    assert medical.expenses.medical_out_of_pocket_cents == 0
    assert medical.expenses.rent_cents == 80_000
    assert verification.restore(medical, before) == h
    shelter, before = verification.disallow(h, VerificationItem(K.EXPENSES, ""))
    assert (shelter.expenses.rent_cents, shelter.expenses.utilities) == (
        0, UtilityAllowance.NONE)
    assert shelter.expenses.medical_out_of_pocket_cents == 9_000
    assert verification.restore(shelter, before) == h
    able, before = verification.disallow(h, VerificationItem(K.DISABILITY, "",
                                                             member_ids=["m1"]))
    assert not able.members[0].disabled
    assert verification.restore(able, before) == h
