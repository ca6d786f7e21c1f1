"""A service stopping on SIGTERM drains where a load balancer can see it: its health says
NOT_SERVING, for the server and each service name, while it still answers, and only then
does it stop taking calls. Checked over a real socket against `python -m services.payments`
sent a real SIGTERM, as Kubernetes stops a pod."""

from __future__ import annotations

import asyncio
import signal

import grpc
from grpc_health.v1 import health_pb2

from services.payments.servicer import SERVICE_NAME
from tests.conftest import migrate
from tests.unit.services_fixtures import health_status, running_service

DRAIN_SECONDS = 3
"""Long enough for many polls on a loaded machine; the test waits for it once."""

POLL_SECONDS = 0.05


async def test_a_payments_process_answers_not_serving_while_it_drains_on_sigterm(
    database_url: str,
) -> None:
    await migrate("payments", database_url)
    env = {"CASEWORK_DRAIN_SECONDS": str(DRAIN_SECONDS)}
    async with running_service("payments", database_url, env) as (process, port):
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            for name in ("", SERVICE_NAME):
                assert await health_status(channel, name) == (
                    health_pb2.HealthCheckResponse.SERVING)
            process.send_signal(signal.SIGTERM)
            seen: list[tuple[str, int]] = []
            while True:  # until the drain ends and the server refuses calls
                try:
                    for name in ("", SERVICE_NAME):
                        seen.append((name, await health_status(channel, name)))
                except grpc.aio.AioRpcError as stopped:
                    assert stopped.code() == grpc.StatusCode.UNAVAILABLE
                    break
                await asyncio.sleep(POLL_SECONDS)
        assert await asyncio.wait_for(process.wait(), timeout=30) is not None
    not_serving = health_pb2.HealthCheckResponse.NOT_SERVING
    assert ("", not_serving) in seen and (SERVICE_NAME, not_serving) in seen
    # Once it said NOT_SERVING it never went back to SERVING.
    first = next(i for i, (_, status) in enumerate(seen) if status == not_serving)
    assert all(status == not_serving for _, status in seen[first:])
