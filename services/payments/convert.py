"""Payments domain values to PaymentsService messages, and the enum tables both
directions use (`requests.py` reads them proto to domain)."""

from __future__ import annotations

from casework.v1 import payments_pb2

from common.clock import to_timestamp
from common.enums import enum_table
from common.vocabulary import PAYMENT_KINDS, PROGRAMS
from services.payments.domain import Authorization, PayeeKind, Status

PAYEE_KINDS = enum_table(payments_pb2.PayeeKind, PayeeKind)
STATUSES = enum_table(payments_pb2.AuthorizationStatus, Status)


def authorization_pb(authorization: Authorization) -> payments_pb2.Authorization:
    """An authorisation as every RPC returns it; `voided_at` is unset until it is voided."""
    terms = authorization.terms
    message = payments_pb2.Authorization(
        authorization_id=authorization.authorization_id,
        idempotency_key=terms.idempotency_key,
        case_id=terms.case_id,
        program=PROGRAMS.number(terms.program),
        period=terms.period,
        kind=PAYMENT_KINDS.number(terms.kind),
        amount_cents=terms.amount_cents,
        payee=payments_pb2.Payee(kind=PAYEE_KINDS.number(terms.payee_kind),
                                 payee_id=terms.payee_id),
        status=STATUSES.number(authorization.status),
        authorized_at=to_timestamp(authorization.authorized_at),
        void_reason=authorization.void_reason,
    )
    if authorization.voided_at is not None:
        message.voided_at.CopyFrom(to_timestamp(authorization.voided_at))
    return message
