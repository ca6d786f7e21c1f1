"""The state-by-state parameter tables: every jurisdiction has a value in force for both
fiscal years, values are in range, and every file carries its description, unit, citation and
sources. The files are read with PyYAML directly, so a broken table fails here even if the
engine's loader changes; a last test reads them through the engine's Rulebook too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from services.eligibility.engine.rulebook import Rulebook

ROOT = Path(__file__).resolve().parents[3]
PARAMETERS = ROOT / "services" / "eligibility" / "parameters"

STATES = sorted(
    "AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE "
    "NH NJ NM NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY".split()
)
DAYS = {"FY2025": dt.date(2025, 1, 15), "FY2026": dt.date(2026, 1, 15)}

SNAP_TABLES = {
    "snap.utility_allowances.heating_cooling": "cents",
    "snap.utility_allowances.limited": "cents",
    "snap.utility_allowances.telephone": "cents",
    "snap.bbce.gross_income_limit": "ratio",
    "snap.bbce.asset_limit": "cents",
    "snap.bbce.net_income_test": "bool",
}
MEDICAID_TABLES = {
    "medicaid.expansion": "bool",
    "medicaid.adult_limit": "ratio",
    "medicaid.parent_limit": "ratio",
    "medicaid.infant_limit": "ratio",
    "medicaid.child_1_5_limit": "ratio",
    "medicaid.child_limit": "ratio",
    "medicaid.pregnant_limit": "ratio",
}
TABLES = {**SNAP_TABLES, **MEDICAID_TABLES}

# Hawaii sets only individual utility standards (HAR 17-676-73); it has no HCSUA.
NO_HCSUA = {"HI"}
# DC covered expansion-group adults to 210% FPL (+5) until it cut back to 133% in 2026.
ADULT_LIMIT_ABOVE_133 = {("DC", "FY2025")}


def _load(name: str) -> dict:
    path = PARAMETERS.joinpath(*name.split(".")).with_suffix(".yaml")
    return yaml.safe_load(path.read_text())


FILES = {name: _load(name) for name in TABLES}


def _at(name: str, day: dt.date):
    """The state table in force on `day`: the latest entry starting on or before it."""
    starts = [start for start in FILES[name]["values"] if start <= day]
    assert starts, f"{name}: nothing in force on {day}"
    return FILES[name]["values"][max(starts)]["value"]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_file_is_well_formed(name: str) -> None:
    data = FILES[name]
    assert data["description"].strip()
    assert data["citation"].strip()
    assert data["unit"] == TABLES[name]
    assert data["by"] == "state"
    starts = list(data["values"])
    assert all(isinstance(start, dt.date) for start in starts)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for start, entry in data["values"].items():
        assert str(entry.get("source") or "").strip(), f"{name} {start}: no source"
        assert sorted(entry["value"]) == STATES, f"{name} {start}: not exactly the 51 keys"
        assert list(entry["value"]) == STATES, f"{name} {start}: keys not sorted"


@pytest.mark.parametrize("year", sorted(DAYS))
@pytest.mark.parametrize("state", STATES)
def test_state_has_every_table_in_force(state: str, year: str) -> None:
    day = DAYS[year]
    for name, unit in TABLES.items():
        table = _at(name, day)
        assert state in table, f"{name}: no key for {state}"
        value = table[state]
        if unit == "bool":
            assert isinstance(value, bool), f"{name}[{state}] is not true/false"
        elif value is not None:
            assert not isinstance(value, bool)
            if unit == "cents":
                assert isinstance(value, int), f"{name}[{state}] is not whole cents"


@pytest.mark.parametrize("year", sorted(DAYS))
@pytest.mark.parametrize("state", STATES)
def test_utility_allowances(state: str, year: str) -> None:
    day = DAYS[year]
    hcsua = _at("snap.utility_allowances.heating_cooling", day)[state]
    if state in NO_HCSUA:
        assert hcsua is None
    else:
        assert isinstance(hcsua, int) and not isinstance(hcsua, bool) and hcsua > 0
    for name in ("snap.utility_allowances.limited", "snap.utility_allowances.telephone"):
        value = _at(name, day)[state]
        if value is None:
            continue
        assert isinstance(value, int) and value > 0, f"{name}[{state}]"
        if hcsua is not None:
            assert value <= hcsua, f"{name}[{state}] above the HCSUA"


@pytest.mark.parametrize("year", sorted(DAYS))
@pytest.mark.parametrize("state", STATES)
def test_bbce(state: str, year: str) -> None:
    day = DAYS[year]
    gross = _at("snap.bbce.gross_income_limit", day)[state]
    assets = _at("snap.bbce.asset_limit", day)[state]
    net = _at("snap.bbce.net_income_test", day)[state]
    if gross is None:
        assert assets is None and net is False, "a state without BBCE has no BBCE options"
    else:
        assert 1.30 <= gross <= 2.00
    if assets is not None:
        assert isinstance(assets, int) and assets > 0


@pytest.mark.parametrize("year", sorted(DAYS))
@pytest.mark.parametrize("state", STATES)
def test_medicaid_limits(state: str, year: str) -> None:
    day = DAYS[year]
    expansion = _at("medicaid.expansion", day)[state]
    adult = _at("medicaid.adult_limit", day)[state]
    if expansion:
        if (state, year) in ADULT_LIMIT_ABOVE_133:
            assert adult > 1.33
        else:
            assert adult == pytest.approx(1.33)
    else:
        assert adult is None
    for name in ("parent_limit", "infant_limit", "child_1_5_limit", "child_limit",
                 "pregnant_limit"):
        value = _at(f"medicaid.{name}", day)[state]
        assert isinstance(value, float | int) and not isinstance(value, bool), name
        # stored without the 5-point MAGI disregard, so never a "+5" figure like 1.38
        assert 0 < value < 4.10, f"{name}[{state}] = {value}"
    for name in ("infant_limit", "child_1_5_limit", "child_limit", "pregnant_limit"):
        # federal floors: 133% for children and pregnant women (42 CFR 435.116, 435.118)
        assert _at(f"medicaid.{name}", day)[state] >= 1.33, name
    if expansion:
        assert _at("medicaid.parent_limit", day)[state] >= 1.33


def test_sample_figures() -> None:
    """Figures checked by hand against the published tables."""
    fy25, fy26 = DAYS["FY2025"], DAYS["FY2026"]
    hcsua = "snap.utility_allowances.heating_cooling"
    # Illinois FY 2025: HCSUA $532, LUA $445, telephone $65 (IDHS, reported December 2024).
    assert _at(hcsua, fy25)["IL"] == 53200
    assert _at("snap.utility_allowances.limited", fy25)["IL"] == 44500
    assert _at("snap.utility_allowances.telephone", fy25)["IL"] == 6500
    assert _at(hcsua, fy26)["IL"] == 54600
    # Louisiana's BBCE limit is 200% (LAC 67:III-1953); Texas keeps a $5,000 asset test.
    assert _at("snap.bbce.gross_income_limit", fy25)["LA"] == 2.00
    assert _at("snap.bbce.asset_limit", fy25)["TX"] == 500000
    # Expansion adults: 133% before the disregard; Illinois children 313% (CMS).
    assert _at("medicaid.adult_limit", fy26)["IL"] == pytest.approx(1.33)
    assert _at("medicaid.infant_limit", fy25)["IL"] == pytest.approx(3.13)


# States that set an allowance by household size; their row in the flat table above is the
# default the FNS table names (the one-person or one-to-three-person figure).
BY_SIZE = {
    "snap.utility_allowances.by_household_size.heating_cooling":
        "snap.utility_allowances.heating_cooling",
    "snap.utility_allowances.by_household_size.limited": "snap.utility_allowances.limited",
}
BY_SIZE_FILES = {name: _load(name) for name in BY_SIZE}


@pytest.mark.parametrize("name", sorted(BY_SIZE))
def test_by_household_size_tables(name: str) -> None:
    data = BY_SIZE_FILES[name]
    assert data["description"].strip() and data["citation"].strip()
    assert data["unit"] == "cents" and data["by"] == "state"
    assert data["then_by"] == "household_size"
    starts = list(data["values"])
    assert starts == sorted(starts)
    for year, day in DAYS.items():
        start = max(s for s in starts if s <= day)
        entry = data["values"][start]
        assert str(entry.get("source") or "").strip(), f"{name} {start}: no source"
        assert list(entry["value"]) == sorted(entry["value"]), f"{name} {start}: keys not sorted"
        for state, sizes in entry["value"].items():
            assert state in STATES, state
            assert list(sizes) == list(range(1, len(sizes) + 1)), f"{name}[{state}] sizes"
            assert all(isinstance(v, int) and v > 0 for v in sizes.values()), state
            assert list(sizes.values()) == sorted(sizes.values()), f"{name}[{state}] {year}"
            # the flat table keeps the documented default: this state's one-person figure
            assert _at(BY_SIZE[name], day)[state] == sizes[1], f"{name}[{state}] {year}"
            if name.endswith("limited"):
                hcsua = BY_SIZE_FILES["snap.utility_allowances.by_household_size.heating_cooling"]
                full = hcsua["values"][start]["value"].get(state)
                if full:
                    for size, value in sizes.items():
                        assert value <= full.get(size, full[max(full)]), (state, size)


@pytest.mark.parametrize("year", sorted(DAYS))
def test_tables_load_through_the_rulebook(year: str) -> None:
    rulebook = Rulebook.load()
    day = DAYS[year]
    for name in TABLES:
        table = rulebook[name].at(day)
        assert sorted(table) == STATES, name
    hcsua = rulebook["snap.utility_allowances.heating_cooling"].at(day)
    assert isinstance(hcsua["IL"], int) and hcsua["IL"] > 0
    fy2026 = rulebook["snap.utility_allowances.heating_cooling"].at(dt.date(2026, 1, 15))
    assert fy2026["IL"] == 54600
    ratio = rulebook["snap.bbce.gross_income_limit"].at(day)["IL"]
    assert ratio == Decimal("1.65")
