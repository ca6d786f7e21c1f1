"""Every outbound call has a deadline, and inside an activity it ends before the attempt
does, so a service that hangs fails the attempt with DEADLINE_EXCEEDED (and Temporal
retries it) instead of holding it past its start-to-close timeout."""

from __future__ import annotations

import ast
import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from temporalio.testing import ActivityEnvironment

from services.intake.workflow_client import (
    CONNECT_TIMEOUT,
    QUERY_TIMEOUT,
    START_TIMEOUT,
    UPDATE_TIMEOUT,
)
from workflows.activities import _grpc
from workflows.activities._grpc import ATTEMPT_MARGIN_SECONDS, CALL_TIMEOUT_SECONDS, call
from workflows.acts import ACTIVITY_TIMEOUT

ACTIVITIES = Path(_grpc.__file__).parent


class Recording:
    """An RPC that answers at once and keeps the deadline each call was given."""

    def __init__(self) -> None:
        self.deadlines: list[float] = []

    async def __call__(self, request: Any, *, timeout: float) -> str:  # noqa: ASYNC109 (the stub signature)
        self.deadlines.append(timeout)
        return "answered"


def test_a_calls_own_deadline_leaves_its_activity_attempt_room() -> None:
    assert CALL_TIMEOUT_SECONDS + ATTEMPT_MARGIN_SECONDS < ACTIVITY_TIMEOUT.total_seconds()


async def test_calls_late_in_an_attempt_get_only_the_time_it_has_left() -> None:
    env = ActivityEnvironment()
    env.info = dataclasses.replace(
        env.info, start_to_close_timeout=ACTIVITY_TIMEOUT,
        started_time=datetime.now(UTC) - ACTIVITY_TIMEOUT + timedelta(seconds=4))
    rpc = Recording()

    async def three_calls() -> None:  # as make_referrals makes one call per need
        for _ in range(3):
            await call(rpc, object())

    await env.run(three_calls)
    assert len(rpc.deadlines) == 3
    assert all(0 < d <= 4 - ATTEMPT_MARGIN_SECONDS for d in rpc.deadlines)


async def test_an_early_call_gets_its_full_deadline() -> None:
    env = ActivityEnvironment()
    env.info = dataclasses.replace(env.info, start_to_close_timeout=ACTIVITY_TIMEOUT,
                                   started_time=datetime.now(UTC))
    rpc = Recording()
    await env.run(call, rpc, object())
    assert rpc.deadlines == [CALL_TIMEOUT_SECONDS]


def _stub_calls_outside_call(source: str) -> list[str]:
    """Attribute reads `self._<stub>.<Rpc>` (an RPC is capitalised) that are not the
    first argument of `call(...)`: calls made without `call`'s deadline."""
    tree = ast.parse(source)
    through_call = {id(node.args[0]) for node in ast.walk(tree)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "call" and node.args}
    return [ast.unparse(node) for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr[:1].isupper()
            and isinstance(node.value, ast.Attribute) and node.value.attr.startswith("_")
            and id(node) not in through_call]


def test_every_activity_calls_its_services_through_call() -> None:
    modules = sorted(p for p in ACTIVITIES.glob("*.py") if p.name != "_grpc.py")
    assert len(modules) >= 4
    found = {p.name: _stub_calls_outside_call(p.read_text()) for p in modules}
    assert found == {p.name: [] for p in modules}
    # The check sees an RPC read outside call(...) when there is one.
    assert _stub_calls_outside_call("async def f(self):\n    await self._stub.Rpc(x)\n") == [
        "self._stub.Rpc"]


def test_intakes_calls_to_temporal_each_have_a_deadline() -> None:
    for timeout in (CONNECT_TIMEOUT, START_TIMEOUT, QUERY_TIMEOUT, UPDATE_TIMEOUT):
        assert timedelta(0) < timeout <= timedelta(minutes=1)
    source = (Path(__file__).parents[3] / "services/intake/workflow_client.py").read_text()
    tree = ast.parse(source)
    temporal_calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                      and isinstance(node.func, ast.Attribute)
                      and node.func.attr in ("start_workflow", "query", "execute_update")]
    assert len(temporal_calls) == 3
    assert all("rpc_timeout" in {k.arg for k in node.keywords} for node in temporal_calls)
