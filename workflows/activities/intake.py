"""Activities that keep the case's records in the intake service (CaseRecordsService,
the workflow's write API). Each makes exactly one RPC, idempotent on its key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from casework.v1 import intake_pb2, intake_pb2_grpc
from temporalio import activity

from common.vocabulary import PROGRAMS
from workflows import convert
from workflows.activities._grpc import call
from workflows.inputs import (
    ClosureReason,
    Expenses,
    Income,
    NoticeKind,
    Phase,
    Program,
    ReportedChange,
    VerificationKind,
)
from workflows.state import CaseState, VerificationItem


@dataclass
class Assignment:
    caseworker_id: str
    office_id: str
    interview_date: str
    office_phone: str = ""


@dataclass
class PlanInput:
    """Which items the case needs: intake decides from the household's facts."""

    case_id: str
    programs: list[Program]
    as_of: str
    """The day members' ages are taken on (YYYY-MM-DD)."""


@dataclass
class VerificationRequest:
    case_id: str
    kinds: list[VerificationKind]
    due_date: str


@dataclass
class VerificationRecord:
    """One record of an item's history: `item` as it stands after it."""

    case_id: str
    item: VerificationItem
    idempotency_key: str = ""
    """"" for records made before keys: intake then skips evidence equal to the latest."""


@dataclass
class HouseholdChangeInput:
    """A change report's `changes`, applied in order (or, from a report of the old kind,
    new incomes and expenses); `wages_member_id` replaces one member's wages instead."""

    case_id: str
    idempotency_key: str
    incomes: list[Income] = field(default_factory=list)
    expenses: Expenses | None = None
    wages_member_id: str = ""
    wages_monthly_cents: int = 0
    changes: list[ReportedChange] = field(default_factory=list)
    caseworker_id: str = ""
    """Who recorded the report, for intake's `household_changed` event; "" from
    histories recorded before reports named one."""


@dataclass
class CaseViewInput:
    """The case's whole state for intake's read model; `version` orders the writes."""

    state: CaseState
    version: int


@dataclass
class CaseEventInput:
    case_id: str
    idempotency_key: str
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)
    """Never a name, birth date or SSN: ids, codes, dates and amounts only."""


@dataclass
class NoticeInput:
    """A notice as the workflow rendered it (`workflows.notices`)."""

    case_id: str
    idempotency_key: str
    kind: NoticeKind
    text: str
    mailed_date: str = ""
    """The day it is mailed, which the periods it gives count from; "" for the day it is
    issued (histories recorded before mailing dates were kept)."""


@dataclass
class StatusInput:
    case_id: str
    phase: Phase
    closure_reason: ClosureReason | None = None


class IntakeActivities:
    """Writes the case's records through the intake service; every write is idempotent."""

    def __init__(self, stub: intake_pb2_grpc.CaseRecordsServiceStub) -> None:
        self._stub = stub

    @activity.defn
    async def assign_caseworker(self, case_id: str) -> Assignment:
        reply = await call(self._stub.AssignCaseworker,
                           intake_pb2.AssignCaseworkerRequest(case_id=case_id))
        return Assignment(reply.caseworker_id, reply.office_id, reply.interview_date,
                          reply.office_phone)

    @activity.defn
    async def plan_verifications(self, input: PlanInput) -> list[VerificationItem]:
        reply = await call(self._stub.PlanVerifications, intake_pb2.PlanVerificationsRequest(
            case_id=input.case_id, programs=[PROGRAMS.number(p) for p in input.programs],
            as_of_date=input.as_of))
        return [convert.verification_from_pb(item) for item in reply.items]

    @activity.defn
    async def request_verifications(self, input: VerificationRequest) -> None:
        await call(self._stub.RequestVerifications, intake_pb2.RequestVerificationsRequest(
            case_id=input.case_id,
            kinds=[convert.VERIFICATION_KINDS.number(k) for k in input.kinds],
            due_date=input.due_date))

    @activity.defn
    async def record_verification(self, input: VerificationRecord) -> None:
        await call(self._stub.RecordVerification, intake_pb2.RecordVerificationRequest(
            case_id=input.case_id, item=convert.verification_pb(input.item),
            idempotency_key=input.idempotency_key))

    @activity.defn
    async def apply_household_change(self, input: HouseholdChangeInput) -> None:
        request = intake_pb2.ApplyHouseholdChangeRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            incomes=[convert.income_pb(i) for i in input.incomes],
            expenses=convert.expenses_pb(input.expenses) if input.expenses else None,
            changes=[convert.household_change_pb(c) for c in input.changes],
            caseworker_id=input.caseworker_id)
        if input.wages_member_id:
            request.replace_wages.member_id = input.wages_member_id
            request.replace_wages.monthly_cents = input.wages_monthly_cents
        await call(self._stub.ApplyHouseholdChange, request)

    @activity.defn
    async def record_case_event(self, input: CaseEventInput) -> None:
        await call(self._stub.RecordCaseEvent, intake_pb2.RecordCaseEventRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            event=intake_pb2.CaseEvent(kind=input.kind,
                                       detail=json.dumps(input.detail, sort_keys=True))))

    @activity.defn
    async def issue_notice(self, input: NoticeInput) -> str:
        reply = await call(self._stub.IssueNotice, intake_pb2.IssueNoticeRequest(
            case_id=input.case_id, idempotency_key=input.idempotency_key,
            kind=convert.NOTICE_KINDS.number(input.kind), text=input.text,
            mailed_date=input.mailed_date))
        return str(reply.notice.notice_id)

    @activity.defn
    async def update_case_status(self, input: StatusInput) -> None:
        await call(self._stub.UpdateCaseStatus, intake_pb2.UpdateCaseStatusRequest(
            case_id=input.case_id, phase=convert.PHASES.number(input.phase),
            closure_reason=convert.closure_reason_pb(input.closure_reason)))

    @activity.defn
    async def record_case_view(self, input: CaseViewInput) -> None:
        await call(self._stub.RecordCaseView, intake_pb2.RecordCaseViewRequest(
            case_id=input.state.case_id, state=convert.state_pb(input.state),
            version=input.version))
