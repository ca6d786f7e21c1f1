"""ReferralsService over gRPC: `requests` turns a message into domain values, `store`
reads and writes them in one transaction, `convert` turns the result back into a
message. Rules live in `domain.py`, SQL in `store.py`; nothing here looks inside a proto.
"""

from __future__ import annotations

import grpc
from casework.v1 import referrals_pb2, referrals_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.config import Settings
from common.process import Built
from common.records import new_id, utc_now
from common.status import rpc_errors
from services.referrals import convert, domain, requests, store

SERVICE_NAME = referrals_pb2.DESCRIPTOR.services_by_name["ReferralsService"].full_name


class ReferralsServicer(referrals_pb2_grpc.ReferralsServiceServicer):
    """One transaction per RPC on sessions from the service's own database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    def register(self, server: grpc.aio.Server) -> None:
        referrals_pb2_grpc.add_ReferralsServiceServicer_to_server(self, server)

    @rpc_errors
    async def ListResources(
        self, request: referrals_pb2.ListResourcesRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.ListResourcesResponse:
        wanted = requests.list_resources(request)
        async with self._sessions() as session:
            found = await store.resources(session, needs=wanted.needs, state=wanted.state)
        return referrals_pb2.ListResourcesResponse(
            resources=[convert.resource_pb(r) for r in found]
        )

    @rpc_errors
    async def MatchResources(
        self, request: referrals_pb2.MatchResourcesRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.MatchResourcesResponse:
        query = requests.match_resources(request)
        async with self._sessions() as session:
            candidates = await store.resources(
                session, needs=query.needs, state=query.location.state
            )
        return referrals_pb2.MatchResourcesResponse(
            matches=[convert.match_pb(m) for m in domain.rank(candidates, query)]
        )

    @rpc_errors
    async def CreateReferral(
        self, request: referrals_pb2.CreateReferralRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.CreateReferralResponse:
        wanted = requests.create_referral(request)
        async with self._sessions.begin() as session:
            domain.ensure_serves(
                await store.resource(session, resource_id=wanted.resource_id), wanted.need
            )
            referral, replayed = await store.refer_once(
                session, request=wanted, referral_id=new_id(), at=utc_now()
            )
        if replayed:  # a replay wrote nothing, so refusing it after the commit is safe
            domain.ensure_same_request(referral, wanted)
        return referrals_pb2.CreateReferralResponse(
            referral=convert.referral_pb(referral), replayed=replayed
        )

    @rpc_errors
    async def RecordReferralOutcome(
        self,
        request: referrals_pb2.RecordReferralOutcomeRequest,
        context: grpc.aio.ServicerContext,
    ) -> referrals_pb2.RecordReferralOutcomeResponse:
        outcome = requests.record_referral_outcome(request)
        async with self._sessions.begin() as session:
            recorded = await store.record_outcome(
                session, referral_id=outcome.referral_id, status=outcome.status,
                note=outcome.note, at=utc_now(),
            )
            referral = domain.ensure_outcome(recorded, outcome.status)
        return referrals_pb2.RecordReferralOutcomeResponse(
            referral=convert.referral_pb(referral)
        )

    @rpc_errors
    async def ListReferrals(
        self, request: referrals_pb2.ListReferralsRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.ListReferralsResponse:
        case_id = requests.list_referrals(request)
        async with self._sessions() as session:
            found = await store.referrals_for_case(session, case_id=case_id)
        return referrals_pb2.ListReferralsResponse(
            referrals=[convert.referral_pb(r) for r in found]
        )


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The referrals service as `common.process.serve` runs it."""
    return Built(ReferralsServicer(sessions).register, [SERVICE_NAME])
