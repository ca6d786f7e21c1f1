"""Dataclasses that cross the workflow boundary: the case's input, its state, and one
input per Update.

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


# --- the household facts a change report carries -------------------------------------


@dataclass
class Income:
    member_id: str
    kind: str  # wages, self_employment, social_security, ssi, unemployment, ...
    monthly_cents: int


@dataclass
class Expenses:
    rent_cents: int = 0
    property_tax_cents: int = 0
    homeowners_insurance_cents: int = 0
    utilities: str = "none"  # heating_cooling, limited, telephone_only, none
    dependent_care_cents: int = 0
    child_support_paid_cents: int = 0
    medical_out_of_pocket_cents: int = 0
    homeless: bool = False


# --- determinations -------------------------------------------------------------------


@dataclass
class Step:
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
    explanation: list[Step] = field(default_factory=list)
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


# --- the case -------------------------------------------------------------------------


@dataclass
class VerificationItem:
    kind: VerificationKind
    due_date: str
    received: bool = False
    source: str = ""
    received_date: str = ""
    verifier_id: str = ""


@dataclass
class ProgramDecision:
    """What the case keeps of one program's latest decision."""

    program: Program
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: list[str] = field(default_factory=list)
    determination_id: str = ""
    period: str = ""


@dataclass
class Deadline:
    """A regulatory clock on the case; `met` once the thing it times has happened."""

    code: str
    due_date: str
    citation: str
    met: bool = False


@dataclass
class PlanActivity:
    description: str
    need: Need
    target_date: str


@dataclass
class PhaseChange:
    phase: Phase
    at: str  # ISO datetime (workflow time)


@dataclass
class CaseInput:
    """What intake starts a case with: no names, only what the workflow steers by."""

    case_id: str
    programs: list[Program]
    state: str
    filing_date: str
    county: str = ""
    household_size: int = 1
    agency_timezone: str = "America/Chicago"
    carried_state: CaseState | None = None
    """Set when the case continues as new at a certification boundary."""


@dataclass
class CaseState:
    """The case's live state, returned by the `status` Query and by every Update."""

    case_id: str
    phase: Phase
    programs: list[Program]
    state: str
    filing_date: str
    county: str = ""
    household_size: int = 1
    caseworker_id: str = ""
    office_id: str = ""
    expedited: bool = False
    interview_date: str = ""
    interviewed: bool = False
    verifications: list[VerificationItem] = field(default_factory=list)
    decisions: list[ProgramDecision] = field(default_factory=list)
    determination: Determination | None = None
    certification_end_date: str = ""
    needs: list[Need] = field(default_factory=list)
    plan_activities: list[PlanActivity] = field(default_factory=list)
    plan_approved: bool = False
    referral_ids: list[str] = field(default_factory=list)
    payment_authorization_ids: list[str] = field(default_factory=list)
    paid_periods: list[str] = field(default_factory=list)
    open_tasks: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    closure_reason: ClosureReason | None = None
    closed_date: str = ""
    retention_end_date: str = ""
    history: list[PhaseChange] = field(default_factory=list)
    assessed_by: str = ""
    """The caseworker who recorded the assessment; a different person approves the plan."""
    pending: str = ""
    """Why the case must be determined again: change, employment or recertification."""
    return_phase: Phase = Phase.MONITORING
    """Where a redetermination goes back to: monitoring or retention."""
    scheduled: Determination | None = None
    """A reduction waiting out its notice of adverse action; applied on `scheduled_on`."""
    scheduled_on: str = ""
    held_periods: list[str] = field(default_factory=list)
    """Months not paid while expedited SNAP's postponed verification is outstanding."""


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
