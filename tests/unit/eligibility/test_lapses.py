"""Rules that lapse say so (issue 14, points 15 and 16): a fiscal-year value used past its
`lapses` date makes the program provisional, with a line naming it, or refuses the month
under CASEWORK_ELIGIBILITY_LAPSED=refuse; a month before the rules begin is an error on
`period`, per line in the batch and INVALID_ARGUMENT over gRPC; `casework rules status` and
the gauge list what lapses."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import re
import urllib.request
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import grpc
import pytest
from casework.v1 import eligibility_pb2, eligibility_pb2_grpc
from prometheus_client.parser import text_string_to_metric_families

from cli import rules as rules_cli
from common.auth.interceptor import Authorization
from common.db import make_engine, make_sessions
from common.metrics import register_gauge, serve_metrics
from common.server import start_server
from common.status import field_violations
from services.eligibility import batch
from services.eligibility.engine.determine import Lapsed, RulesLapsed, determine
from services.eligibility.engine.rulebook import Rulebook, RulebookError
from services.eligibility.requests import parse_request
from services.eligibility.servicer import (
    RULE_DAYS_TO_LAPSE,
    SERVICE_NAME,
    EligibilityServicer,
    lapse_gauge,
)
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.eligibility.helpers import RULEBOOK, a_line
from tests.unit.eligibility.test_eligibility_service import household, request

FY2026_TABLES_USED_BY_SNAP = {
    "snap.deductions.shelter.cap.contiguous", "snap.deductions.standard.contiguous",
    "snap.max_allotment.contiguous", "snap.utility_allowances.heating_cooling"}
"""The fiscal-year tables `a_line` (Illinois, renting, heating/cooling) reads; Illinois's
broad-based categorical eligibility has no asset test, so not the resource limit."""


def write(root: Path, name: str, text: str) -> None:
    path = root / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


PARAMETER = """description: d
unit: cents
citation: c
values:
  2025-10-01:
    source: s
{lapses}    value: 100
"""


def test_a_lapse_date_must_follow_the_value_and_every_value_of_the_table_needs_one(
        tmp_path: Path) -> None:
    write(tmp_path, "early", PARAMETER.format(lapses="    lapses: 2025-10-01\n"))
    with pytest.raises(RulebookError, match="lapses must be a YYYY-MM-DD date after"):
        Rulebook.load(tmp_path)
    (tmp_path / "early.yaml").unlink()
    write(tmp_path, "mixed", PARAMETER.format(lapses="    lapses: 2026-10-01\n")
          + "  2026-10-01:\n    source: s\n    value: 110\n")
    with pytest.raises(RulebookError, match="every value of a fiscal-year table needs lapses"):
        Rulebook.load(tmp_path)


def test_every_fiscal_year_snap_table_lapses_on_october_first() -> None:
    lapsing = {x.name: x for x in RULEBOOK.lapsing(date(2026, 9, 30))}
    assert FY2026_TABLES_USED_BY_SNAP <= set(lapsing)
    assert {x.lapses for x in lapsing.values()} == {date(2026, 10, 1)}
    assert all(x.days_left == 1 and not x.lapsed for x in lapsing.values())
    assert not any(name.startswith(("medicaid.", "hhs.", "tanf.")) for name in lapsing)


def test_a_month_past_a_lapsed_table_is_provisional_and_says_which_tables() -> None:
    d = determine(parse_request(a_line(period="2026-12")), RULEBOOK)
    snap, medicaid = d.program("SNAP"), d.program("MEDICAID")
    assert d.provisional and snap.provisional and not medicaid.provisional
    opening = [line for line in snap.lines if line.text.startswith("Provisional: ")]
    assert snap.lines[:len(opening)] == opening
    assert {line.text.split()[1] for line in opening} == FY2026_TABLES_USED_BY_SNAP
    assert opening[0].text == ("Provisional: snap.deductions.shelter.cap.contiguous (from "
                               "2025-10-01) lapsed on 2026-10-01 and no later value is "
                               "loaded, so this uses last year's figure")
    assert opening[0].citation == RULEBOOK["snap.deductions.shelter.cap.contiguous"].citation
    assert not any(line.text.startswith("Provisional") for line in medicaid.lines)


def test_a_month_before_the_lapse_is_not_provisional() -> None:
    d = determine(parse_request(a_line(period="2026-09")), RULEBOOK)
    assert not d.provisional
    assert not any(line.text.startswith("Provisional") for p in d.programs for line in p.lines)


def test_refuse_names_the_period_and_the_lapsed_tables() -> None:
    with pytest.raises(RulesLapsed) as refused:
        determine(parse_request(a_line(period="2026-12")), RULEBOOK, Lapsed.REFUSE,
                  "request.period")
    assert refused.value.code == "FAILED_PRECONDITION"
    assert refused.value.field == "request.period"
    assert "snap.max_allotment.contiguous on 2026-10-01" in refused.value.problem
    assert determine(parse_request(a_line(period="2026-09")), RULEBOOK, Lapsed.REFUSE)


def test_the_setting_takes_provisional_or_refuse_only() -> None:
    assert Lapsed.from_env({}) is Lapsed.PROVISIONAL
    assert Lapsed.from_env({"CASEWORK_ELIGIBILITY_LAPSED": "refuse"}) is Lapsed.REFUSE
    with pytest.raises(ValueError, match="CASEWORK_ELIGIBILITY_LAPSED must be one of"):
        Lapsed.from_env({"CASEWORK_ELIGIBILITY_LAPSED": "ignore"})


def run_batch(tmp_path: Path, lines: list[dict[str, object]],
              monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
              setting: str = "") -> tuple[int, list[dict[str, Any]]]:
    path = tmp_path / "households.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    monkeypatch.setenv("CASEWORK_ELIGIBILITY_LAPSED", setting)
    code = batch.main([str(path)])
    return code, [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_an_older_period_is_one_line_error_and_the_batch_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_batch(tmp_path, [a_line(id="a"), a_line(id="old", period="2023-01"),
                                     a_line(id="c", period="2026-12")], monkeypatch, capsys)
    assert code == 0 and [o["id"] for o in out] == ["a", "old", "c"]
    assert out[1]["line"] == 2 and out[1]["error"]["field"] == "period"
    assert out[1]["error"]["description"].startswith("is before the rules begin: ")
    assert out[0]["provisional"] is False and out[0]["snap"]["provisional"] is False
    assert out[2]["provisional"] is True and out[2]["snap"]["provisional"] is True
    assert out[2]["medicaid"]["provisional"] is False


def test_refused_lines_are_errors_on_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_batch(tmp_path, [a_line(id="dec", period="2026-12"), a_line(id="jan")],
                          monkeypatch, capsys, "refuse")
    assert code == 0
    assert out[0]["error"]["field"] == "period" and "lapsed" in out[0]["error"]["description"]
    assert "snap" in out[1]
    monkeypatch.setenv("CASEWORK_ELIGIBILITY_LAPSED", "sometimes")
    assert batch.main([str(tmp_path / "households.jsonl")]) == 2


@pytest.fixture(params=[Lapsed.PROVISIONAL, Lapsed.REFUSE])
async def stub(request: pytest.FixtureRequest, database_url: str, issuer: Issuer
               ) -> AsyncIterator[tuple[eligibility_pb2_grpc.EligibilityServiceStub, Lapsed]]:
    await migrate("eligibility", database_url)
    engine = make_engine(database_url)
    servicer = EligibilityServicer(make_sessions(engine), RULEBOOK, lapsed=request.param)
    running = await start_server("127.0.0.1:0", servicer.register, [SERVICE_NAME],
                                 authorization=Authorization(issuer.verifier))
    channel = issuer.channel(f"127.0.0.1:{running.port}")
    try:
        yield eligibility_pb2_grpc.EligibilityServiceStub(channel), request.param
    finally:
        await channel.close()
        await running.stop(0)
        await engine.dispose()


def month(period: str, case_id: str = "case-1") -> eligibility_pb2.HouseholdRequest:
    item = request(household(), case_id)
    item.period = period
    return item


async def test_over_grpc_an_older_period_is_invalid_argument_and_a_lapsed_one_depends(
        stub: tuple[eligibility_pb2_grpc.EligibilityServiceStub, Lapsed]) -> None:
    service, lapsed = stub
    with pytest.raises(grpc.aio.AioRpcError) as old:
        await service.DetermineEligibility(
            eligibility_pb2.DetermineEligibilityRequest(request=month("2023-01")))
    assert old.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert field_violations(old.value)[0][0] == "request.period"
    december = eligibility_pb2.DetermineEligibilityRequest(request=month("2026-12"))
    if lapsed is Lapsed.REFUSE:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await service.DetermineEligibility(december)
        assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert refused.value.details().startswith("request.period: the rules for this ")
    else:
        d = (await service.DetermineEligibility(december)).determination
        snap, medicaid = d.programs
        assert d.provisional and snap.provisional and not medicaid.provisional
        assert snap.explanation[0].text.startswith("Provisional: ")
    reply = await service.DetermineEligibilityBatch(
        eligibility_pb2.DetermineEligibilityBatchRequest(requests=[
            month("2026-01", "a"), month("2023-01", "b"), month("2026-12", "c")]))
    outcomes = [r.WhichOneof("outcome") for r in reply.results]
    assert outcomes == ["determination", "error",
                        "error" if lapsed is Lapsed.REFUSE else "determination"]
    assert reply.results[1].error.field == "requests[1].period"
    if lapsed is Lapsed.REFUSE:
        assert reply.results[2].error.field == "requests[2].period"


def status(argv: list[str]) -> str:
    command = argparse.ArgumentParser()
    rules_cli.add_arguments(command)
    out = io.StringIO()
    assert asyncio.run(rules_cli.status(command.parse_args(argv), RULEBOOK, out)) == 0
    return out.getvalue()


def test_rules_status_lists_the_lapsed_and_those_lapsing_within_the_window() -> None:
    august = status(["--on", "2026-08-15"])
    lapsed, soon = august.split("Lapsing within 60 days")
    assert "none" in lapsed
    assert re.search(r"\nsnap\.max_allotment\.contiguous +2025-10-01  lapses 2026-10-01 "
                     r"\(in 47 days\)\n", soon)
    assert "none" in status(["--on", "2026-07-01"]).split("Lapsing within 60 days")[1]
    december = json.loads(status(["--on", "2026-12-01", "--json"]))
    assert december["lapsing"] == []
    assert {row["parameter"] for row in december["lapsed"]} >= FY2026_TABLES_USED_BY_SNAP
    row = next(r for r in december["lapsed"] if r["parameter"] == "snap.assets.limit")
    assert row | {"source": None} == {"parameter": "snap.assets.limit", "source": None,
                                      "effective_date": "2025-10-01",
                                      "lapses": "2026-10-01", "days_left": -61}


def test_the_gauge_reports_days_to_lapse_by_parameter() -> None:
    endpoint = serve_metrics("eligibility-test", "127.0.0.1", 0)
    try:
        register_gauge(RULE_DAYS_TO_LAPSE, "days", lapse_gauge(RULEBOOK, lambda: date(2026, 9, 1)),
                       provider=endpoint.provider)
        with urllib.request.urlopen(endpoint.url, timeout=10) as reply:
            text = reply.read().decode()
    finally:
        endpoint.close()
    samples = {s.labels["parameter"]: s.value for family in text_string_to_metric_families(text)
               for s in family.samples if s.name == RULE_DAYS_TO_LAPSE}
    assert samples["snap.max_allotment.contiguous"] == 30
    assert set(samples) == {x.name for x in RULEBOOK.lapsing(date(2026, 9, 1))}
