"""The expedited SNAP service screen, 7 CFR 273.2(i)(1): a household that meets any one
criterion gets its benefits within 7 days (273.2(i)(3))."""

from __future__ import annotations

from dataclasses import dataclass, field

from services.eligibility.engine.household import Household
from services.eligibility.engine.result import Line, Rules, show
from services.eligibility.engine.snap import elderly_or_disabled, utility_allowance


@dataclass(frozen=True)
class ExpeditedScreen:
    expedited: bool
    criteria: tuple[str, ...] = ()
    """LOW_INCOME_AND_RESOURCES, SHELTER_EXCEEDS_INCOME_AND_RESOURCES,
    DESTITUTE_MIGRANT_FARMWORKER."""
    lines: tuple[Line, ...] = field(default_factory=tuple)


def screen_expedited(household: Household, rules: Rules) -> ExpeditedScreen:
    income_cap = rules("snap.expedited.gross_income_limit")
    liquid_cap = rules("snap.expedited.liquid_resources_limit")
    gross, liquid = household.gross_cents, household.liquid_assets_cents
    lines = [Line("Gross monthly income", gross, "7 CFR 273.2(i)(1)(i)"),
             Line("Liquid resources", liquid, "7 CFR 273.2(i)(1)(i)")]
    criteria: list[str] = []
    if gross < income_cap and liquid <= liquid_cap:
        criteria.append("LOW_INCOME_AND_RESOURCES")
        lines.append(Line(f"Income under {show(income_cap)} and liquid resources at most "
                          f"{show(liquid_cap)}", 0,
                          rules.cite("snap.expedited.gross_income_limit")))
    sua = utility_allowance(household, rules, elderly_or_disabled(household, rules))
    housing = household.expenses.rent_cents + sua.cents
    lines.append(Line("Rent or mortgage plus utilities (standard utility allowance)", housing,
                      "7 CFR 273.2(i)(1)(ii)"))
    if gross + liquid < housing:
        criteria.append("SHELTER_EXCEEDS_INCOME_AND_RESOURCES")
        lines.append(Line("Income and liquid resources are below rent or mortgage plus "
                          "utilities", 0, "7 CFR 273.2(i)(1)(ii)"))
    if household.destitute_migrant_farmworker and liquid <= liquid_cap:
        criteria.append("DESTITUTE_MIGRANT_FARMWORKER")
        lines.append(Line(f"Destitute migrant or seasonal farmworker household with liquid "
                          f"resources at most {show(liquid_cap)}", 0, "7 CFR 273.2(i)(1)(iii)"))
    if not criteria:
        lines.append(Line("No expedited service criterion met", 0, "7 CFR 273.2(i)(1)"))
    return ExpeditedScreen(bool(criteria), tuple(criteria), tuple(lines))
