"""The partial state tables of SNAP options (a state listed takes the option; a state not
listed does not): each names only real states, holds values of its unit, cites the rule and
says where each dated value comes from."""

from __future__ import annotations

import pytest

from common.validate import USPS_STATES
from services.eligibility.engine.determine import determine
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line

OPTION_TABLES = {
    "snap.deductions.shelter.homeless_costs_presumed": bool,
    "snap.income.child_support_paid_excluded": bool,
    "snap.state_minimum_benefit.amount": int,
    "snap.state_minimum_benefit.age": int,
}


@pytest.mark.parametrize("name", sorted(OPTION_TABLES))
def test_an_option_table_names_real_states_with_sourced_values(name: str) -> None:
    parameter = RULEBOOK[name]
    assert parameter.by == "state" and parameter.citation
    for entry in parameter.values:
        assert entry.source, (name, entry.start)
        assert entry.value and set(entry.value) <= USPS_STATES, (name, entry.start)
        assert all(isinstance(v, OPTION_TABLES[name]) for v in entry.value.values())


def state_lines(**overrides: object) -> dict[str, int]:
    """SNAP's lines for a couple on $2,300 Social Security (federal minimum benefit, $24)."""
    line = a_line(members=[{"id": "a", "age": 70, "relationship": "head"},
                           {"id": "b", "age": 68, "relationship": "spouse"}],
                  incomes=[{"member_id": "a", "kind": "social_security",
                            "monthly_cents": 230000}], expenses={}) | overrides
    snap = determine(parse_request(line), RULEBOOK).program("SNAP")
    assert snap.monthly_benefit_cents in (0, 2400)
    return {ln.text: ln.cents for ln in snap.lines if "state minimum benefit" in ln.text}


def test_maryland_pays_its_minimum_only_with_a_member_60_or_older() -> None:
    assert list(state_lines(state="MD").values()) == [2600]
    younger = [{"id": "a", "age": 59, "relationship": "head"},
               {"id": "b", "age": 50, "relationship": "spouse"}]
    assert state_lines(state="MD", members=younger) == {}


def test_no_state_minimum_in_a_prorated_month_or_a_state_without_one() -> None:
    assert state_lines(state="NJ", application_date="2026-01-02") == {}
    assert state_lines(state="IL") == {}
