"""The date arithmetic of a case: ISO dates, benefit months, certification periods and
the agency's time zone. The clocks themselves are data (`workflows.clocks`).

Pure functions only (the workflow calls them), so they are tested without Temporal.
"""

from __future__ import annotations

import calendar
import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CERTIFICATION_MONTHS = 12
"""7 USC 2012(f): SNAP certification periods run up to 12 months (24 when all members
are elderly or disabled; the shorter period is used for every household here)."""

MEDICAID_RENEWAL_MONTHS = 12
"""42 CFR 435.916(a)(1): MAGI Medicaid is renewed once every 12 months."""

RETENTION_MONTHS = 12
"""Oregon's post-TANF job-retention model: a year of check-ins after leaving TANF."""


def parse(day: str) -> date:
    return date.fromisoformat(day)


def add_days(day: str, days: int) -> str:
    return (parse(day) + timedelta(days=days)).isoformat()


def period_of(day: str) -> str:
    """The benefit month (YYYY-MM) a date falls in."""
    return day[:7]


def first_of_next_month(day: str) -> str:
    d = parse(day)
    return (date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)).isoformat()


def add_months(day: str, months: int) -> str:
    """The same day `months` later, clipped to the end of a shorter month."""
    d = parse(day)
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1])).isoformat()


def certification_end(filing_date: str, months: int = CERTIFICATION_MONTHS) -> str:
    """Last day of a certification period that starts in the filing month."""
    start = parse(filing_date).replace(day=1)
    return (parse(add_months(start.isoformat(), months)) - timedelta(days=1)).isoformat()


@functools.cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


# Temporal's sandbox hands workflow code a proxy of every ZoneInfo, and datetime refuses
# a proxy as tzinfo; so these ask the zone only for offsets of naive wall times, which
# work through it. The zone data is read from the system's tz database and is the same on
# every replay.


def utc_offset(utc: datetime, zone: str) -> timedelta:
    """The zone's offset from UTC at an instant given as naive UTC wall time.

    A zone answers offsets for *local* wall times, so each offset in force within a day
    of the instant is tried: the right one turns the instant into a local time that has
    that very offset (with `fold` picking the second pass of a repeated hour).
    """
    tz = _zone(zone)
    tried = sorted({tz.utcoffset(utc + timedelta(hours=hours)) or timedelta()
                    for hours in (-24, 0, 24)})
    for offset in tried:
        local = utc + offset
        if offset in (tz.utcoffset(local), tz.utcoffset(local.replace(fold=1))):
            return offset
    raise ValueError(f"{zone} has no offset for {utc.isoformat()} UTC")


def local_date(instant: datetime, zone: str, *, exact: bool = True) -> str:
    """The ISO date an aware instant falls on in the agency's time zone.

    `exact=False` is the formula used before it was fixed, kept only so that case
    histories recorded with it replay: it read the offset at the UTC wall time as if it
    were local, which gives the previous day for an hour on each fall-back night.
    """
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    offset = utc_offset(utc, zone) if exact else _zone(zone).utcoffset(utc) or timedelta()
    return (utc + offset).date().isoformat()


def local_midnight(day: str, zone: str) -> datetime:
    """The aware (UTC) instant a date starts in the agency's time zone."""
    midnight = datetime.combine(parse(day), time())
    offset = _zone(zone).utcoffset(midnight) or timedelta()
    return (midnight - timedelta(seconds=offset.total_seconds())).replace(tzinfo=UTC)
