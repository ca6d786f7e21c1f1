"""The date arithmetic of a case, and its clocks' due dates, checked against dates
counted by hand (no Temporal)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from workflows import clocks, sla

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
    assert clocks.due_date(clocks.clock_rule(code, "IL", start), start, "IL") == due


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


ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
         "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
         "America/Havana", "America/Santiago")
"""The US zones, and two that switch at midnight (Havana) or in the southern winter."""


def switch_nights(zone: str) -> list[datetime]:
    """The UTC instants, 2026-2027, at which the zone's offset changes."""
    tz = ZoneInfo(zone)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    hours = [start + timedelta(hours=h) for h in range(2 * 365 * 24)]
    return [later for earlier, later in itertools.pairwise(hours)
            if earlier.astimezone(tz).utcoffset() != later.astimezone(tz).utcoffset()]


@pytest.mark.parametrize("zone", ZONES)
def test_the_agency_date_is_right_every_quarter_hour_of_both_switch_nights(zone: str) -> None:
    nights = switch_nights(zone)
    assert len(nights) == (0 if zone in {"America/Phoenix", "Pacific/Honolulu",
                                         "America/Puerto_Rico"} else 4)
    tz = ZoneInfo(zone)
    for night in nights:
        for quarter in range(-8 * 4, 8 * 4):
            instant = night + timedelta(minutes=15 * quarter)
            assert sla.local_date(instant, zone) == instant.astimezone(tz).date().isoformat(), (
                instant.isoformat())


@pytest.mark.parametrize("zone", ZONES)
def test_each_day_starts_at_its_local_midnight_and_falls_on_itself(zone: str) -> None:
    tz = ZoneInfo(zone)
    for offset in range(2 * 365):
        day = (date(2026, 1, 1) + timedelta(days=offset)).isoformat()
        start = sla.local_midnight(day, zone)
        assert sla.local_date(start, zone) == day
        assert sla.local_date(start - timedelta(seconds=1), zone) < day
        assert start.astimezone(tz).hour in (0, 1), day  # 1 where midnight itself is skipped


def test_the_old_formula_gave_the_day_before_for_an_hour_on_fall_back_night() -> None:
    # Kept for replaying histories recorded before the fix (workflows.case patches it).
    midnight = sla.local_midnight("2027-11-07", CHICAGO)
    assert sla.local_date(midnight, CHICAGO, exact=False) == "2027-11-06"
    assert sla.local_date(midnight, CHICAGO) == "2027-11-07"
