"""CaseWorkflow's own metrics on the worker's SDK endpoint, as Prometheus scrapes them:
a clock's warning and breach are counted by its code, and each phase's duration lands in
day-sized buckets, under the names the alert rules and dashboard use (`common.series`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time

import pytest
from temporalio.testing import WorkflowEnvironment

from common.config import Settings
from common.metrics import ALLOWED_LABELS
from common.series import CLOCK_BREACHES, CLOCK_WARNINGS, PHASE_DURATION
from common.temporal import sdk_runtime
from tests.scrape import free_port, scrape_async
from tests.servers import time_skipping
from tests.workflow.conftest import new_worker, start_case
from tests.workflow.fakes import FakeServices
from tests.workflow.test_calendar import sleep_until
from tests.workflow.test_deadlines import hearing_on_the_amount
from workflows import search, sla

METRICS_PORT = free_port()


@pytest.fixture(scope="module")
async def env() -> AsyncIterator[WorkflowEnvironment]:
    """This module's test server, its client on the worker's metrics runtime."""
    settings = Settings.from_env("worker", {"CASEWORK_WORKER_METRICS_PORT": str(METRICS_PORT)})
    environment = await time_skipping(runtime=sdk_runtime(settings))
    await search.register(environment.client)
    yield environment
    await environment.shutdown()


async def test_a_clock_warning_and_breach_and_the_phases_are_measured(
        env: WorkflowEnvironment) -> None:
    async with new_worker(env.client, FakeServices().activities()) as worker:
        handle = await start_case(env, worker)
        today, _ = await hearing_on_the_amount(env, handle)
        await sleep_until(env, sla.add_days(today, 61), time(8))  # 60 days, then breached
        samples = await scrape_async(f"http://127.0.0.1:{METRICS_PORT}/metrics")

    def counted(name: str) -> dict[str, float]:
        return {s.labels["code"]: s.value for s in samples if s.name == name}

    assert counted(CLOCK_WARNINGS.name).get("SNAP_HEARING_DECISION") == 1
    assert counted(CLOCK_BREACHES.name) == {"SNAP_HEARING_DECISION": 1}
    phases = {s.labels["phase"] for s in samples if s.name == f"{PHASE_DURATION.name}_count"}
    assert {"intake", "verification", "determination"} <= phases
    assert {key for s in samples for key in s.labels} <= ALLOWED_LABELS
