"""Every series Casework's alert rules and dashboard may use, named as Prometheus sees it.

This is the one list: tests/unit/deploy/test_prometheus.py and test_dashboard.py fail
on an expression in `deploy/prometheus/alerts.yaml` or `deploy/grafana/casework.json`
that names anything else, and the scrape tests check that what the code and the
Temporal SDK expose matches the names and labels here. The two endpoints write names
differently, which is why the names are spelled out rather than derived:

* a service (`common.metrics`, OpenTelemetry's exporter) appends the unit to a histogram
  (`..._seconds_bucket`) and `_total` to a counter;
* the worker (the Temporal SDK's exporter, `common.temporal.sdk_runtime`) appends
  neither: a counter from `metric_meter().create_counter("x")` is exposed as `x`, and
  durations are in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["counter", "gauge", "histogram"]


@dataclass(frozen=True)
class Series:
    """One metric as scraped."""

    name: str
    kind: Kind
    labels: tuple[str, ...]
    """The labels a query may group or match by (besides `le` on histograms and the
    SDK's namespace, task_queue and service_name on the worker's series)."""
    source: str
    """What emits it, so a reader can find the code."""

    @property
    def exposed(self) -> tuple[str, ...]:
        """The sample names a scrape shows for it."""
        if self.kind == "histogram":
            return (f"{self.name}_bucket", f"{self.name}_sum", f"{self.name}_count")
        return (self.name,)


RPC_SERVER_DURATION = Series(
    "casework_rpc_server_duration_seconds", "histogram", ("method", "code"),
    "every service: common.metrics.RpcLatency (seconds)")
ACTIVITY_FAILURES = Series(
    "casework_activity_failures", "counter", ("activity_type", "error_type"),
    "the worker: workflows.worker.ActivityFailures, on the SDK endpoint")
CASES = Series(
    "casework_cases", "gauge", ("phase", "program"),
    "intake, from its read model (common.metrics.register_gauge)")
CLOCKS = Series(
    "casework_clocks", "gauge", ("code", "status"),
    "intake, from its read model (common.metrics.register_gauge)")
OPEN_TASKS = Series(
    "casework_open_tasks", "gauge", ("task",),
    "intake, from its read model (common.metrics.register_gauge)")
CLOCK_WARNINGS = Series(
    "casework_clock_warnings", "counter", ("code",),
    "CaseWorkflow, workflow.metric_meter(), on the worker's SDK endpoint")
CLOCK_BREACHES = Series(
    "casework_clock_breaches", "counter", ("code",),
    "CaseWorkflow, workflow.metric_meter(), on the worker's SDK endpoint")
PHASE_DURATION = Series(
    "casework_phase_duration", "histogram", ("phase",),
    "CaseWorkflow, workflow.metric_meter(), milliseconds (buckets: common.temporal)")

RULE_DAYS_TO_LAPSE = Series(
    "casework_eligibility_rule_days_to_lapse", "gauge", ("parameter",),
    "eligibility, from its rulebook (services.eligibility.servicer.lapse_gauge)")

CASEWORK = (RPC_SERVER_DURATION, ACTIVITY_FAILURES, CASES, CLOCKS, OPEN_TASKS,
            CLOCK_WARNINGS, CLOCK_BREACHES, PHASE_DURATION, RULE_DAYS_TO_LAPSE)


def _sdk(name: str, kind: Kind, *labels: str) -> Series:
    return Series(f"temporal_{name}", kind, labels, "the Temporal SDK (sdk-core telemetry)")


TEMPORAL = (
    _sdk("workflow_completed", "counter", "workflow_type"),
    _sdk("workflow_task_execution_failed", "counter", "workflow_type", "failure_reason"),
    _sdk("workflow_task_execution_latency", "histogram", "workflow_type"),
    _sdk("workflow_task_schedule_to_start_latency", "histogram"),
    _sdk("workflow_endtoend_latency", "histogram", "workflow_type"),
    _sdk("activity_execution_failed", "counter", "activity_type"),
    _sdk("activity_execution_latency", "histogram", "activity_type"),
    _sdk("activity_schedule_to_start_latency", "histogram"),  # by task queue only
    _sdk("worker_task_slots_available", "gauge", "worker_type"),
    _sdk("worker_task_slots_used", "gauge", "worker_type"),
    _sdk("num_pollers", "gauge", "poller_type"),
    _sdk("sticky_cache_size", "gauge"),
    _sdk("request", "counter", "operation"),
    _sdk("request_latency", "histogram", "operation"),
)
"""The SDK's series the dashboard and alerts use (names from sdk-core's
`telemetry/metrics.rs`, each seen on a scrape in tests/unit/workflows/test_worker_metrics.py)."""

SERIES = (*CASEWORK, *TEMPORAL)

TARGET_LABELS = ("job", "instance", "app", "pod")
"""What Prometheus adds to every series of a target (deploy/prometheus/prometheus.yaml):
the scrape job, the address, the pod's app.kubernetes.io/name and the pod's name."""

PROMETHEUS = Series("up", "gauge", TARGET_LABELS, "Prometheus, per scrape target")
"""Not exposed by anything: Prometheus records it for each target it scrapes."""


def exposed_names() -> frozenset[str]:
    """Every sample name an alert or dashboard expression may use."""
    return frozenset(name for series in (*SERIES, PROMETHEUS) for name in series.exposed)
