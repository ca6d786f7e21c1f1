"""Money is integer cents everywhere; this is the one place cents are rounded or shown."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal


def round_cents(value: Decimal | int, rounding: str = ROUND_HALF_UP) -> int:
    """Round an exact amount of cents to whole cents (half up unless a rule says otherwise)."""
    return int(Decimal(value).to_integral_value(rounding=rounding))


def floor_dollars(cents: int) -> int:
    """Cents rounded down to a whole dollar."""
    return (cents // 100) * 100


def ceil_dollars(cents: int) -> int:
    """Cents rounded up to a whole dollar."""
    return -((-cents) // 100) * 100


def show(cents: int) -> str:
    """$1,234.56; negative amounts as -$12.00."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


__all__ = ["ROUND_CEILING", "ROUND_FLOOR", "ROUND_HALF_UP", "ceil_dollars", "floor_dollars",
           "round_cents", "show"]
