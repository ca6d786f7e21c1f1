"""`python -m services.payments` as its own process, the way `make up` runs it."""

from __future__ import annotations

import grpc
from grpc_health.v1 import health_pb2

from services.payments.servicer import SERVICE_NAME
from tests.conftest import migrate
from tests.unit.services_fixtures import health_status, service_process


async def test_the_payments_process_starts_on_a_free_port_and_answers_health(
    database_url: str,
) -> None:
    await migrate("payments", database_url)
    async with service_process("payments", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            assert await health_status(channel, SERVICE_NAME) == (
                health_pb2.HealthCheckResponse.SERVING)
