"""PaymentsService requests as validated domain values, one function per RPC.

Every bad field of a request is collected and raised as one `InvalidField`, before
anything is written, so a caller learns all its mistakes from one reply. Case ids, keys
and ids are held to the shared limits in `common.validate`; only the rules that are the
payments service's own (a benefit month, a sane amount, a void's reason) are set here.
"""

from __future__ import annotations

from casework.v1 import payments_pb2

from common.validate import Violations, require_case_id
from common.vocabulary import PAYMENT_KINDS, PROGRAMS
from services.payments.convert import PAYEE_KINDS
from services.payments.domain import Terms, Void

MAX_AMOUNT_CENTS = 10_000_000
"""$100,000: far above any monthly benefit or crisis payment, so a larger amount is a
units mistake (dollars sent as cents times 100) rather than a real authorisation."""

MAX_REASON_LENGTH = 500
"""A void's reason is an audit note, longer than a name; the column holds 500."""



def authorize_payment(request: payments_pb2.AuthorizePaymentRequest) -> Terms:
    """The terms an AuthorizePayment request asks for.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    key = bad.key(request.idempotency_key, "idempotency_key")
    case_id = bad.case_id(request.case_id)
    program = bad.choice(request.program, PROGRAMS.by_number, "program")
    bad.month(request.period, "period")
    kind = bad.choice(request.kind, PAYMENT_KINDS.by_number, "kind")
    bad.require(0 < request.amount_cents <= MAX_AMOUNT_CENTS, "amount_cents",
                f"must be between 1 and {MAX_AMOUNT_CENTS} cents")
    payee_kind = bad.choice(request.payee.kind, PAYEE_KINDS.by_number, "payee.kind")
    payee_id = bad.identifier(request.payee.payee_id, "payee.payee_id")
    bad.raise_if_any()
    # `choice` returns None only after recording a violation, so none is None here.
    assert program is not None and kind is not None and payee_kind is not None
    return Terms(key, case_id, program, request.period, kind, request.amount_cents,
                 payee_kind, payee_id)


def list_authorizations(request: payments_pb2.ListAuthorizationsRequest) -> str:
    """The case id whose authorisations are asked for.

    Raises:
        InvalidField: when it is blank or not a case id.
    """
    return require_case_id(request.case_id)


def void_authorization(request: payments_pb2.VoidAuthorizationRequest) -> Void:
    """The authorisation a VoidAuthorization request names, and why it is voided.

    Raises:
        InvalidField: naming every field that is wrong.
    """
    bad = Violations()
    authorization_id = bad.identifier(request.authorization_id, "authorization_id")
    reason = bad.text(request.reason, "reason", max_length=MAX_REASON_LENGTH)
    bad.raise_if_any()
    return Void(authorization_id, reason)
