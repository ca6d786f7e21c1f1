"""`casework eligibility determine FILE.jsonl` (services.eligibility.batch.main) and
`python -m services.eligibility.batch FILE.jsonl`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from services.eligibility import batch
from tests.unit.eligibility.helpers import a_line

ROOT = Path(__file__).resolve().parents[3]


def write_file(tmp_path: Path) -> Path:
    bad = a_line(id="bad")
    bad["members"][0]["age"] = -1
    lines = [json.dumps(a_line(id="one")), json.dumps(bad), "{not json", "",
             json.dumps(a_line(id="three", state="OR"))]
    path = tmp_path / "households.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_main_writes_one_result_per_line_and_keeps_going(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    assert batch.main([str(write_file(tmp_path))]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["one", "bad", None, "three"]
    one = out[0]
    assert one["snap"]["eligible"] and one["snap"]["monthly_benefit_cents"] == 15100
    assert one["snap"]["gross_income_cents"] == 180000 and one["snap"]["explanation"]
    assert one["medicaid"]["members"][0] == {"member_id": "p1", "eligible": False,
                                             "category": "adult", "group": "expansion_adult",
                                             "income_limit_cents": 179975,
                                             "non_magi_referral": "", "coverage": "medicaid"}
    assert one["tanf"]["eligible"] is False
    assert out[1]["error"]["field"] == "members[0].age"
    assert out[2]["error"]["description"] == "line is not valid JSON"
    assert "tanf" in out[3]


def test_missing_file_exits_one(tmp_path: Path) -> None:
    assert batch.main([str(tmp_path / "absent.jsonl")]) == 1


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "services.eligibility.batch",
                             str(write_file(tmp_path))], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4
