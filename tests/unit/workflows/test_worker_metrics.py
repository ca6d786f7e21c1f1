"""The worker's metrics endpoint as Prometheus scrapes it: the Temporal SDK's runtime from
`common.temporal.sdk_runtime`, a worker with `ActivityFailures`, and a probe workflow
that records the case workflow's series the way `CaseWorkflow` does, so the names the
alerts and dashboard use are checked against what the SDK really writes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from temporalio import activity, workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

# The sandbox re-imports this module for the probe workflows: what they do not use
# (HTTP, grpc, the worker) is passed through rather than re-imported.
with workflow.unsafe.imports_passed_through():
    import grpc

    from common.config import Settings
    from common.metrics import ALLOWED_LABELS
    from common.series import (
        ACTIVITY_FAILURES,
        CLOCK_BREACHES,
        CLOCK_WARNINGS,
        PHASE_DURATION,
        TEMPORAL,
    )
    from common.temporal import DAY_MS, sdk_runtime
    from tests.scrape import Sample, free_port, scrape_async
    from tests.servers import time_skipping
    from workflows.worker import ActivityFailures, case_worker, error_type

TWO_DAYS_MS = 2 * DAY_MS


@activity.defn
async def refuse() -> None:
    raise ApplicationError("household.members[0].birth_date: in the future",
                           type="INVALID_ARGUMENT", non_retryable=True)


@activity.defn
async def unreachable() -> None:
    raise grpc.aio.AioRpcError(grpc.StatusCode.UNAVAILABLE, grpc.aio.Metadata(),
                               grpc.aio.Metadata(), "connection refused")


@activity.defn
async def succeed() -> str:
    return "done"


@workflow.defn
class ProbeWorkflow:
    """Records the case workflow's own series and runs activities that fail each way."""

    @workflow.run
    async def run(self) -> str:
        meter = workflow.metric_meter()
        meter.create_counter(CLOCK_WARNINGS.name).add(1, {"code": "SNAP_APPLICATION_PROCESSING"})
        meter.create_counter(CLOCK_BREACHES.name).add(1, {"code": "SNAP_APPLICATION_PROCESSING"})
        # As CaseWorkflow records it (workflows/acts.py): a timedelta, exposed in ms.
        meter.create_histogram_timedelta(PHASE_DURATION.name, "Time in a phase").record(
            timedelta(days=2), {"phase": "intake"})
        once = RetryPolicy(maximum_attempts=1)
        for failing in (refuse, unreachable):
            try:
                await workflow.execute_activity(
                    failing, start_to_close_timeout=timedelta(seconds=10), retry_policy=once)
            except ActivityError:
                pass
        return await workflow.execute_activity(
            succeed, start_to_close_timeout=timedelta(seconds=10))


@workflow.defn
class BrokenWorkflow:
    """A bug in workflow code: each workflow task fails and is retried, and the case
    stands still, which is what the stuck-case alert watches for."""

    @workflow.run
    async def run(self) -> None:
        raise RuntimeError("a bug")


@dataclass
class Endpoint:
    env: WorkflowEnvironment
    url: str


@pytest.fixture(scope="module")
async def worker_endpoint() -> AsyncIterator[Endpoint]:
    port = free_port()
    runtime = sdk_runtime(Settings.from_env("worker", {"CASEWORK_WORKER_METRICS_PORT": str(port)}))
    assert runtime is not None
    env = await time_skipping(runtime=runtime)
    try:
        yield Endpoint(env, f"http://127.0.0.1:{port}/metrics")
    finally:
        await env.shutdown()


@pytest.fixture(scope="module")
async def samples(worker_endpoint: Endpoint) -> list[Sample]:
    """What the endpoint serves after one probe case ran and a broken one failed a task."""
    env, queue = worker_endpoint.env, f"metrics-{uuid.uuid4()}"
    async with Worker(env.client, task_queue=queue, workflows=[ProbeWorkflow, BrokenWorkflow],
                      activities=[refuse, unreachable, succeed],
                      interceptors=[ActivityFailures()]):
        assert await env.client.execute_workflow(
            ProbeWorkflow.run, id=f"probe-{uuid.uuid4()}", task_queue=queue) == "done"
        broken = await env.client.start_workflow(
            BrokenWorkflow.run, id=f"broken-{uuid.uuid4()}", task_queue=queue)
        try:
            for _ in range(100):
                scraped = await scrape_async(worker_endpoint.url)
                if any(s.name == "temporal_workflow_task_execution_failed" for s in scraped):
                    return scraped
                await asyncio.sleep(0.05)
            names = sorted({s.name for s in scraped})
            raise AssertionError(f"no workflow task failure was counted; scraped {names}")
        finally:
            await broken.terminate()


def test_the_sdk_exposes_every_temporal_series_the_dashboard_and_alerts_use(
    samples: list[Sample],
) -> None:
    for series in TEMPORAL:
        found = [s for s in samples if s.name in series.exposed]
        assert {s.name for s in found} == set(series.exposed), series.name
        assert all(set(series.labels) <= s.labels.keys() for s in found), series.name


def test_activity_failures_are_counted_by_activity_and_error_type_never_the_message(
    samples: list[Sample],
) -> None:
    failures = {(s.labels["activity_type"], s.labels["error_type"]): s.value
                for s in samples if s.name == ACTIVITY_FAILURES.name}
    assert failures == {("refuse", "INVALID_ARGUMENT"): 1, ("unreachable", "UNAVAILABLE"): 1}
    assert not any("birth_date" in value for s in samples for value in s.labels.values())


def test_the_workflow_counters_have_no_total_suffix_and_phase_durations_span_days(
    samples: list[Sample],
) -> None:
    names = {s.name for s in samples}
    assert {CLOCK_WARNINGS.name, CLOCK_BREACHES.name} <= names
    assert not {f"{CLOCK_WARNINGS.name}_total", f"{CLOCK_BREACHES.name}_total"} & names
    (breaches,) = [s for s in samples if s.name == CLOCK_BREACHES.name]
    assert breaches.labels["code"] == "SNAP_APPLICATION_PROCESSING" and breaches.value == 1
    buckets = {float(s.labels["le"]): s.value for s in samples
               if s.name == f"{PHASE_DURATION.name}_bucket" and s.labels["phase"] == "intake"}
    assert buckets[DAY_MS] == 0 and buckets[TWO_DAYS_MS] == 1, "day-sized buckets, in ms"
    assert {f"{PHASE_DURATION.name}_sum", f"{PHASE_DURATION.name}_count"} <= names


def test_no_worker_series_has_a_label_that_could_name_a_person(samples: list[Sample]) -> None:
    keys = {key for s in samples for key in s.labels}
    assert keys <= ALLOWED_LABELS, keys - ALLOWED_LABELS


async def test_the_case_worker_counts_activity_failures(worker_endpoint: Endpoint) -> None:
    worker = case_worker(worker_endpoint.env.client, "unused", [succeed])
    assert any(isinstance(each, ActivityFailures) for each in worker.config()["interceptors"])


def test_an_error_type_is_a_code_or_a_class_name() -> None:
    assert error_type(ApplicationError("x", type="NOT_FOUND")) == "NOT_FOUND"
    assert error_type(ApplicationError("x")) == "ApplicationError"
    assert error_type(ValueError("Jane Doe")) == "ValueError"


def test_no_sdk_metrics_without_a_metrics_port() -> None:
    assert sdk_runtime(Settings.from_env("worker", {})) is None
