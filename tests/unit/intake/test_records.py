"""CaseRecordsService, as the workflow's activities call it: every write idempotent."""

from __future__ import annotations

import asyncio
import json
from datetime import date

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from sqlalchemy import select

from common.status import field_violations
from services.intake import domain
from services.intake.store import ApplicationRecord, EventRecord, NoticeRecord, VerificationRecord
from tests.unit.intake.builders import an_application, days_ago, today
from tests.unit.intake.conftest import CASEWORKERS, Intake


async def a_case(intake: Intake) -> str:
    return str((await intake.intake.SubmitApplication(an_application())).case_id)


async def test_the_household_has_ages_on_the_date_asked_and_no_names(intake: Intake) -> None:
    case_id = await a_case(intake)
    reply = await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id, as_of_date="2026-02-28"))
    household = reply.household
    assert [(m.id, m.age) for m in household.members] == [("m1", 33), ("m2", 37), ("m3", 6)]
    assert household.members[2].student and household.state == "IL"
    assert household.members[0].relationship == common_pb2.RELATIONSHIP_HEAD
    assert [(i.member_id, i.monthly_cents) for i in household.incomes] == [("m1", 185_000)]
    assert (household.expenses.rent_cents, household.assets.liquid_cents) == (110_000, 25_000)
    assert (reply.county, reply.zip) == ("Cook", "60657")
    leap = await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id, as_of_date="2026-03-01"))
    assert leap.household.members[0].age == 34


async def test_a_household_of_an_unknown_case_is_not_found(intake: Intake) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await intake.records.GetHousehold(intake_pb2.GetHouseholdRequest(case_id="f" * 32))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_caseworkers_take_cases_in_turn_and_a_case_keeps_its_assignment(
    intake: Intake,
) -> None:
    cases = [await a_case(intake) for _ in range(4)]
    assigned = [await intake.records.AssignCaseworker(
        intake_pb2.AssignCaseworkerRequest(case_id=case_id)) for case_id in cases]
    assert [a.caseworker_id for a in assigned] == [*CASEWORKERS, CASEWORKERS[0]]
    again = await asyncio.gather(*(intake.records.AssignCaseworker(
        intake_pb2.AssignCaseworkerRequest(case_id=cases[1])) for _ in range(3)))
    assert {a.caseworker_id for a in again} == {CASEWORKERS[1]}
    first = assigned[0]
    assert first.office_id == intake.options.office_id
    expected = domain.interview_date(date.fromisoformat(days_ago(2)), today(),
                                     intake.options.interview_business_days)
    assert first.interview_date == expected.isoformat()
    assert date.fromisoformat(first.interview_date).weekday() < 5


async def test_verification_items_are_requested_once_and_received_with_their_evidence(
    intake: Intake,
) -> None:
    case_id = await a_case(intake)
    due = today().isoformat()
    kinds = [intake_pb2.VERIFICATION_KIND_INCOME, intake_pb2.VERIFICATION_KIND_IDENTITY]
    request = intake_pb2.RequestVerificationsRequest(case_id=case_id, kinds=kinds, due_date=due)
    first, second = await asyncio.gather(intake.records.RequestVerifications(request),
                                         intake.records.RequestVerifications(request))
    assert [i.kind for i in first.items] == [i.kind for i in second.items] == kinds
    assert await intake.served.count(VerificationRecord) == 2
    received = intake_pb2.VerificationItem(
        kind=intake_pb2.VERIFICATION_KIND_INCOME, due_date=due, received=True,
        source="pay stubs", received_date=today().isoformat(), verifier_id="cw-b")
    for _ in range(2):
        reply = await intake.records.RecordVerification(
            intake_pb2.RecordVerificationRequest(case_id=case_id, item=received))
    assert (reply.item.received, reply.item.source, reply.item.verifier_id) == (
        True, "pay stubs", "cw-b")
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert [(v.kind, v.received) for v in case.verifications] == [
        (intake_pb2.VERIFICATION_KIND_INCOME, True),
        (intake_pb2.VERIFICATION_KIND_IDENTITY, False)]


async def test_an_item_never_requested_cannot_be_recorded(intake: Intake) -> None:
    case_id = await a_case(intake)
    item = intake_pb2.VerificationItem(
        kind=intake_pb2.VERIFICATION_KIND_RESIDENCY, received=True, source="lease",
        received_date=today().isoformat(), verifier_id="cw-a")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.RecordVerification(
            intake_pb2.RecordVerificationRequest(case_id=case_id, item=item))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_a_notice_is_issued_once_per_key(intake: Intake) -> None:
    case_id = await a_case(intake)
    request = intake_pb2.IssueNoticeRequest(
        case_id=case_id, idempotency_key=f"{case_id}:decision",
        kind=intake_pb2.NOTICE_KIND_DECISION, text="You are eligible for SNAP.")
    replies = await asyncio.gather(*(intake.records.IssueNotice(request) for _ in range(3)))
    assert len({reply.notice.notice_id for reply in replies}) == 1
    assert await intake.served.count(NoticeRecord) == 1
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert [(n.kind, n.text) for n in case.notices] == [
        (intake_pb2.NOTICE_KIND_DECISION, "You are eligible for SNAP.")]


async def test_a_case_event_is_recorded_once_and_its_rerun_is_a_replay(intake: Intake) -> None:
    case_id = await a_case(intake)
    request = intake_pb2.RecordCaseEventRequest(
        case_id=case_id, idempotency_key=f"{case_id}:interview",
        event=intake_pb2.CaseEvent(kind="interview_recorded",
                                   detail=json.dumps({"caseworker_id": "cw-a"})))
    first = await intake.records.RecordCaseEvent(request)
    second = await intake.records.RecordCaseEvent(request)
    assert (first.replayed, second.replayed) == (False, True)
    assert await intake.served.count(EventRecord) == 1
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert [(e.kind, json.loads(e.detail)) for e in case.events] == [
        ("interview_recorded", {"caseworker_id": "cw-a"})]


async def test_a_key_of_one_case_is_refused_for_another(intake: Intake) -> None:
    first, other = await a_case(intake), await a_case(intake)
    event = intake_pb2.CaseEvent(kind="note")
    await intake.records.RecordCaseEvent(intake_pb2.RecordCaseEventRequest(
        case_id=first, idempotency_key="shared-key", event=event))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.RecordCaseEvent(intake_pb2.RecordCaseEventRequest(
            case_id=other, idempotency_key="shared-key", event=event))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_malformed_record_requests_name_their_fields(intake: Intake) -> None:
    case_id = await a_case(intake)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.RecordCaseEvent(intake_pb2.RecordCaseEventRequest(
            case_id=case_id, event=intake_pb2.CaseEvent(detail="[not json")))
    assert [f for f, _ in field_violations(refused.value)] == [
        "idempotency_key", "event.kind", "event.detail"]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.RequestVerifications(intake_pb2.RequestVerificationsRequest(
            case_id="not-a-case", kinds=[0], due_date="soon"))
    assert [f for f, _ in field_violations(refused.value)] == [
        "case_id", "kinds[0]", "due_date"]


async def test_a_household_change_is_applied_once_per_key(intake: Intake) -> None:
    case_id = await a_case(intake)
    change = intake_pb2.ApplyHouseholdChangeRequest(
        case_id=case_id, idempotency_key=f"{case_id}:change-1:household",
        incomes=[common_pb2.Income(member_id="m2", kind=common_pb2.INCOME_KIND_UNEMPLOYMENT,
                                   monthly_cents=90_000)])
    applied = await intake.records.ApplyHouseholdChange(change)
    assert [(i.member_id, i.monthly_cents) for i in applied.household.incomes] == [
        ("m2", 90_000)]
    assert applied.household.expenses.rent_cents == 110_000  # unset keeps the expenses
    rerun = intake_pb2.ApplyHouseholdChangeRequest()
    rerun.CopyFrom(change)
    rerun.incomes[0].monthly_cents = 1  # a rerun under the same key changes nothing
    replayed = await intake.records.ApplyHouseholdChange(rerun)
    assert [(i.member_id, i.monthly_cents) for i in replayed.household.incomes] == [
        ("m2", 90_000)]
    household = (await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id))).household
    assert [i.monthly_cents for i in household.incomes] == [90_000]
    assert await intake.served.count(EventRecord) == 1


async def test_the_recorded_phase_and_closure_reason_follow_the_workflow(intake: Intake) -> None:
    case_id = await a_case(intake)
    for _ in range(2):
        await intake.records.UpdateCaseStatus(intake_pb2.UpdateCaseStatusRequest(
            case_id=case_id, phase=intake_pb2.PHASE_CLOSED,
            closure_reason=intake_pb2.CLOSURE_REASON_MOVED))
    async with intake.served.engine.connect() as connection:
        row = (await connection.execute(select(ApplicationRecord.phase,
                                               ApplicationRecord.closure_reason))).one()
    assert tuple(row) == ("closed", "moved")
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert case.recorded_phase == intake_pb2.PHASE_CLOSED
