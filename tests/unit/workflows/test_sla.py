"""The clocks' date arithmetic, checked against dates counted by hand (no Temporal)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workflows import sla

CHICAGO = "America/Chicago"


@pytest.mark.parametrize(("code", "start", "due"), [
    # Day 1 is the day after filing: 30 days from 5 January is 4 February.
    ("SNAP_APPLICATION_PROCESSING", "2026-01-05", "2026-02-04"),   # 7 CFR 273.2(g)(1)
    ("SNAP_EXPEDITED_SERVICE", "2026-01-05", "2026-01-12"),        # 7 CFR 273.2(i)(3)
    ("MEDICAID_APPLICATION", "2026-01-05", "2026-02-19"),          # 42 CFR 435.912(c)(3)
    ("VERIFICATION_DUE", "2026-02-25", "2026-03-07"),              # across a short February
    ("SNAP_REOPEN_WINDOW", "2026-01-05", "2026-03-06"),            # 7 CFR 273.2(h)(2)
    ("ADVERSE_ACTION_NOTICE", "2026-12-28", "2027-01-07"),         # across the year
    ("FAIR_HEARING_REQUEST", "2026-01-05", "2026-04-05"),          # 7 CFR 273.15(g)
])
def test_a_clock_is_due_its_days_after_the_day_it_starts(code: str, start: str, due: str) -> None:
    assert sla.due(code, start) == due


def test_every_clock_cites_the_rule_that_sets_it() -> None:
    for clock in sla.CLOCKS.values():
        assert clock.days > 0
        assert clock.citation.startswith(("7 CFR", "42 CFR")), clock.code


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2026-01-31", 1, "2026-02-28"),   # clipped to the shorter month
    ("2028-01-31", 1, "2028-02-29"),   # a leap year
    ("2026-11-15", 2, "2027-01-15"),
    ("2026-03-10", 12, "2027-03-10"),
])
def test_months_are_added_by_the_calendar(day: str, months: int, expected: str) -> None:
    assert sla.add_months(day, months) == expected


def test_a_certification_period_ends_on_the_last_day_of_its_twelfth_month() -> None:
    # 7 USC 2012(f): the period starts in the filing month.
    assert sla.certification_end("2026-01-20") == "2026-12-31"
    assert sla.certification_end("2026-03-01") == "2027-02-28"


def test_benefit_months_follow_the_calendar() -> None:
    assert sla.period_of("2026-07-04") == "2026-07"
    assert sla.first_of_next_month("2026-12-31") == "2027-01-01"


def test_the_agency_date_is_the_local_one_on_either_side_of_midnight() -> None:
    # 05:30 UTC is 23:30 the evening before in Chicago (UTC-6 in winter).
    assert sla.local_date(datetime(2026, 1, 6, 5, 30, tzinfo=UTC), CHICAGO) == "2026-01-05"
    assert sla.local_date(datetime(2026, 1, 6, 6, 30, tzinfo=UTC), CHICAGO) == "2026-01-06"
    # Summer time: UTC-5.
    assert sla.local_midnight("2026-07-01", CHICAGO) == datetime(
        2026, 7, 1, 5, 0, tzinfo=UTC)
