"""Intake's case gauges as Prometheus scrapes them: views written through RecordCaseView,
counted by a refresh, read over HTTP from a metrics endpoint on a free port; and the
intake process itself serving them on its metrics port."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator, Sequence

import pytest

from common.db import make_sessions
from common.metrics import MetricsEndpoint, serve_metrics
from common.series import CASES, CLOCKS, OPEN_TASKS, Series
from services.intake.gauges import CaseGauges
from services.intake.options import IntakeOptions
from tests.payloads import KEY_1
from tests.scrape import Sample, free_port, scrape_async
from tests.unit.intake.builders import today
from tests.unit.intake.case_views import ReadModel, a_state, read_model
from tests.unit.services_fixtures import service_process
from workflows.inputs import Phase, Program
from workflows.state import CaseState, ClockStatus, Task

__all__ = ["read_model"]

SNAP_CLOCK = "SNAP_APPLICATION_PROCESSING"


@pytest.fixture
def endpoint() -> Iterator[MetricsEndpoint]:
    served = serve_metrics("intake-test", "127.0.0.1", 0)
    try:
        yield served
    finally:
        served.close()


def gauge(samples: Sequence[Sample], series: Series) -> dict[tuple[str, ...], float]:
    """One gauge's values by its labels, in `series.labels` order; it has no others."""
    found = {}
    for sample in samples:
        if sample.name == series.name:
            assert set(sample.labels) == set(series.labels), sample
            found[tuple(sample.labels[key] for key in series.labels)] = sample.value
    return found


def agency_clocks_of_open_cases(states: Sequence[CaseState]) -> Counter[tuple[str, ...]]:
    """What the clock gauge should say, by the workflow's own statuses and owner test."""
    return Counter((d.code, str(d.status) or "open") for s in states
                   if s.phase is not Phase.CLOSED for d in s.deadlines
                   if not s.household_window(d, d.start_date or s.filing_date))


async def cases(model: ReadModel) -> list[CaseState]:
    """Four recorded cases: a clock open, in warning and breached, one case closed with
    a breach it never met, and a hearing window (the household's) beside them."""
    ids = [await model.file() for _ in range(4)]
    states = [
        a_state(ids[0], tasks=[Task.VERIFICATION_OVERDUE]),
        a_state(ids[1], filed_days_ago=27, phase=Phase.INTAKE,
                programs=[Program.SNAP, Program.MEDICAID], tasks=[Task.INTERVIEW],
                clocks=[SNAP_CLOCK, "MEDICAID_APPLICATION", "FAIR_HEARING_REQUEST"]),
        a_state(ids[2], filed_days_ago=40, phase=Phase.MONITORING,
                tasks=[Task.DEADLINE_BREACHED, Task.REFUSED_STEP]),
        a_state(ids[3], filed_days_ago=40, phase=Phase.CLOSED),
    ]
    for state in states:
        await model.record(state)
    return states


async def test_a_refresh_counts_cases_clocks_and_tasks_and_a_scrape_shows_them(
    read_model: ReadModel, endpoint: MetricsEndpoint
) -> None:
    gauges = CaseGauges(make_sessions(read_model.served.engine))
    gauges.register(provider=endpoint.provider)
    states = await cases(read_model)
    assert gauge(await scrape_async(endpoint.url), CASES) == {}  # not counted yet

    await gauges.refresh()
    samples = await scrape_async(endpoint.url)
    assert gauge(samples, CASES) == {
        ("verification", "snap"): 1, ("intake", "snap"): 1, ("intake", "medicaid"): 1,
        ("monitoring", "snap"): 1, ("closed", "snap"): 1}
    clocks = gauge(samples, CLOCKS)
    assert clocks == agency_clocks_of_open_cases(states)
    assert clocks[(SNAP_CLOCK, "breached")] == 1  # the closed case's breach left out
    assert {(SNAP_CLOCK, "open"), (SNAP_CLOCK, "warning")} <= set(clocks)
    assert not [code for code, _ in clocks if code == "FAIR_HEARING_REQUEST"]
    assert gauge(samples, OPEN_TASKS) == {
        ("VERIFICATION_OVERDUE",): 1, ("INTERVIEW",): 1, ("DEADLINE_BREACHED",): 1,
        ("REFUSED_STEP",): 1}

    late = states[2]
    late.meet_clock(SNAP_CLOCK, today().isoformat())  # met late: its breach task closes
    assert late.deadlines[0].status is ClockStatus.MET_LATE
    await read_model.record(late)
    await gauges.refresh()
    samples = await scrape_async(endpoint.url)
    clocks = gauge(samples, CLOCKS)
    assert clocks[(SNAP_CLOCK, "breached")] == 0  # shown falling to 0, not dropped
    assert clocks[(SNAP_CLOCK, "met_late")] == 1
    assert gauge(samples, OPEN_TASKS)[("DEADLINE_BREACHED",)] == 0


async def test_the_intake_process_counts_the_gauges_on_its_metrics_port(
    read_model: ReadModel, database_url: str, options: IntakeOptions
) -> None:
    states = await cases(read_model)
    metrics_port = free_port()
    env = {"CASEWORK_INTAKE_METRICS_PORT": str(metrics_port),
           "CASEWORK_INTAKE_PII_KEY": ",".join(options.pii_keys),
           "CASEWORK_PAYLOAD_KEYS": KEY_1, "TEMPORAL_ADDRESS": "127.0.0.1:1"}
    async with service_process("intake", database_url, env):
        url = f"http://127.0.0.1:{metrics_port}/metrics"
        for _ in range(100):  # the first count is made as the process starts
            samples = await scrape_async(url)
            if gauge(samples, CASES):
                break
            await asyncio.sleep(0.1)
    assert sum(gauge(samples, CASES).values()) == 5
    assert gauge(samples, CLOCKS) == agency_clocks_of_open_cases(states)
    assert sum(gauge(samples, OPEN_TASKS).values()) == 4
