"""GetCaseRecord: a case's audit trail as a fair hearing reads it, from what intake stores.

The records are written the way the case workflow writes them, through its activities
(`IntakeActivities`) calling CaseRecordsService over gRPC; only the workflow itself is
left out, so each test decides which events the case has.
"""

from __future__ import annotations

import ast
import json
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2
from google.protobuf.timestamp_pb2 import Timestamp

from common.status import field_violations
from services.intake.record import SYSTEM, WORDINGS, entry
from tests.unit.intake.builders import FAMILY_NAME, GIVEN_NAMES, an_application, days_ago, today
from tests.unit.intake.conftest import Intake
from workflows.activities.intake import (
    CaseEventInput,
    IntakeActivities,
    NoticeInput,
    VerificationRecord,
    VerificationRequest,
)
from workflows.inputs import NoticeKind, VerificationKind
from workflows.state import VerificationItem

WORKFLOWS = Path(__file__).resolve().parents[3] / "workflows"

PII = (*GIVEN_NAMES, FAMILY_NAME, "1992-02-29", "1988-06-15", "2019-09-01", "Belmont",
       "Apt 3", "Chicago")
"""What identifies the builders' household: names, birth dates, street and city."""


async def a_case(intake: Intake) -> str:
    return str((await intake.intake.SubmitApplication(an_application())).case_id)


async def read_record(intake: Intake, case_id: str, **filters: object
                      ) -> intake_pb2.GetCaseRecordResponse:
    reply: intake_pb2.GetCaseRecordResponse = await intake.intake.GetCaseRecord(
        intake_pb2.GetCaseRecordRequest(case_id=case_id, **filters))  # type: ignore[arg-type]
    return reply


async def event(acts: IntakeActivities, case_id: str, kind: str, /, **detail: object) -> None:
    """An event recorded as `CaseActs._event` records it: keyed `<case>:<kind>`."""
    await acts.record_case_event(CaseEventInput(case_id, f"{case_id}:{kind}", kind, detail))


async def a_worked_case(intake: Intake) -> str:
    """A case filed, its proof asked for with a notice, interviewed, its income proved,
    then moved to another caseworker after a supervisor extended a deadline on request."""
    acts = IntakeActivities(intake.records)
    case_id = await a_case(intake)
    await acts.request_verifications(VerificationRequest(
        case_id, [VerificationKind.INCOME, VerificationKind.IDENTITY], days_ago(-10)))
    await acts.issue_notice(NoticeInput(case_id, f"{case_id}:verification-request",
                                        NoticeKind.VERIFICATION_REQUEST,
                                        "Please send proof of income.", today().isoformat()))
    await event(acts, case_id, "interview_recorded", caseworker_id="cw-a",
                interview_date=days_ago(1))
    await acts.record_verification(VerificationRecord(case_id, VerificationItem(
        VerificationKind.INCOME, days_ago(-10), received=True, source="pay stubs",
        received_date=today().isoformat(), verifier_id="vf-7"), f"{case_id}:income-1"))
    await event(acts, case_id, "approval_requested", approval_id="ap-1",
                kind="deadline_extension", caseworker_id="cw-a", reason="awaiting employer")
    await event(acts, case_id, "approval_decided", approval_id="ap-1",
                kind="deadline_extension", decision="approved", supervisor_id="sup-1")
    await event(acts, case_id, "deadline_extended", code="SNAP_APPLICATION_PROCESSING",
                program="snap", due_date=days_ago(-20), new_due_date=days_ago(-30),
                reason="awaiting employer", supervisor_id="sup-1", caseworker_id="cw-a")
    await event(acts, case_id, "reassigned", caseworker_id="cw-b", from_caseworker_id="cw-a",
                supervisor_id="sup-2", reason="caseload")
    await event(acts, case_id, "deadline_breached", code="MEDICAID_APPLICATION",
                program="medicaid", due_date=days_ago(0), citation="42 CFR 435.912(c)(3)")
    return case_id


async def test_the_record_lists_every_step_with_who_acted_in_time_order(
    intake_service: Intake,
) -> None:
    case_id = await a_worked_case(intake_service)
    entries = (await read_record(intake_service, case_id)).entries
    assert [(e.action, e.actor) for e in entries] == [
        ("application_submitted", SYSTEM),
        ("verification_requested", SYSTEM),
        ("verification_requested", SYSTEM),
        ("notice_issued", SYSTEM),
        ("interview_recorded", "cw-a"),
        ("verification_received", "vf-7"),
        ("approval_requested", "cw-a"),
        ("approval_decided", "sup-1"),
        ("deadline_extended", "sup-1"),
        ("reassigned", "sup-2"),
        ("deadline_breached", SYSTEM),
    ]
    stamps = [e.at.ToDatetime() for e in entries]
    assert stamps == sorted(stamps)
    by_action = {e.action: e for e in entries}
    filed = by_action["application_submitted"]
    assert list(filed.programs) == [common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_MEDICAID]
    assert filed.summary.startswith(f"Application filed on {days_ago(2)} for SNAP, MEDICAID")
    received = by_action["verification_received"]
    assert (received.source, received.summary) == (
        "pay stubs", f"Proof of income received on {today().isoformat()}")
    notice = by_action["notice_issued"]
    assert notice.source == "mail" and json.loads(notice.detail)["mailed_date"] == (
        today().isoformat())
    assert "Please send" not in notice.summary + notice.detail  # the text stays in GetCase
    assert by_action["interview_recorded"].summary == f"Interview held on {days_ago(1)}"
    assert by_action["reassigned"].summary == "Case moved from cw-a to cw-b"
    extended = by_action["deadline_extended"]
    assert list(extended.programs) == [common_pb2.PROGRAM_SNAP]
    assert json.loads(extended.detail)["reason"] == "awaiting employer"


async def test_no_entry_carries_a_name_birth_date_or_street(intake_service: Intake) -> None:
    case_id = await a_worked_case(intake_service)
    wire = (await read_record(intake_service, case_id)).SerializeToString()
    assert [text for text in PII if text.encode() in wire] == []


async def test_an_event_of_a_kind_the_record_does_not_know_still_shows(
    intake_service: Intake,
) -> None:
    acts = IntakeActivities(intake_service.records)
    case_id = await a_case(intake_service)
    await event(acts, case_id, "benefits_recouped", period="2026-03")
    await event(acts, case_id, "note_added", caseworker_id="cw-c", program="tanf")
    entries = (await read_record(intake_service, case_id)).entries[1:]
    assert [(e.action, e.actor, e.summary, list(e.programs)) for e in entries] == [
        ("benefits_recouped", SYSTEM, "benefits_recouped", []),
        ("note_added", "cw-c", "note_added", [common_pb2.PROGRAM_TANF]),
    ]
    assert json.loads(entries[0].detail) == {"period": "2026-03"}


async def test_the_record_is_chosen_by_action_and_time_and_read_by_pages(
    intake_service: Intake,
) -> None:
    case_id = await a_worked_case(intake_service)
    everything = (await read_record(intake_service, case_id)).entries
    chosen = await read_record(intake_service, case_id,
                               actions=["deadline_extended", "interview_recorded", "nobody"])
    assert [e.action for e in chosen.entries] == ["interview_recorded", "deadline_extended"]
    since = Timestamp()
    since.CopyFrom(everything[5].at)
    later = await read_record(intake_service, case_id, since=since)
    assert [e.action for e in later.entries] == [e.action for e in everything[5:]]
    pages, token = [], ""
    while True:
        page = await read_record(intake_service, case_id, page_size=4, page_token=token)
        pages.append([e.action for e in page.entries])
        if not (token := page.next_page_token):
            break
    assert [len(p) for p in pages] == [4, 4, 3]
    assert [action for p in pages for action in p] == [e.action for e in everything]


@pytest.mark.parametrize(("request_fields", "field"), [
    ({"case_id": ""}, "case_id"),
    ({"case_id": "Quackenbush-1992"}, "case_id"),
    ({"actions": ["interview_recorded", " "]}, "actions[1]"),
    ({"actions": ["x" * 65]}, "actions[0]"),
    ({"since": Timestamp(seconds=10**12)}, "since"),
    ({"page_size": -1}, "page_size"),
    ({"page_token": "Quackenbush"}, "page_token"),
])
async def test_bad_input_names_the_field_and_not_its_value(
    intake_service: Intake, request_fields: dict[str, object], field: str,
) -> None:
    fields = {"case_id": await a_case(intake_service), **request_fields}
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake_service.intake.GetCaseRecord(
            intake_pb2.GetCaseRecordRequest(**fields))  # type: ignore[arg-type]
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [name for name, _ in field_violations(refused.value)] == [field]
    assert "Quackenbush" not in (refused.value.details() or "")


async def test_the_record_of_an_unknown_case_is_not_found(intake_service: Intake) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await intake_service.intake.GetCaseRecord(
            intake_pb2.GetCaseRecordRequest(case_id="f" * 32))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


def recorded_kinds() -> set[str]:
    """Every kind the workflow's code passes to `_event(...)` as a literal (both arms of a
    conditional kind included), read from its source."""
    kinds: set[str] = set()
    for path in WORKFLOWS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "_event" and node.args):
                kinds |= {n.value for n in ast.walk(node.args[0])
                          if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return kinds


def test_every_kind_the_workflow_records_has_its_wording() -> None:
    kinds = recorded_kinds()
    assert {"interview_recorded", "deadline_extended", "closed"} <= kinds  # the scan works
    assert sorted(kinds - set(WORDINGS)) == []


@pytest.mark.parametrize(("kind", "detail", "actor"), [
    ("hearing_requested", {"program": "snap", "recorded_by": "cw-a"}, "cw-a"),
    ("hearing_decided", {"outcome": "reversed", "hearing_officer_id": "ho-1"}, "ho-1"),
    ("closed", {"reason": "ineligible", "caseworker_id": "system"}, SYSTEM),
    ("approval_requested", {"approval_id": "ap-2", "kind": "payment"}, SYSTEM),
    ("approval_requested", {"caseworker_id": "cw-a", "supervisor_id": "sup-1"}, "cw-a"),
    ("verification_not_provided", {"kind": "expenses", "verifier_id": ""}, SYSTEM),
    ("change_reported", {"reported_date": "2026-03-02"}, SYSTEM),
    ("change_reported", {"reported_date": "2026-03-02", "caseworker_id": "cw-b"}, "cw-b"),
    ("change_reported", {"reported_date": "2026-03-02", "caseworker_id": ""}, SYSTEM),
    ("employment_recorded", {"member_id": "m1", "caseworker_id": "cw-b"}, "cw-b"),
    ("employment_recorded", {"member_id": "m1"}, SYSTEM),
    ("retention_check_in", {"member_id": "m1", "caseworker_id": "cw-b"}, "cw-b"),
    ("retention_check_in", {"member_id": "m1"}, SYSTEM),
    ("household_changed", {"changes": ["move"], "caseworker_id": "cw-b"}, "cw-b"),
    ("household_changed", {"changes": ["move"], "caseworker_id": ""}, SYSTEM),
])
def test_the_actor_is_the_person_the_detail_names_for_its_kind(
    kind: str, detail: dict[str, object], actor: str,
) -> None:
    assert entry(kind, detail, datetime.now(UTC)).actor == actor


def test_a_summary_reads_a_missing_value_as_a_dash() -> None:
    assert entry("program_closed", {"program": "tanf"}, datetime.now(UTC)).summary == (
        "TANF closed (-)")
