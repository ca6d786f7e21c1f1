"""Intake's model as plain data, and the few rules intake owns: ages, the interview
date, which caseworker is next, and how a reported change or new job changes the
household. No protobuf, database or Temporal here: `requests.py` builds these values
from requests, `store.py` keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from common.vocabulary import Relationship
from workflows import Update
from workflows.inputs import (
    ChangeKind,
    Expenses,
    Income,
    IncomeKind,
    Move,
    NoticeKind,
    Program,
    ReportedChange,
)


@dataclass(frozen=True)
class Member:
    """A household member as the workflow and the rules may see them: no name, no
    birth date."""

    id: str
    relationship: Relationship
    disabled: bool = False
    student: bool = False
    pregnant: bool = False
    non_citizen: bool = False
    """Declares they are not a U.S. citizen or national (stored households before the
    fact was asked read as citizens)."""


@dataclass(frozen=True)
class Identity:
    """What identifies a member: PII, kept encrypted at rest and never sent onwards."""

    member_id: str
    given_name: str
    family_name: str
    birth_date: date
    ssn: str = ""
    """Nine digits, or "" for a member who gave none (one who applied for a number, or
    whom the programs do not ask: 7 CFR 273.6, 42 CFR 435.910(h), 435.907(e)(3))."""


@dataclass
class Household:
    """The household facts stored in clear (no names): what the rules need besides ages."""

    members: list[Member]
    incomes: list[Income]
    expenses: Expenses
    liquid_assets_cents: int = 0
    destitute_migrant_farmworker: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Household:
        return cls(
            members=[Member(**{**m, "relationship": Relationship(m["relationship"])})
                     for m in data["members"]],
            incomes=[Income(**i) for i in data["incomes"]],
            expenses=Expenses(**data["expenses"]),
            liquid_assets_cents=data["liquid_assets_cents"],
            destitute_migrant_farmworker=data["destitute_migrant_farmworker"],
        )


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    city: str
    county: str
    zip: str

    def street(self) -> str:
        """The lines that locate the household (PII, stored encrypted); county and ZIP
        stay in clear because referrals are matched on them."""
        return json.dumps({"line1": self.line1, "line2": self.line2, "city": self.city})


@dataclass(frozen=True)
class Contact:
    """How to reach the household besides mail: PII, stored encrypted as one value and
    never sent onwards. "" where the household gave none."""

    phone: str = ""
    """Ten digits (NANP)."""
    email: str = ""

    def text(self) -> str:
        """The text intake encrypts: both fields in one token, so not even which of them
        the household gave shows in the table."""
        return json.dumps({"phone": self.phone, "email": self.email})


@dataclass
class Application:
    submission_id: str
    programs: list[Program]
    state: str
    address: Address
    filing_date: date
    household: Household
    identities: list[Identity]
    contact: Contact

    def body(self) -> str:
        """Everything the submitting system said but the submission_id, as one text
        that two equal applications share: what a resubmission must match."""
        facts = {k: v for k, v in asdict(self).items() if k != "submission_id"}
        return json.dumps(facts, sort_keys=True, default=str)


@dataclass(frozen=True)
class CaseworkerStep:
    """A caseworker step: the Update to send to the case's workflow and its input."""

    case_id: str
    update: Update
    input: Any
    private: PrivateFacts | None = None
    """What the step names that intake keeps itself, encrypted: never in `input`."""


@dataclass(frozen=True)
class PrivateFacts:
    """The PII a change report carries, which never goes to the workflow: who joins the
    household (stored before the report is sent on, so their ages are there for the
    redetermination) and the street of a new address (stored once the case accepts it)."""

    identities: list[Identity] = field(default_factory=list)
    address: Address | None = None


@dataclass(frozen=True)
class WageReplacement:
    member_id: str
    monthly_cents: int


@dataclass
class HouseholdChange:
    idempotency_key: str
    incomes: list[Income]
    expenses: Expenses | None
    """None keeps the household's current expenses."""
    wages: WageReplacement | None = None
    """An employment report: replaces this member's wages; `incomes` is then ignored."""
    changes: list[ReportedChange] = field(default_factory=list)
    """A change report: applied in order; `incomes` and `expenses` are then ignored."""
    caseworker_id: str = ""
    """The caseworker who recorded the report; "" from a case that ran before reports
    named one."""

    def moved_to(self) -> Move | None:
        """The county and ZIP after the report, if the household moved."""
        return next((c.move for c in reversed(self.changes) if c.move is not None), None)


@dataclass(frozen=True)
class NoticeRequest:
    idempotency_key: str
    kind: NoticeKind
    text: str
    mailed_on: date | None = None


@dataclass(frozen=True)
class EventRequest:
    idempotency_key: str
    kind: str
    detail: dict[str, Any] = field(default_factory=dict)


# --- calculations -----------------------------------------------------------------------


def age_on(birth_date: date, day: date) -> int:
    """Whole years completed on `day` (a 29 February birthday counts from 1 March in
    other years); 0 for someone not yet born on `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return max(0, day.year - birth_date.year - before_birthday)


ELDERLY_AGE = 60
"""7 CFR 271.2: an elderly member is 60 or older."""


def elderly_or_disabled_household(application: Application) -> bool:
    """Every adult member is elderly or disabled, so a SNAP certification may run 24
    months (7 CFR 273.10(f)(1)). Adults are members 18 or older on the filing date."""
    births = {i.member_id: i.birth_date for i in application.identities}
    adults = [m for m in application.household.members
              if age_on(births[m.id], application.filing_date) >= 18]
    return bool(adults) and all(
        m.disabled or age_on(births[m.id], application.filing_date) >= ELDERLY_AGE
        for m in adults)


def disability_basis(application: Application) -> bool:
    """A member applying for Medicaid reports a disability: the decision may take 90
    days (42 CFR 435.912(c)(3)(i))."""
    return Program.MEDICAID in application.programs and any(
        m.disabled for m in application.household.members)


def add_business_days(start: date, days: int) -> date:
    """`days` weekdays after `start` (Saturdays and Sundays are skipped)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def interview_date(filing_date: date, today: date, business_days: int) -> date:
    """The interview, `business_days` after filing; a case assigned late (a retried or
    backlogged activity) counts from today instead, so it is never scheduled in the past."""
    return add_business_days(max(filing_date, today), business_days)


def next_caseworker(caseworkers: Sequence[str], load: Mapping[str, int]) -> str:
    """Round robin by load: the caseworker with the fewest open cases, the first listed
    among equals, so new caseworkers catch up and none is skipped."""
    return min(caseworkers, key=lambda c: (load.get(c, 0), caseworkers.index(c)))


def apply_change(household: Household, change: HouseholdChange) -> Household:
    """The household after a change report (each change applied in turn, and what no
    change names left as it was; a report of the old kind replaces the incomes, and the
    expenses when it carries them) or after an employment report (the member's wages
    replace any they had; their other incomes and everyone else's stay)."""
    if change.wages is None and change.changes:
        for reported in change.changes:
            household = apply_reported(household, reported)
        return household
    if change.wages is not None:
        member = change.wages.member_id
        incomes = [i for i in household.incomes
                   if not (i.member_id == member and i.kind == IncomeKind.WAGES)]
        incomes.append(Income(member, IncomeKind.WAGES, change.wages.monthly_cents))
    else:
        incomes = list(change.incomes)
    return replace(household, incomes=incomes, expenses=change.expenses or household.expenses)


def apply_reported(household: Household, change: ReportedChange) -> Household:
    """The household after one reported change. A move changes no household fact (the
    county and ZIP are the case's, the street is PII); a member who leaves takes their
    incomes; an income change sets that member's income of that kind (0 ends it)."""
    if change.add_member is not None:
        new = change.add_member
        member = Member(new.member_id, Relationship(new.relationship), new.disabled,
                        new.student, new.pregnant)
        return replace(household, members=[*household.members, member])
    if change.kind == ChangeKind.REMOVE_MEMBER:
        gone = change.remove_member_id
        return replace(household, members=[m for m in household.members if m.id != gone],
                       incomes=[i for i in household.incomes if i.member_id != gone])
    if change.income is not None:
        return replace(household, incomes=_set_income(household.incomes, change.income))
    if change.expenses is not None:
        given = {name: value for name, value in vars(change.expenses).items()
                 if value is not None}
        return replace(household, expenses=replace(household.expenses, **given))
    if change.liquid_assets_cents is not None:
        return replace(household, liquid_assets_cents=change.liquid_assets_cents)
    return household


def _set_income(incomes: Sequence[Income], new: Income) -> list[Income]:
    """`new` takes the place of the member's income of its kind (all of it, if they had
    several entries of that kind), or joins the list; 0 cents ends it. Others stay."""
    same = [n for n, i in enumerate(incomes) if (i.member_id, i.kind) == (new.member_id, new.kind)]
    kept = [i for n, i in enumerate(incomes) if n not in same]
    if not new.monthly_cents:
        return kept
    at = same[0] if same else len(incomes)
    return [*kept[:at], Income(new.member_id, IncomeKind(new.kind), new.monthly_cents), *kept[at:]]
