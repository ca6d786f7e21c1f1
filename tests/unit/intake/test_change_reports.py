"""Intake with the real CaseWorkflow: a change report as deltas (7 CFR 273.12) on a
decided SNAP case, with the real eligibility and payments services. The changes reach
the stored household in order, who joins is kept encrypted by intake and never reaches
the workflow, a bad report names its fields and reaches no workflow, and the 10-day
clock counts from the day the household reported."""

from __future__ import annotations

import json
import uuid

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from sqlalchemy import select
from temporalio.api.history.v1 import History

from common.status import field_violations
from services.intake.store import ApplicationRecord, PersonRecord
from tests.payloads import decoded_data
from tests.unit.intake.builders import (
    FAMILY_NAME,
    an_application,
    an_ssn,
    days_ago,
    digits,
    today,
)
from tests.unit.intake.conftest import Intake
from tests.unit.intake.test_with_case_workflow import case_once, decided
from workflows import workflow_id

__all__ = ["decided"]  # the fixture, from the module that defines it

NEWBORN = "Marigold"
CASEWORKER = "cw-b"
NEW_STREET = "77 Elmhurst Rd"


async def a_snap_case_in_monitoring(intake: Intake) -> str:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = [common_pb2.PROGRAM_SNAP]
    case_id = str((await intake.intake.SubmitApplication(request)).case_id)
    await case_once(intake, case_id, lambda c: bool(c.notices))  # interview scheduled
    await intake.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id="cw-a", interview_date=today().isoformat()))
    requested = await case_once(intake, case_id, lambda c: len(c.verifications) == 5)
    for item in requested.verifications:
        await intake.intake.SubmitVerification(intake_pb2.SubmitVerificationRequest(
            case_id=case_id, kind=item.kind, source="documents",
            received_date=today().isoformat(), verifier_id="cw-a"))
    await case_once(intake, case_id,
                    lambda c: c.state.phase == intake_pb2.PHASE_MONITORING, seconds=30)
    return case_id


async def household(intake: Intake, case_id: str) -> intake_pb2.GetHouseholdResponse:
    return await intake.records.GetHousehold(intake_pb2.GetHouseholdRequest(case_id=case_id))


async def test_a_change_report_applies_its_deltas_and_keeps_pii_in_intake(
    decided: Intake,
) -> None:
    case_id = await a_snap_case_in_monitoring(decided)
    reported = days_ago(1)

    # A bad report names its fields and never reaches the case.
    bad = intake_pb2.ReportChangeRequest(case_id=case_id, reported_date=reported,
                                         caseworker_id=CASEWORKER, changes=[
        intake_pb2.HouseholdChange(change_date=reported, expenses=intake_pb2.ExpenseChange(
            rent_cents=95_000)),
        intake_pb2.HouseholdChange(change_date=reported, income=common_pb2.Income(
            member_id="m9", kind=common_pb2.INCOME_KIND_WAGES, monthly_cents=1))])
    sent = len(decided.updates_sent)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await decided.intake.ReportChange(bad)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(refused.value) == [("changes[1].income.member_id", "no such member")]
    assert len(decided.updates_sent) == sent

    # Rent alone: every income stays.
    rent_only = intake_pb2.ReportChangeRequest(case_id=case_id, reported_date=reported,
                                               changes=[bad.changes[0]],
                                               caseworker_id=CASEWORKER)
    state = (await decided.intake.ReportChange(rent_only)).state
    clock = next(d for d in state.deadlines if d.code == "CHANGE_REPORT_ACTION")
    assert clock.start_date == reported  # 7 CFR 273.12(c): from the report, not today
    after_rent = (await household(decided, case_id)).household
    assert [(i.member_id, i.kind, i.monthly_cents) for i in after_rent.incomes] == [
        ("m1", common_pb2.INCOME_KIND_WAGES, 185_000)]
    assert after_rent.expenses.rent_cents == 95_000
    assert after_rent.expenses.utilities == common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING

    # A baby is born, the partner leaves and the household moves county.
    await case_once(decided, case_id, lambda c: any(
        d.code == "CHANGE_REPORT_ACTION" and d.met for d in c.state.deadlines))
    born, newborn_ssn = today().isoformat(), an_ssn()
    second = intake_pb2.ReportChangeRequest(case_id=case_id, reported_date=born,
                                            caseworker_id=CASEWORKER, changes=[
        intake_pb2.HouseholdChange(change_date=born, add_member=intake_pb2.Person(
            id="m4", given_name=NEWBORN, family_name=FAMILY_NAME, birth_date=born,
            ssn=newborn_ssn, relationship=common_pb2.RELATIONSHIP_CHILD)),
        intake_pb2.HouseholdChange(change_date=born,
                                   remove_member=intake_pb2.MemberRemoval(member_id="m2")),
        intake_pb2.HouseholdChange(change_date=born, move=intake_pb2.Address(
            line1=NEW_STREET, city="Waukegan", county="Lake", zip="60085"))])
    await decided.intake.ReportChange(second)
    after = await household(decided, case_id)
    assert [m.id for m in after.household.members] == ["m1", "m3", "m4"]
    assert after.household.members[-1].age == 0
    assert (after.county, after.zip) == ("Lake", "60085")
    assert [i.member_id for i in after.household.incomes] == ["m1"]
    case = (await decided.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
    assert (case.household_size, case.county) == (3, "Lake")

    # Who joined and where they live now are in intake's encrypted columns only.
    async with decided.served.engine.connect() as connection:
        people = {row.member_id: row for row in await connection.execute(
            select(PersonRecord).where(PersonRecord.case_id == case_id))}
        street = await connection.scalar(select(ApplicationRecord.street)
                                         .where(ApplicationRecord.case_id == case_id))
    assert decided.cipher.decrypt(people["m4"].given_name) == NEWBORN
    assert NEWBORN not in people["m4"].given_name
    assert decided.cipher.decrypt(people["m4"].ssn) == digits(newborn_ssn)
    assert digits(newborn_ssn) not in people["m4"].ssn
    assert NEW_STREET in decided.cipher.decrypt(street or "")
    history = await decided.client.get_workflow_handle(workflow_id(case_id)).fetch_history()
    recorded = "\n".join([history.to_json(), await decoded_data(History(events=history.events))])
    assert '"member_id":"m4"' in recorded.replace(" ", "") and "Lake" in recorded
    assert NEWBORN not in recorded and FAMILY_NAME not in recorded
    assert newborn_ssn not in recorded and digits(newborn_ssn) not in recorded
    assert NEW_STREET not in recorded and "Waukegan" not in recorded
    events = [e for e in case.events if e.kind == "change_reported"]
    assert len(events) == 2 and NEWBORN not in str(events)
    assert '"members_added": ["m4"]' in events[-1].detail

    # The record says who took each report, and who changed the household by it.
    trail = (await decided.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case_id, actions=["change_reported", "household_changed"]))).entries
    assert [(e.action, e.actor) for e in trail] == [
        ("household_changed", CASEWORKER), ("change_reported", CASEWORKER)] * 2


async def test_an_employment_report_names_its_caseworker_in_the_record(
    decided: Intake,
) -> None:
    case_id = await a_snap_case_in_monitoring(decided)
    await decided.intake.RecordEmployment(intake_pb2.RecordEmploymentRequest(
        case_id=case_id, member_id="m2", start_date=days_ago(3), monthly_wages_cents=120_000,
        hours_per_week=30, caseworker_id=CASEWORKER))
    trail = (await decided.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case_id, actions=["employment_recorded", "household_changed"]))).entries
    assert [(e.action, e.actor) for e in trail] == [
        ("household_changed", CASEWORKER), ("employment_recorded", CASEWORKER)]
    assert json.loads(trail[-1].detail)["caseworker_id"] == CASEWORKER


async def test_a_refused_report_keeps_no_one_it_named(decided: Intake) -> None:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = [common_pb2.PROGRAM_SNAP]
    case_id = str((await decided.intake.SubmitApplication(request)).case_id)
    await case_once(decided, case_id, lambda c: bool(c.notices))  # still in intake
    people = await decided.served.count(PersonRecord)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await decided.intake.ReportChange(intake_pb2.ReportChangeRequest(
            case_id=case_id, reported_date=today().isoformat(), caseworker_id=CASEWORKER,
            changes=[
                intake_pb2.HouseholdChange(
                    change_date=today().isoformat(), add_member=intake_pb2.Person(
                        id="m4", given_name=NEWBORN, family_name=FAMILY_NAME,
                        birth_date=today().isoformat(),
                        relationship=common_pb2.RELATIONSHIP_CHILD))]))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "intake" in (refused.value.details() or "")
    assert await decided.served.count(PersonRecord) == people
    assert [m.id for m in (await household(decided, case_id)).household.members] == [
        "m1", "m2", "m3"]
