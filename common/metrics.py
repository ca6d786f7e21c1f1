"""OpenTelemetry metrics for the services, served on `/metrics` for Prometheus to scrape.

Prometheus pulls, so a service only has to answer on a port (`Settings.metrics_port`;
0 serves nothing) and never needs to know where Prometheus runs. Each process has its
own registry rather than prometheus_client's global one, so two servers in one test
process cannot mix their series. The worker does not use this module: the Temporal SDK
serves its own `temporal_*` series (`common.temporal.sdk_runtime`).

Labels are the privacy boundary of metrics: a series is kept for weeks and shown to
anyone with dashboard access, so its labels may only be codes, phases, programs, tasks
and method names (`ALLOWED_LABELS`), never anything that could name a person or a case.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import grpc
from opentelemetry import metrics
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.metrics import CallbackOptions, MeterProvider, Observation
from opentelemetry.sdk.metrics import MeterProvider as SdkMeterProvider
from opentelemetry.sdk.resources import Resource
from prometheus_client import CollectorRegistry, start_http_server

from common.config import Settings
from common.tls import Identity, identity_for

log = logging.getLogger(__name__)

METER = "casework"
RPC_SERVER_DURATION = "casework_rpc_server_duration"
"""Seconds per served call; Prometheus sees `casework_rpc_server_duration_seconds`."""
RPC_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
"""From a cached read (ms) to an Update that waits on the workflow (up to 60 s)."""

ALLOWED_LABELS = frozenset({
    # Casework's own series.
    "method", "code", "phase", "program", "status", "task", "activity_type", "error_type",
    # A rule parameter's dotted name (snap.max_allotment.contiguous): a file under
    # services/eligibility/parameters, so a fixed set of a few dozen.
    "parameter",
    # What the Temporal SDK puts on its series (and on ours from `workflow.metric_meter()`).
    "namespace", "task_queue", "workflow_type", "service_name", "operation", "status_code",
    "poller_type", "worker_type", "eager", "failure_reason",
    # Prometheus's own: histogram buckets.
    "le",
})
"""Every label key a Casework series may carry. Values of these are codes or names from
the code (a clock code, a phase, a gRPC method), so no series can identify a person."""

Labels = Mapping[str, str]
Observe = Callable[[], Iterable[tuple[float, Labels]]]
"""What a gauge reports at each scrape: (value, labels) pairs."""


@dataclass
class MetricsEndpoint:
    """A meter provider and the HTTP server that shows its series to Prometheus."""

    provider: SdkMeterProvider
    port: int
    _server: Any
    _thread: Any

    tls: bool = False

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{host}:{port}/metrics"

    def close(self) -> None:
        """Stop answering scrapes and release the port."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.provider.shutdown()


def serve_metrics(process: str, host: str, port: int, identity: Identity | None = None
                  ) -> MetricsEndpoint:
    """A meter provider for `process` exported on http://host:port/metrics; port 0 lets
    the OS choose (tests), and `MetricsEndpoint.port` says which. With `identity` it is
    https, and a scraper must show a client certificate from the CA (`common.tls`)."""
    registry = CollectorRegistry(auto_describe=True)
    # No scope labels (otel_scope_*) and no target_info: Prometheus's own job and
    # instance labels say which process a series came from.
    reader = PrometheusMetricReader(
        disable_target_info=True, scope_info_enabled=False, registry=registry)
    provider = SdkMeterProvider(
        metric_readers=[reader],
        resource=Resource.create({"service.name": f"casework-{process}"}))
    if identity is None:
        server, thread = start_http_server(port, addr=host, registry=registry)
    else:
        server, thread = start_http_server(
            port, addr=host, registry=registry, certfile=str(identity.cert),
            keyfile=str(identity.key), client_cafile=str(identity.ca),
            client_auth_required=True)
    return MetricsEndpoint(provider, server.server_address[1], server, thread,
                           tls=identity is not None)


def configure_metrics(settings: Settings) -> MetricsEndpoint | None:
    """Serve this process's metrics as `settings` says and make the provider global, so
    `register_gauge` and `RpcLatency` find it; None (and nothing served) when the
    metrics port is 0."""
    if not settings.metrics_port:
        return None
    endpoint = serve_metrics(settings.process, settings.metrics_host, settings.metrics_port,
                             identity_for(settings))
    metrics.set_meter_provider(endpoint.provider)
    return endpoint


def check_labels(name: str, labels: Labels) -> dict[str, str]:
    """The labels as OpenTelemetry attributes, refused if a key is not in ALLOWED_LABELS.

    Raises:
        ValueError: naming the series and the key, never the value.
    """
    unknown = set(labels) - ALLOWED_LABELS
    if unknown:
        raise ValueError(f"{name}: label {', '.join(sorted(unknown))} is not allowed "
                         "(see common.metrics.ALLOWED_LABELS)")
    return {key: str(value) for key, value in labels.items()}


def register_gauge(
    name: str,
    description: str,
    observe: Observe,
    *,
    unit: str = "",
    provider: MeterProvider | None = None,
) -> None:
    """A gauge whose values `observe` gives at every scrape, e.g. open cases by phase:

        cases = Snapshot()
        register_gauge("casework_cases", "Open cases by phase and program.", cases)
        refresh = asyncio.create_task(cases.refresh_every(30, count_open_cases))

    `observe` runs on the HTTP server's thread while Prometheus waits, so it must be
    quick and must not touch the event loop: have it read numbers a task of the service
    keeps fresh (`Snapshot`). Registering before `configure_metrics` is fine; the
    global provider picks the gauge up once it is set. A label key outside
    ALLOWED_LABELS drops the gauge from that scrape, and the error (key, not value) is
    logged. A `unit` is appended to the exposed name (`s` gives `..._seconds`), so
    counts have none.
    """

    def callback(options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(value, check_labels(name, labels)) for value, labels in observe()]

    meter = (provider or metrics.get_meter_provider()).get_meter(METER)
    meter.create_observable_gauge(name, callbacks=[callback], description=description,
                                  unit=unit)


class Snapshot:
    """The latest (value, labels) pairs an async query computed, for a gauge to read.

    A gauge's callback cannot await a database query, so the service refreshes a
    snapshot on its own loop (`refresh_every`) and the callback returns the last one.
    """

    def __init__(self) -> None:
        self._rows: tuple[tuple[float, Labels], ...] = ()

    def __call__(self) -> Iterable[tuple[float, Labels]]:
        return self._rows

    def set(self, rows: Iterable[tuple[float, Labels]]) -> None:
        self._rows = tuple(rows)  # one assignment: a scrape sees the old or the new set

    async def refresh_every(
        self, seconds: float, compute: Callable[[], Awaitable[Iterable[tuple[float, Labels]]]]
    ) -> None:
        """Recompute forever (cancel the task to stop); a failed query keeps the last
        values rather than stopping the refresh."""
        while True:
            try:
                self.set(await compute())
            except Exception as error:  # a query failing is no reason to stop counting
                log.warning(
                    "metrics snapshot failed: %s", type(error).__name__)
            await asyncio.sleep(seconds)


class RpcLatency(grpc.aio.ServerInterceptor):
    """Records how long each served call took, labelled with its method and status code.

    OpenTelemetry's gRPC instrumentation only makes spans, so this is the histogram.
    Calls to a method the server does not have are not recorded: their name is whatever
    the caller sent, and a label must not take unbounded values.
    """

    def __init__(self, provider: MeterProvider | None = None) -> None:
        meter = (provider or metrics.get_meter_provider()).get_meter(METER)
        self._duration = meter.create_histogram(
            RPC_SERVER_DURATION, unit="s", description="Time to serve one gRPC call.",
            explicit_bucket_boundaries_advisory=RPC_BUCKETS)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method.lstrip("/")  # type: ignore[attr-defined]
        return _timed(handler, method, self._record)

    def _record(self, method: str, code: str, started: float) -> None:
        self._duration.record(time.perf_counter() - started, {"method": method, "code": code})


Record = Callable[[str, str, float], None]


def _code(context: grpc.aio.ServicerContext[Any, Any], error: BaseException | None) -> str:
    """The status the call ended with: what the handler set or aborted with; UNKNOWN for
    an exception it did not turn into a status (what grpc answers then)."""
    code = context.code()
    if isinstance(code, grpc.StatusCode):
        return code.name
    if error is not None:
        return "CANCELLED" if isinstance(error, asyncio.CancelledError) else "UNKNOWN"
    return "OK"


def _timed(handler: grpc.RpcMethodHandler, method: str, record: Record) -> grpc.RpcMethodHandler:
    """The same handler, with each call's duration and status recorded when it ends."""
    single = handler.unary_unary or handler.stream_unary
    if single is not None:
        answer = single

        async def one_reply(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            started, error = time.perf_counter(), None
            try:
                return await answer(request, context)
            except BaseException as raised:
                error = raised
                raise
            finally:
                record(method, _code(context, error), started)

        make_single = (grpc.unary_unary_rpc_method_handler if handler.unary_unary is not None
                       else grpc.stream_unary_rpc_method_handler)
        return make_single(one_reply, request_deserializer=handler.request_deserializer,
                           response_serializer=handler.response_serializer)
    streaming = handler.unary_stream or handler.stream_stream
    assert streaming is not None

    async def stream_out(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        started, error = time.perf_counter(), None
        try:
            result = streaming(request, context)
            if hasattr(result, "__aiter__"):
                async for reply in result:
                    yield reply
            else:  # a handler that writes with context.write and returns nothing
                await result
        except BaseException as raised:
            error = raised
            raise
        finally:
            record(method, _code(context, error), started)

    make = (grpc.unary_stream_rpc_method_handler if handler.unary_stream is not None
            else grpc.stream_stream_rpc_method_handler)
    return make(stream_out, request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer)

