"""`python -m tests.bench batch`: the batch command on 60,000 households (issue 14, point
17), with every explanation line, against the floor any JSON-lines tool pays: reading each
line with json.loads and writing it back with json.dumps, on the same file in the same run.

The households are the bench's sample (every state and DC, sizes 1 to 6, FY2025 and
FY2026) with their wages varied line by line, so no two lines are the same household.
Figures are households per second of wall time; the ratio is what to compare between runs
(these 2-core machines are shared, and rates drift with the load).
"""

from __future__ import annotations

import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from services.eligibility import batch
from services.eligibility.engine.rulebook import Rulebook

HOUSEHOLDS = 60_000


def households(n: int) -> list[str]:
    """`n` batch lines cycling through the bench's sample, each with its own id and wages."""
    from tests.bench.__main__ import sample_lines

    sample = [json.loads(line) for line in sample_lines()]
    out = []
    for i in range(n):
        line = sample[i % len(sample)] | {"id": f"h{i}"}
        first, *rest = line["incomes"]
        line["incomes"] = [first | {"monthly_cents": first["monthly_cents"] + i * 37 % 50_000},
                           *rest]
        out.append(json.dumps(line) + "\n")
    return out


def per_second(work: Callable[[], object], n: int) -> float:
    started = time.perf_counter()
    work()
    return n / (time.perf_counter() - started)


def main() -> None:
    rulebook = Rulebook.load()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "households.jsonl"
        path.write_text("".join(households(HOUSEHOLDS)))

        def floor() -> None:
            with path.open() as source:
                out = io.StringIO()
                for line in source:
                    out.write(json.dumps(json.loads(line), separators=(",", ":")) + "\n")

        def determine(jobs: int) -> Callable[[], object]:
            def run() -> None:
                with path.open() as source:
                    batch.run(source, io.StringIO(), rulebook, jobs=jobs)
            return run

        jobs = batch.default_jobs()
        bare = per_second(floor, HOUSEHOLDS)
        rates = {n: per_second(determine(n), HOUSEHOLDS) for n in sorted({jobs, 1})}
    print(f"batch command, {HOUSEHOLDS:,} households, every explanation line")
    print(f"  {'JSON read + write only (floor)':<42}{bare:10.0f} /s")
    for n, rate in rates.items():
        label = f"determine, {n} process{'es' * (n > 1)}" + (" (default)" if n == jobs else "")
        print(f"  {label:<42}{rate:10.0f} /s   ratio to floor {rate / bare:.3f}")
