"""SubmitApplication over real gRPC with a real Temporal server: bad input leaves nothing,
good input is stored (PII encrypted) and its case workflow started, exactly once."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import timedelta

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from sqlalchemy import select
from temporalio.api.history.v1 import History
from temporalio.client import WorkflowExecutionStatus

from common.status import field_violations
from services.intake.store import (
    ApplicationRecord,
    EventRecord,
    NoticeRecord,
    PersonRecord,
    VerificationRecord,
)
from tests.payloads import decoded_data
from tests.tokens import Issuer
from tests.unit.intake.builders import (
    FAMILY_NAME,
    GIVEN_NAMES,
    an_application,
    days_ago,
    digits,
    today,
)
from tests.unit.intake.conftest import Intake, intake_settings, serve_intake
from workflows import workflow_id

Bend = Callable[[intake_pb2.Application], None]


def _set(field: str, value: object) -> Bend:
    return lambda app: setattr(app, field, value)


def _person(number: int, field: str, value: object) -> Bend:
    return lambda app: setattr(app.people[number], field, value)


def _clear(field: str) -> Bend:
    return lambda app: app.ClearField(field)


def _contact(field: str, value: str) -> Bend:
    return lambda app: setattr(app.contact, field, value)


BAD_APPLICATIONS: dict[str, tuple[Bend, str]] = {
    "no programs": (_clear("programs"), "application.programs"),
    "an unspecified program": (lambda app: app.programs.append(0), "application.programs[2]"),
    "an unknown program": (lambda app: app.programs.append(99), "application.programs[2]"),
    "a program twice": (lambda app: app.programs.append(common_pb2.PROGRAM_SNAP),
                        "application.programs[2]"),
    "an unknown state": (_set("state", "ZZ"), "application.state"),
    "a state in lower case": (_set("state", "il"), "application.state"),
    "a 4-digit ZIP": (lambda app: setattr(app.address, "zip", "6065"), "application.address.zip"),
    "a malformed filing date": (_set("filing_date", "2026-13-01"), "application.filing_date"),
    "a filing date in the future": (_set("filing_date", (today() + timedelta(days=1))
                                         .isoformat()), "application.filing_date"),
    "no household members": (lambda app: app.ClearField("people") or app.ClearField("incomes"),
                             "application.people"),
    "two people with one id": (_person(1, "id", "m1"), "application.people[1].id"),
    "a person without an id": (_person(2, "id", ""), "application.people[2].id"),
    "a blank family name": (_person(0, "family_name", "  "), "application.people[0].family_name"),
    "a missing given name": (_person(2, "given_name", ""), "application.people[2].given_name"),
    "a malformed birth date": (_person(1, "birth_date", "1988-6-15"),
                               "application.people[1].birth_date"),
    "a birth date in the future": (_person(2, "birth_date", (today() + timedelta(days=3))
                                           .isoformat()), "application.people[2].birth_date"),
    "no relationship": (_person(2, "relationship", 0), "application.people[2].relationship"),
    "an SSN of 8 digits": (_person(1, "ssn", "12345678"), "application.people[1].ssn"),
    "an SSN with one dash": (_person(0, "ssn", "123-456789"), "application.people[0].ssn"),
    "an SSN in area 666": (_person(2, "ssn", "666-12-3456"), "application.people[2].ssn"),
    "an SSN in area 9xx": (_person(0, "ssn", "987-65-4321"), "application.people[0].ssn"),
    "an SSN of group 00": (_person(1, "ssn", "123-00-4567"), "application.people[1].ssn"),
    "an SSN of serial 0000": (_person(2, "ssn", "123-45-0000"), "application.people[2].ssn"),
    "a 7-digit phone": (_contact("phone", "555-0142"), "application.contact.phone"),
    "a phone with area code 0xx": (_contact("phone", "(012) 555-0142"),
                                   "application.contact.phone"),
    "an email without @": (_contact("email", "household.example.org"),
                           "application.contact.email"),
    "two heads": (_person(1, "relationship", common_pb2.RELATIONSHIP_HEAD), "application.people"),
    "no head": (_person(0, "relationship", common_pb2.RELATIONSHIP_OTHER_RELATIVE),
                "application.people"),
    "income of someone not listed": (lambda app: setattr(app.incomes[0], "member_id", "m7"),
                                     "application.incomes[0].member_id"),
    "income of no kind": (lambda app: setattr(app.incomes[0], "kind", 0),
                          "application.incomes[0].kind"),
    "negative income": (lambda app: setattr(app.incomes[0], "monthly_cents", -100),
                        "application.incomes[0].monthly_cents"),
    "negative rent": (lambda app: setattr(app.expenses, "rent_cents", -1),
                      "application.expenses.rent_cents"),
    "no utility allowance": (lambda app: setattr(app.expenses, "utilities", 0),
                             "application.expenses.utilities"),
    "negative liquid assets": (lambda app: setattr(app.assets, "liquid_cents", -5),
                               "application.assets.liquid_cents"),
}

TABLES = (ApplicationRecord, PersonRecord, VerificationRecord, NoticeRecord, EventRecord)


def bent(bend: Bend) -> intake_pb2.SubmitApplicationRequest:
    request = an_application()
    bend(request.application)
    return request


async def refused_fields(
    stub: intake_pb2_grpc.IntakeServiceStub, request: intake_pb2.SubmitApplicationRequest
) -> list[str]:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stub.SubmitApplication(request)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    return [field for field, _ in field_violations(refused.value)]


@pytest.mark.parametrize("case", BAD_APPLICATIONS)
async def test_a_bad_application_is_refused_naming_the_field_and_nothing_is_stored(
    intake: Intake, case: str
) -> None:
    bend, field = BAD_APPLICATIONS[case]
    assert await refused_fields(intake.intake, bent(bend)) == [field]
    assert [await intake.served.count(table) for table in TABLES] == [0] * len(TABLES)


async def test_no_workflow_is_started_for_any_bad_application(intake: Intake) -> None:
    for bend, _ in BAD_APPLICATIONS.values():
        await refused_fields(intake.intake, bent(bend))
    good = await intake.intake.SubmitApplication(an_application())
    # Visibility lags: wait for the good case to be listed, then nothing else may be.
    for _ in range(100):
        listed = await intake.workflow_ids()
        if listed:
            break
        await asyncio.sleep(0.1)
    assert listed == [workflow_id(good.case_id)]


async def test_a_missing_submission_id_is_refused(intake: Intake) -> None:
    request = an_application()
    request.submission_id = ""
    assert await refused_fields(intake.intake, request) == ["submission_id"]


async def test_a_good_application_is_stored_and_its_case_workflow_started(
    intake: Intake,
) -> None:
    reply = await intake.intake.SubmitApplication(an_application())
    assert not reply.replayed and len(reply.case_id) == 32
    description = await intake.client.get_workflow_handle(workflow_id(reply.case_id)).describe()
    assert description.id == f"case-{reply.case_id}"
    assert description.task_queue == intake.task_queue
    assert description.status == WorkflowExecutionStatus.RUNNING
    async with intake.served.engine.connect() as connection:
        row = (await connection.execute(select(ApplicationRecord))).one()
    assert (row.case_id, row.state, row.county, row.zip, row.phase) == (
        reply.case_id, "IL", "Cook", "60657", "intake")
    assert row.programs == ["snap", "medicaid"]
    assert str(row.filing_date) == days_ago(2)
    assert [m["id"] for m in row.household["members"]] == ["m1", "m2", "m3"]
    assert await intake.served.count(PersonRecord) == 3


async def test_a_resubmission_never_starts_an_ended_case_again(intake: Intake) -> None:
    request = an_application()
    reply = await intake.intake.SubmitApplication(request)
    handle = intake.client.get_workflow_handle(workflow_id(reply.case_id))
    await handle.terminate("the case's run has ended")
    ended = await handle.describe()
    again = await intake.intake.SubmitApplication(request)
    assert again.replayed and again.case_id == reply.case_id
    latest = await intake.client.get_workflow_handle(workflow_id(reply.case_id)).describe()
    assert (latest.run_id, latest.status) == (ended.run_id,
                                              WorkflowExecutionStatus.TERMINATED)


async def test_the_workflow_starts_with_what_the_case_needs_and_no_names(intake: Intake) -> None:
    request = an_application()
    reply = await intake.intake.SubmitApplication(request)
    case = (await intake.intake.GetCase(intake_pb2.GetCaseRequest(case_id=reply.case_id))).case
    assert (case.household_size, case.county, case.recorded_phase) == (
        3, "Cook", intake_pb2.PHASE_INTAKE)
    state = case.state
    assert (state.case_id, state.phase, state.state, state.filing_date) == (
        reply.case_id, intake_pb2.PHASE_INTAKE, "IL", days_ago(2))
    assert list(state.programs) == [common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_MEDICAID]
    handle = intake.client.get_workflow_handle(workflow_id(reply.case_id))
    history = await handle.fetch_history()
    recorded = "\n".join([history.to_json(), await decoded_data(History(events=history.events))])
    assert reply.case_id in recorded  # the decoded input is searched
    for secret in (FAMILY_NAME, "1988-06-15", "Belmont", *pii_of(request)):
        assert secret not in recorded


def pii_of(request: intake_pb2.SubmitApplicationRequest) -> list[str]:
    """The SSNs, phone and email an application carries, as sent and as stored."""
    app = request.application
    numbers = [*(p.ssn for p in app.people if p.ssn), app.contact.phone]
    return [*numbers, *map(digits, numbers), app.contact.email]


async def test_get_case_and_its_record_answer_without_an_ssn_phone_or_email(
        intake: Intake) -> None:
    """Replies carry what they carried before SSNs and contacts were kept: no field of
    GetCase or GetCaseRecord holds one, so none is in a reply's bytes, as no name is."""
    request = an_application()
    reply = await intake.intake.SubmitApplication(request)
    asked = intake_pb2.GetCaseRequest(case_id=reply.case_id)
    case = await intake.intake.GetCase(asked)
    record = await intake.intake.GetCaseRecord(
        intake_pb2.GetCaseRecordRequest(case_id=reply.case_id))
    assert case.case.case_id == reply.case_id
    assert [e.action for e in record.entries][:1] == ["application_submitted"]
    answered = case.SerializeToString() + record.SerializeToString()
    for secret in (*pii_of(request), *GIVEN_NAMES, FAMILY_NAME):
        assert secret.encode() not in answered


async def test_the_same_submission_returns_the_first_case_once(intake: Intake) -> None:
    request = an_application()
    first = await intake.intake.SubmitApplication(request)
    handle = intake.client.get_workflow_handle(workflow_id(first.case_id))
    started = (await handle.describe()).run_id
    again = await intake.intake.SubmitApplication(request)
    assert (again.case_id, again.replayed) == (first.case_id, True)
    assert await intake.served.count(ApplicationRecord) == 1
    assert await intake.served.count(PersonRecord) == 3
    assert (await handle.describe()).run_id == started  # no second run was started


async def test_concurrent_duplicates_create_one_case(intake: Intake) -> None:
    request = an_application()
    replies = await asyncio.gather(*(intake.intake.SubmitApplication(request) for _ in range(5)))
    assert len({reply.case_id for reply in replies}) == 1
    assert sum(not reply.replayed for reply in replies) == 1
    assert await intake.served.count(ApplicationRecord) == 1


async def test_names_birth_dates_ssns_street_and_contact_are_stored_encrypted(
    intake: Intake, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    request = an_application()
    reply = await intake.intake.SubmitApplication(request)
    async with intake.served.engine.connect() as connection:
        people = (await connection.execute(
            select(PersonRecord.given_name, PersonRecord.family_name, PersonRecord.birth_date,
                   PersonRecord.ssn)
            .order_by(PersonRecord.id))).all()
        street, contact = (await connection.execute(
            select(ApplicationRecord.street, ApplicationRecord.contact))).one()
    raw = " ".join(str(value) for person in people for value in person) + street + contact
    for secret in (*GIVEN_NAMES, FAMILY_NAME, "1992-02-29", "Belmont", "Chicago",
                   *pii_of(request)):
        assert secret not in raw
        assert secret not in caplog.text
    assert [intake.cipher.decrypt(p.given_name) for p in people] == list(GIVEN_NAMES)
    assert intake.cipher.decrypt(people[0].birth_date) == "1992-02-29"
    # Each SSN is kept as its nine digits, however it was written.
    assert [intake.cipher.decrypt(p.ssn) for p in people] == [
        digits(p.ssn) for p in request.application.people]
    assert "Belmont" in intake.cipher.decrypt(street)
    sent = request.application.contact
    assert json.loads(intake.cipher.decrypt(contact)) == {
        "phone": digits(sent.phone), "email": sent.email}
    assert reply.case_id in caplog.text  # the opaque id is what logs carry


async def test_an_application_without_ssns_or_contact_is_taken_and_shows_none_in_clear(
        intake: Intake) -> None:
    """A member may have applied for an SSN, or not be asked for one, and a household may
    give no phone or email: stored encrypted all the same, so the table does not show
    who gave none."""
    request = an_application()
    request.application.people[2].ssn = ""
    request.application.ClearField("contact")
    await intake.intake.SubmitApplication(request)
    async with intake.served.engine.connect() as connection:
        ssns = (await connection.scalars(select(PersonRecord.ssn)
                                         .order_by(PersonRecord.id))).all()
        contact = await connection.scalar(select(ApplicationRecord.contact))
    assert [intake.cipher.decrypt(s) for s in ssns] == [
        digits(p.ssn) for p in request.application.people[:2]] + [""]
    assert len({len(s) for s in ssns}) == 1  # an empty SSN's token is no shorter
    assert json.loads(intake.cipher.decrypt(contact)) == {"phone": "", "email": ""}


async def test_a_refused_ssn_phone_or_email_is_named_and_never_echoed(
        intake: Intake, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    request = an_application()
    bad = {"ssn": "478-00-2231", "phone": "(012) 478-2231", "email": "x478.2231.example.org"}
    request.application.people[1].ssn = bad["ssn"]
    request.application.contact.phone, request.application.contact.email = (
        bad["phone"], bad["email"])
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.intake.SubmitApplication(request)
    assert [field for field, _ in field_violations(refused.value)] == [
        "application.people[1].ssn", "application.contact.phone", "application.contact.email"]
    said = f"{refused.value.details()} {refused.value.trailing_metadata()} {caplog.text}"
    for value in bad.values():
        assert value not in said and digits(value) not in said
    assert [await intake.served.count(table) for table in TABLES] == [0] * len(TABLES)


async def test_a_case_stored_while_temporal_was_down_is_started_on_the_retry(
    intake: Intake, issuer: Issuer,
) -> None:
    request = an_application()
    down = intake_settings(intake.settings.database_url, intake.task_queue, "127.0.0.1:1")
    async with serve_intake(down, intake.options, None, issuer) as served:
        stub = intake_pb2_grpc.IntakeServiceStub(served.channel)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.SubmitApplication(request)
        assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
        stored = await served.count(ApplicationRecord)
        # Reads still answer from what was stored, without the live state.
        async with served.engine.connect() as connection:
            case_id = str(await connection.scalar(select(ApplicationRecord.case_id)))
        case = (await stub.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
        assert (case.case_id, case.HasField("state")) == (case_id, False)
    assert stored == 1
    retried = await intake.intake.SubmitApplication(request)
    assert (retried.case_id, retried.replayed) == (case_id, True)
    description = await intake.client.get_workflow_handle(workflow_id(case_id)).describe()
    assert description.status == WorkflowExecutionStatus.RUNNING
