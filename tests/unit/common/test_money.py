"""Cents are rounded and shown in one place, the same way for every service."""

from __future__ import annotations

from decimal import Decimal

from common.money import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ceil_dollars,
    floor_dollars,
    round_cents,
    show,
)


def test_round_cents_is_half_up_unless_a_rule_says_otherwise() -> None:
    assert round_cents(Decimal("1234.5")) == 1235
    assert round_cents(Decimal("1234.49")) == 1234
    assert round_cents(Decimal("1234.01"), ROUND_CEILING) == 1235
    assert round_cents(Decimal("1234.99"), ROUND_FLOOR) == 1234
    assert round_cents(7) == 7


def test_whole_dollar_rounding_goes_the_way_its_name_says_for_negatives_too() -> None:
    assert floor_dollars(12_399) == 12_300
    assert ceil_dollars(12_301) == 12_400
    assert ceil_dollars(12_300) == 12_300
    assert floor_dollars(-150) == -200
    assert ceil_dollars(-150) == -100


def test_show_formats_dollars_with_thousands_and_sign() -> None:
    assert show(123_456) == "$1,234.56"
    assert show(5) == "$0.05"
    assert show(0) == "$0.00"
    assert show(-1_200) == "-$12.00"
