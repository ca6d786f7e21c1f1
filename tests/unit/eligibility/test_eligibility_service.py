"""The eligibility service over a real channel: served on port 0 with the shared server
builder, against a freshly migrated database (SQLite, or PostgreSQL via DATABASE_URL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest
from casework.v1 import common_pb2, eligibility_pb2, eligibility_pb2_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.auth.interceptor import Authorization
from common.db import make_engine, make_sessions
from common.server import start_server
from common.status import field_violations
from services.eligibility.servicer import SERVICE_NAME, EligibilityServicer
from services.eligibility.store import DeterminationRecord
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.eligibility.helpers import RULEBOOK


@dataclass
class Service:
    stub: eligibility_pb2_grpc.EligibilityServiceStub
    sessions: async_sessionmaker[AsyncSession]
    channel: grpc.aio.Channel


@pytest.fixture
async def service(database_url: str, issuer: Issuer) -> AsyncIterator[Service]:
    await migrate("eligibility", database_url)
    engine = make_engine(database_url)
    sessions = make_sessions(engine)
    servicer = EligibilityServicer(sessions, RULEBOOK)
    running = await start_server("127.0.0.1:0", servicer.register, [SERVICE_NAME],
                                 authorization=Authorization(issuer.verifier))
    channel = issuer.channel(f"127.0.0.1:{running.port}")
    try:
        yield Service(eligibility_pb2_grpc.EligibilityServiceStub(channel), sessions, channel)
    finally:
        await channel.close()
        await running.stop(0)
        await engine.dispose()


def household(age: int = 34, state: str = "IL") -> common_pb2.Household:
    return common_pb2.Household(
        state=state,
        members=[common_pb2.HouseholdMember(id="p1", age=age,
                                            relationship=common_pb2.RELATIONSHIP_HEAD)],
        incomes=[common_pb2.Income(member_id="p1", kind=common_pb2.INCOME_KIND_WAGES,
                                   monthly_cents=180000)],
        expenses=common_pb2.Expenses(rent_cents=95000,
                                     utilities=common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING),
        assets=common_pb2.Assets(liquid_cents=20000))


def request(h: common_pb2.Household, case_id: str = "case-1") -> eligibility_pb2.HouseholdRequest:
    return eligibility_pb2.HouseholdRequest(id=case_id, household=h, period="2026-01",
                                            programs=[common_pb2.PROGRAM_SNAP,
                                                      common_pb2.PROGRAM_MEDICAID])


async def stored(service: Service) -> int:
    """Rows in the determination table, counted straight from it."""
    async with service.sessions() as session:
        return await session.scalar(select(func.count()).select_from(DeterminationRecord)) or 0


async def test_determine_stores_a_row_and_get_returns_it(service: Service) -> None:
    reply = await service.stub.DetermineEligibility(
        eligibility_pb2.DetermineEligibilityRequest(request=request(household())))
    d = reply.determination
    snap = next(p for p in d.programs if p.program == common_pb2.PROGRAM_SNAP)
    assert snap.eligible and snap.monthly_benefit_cents == 15100
    assert snap.explanation[0].citation and any(
        s.text.startswith("Excess shelter deduction") for s in snap.explanation)
    assert any(p.name == "snap.max_allotment.contiguous" and p.effective_date == "2025-10-01"
               for p in d.parameters)
    assert d.determination_id and d.determined_at.seconds > 0
    assert await stored(service) == 1
    again = await service.stub.GetDetermination(
        eligibility_pb2.GetDeterminationRequest(determination_id=d.determination_id))
    assert again.determination == d


async def test_bad_input_is_invalid_argument_naming_the_field_and_stores_nothing(
        service: Service) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.DetermineEligibility(
            eligibility_pb2.DetermineEligibilityRequest(request=request(household(age=-4))))
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert ("request.household.members[0].age", "must be between 0 and 130") in \
        field_violations(caught.value)
    with pytest.raises(grpc.aio.AioRpcError) as unknown_state:
        await service.stub.DetermineEligibility(
            eligibility_pb2.DetermineEligibilityRequest(request=request(household(state="ZZ"))))
    assert unknown_state.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(unknown_state.value)[0][0] == "request.household.state"
    assert await stored(service) == 0


async def test_batch_mixes_good_and_bad_and_stores_nothing(service: Service) -> None:
    reply = await service.stub.DetermineEligibilityBatch(
        eligibility_pb2.DetermineEligibilityBatchRequest(requests=[
            request(household(), "a"), request(household(age=500), "b"),
            request(household(state="OR"), "c")]))
    outcomes = [(r.id, r.WhichOneof("outcome")) for r in reply.results]
    assert outcomes == [("a", "determination"), ("b", "error"), ("c", "determination")]
    assert reply.results[1].error.field == "requests[1].household.members[0].age"
    assert await stored(service) == 0


async def test_unknown_determination_is_not_found(service: Service) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await service.stub.GetDetermination(
            eligibility_pb2.GetDeterminationRequest(determination_id="nope"))
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_screen_expedited_and_health(service: Service) -> None:
    h = household()
    h.incomes[0].monthly_cents = 10000
    h.assets.liquid_cents = 5000
    reply = await service.stub.ScreenExpedited(eligibility_pb2.ScreenExpeditedRequest(household=h))
    assert reply.expedited and "LOW_INCOME_AND_RESOURCES" in reply.criteria
    health = health_pb2_grpc.HealthStub(service.channel)
    status = await health.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
    assert status.status == health_pb2.HealthCheckResponse.SERVING
