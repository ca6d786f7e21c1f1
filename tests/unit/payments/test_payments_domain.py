"""The payments rules without a server: which requests are valid, when a replay conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from common.errors import Conflict, InvalidField
from services.payments import domain
from services.payments.domain import PayeeKind, PaymentKind, Program


def valid(**overrides: Any) -> dict[str, Any]:
    return {
        "idempotency_key": "case-1:snap:2026-01:monthly_benefit",
        "case_id": "case-1",
        "program": Program.SNAP,
        "period": "2026-01",
        "kind": PaymentKind.MONTHLY_BENEFIT,
        "amount_cents": 29_100,
        "payee_kind": PayeeKind.HOUSEHOLD,
        "payee_id": "household-case-1",
    } | overrides


def test_valid_terms_are_returned_as_given() -> None:
    terms = domain.terms(**valid())
    assert terms.amount_cents == 29_100
    assert terms.period == "2026-01"


@pytest.mark.parametrize("period", ["", "2026-1", "2026-13", "2026-00", "26-01", "2026-01-01",
                                    "2026/01", "\uff12\uff10\uff12\uff16-01"])  # full-width digits
def test_a_period_that_is_not_a_benefit_month_is_refused(period: str) -> None:
    with pytest.raises(InvalidField) as raised:
        domain.terms(**valid(period=period))
    assert raised.value.violations[0][0] == "period"


@pytest.mark.parametrize("amount", [0, -1, domain.MAX_AMOUNT_CENTS + 1])
def test_an_amount_outside_the_sane_range_is_refused(amount: int) -> None:
    with pytest.raises(InvalidField) as raised:
        domain.terms(**valid(amount_cents=amount))
    assert raised.value.field == "amount_cents"


def test_the_largest_allowed_amount_is_accepted() -> None:
    assert domain.terms(**valid(amount_cents=domain.MAX_AMOUNT_CENTS)).amount_cents == (
        domain.MAX_AMOUNT_CENTS)


def test_every_bad_field_is_reported_at_once_without_echoing_values() -> None:
    with pytest.raises(InvalidField) as raised:
        domain.terms(idempotency_key="k" * 129, case_id=" ", program=None, period="soon",
                     kind=None, amount_cents=0, payee_kind=None, payee_id="")
    assert [field for field, _ in raised.value.violations] == [
        "idempotency_key", "case_id", "program", "period", "kind", "amount_cents",
        "payee.kind", "payee.payee_id"]
    assert "soon" not in str(raised.value)


def test_a_replay_with_the_same_terms_is_accepted() -> None:
    terms = domain.terms(**valid())
    first = domain.Authorization("a1", terms, domain.Status.AUTHORIZED, datetime.now(UTC))
    domain.ensure_same_terms(first, replace(terms))


def test_a_replay_with_different_terms_names_each_difference() -> None:
    terms = domain.terms(**valid())
    first = domain.Authorization("a1", terms, domain.Status.AUTHORIZED, datetime.now(UTC))
    with pytest.raises(Conflict) as raised:
        domain.ensure_same_terms(first, replace(terms, amount_cents=1, payee_id="vendor-9"))
    message = str(raised.value)
    assert "idempotency_key" in message
    assert "amount_cents" in message and "payee.payee_id" in message
    assert "vendor-9" not in message


def test_a_void_needs_a_reason() -> None:
    with pytest.raises(InvalidField) as raised:
        domain.void_request(authorization_id="a1", reason="  ")
    assert raised.value.field == "reason"
