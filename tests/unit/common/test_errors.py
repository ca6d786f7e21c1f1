"""A service's errors reach the client as the right status, with bad fields named,
over a real gRPC server built the way every service is built."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest
from google.protobuf import empty_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.errors import CaseworkError, Conflict, InvalidField, NotFound
from common.server import RunningServer, start_server
from common.status import field_violations, rpc_errors, to_status
from tests.tokens import Issuer

SERVICE = "casework.test.Raiser"


class Raiser:
    """Raises whatever error the test put in `error`, the way a servicer would."""

    def __init__(self) -> None:
        self.error: CaseworkError | None = None

    @rpc_errors
    async def Raise(
        self, request: empty_pb2.Empty, context: grpc.aio.ServicerContext
    ) -> empty_pb2.Empty:
        if self.error is not None:
            raise self.error
        return empty_pb2.Empty()


@dataclass
class Wire:
    """The servicer on one side of a real connection, a client on the other."""

    servicer: Raiser
    channel: grpc.aio.Channel

    async def call(self) -> empty_pb2.Empty:
        method = self.channel.unary_unary(
            f"/{SERVICE}/Raise",
            request_serializer=empty_pb2.Empty.SerializeToString,
            response_deserializer=empty_pb2.Empty.FromString,
        )
        return await method(empty_pb2.Empty(), timeout=5)

    async def failure(self, error: CaseworkError) -> grpc.aio.AioRpcError:
        self.servicer.error = error
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await self.call()
        return caught.value


@pytest.fixture
async def wire(issuer: Issuer) -> AsyncIterator[Wire]:
    servicer = Raiser()
    handler = grpc.method_handlers_generic_handler(SERVICE, {
        "Raise": grpc.unary_unary_rpc_method_handler(
            servicer.Raise,
            request_deserializer=empty_pb2.Empty.FromString,
            response_serializer=empty_pb2.Empty.SerializeToString,
        )
    })
    running: RunningServer = await start_server(
        "127.0.0.1:0", lambda server: server.add_generic_rpc_handlers([handler]), [SERVICE],
        authorization=issuer.allowing(f"/{SERVICE}/Raise"))
    channel = issuer.channel(f"127.0.0.1:{running.port}")
    try:
        yield Wire(servicer, channel)
    finally:
        await channel.close()
        await running.stop(grace=0)


async def test_an_invalid_field_is_invalid_argument_naming_every_field(wire: Wire) -> None:
    err = await wire.failure(InvalidField.of([
        ("household.members", "at least one member is required"),
        ("programs[1]", "must be one of SNAP, TANF, MEDICAID"),
    ]))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(err) == [
        ("household.members", "at least one member is required"),
        ("programs[1]", "must be one of SNAP, TANF, MEDICAID"),
    ]
    assert "household.members" in (err.details() or "")


async def test_a_request_with_hundreds_of_bad_fields_learns_the_first_twenty(
        wire: Wire) -> None:
    """All 300 would not fit the client's 8 KiB of trailing metadata: the call would
    fail RESOURCE_EXHAUSTED naming none."""
    err = await wire.failure(InvalidField.of([
        (f"application.incomes[{n}].member_id", "is required") for n in range(300)]))
    assert err.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(err) == [
        (f"application.incomes[{n}].member_id", "is required") for n in range(20)]
    assert (err.details() or "").endswith("incomes[19].member_id: is required; and 280 more")


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound("no such case"), grpc.StatusCode.NOT_FOUND),
        (Conflict("case is closed"), grpc.StatusCode.FAILED_PRECONDITION),
        (CaseworkError("bug"), grpc.StatusCode.INTERNAL),
    ],
)
async def test_other_errors_carry_their_status_and_no_field_details(
    wire: Wire, error: CaseworkError, code: grpc.StatusCode
) -> None:
    err = await wire.failure(error)
    assert err.code() is code
    assert err.details() == str(error)
    assert field_violations(err) == []


async def test_a_call_that_raises_nothing_succeeds(wire: Wire) -> None:
    assert await wire.call() == empty_pb2.Empty()


async def test_the_server_reports_serving_for_itself_and_its_service(wire: Wire) -> None:
    health = health_pb2_grpc.HealthStub(wire.channel)
    for name in ("", SERVICE):
        reply = await health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_to_status_maps_the_error_class_to_the_grpc_code() -> None:
    status = to_status(InvalidField("amount_cents", "must be positive"))
    assert status.code is grpc.StatusCode.INVALID_ARGUMENT
    assert status.details == "amount_cents: must be positive"
