"""`make up` as a person at a terminal sees it: the stack runs until Ctrl-C or SIGTERM,
or until a child dies on its own, and then everything is stopped either way."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any, TextIO, TypeVar

from common.process import stop_signals
from deploy.local.stack import Stack, StackError

Result = TypeVar("Result")


async def supervise(stack: Stack, out: TextIO = sys.stdout) -> int:
    """Run the stack until Ctrl-C/SIGTERM (exit 0) or until a child dies (exit 1)."""
    async with stop_signals() as stopping:
        try:
            addresses = await _unless_stopped(stack.start(), stopping)
            if addresses is None:
                return 0
            _say(out, f"Casework is up (data in {stack.var_dir}):\n{addresses.table()}")
            _say(out, "Press Ctrl-C to stop everything.")
            exited = await _unless_stopped(stack.wait_for_exit(), stopping)
            if exited is not None:
                raise StackError(exited.describe_exit())
            return 0
        except StackError as error:
            _say(out, f"casework: {error}; stopping the rest")
            return 1
        finally:
            _say(out, "stopping...")
            # Still inside `stop_signals`: a second Ctrl-C meanwhile is absorbed, so
            # stopping finishes instead of leaving children behind.
            await stack.stop()
            _say(out, "stopped")


async def _unless_stopped(
    work: Coroutine[Any, Any, Result], stopping: asyncio.Event
) -> Result | None:
    """What `work` returns, or None (and `work` is cancelled) if a stop is asked for
    first; a stop during start-up must not wait for a slow child to become ready."""
    task = asyncio.create_task(work)
    stop_requested = asyncio.create_task(stopping.wait())
    try:
        await asyncio.wait({task, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in (task, stop_requested):
            waiting.cancel()  # a no-op for the one that finished
    return task.result() if task.done() else None


def _say(out: TextIO, line: str) -> None:
    out.write(f"{line}\n")
    out.flush()
