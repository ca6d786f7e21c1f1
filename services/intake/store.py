"""Intake's tables and the queries its RPCs need.

Every table is prefixed `intake_`. What identifies a person (names, birth dates, the
street address) is stored only as Fernet tokens made by `PiiCipher`; everything the
workflow and the rules need (programs, county, ZIP, household composition without
names, incomes, expenses) is in clear. Every write the workflow's activities make is
idempotent: on a unique key through `create_once`, or as a no-op when repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from common.errors import Conflict, NotFound
from common.idempotency import create_once
from common.records import NAMING_CONVENTION, UtcDateTime, new_id, utc_now
from services.intake.domain import (
    Address,
    Application,
    EventRequest,
    Household,
    Identity,
    NoticeRequest,
    ReceivedItem,
)
from services.intake.pii import PiiCipher
from workflows.inputs import ClosureReason, Move, Phase, Program, VerificationKind
from workflows.state import CaseInput, VerificationItem


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime, dict[str, Any]: JSON, list[str]: JSON}


CASE_FK = "intake_application.case_id"


class ApplicationRecord(Base):
    """One case as filed, and what intake records of its progress."""

    __tablename__ = "intake_application"
    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    submission_id: Mapped[str] = mapped_column(String(128), unique=True)
    programs: Mapped[list[str]]
    state: Mapped[str] = mapped_column(String(2))
    county: Mapped[str] = mapped_column(String(100))
    zip: Mapped[str] = mapped_column(String(5))
    street: Mapped[str] = mapped_column(Text)
    """Encrypted: address lines and city."""
    filing_date: Mapped[date] = mapped_column(Date)
    household: Mapped[dict[str, Any]]
    """`domain.Household` as JSON: members without names, incomes, expenses, assets."""
    phase: Mapped[str] = mapped_column(String(16))
    closure_reason: Mapped[str | None] = mapped_column(String(32))
    caseworker_id: Mapped[str | None] = mapped_column(String(64), index=True)
    office_id: Mapped[str | None] = mapped_column(String(64))
    interview_date: Mapped[date | None] = mapped_column(Date)
    submitted_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    people: Mapped[list[PersonRecord]] = relationship(lazy="raise")
    """Only ever written through: reads go through `birth_dates`."""

    def household_facts(self) -> Household:
        return Household.from_json(self.household)

    def case_input(self, agency_timezone: str, *, elderly_or_disabled: bool = False,
                   disability_basis: bool = False) -> CaseInput:
        """What the case workflow starts with, from the stored first submission (and two
        facts the caller computed from its members' ages and disabilities)."""
        return CaseInput(
            case_id=self.case_id,
            programs=[Program(p) for p in self.programs],
            state=self.state,
            filing_date=self.filing_date.isoformat(),
            county=self.county,
            household_size=len(self.household["members"]),
            agency_timezone=agency_timezone,
            elderly_or_disabled=elderly_or_disabled,
            disability_basis=disability_basis,
        )


class PersonRecord(Base):
    """Who a household member is. Every column but the ids is a Fernet token."""

    __tablename__ = "intake_person"
    __table_args__ = (UniqueConstraint("case_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), index=True)
    member_id: Mapped[str] = mapped_column(String(64))
    given_name: Mapped[str] = mapped_column(Text)
    family_name: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[str] = mapped_column(Text)


class VerificationRecord(Base):
    """One item the household was asked to prove, and the evidence once received: the
    audit trail a fair hearing reads (7 CFR 273.2(f))."""

    __tablename__ = "intake_verification_item"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    due_date: Mapped[date] = mapped_column(Date)
    received: Mapped[bool]
    source: Mapped[str] = mapped_column(Text)
    received_date: Mapped[date | None] = mapped_column(Date)
    verifier_id: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime]

    def item(self) -> VerificationItem:
        return VerificationItem(
            kind=VerificationKind(self.kind), due_date=self.due_date.isoformat(),
            received=self.received, source=self.source,
            received_date=self.received_date.isoformat() if self.received_date else "",
            verifier_id=self.verifier_id)


class NoticeRecord(Base):
    """A notice as issued, with its full text; one per idempotency key (the workflow's
    keys start with the case id, and a key is refused for any other case)."""

    __tablename__ = "intake_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[str] = mapped_column(String(32), unique=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime]


class EventRecord(Base):
    """One entry of the case's audit trail; one per idempotency key, as for notices."""

    __tablename__ = "intake_case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]
    at: Mapped[datetime]


async def add_application(
    session: AsyncSession, *, application: Application, cipher: PiiCipher
) -> tuple[ApplicationRecord, bool]:
    """Store the application and its people, unless the submission was stored before.
    Returns the case and whether it is that earlier one."""

    def build() -> ApplicationRecord:
        stamp = utc_now()
        return ApplicationRecord(
            case_id=new_id(),
            submission_id=application.submission_id,
            programs=[str(p) for p in application.programs],
            state=application.state,
            county=application.address.county,
            zip=application.address.zip,
            street=cipher.encrypt(application.address.street()),
            filing_date=application.filing_date,
            household=application.household.to_json(),
            phase=str(Phase.INTAKE),
            submitted_at=stamp,
            updated_at=stamp,
            people=[
                PersonRecord(member_id=person.member_id,
                          given_name=cipher.encrypt(person.given_name),
                          family_name=cipher.encrypt(person.family_name),
                          birth_date=cipher.encrypt(person.birth_date.isoformat()))
                for person in application.identities
            ],
        )

    return await create_once(session, key_column=ApplicationRecord.submission_id,
                             key=application.submission_id, build=build)


async def get_application(session: AsyncSession, *, case_id: str) -> ApplicationRecord:
    row = await session.get(ApplicationRecord, case_id)
    if row is None:
        raise NotFound("no such case")
    return row


async def birth_dates(
    session: AsyncSession, *, case_id: str, cipher: PiiCipher
) -> dict[str, date]:
    """Each member's birth date, decrypted: only to compute ages."""
    people = await session.scalars(select(PersonRecord).where(PersonRecord.case_id == case_id))
    return {p.member_id: date.fromisoformat(cipher.decrypt(p.birth_date)) for p in people}


async def person_ids(session: AsyncSession, *, case_id: str) -> set[str]:
    """The member ids of the people stored for the case (decrypting nothing)."""
    return set(await session.scalars(select(PersonRecord.member_id)
                                     .where(PersonRecord.case_id == case_id)))


async def caseworker_load(session: AsyncSession) -> dict[str, int]:
    """How many cases each caseworker has been assigned."""
    rows = await session.execute(
        select(ApplicationRecord.caseworker_id, func.count())
        .where(ApplicationRecord.caseworker_id.is_not(None))
        .group_by(ApplicationRecord.caseworker_id))
    return {caseworker: count for caseworker, count in rows if caseworker}


async def assign_caseworker(
    session: AsyncSession, *, row: ApplicationRecord, caseworker_id: str, office_id: str,
    interview_date: date,
) -> ApplicationRecord:
    """Assign the case unless it already is: the conditional update lets exactly one of
    two concurrent attempts win, and both return the winner's assignment."""
    await session.execute(
        update(ApplicationRecord)
        .where(ApplicationRecord.case_id == row.case_id, ApplicationRecord.caseworker_id.is_(None))
        .values(caseworker_id=caseworker_id, office_id=office_id,
                interview_date=interview_date, updated_at=utc_now()))
    await session.refresh(row)
    return row


async def apply_household_change(
    session: AsyncSession, *, row: ApplicationRecord, household: Household, event: EventRequest,
    moved_to: Move | None = None,
) -> bool:
    """Replace the household (and, after a move, the county and ZIP) and record `event`
    together; a rerun of the same event key changes nothing (the first run's household
    stands). Returns whether it was a rerun."""
    recorded, replayed = await create_once(
        session, key_column=EventRecord.idempotency_key, key=event.idempotency_key,
        build=lambda: _event_row(row.case_id, event))
    _same_case(recorded.case_id, row.case_id)
    if not replayed:
        row.household = household.to_json()  # a new dict, so the JSON column is rewritten
        if moved_to is not None:
            row.county, row.zip = moved_to.county, moved_to.zip
        row.updated_at = utc_now()
    return replayed


async def already_applied(session: AsyncSession, *, case_id: str, key: str) -> bool:
    """Whether the household change of this key was applied: a rerun changes nothing
    (and its changes, checked again, would no longer fit the household)."""
    recorded = await session.scalar(select(EventRecord).where(EventRecord.idempotency_key == key))
    if recorded is not None:
        _same_case(recorded.case_id, case_id)
    return recorded is not None


async def keep_identities(
    session: AsyncSession, *, case_id: str, identities: Sequence[Identity], cipher: PiiCipher
) -> list[str]:
    """Store who is joining the household, encrypted, before the change report that adds
    them is sent to the case (its redetermination reads their ages). A person stored
    under the id before (a former member, or a report the case refused) is overwritten;
    being stored makes no one a member, the household does. Returns the ids new here."""
    existing = {p.member_id: p for p in await session.scalars(select(PersonRecord).where(
        PersonRecord.case_id == case_id,
        PersonRecord.member_id.in_([i.member_id for i in identities])))}
    created = []
    try:
        async with session.begin_nested():
            for identity in identities:
                person = existing.get(identity.member_id)
                if person is None:
                    person = PersonRecord(case_id=case_id, member_id=identity.member_id)
                    session.add(person)
                    created.append(identity.member_id)
                person.given_name = cipher.encrypt(identity.given_name)
                person.family_name = cipher.encrypt(identity.family_name)
                person.birth_date = cipher.encrypt(identity.birth_date.isoformat())
    except IntegrityError as error:
        raise Conflict("another report is adding the same member; retry") from error
    return created


async def forget_identities(
    session: AsyncSession, *, row: ApplicationRecord, member_ids: Sequence[str]
) -> None:
    """Delete the people stored for a change report the case refused, unless they are
    members after all (the report's household change went through)."""
    members = {m.id for m in row.household_facts().members}
    gone = [m for m in member_ids if m not in members]
    if gone:
        await session.execute(delete(PersonRecord).where(
            PersonRecord.case_id == row.case_id, PersonRecord.member_id.in_(gone)))


def set_street(row: ApplicationRecord, address: Address, cipher: PiiCipher) -> None:
    """The street of the household's new address (PII, encrypted); the case workflow set
    its county and ZIP when it applied the move."""
    row.street = cipher.encrypt(address.street())
    row.updated_at = utc_now()


def set_status(row: ApplicationRecord, phase: Phase, reason: ClosureReason | None) -> None:
    row.phase = str(phase)
    row.closure_reason = str(reason) if reason else None
    row.updated_at = utc_now()


# --- verification items -----------------------------------------------------------------


async def verifications(session: AsyncSession, *, case_id: str) -> list[VerificationRecord]:
    rows = await session.scalars(select(VerificationRecord)
                                 .where(VerificationRecord.case_id == case_id)
                                 .order_by(VerificationRecord.id))
    return list(rows)


async def request_verifications(
    session: AsyncSession, *, case_id: str, kinds: Sequence[VerificationKind], due_date: date
) -> list[VerificationRecord]:
    """Add the items not requested yet; items already requested keep their due date. The
    case and kind are unique together: if a concurrent duplicate request inserted first,
    this one's inserts (in a SAVEPOINT) are rolled back and the winner's items returned."""
    existing = {row.kind for row in await verifications(session, case_id=case_id)}
    try:
        async with session.begin_nested():
            session.add_all(
                VerificationRecord(case_id=case_id, kind=str(kind), due_date=due_date,
                                received=False, source="", verifier_id="",
                                requested_at=utc_now())
                for kind in kinds if str(kind) not in existing
            )
    except IntegrityError:
        pass
    wanted = {str(kind) for kind in kinds}
    return [row for row in await verifications(session, case_id=case_id) if row.kind in wanted]


async def record_verification(
    session: AsyncSession, *, case_id: str, item: ReceivedItem
) -> VerificationRecord:
    """Mark a requested item received; recording the same evidence again changes nothing."""
    row = await session.scalar(select(VerificationRecord).where(
        VerificationRecord.case_id == case_id, VerificationRecord.kind == str(item.kind)))
    if row is None:
        raise Conflict(f"{item.kind} verification was not requested")
    row.received, row.source = True, item.source
    row.received_date, row.verifier_id = item.received_date, item.verifier_id
    return row


# --- notices and events -----------------------------------------------------------------


def _same_case(stored: str, asked: str) -> None:
    """An idempotency key names one case's record: another case reusing it is refused
    rather than shown that case's record."""
    if stored != asked:
        raise Conflict("idempotency_key is already used by another case")


async def notices(session: AsyncSession, *, case_id: str) -> list[NoticeRecord]:
    rows = await session.scalars(select(NoticeRecord).where(NoticeRecord.case_id == case_id)
                                 .order_by(NoticeRecord.id))
    return list(rows)


async def issue_notice(
    session: AsyncSession, *, case_id: str, notice: NoticeRequest
) -> NoticeRecord:
    """The notice of this key: the one issued first, or a new one."""
    row, _ = await create_once(
        session, key_column=NoticeRecord.idempotency_key, key=notice.idempotency_key,
        build=lambda: NoticeRecord(notice_id=new_id(), case_id=case_id,
                                idempotency_key=notice.idempotency_key, kind=notice.kind,
                                text=notice.text, issued_at=utc_now()))
    _same_case(row.case_id, case_id)
    return row


async def events(session: AsyncSession, *, case_id: str) -> list[EventRecord]:
    rows = await session.scalars(select(EventRecord).where(EventRecord.case_id == case_id)
                                 .order_by(EventRecord.id))
    return list(rows)


def _event_row(case_id: str, event: EventRequest) -> EventRecord:
    return EventRecord(case_id=case_id, idempotency_key=event.idempotency_key, kind=event.kind,
                    detail=event.detail, at=utc_now())


async def record_event(session: AsyncSession, *, case_id: str, event: EventRequest) -> bool:
    """Append the event unless its key is there already; True when it was."""
    row, replayed = await create_once(session, key_column=EventRecord.idempotency_key,
                                      key=event.idempotency_key,
                                      build=lambda: _event_row(case_id, event))
    _same_case(row.case_id, case_id)
    return replayed
