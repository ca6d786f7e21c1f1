"""`casework eligibility determine FILE.jsonl` and `python -m services.eligibility.batch FILE`:
one household per line in (the batch JSON form, documented in services/eligibility/README.md),
one result per line out.

A bad line gets `{"id": ..., "error": {"field": ..., "description": ...}}` naming the field
(never echoing its value) and the rest of the file still goes through; so does a line whose
benefit month the rules do not cover (`period`: before the rules begin, or past a lapsed
value under CASEWORK_ELIGIBILITY_LAPSED=refuse). Exit status: 0 when the file was read
(whatever its lines held), 1 when it cannot be opened, 2 on bad usage (a bad
CASEWORK_ELIGIBILITY_LAPSED included).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import IO, Any

from common.errors import InvalidField
from services.eligibility.engine.determine import Lapsed, RulesLapsed, determine
from services.eligibility.engine.household import Program
from services.eligibility.engine.result import Determination, ProgramResult
from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.engine.tanf import TANF_STATES
from services.eligibility.requests import parse_request


def _explanation(p: ProgramResult) -> list[dict[str, Any]]:
    return [{"text": line.text, "cents": line.cents, "citation": line.citation}
            for line in p.lines]


def result_json(d: Determination) -> dict[str, Any]:
    """The output line for one determination."""
    out: dict[str, Any] = {"id": d.id, "state": d.state, "period": d.period,
                           "provisional": d.provisional}
    for p in d.programs:
        if p.program == Program.SNAP:
            out["snap"] = {"eligible": p.eligible, "monthly_benefit_cents": p.monthly_benefit_cents,
                           "gross_income_cents": p.gross_income_cents,
                           "net_income_cents": p.net_income_cents,
                           "denial_reasons": p.denial_reasons, "provisional": p.provisional,
                           "explanation": _explanation(p)}
        elif p.program == Program.MEDICAID:
            out["medicaid"] = {"eligible": p.eligible,
                               "members": [{"member_id": m.member_id, "eligible": m.eligible,
                                            "category": m.category, "group": m.group,
                                            "income_limit_cents": m.income_limit_cents,
                                            "non_magi_referral": m.non_magi_referral,
                                            "coverage": m.coverage}
                                           for m in p.members],
                               "provisional": p.provisional, "explanation": _explanation(p)}
        elif p.program == Program.TANF and d.state in TANF_STATES:
            out["tanf"] = {"eligible": p.eligible, "monthly_benefit_cents": p.monthly_benefit_cents,
                           "denial_reasons": p.denial_reasons, "provisional": p.provisional,
                           "explanation": _explanation(p)}
    out["parameters"] = [u.label for u in d.parameters]
    return out


def _line_id(data: Any) -> Any:
    return data.get("id") if isinstance(data, dict) else None


def _error(data: Any, number: int, violations: list[tuple[str, str]]) -> dict[str, Any]:
    (field, description), *_ = violations
    return {"id": _line_id(data), "line": number,
            "error": {"field": field, "description": description,
                      "violations": [{"field": f, "description": p} for f, p in violations]}}


def determine_lines(lines: Iterable[str], rulebook: Rulebook,
                    lapsed: Lapsed = Lapsed.PROVISIONAL, first: int = 1
                    ) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line, in order; `first` numbers the first
    line (a later chunk of the file starts further on)."""
    for number, text in enumerate(lines, start=first):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            yield {"id": None, "line": number,
                   "error": {"field": "$", "description": "line is not valid JSON"}}
            continue
        try:
            determination = determine(parse_request(data), rulebook, lapsed)
        except InvalidField as error:
            yield _error(data, number, error.violations)
            continue
        except RulesLapsed as error:
            yield _error(data, number, [(error.field, error.problem)])
            continue
        yield result_json(determination)


_encode = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
"""json.dumps with the same options, without building an encoder per line; results are
fresh trees, so the circularity check finds nothing."""

CHUNK_LINES = 2000
"""Lines a worker takes at a time: enough that handing them over (one pickle each way)
costs little beside deciding them, few enough that output starts early."""

Chunk = tuple[int, list[str]]
"""The number of a chunk's first line, and its lines."""

_worker: tuple[Rulebook, Lapsed] | None = None


def _chunks(source: Iterable[str], size: int) -> Iterator[Chunk]:
    lines: list[str] = []
    first = 1
    for lines_read, text in enumerate(source, start=1):
        lines.append(text)
        if len(lines) == size:
            yield first, lines
            lines, first = [], lines_read + 1
    if lines:
        yield first, lines


def _output(chunk: Chunk, rulebook: Rulebook, lapsed: Lapsed) -> str:
    first, lines = chunk
    return "".join(_encode(result) + "\n"
                   for result in determine_lines(lines, rulebook, lapsed, first))


def _start_worker(rulebook: Rulebook, lapsed: Lapsed) -> None:
    global _worker
    _worker = (rulebook, lapsed)


def _work(chunk: Chunk) -> str:
    assert _worker is not None, "a worker is started with its rulebook"
    return _output(chunk, *_worker)


def run(source: IO[str], out: IO[str], rulebook: Rulebook | None = None,
        lapsed: Lapsed = Lapsed.PROVISIONAL, jobs: int = 1,
        chunk_lines: int = CHUNK_LINES) -> int:
    """Determine every line of `source` onto `out`, in order. With `jobs` > 1, chunks of
    `chunk_lines` lines are decided by that many forked processes (the rulebook, loaded
    once here, is shared with them by the fork), at most two chunks per process ahead of
    the output, so a file of any size is held only a few chunks at a time; the output is
    the same line for line as with one."""
    rulebook = rulebook or Rulebook.load()
    chunks = _chunks(source, chunk_lines)
    if jobs <= 1:
        for chunk in chunks:
            out.write(_output(chunk, rulebook, lapsed))
        return 0
    with multiprocessing.get_context("fork").Pool(jobs, _start_worker,
                                                  (rulebook, lapsed)) as pool:
        pending: deque[AsyncResult[str]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= 2 * jobs:
                out.write(pending.popleft().get())
        while pending:
            out.write(pending.popleft().get())
    return 0


def default_jobs() -> int:
    """One process per core this process may run on."""
    return len(os.sched_getaffinity(0))


def main(argv: list[str]) -> int:
    """Read FILE (or - for standard input) and write one JSON result per line to stdout."""
    parser = argparse.ArgumentParser(prog="casework eligibility determine",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", metavar="FILE.jsonl", help="households, one JSON object a line")
    parser.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                        help="processes deciding lines (default: one per core, here "
                        f"{default_jobs()}); the output is the same with any N")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        lapsed = Lapsed.from_env(os.environ)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if args.file == "-":
        return run(sys.stdin, sys.stdout, lapsed=lapsed, jobs=args.jobs)
    path = Path(args.file)
    try:
        source = path.open(encoding="utf-8")
    except OSError as error:
        print(f"cannot read {path}: {error.strerror}", file=sys.stderr)
        return 1
    with source:
        return run(source, sys.stdout, lapsed=lapsed, jobs=args.jobs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
