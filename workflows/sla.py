"""The regulatory clocks a case runs, as data, and the date arithmetic behind them.

Pure functions only (the workflow calls them), so they are tested without Temporal.
Day 1 of a clock is the day after the event that starts it, so a 30-day clock started
on the filing date is due 30 calendar days later.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Clock:
    code: str
    days: int
    citation: str
    description: str


CLOCKS: dict[str, Clock] = {
    clock.code: clock
    for clock in (
        Clock("SNAP_APPLICATION_PROCESSING", 30, "7 CFR 273.2(g)(1)",
              "SNAP eligibility decided and benefits issued within 30 days of filing"),
        Clock("SNAP_EXPEDITED_SERVICE", 7, "7 CFR 273.2(i)(3)",
              "Expedited SNAP benefits available by the 7th day after filing"),
        Clock("MEDICAID_APPLICATION", 45, "42 CFR 435.912(c)(3)",
              "Medicaid decided within 45 days of application"),
        Clock("VERIFICATION_DUE", 10, "7 CFR 273.2(h)(1)(i)(C)",
              "The household has at least 10 days to provide requested verification"),
        Clock("SNAP_REOPEN_WINDOW", 60, "7 CFR 273.2(h)(2)",
              "After a household-caused delay, verification received by day 60 reopens the case"),
        Clock("ADVERSE_ACTION_NOTICE", 10, "7 CFR 273.13(a)(1); 42 CFR 431.211",
              "A reduction or closure takes effect no sooner than 10 days after its notice"),
        Clock("CHANGE_REPORT_ACTION", 10, "7 CFR 273.12(c)",
              "The agency acts on a reported change within 10 days"),
        Clock("FAIR_HEARING_REQUEST", 90, "7 CFR 273.15(g); 42 CFR 431.221(d)",
              "The household may request a fair hearing within 90 days of a decision"),
        Clock("SNAP_HEARING_DECISION", 60, "7 CFR 273.15(c)(1)",
              "A SNAP fair hearing is decided and the household notified within 60 days"),
        Clock("MEDICAID_HEARING_DECISION", 90, "42 CFR 431.244(f)(1)",
              "A Medicaid fair hearing is decided within 90 days of the request"),
        Clock("TANF_HEARING_DECISION", 90, "45 CFR 205.10(a)(16)",
              "A TANF hearing reaches final administrative action within 90 days"),
        Clock("HEARING_DECISION_ACTION", 10, "7 CFR 273.15(s)",
              "A hearing decision is carried out promptly once received"),
        Clock("MEDICAID_RENEWAL_FORM_RETURN", 30, "42 CFR 435.916(a)(3)(i)(B)",
              "The household has at least 30 days to return its renewal form"),
        Clock("MEDICAID_RECONSIDERATION", 90, "42 CFR 435.916(a)(3)(iii)",
              "A renewal form returned within 90 days of termination is reconsidered"),
    )
}

CERTIFICATION_MONTHS = 12
"""7 USC 2012(f): SNAP certification periods run up to 12 months (24 when all members
are elderly or disabled; the shorter period is used for every household here)."""

MEDICAID_RENEWAL_MONTHS = 12
"""42 CFR 435.916(a)(1): MAGI Medicaid is renewed once every 12 months."""

RETENTION_MONTHS = 12
"""Oregon's post-TANF job-retention model: a year of check-ins after leaving TANF."""


def parse(day: str) -> date:
    return date.fromisoformat(day)


def due(clock_code: str, start: str) -> str:
    """The ISO due date of a clock started on `start`."""
    return (parse(start) + timedelta(days=CLOCKS[clock_code].days)).isoformat()


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
