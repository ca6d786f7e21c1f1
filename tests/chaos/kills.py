"""The kills: each process of the stack in turn gets SIGKILL, as a crash or the OOM
killer would send it, while cases are in flight, and is started again on the same
ports and data (`deploy.local.Stack.restart`).

The worker goes first (its running activities are retried after their 30 s attempt
times out), then each service (callers see UNAVAILABLE and retry with backoff), then
the Temporal dev server and its SQLite file. Each kill is timed to land inside a call
the worker makes: the moment a row is committed to a table the worker's calls write (a
service's own; intake's notices for the worker and the dev server). The worker then
has not had the answer, or has not yet told Temporal its activity completed, and a
service has not yet sent it: the window in which a retry runs an effect again.
Payments is killed the moment it has committed an authorisation, in the middle of the
others it is authorising. The commit is seen by polling the table.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from deploy.local import Stack
from tests.chaos.checks import Databases

NOTICES = ("intake", "intake_notice")
ORDER: tuple[tuple[str, tuple[str, str]], ...] = (
    ("worker", NOTICES),
    ("intake", NOTICES),
    ("eligibility", ("eligibility", "eligibility_determination")),
    ("referrals", ("referrals", "referrals_referral")),
    ("payments", ("payments", "payments_authorization")),
    ("temporal", NOTICES),
)
"""What is killed, in turn, and the (service, table) whose next row times the kill."""
GAP_SECONDS = 20.0
"""Between a restart and the next kill: long enough for the cases to move again, short
enough that every kill lands while most cases are in flight."""
ROW_WAIT_SECONDS = 30.0
"""How long a kill waits for its row before it goes ahead anyway."""
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
    note: str


async def kill_each(stack: Stack, databases: Databases, in_flight: Callable[[], int],
                    began: float) -> AsyncIterator[Kill]:
    """Kill and restart each process in turn, `GAP_SECONDS` apart, yielding each kill
    once its process is back."""
    for name, (service, table) in ORDER:
        await asyncio.sleep(GAP_SECONDS)
        note = await _just_written(databases, service, table)
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
