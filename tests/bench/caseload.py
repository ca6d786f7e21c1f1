"""`make bench`'s caseload figures: intake's read-model reads over 10,000 stored cases.

A fresh database (SQLite in a temp dir; also a new PostgreSQL database when DATABASE_URL
names a server) is migrated and filled with CASES cases from a fixed seed: every phase,
one to three programs, 40 caseworkers in 4 offices, clocks in every status (open,
warning, breached, met, met late, paused, extended, lapsed), open tasks and approvals.
Each is an application's rows as SubmitApplication stores them and the state its
workflow would record, built with `CaseState`'s own methods (clocks started, met,
paused, extended, settled, reviewed), parsed and written as RecordCaseView does
(`views.record_view`), BATCH cases to a transaction; PostgreSQL is then analyzed, as
autovacuum soon would be. Then the real intake gRPC server answers on a loopback port,
one call in flight, and each read is called CALLS times, rotating through its filter's
values: ListCases (first page of 100) unfiltered and by each filter, CountCases grouped
by each dimension, GetWorklist, ListClocks (breached and warning, soonest first),
ListApprovals, and RecordCaseView itself (a newer version of a stored case). Each line
gives p50 and p95 in ms, and both as a ratio to the standard health Check on the same
server and channel, measured in the same run.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from cryptography.fernet import Fernet
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.auth.interceptor import Authorization
from common.clock import today_in
from common.config import Settings
from common.db import make_engine, make_sessions
from common.migrate import upgrade
from common.server import start_server
from services.intake import requests, store, view_requests, views
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from services.intake.servicer import SERVICE_NAMES, case_owners, register_services
from services.intake.workflow_client import CaseWorkflowClient
from tests.conftest import _create_postgres_database, _drop_postgres_database, postgres_base_url
from tests.tokens import Issuer
from tests.unit.intake.builders import AGENCY_TIMEZONE, an_application
from workflows.convert import state_pb
from workflows.inputs import ClosureReason, Phase, Program
from workflows.state import (
    Approval,
    ApprovalDecision,
    ApprovalKind,
    CaseState,
    ClockStatus,
    Task,
)

CASES = 10_000
CASEWORKERS = 40
OFFICES = 4
SEED = 11
CALLS = 40
"""Calls per read: enough for a p95 that is not the single slowest call."""
ECHO_CALLS = 400
WRITE_CALLS = 200
"""RecordCaseView RPCs timed, each a newer version of a stored case."""
BATCH = 500
"""Cases per transaction while the database is filled."""
UNREACHABLE_TEMPORAL = "127.0.0.1:1"

PHASE_WEIGHTS = {Phase.INTAKE: 10, Phase.VERIFICATION: 20, Phase.DETERMINATION: 10,
                 Phase.PLAN: 5, Phase.SERVICES: 5, Phase.MONITORING: 30,
                 Phase.RETENTION: 5, Phase.CLOSED: 15}
PROGRAM_SETS = {(Program.SNAP,): 35, (Program.MEDICAID,): 20,
                (Program.SNAP, Program.MEDICAID): 25, (Program.TANF,): 5,
                (Program.SNAP, Program.TANF): 10,
                (Program.SNAP, Program.MEDICAID, Program.TANF): 5}
APPLICATION_CLOCKS = {Program.SNAP: "SNAP_APPLICATION_PROCESSING",
                      Program.MEDICAID: "MEDICAID_APPLICATION",
                      Program.TANF: "TANF_APPLICATION"}
DECIDED = (Phase.PLAN, Phase.SERVICES, Phase.MONITORING, Phase.RETENTION, Phase.CLOSED)
SUPERVISOR = "sup-01"


def caseworkers() -> list[tuple[str, str]]:
    """(caseworker, office) pairs: 40 caseworkers, 10 to each of 4 offices."""
    per_office = CASEWORKERS // OFFICES
    return [(f"cw-{n:02d}", f"office-{n // per_office + 1}") for n in range(CASEWORKERS)]


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def a_case(case_id: str, rng: random.Random, today: date) -> CaseState:
    """One case as its workflow would record it today, its clocks driven by `CaseState`'s
    own methods so every status is one the workflow could have given."""
    phase: Phase = _weighted(rng, PHASE_WEIGHTS)
    programs = list(_weighted(rng, PROGRAM_SETS))
    applying = phase in (Phase.INTAKE, Phase.VERIFICATION, Phase.DETERMINATION)
    filed_ago = rng.randint(0, 60) if applying else rng.randint(45, 400)
    filed = _day(today, filed_ago)
    caseworker, office = rng.choice(caseworkers())
    if phase is Phase.INTAKE and rng.random() < 0.3:
        caseworker, office = "", ""  # not assigned yet
    state = CaseState(case_id=case_id, phase=phase, programs=programs, state="IL",
                      filing_date=filed, county="Cook", household_size=rng.randint(1, 6),
                      caseworker_id=caseworker, office_id=office)
    for program in programs:
        state.start_clock(APPLICATION_CLOCKS[program], filed)
    if Program.SNAP in programs and rng.random() < 0.15:
        state.expedited = True
        state.start_clock("SNAP_EXPEDITED_SERVICE", filed)
    if phase is Phase.INTAKE:
        state.interview_date = _day(today, filed_ago - 10)
        state.open_task(Task.MISSED_INTERVIEW if filed_ago > 12 else Task.INTERVIEW)
    elif phase is Phase.VERIFICATION:
        asked_ago = max(filed_ago - 5, 0)
        if Program.SNAP in programs:
            state.start_clock("VERIFICATION_DUE", _day(today, asked_ago))
        if rng.random() < 0.3:  # waiting on the household: the clocks that allow it stop
            state.pause_clocks(_day(today, asked_ago))
        if asked_ago > 10:
            state.open_task(Task.VERIFICATION_OVERDUE)
    elif phase is Phase.DETERMINATION and rng.random() < 0.2:
        code = APPLICATION_CLOCKS[programs[0]]
        clock = state.extendable(code)
        if clock is not None:
            new_due = (date.fromisoformat(clock.due_date) + timedelta(days=15)).isoformat()
            asked = _day(today, max(filed_ago - 20, 0))
            decided = rng.random() < 0.6
            if decided:
                state.extend_clock(code, new_due, "awaiting a State data match", SUPERVISOR)
            state.approvals.append(Approval(
                f"ext-{case_id[:8]}", ApprovalKind.DEADLINE_EXTENSION, caseworker or "cw-00",
                asked, f"{code} to {new_due}", code=code, new_due_date=new_due,
                reason="awaiting a State data match",
                decision=ApprovalDecision.APPROVED if decided else ApprovalDecision.NONE,
                decided_by=SUPERVISOR if decided else "", decided_on=asked if decided else ""))
    if phase in DECIDED:
        _decided(state, rng, today, filed_ago)
    if rng.random() < 0.01:
        state.open_task(Task.REFUSED_STEP)
    state.review_clocks(today.isoformat())
    if any(d.status is ClockStatus.BREACHED for d in state.deadlines):
        state.open_task(Task.DEADLINE_BREACHED)  # as the workflow escalates a breach
    return state


def _decided(state: CaseState, rng: random.Random, today: date, filed_ago: int) -> None:
    """A case past its determination: its application clocks met (some late), and what
    its phase has running since."""
    decided_ago = rng.randint(max(filed_ago - 70, 0), max(filed_ago - 3, 0))
    decided = _day(today, decided_ago)
    for deadline in list(state.deadlines):
        state.meet_clock(deadline.code, min(decided, today.isoformat()))
    state.start_clock("FAIR_HEARING_REQUEST", decided, ref=f"decision-{decided}")
    phase, programs = state.phase, state.programs
    if Program.TANF in programs and phase in (Phase.PLAN, Phase.SERVICES):
        state.start_clock("TANF_INITIAL_ASSESSMENT", decided)
        if phase is Phase.PLAN:
            state.open_task(Task.ASSESSMENT if rng.random() < 0.5 else Task.PLAN_APPROVAL)
            state.start_clock("TANF_PLAN_APPROVAL", _day(today, rng.randint(0, 25)))
            state.approvals.append(Approval(
                f"plan-{state.case_id[:8]}", ApprovalKind.PLAN,
                state.caseworker_id or "cw-00", _day(today, rng.randint(0, 20)),
                "TANF employment plan", program=Program.TANF))
    if phase is Phase.MONITORING:
        if rng.random() < 0.3:
            state.start_clock("CHANGE_REPORT_ACTION", _day(today, rng.randint(0, 20)),
                              ref=f"change-{rng.randint(1, 9)}")
        if rng.random() < 0.1:
            state.open_task(Task.RECERTIFICATION)
        if rng.random() < 0.08:
            month = (today.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
            approved = rng.random() < 0.5
            state.approvals.append(Approval(
                f"pay-{state.case_id[:8]}", ApprovalKind.PAYMENT,
                state.caseworker_id or "cw-00", _day(today, rng.randint(0, 10)),
                f"SNAP {month} above the approval limit", program=Program.SNAP,
                amount_cents=rng.randint(150_000, 400_000), period=month,
                decision=ApprovalDecision.APPROVED if approved else ApprovalDecision.NONE,
                decided_by=SUPERVISOR if approved else "",
                decided_on=today.isoformat() if approved else ""))
            if not approved:
                state.open_task(Task.PAYMENT_APPROVAL)
    if phase is Phase.RETENTION:
        state.open_task(Task.RETENTION_CHECK_IN)
    if phase is Phase.CLOSED:
        closed_ago = rng.randint(0, max(decided_ago - 1, 0))
        state.closure_reason = rng.choice(list(ClosureReason))
        state.closed_date = _day(today, closed_ago)
        state.settle_clocks(state.closed_date)
        state.start_clock("FAIR_HEARING_REQUEST", state.closed_date, ref="closure")
        state.open_tasks.clear()
        if rng.random() < 0.05:  # an appeal after closure: its decision clock runs on
            state.start_clock("SNAP_HEARING_DECISION", _day(today, rng.randint(0, 80)),
                              ref=f"hearing-{rng.randint(1, 9)}")


def _batches(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def view_request(state: CaseState, version: int) -> intake_pb2.RecordCaseViewRequest:
    return intake_pb2.RecordCaseViewRequest(case_id=state.case_id, state=state_pb(state),
                                            version=version)


async def fill(sessions: async_sessionmaker[AsyncSession], cipher: PiiCipher, count: int,
               *, seed: int = SEED) -> list[CaseState]:
    """Store `count` cases, BATCH to a transaction: each an application's rows as
    SubmitApplication stores them (names encrypted) and the state its workflow would
    record, parsed and written as RecordCaseView does. Returns the states."""
    today = today_in(AGENCY_TIMEZONE)
    template = requests.parse_application(an_application(), today=today)
    rng = random.Random(seed)
    states: list[CaseState] = []
    for batch in _batches(range(count)):
        async with sessions.begin() as session:
            rows = [store.new_application(
                replace(template, submission_id=f"bench-{seed}-{n}"), cipher) for n in batch]
            session.add_all(rows)
            for row in rows:
                state = a_case(row.case_id, rng, today)
                row.filing_date = date.fromisoformat(state.filing_date)
                write = view_requests.parse_case_view(view_request(state, 1))
                await views.record_view(session, application=row, write=write)
                states.append(state)
    return states


@dataclass(frozen=True)
class Timing:
    label: str
    p50: float
    """Milliseconds."""
    p95: float
    rows: float
    """What a call returned, on average: cases, counts, items or clocks."""


def _percentile(samples: Sequence[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def timed(label: str, call: Callable[[int], Awaitable[int]], calls: int) -> Timing:
    """Call `call(n)` for n in range(calls), one at a time, after one call to warm up;
    `call` returns how many rows it got back."""
    await call(0)
    samples, rows = [], []
    for n in range(calls):
        started = time.perf_counter()
        rows.append(await call(n))
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(label, _percentile(samples, 0.5), _percentile(samples, 0.95),
                  statistics.fmean(rows))


def _pick(values: Sequence[Any], n: int) -> Any:
    return values[n % len(values)]


async def time_reads(channel: grpc.aio.Channel, states: Sequence[CaseState],
                     calls: int, echo_calls: int) -> tuple[Timing, list[Timing]]:
    """The baseline and each read's timing, over gRPC on `channel`."""
    intake = intake_pb2_grpc.IntakeServiceStub(channel)
    health = health_pb2_grpc.HealthStub(channel)
    staff = caseworkers()
    phases = [p for p in intake_pb2.Phase.values() if p]
    programs = [common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_MEDICAID, common_pb2.PROGRAM_TANF]
    slas = [s for s in intake_pb2.SlaStatus.values() if s]
    tasks = sorted({str(task) for s in states for task in s.open_tasks}) or ["INTERVIEW"]
    offices = sorted({office for _, office in staff})

    async def echo(n: int) -> int:
        await health.Check(health_pb2.HealthCheckRequest())
        return 1

    def lister(**field: Callable[[int], Any]) -> Callable[[int], Awaitable[int]]:
        async def call(n: int) -> int:
            filter = intake_pb2.CaseFilter(**{k: f(n) for k, f in field.items()})
            reply = await intake.ListCases(intake_pb2.ListCasesRequest(filter=filter))
            return len(reply.cases)
        return call

    def counter(by: int) -> Callable[[int], Awaitable[int]]:
        async def call(n: int) -> int:
            reply = await intake.CountCases(intake_pb2.CountCasesRequest(group_by=by))
            return len(reply.counts)
        return call

    async def worklist(n: int) -> int:
        reply = await intake.GetWorklist(
            intake_pb2.GetWorklistRequest(caseworker_id=_pick(staff, n)[0]))
        return len(reply.items)

    async def clocks(n: int) -> int:
        reply = await intake.ListClocks(intake_pb2.ListClocksRequest(
            statuses=[intake_pb2.CLOCK_STATUS_BREACHED, intake_pb2.CLOCK_STATUS_WARNING]))
        return len(reply.clocks)

    async def approvals(n: int) -> int:
        reply = await intake.ListApprovals(intake_pb2.ListApprovalsRequest())
        return len(reply.approvals)

    reads: list[tuple[str, Callable[[int], Awaitable[int]]]] = [
        ("ListCases, no filter", lister()),
        ("ListCases by phase", lister(phase=lambda n: _pick(phases, n))),
        ("ListCases by program", lister(program=lambda n: _pick(programs, n))),
        ("ListCases by caseworker", lister(caseworker_id=lambda n: _pick(staff, n)[0])),
        ("ListCases by office", lister(office_id=lambda n: _pick(offices, n))),
        ("ListCases by sla_status", lister(sla_status=lambda n: _pick(slas, n))),
        ("ListCases due_within_days", lister(due_within_days=lambda n: _pick((0, 7, 30), n))),
        ("ListCases by open_task", lister(open_task=lambda n: _pick(tasks, n))),
    ]
    for dimension, number in intake_pb2.CaseDimension.items():
        if number:
            reads.append((f"CountCases by {dimension.removeprefix('CASE_DIMENSION_').lower()}",
                          counter(number)))
    reads += [("GetWorklist (one caseworker)", worklist),
              ("ListClocks breached+warning", clocks),
              ("ListApprovals (waiting)", approvals)]
    baseline = await timed("health Check (baseline)", echo, echo_calls)
    return baseline, [await timed(label, call, calls) for label, call in reads]


async def time_writes(channel: grpc.aio.Channel, states: Sequence[CaseState],
                      calls: int) -> Timing:
    """RecordCaseView through the RPC: each call a newer version of a stored case."""
    records = intake_pb2_grpc.CaseRecordsServiceStub(channel)

    async def write(n: int) -> int:
        reply = await records.RecordCaseView(view_request(_pick(states, n), 2 + n))
        return 0 if reply.stale else 1

    return await timed("RecordCaseView (a stored case again)", write, calls)


@dataclass(frozen=True)
class Report:
    backend: str
    cases: int
    calls: int
    fill_seconds: float
    population: str
    baseline: Timing
    reads: list[Timing]
    write: Timing


def describe(states: Sequence[CaseState]) -> str:
    """What was stored: cases, open ones, clocks by status, tasks and approvals."""
    statuses = Counter(str(d.status) or "open" for s in states for d in s.deadlines)
    open_cases = sum(s.phase is not Phase.CLOSED for s in states)
    tasks = sum(len(s.open_tasks) for s in states)
    waiting = sum(not a.decision for s in states for a in s.approvals)
    clocks = ", ".join(f"{status} {n}" for status, n in sorted(statuses.items()))
    return (f"{len(states)} cases ({open_cases} open), clocks: {clocks}; "
            f"{tasks} open tasks, {waiting} approvals waiting")


@asynccontextmanager
async def _database(backend: str, folder: Path) -> Any:
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{folder / 'intake.db'}"
        return
    base = postgres_base_url()
    assert base is not None
    url = await _create_postgres_database(base)
    try:
        yield url
    finally:
        await _drop_postgres_database(base, url)


async def measure(backend: str, *, cases: int = CASES, calls: int = CALLS,
                  echo_calls: int = ECHO_CALLS, write_calls: int = WRITE_CALLS,
                  seed: int = SEED) -> Report:
    """Fill a fresh `backend` database ("sqlite" or "postgresql") with `cases` cases,
    serve intake on it and time its reads."""
    with tempfile.TemporaryDirectory() as folder:
        async with _database(backend, Path(folder)) as url:
            await asyncio.to_thread(upgrade, "intake", url)
            settings = Settings.from_env("intake", {
                "CASEWORK_INTAKE_DATABASE_URL": url, "TEMPORAL_ADDRESS": UNREACHABLE_TEMPORAL,
                "CASEWORK_VAR_DIR": folder})
            options = IntakeOptions.from_env({
                "CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                "CASEWORK_CASEWORKERS": ",".join(cw for cw, _ in caseworkers())})
            engine = make_engine(url)
            sessions = make_sessions(engine)
            started = time.perf_counter()
            states = await fill(sessions, PiiCipher(options.pii_keys), cases, seed=seed)
            filled = time.perf_counter() - started
            if backend == "postgresql":  # the statistics autovacuum gathers after a load
                async with engine.begin() as connection:
                    await connection.execute(text("ANALYZE"))

            async def unreachable() -> Any:
                raise ConnectionError("the benchmark runs without Temporal")

            register = register_services(
                sessions=sessions, settings=settings, options=options,
                workflows=CaseWorkflowClient(unreachable, task_queue=settings.task_queue))
            issuer = Issuer()  # every call carries a token the server checks
            running = await start_server(
                "127.0.0.1:0", register, SERVICE_NAMES,
                authorization=Authorization(issuer.verifier, case_owners(sessions, options)))
            channel = issuer.channel(f"127.0.0.1:{running.port}", options.office_id)
            try:
                baseline, reads = await time_reads(channel, states, calls, echo_calls)
                write = await time_writes(channel, states, write_calls)
            finally:
                await channel.close()
                await running.stop(0)
                await engine.dispose()
    return Report(backend, cases, calls, filled, describe(states), baseline, reads, write)


def render(report: Report) -> str:
    base = report.baseline
    lines = [f"intake read model on {report.backend}: {report.population}",
             f"  filled in {report.fill_seconds:.0f} s; gRPC on loopback, one call in flight,"
             f" {report.calls} calls per read (first page of 100 for listings)",
             f"  {'':<40}{'p50 ms':>8}{'p95 ms':>8}   ratio to echo p50 / p95   rows",
             f"  {base.label:<40}{base.p50:8.2f}{base.p95:8.2f}"]
    for t in (*report.reads, report.write):
        lines.append(f"  {t.label:<40}{t.p50:8.2f}{t.p95:8.2f}   "
                     f"{t.p50 / base.p50:8.1f} / {t.p95 / base.p95:<8.1f}      {t.rows:5.0f}")
    return "\n".join(lines)


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when DATABASE_URL names a server."""
    return ["sqlite", *(["postgresql"] if postgres_base_url() else [])]


def main(cases: int = CASES) -> None:
    for backend in backends():
        started = time.perf_counter()
        print(render(asyncio.run(measure(backend, cases=cases))))
        print(f"  took {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main(int(os.environ.get("CASEWORK_BENCH_CASES", CASES)))
