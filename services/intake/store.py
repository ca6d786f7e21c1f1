"""Intake's tables and the queries its RPCs need.

Every table is prefixed `intake_`. What identifies a person (names, birth dates, SSNs,
the street address, the household's phone and email) is stored only as Fernet tokens
made by `PiiCipher`; everything the
workflow and the rules need (programs, county, ZIP, household composition without
names, incomes, expenses) is in clear. Every write the workflow's activities make is
idempotent: on a unique key through `create_once`, or as a no-op when repeated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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

from common.audit.table import audit_table
from common.auth.roles import Owner
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
)
from services.intake.pii import PiiCipher
from services.intake.verification import (
    EntryRequest,
    apply_amounts,
    disallow,
    restore,
    undone_by_rejection,
)
from workflows.inputs import (
    ClosureReason,
    ExpenseKind,
    Income,
    IncomeKind,
    Move,
    Phase,
    Program,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerifiedExpense,
)
from workflows.state import CaseInput, VerificationItem


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime, dict[str, Any]: JSON, list[str]: JSON}


AUDIT = audit_table(Base.metadata, "intake")
"""Every call this service answers and every write it commits (`common.audit`)."""


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
    submitted_by: Mapped[str | None] = mapped_column(String(128))
    """The integration system that submitted the application (its token's `sub`)."""
    submission_digest: Mapped[str | None] = mapped_column(String(64))
    """`PiiCipher.fingerprint` of the application as first submitted (`body()`), which
    a resubmission under its submission_id must match; None for cases filed before."""
    contact: Mapped[str | None] = mapped_column(Text)
    """Encrypted: `Contact.text()`, the phone and email; None for cases filed before
    contacts were kept."""
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
    ssn: Mapped[str | None] = mapped_column(Text)
    """Nine digits or "" (none given); None for people stored before SSNs were kept."""


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

    def item(self, entries: Sequence[VerificationEntry] = ()) -> VerificationItem:
        """The item as it stands: this row, and from its latest record (`entries` are the
        item's, oldest first) the kind of evidence, the caseworker's note and the
        verified amounts."""
        latest = entries[-1] if entries else None
        evidence = latest is not None and latest.action in (
            VerificationAction.RECEIVED, VerificationAction.CORRECTED)
        amounts = latest.amounts if latest is not None and evidence else {}
        return VerificationItem(
            kind=VerificationKind(self.kind), due_date=self.due_date.isoformat(),
            received=self.received, source=self.source,
            received_date=self.received_date.isoformat() if self.received_date else "",
            verifier_id=self.verifier_id,
            evidence=VerificationSource(latest.evidence) if latest and latest.evidence else None,
            last_action=VerificationAction(latest.action) if latest else None,
            note=latest.reason if latest else "", records=len(entries),
            incomes=[Income(i["member_id"], IncomeKind(i["kind"]), i["monthly_cents"])
                     for i in amounts.get("incomes", [])],
            expenses=[VerifiedExpense(ExpenseKind(e["kind"]), e["monthly_cents"])
                      for e in amounts.get("expenses", [])])


VERIFICATION_EVENT = "verification_recorded"
"""The audit-trail kind each verification record is kept as."""


@dataclass(frozen=True)
class VerificationEntry:
    """One record of a verification item, appended to the case's audit trail and never
    overwritten: evidence received, a caseworker's correction or rejection, or the item
    not provided. The latest is the item's current state (kept on its
    `VerificationRecord` row); together they document each fact in the case file
    (7 CFR 273.2(f)(6)). Each is an `EventRecord` of kind `VERIFICATION_EVENT`, one per
    idempotency key, its `detail` these fields."""

    kind: str
    action: str
    source: str
    evidence: str | None
    received_date: date | None
    verifier_id: str
    reason: str
    due_date: date | None
    amounts: dict[str, Any]
    """The verified incomes and expenses, and what they replaced in the household (or,
    for a rejection, what it put back), so each change to the household is traceable."""
    recorded_at: datetime

    @classmethod
    def of(cls, event: EventRecord) -> VerificationEntry:
        d = event.detail
        return cls(d["kind"], d["action"], d.get("source", ""), d.get("evidence"),
                   _day(d.get("received_date")), d.get("verifier_id", ""), d.get("reason", ""),
                   _day(d.get("due_date")), d.get("amounts", {}), event.at)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


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
    mailed_on: Mapped[date | None] = mapped_column(Date)
    """The day it was mailed, which its own dates count from; None for notices issued
    before mailing dates were kept."""


class EventRecord(Base):
    """One entry of the case's audit trail; one per idempotency key, as for notices."""

    __tablename__ = "intake_case_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey(CASE_FK), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]]
    at: Mapped[datetime]


def new_application(application: Application, cipher: PiiCipher,
                    submitted_by: str = "") -> ApplicationRecord:
    """The rows of a new case for `application`, its names, birth dates, SSNs, street
    and contact encrypted; not yet added to a session (`add_application` adds it once
    per submission)."""
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
        submitted_by=submitted_by or None,
        submission_digest=cipher.fingerprint(application.body()),
        contact=cipher.encrypt(application.contact.text()),
        people=[_sealed(PersonRecord(member_id=person.member_id), person, cipher)
                for person in application.identities],
    )


def _sealed(person: PersonRecord, identity: Identity, cipher: PiiCipher) -> PersonRecord:
    """`person` holding `identity`, every field encrypted (an SSN of "" too, so the
    table does not show who gave none)."""
    person.given_name = cipher.encrypt(identity.given_name)
    person.family_name = cipher.encrypt(identity.family_name)
    person.birth_date = cipher.encrypt(identity.birth_date.isoformat())
    person.ssn = cipher.encrypt(identity.ssn)
    return person


async def add_application(
    session: AsyncSession, *, application: Application, cipher: PiiCipher,
    submitted_by: str = "",
) -> tuple[ApplicationRecord, bool]:
    """Store the application and its people, unless the submission was stored before.
    Returns the case and whether it is that earlier one.

    Raises:
        Conflict: another system submitted under that submission_id, or this one a
            different application (the case is not answered with; nothing is written).
    """
    row, replayed = await create_once(
        session, key_column=ApplicationRecord.submission_id, key=application.submission_id,
        build=lambda: new_application(application, cipher, submitted_by))
    if replayed and (row.submitted_by or "") != submitted_by:
        raise Conflict("submission_id is already used by another submitter")
    if replayed and row.submission_digest is not None and not cipher.matches(
            application.body(), row.submission_digest):
        raise Conflict("submission_id is already used for a different application")
    return row, replayed


async def case_owner(
    session: AsyncSession, *, case_id: str, office_for: Callable[[str, str], str]
) -> Owner | None:
    """Whose the case is, as the role table's scopes compare it, in one read: its
    caseworker, its office (for a case not yet assigned, the office its county takes it
    to: `office_for(state, county)`) and the system that submitted it. None for a case
    intake does not hold."""
    found = (await session.execute(
        select(ApplicationRecord.caseworker_id, ApplicationRecord.office_id,
               ApplicationRecord.submitted_by, ApplicationRecord.state,
               ApplicationRecord.county)
        .where(ApplicationRecord.case_id == case_id))).first()
    if found is None:
        return None
    caseworker, office, submitted_by, state, county = found
    return Owner(caseworker or "", office or office_for(state, county), submitted_by or "")


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
    """How many open cases each caseworker holds: a closed case is no longer work, so it
    frees its caseworker's slot (the phase is the one `UpdateCaseStatus` last recorded)."""
    rows = await session.execute(
        select(ApplicationRecord.caseworker_id, func.count())
        .where(ApplicationRecord.caseworker_id.is_not(None),
               ApplicationRecord.phase != str(Phase.CLOSED))
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
                _sealed(person, identity, cipher)
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


async def verification_entries(
    session: AsyncSession, *, case_id: str, kind: VerificationKind | None = None
) -> list[VerificationEntry]:
    """The case's verification records (of one kind, if given), oldest first."""
    events = await session.scalars(select(EventRecord).where(
        EventRecord.case_id == case_id, EventRecord.kind == VERIFICATION_EVENT)
        .order_by(EventRecord.id))
    entries = [VerificationEntry.of(event) for event in events]
    return [e for e in entries if kind is None or e.kind == str(kind)]


async def record_verification(
    session: AsyncSession, *, row: ApplicationRecord, entry: EntryRequest
) -> tuple[VerificationRecord, list[VerificationEntry]]:
    """Append `entry` to a requested item's history and make it the item's state. The
    amounts it verifies replace the household's declared ones (after putting back what a
    not-provided record had left out); a rejection puts back what its evidence had
    replaced; a not-provided record leaves out what the item would have proved; one asked
    again at recertification changes no fact until its proof comes. A rerun
    of the same key, or (without a key) the same evidence again, changes nothing.
    Returns the item and its records."""
    item = await session.scalar(select(VerificationRecord).where(
        VerificationRecord.case_id == row.case_id, VerificationRecord.kind == str(entry.kind)))
    if item is None:
        raise Conflict(f"{entry.kind} verification was not requested")
    history = await verification_entries(session, case_id=row.case_id, kind=entry.kind)
    if not entry.idempotency_key and _recorded_before(item, history, entry):
        return item, history
    household = row.household_facts()
    amounts: dict[str, Any] = {
        "incomes": [{"member_id": i.member_id, "kind": str(i.kind),
                     "monthly_cents": i.monthly_cents} for i in entry.incomes],
        "expenses": [{"kind": str(e.kind), "monthly_cents": e.monthly_cents}
                     for e in entry.expenses]}
    if entry.action in (VerificationAction.RECEIVED, VerificationAction.CORRECTED):
        if history and history[-1].action == VerificationAction.NOT_PROVIDED:
            household = restore(household, history[-1].amounts.get("replaced", {}))
            amounts["restored"] = history[-1].amounts.get("replaced", {})
        household, amounts["replaced"] = apply_amounts(household, entry.incomes, entry.expenses)
    elif entry.action is VerificationAction.REJECTED:
        amounts["restored"] = undone_by_rejection(
            [{"action": e.action, **e.amounts} for e in history])
        household = restore(household, amounts["restored"])
    elif entry.action is VerificationAction.REQUESTED_AGAIN:
        pass  # the facts proved before stand until the new proof replaces them
    else:
        household, amounts["replaced"] = disallow(
            household, VerificationItem(entry.kind, "", member_ids=list(entry.member_ids)))
    detail = {"kind": str(entry.kind), "action": str(entry.action), "source": entry.source,
              "evidence": str(entry.evidence) if entry.evidence else None,
              "received_date": entry.received_date.isoformat() if entry.received_date else "",
              "verifier_id": entry.verifier_id, "reason": entry.reason,
              "due_date": entry.due_date.isoformat() if entry.due_date else "",
              "amounts": amounts}
    recorded, replayed = await create_once(
        session, key_column=EventRecord.idempotency_key,
        key=entry.idempotency_key or _evidence_key(row.case_id, entry),
        build=lambda: _event_row(row.case_id, EventRequest(
            entry.idempotency_key or _evidence_key(row.case_id, entry), VERIFICATION_EVENT,
            detail)))
    _same_case(recorded.case_id, row.case_id)
    if replayed:
        return item, history
    evidence = entry.action in (VerificationAction.RECEIVED, VerificationAction.CORRECTED)
    item.received = evidence
    if evidence:
        item.source, item.received_date = entry.source, entry.received_date
        item.verifier_id = entry.verifier_id
    elif entry.action in (VerificationAction.REJECTED, VerificationAction.REQUESTED_AGAIN):
        item.source, item.received_date, item.verifier_id = "", None, ""
        item.due_date = entry.due_date or item.due_date
    row.household = household.to_json()  # a new dict, so the JSON column is rewritten
    row.updated_at = utc_now()
    return item, [*history, VerificationEntry.of(recorded)]


def _evidence_key(case_id: str, entry: EntryRequest) -> str:
    """The key of a record sent without one (activities recorded before keys): the same
    evidence always makes the same key, so a rerun appends nothing."""
    evidence = hashlib.sha256("|".join((
        str(entry.kind), str(entry.action), entry.source, str(entry.received_date),
        entry.verifier_id)).encode()).hexdigest()[:32]
    return f"{case_id}:verification-{evidence}"


def _recorded_before(item: VerificationRecord, history: Sequence[VerificationEntry],
                     entry: EntryRequest) -> bool:
    """An activity without a key sent a record that is already the item's latest (or,
    for an item received before records were kept, its evidence)."""
    if history:
        latest = history[-1]
        return entry.same_evidence(latest.action, latest.source, latest.received_date,
                                   latest.verifier_id)
    return item.received and entry.same_evidence(
        VerificationAction.RECEIVED, item.source, item.received_date, item.verifier_id)


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
                                text=notice.text, issued_at=utc_now(),
                                mailed_on=notice.mailed_on))
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
