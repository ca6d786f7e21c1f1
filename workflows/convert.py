"""The workflow's dataclasses <-> `casework.v1` protos, here and nowhere else.

The activities use it on their way out to a service and back, and intake uses it to show
a case's state through its API. The workflow's own enums pair with their protos here through
`enum_table`, so a value added to one side only fails at import; the shared ones
(programs, needs, ...) are paired in `common.vocabulary`.
"""

from __future__ import annotations

from datetime import datetime

from casework.v1 import common_pb2, eligibility_pb2, intake_pb2

from common.clock import to_timestamp
from common.enums import enum_table
from common.vocabulary import (
    COVERAGE_GROUPS,
    INCOME_KINDS,
    NEEDS,
    PROGRAMS,
    RELATIONSHIPS,
    UTILITIES,
)
from workflows.inputs import (
    AppealedAction,
    ChangeKind,
    ClosureReason,
    Determination,
    ExpenseKind,
    Expenses,
    ExplanationLine,
    HearingOutcome,
    IfNotProvided,
    Income,
    IncomeKind,
    MemberCoverage,
    NoticeKind,
    Phase,
    Program,
    ProgramResult,
    Relationship,
    ReportedChange,
    Requester,
    UtilityAllowance,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
    VerifiedExpense,
)
from workflows.state import (
    Approval,
    ApprovalKind,
    CaseState,
    ClockStatus,
    Deadline,
    Hearing,
    LineStatus,
    ProgramLine,
    VerificationItem,
)

PHASES = enum_table(intake_pb2.Phase, Phase)
VERIFICATION_KINDS = enum_table(intake_pb2.VerificationKind, VerificationKind)
VERIFICATION_STATUSES = enum_table(intake_pb2.VerificationStatus, VerificationStatus)
VERIFICATION_SOURCES = enum_table(intake_pb2.VerificationSource, VerificationSource)
IF_NOT_PROVIDED = enum_table(intake_pb2.IfNotProvided, IfNotProvided)
VERIFICATION_ACTIONS = enum_table(intake_pb2.VerificationAction, VerificationAction)
EXPENSE_KINDS = enum_table(intake_pb2.ExpenseKind, ExpenseKind)
CLOSURE_REASONS = enum_table(intake_pb2.ClosureReason, ClosureReason)
NOTICE_KINDS = enum_table(intake_pb2.NoticeKind, NoticeKind)
APPEALED_ACTIONS = enum_table(intake_pb2.AppealedAction, AppealedAction)
REQUESTERS = enum_table(intake_pb2.Requester, Requester)
HEARING_OUTCOMES = enum_table(intake_pb2.HearingOutcome, HearingOutcome)
CLOCK_STATUSES = enum_table(intake_pb2.ClockStatus, ClockStatus)
"""`ClockStatus.OPEN` is "" in the workflow and CLOCK_STATUS_OPEN (1) on the wire."""
LINE_STATUSES = enum_table(intake_pb2.LineStatus, LineStatus)
APPROVAL_KINDS = enum_table(intake_pb2.ApprovalKind, ApprovalKind)


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


def household_change_pb(change: ReportedChange) -> intake_pb2.HouseholdChange:
    """A reported change as the workflow passes it on: no names, birth dates or street,
    which intake stored itself when the report came in."""
    message = intake_pb2.HouseholdChange(change_date=change.change_date)
    if change.add_member is not None:
        new = change.add_member
        message.add_member.CopyFrom(intake_pb2.Person(
            id=new.member_id, relationship=RELATIONSHIPS.number(Relationship(new.relationship)),
            disabled=new.disabled, student=new.student, pregnant=new.pregnant))
    elif change.kind == ChangeKind.REMOVE_MEMBER:
        message.remove_member.member_id = change.remove_member_id
    elif change.move is not None:
        message.move.CopyFrom(intake_pb2.Address(county=change.move.county, zip=change.move.zip))
    elif change.income is not None:
        message.income.CopyFrom(income_pb(change.income))
    elif change.expenses is not None:
        given = {name: value for name, value in vars(change.expenses).items()
                 if value is not None}
        if "utilities" in given:
            given["utilities"] = UTILITIES.number(UtilityAllowance(given["utilities"]))
        message.expenses.CopyFrom(intake_pb2.ExpenseChange(**given))
    elif change.liquid_assets_cents is not None:
        message.assets.liquid_cents = change.liquid_assets_cents
    return message


def closure_reason_pb(reason: ClosureReason | None) -> int:
    return CLOSURE_REASONS.number(reason) if reason else intake_pb2.CLOSURE_REASON_UNSPECIFIED


def deadline_pb(deadline: Deadline) -> intake_pb2.Deadline:
    """A clock as the API shows it; one recorded before statuses existed shows as open."""
    return intake_pb2.Deadline(
        code=deadline.code, due_date=deadline.due_date, citation=deadline.citation,
        met=deadline.met, start_date=deadline.start_date,
        warning_date=deadline.warning_date, met_on=deadline.met_on,
        status=CLOCK_STATUSES.number(ClockStatus(deadline.status)),
        program=(PROGRAMS.number(Program(deadline.program)) if deadline.program
                 else common_pb2.PROGRAM_UNSPECIFIED),
        ref=deadline.ref, original_due_date=deadline.original_due_date,
        extended_by=deadline.extended_by, extension_reason=deadline.extension_reason,
        paused_on=deadline.paused_on)


def line_pb(line: ProgramLine) -> intake_pb2.ProgramLine:
    return intake_pb2.ProgramLine(
        program=PROGRAMS.number(Program(line.program)),
        status=LINE_STATUSES.number(LineStatus(line.status)), period_end=line.period_end,
        decided_on=line.decided_on, closure_reason=closure_reason_pb(line.closure_reason),
        closed_on=line.closed_on)


def hearing_pb(hearing: Hearing) -> intake_pb2.Hearing:
    return intake_pb2.Hearing(
        hearing_id=hearing.hearing_id, program=PROGRAMS.number(Program(hearing.program)),
        requested_date=hearing.requested_date,
        action_appealed=APPEALED_ACTIONS.number(AppealedAction(hearing.action_appealed)),
        requested_by=REQUESTERS.number(Requester(hearing.requested_by)),
        continued_benefits=hearing.continued_benefits, decide_by=hearing.decide_by,
        outcome=(HEARING_OUTCOMES.number(HearingOutcome(hearing.outcome)) if hearing.outcome
                 else intake_pb2.HEARING_OUTCOME_UNSPECIFIED),
        decision_date=hearing.decision_date, act_by=hearing.act_by)


def approval_pb(approval: Approval) -> intake_pb2.Approval:
    return intake_pb2.Approval(
        approval_id=approval.approval_id, kind=APPROVAL_KINDS.number(approval.kind),
        requested_by=approval.requested_by, requested_on=approval.requested_on,
        summary=approval.summary, amount_cents=approval.amount_cents,
        period=approval.period, code=approval.code,
        new_due_date=approval.new_due_date, reason=approval.reason,
        decision=approval.decision, decided_by=approval.decided_by,
        decided_on=approval.decided_on, decision_reason=approval.decision_reason,
        program=(PROGRAMS.number(approval.program) if approval.program
                 else common_pb2.PROGRAM_UNSPECIFIED))


def verified_expense_pb(expense: VerifiedExpense) -> intake_pb2.VerifiedExpense:
    return intake_pb2.VerifiedExpense(kind=EXPENSE_KINDS.number(ExpenseKind(expense.kind)),
                                      monthly_cents=expense.monthly_cents)


def verification_pb(item: VerificationItem) -> intake_pb2.VerificationItem:
    """An item as the API shows it; one recorded before plans shows as required, its
    absence a ground for denial, with no sources listed."""
    return intake_pb2.VerificationItem(
        kind=VERIFICATION_KINDS.number(item.kind), due_date=item.due_date,
        received=item.received, source=item.source, received_date=item.received_date,
        verifier_id=item.verifier_id,
        status=VERIFICATION_STATUSES.number(VerificationStatus(item.status)),
        reason=item.reason,
        sources=[VERIFICATION_SOURCES.number(VerificationSource(s)) for s in item.sources],
        if_not_provided=IF_NOT_PROVIDED.number(IfNotProvided(item.if_not_provided)),
        member_ids=item.member_ids,
        evidence=(VERIFICATION_SOURCES.number(VerificationSource(item.evidence))
                  if item.evidence else intake_pb2.VERIFICATION_SOURCE_UNSPECIFIED),
        last_action=(VERIFICATION_ACTIONS.number(VerificationAction(item.last_action))
                     if item.last_action else intake_pb2.VERIFICATION_ACTION_UNSPECIFIED),
        note=item.note,
        verified_incomes=[income_pb(i) for i in item.incomes],
        verified_expenses=[verified_expense_pb(e) for e in item.expenses],
        records=item.records)


def income_from_pb(income: common_pb2.Income) -> Income:
    return Income(income.member_id, INCOME_KINDS.by_number[income.kind], income.monthly_cents)


def verification_from_pb(item: intake_pb2.VerificationItem) -> VerificationItem:
    """An item as intake answers it (a plan's, or a record's); unspecified enums read as
    they do on items recorded before plans: required, denied if missing, received."""
    return VerificationItem(
        kind=VERIFICATION_KINDS.by_number[item.kind], due_date=item.due_date,
        received=item.received, source=item.source, received_date=item.received_date,
        verifier_id=item.verifier_id,
        status=VERIFICATION_STATUSES.by_number.get(item.status, VerificationStatus.REQUIRED),
        reason=item.reason,
        sources=[VERIFICATION_SOURCES.by_number[s] for s in item.sources],
        if_not_provided=IF_NOT_PROVIDED.by_number.get(item.if_not_provided,
                                                      IfNotProvided.DENIAL),
        member_ids=list(item.member_ids),
        evidence=VERIFICATION_SOURCES.by_number.get(item.evidence),
        last_action=VERIFICATION_ACTIONS.by_number.get(item.last_action),
        note=item.note, records=item.records,
        incomes=[income_from_pb(i) for i in item.verified_incomes],
        expenses=[VerifiedExpense(EXPENSE_KINDS.by_number[e.kind], e.monthly_cents)
                  for e in item.verified_expenses])


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
        deadlines=[deadline_pb(d) for d in state.deadlines],
        closure_reason=closure_reason_pb(state.closure_reason),
        closed_date=state.closed_date,
        retention_end_date=state.retention_end_date,
        history=[
            intake_pb2.PhaseChange(phase=PHASES.number(change.phase),
                                   at=to_timestamp(datetime.fromisoformat(change.at)))
            for change in state.history
        ],
        lines=[line_pb(line) for line in state.lines],
        hearings=[hearing_pb(hearing) for hearing in state.hearings],
        verifications_not_required=[verification_pb(v)
                                    for v in state.verifications_not_required],
        approvals=[approval_pb(a) for a in state.approvals],
    )


def _program_result(pd: eligibility_pb2.ProgramDetermination) -> ProgramResult:
    return ProgramResult(
        program=PROGRAMS.by_number[pd.program],
        eligible=pd.eligible,
        monthly_benefit_cents=pd.monthly_benefit_cents,
        denial_reasons=list(pd.denial_reasons),
        gross_income_cents=pd.gross_income_cents,
        net_income_cents=pd.net_income_cents,
        explanation=[ExplanationLine(s.text, s.amount_cents, s.citation)
                     for s in pd.explanation],
        members=[MemberCoverage(m.member_id, m.eligible, m.category,
                                COVERAGE_GROUPS.by_number.get(m.group))
                 for m in pd.members],
    )


def determination_from_pb(d: eligibility_pb2.Determination) -> Determination:
    return Determination(
        determination_id=d.determination_id,
        period=d.period,
        programs=[_program_result(pd) for pd in d.programs],
        parameters=[f"{p.name}@{p.effective_date}" for p in d.parameters],
    )
