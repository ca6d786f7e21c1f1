"""The kills: each process of the stack in turn gets SIGKILL, as a crash or the OOM
killer would send it, while cases are in flight, and is started again on the same
ports and data (`deploy.local.Stack.restart`).

The worker goes first (its running activities are retried after their 30 s attempt
times out), then each service (callers see UNAVAILABLE and retry with backoff), then
the Temporal dev server and its SQLite file. Three kills are timed: the worker and the
dev server the moment intake has answered a notice (the worker holds the answer but has
not yet told Temporal its activity completed: the window in which a retry runs an
effect again), and payments the moment it has answered an authorisation (the others it
is authorising are cut off in the middle).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from common.config import SERVICES
from common.series import RPC_SERVER_DURATION
from deploy.local import Stack
from tests.scrape import scrape_async

ORDER = ("worker", *SERVICES, "temporal")
NOTICE = ("intake", "casework.v1.CaseRecordsService/IssueNotice")
AUTHORIZE = ("payments", "casework.v1.PaymentsService/AuthorizePayment")
TIMED = {"worker": NOTICE, "payments": AUTHORIZE, "temporal": NOTICE}
"""The kills that wait for a call the worker makes to be answered: (service, method)."""
GAP_SECONDS = 20.0
"""Between a restart and the next kill: long enough for the cases to move again, short
enough that every kill lands while most cases are in flight."""
ANSWER_WAIT_SECONDS = 60.0
"""How long a timed kill waits for its call to be answered before it goes ahead."""
SCRAPE_SECONDS = 0.05


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


async def kill_each(stack: Stack, in_flight: Callable[[], int], began: float,
                    order: tuple[str, ...] = ORDER) -> AsyncIterator[Kill]:
    """Kill and restart each process of `order` in turn, `GAP_SECONDS` apart, yielding
    each kill once its process is back."""
    for name in order:
        await asyncio.sleep(GAP_SECONDS)
        note = await _just_answered(stack, *TIMED[name]) if name in TIMED else ""
        killed_at = time.monotonic()
        waiting = in_flight()
        code = await stack.kill(name)
        await stack.restart(name)
        yield Kill(name, killed_at - began, code, time.monotonic() - killed_at, waiting, note)


async def _just_answered(stack: Stack, service: str, method: str) -> str:
    """Return as soon as `service` has answered another `method` call; says so, or
    that none came within `ANSWER_WAIT_SECONDS`."""
    url = stack.addresses.metrics[service]
    started = time.monotonic()
    answered = await _answered(url, method)
    while time.monotonic() - started < ANSWER_WAIT_SECONDS:
        await asyncio.sleep(SCRAPE_SECONDS)
        if await _answered(url, method) > answered:
            return f"just after {service} answered {method.rsplit('/', 1)[1]}"
    return f"no {method.rsplit('/', 1)[1]} answered in {ANSWER_WAIT_SECONDS:.0f} s"


async def _answered(url: str, method: str) -> float:
    """How many `method` calls the process at `url` has answered, by its latency
    histogram's count."""
    return sum(sample.value for sample in await scrape_async(url)
               if sample.name == f"{RPC_SERVER_DURATION.name}_count"
               and sample.labels.get("method") == method)
