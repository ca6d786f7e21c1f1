"""Activities that authorize payments, each exactly once per case, program, month and kind."""

from __future__ import annotations

from dataclasses import dataclass

from casework.v1 import payments_pb2, payments_pb2_grpc
from temporalio import activity

from common.vocabulary import PAYMENT_KINDS, PROGRAMS, PaymentKind, Program
from workflows.activities._grpc import call


@dataclass
class PaymentInput:
    case_id: str
    program: Program
    period: str  # YYYY-MM
    kind: PaymentKind
    amount_cents: int

    @property
    def idempotency_key(self) -> str:
        # Keyed on the case, not the run: a continued-as-new run must find the same key.
        return f"{self.case_id}:{self.program}:{self.period}:{self.kind}"


class PaymentsActivities:
    def __init__(self, stub: payments_pb2_grpc.PaymentsServiceStub) -> None:
        self._stub = stub

    @activity.defn
    async def authorize_payment(self, input: PaymentInput) -> str:
        """Authorize one payment to the household's benefit account; returns its id."""
        reply = await call(self._stub.AuthorizePayment, payments_pb2.AuthorizePaymentRequest(
            idempotency_key=input.idempotency_key, case_id=input.case_id,
            program=PROGRAMS.number(input.program), period=input.period,
            kind=PAYMENT_KINDS.number(input.kind),
            amount_cents=input.amount_cents,
            payee=payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_HOUSEHOLD,
                                     payee_id=f"household-{input.case_id}")))
        return str(reply.authorization.authorization_id)
