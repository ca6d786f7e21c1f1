"""Writes that happen at most once, however many callers race or retry.

`create_once`: a UNIQUE constraint on the idempotency key is the real guard. A look-up
first makes the common retry cheap, but two callers can both miss it, and then the
database lets exactly one insert win. The loser's IntegrityError is rolled back and the
winner's row returned, so every caller sees the same record and only the first is told
it created it.

`transition_once`: a one-way status change (void, close) whose guard sits in the UPDATE's
WHERE clause, so of two racing changes only the first applies and its values are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select, update
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


async def transition_once(
    session: AsyncSession,
    *,
    id_column: InstrumentedAttribute[str],
    record_id: str,
    status_column: InstrumentedAttribute[str],
    from_status: str,
    values: dict[str, Any],
) -> Any:
    """Apply `values` to the record if its status is still `from_status`; then the record
    as it now stands, changed or not, or None when no record has the id.

    Leaves the transaction open: the caller commits it.
    """
    await session.execute(
        update(id_column.class_)
        .where(id_column == record_id, status_column == from_status)
        .values(values)
    )
    return await session.scalar(
        select(id_column.class_).where(id_column == record_id)
        .execution_options(populate_existing=True)
    )


async def _find(session: AsyncSession, key_column: InstrumentedAttribute[str], key: str) -> Any:
    return await session.scalar(select(key_column.class_).where(key_column == key))
