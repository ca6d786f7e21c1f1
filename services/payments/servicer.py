"""PaymentsService over gRPC: `requests` turns a message into domain values, `store`
reads and writes them in one transaction, `convert` turns the result back into a
message. Rules live in `domain.py`, SQL in `store.py`; nothing here looks inside a proto.
"""

from __future__ import annotations

import grpc
from casework.v1 import payments_pb2, payments_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.config import Settings
from common.errors import NotFound
from common.process import Built
from common.records import new_id, utc_now
from common.server import MIB
from common.status import rpc_errors
from services.payments import convert, domain, requests, store

SERVICE_NAME = payments_pb2.DESCRIPTOR.services_by_name["PaymentsService"].full_name

MAX_MESSAGE_BYTES = MIB
"""An authorisation is a few hundred bytes and a case's list of them a few thousand
entries at the most: nothing a payments caller sends needs more."""


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
        terms = requests.authorize_payment(request)
        async with self._sessions.begin() as session:
            authorization, replayed = await store.authorize_once(
                session, terms=terms, authorization_id=new_id(), at=utc_now()
            )
        if replayed:  # a replay wrote nothing, so refusing it after the commit is safe
            domain.ensure_same_terms(authorization, terms)
        return payments_pb2.AuthorizePaymentResponse(
            authorization=convert.authorization_pb(authorization), replayed=replayed
        )

    @rpc_errors
    async def ListAuthorizations(
        self, request: payments_pb2.ListAuthorizationsRequest, context: grpc.aio.ServicerContext
    ) -> payments_pb2.ListAuthorizationsResponse:
        case_id = requests.list_authorizations(request)
        async with self._sessions() as session:
            found = await store.list_for_case(session, case_id=case_id)
        return payments_pb2.ListAuthorizationsResponse(
            authorizations=[convert.authorization_pb(a) for a in found]
        )

    @rpc_errors
    async def VoidAuthorization(
        self, request: payments_pb2.VoidAuthorizationRequest, context: grpc.aio.ServicerContext
    ) -> payments_pb2.VoidAuthorizationResponse:
        void = requests.void_authorization(request)
        async with self._sessions.begin() as session:
            voided = await store.void(
                session, authorization_id=void.authorization_id, reason=void.reason,
                at=utc_now(),
            )
        if voided is None:
            raise NotFound("no authorization has that authorization_id")
        return payments_pb2.VoidAuthorizationResponse(
            authorization=convert.authorization_pb(voided)
        )


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The payments service as `common.process.serve` runs it."""
    return Built(PaymentsServicer(sessions).register, [SERVICE_NAME],
                 max_message_bytes=MAX_MESSAGE_BYTES)
