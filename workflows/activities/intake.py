"""Activities that keep the case's records in the intake service (CaseRecordsService)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from temporalio import activity

from workflows import notices
from workflows.activities._grpc import call
from workflows.inputs import (
    ClosureReason,
    Determination,
    Expenses,
    Income,
    Phase,
    VerificationItem,
    VerificationKind,
)

PHASES = {phase: intake_pb2.Phase.Value(f"PHASE_{phase.name}") for phase in Phase}
CLOSURE_REASONS = {
    reason: intake_pb2.ClosureReason.Value(f"CLOSURE_REASON_{reason.name}")
    for reason in ClosureReason
}
VERIFICATION_KINDS = {
    kind: intake_pb2.VerificationKind.Value(f"VERIFICATION_KIND_{kind.name}")
    for kind in VerificationKind
}
NOTICE_KINDS = {name: intake_pb2.NoticeKind.Value(f"NOTICE_KIND_{name.upper()}")
                for name in ("interview_scheduled", "verification_request", "decision",
                             "adverse_action", "closure")}
INCOME_KINDS = {name: common_pb2.IncomeKind.Value(f"INCOME_KIND_{name.upper()}")
                for name in ("wages", "self_employment", "social_security", "ssi",
                             "unemployment", "child_support_received", "pension")}
UTILITIES = {name: common_pb2.UtilityAllowance.Value(f"UTILITY_ALLOWANCE_{name.upper()}")
             for name in ("heating_cooling", "limited", "telephone_only", "none")}


@dataclass
class Assignment:
    caseworker_id: str
    office_id: str
    interview_date: str


@dataclass
class VerificationRequest:
    case_id: str
    kinds: list[VerificationKind]
    due_date: str


@dataclass
class VerificationRecord:
    case_id: str
    item: VerificationItem


@dataclass
class HouseholdChange:
    """New incomes and expenses; `wages` adds or replaces one member's wages instead."""

    case_id: str
    idempotency_key: str
    incomes: list[Income] = field(default_factory=list)
    expenses: Expenses | None = None
    wages_member_id: str = ""
    wages_monthly_cents: int = 0


@dataclass
class CaseEventInput:
    case_id: str
    idempotency_key: str
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)
    """Never a name, birth date or SSN: ids, codes, dates and amounts only."""


@dataclass
class NoticeInput:
    case_id: str
    idempotency_key: str
    kind: str  # a key of NOTICE_KINDS
    text: str = ""
    determination: Determination | None = None
    """For decision and adverse-action notices, the text is rendered from it."""
    date: str = ""
    """Decision: the hearing-request deadline; adverse action: the effective date."""


@dataclass
class StatusInput:
    case_id: str
    phase: Phase
    closure_reason: ClosureReason | None = None


def _income_pb(income: Income) -> common_pb2.Income:
    return common_pb2.Income(member_id=income.member_id, kind=INCOME_KINDS[income.kind],
                             monthly_cents=income.monthly_cents)


def _expenses_pb(expenses: Expenses) -> common_pb2.Expenses:
    return common_pb2.Expenses(
        rent_cents=expenses.rent_cents,
        property_tax_cents=expenses.property_tax_cents,
        homeowners_insurance_cents=expenses.homeowners_insurance_cents,
        utilities=UTILITIES[expenses.utilities],
        dependent_care_cents=expenses.dependent_care_cents,
        child_support_paid_cents=expenses.child_support_paid_cents,
        medical_out_of_pocket_cents=expenses.medical_out_of_pocket_cents,
        homeless=expenses.homeless,
    )


class IntakeActivities:
    """Writes the case's records through the intake service; every write is idempotent."""

    def __init__(self, stub: intake_pb2_grpc.CaseRecordsServiceStub) -> None:
        self._stub = stub

    @activity.defn
    async def assign_caseworker(self, case_id: str) -> Assignment:
        reply = await call(self._stub.AssignCaseworker,
                           intake_pb2.AssignCaseworkerRequest(case_id=case_id))
        return Assignment(reply.caseworker_id, reply.office_id, reply.interview_date)

    @activity.defn
    async def request_verifications(self, input: VerificationRequest) -> None:
        await call(self._stub.RequestVerifications, intake_pb2.RequestVerificationsRequest(
            case_id=input.case_id, kinds=[VERIFICATION_KINDS[k] for k in input.kinds],
            due_date=input.due_date))

    @activity.defn
    async def record_verification(self, input: VerificationRecord) -> None:
        item = input.item
        await call(self._stub.RecordVerification, intake_pb2.RecordVerificationRequest(
            case_id=input.case_id,
            item=intake_pb2.VerificationItem(
                kind=VERIFICATION_KINDS[item.kind], due_date=item.due_date,
                received=item.received, source=item.source,
                received_date=item.received_date, verifier_id=item.verifier_id)))

    @activity.defn
    async def apply_household_change(self, input: HouseholdChange) -> None:
        incomes = [_income_pb(i) for i in input.incomes]
        expenses = _expenses_pb(input.expenses) if input.expenses else None
        if input.wages_member_id:
            # Employment: the member's wages replace any they had; other incomes stay.
            current = await call(self._stub.GetHousehold,
                                 intake_pb2.GetHouseholdRequest(case_id=input.case_id))
            incomes = [i for i in current.household.incomes
                       if not (i.member_id == input.wages_member_id
                               and i.kind == common_pb2.INCOME_KIND_WAGES)]
            incomes.append(common_pb2.Income(member_id=input.wages_member_id,
                                             kind=common_pb2.INCOME_KIND_WAGES,
                                             monthly_cents=input.wages_monthly_cents))
            expenses = current.household.expenses
        await call(self._stub.ApplyHouseholdChange, intake_pb2.ApplyHouseholdChangeRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            incomes=incomes, expenses=expenses))

    @activity.defn
    async def record_case_event(self, input: CaseEventInput) -> None:
        await call(self._stub.RecordCaseEvent, intake_pb2.RecordCaseEventRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            event=intake_pb2.CaseEvent(kind=input.kind,
                                       detail=json.dumps(input.detail, sort_keys=True))))

    @activity.defn
    async def issue_notice(self, input: NoticeInput) -> str:
        text = input.text
        if input.determination is not None and input.kind == "decision":
            text = notices.decision_notice(input.case_id, input.determination, input.date)
        elif input.determination is not None and input.kind == "adverse_action":
            text = notices.adverse_action_notice(input.case_id, input.determination, input.date)
        reply = await call(self._stub.IssueNotice, intake_pb2.IssueNoticeRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            kind=NOTICE_KINDS[input.kind], text=text))
        return str(reply.notice.notice_id)

    @activity.defn
    async def update_case_status(self, input: StatusInput) -> None:
        await call(self._stub.UpdateCaseStatus, intake_pb2.UpdateCaseStatusRequest(
            case_id=input.case_id, phase=PHASES[input.phase],
            closure_reason=CLOSURE_REASONS[input.closure_reason] if input.closure_reason
            else intake_pb2.CLOSURE_REASON_UNSPECIFIED))
