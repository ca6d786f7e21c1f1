"""Each service takes messages up to its own size: an oversized request is refused
RESOURCE_EXHAUSTED and the server carries on. Checked on `python -m services.payments`,
whose limit (1 MiB) is below gRPC's default, so the refusal is the service's own."""

from __future__ import annotations

import grpc
import pytest
from casework.v1 import payments_pb2_grpc
from grpc_health.v1 import health_pb2

from common.auth.roles import Role
from services.payments.servicer import MAX_MESSAGE_BYTES, SERVICE_NAME
from tests.conftest import migrate
from tests.unit.payments.builders import a_payment
from tests.unit.services_fixtures import health_status, process_token, service_process


async def test_an_oversized_payment_request_is_resource_exhausted_and_payments_serves_on(
    database_url: str,
) -> None:
    await migrate("payments", database_url)
    token = process_token(Role.WORKER, "worker")
    oversized = a_payment("k" * (MAX_MESSAGE_BYTES + 1))
    async with service_process("payments", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = payments_pb2_grpc.PaymentsServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.AuthorizePayment(oversized, metadata=token, timeout=10)
            assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            assert await health_status(channel, SERVICE_NAME) == (
                health_pb2.HealthCheckResponse.SERVING)
            reply = await stub.AuthorizePayment(a_payment(), metadata=token, timeout=10)
            assert not reply.replayed
