"""Intake's case gauges, from its read model, under the names the alert rules and the
dashboard read (`common.series`):

* `casework_cases{phase,program}`: cases by phase, closed ones too, a case under each of
  its programs;
* `casework_clocks{code,status}`: the agency's clocks of cases not closed, by code and
  status (the household's windows lapse, they never breach);
* `casework_open_tasks{task}`: cases with each task open.

A gauge's callback runs on the metrics server's thread, where no query can run, so a
task on intake's loop counts them every REFRESH_SECONDS, one GROUP BY each, into
`Snapshot`s the callbacks read. A count that falls to nothing is reported as 0 rather
than left out, so a panel shows the fall. Every replica reports the whole read model,
which is why the rules take the max across them. Labels are codes from the code
(phases, programs, clock codes and statuses, task names), never a case or a person.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from opentelemetry.metrics import MeterProvider
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.metrics import Labels, Snapshot, register_gauge
from common.series import CASES, CLOCKS, OPEN_TASKS, Series
from services.intake import listings

log = logging.getLogger(__name__)

REFRESH_SECONDS = 15.0
"""About a Prometheus scrape interval: a scrape shows counts at most this old."""

DESCRIPTIONS = {
    CASES: "Cases in intake's read model by phase (closed included) and program.",
    CLOCKS: "The agency's clocks of cases not closed, by code and status.",
    OPEN_TASKS: "Cases with each task open.",
}


class CaseGauges:
    """The three gauges and the snapshots they read; `run` keeps them fresh."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._snapshots = {series: Snapshot() for series in DESCRIPTIONS}
        self._seen: dict[Series, set[tuple[str, ...]]] = {s: set() for s in DESCRIPTIONS}

    def register(self, provider: MeterProvider | None = None) -> None:
        """Register the gauges with `provider` (the process's global one by default)."""
        for series, description in DESCRIPTIONS.items():
            register_gauge(series.name, description, self._snapshots[series],
                           provider=provider)

    async def refresh(self) -> None:
        """Count everything again now, in one session."""
        async with self._sessions() as session:
            cases = await listings.cases_by_phase_and_program(session)
            clocks = await listings.count_clocks(session, open_cases=True)
            tasks = await listings.open_tasks_by_task(session)
        self._set(CASES, cases.items())
        self._set(CLOCKS, clocks.items())
        self._set(OPEN_TASKS, (((task,), n) for task, n in tasks.items()))

    async def run(self, every: float = REFRESH_SECONDS) -> None:
        """Refresh now and every `every` seconds until cancelled; a failed count keeps
        the last values (and is logged by its type, which names no case)."""
        while True:
            try:
                await self.refresh()
            except Exception as error:  # the database away for a while: keep counting
                log.warning("case gauges not refreshed: %s", type(error).__name__)
            await asyncio.sleep(every)

    def _set(self, series: Series, counted: Iterable[tuple[tuple[str, ...], int]]) -> None:
        counts = dict(counted)
        seen = self._seen[series]
        seen.update(counts)
        rows: list[tuple[float, Labels]] = [
            (float(counts.get(key, 0)), dict(zip(series.labels, key, strict=True)))
            for key in sorted(seen)]
        self._snapshots[series].set(rows)
