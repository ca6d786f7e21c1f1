"""`python -m services.payments` as its own process, the way `make up` runs it."""

from __future__ import annotations

import grpc
import pytest
from casework.v1 import payments_pb2, payments_pb2_grpc
from grpc_health.v1 import health_pb2

from services.payments.servicer import SERVICE_NAME
from tests.conftest import migrate
from tests.scrape import free_port, scrape_async
from tests.unit.services_fixtures import health_status, service_process


async def test_the_payments_process_starts_on_a_free_port_and_answers_health(
    database_url: str,
) -> None:
    await migrate("payments", database_url)
    async with service_process("payments", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            assert await health_status(channel, SERVICE_NAME) == (
                health_pb2.HealthCheckResponse.SERVING)


async def test_the_payments_process_times_its_calls_on_its_metrics_port(
    database_url: str,
) -> None:
    await migrate("payments", database_url)
    metrics_port = free_port()
    env = {"CASEWORK_PAYMENTS_METRICS_PORT": str(metrics_port)}
    async with service_process("payments", database_url, env) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            await health_status(channel, SERVICE_NAME)
            stub = payments_pb2_grpc.PaymentsServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.AuthorizePayment(payments_pb2.AuthorizePaymentRequest(), timeout=5)
        samples = await scrape_async(f"http://127.0.0.1:{metrics_port}/metrics")
    counts = {(s.labels["method"], s.labels["code"]): s.value
              for s in samples if s.name == "casework_rpc_server_duration_seconds_count"}
    assert counts[("grpc.health.v1.Health/Check", "OK")] == 1
    assert counts[("casework.v1.PaymentsService/AuthorizePayment",
                   refused.value.code().name)] == 1
