"""`casework cases`, `worklist`, `sla` and `approvals` against a real intake (Temporal
down, so what they print comes from the read model alone)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import cli
from cli import caseload
from tests.tokens import Issuer
from tests.unit.intake import conftest as intake_conftest
from tests.unit.intake.builders import days_ago
from tests.unit.intake.case_views import ReadModel, a_state, an_approval, read_model
from workflows.inputs import Phase, Program
from workflows.state import ApprovalKind, CaseState, Task

options = intake_conftest.options
"""Intake's own fixture: a fresh PII key per test."""

__all__ = ["options", "read_model"]


async def run(model: ReadModel, *argv: str) -> tuple[int, str]:
    """The command's exit status and what it printed, against `model`'s intake."""
    args = cli.parse(argv)
    assert not isinstance(args, int), argv
    out = io.StringIO()
    code = await args.run(args, channel=model.served.channel, out=out)
    return code, out.getvalue()


@pytest.fixture
async def three(read_model: ReadModel) -> list[CaseState]:
    """A SNAP case in warning with a plan waiting, a breached Medicaid one of another
    caseworker, and a fresh one of the first caseworker's."""
    warning, breached, fresh = (await read_model.file(27), await read_model.file(50),
                                await read_model.file(2))
    states = [
        a_state(warning, filed_days_ago=27, tasks=[Task.VERIFICATION_OVERDUE],
                approvals=[an_approval("plan-1", asked_days_ago=2)]),
        a_state(breached, filed_days_ago=50, phase=Phase.DETERMINATION,
                programs=[Program.MEDICAID], caseworker="cw-b", office="office-002",
                clocks=["MEDICAID_APPLICATION"],
                approvals=[an_approval("ext-1", ApprovalKind.DEADLINE_EXTENSION,
                                       asked_days_ago=4)]),
        a_state(fresh, phase=Phase.INTAKE, tasks=[Task.INTERVIEW]),
    ]
    for state in states:
        await read_model.record(state)
    return states


def test_each_caseload_command_parses_to_its_function() -> None:
    cases = cli.parse(["cases", "--phase", "verification", "--program", "snap", "--sla",
                       "warning", "--due-within", "3", "--task", "INTERVIEW", "--count-by",
                       "office", "--caseworker", "cw-a", "--office", "office-001"])
    assert not isinstance(cases, int) and cases.run is caseload.cases
    filter = caseload.case_filter(cases)
    assert (filter.phase, filter.program, filter.sla_status, filter.due_within_days,
            filter.open_task, filter.caseworker_id, filter.office_id) == (2, 1, 2, 3,
                                                                          "INTERVIEW", "cw-a",
                                                                          "office-001")
    assert cases.count_by == "office"
    worklist = cli.parse(["worklist", "cw-a", "--json"])
    assert not isinstance(worklist, int) and worklist.run is caseload.worklist
    sla = cli.parse(["sla", "--status", "breached", "--status", "warning", "--code", "X"])
    assert not isinstance(sla, int) and sla.run is caseload.sla
    assert sla.status == ["breached", "warning"]
    approvals = cli.parse(["approvals", "--kind", "plan", "--office", "office-001"])
    assert not isinstance(approvals, int) and approvals.run is caseload.approvals


@pytest.mark.parametrize("argv", [["cases", "--phase", "nowhere"], ["cases", "--due-within",
                                  "soon"], ["cases", "--count-by", "zodiac"],
                                  ["sla", "--status", "late"], ["approvals", "--kind", "x"]])
def test_bad_flags_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


async def test_cases_lists_by_filter_soonest_deadline_first(
    read_model: ReadModel, three: list[CaseState],
) -> None:
    warning, breached, fresh = (s.case_id for s in three)
    code, out = await run(read_model, "cases")
    header, _, *rows = out.splitlines()
    assert code == cli.EXIT_OK and header.split()[:3] == ["case", "phase", "programs"]
    assert [row.split()[0] for row in rows] == [breached, warning, fresh]
    assert f"{days_ago(-3)} SNAP_APPLICATION_PROCESSING" in rows[1]
    code, out = await run(read_model, "cases", "--caseworker", "cw-a", "--due-within", "5",
                          "--json")
    shown = json.loads(out)["cases"]
    assert [c["case_id"] for c in shown] == [warning]
    assert (shown[0]["sla_status"], shown[0]["open_tasks"], shown[0]["pending_approvals"]) == (
        "SLA_STATUS_WARNING", ["VERIFICATION_OVERDUE"], ["APPROVAL_KIND_PLAN"])
    _, out = await run(read_model, "cases", "--sla", "breached", "--program", "medicaid")
    assert [row.split()[0] for row in out.splitlines()[2:]] == [breached]


async def test_cases_reads_every_page(
    read_model: ReadModel, three: list[CaseState], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(caseload, "PAGE_SIZE", 1)
    _, out = await run(read_model, "cases", "--json")
    assert len(json.loads(out)["cases"]) == 3


async def test_cases_counts_by_a_dimension(read_model: ReadModel, three: list[CaseState]
                                           ) -> None:
    code, out = await run(read_model, "cases", "--count-by", "caseworker")
    assert code == cli.EXIT_OK
    assert [line.split() for line in out.splitlines()] == [
        ["caseworker", "cases"], ["----------", "-----"], ["cw-a", "2"], ["cw-b", "1"],
        ["3", "cases", "in", "all"]]
    _, out = await run(read_model, "cases", "--count-by", "phase", "--caseworker", "cw-z")
    assert out == "0 cases\n"
    _, out = await run(read_model, "cases", "--count-by", "sla_status", "--json")
    counted = json.loads(out)
    assert counted["total"] == "3"
    assert {c["key"]: c["count"] for c in counted["counts"]} == {
        "on_time": "1", "warning": "1", "breached": "1"}


async def test_a_filter_the_server_refuses_is_bad_usage_naming_the_field(
    read_model: ReadModel, capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = await run(read_model, "cases", "--due-within", "-1")
    assert (code, out) == (cli.EXIT_USAGE, "")
    assert "filter.due_within_days" in capsys.readouterr().err


async def test_a_worklist_prints_the_caseworkers_work_soonest_first(
    read_model: ReadModel, three: list[CaseState],
) -> None:
    warning, _, fresh = (s.case_id for s in three)
    three[2].interview_date = days_ago(-1)
    await read_model.record(three[2])
    _, out = await run(read_model, "worklist", "cw-a")
    rows = [line.split() for line in out.splitlines()[2:]]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (days_ago(-1), fresh, "INTERVIEW"),
        (days_ago(-3), warning, "SNAP_APPLICATION_PROCESSING"),
        (days_ago(-28), fresh, "SNAP_APPLICATION_PROCESSING"),
        ("-", warning, "VERIFICATION_OVERDUE")]
    _, out = await run(read_model, "worklist", "cw-a", "--json")
    assert [i["status"] for i in json.loads(out)["items"]] == [
        "CLOCK_STATUS_UNSPECIFIED", "CLOCK_STATUS_WARNING", "CLOCK_STATUS_OPEN",
        "CLOCK_STATUS_UNSPECIFIED"]


async def test_sla_lists_clocks_soonest_first_by_status(
    read_model: ReadModel, three: list[CaseState],
) -> None:
    warning, breached, fresh = (s.case_id for s in three)
    _, out = await run(read_model, "sla")
    rows = [line.split() for line in out.splitlines()[2:]]
    assert [(r[0], r[1], r[4]) for r in rows] == [
        (days_ago(5), "breached", breached), (days_ago(-3), "warning", warning),
        (days_ago(-28), "open", fresh)]
    _, out = await run(read_model, "sla", "--status", "breached", "--status", "warning",
                       "--office", "office-001", "--json")
    assert [c["case_id"] for c in json.loads(out)["clocks"]] == [warning]


async def test_approvals_lists_the_waiting_requests_oldest_first(
    read_model: ReadModel, three: list[CaseState],
) -> None:
    warning, breached, _ = (s.case_id for s in three)
    _, out = await run(read_model, "approvals")
    rows = [line.split() for line in out.splitlines()[2:]]
    assert [(r[0], r[2]) for r in rows] == [(days_ago(4), breached), (days_ago(2), warning)]
    _, out = await run(read_model, "approvals", "--kind", "plan", "--json")
    assert [a["approval"]["approval_id"] for a in json.loads(out)["approvals"]] == ["plan-1"]


async def test_a_listing_that_names_no_caseload_lists_the_callers_own(
    read_model: ReadModel, three: list[CaseState], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the role table lets each list: a caseworker's caseload, a supervisor's office,
    everything for operations. (The channel's own token reads; `--as` says whose.)"""
    monkeypatch.delenv("CASEWORK_TOKEN", raising=False)
    monkeypatch.delenv("CASEWORK_TOKEN_FILE", raising=False)
    warning, breached, fresh = (s.case_id for s in three)
    listed = {}
    for caller in ("caseworker:cw-b@office-002", "supervisor:sup-1@office-001",
                   "operations:ops-1"):
        _, out = await run(read_model, "--as", caller, "cases", "--json")
        listed[caller.split(":")[0]] = {c["case_id"] for c in json.loads(out)["cases"]}
    assert listed == {"caseworker": {breached}, "supervisor": {warning, fresh},
                      "operations": {warning, breached, fresh}}
    _, out = await run(read_model, "--as", "caseworker:cw-b@office-002", "sla", "--json")
    assert {c["case_id"] for c in json.loads(out)["clocks"]} == {breached}
    _, out = await run(read_model, "--as", "supervisor:sup-1@office-002", "approvals", "--json")
    assert [a["approval"]["approval_id"] for a in json.loads(out)["approvals"]] == ["ext-1"]
    _, out = await run(read_model, "--as", "caseworker:cw-a@office-001", "worklist", "--json")
    assert {i["case_id"] for i in json.loads(out)["items"]} == {warning, fresh}
    _, out = await run(read_model, "--as", "supervisor:sup-1@office-001", "cases",
                       "--caseworker", "cw-b", "--json")
    assert {c["case_id"] for c in json.loads(out)["cases"]} == {breached}, "flags win"


async def test_the_caller_is_read_from_the_token_when_one_is_set(
    read_model: ReadModel, three: list[CaseState], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CASEWORK_TOKEN", Issuer().token("caseworker", "cw-b", "office-002"))
    _, out = await run(read_model, "cases", "--json")
    assert {c["case_id"] for c in json.loads(out)["cases"]} == {three[1].case_id}


def test_a_worklist_or_step_that_names_no_one_and_has_no_caller_is_bad_usage(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CASEWORK_TOKEN", raising=False)
    monkeypatch.delenv("CASEWORK_TOKEN_FILE", raising=False)
    assert cli.main(["worklist"]) == cli.EXIT_USAGE
    assert "name the CASEWORKER" in capsys.readouterr().err
    assert cli.main(["decide", "c1", "plan-1", "--approve"]) == cli.EXIT_USAGE
    assert "--by is required" in capsys.readouterr().err


async def test_a_caseload_command_without_intake_says_to_start_the_stack(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    monkeypatch.setenv("CASEWORK_INTAKE_ADDRESS", intake_conftest.UNREACHABLE_TEMPORAL)
    monkeypatch.setenv("CASEWORK_VAR_DIR", str(tmp_path))
    args = cli.parse(["--as", "operations:ops-1", "sla"])
    assert not isinstance(args, int)
    assert await args.run(args) == cli.EXIT_FAILED
    assert "is `make up` running?" in capsys.readouterr().err


def test_the_supervisor_commands_parse_to_their_functions() -> None:
    reassign = cli.parse(["reassign", "c1", "--to", "cw-b", "--by", "sup-1", "--reason", "x"])
    assert not isinstance(reassign, int) and reassign.run is caseload.reassign
    assert (reassign.case_id, reassign.to, reassign.by, reassign.reason) == (
        "c1", "cw-b", "sup-1", "x")
    extension = cli.parse(["extension", "c1", "MEDICAID_APPLICATION", "--to", "2027-01-05",
                           "--by", "cw-a", "--reason", "waiting on SSA"])
    assert not isinstance(extension, int) and extension.run is caseload.ask_extension
    decide = cli.parse(["decide", "c1", "plan-1", "--return", "--by", "sup-1",
                        "--reason", "add child care"])
    assert not isinstance(decide, int) and decide.run is caseload.decide
    assert decide.send_back and not decide.approve


@pytest.mark.parametrize("argv", [
    ["reassign", "c1", "--to", "cw-b", "--by", "sup-1"],  # no reason
    ["decide", "c1", "plan-1", "--by", "sup-1"],  # neither approve nor return
    ["decide", "c1", "plan-1", "--approve", "--return", "--by", "sup-1"],
    ["extension", "c1", "--to", "2027-01-05", "--by", "cw-a", "--reason", "x"]])  # no code
def test_a_supervisor_command_missing_its_parts_exits_two(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == cli.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


async def test_a_reassignment_to_no_offices_caseworker_is_bad_usage_naming_the_field(
    read_model: ReadModel, three: list[CaseState], capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = await run(read_model, "reassign", three[0].case_id, "--to", "cw-nobody",
                          "--by", "sup-1", "--reason", "balance")
    assert (code, out) == (cli.EXIT_USAGE, "")
    assert "caseworker_id" in capsys.readouterr().err


async def test_a_decision_while_the_case_cannot_be_reached_fails_and_says_so(
    read_model: ReadModel, three: list[CaseState], capsys: pytest.CaptureFixture[str],
) -> None:
    code, _ = await run(read_model, "decide", three[0].case_id, "plan-1", "--approve",
                        "--by", "sup-1")
    assert code == cli.EXIT_FAILED  # Temporal is down: the case cannot take the step
    assert "workflow service is unavailable" in capsys.readouterr().err
