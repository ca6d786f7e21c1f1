"""`casework`: argument parsing, exit codes, and the subcommands against real servers."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

import cli
from cli.demo import demo as demo_command
from cli.show import show as show_command
from services.intake.options import IntakeOptions
from tests.conftest import migrate
from tests.unit.eligibility.helpers import a_line
from tests.unit.intake import conftest as intake_conftest
from tests.unit.intake.conftest import UNREACHABLE_TEMPORAL, intake_settings, serve_intake

options = intake_conftest.options
"""Intake's own fixture: a fresh PII key per test."""


@pytest.fixture
async def intake_channel(database_url: str, options: IntakeOptions
                         ) -> AsyncIterator[grpc.aio.Channel]:
    """Intake on a loopback port, with Temporal down: reading an unknown case never
    reaches a workflow, so nothing more is needed."""
    await migrate("intake", database_url)
    settings = intake_settings(database_url, "cli-test", UNREACHABLE_TEMPORAL)
    async with serve_intake(settings, options, None) as served:
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


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["show"], ["show", "a", "b"],
                                  ["demo", "--timeout", "soon"], ["eligibility"],
                                  ["eligibility", "determine"]])
def test_bad_usage_exits_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "demo" in out and "show" in out and "eligibility" in out


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


async def test_demo_without_a_stack_says_to_start_one(capsys: pytest.CaptureFixture[str]) -> None:
    args = cli.parse(["demo"])
    assert not isinstance(args, int)
    nowhere = dict.fromkeys(("intake", "eligibility", "referrals", "payments"),
                            UNREACHABLE_TEMPORAL)
    out = io.StringIO()
    assert await demo_command(args, addresses=nowhere, out=out) == cli.EXIT_FAILED
    assert "is `make up` running?" in capsys.readouterr().err
    assert out.getvalue() == ""
