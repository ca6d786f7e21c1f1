"""The services' metrics as Prometheus scrapes them: a real server with the latency
interceptor, called over gRPC, its `/metrics` read over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from common.config import Settings
from common.metrics import (
    ALLOWED_LABELS,
    MetricsEndpoint,
    Snapshot,
    check_labels,
    configure_metrics,
    register_gauge,
    serve_metrics,
)
from common.server import RunningServer, start_server
from tests.scrape import scrape, scrape_async
from tests.tokens import Issuer

RPC_COUNT = "casework_rpc_server_duration_seconds_count"


@pytest.fixture
def endpoint() -> Iterator[MetricsEndpoint]:
    served = serve_metrics("test", "127.0.0.1", 0)
    try:
        yield served
    finally:
        served.close()


async def boom(request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
    raise RuntimeError("a bug, not a status")


def register_boom(server: grpc.aio.Server) -> None:
    handler = grpc.unary_unary_rpc_method_handler(boom)
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("casework.v1.Test", {"Boom": handler}),))


@pytest.fixture
async def server(endpoint: MetricsEndpoint, issuer: Issuer) -> AsyncIterator[RunningServer]:
    running = await start_server("127.0.0.1:0", register_boom, ["casework.v1.Test"],
                                 authorization=issuer.allowing("/casework.v1.Test/Boom"),
                                 meter_provider=endpoint.provider)
    try:
        yield running
    finally:
        await running.stop(grace=0)


async def test_each_call_is_timed_by_method_and_status_code(
    endpoint: MetricsEndpoint, server: RunningServer, issuer: Issuer
) -> None:
    async with issuer.channel(f"127.0.0.1:{server.port}") as channel:
        health = health_pb2_grpc.HealthStub(channel)
        await health.Check(health_pb2.HealthCheckRequest(service="casework.v1.Test"))
        await health.Check(health_pb2.HealthCheckRequest(service="casework.v1.Test"))
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await health.Check(health_pb2.HealthCheckRequest(service="no.such.Service"))
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.aio.AioRpcError) as failed:
            await channel.unary_unary("/casework.v1.Test/Boom")(b"")
        assert failed.value.code() == grpc.StatusCode.UNKNOWN

    counts = {(s.labels["method"], s.labels["code"]): s.value
              for s in await scrape_async(endpoint.url) if s.name == RPC_COUNT}
    assert counts == {
        ("grpc.health.v1.Health/Check", "OK"): 2,
        ("grpc.health.v1.Health/Check", "NOT_FOUND"): 1,
        ("casework.v1.Test/Boom", "UNKNOWN"): 1,
    }


async def test_the_latency_histogram_has_second_buckets_and_only_method_and_code(
    endpoint: MetricsEndpoint, server: RunningServer, issuer: Issuer
) -> None:
    async with issuer.channel(f"127.0.0.1:{server.port}") as channel:
        await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    buckets = [s for s in await scrape_async(endpoint.url)
               if s.name == "casework_rpc_server_duration_seconds_bucket"]
    assert {s.labels["le"] for s in buckets} >= {"0.005", "0.1", "1.0", "60.0", "+Inf"}
    assert {key for s in buckets for key in s.labels} == {"method", "code", "le"}


async def test_a_streaming_call_still_streams_and_is_timed_when_it_ends(
    endpoint: MetricsEndpoint, server: RunningServer, issuer: Issuer
) -> None:
    """Health's Watch writes with context.write and runs until the caller leaves."""
    async with issuer.channel(f"127.0.0.1:{server.port}") as channel:
        watch = health_pb2_grpc.HealthStub(channel).Watch(
            health_pb2.HealthCheckRequest(service="casework.v1.Test"))
        first = await asyncio.wait_for(watch.read(), timeout=5)
        assert first.status == health_pb2.HealthCheckResponse.SERVING
        watch.cancel()
        for _ in range(50):
            samples = await scrape_async(endpoint.url)
            ended = {s.labels["code"] for s in samples
                     if s.name == RPC_COUNT and s.labels["method"].endswith("/Watch")}
            if ended:
                break
            await asyncio.sleep(0.05)
    assert ended == {"CANCELLED"}


async def test_a_method_the_server_does_not_have_is_not_a_series(
    endpoint: MetricsEndpoint, server: RunningServer, issuer: Issuer
) -> None:
    """A caller picks the method name, so recording unknown ones would let anyone add
    series (and put anything in a label)."""
    async with issuer.channel(f"127.0.0.1:{server.port}") as channel:
        call = channel.unary_unary("/person.Jane/Doe")
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call(b"")
        assert refused.value.code() == grpc.StatusCode.UNIMPLEMENTED
        await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
    methods = {s.labels["method"] for s in await scrape_async(endpoint.url) if s.name == RPC_COUNT}
    assert methods == {"grpc.health.v1.Health/Check"}


def test_a_gauge_reports_what_its_callback_returns_at_each_scrape(
    endpoint: MetricsEndpoint,
) -> None:
    snapshot = Snapshot()
    register_gauge("casework_cases", "Open cases by phase and program.", snapshot,
                   provider=endpoint.provider)
    snapshot.set([(3, {"phase": "INTERVIEW", "program": "SNAP"}),
                  (1, {"phase": "MONITORING", "program": "TANF"})])
    first = {(s.labels["phase"], s.labels["program"]): s.value
             for s in scrape(endpoint.url) if s.name == "casework_cases"}
    assert first == {("INTERVIEW", "SNAP"): 3, ("MONITORING", "TANF"): 1}
    snapshot.set([(4, {"phase": "INTERVIEW", "program": "SNAP"})])
    second = {(s.labels["phase"], s.labels["program"]): s.value
              for s in scrape(endpoint.url) if s.name == "casework_cases"}
    assert second == {("INTERVIEW", "SNAP"): 4}


async def test_a_snapshot_keeps_its_last_values_when_a_refresh_fails() -> None:
    snapshot = Snapshot()
    answers: list[object] = [[(2.0, {"task": "REFUSED_STEP"})], RuntimeError("db down")]

    async def compute() -> list[tuple[float, dict[str, str]]]:
        answer = answers.pop(0) if answers else []
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]

    refresh = asyncio.create_task(snapshot.refresh_every(0.01, compute))
    try:
        for _ in range(100):
            if not answers:
                break
            await asyncio.sleep(0.01)
        assert list(snapshot()) == [(2.0, {"task": "REFUSED_STEP"})]
    finally:
        refresh.cancel()


def test_a_gauge_with_a_label_that_is_not_allowed_is_left_out_of_the_scrape(
    endpoint: MetricsEndpoint,
) -> None:
    register_gauge("casework_cases", "Open cases by phase and program.",
                   lambda: [(1, {"phase": "intake", "caseworker": "cw-0101"})],
                   provider=endpoint.provider)
    register_gauge("casework_open_tasks", "Open tasks by task.",
                   lambda: [(2, {"task": "REFUSED_STEP"})], provider=endpoint.provider)
    samples = scrape(endpoint.url)
    assert not [s for s in samples if s.name == "casework_cases"]
    assert [(s.labels, s.value) for s in samples if s.name == "casework_open_tasks"] == [
        ({"task": "REFUSED_STEP"}, 2)]


def test_a_label_that_could_name_a_person_is_refused() -> None:
    assert check_labels("casework_cases", {"phase": "INTERVIEW"}) == {"phase": "INTERVIEW"}
    for key in ("case_id", "caseworker", "name", "member_id"):
        assert key not in ALLOWED_LABELS
        with pytest.raises(ValueError, match=f"casework_cases: label {key} is not allowed"):
            check_labels("casework_cases", {"phase": "INTERVIEW", key: "x"})


def test_metrics_are_off_unless_a_port_is_configured() -> None:
    assert configure_metrics(Settings.from_env("payments", {})) is None
    assert Settings.from_env("payments", {"CASEWORK_METRICS_PORT": ""}).metrics_port == 0


def test_a_process_own_metrics_port_wins_over_the_shared_one() -> None:
    env = {"CASEWORK_METRICS_PORT": "9464", "CASEWORK_WORKER_METRICS_PORT": "9470",
           "CASEWORK_METRICS_HOST": "0.0.0.0"}
    assert Settings.from_env("worker", env).metrics_port == 9470
    assert Settings.from_env("payments", env).metrics_port == 9464
    assert Settings.from_env("payments", env).metrics_host == "0.0.0.0"
    assert Settings.from_env("payments", {}).metrics_host == "127.0.0.1"
