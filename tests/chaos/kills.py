"""The kills: each process of the stack in turn gets SIGKILL, as a crash or the OOM
killer would send it, while cases are in flight, and is started again on the same
ports and data (`deploy.local.Stack.restart`).

The worker goes first (its running activities are retried after their 30 s attempt
times out), then each service (callers see UNAVAILABLE and retry with backoff), then
the Temporal dev server and its SQLite file. Three kills are timed to land inside a
call the worker makes: the worker and the dev server the moment intake has committed a
notice (the worker has not had the answer yet, or has not told Temporal its activity
completed: the window in which a retry runs an effect again), and payments the moment
it has committed an authorisation (its answer, and the others it is authorising, are
cut off: a payment in the middle). The commit is seen by polling the table.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from common.config import SERVICES
from deploy.local import Stack
from tests.chaos.checks import Databases

ORDER = ("worker", *SERVICES, "temporal")
NOTICES = ("intake", "intake_notice")
PAYMENTS = ("payments", "payments_authorization")
TIMED = {"worker": NOTICES, "payments": PAYMENTS, "temporal": NOTICES}
"""The kills that wait for a row the worker's calls write: (service, table)."""
GAP_SECONDS = 20.0
"""Between a restart and the next kill: long enough for the cases to move again, short
enough that every kill lands while most cases are in flight."""
ROW_WAIT_SECONDS = 60.0
"""How long a timed kill waits for its row before it goes ahead anyway."""
POLL_SECONDS = 0.005
"""A count on a table of a few hundred rows takes about a millisecond."""


@dataclass(frozen=True)
class Kill:
    """One kill and its restart."""

    name: str
    at: float
    """Seconds since the run began."""
    exit_code: int
    down_seconds: float
    """From the kill until the new process answered."""
    in_flight: int
    """Cases not yet resting when it was killed."""
    note: str = ""


async def kill_each(stack: Stack, databases: Databases, in_flight: Callable[[], int],
                    began: float, order: tuple[str, ...] = ORDER) -> AsyncIterator[Kill]:
    """Kill and restart each process of `order` in turn, `GAP_SECONDS` apart, yielding
    each kill once its process is back."""
    for name in order:
        await asyncio.sleep(GAP_SECONDS)
        note = await _just_written(databases, *TIMED[name]) if name in TIMED else ""
        killed_at = time.monotonic()
        waiting = in_flight()
        code = await stack.kill(name)
        await stack.restart(name)
        yield Kill(name, killed_at - began, code, time.monotonic() - killed_at, waiting, note)


async def _just_written(databases: Databases, service: str, table: str) -> str:
    """Return as soon as another row is committed to `service`'s `table`; says so, or
    that none came within `ROW_WAIT_SECONDS`."""
    count = f"SELECT count(*) FROM {table}"
    started = time.monotonic()
    rows = await databases.count(service, count)
    while time.monotonic() - started < ROW_WAIT_SECONDS:
        await asyncio.sleep(POLL_SECONDS)
        if await databases.count(service, count) > rows:
            return f"just after a row was committed to {table}"
    return f"no row committed to {table} in {ROW_WAIT_SECONDS:.0f} s"
