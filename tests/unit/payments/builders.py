"""A valid AuthorizePayment request for the payments tests to vary one field of."""

from __future__ import annotations

from typing import Any

from casework.v1 import common_pb2, payments_pb2

CASE_1 = "c1" * 16  # case ids are 32 hex digits, as intake mints them
CASE_2 = "c2" * 16


def a_payment(key: str = f"{CASE_1}:snap:2026-01:monthly_benefit", **overrides: Any,
              ) -> payments_pb2.AuthorizePaymentRequest:
    fields: dict[str, Any] = {
        "idempotency_key": key,
        "case_id": CASE_1,
        "program": common_pb2.PROGRAM_SNAP,
        "period": "2026-01",
        "kind": payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT,
        "amount_cents": 29_100,
        "payee": payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_HOUSEHOLD,
                                    payee_id=f"household-{CASE_1}"),
    }
    return payments_pb2.AuthorizePaymentRequest(**(fields | overrides))
