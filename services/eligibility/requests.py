"""Requests to the eligibility service as checked engine values, from either door.

The batch JSON form (one household a line, documented in services/eligibility/README.md)
is the form checked here. A gRPC request is first written out in that form, so both doors
refuse a household for the same reasons and name its fields alike: `members[2].age` in a
batch file is `request.household.members[2].age` over gRPC.

Every bad field of a request is collected in one `Violations` and raised as one
`InvalidField`, so a caller learns all its mistakes at once. Problems name the field and
what is expected, never the value sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from casework.v1 import common_pb2, eligibility_pb2

from common.enums import EnumTable
from common.validate import Violations, parse_month
from common.vocabulary import INCOME_KINDS, RELATIONSHIPS, UTILITIES
from services.eligibility.convert import PROGRAMS
from services.eligibility.engine.household import (
    Expenses,
    Household,
    HouseholdMember,
    HouseholdRequest,
    Income,
    IncomeKind,
    Period,
    Program,
    Relationship,
    UtilityAllowance,
)

MAX_CENTS = 10**11
"""A billion dollars a month: anything above is a typo, not a household."""
MAX_AGE = 130
FIRST_YEAR = 1900
"""A floor against mistyped benefit months (0026-01); the rulebook itself starts far later."""

Choice = TypeVar("Choice", bound=StrEnum)
Value = TypeVar("Value")


# --- the batch JSON form ---------------------------------------------------------------


def parse_request(data: Any) -> HouseholdRequest:
    """One line of a batch file: the household's fields beside `id`, `period`,
    `application_date` and `programs`.

    Raises:
        InvalidField: naming every bad field.
    """
    bad = Violations()
    return _checked(bad, _request(bad, data, "", ""))


def _request(bad: Violations, data: Any, prefix: str, household_prefix: str
             ) -> HouseholdRequest | None:
    """The request in `data`, or None when a part is missing (`bad` then says why).

    `household_prefix` names the household's fields, which sit beside the request's own in
    the batch form but under `household` in a gRPC request."""
    if not isinstance(data, Mapping):
        bad.add(prefix or "$", "must be a JSON object")
        return None
    household = _household(bad, data, household_prefix)
    period = _period(bad, data.get("period"), f"{prefix}period")
    application = _application_date(bad, data.get("application_date"),
                                     f"{prefix}application_date", period)
    programs = _programs(bad, data.get("programs"), f"{prefix}programs")
    request_id = data.get("id", "")
    if not isinstance(request_id, str):
        bad.add(f"{prefix}id", "must be a string")
    if household is None or period is None:
        return None
    return HouseholdRequest(request_id, household, period, application, programs)


def _household(bad: Violations, data: Any, prefix: str) -> Household | None:
    root = _object(bad, data, f"{prefix}household")
    if root is None:
        return None
    state = _string(bad, root, "state", f"{prefix}state").upper()
    if state:
        bad.state(state, f"{prefix}state")
    members = _members(bad, root.get("members"), prefix)
    incomes = _incomes(bad, root.get("incomes"), prefix, {m.id for m in members})
    assets = _object(bad, root.get("assets"), f"{prefix}assets", required=False) or {}
    return Household(
        state=state,
        members=tuple(members),
        incomes=tuple(incomes),
        expenses=_expenses(bad, root.get("expenses"), f"{prefix}expenses"),
        liquid_assets_cents=_cents(bad, assets, "liquid_cents", f"{prefix}assets.liquid_cents"),
        destitute_migrant_farmworker=_flag(bad, root, "destitute_migrant_farmworker",
                                           f"{prefix}destitute_migrant_farmworker"),
    )


def _members(bad: Violations, value: Any, prefix: str) -> list[HouseholdMember]:
    field = f"{prefix}members"
    items = _list(bad, value, field)
    if items is None:
        return []
    bad.require(bool(items), field, "must have at least one member")
    members: list[HouseholdMember] = []
    for n, item in enumerate(items):
        at = f"{field}[{n}]"
        member = _object(bad, item, at)
        if member is None:
            continue
        member_id = _string(bad, member, "id", f"{at}.id")
        if member_id and any(m.id == member_id for m in members):
            bad.add(f"{at}.id", "repeats another member's id")
        members.append(HouseholdMember(
            id=member_id,
            age=_age(bad, member.get("age"), f"{at}.age"),
            relationship=_choice(bad, member, "relationship", f"{at}.relationship",
                                 Relationship, Relationship.UNRELATED),
            disabled=_flag(bad, member, "disabled", f"{at}.disabled"),
            student=_flag(bad, member, "student", f"{at}.student"),
            pregnant=_flag(bad, member, "pregnant", f"{at}.pregnant"),
        ))
    return members


def _incomes(bad: Violations, value: Any, prefix: str, member_ids: set[str]) -> list[Income]:
    field = f"{prefix}incomes"
    incomes: list[Income] = []
    for n, item in enumerate(_list(bad, value, field) or ()):
        at = f"{field}[{n}]"
        income = _object(bad, item, at)
        if income is None:
            continue
        member_id = _string(bad, income, "member_id", f"{at}.member_id")
        if member_id:
            bad.require(member_id in member_ids, f"{at}.member_id",
                        "names no member of the household")
        incomes.append(Income(
            member_id=member_id,
            kind=_choice(bad, income, "kind", f"{at}.kind", IncomeKind, IncomeKind.WAGES),
            monthly_cents=_cents(bad, income, "monthly_cents", f"{at}.monthly_cents",
                                 required=True),
        ))
    return incomes


def _expenses(bad: Violations, value: Any, field: str) -> Expenses:
    data = _object(bad, value, field, required=False) or {}

    def cents(key: str) -> int:
        return _cents(bad, data, key, f"{field}.{key}")

    def flag(key: str) -> bool:
        return _flag(bad, data, key, f"{field}.{key}")

    homeless, costs = flag("homeless"), flag("homeless_shelter_costs")
    bad.require(homeless or not costs, f"{field}.homeless_shelter_costs",
                "applies only to a homeless household")
    return Expenses(
        rent_cents=cents("rent_cents"),
        property_tax_cents=cents("property_tax_cents"),
        homeowners_insurance_cents=cents("homeowners_insurance_cents"),
        utilities=_choice(bad, data, "utilities", f"{field}.utilities", UtilityAllowance,
                          UtilityAllowance.NONE, required=False),
        dependent_care_cents=cents("dependent_care_cents"),
        child_support_paid_cents=cents("child_support_paid_cents"),
        medical_out_of_pocket_cents=cents("medical_out_of_pocket_cents"),
        homeless=homeless,
        homeless_shelter_costs=costs,
        heating_cooling_by_liheap_only=flag("heating_cooling_by_liheap_only"),
    )


def _period(bad: Violations, value: Any, field: str) -> Period | None:
    """`YYYY-MM` (the strict `common.validate.parse_month`), no earlier than FIRST_YEAR."""
    first = parse_month(value) if isinstance(value, str) else None
    if first is not None and first.year >= FIRST_YEAR:
        return Period(first.year, first.month)
    bad.add(field, "is required, a month as YYYY-MM")
    return None


def _application_date(bad: Violations, value: Any, field: str, period: Period | None
                      ) -> date | None:
    """Set only in the month of application; SNAP is then prorated from it, so it cannot
    fall after the benefit month."""
    if not value:
        return None
    if not isinstance(value, str):
        bad.add(field, "must be a date as YYYY-MM-DD")
        return None
    day = bad.date(value, field)
    if day and period and (day.year, day.month) > (period.year, period.month):
        bad.add(field, "is after the benefit month")
    return day


def _programs(bad: Violations, value: Any, field: str) -> tuple[Program, ...]:
    """The programs asked for, each once; none means every program the state offers."""
    programs = value or []
    known = tuple(Program)
    if not isinstance(programs, list) or any(p not in known for p in programs):
        bad.add(field, f"must list only {', '.join(Program)}")
        return ()
    return tuple(dict.fromkeys(Program(p) for p in programs))


# --- JSON values: each reader records what is wrong and returns a stand-in, so the rest of
# --- the request is still checked.


def _object(bad: Violations, value: Any, field: str, *, required: bool = True
            ) -> Mapping[str, Any] | None:
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping):
        bad.add(field, "is required" if value is None else "must be an object")
        return None
    return value


def _list(bad: Violations, value: Any, field: str) -> Sequence[Any] | None:
    if value is None:
        return []
    if not isinstance(value, list):
        bad.add(field, "must be a list")
        return None
    return value


def _string(bad: Violations, data: Mapping[str, Any], key: str, field: str, *,
            required: bool = True) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            bad.add(field, "is required")
        return ""
    if not isinstance(value, str):
        bad.add(field, "must be a string")
        return ""
    return value


def _choice(bad: Violations, data: Mapping[str, Any], key: str, field: str,
            choices: type[Choice], default: Choice, *, required: bool = True) -> Choice:
    text = _string(bad, data, key, field, required=required)
    if not text:
        return default
    try:
        return choices(text)
    except ValueError:
        bad.add(field, f"must be one of {', '.join(choices)}")
        return default


def _cents(bad: Violations, data: Mapping[str, Any], key: str, field: str, *,
           required: bool = False) -> int:
    value = data.get(key)
    if value is None:
        if required:
            bad.add(field, "is required")
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        bad.add(field, "must be a whole number of cents")
        return 0
    bad.cents(value, field)
    bad.require(value <= MAX_CENTS, field, "is implausibly large")
    return value


def _flag(bad: Violations, data: Mapping[str, Any], key: str, field: str) -> bool:
    value = data.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        bad.add(field, "must be true or false")
        return False
    return value


def _age(bad: Violations, value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        bad.add(field, "is required, a whole number of years")
        return 0
    bad.require(0 <= value <= MAX_AGE, field, f"must be between 0 and {MAX_AGE}")
    return value


def _checked(bad: Violations, value: Value | None) -> Value:
    """`value`, once `bad` is empty. The readers return None only after recording why."""
    bad.raise_if_any()
    assert value is not None
    return value


# --- the gRPC door ---------------------------------------------------------------------


def stored_request_from_pb(request: eligibility_pb2.DetermineEligibilityRequest
                           ) -> HouseholdRequest:
    """DetermineEligibility's household. Unlike a batch item it needs an id: the stored
    determination is filed under it as the case id.

    Raises:
        InvalidField: naming every bad field (`request.household.members[0].age`).
    """
    bad = Violations()
    bad.require(bool(request.request.id), "request.id",
                "is required: the case id the determination is for")
    return _checked(bad, _request_from_pb(bad, request.request, "request."))


def request_from_pb(request: eligibility_pb2.HouseholdRequest, prefix: str
                    ) -> HouseholdRequest:
    """One household of DetermineEligibilityBatch, its fields named from `prefix`
    (`requests[1].`).

    Raises:
        InvalidField: naming every bad field.
    """
    bad = Violations()
    return _checked(bad, _request_from_pb(bad, request, prefix))


def household_from_pb(household: common_pb2.Household, prefix: str = "household."
                      ) -> Household:
    """ScreenExpedited's household.

    Raises:
        InvalidField: naming every bad field.
    """
    bad = Violations()
    return _checked(bad, _household(bad, _household_json(bad, household, prefix), prefix))


def determination_id(request: eligibility_pb2.GetDeterminationRequest) -> str:
    """The id GetDetermination looks up.

    Raises:
        InvalidField: when it is blank.
    """
    bad = Violations()
    bad.require(bool(request.determination_id), "determination_id", "is required")
    bad.raise_if_any()
    return request.determination_id


def _request_from_pb(bad: Violations, request: eligibility_pb2.HouseholdRequest, prefix: str
                     ) -> HouseholdRequest | None:
    programs = [program for n, number in enumerate(request.programs)
                if (program := bad.choice(number, PROGRAMS.by_number,
                                          f"{prefix}programs[{n}]")) is not None]
    household_prefix = f"{prefix}household."
    data = {**_household_json(bad, request.household, household_prefix), "id": request.id,
            "period": request.period, "application_date": request.application_date,
            "programs": programs}
    return _request(bad, data, prefix, household_prefix)


def _household_json(bad: Violations, household: common_pb2.Household, prefix: str
                    ) -> dict[str, Any]:
    """`household` in the batch JSON form. Its enums are checked here, where the proto
    number is at hand; one that is unset or unknown is recorded in `bad` and stands as the
    form's default, so the form's own checks do not report it again."""
    e = household.expenses
    return {
        "state": household.state,
        "members": [
            {"id": m.id, "age": m.age,
             "relationship": _enum(bad, m.relationship, RELATIONSHIPS,
                                   f"{prefix}members[{n}].relationship", Relationship.UNRELATED),
             "disabled": m.disabled, "student": m.student, "pregnant": m.pregnant}
            for n, m in enumerate(household.members)],
        "incomes": [
            {"member_id": i.member_id,
             "kind": _enum(bad, i.kind, INCOME_KINDS, f"{prefix}incomes[{n}].kind",
                           IncomeKind.WAGES),
             "monthly_cents": i.monthly_cents}
            for n, i in enumerate(household.incomes)],
        "expenses": {
            "rent_cents": e.rent_cents, "property_tax_cents": e.property_tax_cents,
            "homeowners_insurance_cents": e.homeowners_insurance_cents,
            # Unset means no allowance is claimed, as an absent `utilities` does in the form.
            "utilities": (_enum(bad, e.utilities, UTILITIES, f"{prefix}expenses.utilities",
                                UtilityAllowance.NONE)
                          if e.utilities else UtilityAllowance.NONE),
            "dependent_care_cents": e.dependent_care_cents,
            "child_support_paid_cents": e.child_support_paid_cents,
            "medical_out_of_pocket_cents": e.medical_out_of_pocket_cents,
            "homeless": e.homeless, "homeless_shelter_costs": e.homeless_shelter_costs,
        },
        "assets": {"liquid_cents": household.assets.liquid_cents},
        "destitute_migrant_farmworker": household.destitute_migrant_farmworker,
    }


def _enum(bad: Violations, number: int, table: EnumTable[Choice], field: str,
          default: Choice) -> Choice:
    member = bad.choice(number, table.by_number, field)
    return default if member is None else member
