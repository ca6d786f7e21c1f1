"""EligibilityService over gRPC: proto in, engine call, proto out; the store keeps each
determination DetermineEligibility returns. No rules and no SQL here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import grpc
from casework.v1 import common_pb2, eligibility_pb2, eligibility_pb2_grpc
from google.protobuf import json_format
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.config import Settings
from common.errors import InvalidField, NotFound
from common.process import Built
from common.records import new_id, utc_now
from common.status import rpc_errors
from services.eligibility import convert, store
from services.eligibility.engine.determine import determine, screen
from services.eligibility.engine.household import HouseholdError, parse_household
from services.eligibility.engine.rulebook import Rulebook

SERVICE_NAME = eligibility_pb2.DESCRIPTOR.services_by_name["EligibilityService"].full_name


def invalid(error: HouseholdError) -> InvalidField:
    return InvalidField.of(error.violations)


class EligibilityServicer(eligibility_pb2_grpc.EligibilityServiceServicer):
    """Decides with one loaded rulebook; one transaction per storing RPC."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], rulebook: Rulebook,
                 timezone: str = "America/Chicago",
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._sessions = sessions
        self._rulebook = rulebook
        self._zone = ZoneInfo(timezone)
        self._clock = clock

    def register(self, server: grpc.aio.Server) -> None:
        eligibility_pb2_grpc.add_EligibilityServiceServicer_to_server(self, server)

    def _today(self) -> date:
        return self._clock().astimezone(self._zone).date()

    def _determine(self, request: eligibility_pb2.HouseholdRequest, prefix: str,
                   now: datetime) -> eligibility_pb2.Determination:
        try:
            household_request = convert.request_from_pb(request, prefix)
        except HouseholdError as error:
            raise invalid(error) from None
        message = convert.determination_to_pb(determine(household_request, self._rulebook))
        message.determined_at.FromDatetime(now)
        return message

    @rpc_errors
    async def DetermineEligibility(
        self, request: eligibility_pb2.DetermineEligibilityRequest,
        context: grpc.aio.ServicerContext,
    ) -> eligibility_pb2.DetermineEligibilityResponse:
        if not request.request.id:
            raise InvalidField("request.id", "is required: the case id the determination is for")
        now = self._clock()
        message = self._determine(request.request, "request.", now)
        message.determination_id = new_id()
        async with self._sessions.begin() as session:
            await store.save_determination(
                session, determination_id=message.determination_id, case_id=message.id,
                period=message.period, state=message.state,
                body=json_format.MessageToDict(message, preserving_proto_field_name=True),
                determined_at=now, created_at=utc_now())
        return eligibility_pb2.DetermineEligibilityResponse(determination=message)

    @rpc_errors
    async def DetermineEligibilityBatch(
        self, request: eligibility_pb2.DetermineEligibilityBatchRequest,
        context: grpc.aio.ServicerContext,
    ) -> eligibility_pb2.DetermineEligibilityBatchResponse:
        results = []
        now = self._clock()
        for n, item in enumerate(request.requests):
            try:
                message = self._determine(item, f"requests[{n}].", now)
            except InvalidField as error:
                results.append(eligibility_pb2.BatchResult(
                    id=item.id, error=common_pb2.FieldError(field=error.field,
                                                            description=error.problem)))
            else:
                results.append(eligibility_pb2.BatchResult(id=item.id, determination=message))
        return eligibility_pb2.DetermineEligibilityBatchResponse(results=results)

    @rpc_errors
    async def ScreenExpedited(
        self, request: eligibility_pb2.ScreenExpeditedRequest, context: grpc.aio.ServicerContext
    ) -> eligibility_pb2.ScreenExpeditedResponse:
        try:
            household = parse_household(convert.household_json(request.household), "household.")
        except HouseholdError as error:
            raise invalid(error) from None
        return convert.screen_to_pb(screen(household, self._rulebook, self._today()))

    @rpc_errors
    async def GetDetermination(
        self, request: eligibility_pb2.GetDeterminationRequest, context: grpc.aio.ServicerContext
    ) -> eligibility_pb2.GetDeterminationResponse:
        if not request.determination_id:
            raise InvalidField("determination_id", "is required")
        async with self._sessions() as session:
            record = await store.load_determination(session,
                                                    determination_id=request.determination_id)
        if record is None:
            raise NotFound("no determination has that determination_id")
        message = json_format.ParseDict(record.body, eligibility_pb2.Determination())
        return eligibility_pb2.GetDeterminationResponse(determination=message)


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The eligibility service as `common.process.serve` runs it. The rulebook is loaded
    once here, so a malformed parameter file stops start-up, not a decision."""
    servicer = EligibilityServicer(sessions, Rulebook.load(), settings.agency_timezone)
    return Built(servicer.register, [SERVICE_NAME])
