"""Payment authorisations as plain data, and the one rule a replayed key must obey.

Which requests are well formed is `requests.py`'s business; here are only the values a
valid request becomes and what they mean. No protobuf, gRPC or SQL, so the rules are
tested without a server.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum

from common.errors import Conflict
from common.vocabulary import PaymentKind, Program


class PayeeKind(StrEnum):
    HOUSEHOLD = "household"
    VENDOR = "vendor"


class Status(StrEnum):
    """An authorisation starts AUTHORIZED; voiding is the only change, and it is final."""

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
class Void:
    """A request to void an authorisation. It always says why, for the audit trail."""

    authorization_id: str
    reason: str


@dataclass(frozen=True)
class Authorization:
    authorization_id: str
    terms: Terms
    status: Status
    authorized_at: datetime
    voided_at: datetime | None = None
    void_reason: str = ""


_TERM_FIELDS = {"payee_kind": "payee.kind", "payee_id": "payee.payee_id"}
"""The request field a term arrives in, where the names differ, so a conflict names what
the caller actually sent."""


def ensure_same_terms(first: Authorization, requested: Terms) -> None:
    """A replayed key must ask for exactly what its first use did: a key reused for a
    different payment is a caller's bug, and paying the first terms silently would hide it.

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
