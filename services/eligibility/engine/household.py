"""The household as the rules see it, parsed from the batch JSON form (issue 3) with every
problem reported against the field that caused it (`members[2].age`), never its value.

The same parser checks gRPC requests: the servicer turns the proto into this JSON form and
passes a prefix (`request.household.`), so both doors name fields the same way.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
"""The 50 states and DC, by USPS code: the jurisdictions every program here covers."""

RELATIONSHIPS = ("head", "spouse", "child", "other_relative", "unrelated")
INCOME_KINDS = ("wages", "self_employment", "social_security", "ssi", "unemployment",
                "child_support_received", "pension")
EARNED_KINDS = frozenset({"wages", "self_employment"})
"""7 CFR 273.9(b)(1): wages and self-employment are earned income; the rest is unearned."""
UTILITIES = ("heating_cooling", "limited", "telephone_only", "none")
PROGRAMS = ("SNAP", "MEDICAID", "TANF")
MAX_CENTS = 10**11
"""A billion dollars a month: anything above is a typo, not a household."""


class HouseholdError(ValueError):
    """The input is wrong; `violations` are (field, problem) pairs, with no values echoed."""

    def __init__(self, violations: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {p}" for f, p in violations))
        self.violations = violations

    @property
    def field(self) -> str:
        return self.violations[0][0]

    @property
    def description(self) -> str:
        return self.violations[0][1]


@dataclass(frozen=True)
class Member:
    id: str
    age: int
    relationship: str
    disabled: bool = False
    student: bool = False
    pregnant: bool = False


@dataclass(frozen=True)
class Income:
    member_id: str
    kind: str
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
    utilities: str = "none"
    """Which standard utility allowance the household's costs qualify for."""
    dependent_care_cents: int = 0
    child_support_paid_cents: int = 0
    medical_out_of_pocket_cents: int = 0
    """Out-of-pocket medical costs of elderly or disabled members (7 CFR 273.9(d)(3))."""
    homeless: bool = False
    heating_cooling_by_liheap_only: bool = False
    """The household qualifies for the heating/cooling SUA only through LIHEAP receipt
    (P.L. 119-21 sec. 10103 limits that route to elderly or disabled households)."""


@dataclass(frozen=True)
class Household:
    state: str
    members: tuple[Member, ...]
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

    @property
    def unearned_cents(self) -> int:
        return self.gross_cents - self.earned_cents

    def income_of(self, kinds: frozenset[str] | set[str]) -> int:
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
    programs: tuple[str, ...] = ()
    """Empty means every program the household's state offers here."""


class _Checker:
    """Collects violations while reading one JSON object, so all problems come back at once."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.violations: list[tuple[str, str]] = []

    def bad(self, path: str, problem: str) -> None:
        self.violations.append((self.prefix + path, problem))

    def obj(self, data: Any, path: str, *, required: bool = True) -> Mapping[str, Any]:
        if data is None and not required:
            return {}
        if not isinstance(data, Mapping):
            self.bad(path, "must be an object" if data is not None else "is required")
            return {}
        return data

    def seq(self, data: Any, path: str) -> Sequence[Any]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.bad(path, "must be a list")
            return []
        return data

    def string(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True,
               choices: Sequence[str] | None = None, default: str = "") -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.bad(path, "is required")
            return default
        if not isinstance(value, str):
            self.bad(path, "must be a string")
            return default
        if choices is not None and value not in choices:
            self.bad(path, f"must be one of {', '.join(choices)}")
            return default
        return value

    def cents(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False
              ) -> int:
        value = data.get(key)
        if value is None:
            if required:
                self.bad(path, "is required")
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.bad(path, "must be a whole number of cents")
            return 0
        if value < 0:
            self.bad(path, "must not be negative")
            return 0
        if value > MAX_CENTS:
            self.bad(path, "is implausibly large")
            return 0
        return value

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.bad(path, "must be true or false")
            return False
        return value

    def done(self) -> None:
        if self.violations:
            raise HouseholdError(self.violations)


def parse_household(data: Any, prefix: str = "") -> Household:
    """Build a `Household` from the JSON form's household fields, or raise `HouseholdError`."""
    check = _Checker(prefix)
    root = check.obj(data, "household")
    if not root:
        check.done()
    state = check.string(root, "state", "state").upper()
    if state and state not in STATES:
        check.bad("state", "must be a USPS code of one of the 50 states or DC")
    members: list[Member] = []
    raw_members = check.seq(root.get("members"), "members")
    if not raw_members and "members" not in {p for p, _ in check.violations}:
        check.bad("members", "must have at least one member")
    seen: set[str] = set()
    for n, raw in enumerate(raw_members):
        at = f"members[{n}]"
        m = check.obj(raw, at)
        if not m:
            continue
        member_id = check.string(m, "id", f"{at}.id")
        if member_id in seen:
            check.bad(f"{at}.id", "repeats another member's id")
        seen.add(member_id)
        age = m.get("age")
        if isinstance(age, bool) or not isinstance(age, int):
            check.bad(f"{at}.age", "is required, a whole number of years")
            age = 0
        elif not 0 <= age <= 130:
            check.bad(f"{at}.age", "must be between 0 and 130")
            age = 0
        members.append(Member(
            id=member_id,
            age=age,
            relationship=check.string(m, "relationship", f"{at}.relationship",
                                      choices=RELATIONSHIPS, default="unrelated"),
            disabled=check.flag(m, "disabled", f"{at}.disabled"),
            student=check.flag(m, "student", f"{at}.student"),
            pregnant=check.flag(m, "pregnant", f"{at}.pregnant"),
        ))
    incomes: list[Income] = []
    for n, raw in enumerate(check.seq(root.get("incomes"), "incomes")):
        at = f"incomes[{n}]"
        i = check.obj(raw, at)
        if not i:
            continue
        member_id = check.string(i, "member_id", f"{at}.member_id")
        if member_id and member_id not in seen:
            check.bad(f"{at}.member_id", "names no member of the household")
        incomes.append(Income(
            member_id=member_id,
            kind=check.string(i, "kind", f"{at}.kind", choices=INCOME_KINDS, default="wages"),
            monthly_cents=check.cents(i, "monthly_cents", f"{at}.monthly_cents", required=True),
        ))
    e = check.obj(root.get("expenses"), "expenses", required=False)
    expenses = Expenses(
        rent_cents=check.cents(e, "rent_cents", "expenses.rent_cents"),
        property_tax_cents=check.cents(e, "property_tax_cents", "expenses.property_tax_cents"),
        homeowners_insurance_cents=check.cents(
            e, "homeowners_insurance_cents", "expenses.homeowners_insurance_cents"),
        utilities=check.string(e, "utilities", "expenses.utilities", required=False,
                               choices=UTILITIES, default="none"),
        dependent_care_cents=check.cents(e, "dependent_care_cents",
                                         "expenses.dependent_care_cents"),
        child_support_paid_cents=check.cents(e, "child_support_paid_cents",
                                             "expenses.child_support_paid_cents"),
        medical_out_of_pocket_cents=check.cents(e, "medical_out_of_pocket_cents",
                                                "expenses.medical_out_of_pocket_cents"),
        homeless=check.flag(e, "homeless", "expenses.homeless"),
        heating_cooling_by_liheap_only=check.flag(
            e, "heating_cooling_by_liheap_only", "expenses.heating_cooling_by_liheap_only"),
    )
    a = check.obj(root.get("assets"), "assets", required=False)
    liquid = check.cents(a, "liquid_cents", "assets.liquid_cents")
    migrant = check.flag(root, "destitute_migrant_farmworker", "destitute_migrant_farmworker")
    check.done()
    return Household(state, tuple(members), tuple(incomes), expenses, liquid, migrant)


def parse_period(value: Any, path: str) -> Period:
    """`YYYY-MM` to a `Period`."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        year, month = value[:4], value[5:]
        if year.isdigit() and month.isdigit() and 1 <= int(month) <= 12 and int(year) >= 1900:
            return Period(int(year), int(month))
    raise HouseholdError([(path, "is required, a month as YYYY-MM")])


def parse_date(value: Any, path: str) -> date:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise HouseholdError([(path, "must be a date as YYYY-MM-DD")])


def parse_request(data: Any, prefix: str = "", household_prefix: str | None = None
                  ) -> HouseholdRequest:
    """One line of the batch file: the household's fields beside id, period,
    application_date and programs. Raises `HouseholdError` naming every bad field.

    `household_prefix` names the household's fields when they sit under their own key
    elsewhere (the gRPC request's `request.household.`)."""
    if not isinstance(data, Mapping):
        raise HouseholdError([(prefix or "$", "must be a JSON object")])
    violations: list[tuple[str, str]] = []
    household: Household | None = None
    try:
        household = parse_household(data, prefix if household_prefix is None
                                    else household_prefix)
    except HouseholdError as error:
        violations.extend(error.violations)
    period: Period | None = None
    try:
        period = parse_period(data.get("period"), prefix + "period")
    except HouseholdError as error:
        violations.extend(error.violations)
    application: date | None = None
    if data.get("application_date"):
        try:
            application = parse_date(data["application_date"], prefix + "application_date")
        except HouseholdError as error:
            violations.extend(error.violations)
    if application and period and (application.year, application.month) > (period.year,
                                                                            period.month):
        violations.append((prefix + "application_date", "is after the benefit month"))
    programs = data.get("programs") or []
    if not isinstance(programs, list) or any(p not in PROGRAMS for p in programs):
        violations.append((prefix + "programs", f"must list only {', '.join(PROGRAMS)}"))
        programs = []
    request_id = data.get("id", "")
    if not isinstance(request_id, str):
        violations.append((prefix + "id", "must be a string"))
    if violations:
        raise HouseholdError(violations)
    assert household is not None and period is not None
    return HouseholdRequest(str(request_id), household, period, application,
                            tuple(dict.fromkeys(programs)))
