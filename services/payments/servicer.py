"""PaymentsService over gRPC: proto in, domain and store calls, proto out."""

from __future__ import annotations

import grpc
from casework.v1 import common_pb2, payments_pb2, payments_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.clock import to_timestamp
from common.config import Settings
from common.enums import enum_table
from common.errors import NotFound
from common.process import Built
from common.records import new_id, utc_now
from common.status import rpc_errors
from common.validate import require_case_id
from services.payments import domain, store

SERVICE_NAME = payments_pb2.DESCRIPTOR.services_by_name["PaymentsService"].full_name

PROGRAMS = enum_table(common_pb2.Program, domain.Program)
KINDS = enum_table(payments_pb2.PaymentKind, domain.PaymentKind)
PAYEE_KINDS = enum_table(payments_pb2.PayeeKind, domain.PayeeKind)
STATUSES = enum_table(payments_pb2.AuthorizationStatus, domain.Status)


class PaymentsServicer(payments_pb2_grpc.PaymentsServiceServicer):
    """One transaction per RPC on sessions from the service's own database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def register(self, server: grpc.aio.Server) -> None:
        payments_pb2_grpc.add_PaymentsServiceServicer_to_server(self, server)

    @rpc_errors
    async def AuthorizePayment(
        self, request: payments_pb2.AuthorizePaymentRequest, context: grpc.aio.ServicerContext
    ) -> payments_pb2.AuthorizePaymentResponse:
        terms = domain.terms(
            idempotency_key=request.idempotency_key,
            case_id=request.case_id,
            program=PROGRAMS.by_number.get(request.program),
            period=request.period,
            kind=KINDS.by_number.get(request.kind),
            amount_cents=request.amount_cents,
            payee_kind=PAYEE_KINDS.by_number.get(request.payee.kind),
            payee_id=request.payee.payee_id,
        )
        async with self._sessions.begin() as session:
            authorization, replayed = await store.authorize_once(
                session, terms=terms, authorization_id=new_id(), at=utc_now()
            )
        if replayed:
            domain.ensure_same_terms(authorization, terms)
        return payments_pb2.AuthorizePaymentResponse(
            authorization=authorization_pb(authorization), replayed=replayed
        )

    @rpc_errors
    async def ListAuthorizations(
        self, request: payments_pb2.ListAuthorizationsRequest, context: grpc.aio.ServicerContext
    ) -> payments_pb2.ListAuthorizationsResponse:
        case_id = require_case_id(request.case_id)
        async with self._sessions() as session:
            found = await store.list_for_case(session, case_id=case_id)
        return payments_pb2.ListAuthorizationsResponse(
            authorizations=[authorization_pb(a) for a in found]
        )

    @rpc_errors
    async def VoidAuthorization(
        self, request: payments_pb2.VoidAuthorizationRequest, context: grpc.aio.ServicerContext
    ) -> payments_pb2.VoidAuthorizationResponse:
        authorization_id, reason = domain.void_request(
            authorization_id=request.authorization_id, reason=request.reason
        )
        async with self._sessions.begin() as session:
            voided = await store.void(
                session, authorization_id=authorization_id, reason=reason, at=utc_now()
            )
        if voided is None:
            raise NotFound("no authorization has that authorization_id")
        return payments_pb2.VoidAuthorizationResponse(authorization=authorization_pb(voided))


def authorization_pb(authorization: domain.Authorization) -> payments_pb2.Authorization:
    terms = authorization.terms
    message = payments_pb2.Authorization(
        authorization_id=authorization.authorization_id,
        idempotency_key=terms.idempotency_key,
        case_id=terms.case_id,
        program=PROGRAMS.number(terms.program),
        period=terms.period,
        kind=KINDS.number(terms.kind),
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


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The payments service as `common.process.serve` runs it."""
    return Built(PaymentsServicer(sessions).register, [SERVICE_NAME])
