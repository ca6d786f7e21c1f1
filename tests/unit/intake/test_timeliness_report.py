"""GetTimelinessReport over real gRPC: cases written through RecordCaseView with their
clocks met, late, breached, paused for the household, extended and pending, across two
offices, two programs and the months their rules put the due dates in; the shares, the
late list and whose delay each was, exactly; bad input refused naming the field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2

from common.status import field_violations
from tests.unit.intake.builders import days_ago, today
from tests.unit.intake.case_views import ReadModel, read_model
from workflows.inputs import Phase, Program
from workflows.state import CaseState

__all__ = ["read_model"]

SNAP, MEDICAID = common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_MEDICAID
TIMELY, UNTIMELY = intake_pb2.TIMELINESS_TIMELY, intake_pb2.TIMELINESS_UNTIMELY
AGENCY, HOUSEHOLD, EXTENSION = (intake_pb2.DELAY_CAUSE_AGENCY, intake_pb2.DELAY_CAUSE_HOUSEHOLD,
                                intake_pb2.DELAY_CAUSE_EXTENSION)
APPLICATION, EXPEDITED, CHANGE = "application processing", "expedited service", "change action"
SNAP_30, SNAP_7, MEDICAID_45 = ("SNAP_APPLICATION_PROCESSING", "SNAP_EXPEDITED_SERVICE",
                                "MEDICAID_APPLICATION")
ONE, TWO = "office-001", "office-002"


def a_case(case_id: str, *, office: str, filed: str, clocks: list[str],
           programs: tuple[Program, ...] = (Program.SNAP,)) -> CaseState:
    """An Illinois case filed on `filed` whose `clocks` started that day (calendar days:
    SNAP's 30 from 2025-02-10 fall due 2025-03-12, Medicaid's 45 from 2025-02-15 on
    2025-04-01)."""
    state = CaseState(case_id=case_id, phase=Phase.MONITORING, programs=list(programs),
                      state="IL", filing_date=filed, caseworker_id="cw-a", office_id=office)
    for code in clocks:
        state.start_clock(code, filed)
    return state


@dataclass
class Cases:
    model: ReadModel
    ids: dict[str, str]
    """Each case's id by its letter."""

    async def report(self, **request: object) -> intake_pb2.GetTimelinessReportResponse:
        return await self.model.intake.GetTimelinessReport(
            intake_pb2.GetTimelinessReportRequest(**request))  # type: ignore[arg-type]


@pytest.fixture
async def cases(read_model: ReadModel) -> Cases:
    """Nine cases, by letter:

    A (office 1, SNAP): decided on day 23, timely; its expedited 7 days met on day 10,
      3 days late; a change reported 2025-04-01 acted on 04-15, 4 days late.
    B (office 1, SNAP): decided 2025-03-20, 8 days late; a change acted on in 7 days.
    C (office 2, SNAP): never decided, breached since 2025-03-12.
    D (office 1, SNAP, filed 2025-03-05, due 04-04): proof overdue, paused 03-20 to 03-30
      (due 04-14), decided 04-10: timely by the pause, 6 days past day 30, the household's.
    E (office 2, SNAP): paused as D, decided 04-20: 6 days past its moved date, 16 past
      day 30, the agency's.
    F (office 2, Medicaid, due 04-01): extended by a supervisor to 04-20, decided 04-15.
    G (office 1, Medicaid): decided 2025-03-25, timely.
    H (office 1, SNAP): filed two days ago, pending.
    I (office 2, SNAP, filed 2025-03-01, due 03-31): waiting on the household since 03-20.
    """
    ids = {letter: await read_model.file() for letter in "ABCDEFGHI"}
    a = a_case(ids["A"], office=ONE, filed="2025-02-10", clocks=[SNAP_30, SNAP_7])
    a.meet_clock(SNAP_7, "2025-02-20")
    a.meet_clock(SNAP_30, "2025-03-05")
    a.start_clock("CHANGE_REPORT_ACTION", "2025-04-01")
    a.meet_clock("CHANGE_REPORT_ACTION", "2025-04-15")
    b = a_case(ids["B"], office=ONE, filed="2025-02-10", clocks=[SNAP_30])
    b.meet_clock(SNAP_30, "2025-03-20")
    b.start_clock("CHANGE_REPORT_ACTION", "2025-04-01")
    b.meet_clock("CHANGE_REPORT_ACTION", "2025-04-08")
    c = a_case(ids["C"], office=TWO, filed="2025-02-10", clocks=[SNAP_30])
    c.review_clocks(today().isoformat())
    d = a_case(ids["D"], office=ONE, filed="2025-03-05", clocks=[SNAP_30])
    d.start_clock("VERIFICATION_DUE", "2025-03-08")  # the household's: never measured
    d.pause_clocks("2025-03-20")
    d.meet_clock("VERIFICATION_DUE", "2025-03-30")
    d.resume_clocks("2025-03-30")
    d.meet_clock(SNAP_30, "2025-04-10")
    e = a_case(ids["E"], office=TWO, filed="2025-03-05", clocks=[SNAP_30])
    e.pause_clocks("2025-03-20")
    e.resume_clocks("2025-03-30")
    e.meet_clock(SNAP_30, "2025-04-20")
    f = a_case(ids["F"], office=TWO, filed="2025-02-15", clocks=[MEDICAID_45],
               programs=(Program.MEDICAID,))
    f.extend_clock(MEDICAID_45, "2025-04-20", "a hospital record not yet in", "sup-1")
    f.meet_clock(MEDICAID_45, "2025-04-15")
    g = a_case(ids["G"], office=ONE, filed="2025-02-15", clocks=[MEDICAID_45],
               programs=(Program.MEDICAID,))
    g.meet_clock(MEDICAID_45, "2025-03-25")
    h = a_case(ids["H"], office=ONE, filed=days_ago(2), clocks=[SNAP_30])
    h.review_clocks(today().isoformat())
    i = a_case(ids["I"], office=TWO, filed="2025-03-01", clocks=[SNAP_30])
    i.pause_clocks("2025-03-20")
    i.review_clocks(today().isoformat())
    states = [a, b, c, d, e, f, g, h, i]
    assert [str(d.clock(SNAP_30).status), str(e.clock(SNAP_30).status),
            str(f.clock(MEDICAID_45).status), str(c.clock(SNAP_30).status),
            str(i.clock(SNAP_30).status)] == ["met", "met_late", "met", "breached", "paused"]
    assert (d.clock(SNAP_30).original_due_date, d.clock(SNAP_30).due_date,
            f.clock(MEDICAID_45).original_due_date) == ("2025-04-04", "2025-04-14", "2025-04-01")
    for state in states:
        await read_model.record(state)
    return Cases(read_model, ids)


def groups(found: list[intake_pb2.TimelinessGroup]) -> list[tuple[object, ...]]:
    return [(g.measure, g.code, g.program, g.office_id, g.month, g.timely, g.untimely,
             g.pending, g.household_delayed, g.extended, g.timely_share) for g in found]


def late(found: list[intake_pb2.LateClock]) -> list[tuple[object, ...]]:
    return [(c.case_id, c.code, c.month, c.standard_due_date, c.due_date, c.met_on,
             c.days_late, c.days_past_due, c.timeliness, c.delay, c.extended) for c in found]


def pending_month() -> str:
    """The month H's 30 days, started two days ago, fall due in."""
    return date.fromisoformat(days_ago(-28)).strftime("%Y-%m")


async def test_the_report_counts_each_office_and_month_and_lists_the_late_with_their_cause(
    cases: Cases,
) -> None:
    ids = cases.ids
    reply = await cases.report()
    assert reply.as_of == today().isoformat()
    assert groups(list(reply.groups)) == [
        (APPLICATION, MEDICAID_45, MEDICAID, ONE, "2025-04", 1, 0, 0, 0, 0, 1.0),
        (APPLICATION, MEDICAID_45, MEDICAID, TWO, "2025-04", 1, 0, 0, 0, 1, 1.0),
        (APPLICATION, SNAP_30, SNAP, ONE, "2025-03", 1, 1, 0, 0, 0, 0.5),
        (APPLICATION, SNAP_30, SNAP, ONE, "2025-04", 1, 0, 0, 1, 0, 1.0),
        (APPLICATION, SNAP_30, SNAP, ONE, pending_month(), 0, 0, 1, 0, 0, 0.0),
        (APPLICATION, SNAP_30, SNAP, TWO, "2025-03", 0, 1, 1, 0, 0, 0.0),
        (APPLICATION, SNAP_30, SNAP, TWO, "2025-04", 0, 1, 0, 0, 0, 0.0),
        (EXPEDITED, SNAP_7, SNAP, ONE, "2025-02", 0, 1, 0, 0, 0, 0.0),
        (CHANGE, "CHANGE_REPORT_ACTION", SNAP, ONE, "2025-04", 1, 1, 0, 0, 0, 0.5),
    ]
    assert groups(list(reply.totals)) == [
        (APPLICATION, MEDICAID_45, MEDICAID, "", "", 2, 0, 0, 0, 1, 1.0),
        (APPLICATION, SNAP_30, SNAP, "", "", 2, 3, 2, 1, 0, 0.4),
        (EXPEDITED, SNAP_7, SNAP, "", "", 0, 1, 0, 0, 0, 0.0),
        (CHANGE, "CHANGE_REPORT_ACTION", SNAP, "", "", 1, 1, 0, 0, 0, 0.5),
    ]
    breached_for = (today() - date(2025, 3, 12)).days
    april_two = sorted([
        (ids["E"], SNAP_30, "2025-04", "2025-04-04", "2025-04-14", "2025-04-20", 16, 6,
         UNTIMELY, AGENCY, False),
        (ids["F"], MEDICAID_45, "2025-04", "2025-04-01", "2025-04-20", "2025-04-15", 14, 0,
         TIMELY, EXTENSION, True),
    ])
    assert late(list(reply.late)) == [
        (ids["A"], SNAP_7, "2025-02", "2025-02-17", "2025-02-17", "2025-02-20", 3, 3,
         UNTIMELY, AGENCY, False),
        (ids["B"], SNAP_30, "2025-03", "2025-03-12", "2025-03-12", "2025-03-20", 8, 8,
         UNTIMELY, AGENCY, False),
        (ids["C"], SNAP_30, "2025-03", "2025-03-12", "2025-03-12", "", breached_for,
         breached_for, UNTIMELY, AGENCY, False),
        (ids["D"], SNAP_30, "2025-04", "2025-04-04", "2025-04-14", "2025-04-10", 6, 0,
         TIMELY, HOUSEHOLD, False),
        *april_two,
        (ids["A"], "CHANGE_REPORT_ACTION", "2025-04", "2025-04-11", "2025-04-11",
         "2025-04-15", 4, 4, UNTIMELY, AGENCY, False),
    ]
    shown = reply.late[0]
    assert (shown.measure, shown.program, shown.office_id, shown.ref) == (
        EXPEDITED, SNAP, ONE, "")


async def test_months_an_office_and_a_program_narrow_the_report(cases: Cases) -> None:
    ids = cases.ids
    march = await cases.report(from_month="2025-03", to_month="2025-03")
    assert [(g.code, g.office_id, g.month) for g in march.groups] == [
        (SNAP_30, ONE, "2025-03"), (SNAP_30, TWO, "2025-03")]
    assert [c.case_id for c in march.late] == [ids["B"], ids["C"]]
    assert [(g.code, g.timely, g.untimely, g.pending) for g in march.totals] == [
        (SNAP_30, 1, 2, 1)]
    office = await cases.report(office_id=TWO)
    assert {g.office_id for g in office.groups} == {TWO}
    assert sorted(c.case_id for c in office.late) == sorted([ids["C"], ids["E"], ids["F"]])
    medicaid = await cases.report(program=MEDICAID)
    assert [(g.office_id, g.timely, g.extended) for g in medicaid.groups] == [
        (ONE, 1, 0), (TWO, 1, 1)]
    assert [c.case_id for c in medicaid.late] == [ids["F"]]
    since_april = await cases.report(from_month="2025-04")
    assert [g.month for g in since_april.groups] == [
        "2025-04", "2025-04", "2025-04", pending_month(), "2025-04", "2025-04"]
    until_february = await cases.report(to_month="2025-02")
    assert [(g.code, g.untimely) for g in until_february.groups] == [(SNAP_7, 1)]
    assert await cases.report(to_month="9999-12") == await cases.report()  # no month after
    nobody = await cases.report(office_id="office-999")
    assert (list(nobody.groups), list(nobody.totals), list(nobody.late)) == ([], [], [])


BAD_REQUESTS: list[tuple[dict[str, object], list[str]]] = [
    ({"from_month": "2025-13"}, ["from_month"]),
    ({"to_month": "March"}, ["to_month"]),
    ({"from_month": "2025-3"}, ["from_month"]),
    ({"from_month": "2025-05", "to_month": "2025-04"}, ["from_month"]),
    ({"program": 42}, ["program"]),
    ({"office_id": "o" * 65}, ["office_id"]),
    ({"from_month": "2025-02-01", "program": 9}, ["from_month", "program"]),
]


async def test_bad_input_is_refused_naming_the_field(read_model: ReadModel) -> None:
    for request, fields in BAD_REQUESTS:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await read_model.intake.GetTimelinessReport(
                intake_pb2.GetTimelinessReportRequest(**request))  # type: ignore[arg-type]
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, request
        assert [f for f, _ in field_violations(refused.value)] == fields, request
