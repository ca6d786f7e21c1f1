"""The one way a Casework process connects to Temporal, and the worker's SDK metrics."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from common.codec import EncryptionCodec, Keyring, payload_keyring
from common.config import Settings
from common.tls import identity_for, server_context, temporal_tls
from common.tls_front import tls_front

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
PHASE_DURATION_BUCKETS_MS = (
    HOUR_MS, 6 * HOUR_MS, DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 5 * DAY_MS, 7 * DAY_MS,
    10 * DAY_MS, 14 * DAY_MS, 21 * DAY_MS, 30 * DAY_MS, 45 * DAY_MS, 60 * DAY_MS,
    90 * DAY_MS, 180 * DAY_MS, 365 * DAY_MS,
)
"""Buckets for `casework_phase_duration` (milliseconds): a phase lasts hours to months,
and the SDK's default buckets stop at 10 seconds. The day marks are the ones the clocks
use (7, 10, 30, 45, 90 days), so a quantile can be read against a deadline."""


def sdk_runtime(settings: Settings, *, bind_address: str = "") -> Runtime | None:
    """A Temporal runtime that serves the SDK's metrics on the process's metrics port
    (or `bind_address`): the `temporal_*` series (counters without `_total`, durations
    in milliseconds, as Temporal's published dashboards expect) and whatever the
    workflow and activities record through `metric_meter()`. None when the metrics
    port is 0."""
    if not settings.metrics_port:
        return None
    prometheus = PrometheusConfig(
        bind_address=bind_address or f"{settings.metrics_host}:{settings.metrics_port}",
        histogram_bucket_overrides={"casework_phase_duration": PHASE_DURATION_BUCKETS_MS},
    )
    return Runtime(telemetry=TelemetryConfig(metrics=prometheus))


def _free_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def sdk_metrics(settings: Settings) -> AsyncIterator[Runtime | None]:
    """`sdk_runtime` for the block. The SDK's Prometheus endpoint cannot do TLS, so with
    TLS on it listens on a loopback port of its own and a TLS front
    (`common.tls_front`, the worker's certificate, a client certificate required)
    serves the metrics port for it."""
    identity = identity_for(settings)
    if identity is None or not settings.metrics_port:
        yield sdk_runtime(settings)
        return
    inner = f"127.0.0.1:{_free_loopback_port()}"
    runtime = sdk_runtime(settings, bind_address=inner)
    async with tls_front(f"{settings.metrics_host}:{settings.metrics_port}", inner,
                         server_context(identity)):
        yield runtime


def encrypting_converter(keyring: Keyring, namespace: str) -> DataConverter:
    """The data converter of every Casework client and worker: every payload (workflow
    and activity inputs and results, Update and Query arguments and results, memo) is
    encrypted for `namespace` (`common.codec`), and failures carry their message and
    stack trace in an encoded attribute, so those are encrypted too (the failure's type
    stays readable, and workflow code still sees the message)."""
    return DataConverter(payload_codec=EncryptionCodec(keyring, namespace),
                         failure_converter_class=DefaultFailureConverterWithEncodedAttributes)


def converter_for(settings: Settings) -> DataConverter:
    """`encrypting_converter` with the configured keyring and namespace."""
    return encrypting_converter(payload_keyring(settings), settings.temporal_namespace)


async def connect(
    settings: Settings, runtime: Runtime | None = None, *,
    data_converter: DataConverter | None = None,
) -> Client:
    """A client on the configured server and namespace, encrypting with the configured
    keyring (`converter_for`, unless the caller built it already); the tracing
    interceptor makes the workflows it starts, and the activities they run, join the
    caller's trace. A worker passes its `sdk_runtime`, so its workflows and activities
    are measured. With TLS on it is mutual TLS with the process's certificate."""
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                data_converter=data_converter or converter_for(settings),
                                interceptors=[TracingInterceptor()], runtime=runtime,
                                tls=temporal_tls(identity_for(settings)))
