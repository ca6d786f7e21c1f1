"""`casework report timeliness` against a real intake (Temporal down): the table and the
JSON carry the report's shares and late clocks; months and an office narrow it; a bad
month exits 2 naming the field, a bad flag exits 2 before any call."""

from __future__ import annotations

import json

import pytest

import cli
from cli import caseload
from tests.unit.cli.test_caseload import run
from tests.unit.intake import conftest as intake_conftest
from tests.unit.intake.case_views import ReadModel, read_model
from workflows.inputs import Phase, Program
from workflows.state import CaseState

options = intake_conftest.options
"""Intake's own fixture: a fresh PII key per test."""

__all__ = ["options", "read_model"]


def a_snap_case(case_id: str, office: str, met_on: str) -> CaseState:
    """Filed 2025-02-10, so its 30 days fall due 2025-03-12; decided on `met_on`."""
    state = CaseState(case_id=case_id, phase=Phase.MONITORING, programs=[Program.SNAP],
                      state="IL", filing_date="2025-02-10", caseworker_id="cw-a",
                      office_id=office)
    state.start_clock("SNAP_APPLICATION_PROCESSING", "2025-02-10")
    state.meet_clock("SNAP_APPLICATION_PROCESSING", met_on)
    return state


@pytest.fixture
async def two(read_model: ReadModel) -> list[str]:
    """Office 1 decided its case on time, office 2 five days late."""
    ids = [await read_model.file(), await read_model.file()]
    await read_model.record(a_snap_case(ids[0], "office-001", "2025-03-01"))
    await read_model.record(a_snap_case(ids[1], "office-002", "2025-03-17"))
    return ids


def test_report_timeliness_parses_to_its_function() -> None:
    args = cli.parse(["report", "timeliness", "--from", "2025-01", "--to", "2025-06",
                      "--office", "office-001", "--program", "snap", "--json"])
    assert not isinstance(args, int) and args.run is caseload.timeliness
    assert (args.from_month, args.to_month, args.office, args.program, args.json) == (
        "2025-01", "2025-06", "office-001", "snap", True)


@pytest.mark.parametrize("argv", [["report"], ["report", "lateness"],
                                  ["report", "timeliness", "--program", "food"]])
def test_bad_report_flags_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


async def test_the_table_shows_each_offices_share_and_the_late_case(
    read_model: ReadModel, two: list[str],
) -> None:
    code, out = await run(read_model, "report", "timeliness", "--from", "2025-03", "--to",
                          "2025-03")
    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert lines[0].startswith("as of ")
    assert lines[1].split() == ["measure", "code", "office", "month", "timely", "untimely",
                                "pending", "share", "household", "extended"]
    assert [line.split()[2:] for line in lines[3:5]] == [
        ["SNAP_APPLICATION_PROCESSING", "office-001", "2025-03", "1", "0", "0", "100%", "0", "0"],
        ["SNAP_APPLICATION_PROCESSING", "office-002", "2025-03", "0", "1", "0", "0%", "0", "0"]]
    assert [line.split()[2:] for line in lines if " all " in line] == [
        ["SNAP_APPLICATION_PROCESSING", "all", "all", "1", "1", "0", "50%", "0", "0"]]
    late = lines[lines.index("decided, or still open, after the rule's due date") + 3:]
    assert [line.split() for line in late] == [
        ["2025-03", "application", "processing", two[1], "SNAP_APPLICATION_PROCESSING",
         "office-002", "2025-03-12", "-", "2025-03-17", "5", "5", "untimely", "agency"]]


async def test_json_carries_the_report_and_an_office_narrows_it(
    read_model: ReadModel, two: list[str],
) -> None:
    code, out = await run(read_model, "report", "timeliness", "--office", "office-002",
                          "--json")
    assert code == cli.EXIT_OK
    report = json.loads(out)
    assert [(g["office_id"], g["timely"], g["untimely"], g["timely_share"])
            for g in report["groups"]] == [("office-002", 0, 1, 0.0)]
    assert [(c["case_id"], c["days_late"], c["delay"], c["timeliness"])
            for c in report["late"]] == [(two[1], 5, "DELAY_CAUSE_AGENCY",
                                          "TIMELINESS_UNTIMELY")]
    code, out = await run(read_model, "report", "timeliness", "--from", "2024-01", "--to",
                          "2024-12")
    assert (code, out.split(" (as of")[0]) == (
        cli.EXIT_OK, "no clocks fall due in the months asked")


async def test_a_bad_month_exits_two_naming_it(
    read_model: ReadModel, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = await run(read_model, "report", "timeliness", "--from", "2025-07", "--to",
                          "2025-06")
    assert (code, out) == (cli.EXIT_USAGE, "")
    assert "from_month" in capsys.readouterr().err
    code, _ = await run(read_model, "report", "timeliness", "--to", "June")
    assert code == cli.EXIT_USAGE
    assert "to_month" in capsys.readouterr().err
