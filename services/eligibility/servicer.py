"""EligibilityService over gRPC: `requests` turns the proto into engine values, the engine
decides, `convert` writes the reply, and `store` keeps each determination
DetermineEligibility returns. No rules and no SQL here."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import grpc
from casework.v1 import eligibility_pb2, eligibility_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.config import Settings
from common.errors import InvalidField, NotFound
from common.metrics import Labels, register_gauge
from common.process import Built
from common.records import new_id, utc_now
from common.server import MIB
from common.status import rpc_errors
from services.eligibility import convert, requests, store
from services.eligibility.engine.determine import Lapsed, RulesLapsed, determine, screen
from services.eligibility.engine.household import HouseholdRequest
from services.eligibility.engine.rulebook import Rulebook

SERVICE_NAME = eligibility_pb2.DESCRIPTOR.services_by_name["EligibilityService"].full_name

MAX_MESSAGE_BYTES = 16 * MIB
"""A batch of determinations, each with every step explained, is the largest message any
service takes or sends; the other services keep gRPC's 4 MiB or less."""


class EligibilityServicer(eligibility_pb2_grpc.EligibilityServiceServicer):
    """Decides with one loaded rulebook; one transaction per storing RPC."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], rulebook: Rulebook,
                 timezone: str = "America/Chicago",
                 clock: Callable[[], datetime] = utc_now,
                 lapsed: Lapsed = Lapsed.PROVISIONAL) -> None:
        self._sessions = sessions
        self._rulebook = rulebook
        self._zone = ZoneInfo(timezone)
        self._clock = clock
        self._lapsed = lapsed

    def register(self, server: grpc.aio.Server) -> None:
        eligibility_pb2_grpc.add_EligibilityServiceServicer_to_server(self, server)

    def today(self) -> date:
        """Today in the agency's time zone."""
        return self._clock().astimezone(self._zone).date()

    def _determination(self, request: HouseholdRequest, now: datetime, prefix: str,
                       determination_id: str = "") -> eligibility_pb2.Determination:
        """A benefit month before the rules begin is INVALID_ARGUMENT on `{prefix}period`
        (the caller asked for a month no rule here can decide); one past a lapsed value,
        when the agency refuses those, FAILED_PRECONDITION (loading the new value, not
        another request, fixes it)."""
        determination = determine(request, self._rulebook, self._lapsed, f"{prefix}period")
        return convert.determination_to_pb(determination, now, determination_id)

    @rpc_errors
    async def DetermineEligibility(
        self, request: eligibility_pb2.DetermineEligibilityRequest,
        context: grpc.aio.ServicerContext,
    ) -> eligibility_pb2.DetermineEligibilityResponse:
        household_request = requests.stored_request_from_pb(request)
        now = self._clock()
        message = self._determination(household_request, now, "request.", new_id())
        async with self._sessions.begin() as session:
            await store.save_determination(
                session, determination_id=message.determination_id, case_id=message.id,
                period=message.period, state=message.state,
                body=convert.determination_json(message), determined_at=now,
                created_at=utc_now())
        return eligibility_pb2.DetermineEligibilityResponse(determination=message)

    @rpc_errors
    async def DetermineEligibilityBatch(
        self, request: eligibility_pb2.DetermineEligibilityBatchRequest,
        context: grpc.aio.ServicerContext,
    ) -> eligibility_pb2.DetermineEligibilityBatchResponse:
        """Each household is decided or refused on its own; nothing is stored."""
        results = []
        now = self._clock()
        for n, item in enumerate(request.requests):
            try:
                determination = self._determination(
                    requests.request_from_pb(item, f"requests[{n}]."), now, f"requests[{n}].")
            except (InvalidField, RulesLapsed) as error:
                results.append(eligibility_pb2.BatchResult(
                    id=item.id, error=convert.field_error_pb(error)))
            else:
                results.append(eligibility_pb2.BatchResult(id=item.id,
                                                           determination=determination))
        return eligibility_pb2.DetermineEligibilityBatchResponse(results=results)

    @rpc_errors
    async def ScreenExpedited(
        self, request: eligibility_pb2.ScreenExpeditedRequest, context: grpc.aio.ServicerContext
    ) -> eligibility_pb2.ScreenExpeditedResponse:
        household = requests.household_from_pb(request.household)
        return convert.screen_to_pb(screen(household, self._rulebook, self.today()))

    @rpc_errors
    async def GetDetermination(
        self, request: eligibility_pb2.GetDeterminationRequest, context: grpc.aio.ServicerContext
    ) -> eligibility_pb2.GetDeterminationResponse:
        determination_id = requests.determination_id(request)
        async with self._sessions() as session:
            record = await store.load_determination(session, determination_id=determination_id)
        if record is None:
            raise NotFound("no determination has that determination_id")
        return eligibility_pb2.GetDeterminationResponse(
            determination=convert.determination_from_json(record.body))


RULE_DAYS_TO_LAPSE = "casework_eligibility_rule_days_to_lapse"


def lapse_gauge(rulebook: Rulebook, today: Callable[[], date]
                ) -> Callable[[], list[tuple[float, Labels]]]:
    """Days until each fiscal-year parameter's newest value lapses (0 or less: lapsed, and
    determinations using it are provisional), for the CaseworkRuleLapsing alert to warn
    before October 1. Computed from the loaded rulebook at each scrape: no query."""
    def observe() -> list[tuple[float, Labels]]:
        return [(float(lapsing.days_left), {"parameter": lapsing.name})
                for lapsing in rulebook.lapsing(today())]
    return observe


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The eligibility service as `common.process.serve` runs it. The rulebook is loaded
    once here, so a malformed parameter file stops start-up, not a decision; so does a
    CASEWORK_ELIGIBILITY_LAPSED that is neither provisional nor refuse."""
    rulebook = Rulebook.load()
    servicer = EligibilityServicer(sessions, rulebook, settings.agency_timezone,
                                   lapsed=Lapsed.from_env(os.environ))
    register_gauge(RULE_DAYS_TO_LAPSE, "Days until each fiscal-year rule parameter's newest "
                   "value lapses; 0 or less: lapsed, determinations using it are provisional.",
                   lapse_gauge(rulebook, servicer.today))
    return Built(servicer.register, [SERVICE_NAME], max_message_bytes=MAX_MESSAGE_BYTES)
