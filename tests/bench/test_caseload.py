"""The caseload benchmark, run on a tiny caseload so it cannot rot: its cases cover what
the real ones do, and every read it times answers over them (on PostgreSQL when
DATABASE_URL names a server, as the other tests do)."""

from __future__ import annotations

from collections import Counter

from tests.bench import caseload
from tests.unit.intake.builders import today
from workflows.inputs import Phase
from workflows.state import ApprovalKind, ClockStatus, Task


def test_the_generated_cases_cover_every_phase_clock_status_and_approval() -> None:
    rng = caseload.random.Random(caseload.SEED)
    states = [caseload.a_case(f"{n:032x}", rng, today()) for n in range(2000)]
    assert {s.phase for s in states} == set(Phase)
    assert {d.status for s in states for d in s.deadlines} == set(ClockStatus)
    assert {a.kind for s in states for a in s.approvals} == set(ApprovalKind)
    tasks = Counter(task for s in states for task in s.open_tasks)
    assert {Task.INTERVIEW, Task.VERIFICATION_OVERDUE, Task.DEADLINE_BREACHED,
            Task.REFUSED_STEP} <= set(tasks)
    assert len({s.caseworker_id for s in states} - {""}) == caseload.CASEWORKERS
    assert len({s.office_id for s in states} - {""}) == caseload.OFFICES
    again = caseload.random.Random(caseload.SEED)
    assert [caseload.a_case(s.case_id, again, today()) for s in states[:50]] == states[:50]


async def test_the_bench_fills_serves_and_times_every_read_on_a_few_cases() -> None:
    backend = caseload.backends()[-1]  # PostgreSQL when DATABASE_URL names a server
    report = await caseload.measure(backend, cases=50, calls=3, echo_calls=3,
                                    write_calls=3)
    reads = {t.label: t for t in report.reads}
    assert len(reads) == 8 + 7 + 3  # ListCases by 7 filters and none, 7 counts, 3 more
    assert reads["ListCases, no filter"].rows == 50
    assert reads["CountCases by phase"].rows >= 5
    assert reads["GetWorklist (one caseworker)"].rows > 0
    assert report.write.rows == 1  # each write a newer version: none stale
    assert all(0 < t.p50 <= t.p95 for t in (report.baseline, *report.reads, report.write))
    printed = caseload.render(report)
    assert "50 cases" in printed and "ListClocks breached+warning" in printed
