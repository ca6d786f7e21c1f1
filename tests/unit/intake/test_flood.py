"""An integration system that floods intake is told RESOURCE_EXHAUSTED, with a retry
delay, beyond its burst; another system is served as before, the server answers health,
and a refused call writes nothing but its audit row. Over real gRPC, through the same
interceptor chain as `python -m services.intake` (`rate_limits`)."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest
from casework.v1 import intake_pb2_grpc
from grpc_health.v1 import health_pb2
from sqlalchemy import func, select
from temporalio.testing import WorkflowEnvironment

from common.ratelimit import retry_delay
from services.intake.options import IntakeOptions
from services.intake.servicer import SERVICE_NAMES, rate_limits
from services.intake.store import AUDIT, ApplicationRecord
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import intake_settings, serve_intake
from tests.unit.services_fixtures import Served, health_status

BURST = 3
FLOOD = 20
"""Calls past the burst, all sent at once."""
RATE = 0.001
"""One call back every 1,000 s: none is refilled while the test runs."""

FLOODER = "flooding-system"
NEIGHBOUR = "other-system"


@pytest.fixture
async def limited(
    database_url: str, temporal_env: WorkflowEnvironment, options: IntakeOptions,
    issuer: Issuer,
) -> AsyncIterator[Served]:
    await migrate("intake", database_url)
    settings = intake_settings(database_url, f"flood-{uuid.uuid4().hex[:8]}", "unused")
    limits = dataclasses.replace(options, rate_per_second=RATE, rate_burst=BURST)
    async with serve_intake(settings, limits, temporal_env.client, issuer,
                            rate_limits(limits)) as served:
        yield served


async def test_a_flood_is_refused_past_its_burst_and_nobody_else_notices(
    limited: Served, issuer: Issuer,
) -> None:
    stub = intake_pb2_grpc.IntakeServiceStub(limited.channel)
    flooder = issuer.integration(FLOODER)
    outcomes = await asyncio.gather(
        *(stub.SubmitApplication(an_application(), metadata=flooder, timeout=30)
          for _ in range(BURST + FLOOD)), return_exceptions=True)
    refused = [o for o in outcomes if isinstance(o, grpc.aio.AioRpcError)]
    assert len(refused) == FLOOD
    assert {r.code() for r in refused} == {grpc.StatusCode.RESOURCE_EXHAUSTED}
    assert all((retry_delay(r) or 0) > 0 for r in refused)

    # Another system is not slowed by the first's flood, nor is health.
    await stub.SubmitApplication(an_application(), metadata=issuer.integration(NEIGHBOUR),
                                 timeout=30)
    assert await health_status(limited.channel, SERVICE_NAMES[0]) == (
        health_pb2.HealthCheckResponse.SERVING)
    # The flooder is still refused until its bucket refills.
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await stub.SubmitApplication(an_application(), metadata=flooder, timeout=30)
    assert again.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED

    async with limited.engine.connect() as connection:
        filed = dict((await connection.execute(
            select(ApplicationRecord.submitted_by, func.count())
            .group_by(ApplicationRecord.submitted_by))).all())
        audited_refusals = await connection.scalar(
            select(func.count()).select_from(AUDIT)
            .where(AUDIT.c.outcome == "RESOURCE_EXHAUSTED", AUDIT.c.subject == FLOODER))
    assert filed == {FLOODER: BURST, NEIGHBOUR: 1}
    assert audited_refusals == FLOOD + 1
