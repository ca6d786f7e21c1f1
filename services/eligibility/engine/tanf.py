"""TANF for Illinois and Oregon, the states our first users run.

Illinois (89 Ill. Adm. Code 112): SSI recipients are outside the assistance unit, and so
are their incomes (IDHS PM 04-01-02-a, PM 03-03-01). The payment level is 35% of the
monthly poverty guideline for the unit (revised each October 1); at application, income
less an initial employment deduction per employed parent and less the month's child care
costs (up to $200 a child under 2, $175 a child 2 to 12: 89 Ill. Adm. Code 112.143(b)) must
fall at least $1 below it; the grant is the payment level less unearned income and 25% of
earnings (a 75% earned income disregard), rounded down to a dollar. Child care is not
deducted from the grant: once a case is open, Illinois pays child care to the provider
directly (112.143(b)(1)), and the exceptions (a child 13 or over with a condition, pre-1988
AFDC cases, an incapacitated adult) are not in the household form.

Oregon (OAR 461-155-0030, 461-160-0100): countable income (earnings plus unearned income
less the child support disregard) must be under the countable income limit; adjusted
income (countable less 50% of earnings) must be under the adjusted income limit; the
benefit is the payment standard less adjusted income, not issued under $10; resources at
most $10,000.

Oregon's assistance unit is the whole household; in either state it must include a
dependent child under 18 or a pregnant member. Not covered: child-only and no-adult tables
(so an Illinois household whose every child receives SSI, an adult-only case under PM
04-01-06, is not decided), Oregon's Exit Limit Increase for current recipients, sanctions,
time limits.
"""

from __future__ import annotations

import dataclasses

from common import money
from services.eligibility.engine import poverty
from services.eligibility.engine.household import (
    Household,
    HouseholdMember,
    HouseholdRequest,
    IncomeKind,
    Program,
    Relationship,
)
from services.eligibility.engine.result import Line, ProgramResult, Rules, pct, show
from services.eligibility.engine.rulebook import by_size
from services.eligibility.engine.snap import fiscal_year_start

TANF_STATES = ("IL", "OR")
"""The states whose TANF rules are modelled, in the order a denial line names them."""
NOT_TANF_INCOME = frozenset({IncomeKind.SSI})
"""89 Ill. Adm. Code 112.110; OAR 461-145-0600: SSI recipients and their SSI are outside
the TANF unit."""


def has_dependent_child(household: Household, rules: Rules) -> bool:
    below = rules("tanf.dependent_child_below")
    return any(m.age < below or m.pregnant for m in household.members)


def determine_tanf(request: HouseholdRequest, rules: Rules) -> ProgramResult:
    household = request.household
    result = ProgramResult(Program.TANF)
    if household.state not in TANF_STATES:
        result.deny("STATE_NOT_COVERED")
        result.lines.append(Line(f"TANF rules are modelled for {', '.join(TANF_STATES)} only", 0,
                                 "45 CFR 260.30"))
        return result
    if not has_dependent_child(household, rules):
        result.deny("NO_DEPENDENT_CHILD")
        result.lines.append(Line("No dependent child under 18 or pregnant member", 0,
                                 rules.cite("tanf.dependent_child_below")))
        return result
    if household.state == "IL":
        return _illinois(household, rules, result)
    return _oregon(household, rules, result)


def illinois_unit(household: Household) -> Household:
    """The household less its SSI recipients and their incomes: a person cannot receive TANF
    and SSI at once, and SSI clients are excluded from the filing unit (IDHS PM 03-03-01,
    PM 04-01-02-a)."""
    ssi = {i.member_id for i in household.incomes if i.kind == IncomeKind.SSI}
    return dataclasses.replace(
        household, members=tuple(m for m in household.members if m.id not in ssi),
        incomes=tuple(i for i in household.incomes if i.member_id not in ssi))


def _child_care_maximum(member: HouseholdMember, rules: Rules) -> int:
    """89 Ill. Adm. Code 112.143(b)(2): $200 for a child under 2, $175 for an older one;
    nothing for a child the form cannot show to need care (13 or over, 112.143(b)(1)(A))."""
    if member.age >= rules("tanf.il.child_care_age_below"):
        return 0
    return rules("tanf.il.child_care_max_under_2" if member.age < 2
                 else "tanf.il.child_care_max_2_and_over")


def _illinois(household: Household, rules: Rules, result: ProgramResult) -> ProgramResult:
    add = result.lines.append
    ssi_recipients = household.size
    household = illinois_unit(household)
    ssi_recipients -= household.size
    if ssi_recipients:
        add(Line(f"SSI recipients outside the assistance unit: {ssi_recipients}, with their "
                 "income", 0, "IDHS PM 04-01-02-a; PM 03-03-01"))
    if not has_dependent_child(household, rules):
        result.deny("ADULT_ONLY_CASE_NOT_MODELLED")
        add(Line("Every child receives SSI: an adult-only case, whose payment level is not "
                 "modelled", 0, "IDHS PM 04-01-06"))
        return result
    fy = fiscal_year_start(rules.day)  # payment levels change each October 1
    rate = rules("tanf.il.payment_level_rate")
    monthly_fpg = poverty.monthly_guideline(rules, "IL", household.size, fy)
    level = money.floor_dollars(money.round_cents(monthly_fpg * rate))
    add(Line(f"Payment level: {pct(rate)} of the monthly poverty guideline for "
             f"{household.size}, in whole dollars", level,
             rules.cite("tanf.il.payment_level_rate")))
    earned = household.earned_cents
    # 89 IAC 112.110: child support received passes through
    unearned = sum(i.monthly_cents for i in household.incomes
                   if not i.earned and i.kind != IncomeKind.CHILD_SUPPORT_RECEIVED)
    result.gross_income_cents = earned + unearned
    add(Line("Countable unearned income", unearned, "89 Ill. Adm. Code 112.100"))
    add(Line("Gross earned income", earned, "89 Ill. Adm. Code 112.130"))

    ied_rate = rules("tanf.il.initial_employment_deduction_rate")
    per_person = max(0, money.round_cents(monthly_fpg * ied_rate) - level)
    workers = {i.member_id: 0 for i in household.incomes if i.earned}
    for i in household.incomes:
        if i.earned:
            workers[i.member_id] += i.monthly_cents
    parents = {m.id for m in household.members
               if m.relationship in (Relationship.HEAD, Relationship.SPOUSE)}
    ied = sum(min(cents, per_person) for member, cents in workers.items() if member in parents)
    add(Line(f"Initial employment deduction: {pct(ied_rate)} of the poverty guideline less "
             "the payment level, per employed parent", ied,
             rules.cite("tanf.il.initial_employment_deduction_rate")))
    # 112.143(b)(1)(D): at intake the month's child care costs come off the earnings left;
    # an employment expense, so never more than those earnings.
    child_care = min(household.expenses.dependent_care_cents, max(0, earned - ied),
                     sum(_child_care_maximum(m, rules) for m in household.members))
    if household.expenses.dependent_care_cents:
        add(Line("Child care deduction at application: costs up to "
                 f"{show(rules('tanf.il.child_care_max_under_2'))} a child under 2 and "
                 f"{show(rules('tanf.il.child_care_max_2_and_over'))} an older child under "
                 f"{rules('tanf.il.child_care_age_below')}, from earnings", child_care,
                 rules.cite("tanf.il.child_care_max_under_2")))
    countable_at_application = max(0, earned - ied - child_care) + unearned
    add(Line("Countable income for eligibility", countable_at_application,
             "89 Ill. Adm. Code 112.141(a)"))
    minimum = rules("tanf.il.minimum_payment")
    if level - countable_at_application < minimum:
        result.deny("INCOME_OVER_PAYMENT_LEVEL")
        add(Line(f"Income is not at least {show(minimum)} below the payment level", 0,
                 rules.cite("tanf.il.minimum_payment")))
        return result

    disregard = rules("tanf.il.earned_income_disregard")
    kept = money.round_cents(earned * disregard)
    add(Line(f"Earned income disregard: {pct(disregard)} of earnings", kept,
             rules.cite("tanf.il.earned_income_disregard")))
    countable = earned - kept + unearned
    result.net_income_cents = countable
    add(Line("Countable income for the grant", countable, "89 Ill. Adm. Code 112.141"))
    grant = money.floor_dollars(max(0, level - countable))
    if grant < minimum:
        result.deny("BENEFIT_BELOW_MINIMUM")
        add(Line(f"Grant under {show(minimum)} is not issued", 0,
                 rules.cite("tanf.il.minimum_payment")))
        return result
    result.eligible = True
    result.monthly_benefit_cents = grant
    add(Line("Monthly TANF grant: payment level less countable income, whole dollars", grant,
             "89 Ill. Adm. Code 112.251"))
    return result


def _oregon(household: Household, rules: Rules, result: ProgramResult) -> ProgramResult:
    add = result.lines.append
    size = household.size
    resource_limit = rules("tanf.or.resource_limit")
    add(Line("Resource limit", resource_limit, rules.cite("tanf.or.resource_limit")))
    if household.liquid_assets_cents > resource_limit:
        result.deny("ASSETS_OVER_LIMIT")
        return result
    earned = household.earned_cents
    support = household.income_of({IncomeKind.CHILD_SUPPORT_RECEIVED})
    children = sum(1 for m in household.members if m.age < rules("tanf.dependent_child_below"))
    support_disregard = min(support, rules("tanf.or.child_support_disregard_per_child") * children,
                            rules("tanf.or.child_support_disregard_max"))
    unearned = sum(i.monthly_cents for i in household.incomes
                   if not i.earned and i.kind not in NOT_TANF_INCOME) - support_disregard
    if support:
        add(Line("Child support disregard", support_disregard,
                 rules.cite("tanf.or.child_support_disregard_per_child")))
    countable = earned + unearned
    result.gross_income_cents = countable
    add(Line("Countable income: earnings plus unearned income", countable, "OAR 461-140-0010"))
    countable_limit = by_size(rules("tanf.or.countable_income_limit"), size)
    add(Line(f"Countable income limit for {size}", countable_limit,
             rules.cite("tanf.or.countable_income_limit")))
    if countable >= countable_limit:
        result.deny("COUNTABLE_INCOME_OVER_LIMIT")
        return result
    rate = rules("tanf.or.earned_income_disregard")
    disregard = money.round_cents(earned * rate)
    adjusted = max(0, countable - disregard)
    add(Line(f"Earned income deduction: {pct(rate)} of earnings", disregard,
             rules.cite("tanf.or.earned_income_disregard")))
    add(Line("Adjusted income", adjusted, "OAR 461-160-0100(2)"))
    result.net_income_cents = adjusted
    adjusted_limit = by_size(rules("tanf.or.adjusted_income_limit"), size)
    add(Line(f"Adjusted income limit for {size}", adjusted_limit,
             rules.cite("tanf.or.adjusted_income_limit")))
    if adjusted >= adjusted_limit:
        result.deny("ADJUSTED_INCOME_OVER_LIMIT")
        return result
    standard = by_size(rules("tanf.or.payment_standard"), size)
    add(Line(f"Payment standard for {size}", standard, rules.cite("tanf.or.payment_standard")))
    benefit = money.floor_dollars(max(0, standard - adjusted))  # OAR 461-160-0060: round down
    minimum = rules("tanf.or.minimum_benefit")
    if benefit < minimum:
        result.deny("BENEFIT_BELOW_MINIMUM")
        add(Line(f"Benefit under {show(minimum)} is not issued", 0,
                 rules.cite("tanf.or.minimum_benefit")))
        return result
    result.eligible = True
    result.monthly_benefit_cents = benefit
    add(Line("Monthly TANF benefit: payment standard less adjusted income, whole dollars",
             benefit, "OAR 461-160-0100(2)(c); OAR 461-160-0060"))
    return result
