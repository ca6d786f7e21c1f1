"""Medicaid by modified adjusted gross income (42 CFR 435.603), decided per member.

Each member is placed in the MAGI groups their age and circumstances allow (infant, young
child, child, pregnant, parent or caretaker relative, expansion adult), and compared with
the state's standard for each group plus the five-point MAGI disregard (42 CFR
435.603(d)(4)). In states without the expansion, adults are covered only as parents or
caretaker relatives, and Wisconsin covers other adults to 100% FPL under a section 1115
demonstration (BadgerCare). A parent or caretaker relative 65 or over is still tested as
one: 42 CFR 435.110 sets no upper age, and 435.603(j)(2) takes members 65 and over out of
MAGI only where age is a condition of eligibility. A member who is not MAGI-eligible but
receives SSI, is 65 or over, or is blind or disabled is referred for a non-MAGI
determination with the reason (42 CFR 435.911(c)(2)), not merely reported as not covered;
the aged, blind and disabled groups themselves are not decided here. Each member's coverage
names its group
(`common.vocabulary.CoverageGroup`), since groups sharing a category are renewed
differently (P.L. 119-21 sec. 71107).

A child eligible under the state's upper limit (Medicaid and separate CHIP together) but
above its Medicaid standard, in a state whose separate CHIP is listed in
`medicaid.separate_chip`, is reported with coverage CHIP (42 CFR 457.310); elsewhere, and
for every other group, the coverage is Medicaid.

Simplifications, stated: the household is everyone listed (no tax-filer/non-filer
household construction); a pregnant member's own household counts one expected child
(435.603(b)); SSI and child support received are not MAGI income (435.603(e)); medically
needy, the aged, blind and disabled groups, CHIP's pregnancy coverage and immigration rules
are not covered. A parent eligible under the parent/caretaker limit is reported in that
group rather than the expansion group (435.119(b)(4)); in expansion states
`medicaid.parent_limit` holds the expansion group's 133% unless the state's own 435.110
standard is higher, so every eligible parent there is reported as a parent or caretaker
relative, even one above a lower 435.110 standard.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import NamedTuple

from common import money
from common.vocabulary import CoverageGroup, HealthCoverage
from services.eligibility.engine import poverty
from services.eligibility.engine.household import (
    Household,
    HouseholdMember,
    HouseholdRequest,
    IncomeKind,
    Program,
    Relationship,
)
from services.eligibility.engine.result import Line, MemberCoverage, ProgramResult, Rules, pct

NOT_MAGI_INCOME = frozenset({IncomeKind.SSI, IncomeKind.CHILD_SUPPORT_RECEIVED})
"""42 CFR 435.603(e): MAGI is federal AGI plus non-taxable Social Security; SSI and child
support received are in neither."""


def magi_income(household: Household) -> Line:
    cents = sum(i.monthly_cents for i in household.incomes if i.kind not in NOT_MAGI_INCOME)
    return Line("Household MAGI income, monthly (SSI and child support received excluded)",
                cents, "42 CFR 435.603(e)")


def _is_parent(member: HouseholdMember, household: Household, child_below: int) -> bool:
    """42 CFR 435.110: a parent or caretaker relative living with a dependent child."""
    has_child = any(m.age < child_below for m in household.members if m.id != member.id)
    return has_child and member.relationship in (Relationship.HEAD, Relationship.SPOUSE,
                                                 Relationship.OTHER_RELATIVE)


class Group(NamedTuple):
    """A coverage group a member could be in, with the state table holding its standard."""

    category: str
    group: CoverageGroup
    table: str
    label: str


def _groups(member: HouseholdMember, household: Household, rules: Rules) -> list[Group]:
    """Each group the member could be in."""
    infant, young, child, adult = (rules("medicaid.ages.infant_below"),
                                   rules("medicaid.ages.young_child_below"),
                                   rules("medicaid.ages.child_below"),
                                   rules("medicaid.ages.adult_below"))
    state = household.state
    groups: list[Group] = []
    if member.pregnant:
        groups.append(Group("pregnant", CoverageGroup.PREGNANT, "medicaid.pregnant_limit",
                            "pregnant"))
    if member.age < infant:
        groups.append(Group("child", CoverageGroup.INFANT, "medicaid.infant_limit", "infant"))
    elif member.age < young:
        # Ages 1-5: the child_1_5_limit table when the state tables have one, else the
        # higher of the infant and child standards.
        tables = (["medicaid.child_1_5_limit"] if rules.has("medicaid.child_1_5_limit")
                  else ["medicaid.infant_limit", "medicaid.child_limit"])
        groups.extend(Group("child", CoverageGroup.CHILD, table, "child aged 1-5")
                      for table in tables)
    elif member.age < child:
        groups.append(Group("child", CoverageGroup.CHILD, "medicaid.child_limit",
                            "child aged 6-18"))
    else:
        parent = _is_parent(member, household, child)
        # 42 CFR 435.119(b)(1)-(2): the expansion group is for adults 19-64, not pregnant.
        if member.age < adult and rules("medicaid.expansion").get(state) and not member.pregnant:
            groups.append(Group("adult", CoverageGroup.EXPANSION_ADULT, "medicaid.adult_limit",
                                "adult (expansion group)"))
        # Wisconsin's demonstration covers adults 19-64 without dependent children; its
        # parents are in the 435.110 group (BadgerCare Plus Eligibility Handbook 51.1).
        if (member.age < adult and not parent
                and state in rules("medicaid.demonstration_adult_limit")):
            groups.append(Group("adult", CoverageGroup.DEMONSTRATION_ADULT,
                                "medicaid.demonstration_adult_limit",
                                "adult (section 1115 demonstration)"))
        if parent:  # 42 CFR 435.110 sets no upper age
            groups.append(Group("adult", CoverageGroup.PARENT_CARETAKER, "medicaid.parent_limit",
                                "parent or caretaker relative"))
    return groups


class Referral(NamedTuple):
    """Why a member not eligible under MAGI may be eligible on another basis."""

    code: str
    text: str
    citation: str


def non_magi_referral(member: HouseholdMember, household: Household, rules: Rules
                      ) -> Referral | None:
    """The basis outside MAGI a member may qualify on, first match first: SSI receipt
    (42 CFR 435.120, or the state's own criteria in a 209(b) state, 435.121), age 65 or over
    (435.603(j)(2)), blindness or disability (435.603(j)(3)). The form's `disabled` flag
    stands for blind or disabled, as it has no flag for blindness alone."""
    if any(i.member_id == member.id and i.kind == IncomeKind.SSI for i in household.incomes):
        if rules("medicaid.section_209b").get(household.state):
            return Referral("SSI_RECIPIENT_209B",
                            f"receives SSI; {household.state} is a 209(b) state and applies "
                            "its own aged, blind and disabled criteria",
                            rules.cite("medicaid.section_209b"))
        return Referral("SSI_RECIPIENT", "receives SSI, which covers without a MAGI test",
                        "42 CFR 435.120; 42 CFR 435.603(j)(1)")
    aged = rules("medicaid.ages.adult_below")
    if member.age >= aged:
        return Referral("AGED", f"aged {aged} or over", "42 CFR 435.603(j)(2)")
    if member.disabled:
        return Referral("BLIND_OR_DISABLED", "blind or disabled", "42 CFR 435.603(j)(3)")
    return None


def _rank(coverage: MemberCoverage) -> tuple[bool, bool, int]:
    """Orders a member's candidate coverages, best last: eligible first; then, among
    eligible ones, any group before the expansion group, which excludes whoever is
    eligible for a mandatory group such as parents and caretaker relatives (42 CFR
    435.119(b)(4)); then the higher limit (for an ineligible member, the nearest miss)."""
    mandatory = coverage.eligible and coverage.group != CoverageGroup.EXPANSION_ADULT
    return coverage.eligible, mandatory, coverage.income_limit_cents


SEPARATE_CHIP = {
    "medicaid.infant_limit": "medicaid.separate_chip.infant_medicaid_limit",
    "medicaid.child_1_5_limit": "medicaid.separate_chip.child_1_5_medicaid_limit",
    "medicaid.child_limit": "medicaid.separate_chip.child_medicaid_limit",
}
"""Each child table (Medicaid and separate CHIP's upper limit) and the table of Medicaid's
own standard in the states whose separate CHIP covers the band above it."""


def _limit_cents(rules: Rules, state: str, size: int, ratio: Decimal) -> int:
    """42 CFR 435.603(d)(4): (standard + the 5-point disregard) x the monthly guideline."""
    return money.round_cents(poverty.monthly_guideline(rules, state, size)
                             * (ratio + rules("medicaid.magi_disregard")))


def separate_chip(member: HouseholdMember, group: Group, state: str, size: int, income: int,
                  rules: Rules) -> Line | None:
    """The line placing an eligible child in the state's separate CHIP, because the income
    is above Medicaid's own standard (42 CFR 457.310(b)(1)); None when Medicaid covers the
    child, or the state's separate CHIP is not listed."""
    table = SEPARATE_CHIP.get(group.table)
    if table is None or state not in rules(table):
        return None
    ratio = rules(table)[state]
    limit = _limit_cents(rules, state, size, ratio)
    if income <= limit:
        return None
    return Line(f"Member {member.id}, {group.label}: above Medicaid's limit of {pct(ratio)} + "
                f"{pct(rules('medicaid.magi_disregard'))}, so covered by the separate CHIP",
                limit, rules.cite(table))


def _limit(rules: Rules, table: str, state: str) -> Decimal | None:
    ratio = rules(table).get(state)
    if ratio is None and table == "medicaid.adult_limit":
        return rules("medicaid.expansion_adult_limit")  # 42 CFR 435.119(b)
    return ratio


def determine_medicaid(request: HouseholdRequest, rules: Rules) -> ProgramResult:
    """Decide MAGI Medicaid for each member; the program is eligible if anyone is."""
    household = request.household
    result = ProgramResult(Program.MEDICAID)
    income = magi_income(household)
    result.lines.append(income)
    result.gross_income_cents = result.net_income_cents = income.cents
    disregard = rules("medicaid.magi_disregard")
    expansion = bool(rules("medicaid.expansion").get(household.state))
    result.lines.append(Line(f"{household.state} {'has' if expansion else 'has not'} "
                             "expanded Medicaid to adults", 0, rules.cite("medicaid.expansion")))
    for member in household.members:
        size = household.size + (1 if member.pregnant else 0)  # 42 CFR 435.603(b)
        best: MemberCoverage | None = None
        for group in _groups(member, household, rules):
            ratio = _limit(rules, group.table, household.state)
            if ratio is None:
                continue
            limit = _limit_cents(rules, household.state, size, ratio)
            coverage = MemberCoverage(member.id, income.cents <= limit, group.category,
                                      group.group, limit)
            result.lines.append(Line(
                f"Member {member.id}, {group.label}: limit {pct(ratio)} + {pct(disregard)} of "
                f"the poverty guideline for {size}", limit, rules.cite(group.table)))
            chip = (separate_chip(member, group, household.state, size, income.cents, rules)
                    if coverage.eligible else None)
            if chip is not None:
                result.lines.append(chip)
                coverage = dataclasses.replace(coverage, coverage=HealthCoverage.CHIP)
            if best is None or _rank(coverage) > _rank(best):
                best = coverage
        if best is None:
            reason = ("AGED_NOT_MAGI" if member.age >= rules("medicaid.ages.adult_below")
                      else "NO_COVERAGE_GROUP")
            best = MemberCoverage(member.id, False, "none", CoverageGroup.NONE, 0, reason)
            result.lines.append(Line(f"Member {member.id}: no MAGI coverage group "
                                     f"({reason.lower().replace('_', ' ')})", 0,
                                     "42 CFR 435.119; 42 CFR 435.603(j)"))
        elif not best.eligible:
            best = dataclasses.replace(best, reason="INCOME_OVER_LIMIT")
        referral = None if best.eligible else non_magi_referral(member, household, rules)
        if referral is not None:
            best = dataclasses.replace(best, non_magi_referral=referral.code)
            result.lines.append(Line(f"Member {member.id}: refer for a non-MAGI determination "
                                     f"({referral.text})", 0,
                                     f"{referral.citation}; 42 CFR 435.911(c)(2)"))
        result.members.append(best)
    result.eligible = any(m.eligible for m in result.members)
    if not result.eligible:
        for reason in dict.fromkeys(m.reason for m in result.members):
            result.deny(reason)
        if any(m.non_magi_referral for m in result.members):
            result.deny("REFER_NON_MAGI")
    return result
