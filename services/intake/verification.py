"""Which verification items a case needs, decided from the household's facts and the
programs it applies for: intake owns those facts, so intake decides, and the case asks
for what is required and waits for what its decision needs.

Each kind comes back required, not applicable or waived, with the reason and the rule
that says so, the sources that may satisfy it (documents, a collateral contact, a data
match the agency makes itself: 7 CFR 273.2(f)(4)) and what follows if it is not
provided. Where the programs differ the strictest wins: required over waived over not
applicable; a denial over leaving something out over not waiting.

Pure functions of plain data (no protobuf, database or Temporal): `plan` is what the
PlanVerifications RPC answers; the amounts a verification carries are applied to the
household by `apply_amounts`, and what a rejection or a not-provided item undoes by
`restore` and `disallow`.

TANF's verification is the State's to set (the federal rules ask for income through
IEVS and SSNs, 42 U.S.C. 1320b-7); this agency applies SNAP's rules to TANF's facts and
says so in each reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from services.intake.domain import ELDERLY_AGE, Household, Member
from workflows.inputs import (
    MEDICAL_KINDS,
    ExpenseKind,
    IfNotProvided,
    Income,
    IncomeKind,
    Program,
    UtilityAllowance,
    VerificationAction,
    VerificationKind,
    VerificationSource,
    VerificationStatus,
    VerifiedExpense,
)
from workflows.state import VerificationItem

ANY_SOURCE = [VerificationSource.DOCUMENTARY, VerificationSource.COLLATERAL_CONTACT,
              VerificationSource.ELECTRONIC_MATCH]
"""7 CFR 273.2(f)(4): documents, collateral contacts and the agency's own data matches
(IEVS, SAVE, SSA: 273.2(f)(9)) all count; the agency may not insist on one."""

TANF_RULE = "the State's TANF rules, applied as SNAP's"
"""How a reason cites TANF, whose verification rules are the State's."""

SHELTER_KINDS = (ExpenseKind.RENT, ExpenseKind.PROPERTY_TAX, ExpenseKind.HOMEOWNERS_INSURANCE,
                 ExpenseKind.DEPENDENT_CARE, ExpenseKind.CHILD_SUPPORT_PAID)
"""The expense amounts an EXPENSES item proves (its utilities too)."""


@dataclass(frozen=True)
class EntryRequest:
    """One record the case asks intake to append to a requested item's history."""

    kind: VerificationKind
    action: VerificationAction
    source: str = ""
    received_date: date | None = None
    """The day the evidence arrived (a rejection: the day it was reviewed)."""
    verifier_id: str = ""
    evidence: VerificationSource | None = None
    reason: str = ""
    """Why a correction or rejection was made."""
    due_date: date | None = None
    """A rejection's new due date: the item is asked for again."""
    incomes: list[Income] = field(default_factory=list)
    expenses: list[VerifiedExpense] = field(default_factory=list)
    member_ids: list[str] = field(default_factory=list)
    """The members the item concerns (whose claimed disability a not-provided record
    leaves out)."""
    idempotency_key: str = ""
    """"" from activities recorded before keys."""

    def same_evidence(self, action: str, source: str, received: date | None,
                      verifier_id: str) -> bool:
        """Is this the record already there, sent again (by an activity without a key)?"""
        return (str(self.action), self.source, self.received_date, self.verifier_id) == (
            action, source, received, verifier_id)


def plan(household: Household, programs: Sequence[Program],
         ages: Mapping[str, int]) -> list[VerificationItem]:
    """One item per kind, in the order the kinds are numbered; `ages` by member id on the
    day the plan is made (an elderly member is 60 or older, 7 CFR 271.2)."""
    facts = Facts(household, frozenset(programs), ages)
    return [RULES[kind](facts) for kind in VerificationKind]


class Facts:
    """What the rules read: the household, its programs, and its members' ages."""

    def __init__(self, household: Household, programs: frozenset[Program],
                 ages: Mapping[str, int]) -> None:
        self.household = household
        self.snap = Program.SNAP in programs
        self.tanf = Program.TANF in programs
        self.medicaid = Program.MEDICAID in programs
        self.ages = ages

    def cite(self, snap: str, medicaid: str, tanf: str = TANF_RULE) -> str:
        """The rules of the programs applied for, SNAP's first."""
        return "; ".join(rule for applies, rule in ((self.snap, snap), (self.medicaid, medicaid),
                                                    (self.tanf, tanf)) if applies and rule)

    def members(self, which: Callable[[Member], bool]) -> list[str]:
        return [m.id for m in self.household.members if which(m)]


def required(kind: VerificationKind, reason: str, *,
             sources: Sequence[VerificationSource] = ANY_SOURCE,
             if_not_provided: IfNotProvided = IfNotProvided.DENIAL,
             members: Sequence[str] = ()) -> VerificationItem:
    return VerificationItem(kind, "", status=VerificationStatus.REQUIRED, reason=reason,
                            sources=list(sources), if_not_provided=if_not_provided,
                            member_ids=list(members))


def not_applicable(kind: VerificationKind, reason: str) -> VerificationItem:
    return VerificationItem(kind, "", status=VerificationStatus.NOT_APPLICABLE, reason=reason)


def waived(kind: VerificationKind, reason: str) -> VerificationItem:
    return VerificationItem(kind, "", status=VerificationStatus.WAIVED, reason=reason)


# --- one rule per kind ------------------------------------------------------------------


def identity(f: Facts) -> VerificationItem:
    return required(VerificationKind.IDENTITY, "The applicant's identity is verified before "
                    f"a decision ({f.cite('7 CFR 273.2(f)(1)(vii)', '42 CFR 435.407')}).")


def income(f: Facts) -> VerificationItem:
    earners = list(dict.fromkeys(i.member_id for i in f.household.incomes if i.monthly_cents))
    if not earners:
        return not_applicable(
            VerificationKind.INCOME, "No income is reported: a statement of no income is "
            "verified only if it is questionable (7 CFR 273.2(f)(2)(i); 42 CFR 435.945(a)).")
    rules = f.cite("7 CFR 273.2(f)(1)(i)", "42 CFR 435.948, 435.952",
                   f"{TANF_RULE} (IEVS, 42 U.S.C. 1320b-7)")
    return required(VerificationKind.INCOME, "Income is reported: gross non-exempt income is "
                    f"verified before a decision ({rules}).", members=earners)


def residency(f: Facts) -> VerificationItem:
    medicaid = "42 CFR 435.956(c)"
    if f.household.expenses.homeless:
        rules = f.cite("7 CFR 273.2(f)(1)(vi), 273.3(a)", medicaid)
        return waived(VerificationKind.RESIDENCY, "The household is homeless: residency is "
                      "not verified where it cannot reasonably be, and no fixed address is "
                      f"required ({rules}).")
    if f.household.destitute_migrant_farmworker:
        rules = f.cite("7 CFR 273.2(f)(1)(vi)", medicaid)
        return waived(VerificationKind.RESIDENCY, "A migrant farmworker household: residency "
                      f"is not verified where it cannot reasonably be ({rules}).")
    return required(VerificationKind.RESIDENCY, "Residency in the State is verified "
                    f"({f.cite('7 CFR 273.2(f)(1)(vi)', medicaid)}).")


def household_composition(f: Facts) -> VerificationItem:
    if len(f.household.members) == 1:
        return not_applicable(VerificationKind.HOUSEHOLD_COMPOSITION,
                              "One person applies: there is no household composition to verify.")
    return not_applicable(VerificationKind.HOUSEHOLD_COMPOSITION,
                          "Who lives in the household is verified only if it is questionable "
                          "(7 CFR 273.2(f)(2)(i)).")


def ssn(f: Facts) -> VerificationItem:
    rules = f.cite("7 CFR 273.2(f)(1)(v)", "42 CFR 435.910(g)", "42 U.S.C. 1320b-7(a)(1)")
    return required(VerificationKind.SSN, "Each member's Social Security number is matched "
                    f"with SSA by the agency, and a decision does not wait for it ({rules}).",
                    sources=[VerificationSource.ELECTRONIC_MATCH],
                    if_not_provided=IfNotProvided.NO_DELAY,
                    members=f.members(lambda m: True))


def citizenship(f: Facts) -> VerificationItem:
    aliens = f.members(lambda m: m.non_citizen)
    if aliens and (f.snap or f.tanf):
        rules = f.cite("7 CFR 273.2(f)(1)(ii)", "42 CFR 435.956(a)(2)",
                       f"{TANF_RULE} (8 U.S.C. 1642)")
        return required(VerificationKind.CITIZENSHIP, "A member declares they are not a U.S. "
                        "citizen: their immigration status is verified with DHS (SAVE) before "
                        f"they are certified ({rules}).",
                        sources=[VerificationSource.DOCUMENTARY,
                                 VerificationSource.ELECTRONIC_MATCH],
                        members=f.members(lambda m: f.medicaid or m.non_citizen))
    if f.medicaid:
        return required(VerificationKind.CITIZENSHIP, "Medicaid verifies each applicant's "
                        "citizenship (with SSA) or immigration status (with DHS); coverage is "
                        "not held up meanwhile, during the reasonable opportunity period "
                        "(42 CFR 435.406, 435.956(a), 435.956(b)).",
                        sources=[VerificationSource.ELECTRONIC_MATCH,
                                 VerificationSource.DOCUMENTARY],
                        if_not_provided=IfNotProvided.NO_DELAY,
                        members=f.members(lambda m: True))
    return not_applicable(VerificationKind.CITIZENSHIP, "Every member declares U.S. "
                          "citizenship: it is verified only if questionable "
                          "(7 CFR 273.2(f)(2)(ii)).")


def disability(f: Facts) -> VerificationItem:
    disabled = f.members(lambda m: m.disabled)
    if not disabled:
        return not_applicable(VerificationKind.DISABILITY, "No member claims a disability.")
    rules = f.cite("7 CFR 273.2(f)(1)(viii)", "42 CFR 435.541")
    return required(VerificationKind.DISABILITY, "A member claims a disability: it is "
                    "verified, and one not verified is not counted (the case is decided as if "
                    f"the member were not disabled, not denied) ({rules}).",
                    sources=[VerificationSource.DOCUMENTARY,
                             VerificationSource.ELECTRONIC_MATCH],
                    if_not_provided=IfNotProvided.NOT_COUNTED, members=disabled)


def expenses(f: Facts) -> VerificationItem:
    if not (f.snap or f.tanf):
        return not_applicable(VerificationKind.EXPENSES, "Medicaid deducts no expenses from "
                              "income (MAGI, 42 CFR 435.603).")
    claimed = (any(_cents(f.household, kind) for kind in SHELTER_KINDS)
               or f.household.expenses.utilities != UtilityAllowance.NONE)
    if not claimed:
        return not_applicable(VerificationKind.EXPENSES, "No deductible expense is claimed.")
    rules = f.cite("7 CFR 273.2(f)(1)(iii), 273.2(f)(3)", "")
    return required(VerificationKind.EXPENSES, "Deductible expenses are claimed: one not "
                    "verified is not deducted, and the application is not denied for it "
                    f"({rules}).", sources=[VerificationSource.DOCUMENTARY,
                                            VerificationSource.COLLATERAL_CONTACT],
                    if_not_provided=IfNotProvided.NOT_COUNTED)


def medical_expenses(f: Facts) -> VerificationItem:
    if not f.snap:
        return not_applicable(VerificationKind.MEDICAL_EXPENSES, "Only SNAP deducts medical "
                              "expenses (7 CFR 273.9(d)(3)).")
    if not f.household.expenses.medical_out_of_pocket_cents:
        return not_applicable(VerificationKind.MEDICAL_EXPENSES, "No medical expense is "
                              "claimed.")
    deductible = f.members(lambda m: m.disabled or f.ages.get(m.id, 0) >= ELDERLY_AGE)
    if not deductible:
        return not_applicable(VerificationKind.MEDICAL_EXPENSES, "Medical expenses are "
                              "claimed, but only an elderly (60 or older) or disabled "
                              "member's are deductible (7 CFR 273.9(d)(3)).")
    return required(VerificationKind.MEDICAL_EXPENSES, "Medical expenses of an elderly or "
                    "disabled member are claimed: their amount is verified before they are "
                    "deducted, and one not verified is not deducted, not a ground for denial "
                    "(7 CFR 273.2(f)(1)(iv), 273.2(f)(3)).",
                    sources=[VerificationSource.DOCUMENTARY,
                             VerificationSource.COLLATERAL_CONTACT],
                    if_not_provided=IfNotProvided.NOT_COUNTED, members=deductible)


RULES: dict[VerificationKind, Callable[[Facts], VerificationItem]] = {
    VerificationKind.IDENTITY: identity,
    VerificationKind.INCOME: income,
    VerificationKind.RESIDENCY: residency,
    VerificationKind.HOUSEHOLD_COMPOSITION: household_composition,
    VerificationKind.EXPENSES: expenses,
    VerificationKind.SSN: ssn,
    VerificationKind.CITIZENSHIP: citizenship,
    VerificationKind.DISABILITY: disability,
    VerificationKind.MEDICAL_EXPENSES: medical_expenses,
}
"""Every kind has its rule (checked at import below)."""

assert set(RULES) == set(VerificationKind), "a verification kind has no rule"


# --- what a record does to the household ------------------------------------------------


def _cents(household: Household, kind: ExpenseKind) -> int:
    return int(getattr(household.expenses, f"{kind}_cents"))


def apply_amounts(
    household: Household, incomes: Sequence[Income], expenses: Sequence[VerifiedExpense]
) -> tuple[Household, dict[str, Any]]:
    """The household with the verified amounts in place of the declared ones: each income
    replaces the member's income of its kind (0 ends it), each expense its amount. Also
    returns what was there before, for `restore` (JSON-ready)."""
    before: dict[str, Any] = {
        "incomes": [{"member_id": i.member_id, "kind": str(i.kind),
                     "monthly_cents": _income(household, i.member_id, IncomeKind(i.kind))}
                    for i in incomes],
        "expenses": {str(e.kind): _cents(household, ExpenseKind(e.kind)) for e in expenses}}
    for verified in incomes:
        household = _set_income(household, verified)
    if expenses:
        given: dict[str, Any] = {f"{e.kind}_cents": e.monthly_cents for e in expenses}
        household = replace(household, expenses=replace(household.expenses, **given))
    return household, before


def restore(household: Household, before: Mapping[str, Any]) -> Household:
    """Put back what `apply_amounts` or `disallow` replaced: a rejection undoes its
    evidence, and evidence arriving after an item was not provided undoes the
    disallowance first."""
    for entry in before.get("incomes", []):
        household = _set_income(household, Income(entry["member_id"], IncomeKind(entry["kind"]),
                                                  entry["monthly_cents"]))
    given: dict[str, Any] = {f"{kind}_cents": cents
                             for kind, cents in before.get("expenses", {}).items()}
    if "utilities" in before:
        given["utilities"] = UtilityAllowance(before["utilities"])
    if given:
        household = replace(household, expenses=replace(household.expenses, **given))
    if before.get("disabled"):
        members = set(before["disabled"])
        household = replace(household, members=[replace(m, disabled=True) if m.id in members
                                                else m for m in household.members])
    return household


def disallow(household: Household, item: VerificationItem) -> tuple[Household, dict[str, Any]]:
    """The household as the case is decided when `item` was not provided and its absence
    only leaves out what it would prove (7 CFR 273.2(f)(3)): its claimed expenses are
    not deducted, a claimed disability is not counted. Also returns what it replaced."""
    kind = VerificationKind(item.kind)
    if kind is VerificationKind.DISABILITY:
        members = set(item.member_ids)
        return (replace(household, members=[replace(m, disabled=False) if m.id in members
                                            else m for m in household.members]),
                {"disabled": sorted(members)})
    if kind in (VerificationKind.EXPENSES, VerificationKind.MEDICAL_EXPENSES):
        kinds = list(MEDICAL_KINDS) if kind is VerificationKind.MEDICAL_EXPENSES else list(
            SHELTER_KINDS)
        zeroed, before = apply_amounts(household, [], [VerifiedExpense(k, 0) for k in kinds])
        if kind is VerificationKind.EXPENSES:
            before["utilities"] = str(household.expenses.utilities)
            zeroed = replace(zeroed, expenses=replace(zeroed.expenses,
                                                      utilities=UtilityAllowance.NONE))
        return zeroed, before
    return household, {}


def _income(household: Household, member_id: str, kind: IncomeKind) -> int:
    return sum(i.monthly_cents for i in household.incomes
               if (i.member_id, i.kind) == (member_id, kind))


def _set_income(household: Household, new: Income) -> Household:
    """`new` takes the place of the member's income of its kind (all of it, if they had
    several entries of that kind) where the first of them was, or joins the list; 0
    cents ends it."""
    key = (new.member_id, new.kind)
    same = [n for n, i in enumerate(household.incomes) if (i.member_id, i.kind) == key]
    kept = [i for n, i in enumerate(household.incomes) if n not in same]
    if new.monthly_cents:
        kept.insert(same[0] if same else len(kept),
                    Income(new.member_id, IncomeKind(new.kind), new.monthly_cents))
    return replace(household, incomes=kept)


def undone_by_rejection(history: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What to put back when the current evidence is rejected: for each amount the
    evidence since the last rejection (or not-provided record) replaced, the value it had
    before the first of them, the declared one. `history` is the item's entries' amounts,
    oldest first, each with its action."""
    chain: list[Mapping[str, Any]] = []
    for entry in history:
        if entry["action"] in (VerificationAction.REJECTED, VerificationAction.NOT_PROVIDED):
            chain = []
        else:
            chain.append(entry.get("replaced", {}))
    incomes: dict[tuple[str, str], dict[str, Any]] = {}
    expenses: dict[str, int] = {}
    for before in chain:
        for entry in before.get("incomes", []):
            incomes.setdefault((entry["member_id"], entry["kind"]), dict(entry))
        for kind, cents in before.get("expenses", {}).items():
            expenses.setdefault(kind, cents)
    return {"incomes": list(incomes.values()), "expenses": expenses}
