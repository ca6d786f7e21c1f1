"""Dataclasses and enums that cross the workflow boundary: the household facts a change
carries, determinations, and one input per Update. The case's own input and state are
in `workflows.state`.

Dates are ISO strings (the default converter cannot carry `datetime.date`); money is
integer cents. New fields always get defaults so that old histories still decode.
Nothing here holds a name, birth date or SSN: those stay in the intake service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Phase(StrEnum):
    INTAKE = "intake"
    VERIFICATION = "verification"
    DETERMINATION = "determination"
    PLAN = "plan"
    SERVICES = "services"
    MONITORING = "monitoring"
    RETENTION = "retention"
    CLOSED = "closed"


class Program(StrEnum):
    SNAP = "snap"
    TANF = "tanf"
    MEDICAID = "medicaid"


class VerificationKind(StrEnum):
    IDENTITY = "identity"
    INCOME = "income"
    RESIDENCY = "residency"
    HOUSEHOLD_COMPOSITION = "household_composition"
    EXPENSES = "expenses"


class Need(StrEnum):
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    HEALTH = "health"
    HOUSING = "housing"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    FAMILY_VIOLENCE = "family_violence"
    SUBSTANCE_USE = "substance_use"
    FOOD = "food"


class ClosureReason(StrEnum):
    INELIGIBLE = "ineligible"
    CLIENT_REQUEST = "client_request"
    FAILED_TO_RECERTIFY = "failed_to_recertify"
    MOVED = "moved"
    TIME_LIMIT = "time_limit"
    FAILURE_TO_PROVIDE = "failure_to_provide"


class IncomeKind(StrEnum):
    WAGES = "wages"
    SELF_EMPLOYMENT = "self_employment"
    SOCIAL_SECURITY = "social_security"
    SSI = "ssi"
    UNEMPLOYMENT = "unemployment"
    CHILD_SUPPORT_RECEIVED = "child_support_received"
    PENSION = "pension"


class UtilityAllowance(StrEnum):
    """Which standard utility allowance the household's utility costs qualify for."""

    HEATING_COOLING = "heating_cooling"
    LIMITED = "limited"
    TELEPHONE_ONLY = "telephone_only"
    NONE = "none"


class PaymentKind(StrEnum):
    MONTHLY_BENEFIT = "monthly_benefit"
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    UTILITY = "utility"
    EMERGENCY_SHELTER = "emergency_shelter"


class NoticeKind(StrEnum):
    INTERVIEW_SCHEDULED = "interview_scheduled"
    VERIFICATION_REQUEST = "verification_request"
    DECISION = "decision"
    ADVERSE_ACTION = "adverse_action"
    CLOSURE = "closure"


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
