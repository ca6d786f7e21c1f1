"""Payload encryption on a real Temporal dev server: what the server keeps of a case is
ciphertext, as a client without the keys reads it; failures' messages are encrypted too;
and rotating the keyring mid-case, a worker with the new ring taking over from one with
the old, loses nothing.

The dev server rather than the time-skipping one: a case handed from one worker to the
next behaves there as in production (the time-skipping server goes on routing the case's
tasks to the departed worker's own queue). These cases need no time to pass."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import History
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from common.codec import ENCODING, KEY_ID, Keyring, PayloadKeyError
from tests import payloads
from tests.servers import dev_server
from tests.workflow.conftest import (
    AGENCY_ZONE,
    new_worker,
    phase_reached,
    start,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import interview, verification_requested
from workflows import search
from workflows.case import CaseWorkflow
from workflows.inputs import Phase, Program, VerificationInput
from workflows.state import CaseInput, CaseState

COUNTY = "Sentinelview"
"""A county no directory lists, in the case's input."""
SOURCE = "Sentinel Payroll Ltd stubs"
"""A verification's source as a caseworker typed it, in an Update's input."""
BENEFIT_CENTS = 48_213
"""The month's benefit, in the determination and the payment's arguments."""


@pytest.fixture(scope="module")
async def env() -> AsyncIterator[WorkflowEnvironment]:
    environment = await dev_server(
        search_attributes=search.KEYS,
        data_converter=payloads.converter())
    yield environment
    await environment.shutdown()


async def a_case(env: WorkflowEnvironment) -> CaseInput:
    return CaseInput(uuid.uuid4().hex, [Program.SNAP], "IL", await today_in_agency(env),
                     county=COUNTY, household_size=3, agency_timezone=AGENCY_ZONE)


async def verify_all(env: WorkflowEnvironment, handle: WorkflowHandle[Any, Any],
                     requested: CaseState) -> None:
    """Every item `requested` received, its source the sentinel."""
    today = await today_in_agency(env)
    for item in requested.verifications:
        await handle.execute_update(CaseWorkflow.submit_verification,
                                    VerificationInput(item.kind, SOURCE, today, "cw-0001"))


def without_keys(env: WorkflowEnvironment) -> Client:
    """A client with the SDK's default converter: what anyone reading the server's
    database or its API without the keys gets."""
    return Client(env.client.service_client, namespace=env.client.namespace)


async def raw_history(env: WorkflowEnvironment, workflow_id: str) -> History:
    history = await without_keys(env).get_workflow_handle(workflow_id).fetch_history()
    return History(events=history.events)


def key_ids(history: History) -> set[bytes]:
    return {payload.metadata[KEY_ID] for payload in payloads.payloads_in(history)}


async def test_a_case_leaves_no_payload_in_clear_on_the_server(env: WorkflowEnvironment) -> None:
    fakes = FakeServices(benefits={Program.SNAP: BENEFIT_CENTS})
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start(env, worker, await a_case(env))
        await interview(env, handle)
        await verify_all(env, handle, await verification_requested(handle))
        await phase_reached(handle, Phase.MONITORING)
        history = await raw_history(env, handle.id)

    found = payloads.payloads_in(history)
    assert len(found) > 50
    assert all(payload.metadata["encoding"] == ENCODING for payload in found)
    assert key_ids(history) == {b"test-key-1"}
    stored = history.SerializeToString()
    # Names are not payloads: the task queue and activity types stay readable.
    assert worker.task_queue.encode() in stored and b"authorize_payment" in stored
    for sentinel in (COUNTY, SOURCE, str(BENEFIT_CENTS)):
        assert sentinel.encode() not in stored, sentinel
    # With the keys, the same history says all of it.
    opened = await payloads.decoded_data(history)
    assert all(sentinel in opened for sentinel in (COUNTY, SOURCE, str(BENEFIT_CENTS)))


async def test_an_activity_failures_message_is_encrypted_and_the_workflow_still_reads_it(
    env: WorkflowEnvironment,
) -> None:
    fakes = FakeServices(refuse_payments=True)
    async with new_worker(env.client, fakes.activities()) as worker:
        handle = await start(env, worker, await a_case(env))
        await interview(env, handle)
        await verify_all(env, handle, await verification_requested(handle))
        state = await state_when(handle, lambda s: bool(s.refused_step))
        history = await raw_history(env, handle.id)

    assert state.refused_step == "authorize_payment: INVALID_ARGUMENT"  # the type stays readable
    [failure, *_] = [event.activity_task_failed_event_attributes.failure
                     for event in history.events
                     if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED]
    assert failure.message == "Encoded failure" and not failure.stack_trace
    assert failure.encoded_attributes.metadata["encoding"] == ENCODING
    assert b"must not be negative" not in history.SerializeToString()
    assert "amount_cents: must not be negative" in await payloads.decoded_data(failure)


async def test_rotating_to_key_2_mid_case_reads_what_key_1_wrote_and_writes_under_key_2(
    env: WorkflowEnvironment,
) -> None:
    """The worker and client restart with the ring [key 2, key 1]: the new worker replays
    the case's history written under key 1, and everything after is under key 2."""
    fakes = FakeServices()
    task_queue = f"tq-{uuid.uuid4()}"
    rotated = Client(env.client.service_client, namespace=env.client.namespace,
                     data_converter=payloads.converter(payloads.ROTATED))

    async with Worker(env.client, task_queue=task_queue, workflows=[CaseWorkflow],
                      activities=fakes.activities()):
        handle = await env.client.start_workflow(CaseWorkflow.run, await a_case(env),
                                                 id=f"case-{uuid.uuid4().hex}",
                                                 task_queue=task_queue)
        await interview(env, handle)
        requested = await verification_requested(handle)
    before = await raw_history(env, handle.id)
    assert key_ids(before) == {b"test-key-1"}

    after_rotation = rotated.get_workflow_handle_for(CaseWorkflow.run, handle.id)
    async with Worker(rotated, task_queue=task_queue, workflows=[CaseWorkflow],
                      activities=fakes.activities()):
        await verify_all(env, after_rotation, requested)
        state = await phase_reached(after_rotation, Phase.MONITORING)
        assert state.interviewed and state.county == COUNTY
        await after_rotation.cancel()
        with pytest.raises(WorkflowFailureError):
            await after_rotation.result()
    history = await raw_history(env, handle.id)

    written_after = History(events=history.events[len(before.events):])
    assert key_ids(written_after) == {b"test-key-2"}
    assert COUNTY in await payloads.decoded_data(history, payloads.ROTATED)
    with pytest.raises(PayloadKeyError, match="'test-key-1'"):
        await payloads.decoded_data(history, Keyring.parse([payloads.KEY_2]))
