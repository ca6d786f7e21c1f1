"""Writes that happen at most once, however many callers race or retry.

`create_once`: a UNIQUE constraint on the idempotency key is the real guard. A look-up
first makes the common retry cheap, but two callers can both miss it, and then the
database lets exactly one insert win. The loser's insert runs in a SAVEPOINT, so only
that insert is rolled back, and the winner's row is returned: every caller sees the
same record and only the first is told it created it.

Neither function commits. Every RPC is one transaction (`async with sessions.begin()`
in the servicer), so where a unit of work ends is visible where it starts.

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
    """The row holding `key`, inserting `build()` if there is none.

    Returns:
        The row and whether it already existed (True: a replay, nothing was written).
    """
    existing = await _find(session, key_column, key)
    if existing is not None:
        return existing, True
    row = build()
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
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
    as it now stands, changed or not, or None when no record has the id."""
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
