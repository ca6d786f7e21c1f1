"""The timeliness rule on its own: what counts as timely, untimely and pending, whose delay
a late clock was, and that every agency clock in the rules has a measure."""

from __future__ import annotations

from datetime import date

import pytest

from services.intake.timeliness import (
    MEASURES,
    Delay,
    MeasuredClock,
    Timeliness,
    Verdict,
    judge,
    report,
)
from workflows import clocks

TODAY = date(2025, 5, 1)
DUE = date(2025, 4, 10)


def a_clock(status: str, *, met_on: date | None = None, due: date = DUE,
            original: date | None = None, paused_on: date | None = None,
            extended_by: str = "", met: bool | None = None) -> MeasuredClock:
    return MeasuredClock(
        case_id="c" * 32, code="SNAP_APPLICATION_PROCESSING", ref="", program="snap",
        office_id="office-001", status=status,
        met=met if met is not None else status in ("met", "met_late"), due_date=due,
        original_due_date=original, met_on=met_on, paused_on=paused_on,
        extended_by=extended_by)


CASES: list[tuple[str, MeasuredClock, Verdict]] = [
    ("met on its due date", a_clock("met", met_on=DUE),
     Verdict(Timeliness.TIMELY, None, 0, 0)),
    ("met two days late", a_clock("met_late", met_on=date(2025, 4, 12)),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 2, 2)),
    ("breached, still open", a_clock("breached"),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 21, 21)),
    ("past due, not yet reviewed", a_clock("warning"),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 21, 21)),
    ("open, due today", a_clock("", due=TODAY), Verdict(Timeliness.PENDING, None, 0, 0)),
    ("waiting on the household past its date", a_clock("paused", paused_on=DUE),
     Verdict(Timeliness.PENDING, None, 0, 0)),
    ("extended, not yet due", a_clock("extended", due=date(2025, 5, 9), original=DUE,
                                      extended_by="sup-1"),
     Verdict(Timeliness.PENDING, None, 0, 0)),
    ("paused, then met by its moved date", a_clock("met", met_on=date(2025, 4, 15),
                                                   due=date(2025, 4, 20), original=DUE),
     Verdict(Timeliness.TIMELY, Delay.HOUSEHOLD, 5, 0)),
    ("paused, then met after its moved date", a_clock("met_late", met_on=date(2025, 4, 25),
                                                      due=date(2025, 4, 20), original=DUE),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 15, 5)),
    # CaseState.settle_clocks: a case closed while the household held it up is met then
    ("closed while paused", a_clock("met", met_on=date(2025, 4, 14)),
     Verdict(Timeliness.TIMELY, Delay.HOUSEHOLD, 4, 0)),
    ("extended, then met by the new date", a_clock(
        "met", met_on=date(2025, 4, 18), due=date(2025, 4, 20), original=DUE,
        extended_by="sup-1"), Verdict(Timeliness.TIMELY, Delay.EXTENSION, 8, 0)),
    ("extended, then breached", a_clock("breached", due=date(2025, 4, 20), original=DUE,
                                        extended_by="sup-1"),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 21, 11)),
    ("met before statuses, late by its dates", a_clock("", met=True, met_on=date(2025, 4, 11)),
     Verdict(Timeliness.UNTIMELY, Delay.AGENCY, 1, 1)),
    ("met before statuses, on time", a_clock("", met=True, met_on=DUE),
     Verdict(Timeliness.TIMELY, None, 0, 0)),
]


@pytest.mark.parametrize(("clock", "verdict"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_clock_is_judged_by_the_one_rule(clock: MeasuredClock, verdict: Verdict) -> None:
    assert judge(clock, TODAY) == verdict


def test_a_clock_belongs_to_the_month_its_rule_put_the_due_date_in() -> None:
    moved = a_clock("met", met_on=date(2025, 5, 2), due=date(2025, 5, 5),
                    original=date(2025, 4, 30), extended_by="sup-1")
    assert moved.month == "2025-04"
    found = report([moved, a_clock("met", met_on=DUE)], TODAY)
    assert [(g.month, t.timely, t.extended) for g, t in found.groups] == [("2025-04", 2, 1)]
    assert [late.verdict.delay for late in found.late] == [Delay.EXTENSION]


def test_every_agency_clock_in_the_rules_has_a_measure() -> None:
    """A clock the workflow may start for the agency (federal, or a State's) is counted
    somewhere; a new one fails here until `MEASURES` names what it measures."""
    on = TODAY.isoformat()
    owners = {(code, clocks.clock_rule(code, state, on).owner)
              for state in ("IL", "OR", "TX") for code in clocks.state_clock_codes(state, on)}
    assert {code for code, owner in owners if owner == "agency"} == set(MEASURES)
    assert not {code for code, owner in owners if owner == "household"} & set(MEASURES)
