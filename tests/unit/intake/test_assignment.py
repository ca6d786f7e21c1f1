"""AssignCaseworker over real gRPC: the case's county picks its office (CASEWORK_OFFICES,
else the default office), and the office's caseworkers are balanced by the cases they
still hold open."""

from __future__ import annotations

from pathlib import Path

import pytest
from casework.v1 import intake_pb2
from cryptography.fernet import Fernet

from services.intake.options import IntakeOptions
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import CASEWORKERS, Intake

DEFAULT_PHONE = "(217) 555-0142"
OFFICES = """\
- id: office-020
  phone: "(312) 555-0120"
  state: IL
  counties: [Cook, DuPage]
  caseworkers: [cw-0201, cw-0202]
- id: office-090
  phone: "(503) 555-0190"
  state: OR
  counties: [Washington]
  caseworkers: [cw-0901]
"""
"""Cook and DuPage, Illinois, have an office of their own; so has Washington County,
Oregon, though not Illinois' Washington County."""


@pytest.fixture
def options(tmp_path: Path) -> IntakeOptions:
    """The default office (`CASEWORKERS`) and the two offices of `OFFICES`."""
    offices = tmp_path / "offices.yaml"
    offices.write_text(OFFICES)
    return IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                   "CASEWORK_CASEWORKERS": ",".join(CASEWORKERS),
                                   "CASEWORK_OFFICE_ID": "office-017",
                                   "CASEWORK_OFFICE_PHONE": DEFAULT_PHONE,
                                   "CASEWORK_OFFICES": str(offices)})


def filed_in(county: str, state: str = "IL") -> intake_pb2.SubmitApplicationRequest:
    """The usual application, from an address in `county` of `state`."""
    application = an_application()
    application.application.state = state
    application.application.address.county = county
    return application


async def assigned(intake: Intake, application: intake_pb2.SubmitApplicationRequest
                   ) -> tuple[str, intake_pb2.AssignCaseworkerResponse]:
    """A new case from `application`, and its assignment."""
    case_id = (await intake.intake.SubmitApplication(application)).case_id
    return case_id, await intake.records.AssignCaseworker(
        intake_pb2.AssignCaseworkerRequest(case_id=case_id))


async def record_phase(
    intake: Intake, case_id: str, phase: intake_pb2.Phase.ValueType,
    reason: intake_pb2.ClosureReason.ValueType = intake_pb2.CLOSURE_REASON_UNSPECIFIED,
) -> None:
    """What the workflow's UpdateCaseStatus activity records as the case moves on."""
    await intake.records.UpdateCaseStatus(intake_pb2.UpdateCaseStatusRequest(
        case_id=case_id, phase=phase, closure_reason=reason))


async def test_a_closed_case_frees_its_caseworkers_slot_and_an_open_one_does_not(
    intake: Intake,
) -> None:
    first, second, third = [await assigned(intake, filed_in("Sangamon")) for _ in CASEWORKERS]
    assert [a.caseworker_id for _, a in (first, second, third)] == list(CASEWORKERS)
    await record_phase(intake, first[0], intake_pb2.PHASE_MONITORING)
    await record_phase(intake, second[0], intake_pb2.PHASE_CLOSED,
                       intake_pb2.CLOSURE_REASON_MOVED)
    _, fourth = await assigned(intake, filed_in("Sangamon"))
    assert fourth.caseworker_id == CASEWORKERS[1], "cw-b holds no open case now"
    _, fifth = await assigned(intake, filed_in("Sangamon"))
    assert fifth.caseworker_id == CASEWORKERS[0], "all hold one open case: the first listed"


async def test_the_office_follows_the_county_in_any_case_and_its_own_team_takes_turns(
    intake: Intake,
) -> None:
    counties = [("Cook", "IL"), (" cook ", "IL"), ("DUPAGE", "IL"), ("Washington", "OR")]
    replies = [(await assigned(intake, filed_in(county, state)))[1]
               for county, state in counties]
    assert [(r.office_id, r.caseworker_id, r.office_phone) for r in replies] == [
        ("office-020", "cw-0201", "(312) 555-0120"),
        ("office-020", "cw-0202", "(312) 555-0120"),
        ("office-020", "cw-0201", "(312) 555-0120"),
        ("office-090", "cw-0901", "(503) 555-0190")]


async def test_a_county_no_office_lists_goes_to_the_default_office(intake: Intake) -> None:
    """Washington County, Illinois, is not Oregon's: the State is part of the match."""
    for county in ("Sangamon", "Washington"):
        case_id, reply = await assigned(intake, filed_in(county))
        assert (reply.office_id, reply.office_phone) == ("office-017", DEFAULT_PHONE)
        assert reply.caseworker_id in CASEWORKERS
        again = await intake.records.AssignCaseworker(
            intake_pb2.AssignCaseworkerRequest(case_id=case_id))
        assert again == reply, "a case keeps its office, caseworker and number"
