"""The payments table, `payments_authorization`, and the few queries the service needs.

`idempotency_key` is UNIQUE: that constraint, not the look-up before the insert, is what
makes an authorisation happen exactly once when retries race. Every function works in
the caller's session and none commits: the servicer's `sessions.begin()` block is the
transaction, so one RPC is one unit of work.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, MetaData, String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from common.audit.table import audit_table
from common.idempotency import create_once, transition_once
from common.records import NAMING_CONVENTION, UtcDateTime
from services.payments.domain import (
    Authorization,
    PayeeKind,
    PaymentKind,
    Program,
    Status,
    Terms,
)


class Base(DeclarativeBase):
    """The payments tables, with the shared constraint names the migrations spell out."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


AUDIT = audit_table(Base.metadata, "payments")
"""Every call this service answers and every write it commits (`common.audit`)."""


class AuthorizationRecord(Base):
    __tablename__ = "payments_authorization"
    __table_args__ = (
        CheckConstraint("amount_cents > 0", name="amount_positive"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    """Insertion order, so a case's list is oldest first even within one clock tick."""
    authorization_id: Mapped[str] = mapped_column(String(32), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), unique=True)  # the real guard
    case_id: Mapped[str] = mapped_column(String(128), index=True)
    program: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int]
    payee_kind: Mapped[str] = mapped_column(String(16))
    payee_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    authorized_at: Mapped[datetime] = mapped_column(UtcDateTime)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    void_reason: Mapped[str] = mapped_column(String(500), default="")

    def to_domain(self) -> Authorization:
        """The row as the domain sees it: enums, not their stored strings."""
        return Authorization(
            authorization_id=self.authorization_id,
            terms=Terms(
                idempotency_key=self.idempotency_key,
                case_id=self.case_id,
                program=Program(self.program),
                period=self.period,
                kind=PaymentKind(self.kind),
                amount_cents=self.amount_cents,
                payee_kind=PayeeKind(self.payee_kind),
                payee_id=self.payee_id,
            ),
            status=Status(self.status),
            authorized_at=self.authorized_at,
            voided_at=self.voided_at,
            void_reason=self.void_reason,
        )


async def authorize_once(
    session: AsyncSession, *, terms: Terms, authorization_id: str, at: datetime
) -> tuple[Authorization, bool]:
    """The authorisation for `terms.idempotency_key`, added now if there is none.

    Returns:
        The authorisation and whether it already existed (a replay: nothing was added).
    """
    record, replayed = await create_once(
        session,
        key_column=AuthorizationRecord.idempotency_key,
        key=terms.idempotency_key,
        build=lambda: AuthorizationRecord(
            authorization_id=authorization_id,
            idempotency_key=terms.idempotency_key,
            case_id=terms.case_id,
            program=terms.program.value,
            period=terms.period,
            kind=terms.kind.value,
            amount_cents=terms.amount_cents,
            payee_kind=terms.payee_kind.value,
            payee_id=terms.payee_id,
            status=Status.AUTHORIZED.value,
            authorized_at=at,
            voided_at=None,
            void_reason="",
        ),
    )
    return record.to_domain(), replayed


async def list_for_case(session: AsyncSession, *, case_id: str) -> list[Authorization]:
    """A case's authorisations, oldest first."""
    records = await session.scalars(
        select(AuthorizationRecord)
        .where(AuthorizationRecord.case_id == case_id)
        .order_by(AuthorizationRecord.seq)
    )
    return [record.to_domain() for record in records]


async def void(
    session: AsyncSession, *, authorization_id: str, reason: str, at: datetime
) -> Authorization | None:
    """Void an authorisation unless it already is (the first reason and time are kept);
    None when there is no such id."""
    record = await transition_once(
        session,
        id_column=AuthorizationRecord.authorization_id,
        record_id=authorization_id,
        status_column=AuthorizationRecord.status,
        from_status=Status.AUTHORIZED.value,
        values={"status": Status.VOIDED.value, "voided_at": at, "void_reason": reason},
    )
    return None if record is None else record.to_domain()
