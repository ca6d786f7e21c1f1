"""CaseRecordsService, as the workflow's activities call it: every write idempotent."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from sqlalchemy import select

from common.status import field_violations
from services.intake import domain
from services.intake.store import (
    ApplicationRecord,
    EventRecord,
    NoticeRecord,
    VerificationRecord,
)
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


# --- verification records: appended, never overwritten -----------------------------------


def evidence(kind: int, key: str, *, action: int = intake_pb2.VERIFICATION_ACTION_RECEIVED,
             source: str = "pay stubs", incomes: tuple[int, ...] = (),
             rent: int | None = None, note: str = "") -> intake_pb2.VerificationItem:
    """A record of evidence as the case sends it; incomes are m1's wages."""
    return intake_pb2.VerificationItem(
        kind=kind, received=True, source=source, received_date=today().isoformat(),
        verifier_id="cw-b", last_action=action, note=note,
        evidence=intake_pb2.VERIFICATION_SOURCE_DOCUMENTARY,
        verified_incomes=[common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                                            monthly_cents=cents) for cents in incomes],
        verified_expenses=[] if rent is None else [intake_pb2.VerifiedExpense(
            kind=intake_pb2.EXPENSE_KIND_RENT, monthly_cents=rent)])


async def requested(intake: Intake, *kinds: int) -> str:
    case_id = await a_case(intake)
    await intake.records.RequestVerifications(intake_pb2.RequestVerificationsRequest(
        case_id=case_id, kinds=list(kinds), due_date=today().isoformat()))
    return case_id


async def record(intake: Intake, case_id: str, item: intake_pb2.VerificationItem,
                 key: str) -> intake_pb2.VerificationItem:
    reply = await intake.records.RecordVerification(intake_pb2.RecordVerificationRequest(
        case_id=case_id, item=item, idempotency_key=f"{case_id}:{key}"))
    return reply.item


async def stored_item(intake: Intake, case_id: str, kind: int) -> intake_pb2.VerificationItem:
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    return next(v for v in case.verifications if v.kind == kind)


async def wages(intake: Intake, case_id: str) -> list[int]:
    household = (await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id))).household
    return [i.monthly_cents for i in household.incomes if i.member_id == "m1"]


async def test_a_correction_appends_a_record_and_the_latest_is_the_item(intake: Intake) -> None:
    income = intake_pb2.VERIFICATION_KIND_INCOME
    case_id = await requested(intake, income)
    first = await record(intake, case_id, evidence(income, "v1", incomes=(150_000,)), "v1")
    again = await record(intake, case_id, evidence(income, "v1", incomes=(1,)), "v1")
    assert (first.records, again.records) == (1, 1)  # a rerun of the key appends nothing
    assert await wages(intake, case_id) == [150_000]  # the verified wages replaced 185,000

    corrected = await record(intake, case_id, evidence(
        income, "v2", action=intake_pb2.VERIFICATION_ACTION_CORRECTED,
        source="employer's letter", incomes=(160_000,), note="stub misread"), "v2")
    assert (corrected.received, corrected.source, corrected.records) == (
        True, "employer's letter", 2)
    assert corrected.last_action == intake_pb2.VERIFICATION_ACTION_CORRECTED
    assert await wages(intake, case_id) == [160_000]

    item = await stored_item(intake, case_id, income)
    assert [(e.action, e.source, e.reason) for e in item.history] == [
        (intake_pb2.VERIFICATION_ACTION_RECEIVED, "pay stubs", ""),
        (intake_pb2.VERIFICATION_ACTION_CORRECTED, "employer's letter", "stub misread")]
    assert [[i.monthly_cents for i in e.verified_incomes] for e in item.history] == [
        [150_000], [160_000]]
    assert all(e.verifier_id == "cw-b" and e.HasField("recorded_at") for e in item.history)
    assert (item.note, item.evidence) == ("stub misread",
                                          intake_pb2.VERIFICATION_SOURCE_DOCUMENTARY)
    assert [i.monthly_cents for i in item.verified_incomes] == [160_000]
    assert await intake.served.count(EventRecord) == 2  # each record, in the audit trail
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert [e.kind for e in case.events] == ["verification_recorded"] * 2


async def test_a_rejection_asks_again_and_puts_the_declared_amounts_back(intake: Intake) -> None:
    income = intake_pb2.VERIFICATION_KIND_INCOME
    case_id = await requested(intake, income)
    await record(intake, case_id, evidence(income, "v1", incomes=(150_000,)), "v1")
    await record(intake, case_id, evidence(
        income, "v2", action=intake_pb2.VERIFICATION_ACTION_CORRECTED, incomes=(140_000,),
        note="second stub"), "v2")
    new_due = (today() + timedelta(days=10)).isoformat()
    rejected = await record(intake, case_id, intake_pb2.VerificationItem(
        kind=income, received=False, received_date=today().isoformat(), verifier_id="cw-c",
        last_action=intake_pb2.VERIFICATION_ACTION_REJECTED, note="stubs are not the applicant's",
        due_date=new_due), "v3")
    assert (rejected.received, rejected.due_date, rejected.source) == (False, new_due, "")
    assert list(rejected.verified_incomes) == []
    assert await wages(intake, case_id) == [185_000]  # as the household declared
    item = await stored_item(intake, case_id, income)
    assert [e.action for e in item.history] == [
        intake_pb2.VERIFICATION_ACTION_RECEIVED, intake_pb2.VERIFICATION_ACTION_CORRECTED,
        intake_pb2.VERIFICATION_ACTION_REJECTED]
    assert (item.history[-1].verifier_id, item.history[-1].due_date) == ("cw-c", new_due)

    # New evidence after the rejection is the item again.
    again = await record(intake, case_id, evidence(income, "v4", incomes=(170_000,)), "v4")
    assert (again.received, again.records) == (True, 4)
    assert await wages(intake, case_id) == [170_000]


async def test_proof_asked_again_at_recertification_keeps_the_facts_until_it_comes(
    intake: Intake,
) -> None:
    income = intake_pb2.VERIFICATION_KIND_INCOME
    case_id = await requested(intake, income)
    await record(intake, case_id, evidence(income, "v1", incomes=(150_000,)), "v1")
    new_due = (today() + timedelta(days=10)).isoformat()
    asked = await record(intake, case_id, intake_pb2.VerificationItem(
        kind=income, received=False, due_date=new_due,
        last_action=intake_pb2.VERIFICATION_ACTION_REQUESTED_AGAIN), "recert")
    assert (asked.received, asked.due_date, asked.source, asked.records) == (
        False, new_due, "", 2)
    assert await wages(intake, case_id) == [150_000]  # the verified wages stand
    again = await record(intake, case_id, evidence(income, "v3", incomes=(160_000,)), "v3")
    assert again.received and await wages(intake, case_id) == [160_000]
    with pytest.raises(grpc.aio.AioRpcError) as refused:  # the case's own record
        await intake.records.RecordVerification(intake_pb2.RecordVerificationRequest(
            case_id=case_id, item=intake_pb2.VerificationItem(
                kind=income, last_action=intake_pb2.VERIFICATION_ACTION_REQUESTED_AGAIN)))
    assert [f for f, _ in field_violations(refused.value)] == ["item.due_date"]


async def test_an_expense_not_provided_is_not_deducted_until_its_proof_comes(
    intake: Intake,
) -> None:
    expenses = intake_pb2.VERIFICATION_KIND_EXPENSES
    case_id = await requested(intake, expenses)
    await record(intake, case_id, intake_pb2.VerificationItem(
        kind=expenses, last_action=intake_pb2.VERIFICATION_ACTION_NOT_PROVIDED), "np")
    household = (await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id))).household
    assert (household.expenses.rent_cents, household.expenses.utilities) == (
        0, common_pb2.UTILITY_ALLOWANCE_NONE)
    late = await record(intake, case_id, evidence(expenses, "late", source="lease",
                                                  rent=100_000), "late")
    assert late.received and late.last_action == intake_pb2.VERIFICATION_ACTION_RECEIVED
    household = (await intake.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id))).household
    assert (household.expenses.rent_cents, household.expenses.utilities) == (
        100_000, common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING)


async def test_a_record_without_a_key_is_kept_once_per_evidence(intake: Intake) -> None:
    """Activities recorded before keys send none: the same evidence again is a rerun."""
    identity = intake_pb2.VERIFICATION_KIND_IDENTITY
    case_id = await requested(intake, identity)
    item = intake_pb2.VerificationItem(kind=identity, received=True, source="state ID",
                                       received_date=today().isoformat(), verifier_id="cw-a")
    for _ in range(2):
        await intake.records.RecordVerification(
            intake_pb2.RecordVerificationRequest(case_id=case_id, item=item))
    assert (await stored_item(intake, case_id, identity)).records == 1


async def test_malformed_verification_records_name_their_fields(intake: Intake) -> None:
    case_id = await requested(intake, intake_pb2.VERIFICATION_KIND_INCOME)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.RecordVerification(intake_pb2.RecordVerificationRequest(
            case_id=case_id, idempotency_key="  ", item=intake_pb2.VerificationItem(
                kind=intake_pb2.VERIFICATION_KIND_INCOME, received=True,
                last_action=intake_pb2.VERIFICATION_ACTION_REJECTED, received_date="today",
                verified_incomes=[common_pb2.Income(member_id="m1", kind=0,
                                                    monthly_cents=-5)])))
    assert [f for f, _ in field_violations(refused.value)] == [
        "item.received", "item.received_date", "item.verifier_id", "item.due_date",
        "idempotency_key", "item.verified_incomes[0].kind",
        "item.verified_incomes[0].monthly_cents"]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.records.PlanVerifications(intake_pb2.PlanVerificationsRequest(
            case_id=case_id, programs=[99], as_of_date="2026-02-30"))
    assert [f for f, _ in field_violations(refused.value)] == ["programs[0]", "as_of_date"]


async def test_the_plan_comes_from_the_stored_household_and_writes_nothing(
    intake: Intake,
) -> None:
    request = an_application()
    request.application.expenses.homeless = True
    request.application.people[1].non_citizen = True
    case_id = str((await intake.intake.SubmitApplication(request)).case_id)
    plan = (await intake.records.PlanVerifications(intake_pb2.PlanVerificationsRequest(
        case_id=case_id, programs=[common_pb2.PROGRAM_SNAP],
        as_of_date=today().isoformat()))).items
    by_kind = {item.kind: item for item in plan}
    assert len(plan) == len(intake_pb2.VerificationKind.values()) - 1
    residency = by_kind[intake_pb2.VERIFICATION_KIND_RESIDENCY]
    assert residency.status == intake_pb2.VERIFICATION_STATUS_WAIVED
    citizenship = by_kind[intake_pb2.VERIFICATION_KIND_CITIZENSHIP]
    assert (citizenship.status, list(citizenship.member_ids)) == (
        intake_pb2.VERIFICATION_STATUS_REQUIRED, ["m2"])
    assert by_kind[intake_pb2.VERIFICATION_KIND_SSN].if_not_provided == (
        intake_pb2.IF_NOT_PROVIDED_NO_DELAY)
    assert await intake.served.count(VerificationRecord) == 0
