"""The HHS poverty guideline by household size, and income limits derived from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from common import money
from services.eligibility.engine.result import Rules
from services.eligibility.engine.rulebook import by_size

REGIONS = {"AK": "alaska", "HI": "hawaii"}
"""42 USC 9902(2): Alaska and Hawaii have their own guidelines and SNAP tables
(7 USC 2014(c), 2017(a)); every other state and DC uses the 48-state figures."""


def region(state: str) -> str:
    return REGIONS.get(state, "contiguous")


def annual_guideline(rules: Rules, state: str, size: int, day: date | None = None) -> int:
    """Annual poverty guideline in cents for `size` people in `state`."""
    table = rules(f"hhs.poverty_guidelines.{region(state)}", day)
    return by_size(table, size)


def monthly_limit_rounded_up(rules: Rules, state: str, size: int, ratio: Decimal,
                             day: date | None = None) -> int:
    """A monthly income standard in whole dollars, as FNS publishes SNAP's: guideline x ratio
    / 12 rounded up, sizes past 8 adding a separately rounded-up per-person increment."""
    table = rules(f"hhs.poverty_guidelines.{region(state)}", day)
    largest = max(k for k in table if isinstance(k, int))
    base = money.ceil_dollars(money.round_cents(table[min(size, largest)] * ratio / 12,
                                                money.ROUND_CEILING))
    if size <= largest:
        return base
    step = money.ceil_dollars(money.round_cents(table["each_additional"] * ratio / 12,
                                                money.ROUND_CEILING))
    return base + (size - largest) * step


def monthly_guideline(rules: Rules, state: str, size: int, day: date | None = None) -> Decimal:
    """The monthly guideline in exact cents (annual / 12), for rules that scale it."""
    return Decimal(annual_guideline(rules, state, size, day)) / 12
