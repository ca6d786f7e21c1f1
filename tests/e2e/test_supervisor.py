"""What `make up` does when a child dies, and on Ctrl-C/SIGTERM: stop every child, leave
nothing running, and exit 1 or 0 accordingly."""

from __future__ import annotations

import asyncio
import io
import os
import signal
from pathlib import Path

import pytest

from deploy.local import Ports, Stack, supervise
from tests.unit.deploy.test_local import alive

pytestmark = pytest.mark.e2e

UP = "Casework is up"


async def supervised(var_dir: Path) -> tuple[Stack, io.StringIO, asyncio.Task[int]]:
    """A migrated stack under `supervise`, returned once it says it is up."""
    out = io.StringIO()
    stack = Stack(var_dir, Ports.free(), out=out)
    await stack.migrate()
    running = asyncio.create_task(supervise(stack, out))
    for _ in range(600):
        if UP in out.getvalue() or running.done():
            break
        await asyncio.sleep(0.1)
    assert UP in out.getvalue(), out.getvalue()
    return stack, out, running


async def test_a_child_that_dies_is_reported_and_the_rest_are_stopped(tmp_path: Path) -> None:
    stack, out, running = await supervised(tmp_path)
    pids = [child.pid for child in stack.children]
    payments = next(child for child in stack.children if child.name == "payments")
    os.kill(payments.pid, signal.SIGKILL)
    assert await asyncio.wait_for(running, 60) == 1
    assert "payments exited with code -9" in out.getvalue()
    assert not [pid for pid in pids if alive(pid)]


async def test_sigterm_stops_every_child_and_exits_zero(tmp_path: Path) -> None:
    stack, out, running = await supervised(tmp_path)
    pids = [child.pid for child in stack.children]
    assert {child.name for child in stack.children} == {
        "temporal", "codec", "intake", "eligibility", "referrals", "payments", "worker"
    }
    os.kill(os.getpid(), signal.SIGTERM)  # what `kill` or Ctrl-C sends the supervisor
    assert await asyncio.wait_for(running, 60) == 0
    assert out.getvalue().rstrip().endswith("stopped")
    assert not [pid for pid in pids if alive(pid)]
