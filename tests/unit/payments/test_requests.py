"""PaymentsService requests checked without a server: which are valid, and how every bad
field is named at once, never with its value."""

from __future__ import annotations

from typing import Any

import pytest
from casework.v1 import payments_pb2

from common.errors import InvalidField
from services.payments import requests
from services.payments.domain import PayeeKind, PaymentKind, Program, Terms, Void
from tests.unit.payments.builders import CASE_1, a_payment


def refused(request: Any, parse: Any = requests.authorize_payment) -> list[str]:
    """The fields a request is refused for, in the order they were found."""
    with pytest.raises(InvalidField) as raised:
        parse(request)
    return [field for field, _ in raised.value.violations]


def test_valid_terms_are_returned_as_domain_values() -> None:
    assert requests.authorize_payment(a_payment()) == Terms(
        f"{CASE_1}:snap:2026-01:monthly_benefit", CASE_1, Program.SNAP, "2026-01",
        PaymentKind.MONTHLY_BENEFIT, 29_100, PayeeKind.HOUSEHOLD, f"household-{CASE_1}")


@pytest.mark.parametrize("period", ["", "2026-1", "2026-13", "2026-00", "26-01", "2026-01-01",
                                    "2026/01", "\uff12\uff10\uff12\uff16-01"])  # full-width digits
def test_a_period_that_is_not_a_benefit_month_is_refused(period: str) -> None:
    assert refused(a_payment(period=period)) == ["period"]


@pytest.mark.parametrize("amount", [0, -1, requests.MAX_AMOUNT_CENTS + 1])
def test_an_amount_outside_the_sane_range_is_refused(amount: int) -> None:
    assert refused(a_payment(amount_cents=amount)) == ["amount_cents"]


def test_the_largest_allowed_amount_is_accepted() -> None:
    terms = requests.authorize_payment(a_payment(amount_cents=requests.MAX_AMOUNT_CENTS))
    assert terms.amount_cents == requests.MAX_AMOUNT_CENTS


@pytest.mark.parametrize("case_id", ["case-1", "C1" * 16, "c1" * 15, "c1" * 17, " " + "c1" * 16,
                                     "g1" * 16])
def test_a_case_id_that_is_not_32_lower_case_hex_digits_is_refused(case_id: str) -> None:
    with pytest.raises(InvalidField) as raised:
        requests.authorize_payment(a_payment(case_id=case_id))
    assert raised.value.violations == [
        ("case_id", "must be a case id (32 lower-case hex digits)")]


def test_ids_and_keys_are_held_to_the_shared_limits() -> None:
    at_limits = a_payment(idempotency_key="k" * 128, payee=payments_pb2.Payee(
        kind=payments_pb2.PAYEE_KIND_VENDOR, payee_id="v" * 64))
    assert requests.authorize_payment(at_limits).payee_id == "v" * 64
    assert refused(a_payment(idempotency_key="k" * 129, payee=payments_pb2.Payee(
        kind=payments_pb2.PAYEE_KIND_VENDOR, payee_id="v" * 65))) == [
        "idempotency_key", "payee.payee_id"]


def test_every_bad_field_is_reported_at_once_without_echoing_values() -> None:
    request = payments_pb2.AuthorizePaymentRequest(
        idempotency_key="k" * 129, case_id=" ", program=42, period="soon", amount_cents=0)
    with pytest.raises(InvalidField) as raised:
        requests.authorize_payment(request)
    assert [field for field, _ in raised.value.violations] == [
        "idempotency_key", "case_id", "program", "period", "kind", "amount_cents",
        "payee.kind", "payee.payee_id"]
    assert "soon" not in str(raised.value)


def test_a_listing_needs_a_case_id() -> None:
    assert requests.list_authorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=CASE_1)) == CASE_1
    parse = requests.list_authorizations
    assert refused(payments_pb2.ListAuthorizationsRequest(), parse) == ["case_id"]
    assert refused(payments_pb2.ListAuthorizationsRequest(case_id="case-1"), parse) == [
        "case_id"]


def test_a_void_names_the_authorization_and_says_why() -> None:
    assert requests.void_authorization(payments_pb2.VoidAuthorizationRequest(
        authorization_id=" a1 ", reason=" issued in error ")) == Void("a1", "issued in error")


def test_a_void_needs_a_reason() -> None:
    parse = requests.void_authorization
    assert refused(payments_pb2.VoidAuthorizationRequest(authorization_id="a1", reason="  "),
                   parse) == ["reason"]
    assert refused(payments_pb2.VoidAuthorizationRequest(
        authorization_id="a" * 65, reason="r" * (requests.MAX_REASON_LENGTH + 1)), parse) == [
        "authorization_id", "reason"]
