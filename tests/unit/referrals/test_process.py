"""`python -m services.referrals` as its own process, the way `make up` runs it."""

from __future__ import annotations

import grpc
from casework.v1 import referrals_pb2, referrals_pb2_grpc
from grpc_health.v1 import health_pb2

from common.auth.roles import Role
from services.referrals.servicer import SERVICE_NAME
from tests.conftest import migrate
from tests.unit.services_fixtures import health_status, process_token, service_process


async def test_the_referrals_process_serves_the_seeded_directory(database_url: str) -> None:
    await migrate("referrals", database_url)
    async with service_process("referrals", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            assert await health_status(channel, SERVICE_NAME) == (
                health_pb2.HealthCheckResponse.SERVING)
            listed = await referrals_pb2_grpc.ReferralsServiceStub(channel).ListResources(
                referrals_pb2.ListResourcesRequest(state="IL"), timeout=10,
                metadata=process_token(Role.OPERATIONS, "ops-test"))
            assert listed.resources
