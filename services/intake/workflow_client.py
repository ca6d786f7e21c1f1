"""Intake's Temporal client for the case workflows: start, query, update, and what a
case's retried activities are waiting on.

The workflow is reached by the names of its contract (`workflows.WORKFLOW_TYPE`,
`STATUS_QUERY`, `Update`), which CaseWorkflow registers itself under, so a rename breaks
an import rather than a live call; intake imports no workflow code beyond the contract
and its dataclasses, and the two deploy separately. Temporal's failures become the
service's errors here:

| Temporal says | the caller gets |
|---|---|
| an Update's validator refused the step | FAILED_PRECONDITION, with the validator's message |
| no such workflow | NOT_FOUND |
| the workflow has already finished | FAILED_PRECONDITION |
| unreachable, or no answer in time | UNAVAILABLE (safe to retry) |
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from temporalio.api.workflow.v1 import PendingActivityInfo
from temporalio.client import (
    Client,
    WorkflowQueryFailedError,
    WorkflowQueryRejectedError,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import FailureError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from common.errors import CaseworkError, Conflict, NotFound, Unavailable
from services.intake.domain import CaseworkerStep
from workflows import SERVICE_OF_ACTIVITY, STATUS_QUERY, WORKFLOW_TYPE, workflow_id
from workflows.state import CaseInput, CaseState

log = logging.getLogger(__name__)

QUERY_TIMEOUT = timedelta(seconds=5)
"""A read of a case falls back to what intake stored rather than keep the caller waiting."""

UPDATE_TIMEOUT = timedelta(seconds=60)
"""An Update runs activities (closure issues a notice); a minute covers a slow service."""

START_TIMEOUT = timedelta(seconds=10)
"""Starting a workflow is one write on the Temporal server; past this it is down, and
the submission (already stored) is started again when its system retries."""

CONNECT_TIMEOUT = timedelta(seconds=10)
"""Connecting to Temporal; past this intake says UNAVAILABLE and tries on the next call."""


class CaseWorkflowClient:
    """Starts, queries and updates case workflows through one lazily connected client.

    The connection is made on first use and retried on each later call until it
    succeeds, so intake starts (and serves reads of stored cases) before Temporal is up.
    """

    def __init__(self, connect: Callable[[], Awaitable[Client]], *, task_queue: str) -> None:
        self._connect = connect
        self._task_queue = task_queue
        self._client: Client | None = None
        self._connecting = asyncio.Lock()

    async def _get_client(self) -> Client:
        async with self._connecting:
            if self._client is None:
                try:
                    async with asyncio.timeout(CONNECT_TIMEOUT.total_seconds()):
                        self._client = await self._connect()
                except (RuntimeError, RPCError, OSError) as error:  # timing out too
                    log.warning("cannot reach Temporal: %s", type(error).__name__)
                    raise Unavailable("the workflow service is unavailable; retry") from error
            return self._client

    async def start(self, case: CaseInput) -> None:
        """Start the case's workflow; one already started (a retried submission) is fine,
        and so is one that has ended: a closed case is never started afresh."""
        client = await self._get_client()
        try:
            await client.start_workflow(WORKFLOW_TYPE, case, id=workflow_id(case.case_id),
                                        task_queue=self._task_queue, result_type=CaseState,
                                        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
                                        rpc_timeout=START_TIMEOUT)
        except WorkflowAlreadyStartedError:
            pass
        except RPCError as error:
            _raise_for(error)

    async def status(self, case_id: str) -> CaseState | None:
        """The case's live state, or None when its workflow cannot be asked right now."""
        try:
            # The client retries a query internally (e.g. while a restarted worker has not
            # polled yet), past rpc_timeout; the outer limit keeps GetCase answering.
            async with asyncio.timeout(QUERY_TIMEOUT.total_seconds()):
                client = await self._get_client()
                return await client.get_workflow_handle(workflow_id(case_id)).query(  # type: ignore[no-any-return]
                    STATUS_QUERY, result_type=CaseState, rpc_timeout=QUERY_TIMEOUT)
        except (Unavailable, RPCError, WorkflowQueryFailedError,
                WorkflowQueryRejectedError, TimeoutError) as error:
            log.info("case state unavailable: %s", type(error).__name__)
            return None

    async def waiting_on(self, case_id: str) -> list[Waiting]:
        """The case's steps that failed and that Temporal is retrying, from its pending
        activities; empty when there are none or the workflow cannot be asked."""
        try:
            async with asyncio.timeout(QUERY_TIMEOUT.total_seconds()):
                client = await self._get_client()
                described = await client.get_workflow_handle(workflow_id(case_id)).describe(
                    rpc_timeout=QUERY_TIMEOUT)
        except (Unavailable, RPCError, TimeoutError) as error:
            log.info("case activities unavailable: %s", type(error).__name__)
            return []
        return [_waiting(pending) for pending in described.raw_description.pending_activities
                if pending.HasField("last_failure")]

    async def update(self, step: CaseworkerStep) -> CaseState:
        """Send a caseworker step as an Update and return the case's state after it."""
        client = await self._get_client()
        handle = client.get_workflow_handle(workflow_id(step.case_id))
        try:
            return await handle.execute_update(  # type: ignore[no-any-return]
                step.update, step.input, result_type=CaseState, rpc_timeout=UPDATE_TIMEOUT)
        except WorkflowUpdateFailedError as error:
            # The validator's message names the phase or field, never a value.
            cause = error.cause
            raise Conflict(cause.message if isinstance(cause, FailureError)
                           else "the case refused the step") from error
        except WorkflowUpdateRPCTimeoutOrCancelledError as error:
            raise Unavailable("the case did not answer in time; retry") from error
        except RPCError as error:
            _raise_for(error)


@dataclass(frozen=True)
class Waiting:
    """A step of a case that failed and is being retried (GetCase's `waiting_on`)."""

    step: str
    service: str
    attempt: int
    failure: str
    """A status code name, TIMEOUT, or FAILURE for anything else; never a message."""
    next_attempt_at: datetime | None


def _waiting(pending: PendingActivityInfo) -> Waiting:
    failure = pending.last_failure
    if failure.HasField("application_failure_info"):  # `call` types it with the code
        kind = failure.application_failure_info.type or "FAILURE"
    elif failure.HasField("timeout_failure_info"):
        kind = "TIMEOUT"
    else:
        kind = "FAILURE"
    step = pending.activity_type.name
    return Waiting(step, SERVICE_OF_ACTIVITY.get(step, ""), pending.attempt, kind,
                   pending.next_attempt_schedule_time.ToDatetime(tzinfo=UTC)
                   if pending.HasField("next_attempt_schedule_time") else None)


def _raise_for(error: RPCError) -> NoReturn:
    mapped: CaseworkError
    if error.status == RPCStatusCode.NOT_FOUND:
        mapped = NotFound("no such case")
    elif error.status == RPCStatusCode.FAILED_PRECONDITION:
        mapped = Conflict("the case is no longer running")
    elif error.status in (RPCStatusCode.UNAVAILABLE, RPCStatusCode.DEADLINE_EXCEEDED,
                          RPCStatusCode.RESOURCE_EXHAUSTED, RPCStatusCode.CANCELLED):
        mapped = Unavailable("the workflow service is unavailable; retry")
    else:
        mapped = CaseworkError(f"the workflow service failed ({error.status.name})")
    raise mapped from error
