"""What supervisors and operations see, on the real stack: after the demo's cases and a
few more (two filed weeks back, so their 30 days are in warning or already breached,
and a family whose plan waits for approval), intake's lists and counts by every filter
agree with each case's own state, and so do Temporal's counts by search attribute; a
reassignment moves a case between worklists; the approvals queue shows and clears a
plan; `casework sla` lists the clocks soonest first; the metrics endpoints carry the
case series; and with the worker stopped the lists, counts and a closed case's last
state still answer."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from casework.v1 import common_pb2, intake_pb2

import cli
from cli.demo import run_demo
from tests.e2e import builders
from tests.e2e.conftest import RunningStack
from tests.scrape import scrape_async
from tests.unit.intake.builders import today
from workflows import workflow_id
from workflows.clocks import clock_rule
from workflows.convert import PHASES

pytestmark = pytest.mark.e2e

SETTLE_SECONDS = 30.0
"""How long the read model and visibility may take to catch up with the cases."""

RUNNING = (intake_pb2.CLOCK_STATUS_OPEN, intake_pb2.CLOCK_STATUS_WARNING,
           intake_pb2.CLOCK_STATUS_BREACHED, intake_pb2.CLOCK_STATUS_PAUSED,
           intake_pb2.CLOCK_STATUS_EXTENDED)


@dataclass
class Caseload:
    """The cases this module made, by what they are for."""

    all: list[str]
    breached: str
    warning: str
    plan: str
    closed: str


def agency_running(state: intake_pb2.CaseState) -> list[intake_pb2.Deadline]:
    """The agency's clocks not yet met: what makes a case late (the rule table says whose
    each clock is, as the workflow reads it)."""
    return [d for d in state.deadlines if not d.met and d.status in RUNNING
            and clock_rule(d.code, state.state, d.start_date or state.filing_date).owner
            == "agency"]


def sla_of(state: intake_pb2.CaseState) -> int:
    statuses = {d.status for d in agency_running(state)}
    if intake_pb2.CLOCK_STATUS_BREACHED in statuses:
        return intake_pb2.SLA_STATUS_BREACHED
    if intake_pb2.CLOCK_STATUS_WARNING in statuses:
        return intake_pb2.SLA_STATUS_WARNING
    return intake_pb2.SLA_STATUS_ON_TIME


async def listed(stack: RunningStack, filter: intake_pb2.CaseFilter) -> list[str]:
    found: list[str] = []
    request = intake_pb2.ListCasesRequest(filter=filter, page_size=500)
    while True:
        reply = await stack.intake.ListCases(request, timeout=10)
        found += [case.case_id for case in reply.cases]
        if not reply.next_page_token:
            return found
        request.page_token = reply.next_page_token


async def states(stack: RunningStack, case_ids: list[str]) -> dict[str, intake_pb2.CaseState]:
    """Each case's live state, from its workflow."""
    return {case_id: (await builders.get_case(stack, case_id)).state for case_id in case_ids}


async def settled(stack: RunningStack, case_ids: list[str]) -> dict[str, intake_pb2.CaseState]:
    """The cases' live states once intake's read model says the same of each (a case
    writes its view a moment after each change)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        live = await states(stack, case_ids)
        summaries = {case.case_id: case for case in (await stack.intake.ListCases(
            intake_pb2.ListCasesRequest(page_size=500), timeout=10)).cases}
        behind = [case_id for case_id, state in live.items()
                  if case_id not in summaries
                  or (summaries[case_id].phase, summaries[case_id].caseworker_id,
                      summaries[case_id].sla_status, sorted(summaries[case_id].open_tasks))
                  != (state.phase, state.caseworker_id, sla_of(state), sorted(state.open_tasks))]
        if not behind:
            return live
        if time.monotonic() > deadline:
            raise AssertionError(f"the read model never caught up with {behind}")
        await asyncio.sleep(0.2)


async def eventually(check: Callable[[], object], what: str) -> None:
    """`check()` (async) holds within SETTLE_SECONDS."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while not await check():  # type: ignore[misc]
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.2)


def filed_days_ago(days: int) -> intake_pb2.SubmitApplicationRequest:
    request = builders.a_snap_family()
    request.application.filing_date = (today() - timedelta(days=days)).isoformat()
    return request


@pytest.fixture(scope="module")
async def caseload(stack: RunningStack) -> Caseload:
    ran = await run_demo(stack.addresses.services, out=io.StringIO(),
                         timezone=stack.settings("cli").agency_timezone,
                         minter=stack.issuer.minter)
    demo = {outcome.key: outcome.case_id for outcome in ran}
    closed = next(o.case_id for o in ran if o.expected_phase == "closed")
    # SNAP's 30 days warn from day 25: filed 40 days ago it is breached, 27 in warning.
    breached = await builders.submit(stack, filed_days_ago(40))
    warning = await builders.submit(stack, filed_days_ago(27))
    plan = await builders.submit(stack, builders.a_tanf_and_snap_family())
    case = await builders.interview(stack, plan)
    for kind in builders.requested(case):
        await builders.verify(stack, plan, kind)
    await builders.wait_for_phase(stack, plan, intake_pb2.PHASE_PLAN)
    await builders.assess(stack, plan)
    mine = [*demo.values(), breached, warning, plan]
    await settled(stack, mine)
    return Caseload(mine, breached, warning, plan, closed)


async def test_the_late_cases_show_as_late_and_the_breach_escalated(
        stack: RunningStack, caseload: Caseload) -> None:
    live = await settled(stack, caseload.all)
    assert sla_of(live[caseload.breached]) == intake_pb2.SLA_STATUS_BREACHED
    assert "DEADLINE_BREACHED" in live[caseload.breached].open_tasks
    assert sla_of(live[caseload.warning]) == intake_pb2.SLA_STATUS_WARNING
    trail = (await stack.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=caseload.breached), timeout=10)).entries
    assert [e.actor for e in trail if e.action == "deadline_breached"] == ["system"]


async def test_lists_and_counts_by_every_filter_agree_with_the_cases_own_state(
        stack: RunningStack, caseload: Caseload) -> None:
    live = await settled(stack, caseload.all)
    mine = set(caseload.all)
    soon = (today() + timedelta(days=7)).isoformat()
    filters: list[tuple[intake_pb2.CaseFilter, Callable[[intake_pb2.CaseState], bool]]] = []
    for phase in {s.phase for s in live.values()}:
        filters.append((intake_pb2.CaseFilter(phase=phase), lambda s, p=phase: s.phase == p))
    for program in {p for s in live.values() for p in s.programs}:
        filters.append((intake_pb2.CaseFilter(program=program),
                        lambda s, p=program: p in s.programs))
    for caseworker in {s.caseworker_id for s in live.values()}:
        filters.append((intake_pb2.CaseFilter(caseworker_id=caseworker),
                        lambda s, c=caseworker: s.caseworker_id == c))
    for office in {s.office_id for s in live.values()}:
        filters.append((intake_pb2.CaseFilter(office_id=office),
                        lambda s, o=office: s.office_id == o))
    for sla in (intake_pb2.SLA_STATUS_ON_TIME, intake_pb2.SLA_STATUS_WARNING,
                intake_pb2.SLA_STATUS_BREACHED):
        filters.append((intake_pb2.CaseFilter(sla_status=sla),
                        lambda s, x=sla: sla_of(s) == x))
    for task in {t for s in live.values() for t in s.open_tasks}:
        filters.append((intake_pb2.CaseFilter(open_task=task),
                        lambda s, t=task: t in s.open_tasks))
    filters.append((intake_pb2.CaseFilter(due_within_days=7), lambda s: any(
        d.due_date <= soon and not d.paused_on for d in agency_running(s))))
    for filter, holds in filters:
        expected = {case_id for case_id, state in live.items() if holds(state)}
        assert set(await listed(stack, filter)) & mine == expected, filter
        counted = await stack.intake.CountCases(intake_pb2.CountCasesRequest(filter=filter),
                                                timeout=10)
        assert counted.total >= len(expected)  # other modules' cases may match too
    assert {caseload.breached, caseload.warning} <= set(
        await listed(stack, intake_pb2.CaseFilter(due_within_days=7)))

    by_phase = await stack.intake.CountCases(intake_pb2.CountCasesRequest(
        group_by=intake_pb2.CASE_DIMENSION_PHASE), timeout=10)
    everything = await listed(stack, intake_pb2.CaseFilter())
    assert by_phase.total == len(everything) == sum(c.count for c in by_phase.counts)
    for count in by_phase.counts:
        phase = PHASES.number(count.key)  # type: ignore[arg-type]
        assert len(await listed(stack, intake_pb2.CaseFilter(phase=phase))) == count.count


async def test_temporals_counts_by_each_search_attribute_agree(
        stack: RunningStack, caseload: Caseload) -> None:
    live = await settled(stack, caseload.all)
    ids = ", ".join(f"'{workflow_id(case_id)}'" for case_id in caseload.all)
    queries = {}
    for state in live.values():
        phase = str(PHASES.by_number[state.phase])
        queries[f"CasePhase='{phase}'"] = lambda s, p=state.phase: s.phase == p
        queries[f"CaseworkerId='{state.caseworker_id}'"] = (
            lambda s, c=state.caseworker_id: s.caseworker_id == c)
        queries[f"OfficeId='{state.office_id}'"] = lambda s, o=state.office_id: s.office_id == o
    for program, name in ((common_pb2.PROGRAM_SNAP, "snap"), (common_pb2.PROGRAM_TANF, "tanf")):
        queries[f"CasePrograms='{name}'"] = lambda s, p=program: p in s.programs
    for sla, name in ((intake_pb2.SLA_STATUS_BREACHED, "breached"),
                      (intake_pb2.SLA_STATUS_WARNING, "warning"),
                      (intake_pb2.SLA_STATUS_ON_TIME, "on_time")):
        queries[f"SlaStatus='{name}'"] = lambda s, x=sla: sla_of(s) == x
    queries["NextDeadlineCode='SNAP_APPLICATION_PROCESSING'"] = lambda s: any(
        d.code == "SNAP_APPLICATION_PROCESSING" for d in agency_running(s))
    queries["PendingApproval='plan'"] = lambda s: any(
        a.kind == intake_pb2.APPROVAL_KIND_PLAN and not a.decision for a in s.approvals)
    for query, holds in queries.items():
        expected = sum(1 for state in live.values() if holds(state))

        async def agrees(query: str = query, expected: int = expected) -> bool:
            counted = await stack.client.count_workflows(f"WorkflowId IN ({ids}) AND {query}")
            return counted.count == expected

        await eventually(agrees, f"{query} counts {expected}")


async def worklist(stack: RunningStack, caseworker_id: str) -> set[str]:
    reply = await stack.intake.GetWorklist(intake_pb2.GetWorklistRequest(
        caseworker_id=caseworker_id), timeout=10)
    return {item.case_id for item in reply.items}


async def test_a_reassignment_moves_the_case_between_worklists(
        stack: RunningStack, caseload: Caseload) -> None:
    case_id = caseload.warning
    was = (await builders.get_case(stack, case_id)).state.caseworker_id
    to = next(cw for cw in ("cw-0001", "cw-0002", "cw-0003") if cw != was)
    assert case_id in await worklist(stack, was)
    state = (await stack.intake.ReassignCase(intake_pb2.ReassignCaseRequest(
        case_id=case_id, caseworker_id=to, supervisor_id=builders.SUPERVISOR,
        reason="caseload balancing"), timeout=30)).state
    assert state.caseworker_id == to

    async def moved() -> bool:
        return case_id in await worklist(stack, to) and case_id not in await worklist(stack, was)

    await eventually(moved, "the case is on its new caseworker's worklist only")
    trail = (await stack.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case_id), timeout=10)).entries
    assert [(e.actor, json.loads(e.detail)["from_caseworker_id"]) for e in trail
            if e.action == "reassigned"] == [(builders.SUPERVISOR, was)]


async def plans_waiting(stack: RunningStack) -> list[intake_pb2.CaseApproval]:
    reply = await stack.intake.ListApprovals(intake_pb2.ListApprovalsRequest(
        kind=intake_pb2.APPROVAL_KIND_PLAN, page_size=500), timeout=10)
    return list(reply.approvals)


async def test_the_approvals_queue_shows_a_plan_and_clears_it_when_approved(
        stack: RunningStack, caseload: Caseload) -> None:
    async def shown() -> bool:
        return any(a.case_id == caseload.plan for a in await plans_waiting(stack))

    await eventually(shown, "the plan waits in the queue")
    [waiting] = [a for a in await plans_waiting(stack) if a.case_id == caseload.plan]
    assert waiting.approval.requested_by == builders.ASSESSOR
    decided = await stack.intake.DecideApproval(intake_pb2.DecideApprovalRequest(
        case_id=caseload.plan, approval_id=waiting.approval.approval_id,
        decision=intake_pb2.APPROVAL_DECISION_APPROVE, supervisor_id=builders.SUPERVISOR),
        timeout=30)
    assert decided.approval.decision == "approved"

    async def cleared() -> bool:
        return not any(a.case_id == caseload.plan for a in await plans_waiting(stack))

    await eventually(cleared, "the approved plan leaves the queue")
    await builders.wait_for_phase(stack, caseload.plan, intake_pb2.PHASE_MONITORING)


async def test_casework_sla_lists_the_clocks_soonest_first(
        stack: RunningStack, caseload: Caseload) -> None:
    await settled(stack, caseload.all)
    args = cli.parse(["sla", "--json"])
    assert not isinstance(args, int)
    out = io.StringIO()
    assert await args.run(args, channel=stack.channels["intake"], out=out) == cli.EXIT_OK
    clocks = json.loads(out.getvalue())["clocks"]
    due = [c["deadline"]["due_date"] for c in clocks]
    assert due == sorted(due)
    mine = {(c["case_id"], c["deadline"]["status"]) for c in clocks}
    assert (caseload.breached, "CLOCK_STATUS_BREACHED") in mine
    assert (caseload.warning, "CLOCK_STATUS_WARNING") in mine


async def test_the_metrics_endpoints_carry_the_case_series(
        stack: RunningStack, caseload: Caseload) -> None:
    worker = await scrape_async(stack.addresses.metrics["worker"])
    assert any(s.name == "casework_clock_breaches"
               and s.labels.get("code") == "SNAP_APPLICATION_PROCESSING" for s in worker)
    assert any(s.name == "casework_clock_warnings" for s in worker)
    assert any(s.name == "casework_phase_duration_count" and s.labels.get("phase") == "intake"
               for s in worker)
    intake = await scrape_async(stack.addresses.metrics["intake"])
    assert any(s.name == "casework_rpc_server_duration_seconds_count"
               and s.labels.get("method") == "casework.v1.IntakeService/ListCases"
               for s in intake)

    async def gauged() -> bool:  # intake counts its read model every 15 seconds
        samples = await scrape_async(stack.addresses.metrics["intake"])
        breached = sum(s.value for s in samples if s.name == "casework_clocks"
                       and s.labels == {"code": "SNAP_APPLICATION_PROCESSING",
                                        "status": "breached"})
        monitoring = sum(s.value for s in samples if s.name == "casework_cases"
                         and s.labels.get("phase") == "monitoring")
        tasks = {s.labels.get("task") for s in samples if s.name == "casework_open_tasks"}
        return breached >= 1 and monitoring >= 3 and "DEADLINE_BREACHED" in tasks

    await eventually(gauged, "intake's gauges count the cases, clocks and tasks")


async def test_with_the_worker_stopped_lists_counts_and_a_closed_case_still_answer(
        stack: RunningStack, caseload: Caseload) -> None:
    await settled(stack, caseload.all)
    before = set(await listed(stack, intake_pb2.CaseFilter()))
    await stack.launcher.kill("worker")
    try:
        assert set(await listed(stack, intake_pb2.CaseFilter())) == before
        counted = await stack.intake.CountCases(intake_pb2.CountCasesRequest(
            group_by=intake_pb2.CASE_DIMENSION_SLA_STATUS), timeout=10)
        assert counted.total == len(before)
        closed = await builders.get_case(stack, caseload.closed)
        assert closed.state_from_record and closed.state.phase == intake_pb2.PHASE_CLOSED
        assert closed.state.case_id == caseload.closed
        assert caseload.breached in await worklist(
            stack, (await builders.get_case(stack, caseload.breached)).state.caseworker_id)
    finally:
        await stack.launcher.start_worker()
