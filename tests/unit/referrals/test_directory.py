"""The seed directory is complete and well-formed before a migration ever loads it."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from common.validate import USPS_STATES
from services.referrals.domain import Need

DIRECTORY = Path(__file__).resolve().parents[3] / "services" / "referrals" / "directory.yaml"
ENTRIES: list[dict[str, Any]] = yaml.safe_load(DIRECTORY.read_text())["resources"]
COUNTIES = {"IL": {"Cook", "Champaign", "Sangamon"}, "OR": {"Multnomah", "Lane", "Marion"}}


def test_the_directory_has_at_least_forty_resources_with_unique_ids() -> None:
    ids = [entry["id"] for entry in ENTRIES]
    assert len(ids) >= 40
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize("state", sorted(COUNTIES))
def test_every_need_is_served_in_each_state(state: str) -> None:
    served = {need for e in ENTRIES if e["state"] == state for need in e["needs"]}
    assert served == {need.value for need in Need}


@pytest.mark.parametrize(("state", "county"),
                         [(s, c) for s, counties in COUNTIES.items() for c in sorted(counties)])
def test_each_seeded_county_has_local_food_housing_and_employment_help(
    state: str, county: str
) -> None:
    served = {need for e in ENTRIES if (e["state"], e["county"]) == (state, county)
              for need in e["needs"]}
    assert {"food", "housing", "employment"} <= served


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry["id"])
def test_each_entry_is_well_formed(entry: dict[str, Any]) -> None:
    assert entry["state"] in USPS_STATES
    assert set(entry["needs"]) <= {need.value for need in Need} and entry["needs"]
    # Fictional numbers only: 555-0100 to 555-0199 are reserved for fiction.
    assert re.fullmatch(r"\([0-9]{3}\) 555-01[0-9]{2}", entry["phone"])
    if entry["county"]:
        assert entry["county"] in COUNTIES[entry["state"]]
        assert re.fullmatch(r"[0-9]{5}", entry["zip"])
    else:
        assert entry["zip"] == "", "a statewide service has no ZIP"
    assert all(entry[field] for field in ("name", "city", "address", "hours",
                                          "eligibility_notes"))
