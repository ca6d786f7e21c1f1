"""The eligibility service's one table: every determination it made through
DetermineEligibility, kept whole (as the JSON of the returned message) for audit and
hearings, with the case id, benefit month and when it was made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, MetaData, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from common.audit.table import audit_table
from common.records import NAMING_CONVENTION, UtcDateTime


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


AUDIT = audit_table(Base.metadata, "eligibility")
"""Every call this service answers and every write it commits (`common.audit`)."""


class DeterminationRecord(Base):
    __tablename__ = "eligibility_determination"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    """The determination id returned to the caller (opaque)."""
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    period: Mapped[str] = mapped_column(String(7))
    state: Mapped[str] = mapped_column(String(2))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The Determination message as JSON (proto field names)."""
    determined_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


async def save_determination(session: AsyncSession, *, determination_id: str, case_id: str,
                             period: str, state: str, body: dict[str, Any],
                             determined_at: datetime, created_at: datetime) -> None:
    """Store one determination; the caller's transaction commits it."""
    session.add(DeterminationRecord(id=determination_id, case_id=case_id, period=period,
                                    state=state, body=body, determined_at=determined_at,
                                    created_at=created_at))


async def load_determination(session: AsyncSession, *, determination_id: str
                             ) -> DeterminationRecord | None:
    return await session.get(DeterminationRecord, determination_id)

