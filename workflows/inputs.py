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
from typing import Any

from common.vocabulary import (
    CoverageGroup,
    IncomeKind,
    Need,
    Program,
    Relationship,
    UtilityAllowance,
)


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
    """Shelter costs, utilities, dependent care and child support paid."""
    SSN = "ssn"
    """Each member's Social Security number, matched with SSA (7 CFR 273.2(f)(1)(v))."""
    CITIZENSHIP = "citizenship"
    """Citizenship or immigration status (7 CFR 273.2(f)(1)(ii); 42 CFR 435.956(a))."""
    DISABILITY = "disability"
    """A disability a member claims (7 CFR 273.2(f)(1)(viii))."""
    MEDICAL_EXPENSES = "medical_expenses"
    """Medical costs of an elderly or disabled member (7 CFR 273.2(f)(1)(iv))."""


class VerificationStatus(StrEnum):
    """Whether the household is asked to prove a kind of fact, as intake's plan decides
    from the household and its programs."""

    REQUIRED = "required"
    NOT_APPLICABLE = "not_applicable"
    """Nothing in the household's facts calls for it (no income, no disability claimed)."""
    WAIVED = "waived"
    """The rules excuse it where it would otherwise be asked (a homeless household's
    residency)."""


class VerificationSource(StrEnum):
    """What may prove a fact, and what did (7 CFR 273.2(f)(4))."""

    DOCUMENTARY = "documentary"
    """Papers the household gives: pay stubs, a lease, an award letter."""
    COLLATERAL_CONTACT = "collateral_contact"
    """Someone outside the household confirms it: an employer, a landlord."""
    ELECTRONIC_MATCH = "electronic_match"
    """A data match the agency makes itself: SSA, SAVE, the State's wage records."""


class IfNotProvided(StrEnum):
    """What follows when a required item is not in by its due date."""

    DENIAL = "denial"
    """The application is denied for failure to provide (7 CFR 273.2(h)(2))."""
    NOT_COUNTED = "not_counted"
    """What it would prove is left out: a deduction disallowed, a claimed disability not
    used (7 CFR 273.2(f)(3)); the case is decided without it."""
    NO_DELAY = "no_delay"
    """The agency verifies it itself and the decision does not wait for it (an SSN,
    7 CFR 273.2(f)(1)(v); Medicaid's reasonable opportunity period, 42 CFR 435.956(b))."""


class VerificationAction(StrEnum):
    """One record in an item's history. The case never overwrites evidence: each record
    is appended and the latest is the item's current state."""

    RECEIVED = "received"
    CORRECTED = "corrected"
    """A caseworker replaced received evidence (a mistyped amount, a better document)."""
    REJECTED = "rejected"
    """A caseworker found received evidence unacceptable: the item is asked for again,
    with a fresh 10 days."""
    NOT_PROVIDED = "not_provided"
    """The due date passed without it; recorded by the case for an item whose absence
    leaves something out rather than denies (`IfNotProvided.NOT_COUNTED`)."""
    REQUESTED_AGAIN = "requested_again"
    """Asked for anew at recertification (7 CFR 273.2(f)(8)), with a fresh 10 days; the
    facts it proved stand until the new proof comes. Recorded by the case."""


class ExpenseKind(StrEnum):
    """An expense amount a verification may carry; each names an `Expenses` field (with
    `_cents`)."""

    RENT = "rent"
    PROPERTY_TAX = "property_tax"
    HOMEOWNERS_INSURANCE = "homeowners_insurance"
    DEPENDENT_CARE = "dependent_care"
    CHILD_SUPPORT_PAID = "child_support_paid"
    MEDICAL_OUT_OF_POCKET = "medical_out_of_pocket"


MEDICAL_KINDS = frozenset({ExpenseKind.MEDICAL_OUT_OF_POCKET})
"""The expense amounts a MEDICAL_EXPENSES item proves; an EXPENSES item proves the rest."""


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


class ChangeKind(StrEnum):
    """What one reported change does; each is the name of its field in
    `casework.v1.HouseholdChange`'s oneof."""

    ADD_MEMBER = "add_member"
    REMOVE_MEMBER = "remove_member"
    MOVE = "move"
    INCOME = "income"
    EXPENSES = "expenses"
    ASSETS = "assets"


@dataclass
class NewMember:
    """A person joining the household as the workflow may see them: no name and no birth
    date (intake keeps those, encrypted)."""

    member_id: str
    relationship: Relationship
    disabled: bool = False
    student: bool = False
    pregnant: bool = False


@dataclass
class Move:
    """A new address as the workflow may see it: the street stays in intake."""

    county: str
    zip: str


@dataclass
class ExpenseChange:
    """The expenses a report gives; None leaves that expense as it was."""

    rent_cents: int | None = None
    property_tax_cents: int | None = None
    homeowners_insurance_cents: int | None = None
    utilities: UtilityAllowance | None = None
    dependent_care_cents: int | None = None
    child_support_paid_cents: int | None = None
    medical_out_of_pocket_cents: int | None = None
    homeless: bool | None = None


@dataclass
class ReportedChange:
    """One change a household reports (7 CFR 273.12(a)), on the day it happened: the one
    field `kind` names is set."""

    kind: ChangeKind
    change_date: str
    add_member: NewMember | None = None
    remove_member_id: str = ""
    move: Move | None = None
    income: Income | None = None
    """The member's income of that kind from now on; 0 ends it."""
    expenses: ExpenseChange | None = None
    liquid_assets_cents: int | None = None
    """The household's countable resources from now on."""


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
    group: CoverageGroup | None = None
    """The Medicaid coverage group; None in a determination carried from before the
    eligibility service named groups (the default lets that state decode)."""


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

    def expansion_adults_covered(self) -> bool:
        """Whether an eligible member is covered in the adult expansion group (42 USC
        1396a(a)(10)(A)(i)(VIII), 42 CFR 435.119), whose renewals scheduled on or after
        2026-12-31 come every six months (P.L. 119-21 sec. 71107); parents, children and
        pregnant members keep the 12-month renewal. False for a determination from before
        groups were named, which cannot tell an expansion adult from a parent."""
        return any(m.eligible and m.group == CoverageGroup.EXPANSION_ADULT
                   for m in self.members)


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
class VerifiedExpense:
    """An expense amount as the evidence shows it, a month's worth."""

    kind: ExpenseKind
    monthly_cents: int


@dataclass
class VerificationInput:
    """Evidence for one requested item, or a caseworker's correction or rejection of the
    evidence received (`action`). The amounts the evidence shows replace what the
    household declared before the case is determined."""

    kind: VerificationKind
    source: str
    received_date: str
    """The day the evidence arrived; for a rejection, the day it was reviewed."""
    verifier_id: str
    action: VerificationAction = VerificationAction.RECEIVED
    """RECEIVED, CORRECTED or REJECTED (NOT_PROVIDED is the case's own record)."""
    reason: str = ""
    """Why a correction or rejection was made; required for both."""
    evidence: VerificationSource | None = None
    """What kind of source the evidence is, when the caseworker says."""
    incomes: list[Income] = field(default_factory=list)
    """Verified monthly incomes, by member and kind (an INCOME item only)."""
    expenses: list[VerifiedExpense] = field(default_factory=list)
    """Verified monthly expenses (an EXPENSES or MEDICAL_EXPENSES item only)."""


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
    """The day the household reported it: the agency's 10 days count from it."""
    incomes: list[Income] = field(default_factory=list)
    """A report of the old kind (no `changes`): the household's incomes from now on."""
    expenses: Expenses | None = None
    """A report of the old kind: the household's expenses from now on, when given."""
    changes: list[ReportedChange] = field(default_factory=list)
    """What changed, in order; a report with changes has no `incomes` or `expenses`."""
    caseworker_id: str = ""
    """The caseworker who recorded the report; "" in histories recorded before reports
    named one."""

    def members_added(self) -> list[str]:
        return [c.add_member.member_id for c in self.changes if c.add_member is not None]

    def members_removed(self) -> list[str]:
        return [c.remove_member_id for c in self.changes if c.kind == ChangeKind.REMOVE_MEMBER]

    def moved_to(self) -> Move | None:
        """The household's address after the report, if it moved."""
        return next((c.move for c in reversed(self.changes) if c.move is not None), None)

    def summary(self) -> dict[str, Any]:
        """What the case's audit trail says of the report: counts, kinds and opaque
        member ids, never a name or an address."""
        if not self.changes:
            return {"incomes": len(self.incomes), "expenses": self.expenses is not None}
        return {"changes": len(self.changes), "kinds": [str(c.kind) for c in self.changes],
                "members_added": self.members_added(),
                "members_removed": self.members_removed(),
                "earliest_change_date": min(c.change_date for c in self.changes)}


@dataclass
class EmploymentInput:
    member_id: str
    start_date: str
    monthly_wages_cents: int
    hours_per_week: int
    caseworker_id: str = ""
    """The caseworker who recorded the report; "" in histories recorded before reports
    named one."""


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
class ReassignmentInput:
    """A supervisor moves the case to another caseworker (of the office intake found)."""

    caseworker_id: str
    office_id: str
    office_phone: str
    supervisor_id: str
    reason: str


@dataclass
class ExtensionRequestInput:
    """A caseworker asks a supervisor to move a clock's due date."""

    code: str
    new_due_date: str
    reason: str
    caseworker_id: str


@dataclass
class ApprovalDecisionInput:
    """A supervisor's answer to a request waiting on the case: approve, or return it
    with a reason."""

    approval_id: str
    approve: bool
    supervisor_id: str
    reason: str = ""


@dataclass
class RenewalInput:
    """The household returned its recertification application or renewal form."""

    program: Program
    received_date: str
    caseworker_id: str
