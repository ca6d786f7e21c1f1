"""Intake's records -> protos for its replies: the household as the rules see it,
notices, events and the case's record. The workflow's dataclasses (a case's state,
incomes, expenses) are converted by `workflows.convert`, the one place that knows both
shapes of them."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from casework.v1 import common_pb2, intake_pb2

from common.clock import to_timestamp
from common.vocabulary import PROGRAMS, RELATIONSHIPS
from services.intake.domain import Household
from services.intake.record import Entry
from services.intake.store import EventRecord, NoticeRecord, VerificationEntry, VerificationRecord
from services.intake.workflow_client import Waiting
from workflows.convert import (
    EXPENSE_KINDS,
    NOTICE_KINDS,
    VERIFICATION_ACTIONS,
    VERIFICATION_SOURCES,
    expenses_pb,
    income_pb,
    verification_pb,
)
from workflows.inputs import (
    ExpenseKind,
    Income,
    IncomeKind,
    NoticeKind,
    VerificationAction,
    VerificationSource,
)


def household_pb(state: str, household: Household, ages: Mapping[str, int]) -> common_pb2.Household:
    """The household as the eligibility rules see it: ages, never names or birth dates."""
    return common_pb2.Household(
        state=state,
        members=[
            common_pb2.HouseholdMember(
                id=m.id, age=ages[m.id], relationship=RELATIONSHIPS.number(m.relationship),
                disabled=m.disabled, student=m.student, pregnant=m.pregnant)
            for m in household.members
        ],
        incomes=[income_pb(i) for i in household.incomes],
        expenses=expenses_pb(household.expenses),
        assets=common_pb2.Assets(liquid_cents=household.liquid_assets_cents),
        destitute_migrant_farmworker=household.destitute_migrant_farmworker,
    )


def notice_pb(row: NoticeRecord) -> intake_pb2.Notice:
    return intake_pb2.Notice(notice_id=row.notice_id,
                             kind=NOTICE_KINDS.number(NoticeKind(row.kind)), text=row.text,
                             issued_at=to_timestamp(row.issued_at),
                             mailed_date=row.mailed_on.isoformat() if row.mailed_on else "")


def waiting_on_pb(waiting: Waiting) -> intake_pb2.WaitingOn:
    reply = intake_pb2.WaitingOn(step=waiting.step, service=waiting.service,
                                 attempt=waiting.attempt, failure=waiting.failure)
    if waiting.next_attempt_at is not None:
        reply.next_attempt_at.CopyFrom(to_timestamp(waiting.next_attempt_at))
    return reply


def event_pb(row: EventRecord) -> intake_pb2.CaseEvent:
    return intake_pb2.CaseEvent(kind=row.kind, detail=json.dumps(row.detail, sort_keys=True),
                                at=to_timestamp(row.at))


def record_entry_pb(entry: Entry) -> intake_pb2.CaseRecordEntry:
    return intake_pb2.CaseRecordEntry(
        at=to_timestamp(entry.at), actor=entry.actor, action=entry.action,
        summary=entry.summary, programs=[PROGRAMS.number(p) for p in entry.programs],
        source=entry.source, detail=json.dumps(entry.detail, sort_keys=True))


def verification_item_pb(
    row: VerificationRecord, entries: Sequence[VerificationEntry]
) -> intake_pb2.VerificationItem:
    """A requested item as it stands (its latest record) with every record of it."""
    item = verification_pb(row.item(entries))
    item.history.extend(verification_entry_pb(entry) for entry in entries)
    return item


def verification_entry_pb(entry: VerificationEntry) -> intake_pb2.VerificationEntry:
    amounts = entry.amounts
    return intake_pb2.VerificationEntry(
        action=VERIFICATION_ACTIONS.number(VerificationAction(entry.action)),
        source=entry.source,
        evidence=(VERIFICATION_SOURCES.number(VerificationSource(entry.evidence))
                  if entry.evidence else intake_pb2.VERIFICATION_SOURCE_UNSPECIFIED),
        received_date=entry.received_date.isoformat() if entry.received_date else "",
        verifier_id=entry.verifier_id, reason=entry.reason,
        verified_incomes=[income_pb(Income(i["member_id"], IncomeKind(i["kind"]),
                                           i["monthly_cents"]))
                          for i in amounts.get("incomes", [])],
        verified_expenses=[intake_pb2.VerifiedExpense(
            kind=EXPENSE_KINDS.number(ExpenseKind(e["kind"])), monthly_cents=e["monthly_cents"])
            for e in amounts.get("expenses", [])],
        due_date=entry.due_date.isoformat() if entry.due_date else "",
        recorded_at=to_timestamp(entry.recorded_at))
