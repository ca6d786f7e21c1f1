"""The household as the rules see it, and the request to decide it for one benefit month.

Plain values with no knowledge of where they came from: `services.eligibility.requests`
builds them from the batch JSON form (documented in services/eligibility/README.md) or
from a gRPC request, after checking every field.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from common.vocabulary import IncomeKind, Relationship, UtilityAllowance


class Program(StrEnum):
    """The programs decided here, in the engine's own spelling: the values are the batch
    JSON form's (`"SNAP"`), which its rule cases and users' files speak, where the rest of
    the system says `common.vocabulary.Program` (`"snap"`); the two meet only through the
    proto, each by its own `enum_table`. Definition order is the order the form's error
    message lists them in."""

    SNAP = "SNAP"
    MEDICAID = "MEDICAID"
    TANF = "TANF"


EARNED_KINDS = frozenset({IncomeKind.WAGES, IncomeKind.SELF_EMPLOYMENT})
"""7 CFR 273.9(b)(1): wages and self-employment are earned income; the rest is unearned."""


@dataclass(frozen=True)
class HouseholdMember:
    id: str
    age: int
    relationship: Relationship
    disabled: bool = False
    student: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class Income:
    member_id: str
    kind: IncomeKind
    monthly_cents: int

    @property
    def earned(self) -> bool:
        return self.kind in EARNED_KINDS


@dataclass(frozen=True)
class Expenses:
    rent_cents: int = 0
    """Rent or mortgage (principal and interest), monthly."""
    property_tax_cents: int = 0
    homeowners_insurance_cents: int = 0
    utilities: UtilityAllowance = UtilityAllowance.NONE
    dependent_care_cents: int = 0
    child_support_paid_cents: int = 0
    medical_out_of_pocket_cents: int = 0
    """Out-of-pocket medical costs of elderly or disabled members (7 CFR 273.9(d)(3))."""
    homeless: bool = False
    homeless_shelter_costs: bool = False
    """A homeless household incurs or expects some shelter cost this month (7 CFR
    273.9(d)(6)(i): the homeless shelter deduction needs one, unless the state presumes it)."""
    heating_cooling_by_liheap_only: bool = False
    """The household qualifies for the heating/cooling SUA only through LIHEAP receipt
    (P.L. 119-21 sec. 10103 limits that route to elderly or disabled households)."""


@dataclass(frozen=True)
class Household:
    state: str
    members: tuple[HouseholdMember, ...]
    incomes: tuple[Income, ...] = ()
    expenses: Expenses = field(default_factory=Expenses)
    liquid_assets_cents: int = 0
    destitute_migrant_farmworker: bool = False

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def gross_cents(self) -> int:
        return sum(i.monthly_cents for i in self.incomes)

    @property
    def earned_cents(self) -> int:
        return sum(i.monthly_cents for i in self.incomes if i.earned)

    def income_of(self, kinds: Collection[IncomeKind]) -> int:
        return sum(i.monthly_cents for i in self.incomes if i.kind in kinds)


@dataclass(frozen=True)
class Period:
    """A benefit month."""

    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class HouseholdRequest:
    """One household to determine for one benefit month."""

    id: str
    household: Household
    period: Period
    application_date: date | None = None
    """Set when this month is the month of application: SNAP is then prorated."""
    programs: tuple[Program, ...] = ()
    """Empty means every program the household's state offers here."""
