"""SNAP (7 CFR 273): income tests, deductions, the allotment and initial-month proration.

Every step is a small function returning a `Line`; `determine_snap` strings them together
in the order of 7 CFR 273.10(e). Amounts are exact cents through the net income (the
exact-figures option of 7 CFR 273.10(e)(1)(ii); states that round each figure to the dollar
differ by at most a dollar); the 30% contribution is rounded up to a whole
dollar (273.10(e)(2)(ii)(A)) and a prorated allotment down (273.10(a)(1)(ii)).

Covered: federal rules for the 50 states and DC in FY2025 and FY2026, broad-based
categorical eligibility per the state tables, and the 2025 reconciliation act (P.L. 119-21)
where it touches this calculation: internet costs are not shelter costs (sec. 10104) and
LIHEAP receipt confers the heating/cooling SUA only on elderly or disabled households
(sec. 10103). Not covered: ABAWD time limits and work rules, non-citizen and student
eligibility, self-employment cost deductions, state standard medical deductions, and the
Alaska rural allotment tables (the urban table is used statewide).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from common import money
from services.eligibility.engine import poverty
from services.eligibility.engine.household import (
    Household,
    HouseholdRequest,
    IncomeKind,
    Program,
    UtilityAllowance,
)
from services.eligibility.engine.result import Line, ProgramResult, Rules, pct, people, show
from services.eligibility.engine.rulebook import NotInForce, by_size

SUA_TABLES = {
    UtilityAllowance.HEATING_COOLING: "snap.utility_allowances.heating_cooling",
    UtilityAllowance.LIMITED: "snap.utility_allowances.limited",
    UtilityAllowance.TELEPHONE_ONLY: "snap.utility_allowances.telephone",
}
# States that set an allowance by household size; no state does so for the telephone standard.
SUA_BY_SIZE_TABLES = {
    UtilityAllowance.HEATING_COOLING: "snap.utility_allowances.by_household_size.heating_cooling",
    UtilityAllowance.LIMITED: "snap.utility_allowances.by_household_size.limited",
}


def fiscal_year_start(day: date) -> date:
    """7 USC 2014(c); 7 CFR 273.9(a): SNAP income standards are revised each October 1 from
    the poverty guidelines then in force, and hold for the federal fiscal year."""
    return date(day.year if day.month >= 10 else day.year - 1, 10, 1)


def elderly_or_disabled(household: Household, rules: Rules) -> bool:
    """7 CFR 271.2: a member aged 60 or over, or disabled."""
    age = rules("snap.elderly_age")
    return any(m.age >= age or m.disabled for m in household.members)


def all_members_receive_ssi(household: Household) -> bool:
    """7 CFR 273.2(j)(2)(i): a household in which every member receives or is authorized to
    receive SSI is categorically eligible. An `ssi` income of 0 cents stands for an SSI
    payment authorized but not paid (suspended, recouped), which counts as receipt."""
    receiving = {i.member_id for i in household.incomes if i.kind == IncomeKind.SSI}
    return all(m.id in receiving for m in household.members)


def gross_income(household: Household) -> Line:
    return Line(f"Gross monthly income of {people(household.size)}", household.gross_cents,
                "7 CFR 273.9(b)")


def child_support_exclusion(household: Household, rules: Rules) -> Line | None:
    """7 CFR 273.9(c)(17): in a state taking the option, legally obligated child support paid
    is excluded from income (at most the household's income); None where it is deducted."""
    paid = household.expenses.child_support_paid_cents
    name = "snap.income.child_support_paid_excluded"
    if not paid or not rules(name).get(household.state):
        return None
    return Line(f"Legally obligated child support paid, excluded from income "
                f"({household.state} takes the option)", min(paid, household.gross_cents),
                rules.cite(name))


def earned_income_deduction(household: Household, rules: Rules, excluded_cents: int = 0
                            ) -> Line:
    """20% of earnings. Child support excluded from income comes off earnings first, as in
    Illinois's worked examples (PM 13-01-07: income after the exclusion times 0.80)."""
    rate = rules("snap.deductions.earned_income")
    earned = max(0, household.earned_cents - excluded_cents)
    cents = money.round_cents(earned * rate)
    return Line(f"Earned income deduction: {pct(rate)} of {show(earned)}",
                cents, rules.cite("snap.deductions.earned_income"))


def standard_deduction(household: Household, rules: Rules) -> Line:
    name = f"snap.deductions.standard.{poverty.region(household.state)}"
    cents = by_size(rules(name), household.size)
    return Line(f"Standard deduction for {people(household.size)}", cents, rules.cite(name))


def dependent_care_deduction(household: Household) -> Line:
    return Line("Dependent care deduction", household.expenses.dependent_care_cents,
                "7 CFR 273.9(d)(4)")


def child_support_deduction(household: Household) -> Line:
    return Line("Legally obligated child support paid", household.expenses.child_support_paid_cents,
                "7 CFR 273.9(d)(5)")


def excess_medical_deduction(household: Household, rules: Rules, elderly_disabled: bool) -> Line:
    """Only elderly or disabled members' costs count, and only above the threshold."""
    threshold = rules("snap.deductions.medical_threshold")
    spent = household.expenses.medical_out_of_pocket_cents
    cents = max(0, spent - threshold) if elderly_disabled else 0
    return Line(f"Excess medical deduction: {show(spent)} less {show(threshold)}", cents,
                rules.cite("snap.deductions.medical_threshold"))


def utility_allowance(household: Household, rules: Rules, elderly_disabled: bool) -> Line:
    """The state's standard utility allowance the household's costs qualify for."""
    kind = household.expenses.utilities
    if kind == UtilityAllowance.NONE:
        return Line("No standard utility allowance claimed", 0, "7 CFR 273.9(d)(6)(iii)")
    if (kind == UtilityAllowance.HEATING_COOLING
            and household.expenses.heating_cooling_by_liheap_only and not elderly_disabled
            and rules("snap.deductions.shelter.liheap_sua_elderly_disabled_only")):
        # P.L. 119-21 sec. 10103: LIHEAP receipt alone no longer confers the HCSUA here.
        return Line("Heating/cooling allowance not available through LIHEAP receipt alone "
                    "for a household without an elderly or disabled member", 0,
                    rules.cite("snap.deductions.shelter.liheap_sua_elderly_disabled_only"))
    label = kind.replace("_", " ").replace("only", "").strip()
    sized = SUA_BY_SIZE_TABLES.get(kind)
    if sized is not None and rules.has(sized) and _state_in(rules, sized, household.state):
        amount = by_size(rules(sized)[household.state], household.size)
        return Line(f"{household.state} {label} standard utility allowance for a household "
                    f"of {household.size}", amount, rules.cite(sized))
    name = SUA_TABLES[kind]
    amount = rules(name).get(household.state)
    if amount is None:
        return Line(f"{household.state} has no {label} utility allowance", 0, rules.cite(name))
    return Line(f"{household.state} {label} standard utility allowance", amount,
                rules.cite(name))


def _state_in(rules: Rules, name: str, state: str) -> bool:
    """Whether `state` has a row in the table in force, looked at without recording the
    parameter as used: a determination lists only the tables its lines rest on."""
    try:
        return state in rules.param(name).at(rules.day)
    except NotInForce:
        return False


def shelter_costs(household: Household, sua: Line, rules: Rules) -> Line:
    e = household.expenses
    cents = e.rent_cents + e.property_tax_cents + e.homeowners_insurance_cents + sua.cents
    note = ""
    if rules("snap.deductions.shelter.internet_excluded"):
        note = " (internet service is not a shelter cost)"  # 7 USC 2014(e)(6)(C)(v)
    return Line(f"Shelter costs: rent or mortgage, taxes, insurance and utilities{note}", cents,
                "7 CFR 273.9(d)(6)(ii)")


def excess_shelter_deduction(household: Household, shelter: Line, adjusted_cents: int,
                             rules: Rules, elderly_disabled: bool) -> list[Line]:
    """Shelter costs above half of income after the other deductions, capped unless a
    member is elderly or disabled (7 CFR 273.9(d)(6)(ii)(B))."""
    share = rules("snap.deductions.shelter.income_share")
    half = money.round_cents(adjusted_cents * share)
    lines = [Line(f"{pct(share)} of adjusted income", half,
                  rules.cite("snap.deductions.shelter.income_share"))]
    excess = max(0, shelter.cents - half)
    cap_name = f"snap.deductions.shelter.cap.{poverty.region(household.state)}"
    cap = rules(cap_name)
    if elderly_disabled:
        lines.append(Line("Excess shelter deduction, uncapped for an elderly or disabled "
                          "household", excess, "7 CFR 273.9(d)(6)(ii)(B)"))
    elif excess > cap:
        lines.append(Line(f"Excess shelter deduction, capped at {show(cap)}", cap,
                          rules.cite(cap_name)))
    else:
        lines.append(Line("Excess shelter deduction", excess, "7 CFR 273.9(d)(6)(ii)"))
    return lines


def homeless_shelter_deduction(household: Household, rules: Rules) -> Line:
    """7 CFR 273.9(d)(6)(i): for a homeless household with some shelter cost (said so, or
    rent or utilities claimed), which a few states presume
    (`snap.deductions.shelter.homeless_costs_presumed`)."""
    name = "snap.deductions.shelter.homeless"
    if household.expenses.homeless_shelter_costs or claims_actual_shelter_costs(household):
        return Line("Homeless shelter deduction", rules(name), rules.cite(name))
    presumed = "snap.deductions.shelter.homeless_costs_presumed"
    if rules(presumed).get(household.state):
        return Line(f"Homeless shelter deduction ({household.state} presumes a homeless "
                    "household has shelter costs)", rules(name), rules.cite(presumed))
    return Line("No homeless shelter deduction: the homeless household has no shelter costs",
                0, rules.cite(name))


def claims_actual_shelter_costs(household: Household) -> bool:
    """Rent, taxes, insurance or a utility allowance claimed beside homelessness."""
    e = household.expenses
    return bool(e.rent_cents or e.property_tax_cents or e.homeowners_insurance_cents
                or e.utilities != UtilityAllowance.NONE)


def income_limit(household: Household, rules: Rules, name: str, ratio: Decimal,
                 label: str, day: date) -> Line:
    cents = poverty.monthly_limit_rounded_up(rules, household.state, household.size, ratio,
                                             fiscal_year_start(day))
    return Line(f"{label}: {pct(ratio)} of the poverty guideline for {household.size}",
                cents, rules.cite(name))


def maximum_allotment(household: Household, rules: Rules) -> Line:
    name = f"snap.max_allotment.{poverty.region(household.state)}"
    return Line(f"Maximum allotment for {people(household.size)}",
                by_size(rules(name), household.size), rules.cite(name))


def expected_contribution(net_cents: int, rules: Rules) -> Line:
    """30% of net income, rounded up to the next whole dollar (273.10(e)(2)(ii)(A))."""
    rate = rules("snap.benefit_reduction_rate")
    cents = money.ceil_dollars(money.round_cents(net_cents * rate, money.ROUND_CEILING))
    return Line(f"{pct(rate)} of net income, rounded up to a whole dollar", cents,
                rules.cite("snap.benefit_reduction_rate"))


def minimum_benefit(household: Household, rules: Rules) -> Line:
    """8% of the one-person maximum allotment, rounded to the nearest whole dollar."""
    rate = rules("snap.minimum_benefit_rate")
    one = by_size(rules(f"snap.max_allotment.{poverty.region(household.state)}"), 1)
    cents = money.round_cents(Decimal(one) * rate / 100) * 100
    return Line(f"Minimum benefit: {pct(rate)} of the one-person maximum allotment", cents,
                rules.cite("snap.minimum_benefit_rate"))


def state_minimum_supplement(household: Household, federal_cents: int, rules: Rules
                             ) -> Line | None:
    """A state-funded supplement raising a federal allotment of at least $1 to the state's
    minimum (NJ $95, MD $50 with a member 60+, DC $30), paid beside it, so a line of its own.
    Full months only: N.J.A.C. 10:87-13.2(c) excludes prorated allotments, and the engine
    reads MD's and DC's laws, which are silent on it, the same way."""
    name = "snap.state_minimum_benefit.amount"
    floor = rules(name).get(household.state)
    if floor is None or not 0 < federal_cents < floor:
        return None
    age = rules("snap.state_minimum_benefit.age").get(household.state)
    if age is not None and not any(m.age >= age for m in household.members):
        return None
    older = f", for a household with a member {age} or older" if age is not None else ""
    return Line(f"{household.state} state minimum benefit: supplement to {show(floor)}{older}",
                floor - federal_cents, rules.cite(name))


def prorated_allotment(full_cents: int, application: date, days_in_month: int,
                       rules: Rules) -> list[Line]:
    """7 CFR 273.10(a)(1)(ii): benefits from the application day to the month's end,
    rounded down to a whole dollar; under the minimum issuance nothing is issued."""
    days = days_in_month - application.day + 1
    cents = money.floor_dollars(full_cents * days // days_in_month)
    lines = [Line(f"Initial month prorated: {days} of {days_in_month} days from the "
                  f"application date, rounded down", cents, "7 CFR 273.10(a)(1)(ii)")]
    floor = rules("snap.initial_month_minimum_issuance")
    if cents < floor:
        lines.append(Line(f"No issuance for an initial month under {show(floor)}", 0,
                          rules.cite("snap.initial_month_minimum_issuance")))
    return lines


def determine_snap(request: HouseholdRequest, rules: Rules) -> ProgramResult:
    """Decide SNAP for one household and benefit month; the result carries every line."""
    household, day = request.household, rules.day
    result = ProgramResult(Program.SNAP)
    add = result.lines.append
    elderly_disabled = elderly_or_disabled(household, rules)
    add(Line("Household has an elderly (60+) or disabled member" if elderly_disabled
             else "No elderly or disabled member", 0, "7 CFR 271.2"))

    gross = gross_income(household)
    add(gross)
    excluded = child_support_exclusion(household, rules)
    if excluded is not None:
        add(excluded)
        gross = Line("Gross income less the excluded child support", gross.cents - excluded.cents,
                     "7 CFR 273.9(c)(17)")
        add(gross)
    result.gross_income_cents = gross.cents
    deductions = [earned_income_deduction(household, rules, excluded.cents if excluded else 0),
                  standard_deduction(household, rules)]
    if household.expenses.dependent_care_cents:
        deductions.append(dependent_care_deduction(household))
    if household.expenses.child_support_paid_cents and excluded is None:
        deductions.append(child_support_deduction(household))
    if elderly_disabled and household.expenses.medical_out_of_pocket_cents:
        deductions.append(excess_medical_deduction(household, rules, elderly_disabled))
    for line in deductions:
        add(line)
    adjusted = max(0, gross.cents - sum(line.cents for line in deductions))
    add(Line("Adjusted income: gross income less the deductions above", adjusted,
             "7 CFR 273.10(e)(1)(i)"))

    homeless = household.expenses.homeless
    if homeless:
        shelter_deduction = homeless_shelter_deduction(household, rules)
        add(shelter_deduction)
    if not homeless or claims_actual_shelter_costs(household):
        sua = utility_allowance(household, rules, elderly_disabled)
        add(sua)
        shelter = shelter_costs(household, sua, rules)
        add(shelter)
        shelter_lines = excess_shelter_deduction(household, shelter, adjusted, rules,
                                                 elderly_disabled)
        for line in shelter_lines:
            add(line)
        if not homeless or shelter_lines[-1].cents > shelter_deduction.cents:
            shelter_deduction = shelter_lines[-1]
        if homeless:
            # 273.9(d)(6)(i): a homeless household may claim actual costs when they are higher.
            add(Line("Shelter deduction used: the larger of the homeless shelter deduction "
                     "and the excess shelter deduction", shelter_deduction.cents,
                     "7 CFR 273.9(d)(6)(i)"))
    net = max(0, adjusted - shelter_deduction.cents)
    add(Line("Net income: adjusted income less the shelter deduction", net,
             "7 CFR 273.10(e)(1)(i)"))
    result.net_income_cents = net

    eligible = _income_and_resource_tests(request, rules, result, elderly_disabled, gross.cents,
                                          net, day)
    if not eligible:
        add(Line("Not eligible for SNAP", 0, "7 CFR 273.10"))
        return result

    maximum = maximum_allotment(household, rules)
    add(maximum)
    contribution = expected_contribution(net, rules)
    add(contribution)
    allotment = max(0, maximum.cents - contribution.cents)
    add(Line("Maximum allotment less the expected contribution", allotment,
             "7 CFR 273.10(e)(2)(ii)(A)"))

    initial = request.application_date is not None and (
        request.application_date.year, request.application_date.month) == (
        request.period.year, request.period.month)
    small = household.size <= rules("snap.minimum_benefit_household_size")
    if allotment == 0 and not small:
        # 7 CFR 273.10(e)(2)(iii): households of 3+ with no benefit are ineligible.
        result.deny("NO_BENEFIT_AT_THIS_INCOME")
        add(Line("No benefit for a household of three or more at this income", 0,
                 "7 CFR 273.10(e)(2)(iii)"))
        return result

    result.eligible = True
    if initial:
        assert request.application_date is not None
        # 7 CFR 273.10(e)(2)(ii)(C): the minimum benefit does not apply in the initial month.
        for line in prorated_allotment(allotment, request.application_date,
                                       request.period.days, rules):
            add(line)
        result.monthly_benefit_cents = result.lines[-1].cents
    else:
        if small:
            floor = minimum_benefit(household, rules)
            if allotment < floor.cents:
                add(floor)
                allotment = floor.cents
        result.monthly_benefit_cents = allotment
    add(Line("Monthly SNAP benefit", result.monthly_benefit_cents, "7 CFR 273.10(e)(2)"))
    supplement = None if initial else state_minimum_supplement(
        household, result.monthly_benefit_cents, rules)
    if supplement is not None:
        # Paid by the state beside the federal allotment, which monthly_benefit_cents stays.
        add(supplement)
        add(Line("Monthly food benefit: the federal allotment and the state supplement",
                 result.monthly_benefit_cents + supplement.cents, supplement.citation))
    return result


def _income_and_resource_tests(request: HouseholdRequest, rules: Rules, result: ProgramResult,
                               elderly_disabled: bool, gross: int, net: int, day: date) -> bool:
    """Broad-based categorical eligibility where the state has it, else the federal tests.

    An elderly or disabled household that misses the state's BBCE limit still qualifies
    under the federal net income test and the higher resource limit (7 CFR 273.9(a),
    273.8(b)); others must pass the 130% gross and 100% net tests and $3,000 resources.
    """
    household = request.household
    add = result.lines.append
    if all_members_receive_ssi(household):
        add(Line("Categorically eligible: every member receives or is authorized to receive "
                 "SSI, so the income and resource tests do not apply", 0,
                 "7 CFR 273.2(j)(2)(i); 273.8(a); 273.9(a)"))
        return True
    net_ratio = rules("snap.income.net_limit")
    net_limit = income_limit(household, rules, "snap.income.net_limit", net_ratio,
                             "Net income limit", day)
    net_ok = net <= net_limit.cents

    bbce_ratio = rules("snap.bbce.gross_income_limit").get(household.state)
    if bbce_ratio is not None:
        bbce_limit = income_limit(household, rules, "snap.bbce.gross_income_limit", bbce_ratio,
                                  f"{household.state} categorical eligibility gross limit", day)
        add(bbce_limit)
        asset_cap = rules("snap.bbce.asset_limit").get(household.state)
        gross_ok = gross <= bbce_limit.cents
        assets_ok = asset_cap is None or household.liquid_assets_cents <= asset_cap
        if asset_cap is not None:
            add(Line(f"{household.state} categorical eligibility asset limit", asset_cap,
                     rules.cite("snap.bbce.asset_limit")))
        if gross_ok and assets_ok:
            needs_net = bool(rules("snap.bbce.net_income_test").get(household.state))
            if needs_net:
                add(net_limit)
                if not net_ok:
                    result.deny("NET_INCOME_OVER_LIMIT")
                    return False
            add(Line("Categorically eligible through the state's broad-based program: "
                     "federal income and resource tests do not apply", 0,
                     "7 CFR 273.2(j)(2)"))
            return True
        add(Line("Not categorically eligible (over the state's gross income or asset "
                 "limit): the federal tests apply", 0, "7 CFR 273.2(j)(2)"))

    passed = True
    if not elderly_disabled:
        gross_ratio = rules("snap.income.gross_limit")
        gross_limit = income_limit(household, rules, "snap.income.gross_limit", gross_ratio,
                                   "Gross income limit", day)
        add(gross_limit)
        if gross > gross_limit.cents:
            result.deny("GROSS_INCOME_OVER_LIMIT")
            passed = False
    else:
        add(Line("Gross income test does not apply to an elderly or disabled household", 0,
                 "7 CFR 273.9(a)"))
    add(net_limit)
    if not net_ok:
        result.deny("NET_INCOME_OVER_LIMIT")
        passed = False
    asset_name = "snap.assets.elderly_disabled_limit" if elderly_disabled else "snap.assets.limit"
    asset_limit = rules(asset_name)
    add(Line("Resource limit", asset_limit, rules.cite(asset_name)))
    if household.liquid_assets_cents > asset_limit:
        result.deny("ASSETS_OVER_LIMIT")
        passed = False
    return passed
