"""The referrals tables: the resource directory (`referrals_resource`,
`referrals_resource_need`) and the referrals made from it (`referrals_referral`).

`idempotency_key` is UNIQUE on referrals: that constraint, not the look-up before the
insert, is what makes a retried activity find its first referral instead of a second.
The directory's rows come from `directory.yaml` through migration 0002. Every function
works in the caller's session and none commits: the servicer's `sessions.begin()` block
is the transaction, so one RPC is one unit of work.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, MetaData, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from common.audit.table import audit_table
from common.idempotency import create_once, transition_once
from common.records import NAMING_CONVENTION, UtcDateTime
from services.referrals.domain import (
    Location,
    Need,
    Referral,
    ReferralRequest,
    ReferralStatus,
    Resource,
)


class Base(DeclarativeBase):
    """The referrals tables, with the shared constraint names the migrations spell out."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


AUDIT = audit_table(Base.metadata, "referrals")
"""Every call this service answers and every write it commits (`common.audit`)."""


class ResourceRecord(Base):
    __tablename__ = "referrals_resource"

    resource_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(2), index=True)
    county: Mapped[str] = mapped_column(String(64))
    zip: Mapped[str] = mapped_column(String(5))
    city: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32))
    hours: Mapped[str] = mapped_column(String(200))
    eligibility_notes: Mapped[str] = mapped_column(String(1000))
    needs: Mapped[list[ResourceNeedRecord]] = relationship(lazy="selectin")

    def to_domain(self) -> Resource:
        """The entry as the domain sees it; its needs in `Need`'s order, so it is stable."""
        served = {Need(row.need) for row in self.needs}
        return Resource(
            resource_id=self.resource_id,
            name=self.name,
            needs=tuple(need for need in Need if need in served),
            location=Location(self.state, self.county, self.zip),
            address=self.address,
            city=self.city,
            phone=self.phone,
            hours=self.hours,
            eligibility_notes=self.eligibility_notes,
        )


class ResourceNeedRecord(Base):
    """One need a resource serves; a row per pair so a need filter is an indexed join."""

    __tablename__ = "referrals_resource_need"

    resource_id: Mapped[str] = mapped_column(
        ForeignKey("referrals_resource.resource_id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class ReferralRecord(Base):
    __tablename__ = "referrals_referral"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    """Insertion order, so a case's list is oldest first even within one clock tick."""
    referral_id: Mapped[str] = mapped_column(String(32), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)  # the real guard
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    resource_id: Mapped[str] = mapped_column(ForeignKey("referrals_resource.resource_id"))
    need: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    outcome_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome_note: Mapped[str] = mapped_column(String(1000))

    def to_domain(self) -> Referral:
        """The row as the domain sees it: enums, not their stored strings."""
        return Referral(
            referral_id=self.referral_id,
            request=ReferralRequest(
                idempotency_key=self.idempotency_key,
                case_id=self.case_id,
                resource_id=self.resource_id,
                need=Need(self.need),
                note=self.note,
            ),
            status=ReferralStatus(self.status),
            created_at=self.created_at,
            outcome_at=self.outcome_at,
            outcome_note=self.outcome_note,
        )


async def resources(
    session: AsyncSession, *, needs: tuple[Need, ...] = (), state: str = ""
) -> list[Resource]:
    """Directory entries serving any of `needs` in `state` (empty: no narrowing), by name."""
    query = select(ResourceRecord).order_by(ResourceRecord.name, ResourceRecord.resource_id)
    if needs:
        query = query.where(ResourceRecord.resource_id.in_(
            select(ResourceNeedRecord.resource_id)
            .where(ResourceNeedRecord.need.in_([need.value for need in needs]))))
    if state:
        query = query.where(ResourceRecord.state == state)
    return [record.to_domain() for record in await session.scalars(query)]


async def resource(session: AsyncSession, *, resource_id: str) -> Resource | None:
    """One directory entry, or None when no entry has the id."""
    record = await session.get(ResourceRecord, resource_id)
    return None if record is None else record.to_domain()


async def refer_once(
    session: AsyncSession, *, request: ReferralRequest, referral_id: str, at: datetime
) -> tuple[Referral, bool]:
    """The referral for `request.idempotency_key`, added OPEN now if there is none.

    Returns:
        The referral and whether it already existed (a replay: nothing was added).
    """
    record, replayed = await create_once(
        session,
        key_column=ReferralRecord.idempotency_key,
        key=request.idempotency_key,
        build=lambda: ReferralRecord(
            referral_id=referral_id,
            idempotency_key=request.idempotency_key,
            case_id=request.case_id,
            resource_id=request.resource_id,
            need=request.need.value,
            status=ReferralStatus.OPEN.value,
            note=request.note,
            created_at=at,
            outcome_at=None,
            outcome_note="",
        ),
    )
    return record.to_domain(), replayed


async def referrals_for_case(session: AsyncSession, *, case_id: str) -> list[Referral]:
    """A case's referrals, oldest first."""
    records = await session.scalars(
        select(ReferralRecord).where(ReferralRecord.case_id == case_id)
        .order_by(ReferralRecord.seq)
    )
    return [record.to_domain() for record in records]


async def record_outcome(
    session: AsyncSession, *, referral_id: str, status: ReferralStatus, note: str, at: datetime
) -> Referral | None:
    """Close a referral with `status` if it is still open (a first outcome is never
    overwritten); then the referral as it stands, or None when there is no such id."""
    record = await transition_once(
        session,
        id_column=ReferralRecord.referral_id,
        record_id=referral_id,
        status_column=ReferralRecord.status,
        from_status=ReferralStatus.OPEN.value,
        values={"status": status.value, "outcome_at": at, "outcome_note": note},
    )
    return None if record is None else record.to_domain()
