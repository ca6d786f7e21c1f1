"""What every stored record carries: an opaque id and timezone-aware UTC timestamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names every service's `MetaData` uses, so hand-written migrations can name
them and a later migration can drop them by name on PostgreSQL and SQLite alike."""


def new_id() -> str:
    """An opaque record id (uuid4 hex): reveals no order, count or case detail."""
    return uuid.uuid4().hex


def utc_now() -> datetime:
    """The current instant, aware and in UTC, as every service stamps its records."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A `DateTime(timezone=True)` that always comes back aware and in UTC.

    PostgreSQL keeps the zone, but SQLite stores the bare wall-clock text and returns
    naive datetimes; storing UTC and re-attaching it on the way out makes both backends
    give the same answer. Naive values are refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
