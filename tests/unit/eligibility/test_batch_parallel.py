"""The batch command's speed-ups change nothing it writes (issue 14, point 17): forked
workers give the same output, line for line, as one process, bad lines and their line
numbers included; and the lookups the rulebook memoises give what the tables say."""

from __future__ import annotations

import io
import json
from decimal import Decimal

from services.eligibility import batch
from services.eligibility.engine.result import pct
from services.eligibility.engine.rulebook import by_size
from tests.bench.__main__ import sample_lines
from tests.unit.eligibility.helpers import RULEBOOK


def lines() -> str:
    """Every sample household (all states, both years) twice, with a bad line, a blank one
    and a month before the rules begin among them."""
    sample = sample_lines()
    return "\n".join([*sample[:20], "{not json", "", json.dumps(
        json.loads(sample[0]) | {"period": "2023-01"}), *sample[20:], *sample]) + "\n"


def output(jobs: int, chunk_lines: int) -> list[str]:
    out = io.StringIO()
    assert batch.run(io.StringIO(lines()), out, RULEBOOK, jobs=jobs,
                     chunk_lines=chunk_lines) == 0
    return out.getvalue().splitlines()


def test_workers_write_what_one_process_writes() -> None:
    alone = output(jobs=1, chunk_lines=batch.CHUNK_LINES)
    assert output(jobs=2, chunk_lines=7) == alone
    assert len(alone) == 2 * len(sample_lines()) + 2
    errors = [json.loads(line) for line in alone if '"error"' in line]
    assert [(e["line"], e["error"]["field"]) for e in errors] == [(21, "$"), (23, "period")]


def test_a_size_table_gives_listed_sizes_the_last_one_and_each_additional() -> None:
    table = {1: 100, 2: 180, 4: 300, "each_additional": 50}
    assert [by_size(table, n) for n in (1, 2, 3, 4, 5, 7)] == [100, 180, 180, 300, 350, 450]
    assert by_size({1: 10, 6: 60}, 8) == 60


def test_a_rate_prints_the_same_whatever_its_exponent() -> None:
    assert pct(Decimal("0.2")) == pct(Decimal("0.20")) == "20%"
    assert pct(Decimal("1.38")) == "138%" and pct(Decimal("0.075")) == "7.5%"
