"""`casework`: argument parsing, exit codes, and the subcommands against real servers."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
from casework.v1 import intake_pb2

import cli
from cli.demo import demo as demo_command
from cli.record import record as record_command
from cli.show import show as show_command
from common.auth.tokens import local_signing_key
from common.config import Settings
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.eligibility.helpers import a_line
from tests.unit.intake import conftest as intake_conftest
from tests.unit.intake.builders import FAMILY_NAME, an_application, days_ago
from tests.unit.intake.case_views import file_case
from tests.unit.intake.conftest import UNREACHABLE_TEMPORAL, Intake, intake_settings, serve_intake

options = intake_conftest.options
"""Intake's own fixture: a fresh PII key per test."""
temporal_env = intake_conftest.temporal_env
intake_service = intake_conftest.intake_service
"""Intake with Temporal up, so a case can be filed (no worker: the case stays as filed)."""


@pytest.fixture
async def intake_channel(database_url: str, options: IntakeOptions, issuer: Issuer
                         ) -> AsyncIterator[grpc.aio.Channel]:
    """Intake on a loopback port, with Temporal down: reading an unknown case never
    reaches a workflow, so nothing more is needed."""
    await migrate("intake", database_url)
    settings = intake_settings(database_url, "cli-test", UNREACHABLE_TEMPORAL)
    async with serve_intake(settings, options, None, issuer) as served:
        yield served.channel


def test_each_subcommand_parses_to_its_function() -> None:
    demo = cli.parse(["demo", "--json", "--timeout", "5"])
    show = cli.parse(["show", "0" * 32])
    determine = cli.parse(["eligibility", "determine", "households.jsonl"])
    assert not isinstance(demo, int) and demo.run is demo_command
    assert demo.json and demo.timeout == 5.0
    assert not isinstance(show, int) and show.run is show_command and show.case_id == "0" * 32
    assert not show.json
    assert not isinstance(determine, int) and determine.run is cli.eligibility_determine
    assert determine.argv == ["households.jsonl"]
    record = cli.parse(["record", "0" * 32, "--json"])
    assert not isinstance(record, int) and record.run is record_command and record.json


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["show"], ["show", "a", "b"], ["record"],
                                  ["demo", "--timeout", "soon"], ["eligibility"],
                                  ["eligibility", "determine"]])
def test_bad_usage_exits_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "demo" in out and "show" in out and "record" in out and "eligibility" in out


def test_eligibility_determine_passes_its_options_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["eligibility", "determine", "--help"]) == cli.EXIT_OK
    assert "usage: casework eligibility determine" in capsys.readouterr().out
    assert cli.main(["show", "--frobnicate", "c" * 32]) == cli.EXIT_USAGE


def test_eligibility_determine_writes_one_result_per_household(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "households.jsonl"
    path.write_text("\n".join(json.dumps(a_line(id=i, state=s))
                              for i, s in (("one", "IL"), ("two", "OR"))) + "\n")
    assert cli.main(["eligibility", "determine", str(path)]) == cli.EXIT_OK
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in results] == ["one", "two"]
    assert results[0]["snap"]["eligible"] and results[0]["snap"]["monthly_benefit_cents"] > 0


def test_eligibility_determine_of_a_missing_file_exits_one(tmp_path: Path) -> None:
    assert cli.main(["eligibility", "determine", str(tmp_path / "absent.jsonl")]) == 1


async def test_show_of_an_unknown_case_exits_one(
    intake_channel: grpc.aio.Channel, capsys: pytest.CaptureFixture[str]
) -> None:
    args = cli.parse(["show", uuid.uuid4().hex])
    assert not isinstance(args, int)
    assert await show_command(args, channel=intake_channel) == cli.EXIT_NOT_FOUND
    assert "not found" in capsys.readouterr().err


async def test_show_of_a_malformed_case_id_is_bad_usage(
    intake_channel: grpc.aio.Channel, capsys: pytest.CaptureFixture[str]
) -> None:
    args = cli.parse(["show", "Jane-Doe-1980"])
    assert not isinstance(args, int)
    assert await show_command(args, channel=intake_channel) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "case_id" in err and "Jane" not in err


async def test_demo_without_a_stack_says_to_start_one(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = cli.parse(["demo"])
    assert not isinstance(args, int)
    nowhere = {f"CASEWORK_{name}_ADDRESS": UNREACHABLE_TEMPORAL
               for name in ("INTAKE", "ELIGIBILITY", "REFERRALS", "PAYMENTS")}
    settings = Settings.from_env("cli", nowhere | {"CASEWORK_VAR_DIR": str(tmp_path)})
    out = io.StringIO()
    assert await demo_command(args, settings=settings, out=out) == cli.EXIT_FAILED
    assert "is `make up` running?" in capsys.readouterr().err
    assert out.getvalue() == ""


def test_a_command_without_a_token_says_how_to_get_one(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEWORK_TOKEN", raising=False)
    monkeypatch.delenv("CASEWORK_TOKEN_FILE", raising=False)
    assert cli.main(["show", "0" * 32]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "CASEWORK_TOKEN" in err and "--as" in err


@pytest.mark.parametrize("caller", ["root:x", "caseworker:cw-1", "operations:ops@office-1",
                                    "supervisor:@office-1"])
def test_as_names_a_role_an_id_and_an_office_for_office_roles(caller: str) -> None:
    assert cli.parse(["--as", caller, "show", "0" * 32]) == cli.EXIT_USAGE


async def test_as_calls_with_a_token_signed_by_the_local_key(
        database_url: str, options: IntakeOptions, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The stack trusts the key in its var dir; `--as` mints with the same key."""
    await migrate("intake", database_url)
    settings = intake_settings(database_url, "cli-test", UNREACHABLE_TEMPORAL)
    local = Issuer(key=local_signing_key(tmp_path))
    async with serve_intake(settings, options, None, local) as served:
        case_id = await file_case(served, PiiCipher(options.pii_keys))
        monkeypatch.setenv("CASEWORK_VAR_DIR", str(tmp_path))
        monkeypatch.setenv("CASEWORK_INTAKE_ADDRESS", f"127.0.0.1:{served.port}")
        monkeypatch.delenv("CASEWORK_TOKEN", raising=False)
        monkeypatch.delenv("CASEWORK_TOKEN_FILE", raising=False)
        for caller, exit_code in [("operations:ops-1", cli.EXIT_OK),
                                  ("caseworker:cw-elsewhere@office-001", cli.EXIT_FAILED)]:
            args = cli.parse(["--as", caller, "show", case_id])
            assert not isinstance(args, int)
            assert await args.run(args, out=io.StringIO()) == exit_code
        assert "PERMISSION_DENIED" in capsys.readouterr().err
        monkeypatch.setenv("CASEWORK_TOKEN", local.token("operations", "ops-2", exp=1))
        args = cli.parse(["show", case_id])
        assert not isinstance(args, int)
        assert await args.run(args, out=io.StringIO()) == cli.EXIT_FAILED
        assert "expired" in capsys.readouterr().err


async def test_record_prints_a_cases_trail_as_a_table_and_as_json(
    intake_service: Intake, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = (await intake_service.intake.SubmitApplication(an_application())).case_id
    await intake_service.records.RecordCaseEvent(intake_pb2.RecordCaseEventRequest(
        case_id=case_id, idempotency_key=f"{case_id}:interview", event=intake_pb2.CaseEvent(
            kind="interview_recorded",
            detail=json.dumps({"caseworker_id": "cw-a", "interview_date": days_ago(1)}))))
    args = cli.parse(["record", case_id])
    assert not isinstance(args, int)
    table = io.StringIO()
    assert await record_command(args, channel=intake_service.served.channel,
                                out=table) == cli.EXIT_OK
    header, rule, filed, interview = table.getvalue().splitlines()
    assert header.split() == ["when", "who", "action", "programs", "source", "what"]
    assert set(rule) == {"-", " "}
    assert filed.split()[2:5] == ["system", "application_submitted", "SNAP,"]
    assert interview.split()[2:4] == ["cw-a", "interview_recorded"]
    assert interview.endswith(f"Interview held on {days_ago(1)}")
    args.json = True
    as_json = io.StringIO()
    assert await record_command(args, channel=intake_service.served.channel,
                                out=as_json) == cli.EXIT_OK
    entries = json.loads(as_json.getvalue())["entries"]
    assert [(e["action"], e["actor"]) for e in entries] == [
        ("application_submitted", "system"), ("interview_recorded", "cw-a")]
    assert entries[1]["detail"] == {"caseworker_id": "cw-a", "interview_date": days_ago(1)}
    assert FAMILY_NAME not in table.getvalue() + as_json.getvalue()


async def test_record_of_an_unknown_case_exits_one_and_of_a_malformed_id_two(
    intake_channel: grpc.aio.Channel, capsys: pytest.CaptureFixture[str]
) -> None:
    unknown = cli.parse(["record", uuid.uuid4().hex])
    malformed = cli.parse(["record", "Jane-Doe-1980"])
    assert not isinstance(unknown, int) and not isinstance(malformed, int)
    assert await record_command(unknown, channel=intake_channel) == cli.EXIT_NOT_FOUND
    assert "casework record: not found" in capsys.readouterr().err
    assert await record_command(malformed, channel=intake_channel) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "case_id" in err and "Jane" not in err
