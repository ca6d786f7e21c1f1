"""Create a record at most once per idempotency key, however many callers race.

A UNIQUE constraint on the key is the real guard: a look-up first makes the common
retry cheap, but two callers can both miss it, and then the database lets exactly one
insert win. The loser's IntegrityError is rolled back and the winner's row returned, so
every caller sees the same record and only the first is told it created it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

Row = TypeVar("Row")


async def create_once(
    session: AsyncSession,
    *,
    key_column: InstrumentedAttribute[str],
    key: str,
    build: Callable[[], Row],
) -> tuple[Row, bool]:
    """The row holding `key`, inserting and committing `build()` if there is none.

    Ends the session's transaction (commit, or rollback then a read), so it is the last
    write of the caller's unit of work.

    Returns:
        The row and whether it already existed (True: a replay, nothing was written).
    """
    existing = await _find(session, key_column, key)
    if existing is not None:
        return existing, True
    row = build()
    session.add(row)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        existing = await _find(session, key_column, key)
        if existing is None:  # some other constraint failed: not a race on the key
            raise
        return existing, True
    return row, False


async def _find(session: AsyncSession, key_column: InstrumentedAttribute[str], key: str) -> Any:
    return await session.scalar(select(key_column.class_).where(key_column == key))
