"""Time as services read it: the agency's date today, and protobuf timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from google.protobuf import timestamp_pb2


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
