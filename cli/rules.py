"""`casework rules status [--within 60] [--on DATE] [--json]`: which rule values have lapsed
and which lapse soon.

A fiscal-year parameter (the October COLA tables, the utility standards) says the day its
newest value lapses (`lapses:` in services/eligibility/parameters). Past that day every
determination using it is provisional, or refused under CASEWORK_ELIGIBILITY_LAPSED=refuse,
until the next year's value is loaded. FNS publishes the COLA memo each August for October
1, so 60 days ahead is when to look; the eligibility service's
`casework_eligibility_rule_days_to_lapse` gauge and the CaseworkRuleLapsing alert say the
same to operations. Reads the rulebook on this machine; needs no token and no stack.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from cli.exits import EXIT_OK
from cli.render import columns
from common.config import Settings
from services.eligibility.engine.rulebook import Lapsing, Rulebook

DEFAULT_WITHIN_DAYS = 60


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--within", type=int, default=DEFAULT_WITHIN_DAYS, metavar="DAYS",
                         help="list what lapses within DAYS days too (default: "
                         f"{DEFAULT_WITHIN_DAYS})")
    command.add_argument("--on", type=date.fromisoformat, metavar="YYYY-MM-DD",
                         help="as of this day (default: today in AGENCY_TIMEZONE)")
    command.add_argument("--json", action="store_true", help="one JSON object")


def _row(lapsing: Lapsing) -> dict[str, object]:
    return {"parameter": lapsing.name, "effective_date": lapsing.effective_date.isoformat(),
            "lapses": lapsing.lapses.isoformat(), "days_left": lapsing.days_left,
            "source": lapsing.source}


def _when(lapsing: Lapsing) -> str:
    days = abs(lapsing.days_left)
    if lapsing.lapsed:
        return f"lapsed {lapsing.lapses.isoformat()} ({days} day{'s' * (days != 1)} ago)"
    return f"lapses {lapsing.lapses.isoformat()} (in {days} day{'s' * (days != 1)})"


async def status(args: argparse.Namespace, rulebook: Rulebook | None = None,
                 out: TextIO = sys.stdout) -> int:
    """Print the lapsed values, then those lapsing within `--within` days."""
    today = args.on or datetime.now(ZoneInfo(Settings.from_env("cli").agency_timezone)).date()
    every = (rulebook or Rulebook.load()).lapsing(today)
    lapsed = [lapsing for lapsing in every if lapsing.lapsed]
    soon = [lapsing for lapsing in every if 0 < lapsing.days_left <= args.within]
    if args.json:
        json.dump({"on": today.isoformat(), "within_days": args.within,
                   "lapsed": [_row(x) for x in lapsed], "lapsing": [_row(x) for x in soon]},
                  out, indent=2)
        out.write("\n")
        return EXIT_OK
    for title, rows in ((f"Lapsed on {today.isoformat()}: determinations using these are "
                         "provisional (or refused under CASEWORK_ELIGIBILITY_LAPSED=refuse)",
                         lapsed),
                        (f"Lapsing within {args.within} days", soon)):
        out.write(f"{title}\n")
        if rows:
            out.write(columns(("parameter", "value from", "when"),
                              [(x.name, x.effective_date.isoformat(), _when(x))
                               for x in rows]) + "\n")
        else:
            out.write("  none\n")
    return EXIT_OK
