"""RecordCaseView over real gRPC: the read model keeps each case's latest version, follows
it into the caseload, logs each breach once, refuses bad states naming the field, and
GetCase answers with it when the workflow cannot be asked."""

from __future__ import annotations

import json
import logging

import grpc
import pytest
from casework.v1 import intake_pb2

from common.db import make_sessions
from common.status import field_violations
from services.intake import store
from tests.unit.intake.builders import FAMILY_NAME, an_application, days_ago
from tests.unit.intake.case_views import ReadModel, a_state, file_case, read_model
from tests.unit.intake.conftest import Intake
from workflows.convert import state_pb
from workflows.inputs import ClosureReason, Phase
from workflows.state import Task

__all__ = ["read_model"]


def summaries(reply: intake_pb2.ListCasesResponse) -> dict[str, intake_pb2.CaseSummary]:
    return {case.case_id: case for case in reply.cases}


async def listed(model: ReadModel) -> dict[str, intake_pb2.CaseSummary]:
    return summaries(await model.intake.ListCases(intake_pb2.ListCasesRequest()))


async def test_a_recorded_state_is_listed_with_its_sla_status_and_next_deadline(
    read_model: ReadModel,
) -> None:
    case_id = await read_model.file(filed_days_ago=27)
    state = a_state(case_id, filed_days_ago=27, tasks=[Task.VERIFICATION_OVERDUE],
                    clocks=["SNAP_APPLICATION_PROCESSING", "FAIR_HEARING_REQUEST"])
    assert not (await read_model.record(state)).stale
    summary = (await listed(read_model))[case_id]
    assert summary.sla_status == intake_pb2.SLA_STATUS_WARNING
    assert (summary.next_due_code, summary.next_due_date) == (
        "SNAP_APPLICATION_PROCESSING", days_ago(-3))
    assert (summary.phase, summary.caseworker_id, summary.office_id, summary.state) == (
        intake_pb2.PHASE_VERIFICATION, "cw-a", "office-001", "IL")
    assert list(summary.open_tasks) == ["VERIFICATION_OVERDUE"]
    assert summary.filing_date == days_ago(27)


async def test_an_older_version_is_ignored_and_the_same_one_written_again(
    read_model: ReadModel,
) -> None:
    case_id = await read_model.file()
    newer = a_state(case_id, phase=Phase.DETERMINATION)
    assert not (await read_model.record(newer, version=200)).stale
    older = a_state(case_id, phase=Phase.INTAKE, caseworker="cw-z")
    assert (await read_model.record(older, version=199)).stale
    assert (await listed(read_model))[case_id].phase == intake_pb2.PHASE_DETERMINATION
    newer.open_tasks = [Task.INTERVIEW]
    newer.interview_date = days_ago(-4)
    assert not (await read_model.record(newer, version=200)).stale
    summary = (await listed(read_model))[case_id]
    assert (summary.phase, summary.caseworker_id, list(summary.open_tasks)) == (
        intake_pb2.PHASE_DETERMINATION, "cw-a", ["INTERVIEW"])


async def test_each_breach_is_logged_once_with_the_case_id_code_and_due_date_only(
    read_model: ReadModel, caplog: pytest.LogCaptureFixture,
) -> None:
    case_id = await read_model.file(filed_days_ago=40)
    state = a_state(case_id, filed_days_ago=40,
                    clocks=["SNAP_APPLICATION_PROCESSING", "MEDICAID_APPLICATION",
                            "FAIR_HEARING_REQUEST"])
    caplog.set_level(logging.INFO, logger="services.intake")
    for _ in range(3):
        await read_model.record(state)
    breaches = [json.loads(r.getMessage()) for r in caplog.records
                if "sla_breached" in r.getMessage()]
    assert breaches == [{"event": "sla_breached", "case_id": case_id,
                         "code": "SNAP_APPLICATION_PROCESSING", "due_date": days_ago(10)}]
    state.deadlines[1].status = state.deadlines[0].status  # the Medicaid clock breaches too
    await read_model.record(state)
    breaches = [json.loads(r.getMessage())["code"] for r in caplog.records
                if "sla_breached" in r.getMessage()]
    assert breaches == ["SNAP_APPLICATION_PROCESSING", "MEDICAID_APPLICATION"]
    assert FAMILY_NAME not in caplog.text


async def test_a_household_window_never_counts_against_the_agency(
    read_model: ReadModel,
) -> None:
    case_id = await read_model.file(filed_days_ago=100)
    state = a_state(case_id, filed_days_ago=100, clocks=["FAIR_HEARING_REQUEST"])
    assert state.deadlines[0].status == "lapsed"
    await read_model.record(state)
    summary = (await listed(read_model))[case_id]
    assert summary.sla_status == intake_pb2.SLA_STATUS_ON_TIME
    assert (summary.next_due_date, summary.next_due_code) == ("", "")


async def test_the_application_follows_the_state_so_the_caseload_follows_a_reassignment(
    read_model: ReadModel,
) -> None:
    first, second = await read_model.file(), await read_model.file()
    await read_model.record(a_state(first, caseworker="cw-a"))
    await read_model.record(a_state(second, caseworker="cw-a"))
    sessions = make_sessions(read_model.served.engine)
    async with sessions() as session:
        assert await store.caseworker_load(session) == {"cw-a": 2}
    await read_model.record(a_state(second, caseworker="cw-b", office="office-002"))
    closed = a_state(first, phase=Phase.CLOSED)
    closed.closure_reason = ClosureReason.CLIENT_REQUEST
    await read_model.record(closed)
    async with sessions() as session:
        assert await store.caseworker_load(session) == {"cw-b": 1}
        row = await store.get_application(session, case_id=first)
        moved = await store.get_application(session, case_id=second)
    assert (row.phase, row.closure_reason) == ("closed", "client_request")
    assert (moved.caseworker_id, moved.office_id) == ("cw-b", "office-002")


async def test_get_case_answers_with_the_recorded_state_while_temporal_is_down(
    read_model: ReadModel,
) -> None:
    case_id, never = await read_model.file(), await read_model.file()
    state = a_state(case_id, phase=Phase.PLAN, tasks=[Task.ASSESSMENT])
    await read_model.record(state)
    case = (await read_model.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert case.state_from_record and case.state_recorded_at.seconds > 0
    assert case.state == state_pb(state)
    unrecorded = (await read_model.intake.GetCase(intake_pb2.GetCaseRequest(case_id=never))).case
    assert not unrecorded.HasField("state") and not unrecorded.state_from_record


async def test_get_case_answers_with_the_recorded_state_when_the_run_is_gone(
    intake: Intake,
) -> None:
    running = (await intake.intake.SubmitApplication(an_application())).case_id
    gone = await file_case(intake.served, intake.cipher)  # a workflow Temporal no longer has
    for case_id in (running, gone):
        await intake.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
            case_id=case_id, state=state_pb(a_state(case_id, phase=Phase.MONITORING)),
            version=1))
    live = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=running))).case
    assert not live.state_from_record and live.state.phase == intake_pb2.PHASE_INTAKE
    recorded = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=gone))).case
    assert recorded.state_from_record and recorded.state.phase == intake_pb2.PHASE_MONITORING


async def test_get_case_answers_with_the_recorded_state_when_no_worker_runs(
    intake_service: Intake,
) -> None:
    case_id = (await intake_service.intake.SubmitApplication(an_application())).case_id
    await intake_service.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
        case_id=case_id, state=state_pb(a_state(case_id)), version=1))
    case = (await intake_service.intake.GetCase(
        intake_pb2.GetCaseRequest(case_id=case_id), timeout=30)).case
    assert case.state_from_record and case.state.phase == intake_pb2.PHASE_VERIFICATION


async def test_a_state_of_an_unknown_case_is_not_found(read_model: ReadModel) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await read_model.record(a_state("f" * 32))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_bad_state_is_refused_naming_each_field(read_model: ReadModel) -> None:
    case_id = await read_model.file()
    state = state_pb(a_state(case_id, clocks=["SNAP_APPLICATION_PROCESSING"]))
    state.case_id = "0" * 32
    state.deadlines[0].due_date = "someday"
    state.deadlines.add(code="NO_SUCH_CLOCK", due_date=days_ago(-1))
    state.approvals.add(approval_id="a1", kind=99, requested_by="cw-a", requested_on="x")
    state.approvals.add(approval_id="a1", kind=1, requested_by="cw-a", requested_on=days_ago(1))
    state.open_tasks.append("not a task")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await read_model.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
            case_id=case_id, state=state, version=-1))
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {field for field, _ in field_violations(refused.value)} == {
        "version", "state.case_id", "state.deadlines[0].due_date", "state.approvals[0].kind",
        "state.approvals[0].requested_on", "state.approvals[1].approval_id",
        "state.open_tasks[0]"}
    state.deadlines.append(state.deadlines[0])
    with pytest.raises(grpc.aio.AioRpcError) as twice:
        await read_model.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
            case_id=case_id, state=state, version=1))
    assert "state.deadlines[2].ref" in {field for field, _ in field_violations(twice.value)}
    del state.deadlines[2]
    state.case_id, state.deadlines[0].due_date = case_id, days_ago(-1)
    del state.approvals[:], state.open_tasks[:]
    with pytest.raises(grpc.aio.AioRpcError) as unknown:
        await read_model.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
            case_id=case_id, state=state, version=1))
    assert field_violations(unknown.value) == [
        ("state.deadlines[1].code", "has no rule for the case's State")]
    assert await listed(read_model) == {}
