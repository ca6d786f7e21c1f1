"""Checks every service makes on request fields, in one place so they agree.

`Violations` collects every bad field of a request before anything is written, so a
client learns all its mistakes from one reply. Problems name the field and what is
expected, never the value sent: values may be names, birth dates or other PII.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from google.protobuf import timestamp_pb2

from common.errors import InvalidField

USPS_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
    "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
"""Two-letter USPS codes of the 50 states and the District of Columbia."""

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Choice = TypeVar("Choice")


def parse_date(text: str) -> date | None:
    """The date a strict YYYY-MM-DD string names, or None (Python alone also accepts
    forms such as 20260105 that the contracts do not)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today_in(timezone: str) -> date:
    """Today's date in the agency's time zone: the day a clerk would write on a form."""
    return datetime.now(ZoneInfo(timezone)).date()


def to_timestamp(moment: datetime) -> timestamp_pb2.Timestamp:
    """A protobuf Timestamp of an aware datetime (naive ones are refused, not guessed)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp


class Violations:
    """The bad fields of one request, raised together as one `InvalidField`."""

    def __init__(self) -> None:
        self._found: list[tuple[str, str]] = []

    def add(self, field: str, problem: str) -> None:
        self._found.append((field, problem))

    def require(self, ok: bool, field: str, problem: str) -> bool:
        """Record `problem` unless `ok`; returns `ok` so callers can skip dependent checks."""
        if not ok:
            self.add(field, problem)
        return ok

    def text(self, value: str, field: str, *, max_length: int = 200) -> str:
        """A required free-text field: not blank, and bounded so a row stays small."""
        value = value.strip()
        if self.require(bool(value), field, "is required"):
            self.require(len(value) <= max_length, field,
                         f"must be at most {max_length} characters")
        return value

    def date(
        self, value: str, field: str, *, not_after: date | None = None,
        not_before: date | None = None,
    ) -> date | None:
        """A required YYYY-MM-DD date within the given bounds, or None if it is not."""
        parsed = parse_date(value)
        if parsed is None:
            self.add(field, "must be a date as YYYY-MM-DD" if value else "is required")
            return None
        if not_after is not None and parsed > not_after:
            self.add(field, "must not be in the future")
            return None
        if not_before is not None and parsed < not_before:
            self.add(field, f"must not be before {not_before.isoformat()}")
            return None
        return parsed

    def cents(self, value: int, field: str) -> int:
        """An amount of money that cannot be negative."""
        self.require(value >= 0, field, "must not be negative")
        return value

    def choice(self, value: int, choices: Mapping[int, Choice], field: str) -> Choice | None:
        """A protobuf enum value that must be set (not *_UNSPECIFIED) and known."""
        if value == 0:
            self.add(field, "is required")
            return None
        if value not in choices:
            self.add(field, "is not a known value")
            return None
        return choices[value]

    def raise_if_any(self) -> None:
        if self._found:
            raise InvalidField.of(self._found)
