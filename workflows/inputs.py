"""Dataclasses and enums that cross the workflow boundary: the household facts a change
carries, determinations, and one input per Update. The case's own input and state are
in `workflows.state`; the enums shared with the services (programs, needs, income kinds
...) are `common.vocabulary`'s.

Dates are ISO strings (the default converter cannot carry `datetime.date`); money is
integer cents. New fields always get defaults so that old histories still decode.
Nothing here holds a name, birth date or SSN: those stay in the intake service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from common.vocabulary import IncomeKind, Need, Program, UtilityAllowance


class Phase(StrEnum):
    INTAKE = "intake"
    VERIFICATION = "verification"
    DETERMINATION = "determination"
    PLAN = "plan"
    SERVICES = "services"
    MONITORING = "monitoring"
    RETENTION = "retention"
    CLOSED = "closed"


class VerificationKind(StrEnum):
    IDENTITY = "identity"
    INCOME = "income"
    RESIDENCY = "residency"
    HOUSEHOLD_COMPOSITION = "household_composition"
    EXPENSES = "expenses"


class ClosureReason(StrEnum):
    INELIGIBLE = "ineligible"
    CLIENT_REQUEST = "client_request"
    FAILED_TO_RECERTIFY = "failed_to_recertify"
    MOVED = "moved"
    TIME_LIMIT = "time_limit"
    FAILURE_TO_PROVIDE = "failure_to_provide"
    MISSED_INTERVIEW = "missed_interview"


class NoticeKind(StrEnum):
    INTERVIEW_SCHEDULED = "interview_scheduled"
    VERIFICATION_REQUEST = "verification_request"
    DECISION = "decision"
    ADVERSE_ACTION = "adverse_action"
    CLOSURE = "closure"
    MISSED_INTERVIEW = "missed_interview"
    HEARING = "hearing"
    """A fair hearing's acknowledgement or its decision carried out."""
    EXPIRATION = "expiration"
    """SNAP's notice of expiration (7 CFR 273.14(b)) or Medicaid's renewal form."""


class AppealedAction(StrEnum):
    """What a fair hearing is asked about (7 CFR 273.15(a); 42 CFR 431.220)."""

    DENIAL = "denial"
    REDUCTION = "reduction"
    CLOSURE = "closure"
    BENEFIT_AMOUNT = "benefit_amount"
    DELAY = "delay"
    """The agency did not act in time."""


class Requester(StrEnum):
    """Who asked for a hearing: the household itself or someone acting for it."""

    HOUSEHOLD = "household"
    AUTHORIZED_REPRESENTATIVE = "authorized_representative"
    LEGAL_REPRESENTATIVE = "legal_representative"


class HearingOutcome(StrEnum):
    UPHELD = "upheld"
    """The agency's action stands; it takes effect now."""
    REVERSED = "reversed"
    """The action is undone; the household gets what the action took away."""
    WITHDRAWN = "withdrawn"
    """The household withdrew the request in writing; the action stands."""


# --- the household facts a change report carries -------------------------------------


@dataclass
class Income:
    member_id: str
    kind: IncomeKind
    monthly_cents: int


@dataclass
class Expenses:
    rent_cents: int = 0
    property_tax_cents: int = 0
    homeowners_insurance_cents: int = 0
    utilities: UtilityAllowance = UtilityAllowance.NONE
    dependent_care_cents: int = 0
    child_support_paid_cents: int = 0
    medical_out_of_pocket_cents: int = 0
    homeless: bool = False


# --- determinations -------------------------------------------------------------------


@dataclass
class ExplanationLine:
    """One line of an explanation: what was computed, the amount, the rule it cites."""

    text: str
    amount_cents: int
    citation: str


@dataclass
class MemberCoverage:
    member_id: str
    eligible: bool
    category: str


@dataclass
class ProgramResult:
    program: Program
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: list[str] = field(default_factory=list)
    gross_income_cents: int = 0
    net_income_cents: int = 0
    explanation: list[ExplanationLine] = field(default_factory=list)
    members: list[MemberCoverage] = field(default_factory=list)


@dataclass
class Determination:
    determination_id: str
    period: str  # YYYY-MM
    programs: list[ProgramResult]
    parameters: list[str] = field(default_factory=list)
    """`name@effective_date` of every rule parameter used."""

    def result(self, program: Program) -> ProgramResult | None:
        return next((r for r in self.programs if r.program == program), None)


# --- one input per Update -------------------------------------------------------------


@dataclass
class InterviewInput:
    caseworker_id: str
    interview_date: str


@dataclass
class RescheduleInput:
    interview_date: str
    caseworker_id: str


@dataclass
class VerificationInput:
    kind: VerificationKind
    source: str
    received_date: str
    verifier_id: str


@dataclass
class PlanActivity:
    description: str
    need: Need
    target_date: str


@dataclass
class AssessmentInput:
    caseworker_id: str
    strengths: list[str] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    activities: list[PlanActivity] = field(default_factory=list)


@dataclass
class PlanApprovalInput:
    supervisor_id: str


@dataclass
class ChangeReport:
    reported_date: str
    incomes: list[Income] = field(default_factory=list)
    expenses: Expenses | None = None


@dataclass
class EmploymentInput:
    member_id: str
    start_date: str
    monthly_wages_cents: int
    hours_per_week: int


@dataclass
class ClosureInput:
    reason: ClosureReason
    caseworker_id: str
    program: Program | None = None
    """Close this program's line only; None closes the whole case."""


@dataclass
class HearingRequestInput:
    """A fair-hearing request as the agency received it (7 CFR 273.15(h))."""

    program: Program
    requested_date: str
    action_appealed: AppealedAction
    requested_by: Requester
    recorded_by: str
    """The caseworker who recorded the request."""


@dataclass
class HearingDecisionInput:
    hearing_id: str
    decision_date: str
    outcome: HearingOutcome
    hearing_officer_id: str


@dataclass
class DeadlineExtensionInput:
    """A supervisor moves a clock's due date, with a written reason for the record."""

    code: str
    new_due_date: str
    reason: str
    supervisor_id: str


@dataclass
class RenewalInput:
    """The household returned its recertification application or renewal form."""

    program: Program
    received_date: str
    caseworker_id: str
