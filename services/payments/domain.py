"""Payment authorisations as plain data: what a valid request is, when a replayed key
matches its first use, and what voiding means. No gRPC, no SQL: tested without a server."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from common.errors import Conflict
from common.validate import MAX_ID_LENGTH, MAX_KEY_LENGTH, Violations

MAX_REASON_LENGTH = 500
MAX_AMOUNT_CENTS = 10_000_000
"""$100,000: far above any monthly benefit or crisis payment, so a larger amount is a
units mistake (dollars sent as cents times 100) rather than a real authorisation."""

_PERIOD = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")  # [0-9]: \d would accept other scripts
_ENUM_PROBLEM = "must be set to a known value"


class Program(StrEnum):
    SNAP = "snap"
    TANF = "tanf"
    MEDICAID = "medicaid"


class PaymentKind(StrEnum):
    MONTHLY_BENEFIT = "monthly_benefit"
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    UTILITY = "utility"
    EMERGENCY_SHELTER = "emergency_shelter"


class PayeeKind(StrEnum):
    HOUSEHOLD = "household"
    VENDOR = "vendor"


class Status(StrEnum):
    AUTHORIZED = "authorized"
    VOIDED = "voided"


@dataclass(frozen=True)
class Terms:
    """What a caller asks to authorise; a replayed idempotency key must repeat all of it."""

    idempotency_key: str
    case_id: str
    program: Program
    period: str
    """Benefit month, YYYY-MM."""
    kind: PaymentKind
    amount_cents: int
    payee_kind: PayeeKind
    payee_id: str
    """Opaque account or vendor reference; never a name or account number."""


@dataclass(frozen=True)
class Authorization:
    authorization_id: str
    terms: Terms
    status: Status
    authorized_at: datetime
    voided_at: datetime | None = None
    void_reason: str = ""


# The proto field each term arrives in, so a conflict names what the caller sent.
_TERM_FIELDS = {"payee_kind": "payee.kind", "payee_id": "payee.payee_id"}


def terms(
    *,
    idempotency_key: str,
    case_id: str,
    program: Program | None,
    period: str,
    kind: PaymentKind | None,
    amount_cents: int,
    payee_kind: PayeeKind | None,
    payee_id: str,
) -> Terms:
    """Validated terms of one authorisation.

    Enums arrive as None when the request left them unset or sent an unknown number,
    so every bad field is reported together, before anything is written.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    key = bad.text(idempotency_key, "idempotency_key", max_length=MAX_KEY_LENGTH)
    case = bad.text(case_id, "case_id", max_length=MAX_ID_LENGTH)
    bad.require(program is not None, "program", _ENUM_PROBLEM)
    bad.require(bool(_PERIOD.fullmatch(period)), "period",
                "must be a benefit month as YYYY-MM" if period else "is required")
    bad.require(kind is not None, "kind", _ENUM_PROBLEM)
    bad.require(0 < amount_cents <= MAX_AMOUNT_CENTS, "amount_cents",
                f"must be between 1 and {MAX_AMOUNT_CENTS} cents")
    bad.require(payee_kind is not None, "payee.kind", _ENUM_PROBLEM)
    payee = bad.text(payee_id, "payee.payee_id", max_length=MAX_ID_LENGTH)
    bad.raise_if_any()
    assert program is not None and kind is not None and payee_kind is not None
    return Terms(key, case, program, period, kind, amount_cents, payee_kind, payee)


def ensure_same_terms(first: Authorization, requested: Terms) -> None:
    """A replayed key must ask for exactly what its first use did.

    Raises:
        Conflict: naming the terms that differ (not their values).
    """
    differing = [
        _TERM_FIELDS.get(f.name, f.name)
        for f in fields(Terms)
        if getattr(first.terms, f.name) != getattr(requested, f.name)
    ]
    if differing:
        raise Conflict(
            "idempotency_key was already used to authorize a payment with different "
            f"terms ({', '.join(differing)}); use a new key for a different payment"
        )


def void_request(*, authorization_id: str, reason: str) -> tuple[str, str]:
    """The validated id and reason of a void; a void always says why, for the audit trail.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    found_id = bad.text(authorization_id, "authorization_id", max_length=MAX_ID_LENGTH)
    why = bad.text(reason, "reason", max_length=MAX_REASON_LENGTH)
    bad.raise_if_any()
    return found_id, why
