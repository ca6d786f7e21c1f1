"""Properties that hold for any household: more earnings never raise SNAP, and a household
above every limit is never eligible for anything."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from common.validate import USPS_STATES
from services.eligibility.engine.determine import determine
from services.eligibility.engine.household import UtilityAllowance
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK

PERIODS = ("2024-11", "2025-03", "2025-10", "2026-01", "2026-06")


@st.composite
def households(draw: st.DrawFn) -> dict[str, Any]:
    size = draw(st.integers(1, 9))
    members = [{"id": f"m{n}", "age": draw(st.integers(0, 90)),
                "relationship": "head" if n == 0 else draw(st.sampled_from(
                    ["spouse", "child", "other_relative", "unrelated"])),
                "disabled": draw(st.booleans()), "pregnant": draw(st.booleans())}
               for n in range(size)]
    incomes = [{"member_id": f"m{draw(st.integers(0, size - 1))}",
                "kind": draw(st.sampled_from(["social_security", "ssi", "unemployment",
                                              "child_support_received", "pension"])),
                "monthly_cents": draw(st.integers(0, 400000))}
               for _ in range(draw(st.integers(0, 2)))]
    return {
        "id": "p", "state": draw(st.sampled_from(sorted(USPS_STATES))),
        "period": draw(st.sampled_from(PERIODS)),
        "members": members, "incomes": incomes,
        "expenses": {"rent_cents": draw(st.integers(0, 300000)),
                     "utilities": draw(st.sampled_from([u.value for u in UtilityAllowance])),
                     "dependent_care_cents": draw(st.integers(0, 50000)),
                     "medical_out_of_pocket_cents": draw(st.integers(0, 50000)),
                     "homeless": draw(st.booleans())},
        "assets": {"liquid_cents": draw(st.integers(0, 600000))},
    }


def with_wages(line: dict[str, Any], cents: int) -> dict[str, Any]:
    return {**line, "incomes": [*line["incomes"],
                                {"member_id": "m0", "kind": "wages", "monthly_cents": cents}]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.integers(0, 600000), st.integers(1, 200000))
def test_more_earned_income_never_raises_the_snap_allotment(
        line: dict[str, Any], wages: int, more: int) -> None:
    less = determine(parse_request(with_wages(line, wages)), RULEBOOK).program("SNAP")
    most = determine(parse_request(with_wages(line, wages + more)), RULEBOOK).program("SNAP")
    assert most.monthly_benefit_cents <= less.monthly_benefit_cents


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households())
def test_a_household_above_every_limit_is_never_eligible(line: dict[str, Any]) -> None:
    # $100,000 a month of wages and $10 million in the bank is over every income and
    # resource limit of every program and state. The earner is a member of their own, who
    # gets no SSI: a household all on SSI is eligible whatever its income (7 CFR
    # 273.2(j)(2)(i)).
    rich = {**line, "members": [*line["members"],
                                {"id": "earner", "age": 40, "relationship": "other_relative"}],
            "incomes": [*line["incomes"],
                        {"member_id": "earner", "kind": "wages", "monthly_cents": 10_000_000}]}
    rich["assets"] = {"liquid_cents": 1_000_000_000}
    determination = determine(parse_request(rich), RULEBOOK)
    for program in determination.programs:
        assert not program.eligible, program.program
        assert program.monthly_benefit_cents == 0
    medicaid = determination.program("MEDICAID")
    assert not any(m.eligible for m in medicaid.members)
