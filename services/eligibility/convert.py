"""Proto <-> domain, here and nowhere else. Requests become the batch JSON form so one
parser validates both doors and names fields the same way (`request.household.members[0].age`)."""

from __future__ import annotations

from typing import Any

from casework.v1 import common_pb2, eligibility_pb2

from services.eligibility.engine.expedited import ExpeditedScreen
from services.eligibility.engine.household import HouseholdError, HouseholdRequest, parse_request
from services.eligibility.engine.result import Determination, Line, ProgramResult

PROGRAMS = {"SNAP": common_pb2.PROGRAM_SNAP, "TANF": common_pb2.PROGRAM_TANF,
            "MEDICAID": common_pb2.PROGRAM_MEDICAID}
PROGRAMS_BACK = {v: k for k, v in PROGRAMS.items()}


def _enum_name(enum: Any, value: int, prefix: str) -> str | None:
    """RELATIONSHIP_CHILD -> child; the unspecified zero value -> None (so it is 'required')."""
    if value == 0:
        return None
    try:
        return enum.Name(value).removeprefix(prefix).lower()
    except ValueError:
        return f"unknown value {value}"


def household_json(h: common_pb2.Household) -> dict[str, Any]:
    """The JSON form of a proto household (issue 3's batch form)."""
    e = h.expenses
    return {
        "state": h.state,
        "members": [{"id": m.id, "age": m.age,
                     "relationship": _enum_name(common_pb2.Relationship, m.relationship,
                                                "RELATIONSHIP_"),
                     "disabled": m.disabled, "student": m.student, "pregnant": m.pregnant}
                    for m in h.members],
        "incomes": [{"member_id": i.member_id,
                     "kind": _enum_name(common_pb2.IncomeKind, i.kind, "INCOME_KIND_"),
                     "monthly_cents": i.monthly_cents} for i in h.incomes],
        "expenses": {
            "rent_cents": e.rent_cents, "property_tax_cents": e.property_tax_cents,
            "homeowners_insurance_cents": e.homeowners_insurance_cents,
            "utilities": _enum_name(common_pb2.UtilityAllowance, e.utilities,
                                    "UTILITY_ALLOWANCE_") or "none",
            "dependent_care_cents": e.dependent_care_cents,
            "child_support_paid_cents": e.child_support_paid_cents,
            "medical_out_of_pocket_cents": e.medical_out_of_pocket_cents,
            "homeless": e.homeless,
        },
        "assets": {"liquid_cents": h.assets.liquid_cents},
        "destitute_migrant_farmworker": h.destitute_migrant_farmworker,
    }


def request_from_pb(r: eligibility_pb2.HouseholdRequest, prefix: str = "request."
                    ) -> HouseholdRequest:
    """Validate and convert; raises `HouseholdError` with fields named from `prefix`."""
    programs = []
    for n, p in enumerate(r.programs):
        if p not in PROGRAMS_BACK:
            raise HouseholdError([(f"{prefix}programs[{n}]", "must be SNAP, TANF or MEDICAID")])
        programs.append(PROGRAMS_BACK[p])
    data = {**household_json(r.household), "id": r.id, "period": r.period,
            "application_date": r.application_date or None, "programs": programs}
    return parse_request(data, prefix, f"{prefix}household.")


def _line(line: Line) -> eligibility_pb2.ExplanationStep:
    return eligibility_pb2.ExplanationStep(text=line.text, amount_cents=line.cents,
                                           citation=line.citation)


def program_to_pb(p: ProgramResult) -> eligibility_pb2.ProgramDetermination:
    return eligibility_pb2.ProgramDetermination(
        program=PROGRAMS[p.program], eligible=p.eligible,
        monthly_benefit_cents=p.monthly_benefit_cents, denial_reasons=p.denial_reasons,
        explanation=[_line(line) for line in p.lines],
        gross_income_cents=p.gross_income_cents, net_income_cents=p.net_income_cents,
        members=[eligibility_pb2.MemberCoverage(member_id=m.member_id, eligible=m.eligible,
                                                category=m.category,
                                                income_limit_cents=m.income_limit_cents)
                 for m in p.members])


def determination_to_pb(d: Determination) -> eligibility_pb2.Determination:
    return eligibility_pb2.Determination(
        id=d.id, period=d.period, state=d.state,
        programs=[program_to_pb(p) for p in d.programs],
        parameters=[eligibility_pb2.ParameterUsed(name=u.name,
                                                  effective_date=u.effective_date.isoformat(),
                                                  citation=u.citation)
                    for u in d.parameters])


def screen_to_pb(s: ExpeditedScreen) -> eligibility_pb2.ScreenExpeditedResponse:
    return eligibility_pb2.ScreenExpeditedResponse(
        expedited=s.expedited, criteria=list(s.criteria),
        explanation=[_line(line) for line in s.lines])
