"""ListCases, CountCases, GetWorklist, ListClocks and ListApprovals over real gRPC: what
each answers agrees, filter by filter and page by page, with the states recorded, read
through the workflow's own methods (`sla_status`, `next_deadline`,
`agency_clocks_running`); bad input is refused naming the field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2

from common.db import make_sessions
from common.enums import spelling
from common.status import field_violations
from services.intake import listings
from tests.unit.intake.builders import days_ago, today
from tests.unit.intake.case_views import ReadModel, a_state, an_approval, read_model
from workflows.inputs import Phase, Program
from workflows.state import ApprovalKind, CaseState, Task

__all__ = ["read_model"]

LAST = date.max.isoformat()


@dataclass
class Recorded:
    """The read model after `population`, and the states it was given."""

    model: ReadModel
    states: list[CaseState]

    def where(self, keep: Callable[[CaseState], bool]) -> list[str]:
        """The ids of the states `keep` takes, in ListCases' order."""
        def key(state: CaseState) -> tuple[str, str]:
            due = state.next_deadline()
            return (due.due_date if due else LAST, state.case_id)
        return [s.case_id for s in sorted(self.states, key=key) if keep(s)]

    async def listed(self, **filter: object) -> list[str]:
        reply = await self.model.intake.ListCases(
            intake_pb2.ListCasesRequest(filter=intake_pb2.CaseFilter(**filter)))  # type: ignore[arg-type]
        return [case.case_id for case in reply.cases]


@pytest.fixture
async def population(read_model: ReadModel) -> Recorded:
    """Six cases across phases, programs, caseworkers, offices and SLA standings."""
    ids = [await read_model.file() for _ in range(6)]
    interview = a_state(ids[1], filed_days_ago=27, phase=Phase.INTAKE,
                        programs=[Program.SNAP, Program.MEDICAID], tasks=[Task.INTERVIEW],
                        clocks=["SNAP_APPLICATION_PROCESSING", "MEDICAID_APPLICATION"],
                        approvals=[an_approval("plan-1", asked_days_ago=3)])
    interview.interview_date = days_ago(-2)
    states = [
        a_state(ids[0], tasks=[Task.VERIFICATION_OVERDUE]),
        interview,
        a_state(ids[2], filed_days_ago=40, phase=Phase.DETERMINATION,
                programs=[Program.MEDICAID], caseworker="cw-b", office="office-002",
                clocks=["MEDICAID_APPLICATION"],
                approvals=[an_approval("ext-1", ApprovalKind.DEADLINE_EXTENSION,
                                       asked_days_ago=5),
                           an_approval("pay-1", ApprovalKind.PAYMENT, decision="approved")]),
        a_state(ids[3], filed_days_ago=40, phase=Phase.MONITORING, caseworker="cw-b",
                office="office-002", tasks=[Task.DEADLINE_BREACHED]),
        a_state(ids[4], phase=Phase.PLAN, caseworker="", office="", clocks=[]),
        a_state(ids[5], filed_days_ago=100, programs=[Program.MEDICAID], caseworker="cw-c",
                tasks=[Task.PLAN_APPROVAL, Task.REFUSED_STEP],
                clocks=["MEDICAID_APPLICATION", "FAIR_HEARING_REQUEST"],
                approvals=[an_approval("pay-2", ApprovalKind.PAYMENT, asked_days_ago=10)]),
    ]
    for state in states:
        await read_model.record(state)
    return Recorded(read_model, states)


def within(days: int) -> Callable[[CaseState], bool]:
    by = (today() + timedelta(days=days)).isoformat()
    return lambda s: (due := s.next_deadline()) is not None and due.due_date <= by


async def test_each_filter_lists_the_cases_whose_state_matches_it(population: Recorded) -> None:
    filters: list[tuple[dict[str, object], Callable[[CaseState], bool]]] = [
        ({}, lambda s: True),
        ({"phase": intake_pb2.PHASE_VERIFICATION}, lambda s: s.phase is Phase.VERIFICATION),
        ({"program": common_pb2.PROGRAM_MEDICAID}, lambda s: Program.MEDICAID in s.programs),
        ({"caseworker_id": "cw-b"}, lambda s: s.caseworker_id == "cw-b"),
        ({"office_id": "office-001"}, lambda s: s.office_id == "office-001"),
        *(({"sla_status": number}, lambda s, n=number: spelling(
            intake_pb2.SlaStatus, n) == str(s.sla_status()))
          for number in (intake_pb2.SLA_STATUS_ON_TIME, intake_pb2.SLA_STATUS_WARNING,
                         intake_pb2.SLA_STATUS_BREACHED)),
        *(({"due_within_days": days}, within(days)) for days in (0, 3, 5, 20)),
        ({"open_task": "PLAN_APPROVAL"}, lambda s: Task.PLAN_APPROVAL in s.open_tasks),
        ({"program": common_pb2.PROGRAM_SNAP, "caseworker_id": "cw-a", "due_within_days": 5},
         lambda s: Program.SNAP in s.programs and s.caseworker_id == "cw-a" and within(5)(s)),
    ]
    for filter, keep in filters:
        assert await population.listed(**filter) == population.where(keep), filter
    assert {str(s.sla_status()) for s in population.states} == {"on_time", "warning",
                                                                "breached"}


async def test_a_summary_carries_the_cases_codes_and_no_more(population: Recorded) -> None:
    reply = await population.model.intake.ListCases(intake_pb2.ListCasesRequest())
    shown = {case.case_id: case for case in reply.cases}
    interview, extension = population.states[1], population.states[2]
    assert list(shown[interview.case_id].programs) == [common_pb2.PROGRAM_SNAP,
                                                       common_pb2.PROGRAM_MEDICAID]
    assert list(shown[interview.case_id].pending_approvals) == [intake_pb2.APPROVAL_KIND_PLAN]
    assert list(shown[extension.case_id].pending_approvals) == [
        intake_pb2.APPROVAL_KIND_DEADLINE_EXTENSION]
    unassigned = shown[population.states[4].case_id]
    assert (unassigned.caseworker_id, unassigned.next_due_date) == ("", "")
    assert reply.next_page_token == ""


async def test_pages_follow_one_another_in_order_and_a_token_keeps_to_its_filter(
    population: Recorded,
) -> None:
    stub = population.model.intake
    seen: list[str] = []
    token = ""
    for _ in range(4):
        reply = await stub.ListCases(intake_pb2.ListCasesRequest(page_size=4 if not seen else 1,
                                                                 page_token=token))
        seen += [case.case_id for case in reply.cases]
        token = reply.next_page_token
        if not token:
            break
    assert seen == population.where(lambda s: True) and not token
    first = await stub.ListCases(intake_pb2.ListCasesRequest(page_size=2))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.ListCases(intake_pb2.ListCasesRequest(
            filter=intake_pb2.CaseFilter(caseworker_id="cw-a"),
            page_token=first.next_page_token))
    assert [f for f, _ in field_violations(refused.value)] == ["page_token"]


DIMENSIONS: dict[int, Callable[[CaseState], Iterable[str]]] = {
    intake_pb2.CASE_DIMENSION_PHASE: lambda s: [str(s.phase)],
    intake_pb2.CASE_DIMENSION_PROGRAM: lambda s: [str(p) for p in s.programs] or [""],
    intake_pb2.CASE_DIMENSION_CASEWORKER: lambda s: [s.caseworker_id],
    intake_pb2.CASE_DIMENSION_OFFICE: lambda s: [s.office_id],
    intake_pb2.CASE_DIMENSION_SLA_STATUS: lambda s: [str(s.sla_status())],
    intake_pb2.CASE_DIMENSION_OPEN_TASK: lambda s: [str(t) for t in s.open_tasks] or [""],
    intake_pb2.CASE_DIMENSION_NEXT_DUE_CODE: lambda s: [d.code if (d := s.next_deadline())
                                                        else ""],
}


async def test_counts_by_each_dimension_agree_with_the_states(population: Recorded) -> None:
    for dimension, keys in DIMENSIONS.items():
        for filter, keep in (({}, lambda s: True),
                             ({"office_id": "office-001"}, lambda s: s.office_id == "office-001")):
            reply = await population.model.intake.CountCases(intake_pb2.CountCasesRequest(
                filter=intake_pb2.CaseFilter(**filter), group_by=dimension))  # type: ignore[arg-type]
            kept = [s for s in population.states if keep(s)]
            expected = Counter(key for s in kept for key in keys(s))
            assert {c.key: c.count for c in reply.counts} == expected, (dimension, filter)
            assert [c.key for c in reply.counts] == sorted(expected)
            assert reply.total == len(kept)
    total = await population.model.intake.CountCases(intake_pb2.CountCasesRequest())
    assert (total.total, list(total.counts)) == (6, [])


async def test_the_clock_counts_the_gauges_read_agree_with_the_states(
    population: Recorded,
) -> None:
    async with make_sessions(population.model.served.engine)() as session:
        agency = await listings.count_clocks(session)
        windows = await listings.count_clocks(session, household_windows=True)
    spelled = {"": "open"}
    assert agency == Counter(
        (d.code, spelled.get(d.status, str(d.status))) for s in population.states
        for d in s.deadlines if d.code != "FAIR_HEARING_REQUEST")
    assert windows == {("FAIR_HEARING_REQUEST", "lapsed"): 1}


async def test_a_worklist_is_the_caseworkers_tasks_and_deadlines_soonest_first(
    population: Recorded,
) -> None:
    reply = await population.model.intake.GetWorklist(
        intake_pb2.GetWorklistRequest(caseworker_id="cw-a"))
    first, second = population.states[0].case_id, population.states[1].case_id
    assert [(i.case_id, i.task or i.code, i.due_date) for i in reply.items] == [
        (second, "INTERVIEW", days_ago(-2)),
        (second, "SNAP_APPLICATION_PROCESSING", days_ago(-3)),
        (second, "MEDICAID_APPLICATION", days_ago(-18)),
        (first, "SNAP_APPLICATION_PROCESSING", days_ago(-28)),
        (first, "VERIFICATION_OVERDUE", ""),
    ]
    assert [i.status for i in reply.items[1:4]] == [
        intake_pb2.CLOCK_STATUS_WARNING, intake_pb2.CLOCK_STATUS_OPEN,
        intake_pb2.CLOCK_STATUS_OPEN]
    assert reply.items[1].program == common_pb2.PROGRAM_SNAP
    assert reply.items[0].phase == intake_pb2.PHASE_INTAKE
    nobody = await population.model.intake.GetWorklist(
        intake_pb2.GetWorklistRequest(caseworker_id="cw-nobody"))
    assert list(nobody.items) == []


async def test_clocks_list_soonest_first_by_each_filter(population: Recorded) -> None:
    def expected(keep: Callable[[CaseState, str], bool]) -> list[tuple[str, str]]:
        found = [(d.due_date, s.case_id, d.code) for s in population.states
                 for d in s.agency_clocks_running() if keep(s, d.code)]
        return [(case_id, code) for _, case_id, code in sorted(found)]

    async def clocks(**request: object) -> list[tuple[str, str]]:
        reply = await population.model.intake.ListClocks(
            intake_pb2.ListClocksRequest(**request))  # type: ignore[arg-type]
        return [(c.case_id, c.deadline.code) for c in reply.clocks]

    breached = population.states[3]
    assert await clocks() == expected(lambda s, code: True)
    assert await clocks(statuses=[intake_pb2.CLOCK_STATUS_BREACHED]) == expected(
        lambda s, code: s.sla_status() == "breached"
        and s.clock(code).status == "breached")
    assert await clocks(code="MEDICAID_APPLICATION") == expected(
        lambda s, code: code == "MEDICAID_APPLICATION")
    assert await clocks(program=common_pb2.PROGRAM_SNAP) == expected(
        lambda s, code: code.startswith("SNAP"))
    assert await clocks(office_id="office-002") == expected(
        lambda s, code: s.office_id == "office-002")
    assert await clocks(caseworker_id="cw-a", due_within_days=3) == expected(
        lambda s, code: s.caseworker_id == "cw-a" and s.clock(code).due_date <= days_ago(-3))
    assert await clocks(household_windows=True) == []
    assert await clocks(household_windows=True, statuses=[intake_pb2.CLOCK_STATUS_LAPSED]) == [
        (population.states[5].case_id, "FAIR_HEARING_REQUEST")]
    reply = await population.model.intake.ListClocks(
        intake_pb2.ListClocksRequest(statuses=[intake_pb2.CLOCK_STATUS_BREACHED]))
    shown = next(c for c in reply.clocks if c.case_id == breached.case_id)
    clock = breached.clock("SNAP_APPLICATION_PROCESSING")
    assert (shown.deadline.due_date, shown.deadline.warning_date, shown.deadline.start_date,
            shown.deadline.citation, shown.caseworker_id, shown.office_id) == (
        clock.due_date, clock.warning_date, clock.start_date, clock.citation, "cw-b",
        "office-002")
    paged, token = [], ""
    while True:
        page = await population.model.intake.ListClocks(
            intake_pb2.ListClocksRequest(page_size=2, page_token=token))
        paged += [(c.case_id, c.deadline.code) for c in page.clocks]
        if not (token := page.next_page_token):
            break
    assert paged == await clocks()


async def test_the_approvals_queue_lists_waiting_requests_oldest_first(
    population: Recorded,
) -> None:
    async def queue(**request: object) -> list[str]:
        reply = await population.model.intake.ListApprovals(
            intake_pb2.ListApprovalsRequest(**request))  # type: ignore[arg-type]
        return [a.approval.approval_id for a in reply.approvals]

    assert await queue() == ["pay-2", "ext-1", "plan-1"]
    assert await queue(office_id="office-001") == ["pay-2", "plan-1"]
    assert await queue(caseworker_id="cw-b") == ["ext-1"]
    assert await queue(kind=intake_pb2.APPROVAL_KIND_PLAN) == ["plan-1"]
    assert await queue(page_size=1) == ["pay-2"]
    reply = await population.model.intake.ListApprovals(intake_pb2.ListApprovalsRequest())
    first = reply.approvals[0]
    assert (first.case_id, first.caseworker_id, first.approval.kind,
            first.approval.requested_on) == (
        population.states[5].case_id, "cw-c", intake_pb2.APPROVAL_KIND_PAYMENT, days_ago(10))


BAD_REQUESTS: list[tuple[str, object, str]] = [
    ("ListCases", intake_pb2.ListCasesRequest(filter=intake_pb2.CaseFilter(phase=99)),
     "filter.phase"),
    ("ListCases", intake_pb2.ListCasesRequest(filter=intake_pb2.CaseFilter(
        due_within_days=-1)), "filter.due_within_days"),
    ("ListCases", intake_pb2.ListCasesRequest(filter=intake_pb2.CaseFilter(
        open_task="not a task")), "filter.open_task"),
    ("ListCases", intake_pb2.ListCasesRequest(page_size=501), "page_size"),
    ("ListCases", intake_pb2.ListCasesRequest(page_size=-1), "page_size"),
    ("ListCases", intake_pb2.ListCasesRequest(page_token="not-a-token"), "page_token"),
    ("CountCases", intake_pb2.CountCasesRequest(group_by=99), "group_by"),
    ("CountCases", intake_pb2.CountCasesRequest(filter=intake_pb2.CaseFilter(
        sla_status=9)), "filter.sla_status"),
    ("GetWorklist", intake_pb2.GetWorklistRequest(), "caseworker_id"),
    ("ListClocks", intake_pb2.ListClocksRequest(statuses=[0]), "statuses[0]"),
    ("ListClocks", intake_pb2.ListClocksRequest(statuses=[1, 42]), "statuses[1]"),
    ("ListClocks", intake_pb2.ListClocksRequest(code="snap"), "code"),
    ("ListClocks", intake_pb2.ListClocksRequest(due_within_days=-3), "due_within_days"),
    ("ListClocks", intake_pb2.ListClocksRequest(due_within_days=2**31 - 1), "due_within_days"),
    ("CountCases", intake_pb2.CountCasesRequest(filter=intake_pb2.CaseFilter(
        due_within_days=3651)), "filter.due_within_days"),
    ("ListClocks", intake_pb2.ListClocksRequest(program=7), "program"),
    ("ListApprovals", intake_pb2.ListApprovalsRequest(kind=12), "kind"),
    ("ListApprovals", intake_pb2.ListApprovalsRequest(office_id="o" * 65), "office_id"),
]


async def test_bad_input_is_refused_naming_the_field(read_model: ReadModel) -> None:
    for method, request, field in BAD_REQUESTS:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await getattr(read_model.intake, method)(request)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, (method, field)
        assert [f for f, _ in field_violations(refused.value)] == [field], (method, field)
