"""Runs every worked example under tests/rules/: a household in the batch JSON form and
the amounts computed by hand from the published tables (the arithmetic is in the YAML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from services.eligibility.engine.determine import determine
from services.eligibility.engine.result import Determination
from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.requests import parse_request

HERE = Path(__file__).parent
CASES = [(path, case) for path in sorted(HERE.rglob("*.yaml"))
         for case in yaml.safe_load(path.read_text())]
RULEBOOK = Rulebook.load()


def _household(raw: dict[str, Any]) -> dict[str, Any]:
    # YAML reads 2026-01-05 as a date; the JSON form carries strings.
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in raw.items()} | {
        "period": str(raw["period"])[:7]}


def _check_program(d: Determination, name: str, want: dict[str, Any]) -> None:
    got = d.program(name)
    for key, value in want.items():
        if key == "members":
            members = {m.member_id: m for m in got.members}
            for member_id, expected in value.items():
                for field, v in expected.items():
                    assert getattr(members[member_id], field) == v, (member_id, field)
        else:
            assert getattr(got, key) == value, (name, key)


@pytest.mark.parametrize(("path", "case"), CASES,
                         ids=[f"{p.parent.name}/{p.stem}: {c['name']}" for p, c in CASES])
def test_worked_example(path: Path, case: dict[str, Any]) -> None:
    determination = determine(parse_request(_household(case["household"])), RULEBOOK)
    expect = case["expect"]
    for program in ("snap", "medicaid", "tanf"):
        if program in expect:
            _check_program(determination, program.upper(), expect[program])
    for want in expect.get("lines", []):
        lines = determination.program(want["program"]).lines
        found = [line for line in lines if line.text.startswith(want["text"])]
        assert found, f"no line starting {want['text']!r} in {[ln.text for ln in lines]}"
        assert found[0].cents == want["cents"], (want["text"], found[0].cents)
        assert found[0].citation


def test_every_rule_file_has_cases() -> None:
    assert len(CASES) >= 20
