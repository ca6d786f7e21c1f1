"""The one way a Casework process connects to Temporal, and the worker's SDK metrics."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from common.config import Settings

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


def sdk_runtime(settings: Settings) -> Runtime | None:
    """A Temporal runtime that serves the SDK's metrics on the process's metrics port:
    the `temporal_*` series (counters without `_total`, durations in milliseconds, as
    Temporal's published dashboards expect) and whatever the workflow and activities
    record through `metric_meter()`. None when the metrics port is 0."""
    if not settings.metrics_port:
        return None
    prometheus = PrometheusConfig(
        bind_address=f"{settings.metrics_host}:{settings.metrics_port}",
        histogram_bucket_overrides={"casework_phase_duration": PHASE_DURATION_BUCKETS_MS},
    )
    return Runtime(telemetry=TelemetryConfig(metrics=prometheus))


async def connect(settings: Settings, runtime: Runtime | None = None) -> Client:
    """A client on the configured server and namespace; the tracing interceptor makes the
    workflows it starts, and the activities they run, join the caller's trace. A worker
    passes its `sdk_runtime`, so its workflows and activities are measured."""
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                interceptors=[TracingInterceptor()], runtime=runtime)
