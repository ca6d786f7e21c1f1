"""Protobuf <-> dataclasses for the intake service's replies: `CaseState` both ways
(the one place that knows both shapes of it), and the household as the rules see it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from casework.v1 import common_pb2, intake_pb2

from common.clock import to_timestamp
from services.intake.domain import Household
from services.intake.enums import (
    CLOSURE_REASONS,
    INCOME_KINDS,
    NEEDS,
    NOTICE_KINDS,
    PHASES,
    PROGRAMS,
    RELATIONSHIPS,
    UTILITIES,
    VERIFICATION_KINDS,
    IncomeKind,
    NoticeKind,
    UtilityAllowance,
)
from services.intake.store import EventRow, NoticeRow
from workflows.inputs import (
    CaseState,
    Deadline,
    Expenses,
    Income,
    PhaseChange,
    ProgramDecision,
    VerificationItem,
)


def verification_pb(item: VerificationItem) -> intake_pb2.VerificationItem:
    return intake_pb2.VerificationItem(
        kind=VERIFICATION_KINDS.number(item.kind), due_date=item.due_date,
        received=item.received, source=item.source, received_date=item.received_date,
        verifier_id=item.verifier_id)


def verification_from_pb(item: intake_pb2.VerificationItem) -> VerificationItem:
    return VerificationItem(
        kind=VERIFICATION_KINDS.by_number[item.kind], due_date=item.due_date,
        received=item.received, source=item.source, received_date=item.received_date,
        verifier_id=item.verifier_id)


def state_pb(state: CaseState) -> intake_pb2.CaseState:
    """The workflow's `status` as the API shows it (the proto has no names either)."""
    return intake_pb2.CaseState(
        case_id=state.case_id,
        phase=PHASES.number(state.phase),
        programs=[PROGRAMS.number(p) for p in state.programs],
        state=state.state,
        filing_date=state.filing_date,
        caseworker_id=state.caseworker_id,
        office_id=state.office_id,
        expedited=state.expedited,
        interview_date=state.interview_date,
        interviewed=state.interviewed,
        verifications=[verification_pb(v) for v in state.verifications],
        decisions=[
            intake_pb2.ProgramDecision(
                program=PROGRAMS.number(d.program), eligible=d.eligible,
                monthly_benefit_cents=d.monthly_benefit_cents,
                denial_reasons=d.denial_reasons, determination_id=d.determination_id,
                period=d.period)
            for d in state.decisions
        ],
        certification_end_date=state.certification_end_date,
        needs=[NEEDS.number(n) for n in state.needs],
        plan_approved=state.plan_approved,
        referral_ids=state.referral_ids,
        payment_authorization_ids=state.payment_authorization_ids,
        open_tasks=state.open_tasks,
        deadlines=[
            intake_pb2.Deadline(code=d.code, due_date=d.due_date, citation=d.citation,
                                met=d.met)
            for d in state.deadlines
        ],
        closure_reason=(CLOSURE_REASONS.number(state.closure_reason)
                        if state.closure_reason else intake_pb2.CLOSURE_REASON_UNSPECIFIED),
        closed_date=state.closed_date,
        retention_end_date=state.retention_end_date,
        history=[
            intake_pb2.PhaseChange(phase=PHASES.number(change.phase),
                                   at=to_timestamp(datetime.fromisoformat(change.at)))
            for change in state.history
        ],
    )


def state_from_pb(state: intake_pb2.CaseState) -> CaseState:
    """A `CaseState` back from the API, for clients written against the dataclasses (the
    CLI, the demo); what the proto leaves out keeps its default."""
    return CaseState(
        case_id=state.case_id,
        phase=PHASES.by_number[state.phase],
        programs=[PROGRAMS.by_number[p] for p in state.programs],
        state=state.state,
        filing_date=state.filing_date,
        caseworker_id=state.caseworker_id,
        office_id=state.office_id,
        expedited=state.expedited,
        interview_date=state.interview_date,
        interviewed=state.interviewed,
        verifications=[verification_from_pb(v) for v in state.verifications],
        decisions=[
            ProgramDecision(
                program=PROGRAMS.by_number[d.program], eligible=d.eligible,
                monthly_benefit_cents=d.monthly_benefit_cents,
                denial_reasons=list(d.denial_reasons), determination_id=d.determination_id,
                period=d.period)
            for d in state.decisions
        ],
        certification_end_date=state.certification_end_date,
        needs=[NEEDS.by_number[n] for n in state.needs],
        plan_approved=state.plan_approved,
        referral_ids=list(state.referral_ids),
        payment_authorization_ids=list(state.payment_authorization_ids),
        open_tasks=list(state.open_tasks),
        deadlines=[Deadline(d.code, d.due_date, d.citation, d.met) for d in state.deadlines],
        closure_reason=CLOSURE_REASONS.by_number.get(state.closure_reason),
        closed_date=state.closed_date,
        retention_end_date=state.retention_end_date,
        history=[
            PhaseChange(PHASES.by_number[change.phase],
                        change.at.ToDatetime(tzinfo=UTC).isoformat())
            for change in state.history
        ],
    )


def income_pb(income: Income) -> common_pb2.Income:
    return common_pb2.Income(member_id=income.member_id,
                             kind=INCOME_KINDS.number(IncomeKind(income.kind)),
                             monthly_cents=income.monthly_cents)


def expenses_pb(expenses: Expenses) -> common_pb2.Expenses:
    return common_pb2.Expenses(
        rent_cents=expenses.rent_cents,
        property_tax_cents=expenses.property_tax_cents,
        homeowners_insurance_cents=expenses.homeowners_insurance_cents,
        utilities=UTILITIES.number(UtilityAllowance(expenses.utilities)),
        dependent_care_cents=expenses.dependent_care_cents,
        child_support_paid_cents=expenses.child_support_paid_cents,
        medical_out_of_pocket_cents=expenses.medical_out_of_pocket_cents,
        homeless=expenses.homeless,
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


def notice_pb(row: NoticeRow) -> intake_pb2.Notice:
    return intake_pb2.Notice(notice_id=row.notice_id,
                             kind=NOTICE_KINDS.number(NoticeKind(row.kind)), text=row.text,
                             issued_at=to_timestamp(row.issued_at))


def event_pb(row: EventRow) -> intake_pb2.CaseEvent:
    return intake_pb2.CaseEvent(kind=row.kind, detail=json.dumps(row.detail, sort_keys=True),
                                at=to_timestamp(row.at))
