"""ReferralsService over gRPC: proto in, domain and store calls, proto out."""

from __future__ import annotations

import grpc
from casework.v1 import common_pb2, referrals_pb2, referrals_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.clock import to_timestamp
from common.config import Settings
from common.enums import enum_table
from common.process import Built
from common.records import new_id, utc_now
from common.status import rpc_errors
from common.validate import require_case_id
from services.referrals import domain, store

SERVICE_NAME = referrals_pb2.DESCRIPTOR.services_by_name["ReferralsService"].full_name

NEEDS = enum_table(common_pb2.Need, domain.Need)
STATUSES = enum_table(referrals_pb2.ReferralStatus, domain.ReferralStatus)


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
        need, state = domain.resource_filter(
            need=NEEDS.by_number.get(request.need), need_given=request.need != 0,
            state=request.state,
        )
        async with self._sessions() as session:
            found = await store.resources(
                session, needs=() if need is None else (need,), state=state
            )
        return referrals_pb2.ListResourcesResponse(resources=[resource_pb(r) for r in found])

    @rpc_errors
    async def MatchResources(
        self, request: referrals_pb2.MatchResourcesRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.MatchResourcesResponse:
        query = domain.match_query(
            needs=[NEEDS.by_number.get(need) for need in request.needs],
            state=request.location.state,
            county=request.location.county,
            zip=request.location.zip,
            limit_per_need=request.limit_per_need,
        )
        async with self._sessions() as session:
            candidates = await store.resources(
                session, needs=query.needs, state=query.location.state
            )
        return referrals_pb2.MatchResourcesResponse(matches=[
            referrals_pb2.ResourceMatch(resource=resource_pb(match.resource),
                                        need=NEEDS.number(match.need), reason=match.reason)
            for match in domain.rank(candidates, query)
        ])

    @rpc_errors
    async def CreateReferral(
        self, request: referrals_pb2.CreateReferralRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.CreateReferralResponse:
        wanted = domain.referral_request(
            idempotency_key=request.idempotency_key,
            case_id=request.case_id,
            resource_id=request.resource_id,
            need=NEEDS.by_number.get(request.need),
            note=request.note,
        )
        async with self._sessions.begin() as session:
            domain.ensure_serves(
                await store.resource(session, resource_id=wanted.resource_id), wanted.need
            )
            referral, replayed = await store.refer_once(
                session, request=wanted, referral_id=new_id(), at=utc_now()
            )
        if replayed:
            domain.ensure_same_request(referral, wanted)
        return referrals_pb2.CreateReferralResponse(
            referral=referral_pb(referral), replayed=replayed
        )

    @rpc_errors
    async def RecordReferralOutcome(
        self,
        request: referrals_pb2.RecordReferralOutcomeRequest,
        context: grpc.aio.ServicerContext,
    ) -> referrals_pb2.RecordReferralOutcomeResponse:
        referral_id, status, note = domain.outcome_request(
            referral_id=request.referral_id,
            status=STATUSES.by_number.get(request.status),
            note=request.note,
        )
        async with self._sessions.begin() as session:
            referral = domain.ensure_outcome(
                await store.record_outcome(
                    session, referral_id=referral_id, status=status, note=note, at=utc_now()
                ),
                status,
            )
        return referrals_pb2.RecordReferralOutcomeResponse(referral=referral_pb(referral))

    @rpc_errors
    async def ListReferrals(
        self, request: referrals_pb2.ListReferralsRequest, context: grpc.aio.ServicerContext
    ) -> referrals_pb2.ListReferralsResponse:
        case_id = require_case_id(request.case_id)
        async with self._sessions() as session:
            found = await store.referrals_for_case(session, case_id=case_id)
        return referrals_pb2.ListReferralsResponse(referrals=[referral_pb(r) for r in found])


def resource_pb(resource: domain.Resource) -> referrals_pb2.Resource:
    where = resource.location
    return referrals_pb2.Resource(
        resource_id=resource.resource_id,
        name=resource.name,
        needs=[NEEDS.number(need) for need in resource.needs],
        location=referrals_pb2.Location(state=where.state, county=where.county, zip=where.zip),
        address=resource.address,
        city=resource.city,
        phone=resource.phone,
        hours=resource.hours,
        eligibility_notes=resource.eligibility_notes,
    )


def referral_pb(referral: domain.Referral) -> referrals_pb2.Referral:
    asked = referral.request
    message = referrals_pb2.Referral(
        referral_id=referral.referral_id,
        idempotency_key=asked.idempotency_key,
        case_id=asked.case_id,
        resource_id=asked.resource_id,
        need=NEEDS.number(asked.need),
        status=STATUSES.number(referral.status),
        note=asked.note,
        created_at=to_timestamp(referral.created_at),
        outcome_note=referral.outcome_note,
    )
    if referral.outcome_at is not None:
        message.outcome_at.CopyFrom(to_timestamp(referral.outcome_at))
    return message


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The referrals service as `common.process.serve` runs it."""
    return Built(ReferralsServicer(sessions).register, [SERVICE_NAME])
