"""The payments rule without a server: when a replayed key conflicts with its first use."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from common.errors import Conflict
from services.payments import domain
from services.payments.domain import PayeeKind, PaymentKind, Program
from tests.unit.payments.builders import CASE_1

TERMS = domain.Terms(
    idempotency_key=f"{CASE_1}:snap:2026-01:monthly_benefit",
    case_id=CASE_1,
    program=Program.SNAP,
    period="2026-01",
    kind=PaymentKind.MONTHLY_BENEFIT,
    amount_cents=29_100,
    payee_kind=PayeeKind.HOUSEHOLD,
    payee_id=f"household-{CASE_1}",
)


def authorized(terms: domain.Terms = TERMS) -> domain.Authorization:
    return domain.Authorization("a1", terms, domain.Status.AUTHORIZED, datetime.now(UTC))


def test_a_replay_with_the_same_terms_is_accepted() -> None:
    domain.ensure_same_terms(authorized(), replace(TERMS))


def test_a_replay_with_different_terms_names_each_difference() -> None:
    with pytest.raises(Conflict) as raised:
        domain.ensure_same_terms(authorized(), replace(TERMS, amount_cents=1,
                                                       payee_id="vendor-9"))
    message = str(raised.value)
    assert "idempotency_key" in message
    assert "amount_cents" in message and "payee.payee_id" in message
    assert "vendor-9" not in message


def test_a_replay_names_the_payee_kind_as_the_request_spells_it() -> None:
    with pytest.raises(Conflict) as raised:
        domain.ensure_same_terms(authorized(), replace(TERMS, payee_kind=PayeeKind.VENDOR))
    assert "(payee.kind)" in str(raised.value)
