"""The partial state tables of SNAP options (a state listed takes the option; a state not
listed does not): each names only real states, holds values of its unit, cites the rule and
says where each dated value comes from."""

from __future__ import annotations

import pytest

from common.validate import USPS_STATES
from tests.unit.eligibility.helpers import RULEBOOK

OPTION_TABLES = {
    "snap.deductions.shelter.homeless_costs_presumed": bool,
    "snap.income.child_support_paid_excluded": bool,
}


@pytest.mark.parametrize("name", sorted(OPTION_TABLES))
def test_an_option_table_names_real_states_with_sourced_values(name: str) -> None:
    parameter = RULEBOOK[name]
    assert parameter.by == "state" and parameter.citation.startswith("7 ")
    for entry in parameter.values:
        assert entry.source, (name, entry.start)
        assert entry.value and set(entry.value) <= USPS_STATES, (name, entry.start)
        assert all(isinstance(v, OPTION_TABLES[name]) for v in entry.value.values())
