from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from services.eligibility.engine.rulebook import NotInForce, Rulebook, RulebookError, by_size
from tests.unit.eligibility.helpers import RULEBOOK


def test_file_path_is_the_dotted_name() -> None:
    assert RULEBOOK["snap.deductions.earned_income"].name == "snap.deductions.earned_income"
    assert "snap.utility_allowances.heating_cooling" in RULEBOOK


def test_value_in_force_is_the_newest_started_on_or_before_the_day() -> None:
    allotment = RULEBOOK["snap.max_allotment.contiguous"]
    assert allotment.at(date(2025, 9, 30))[4] == 97500      # FY2025
    assert allotment.at(date(2025, 10, 1))[4] == 99400      # FY2026 from its first day
    entry = allotment.entry_at(date(2026, 3, 1))
    assert entry.start == date(2025, 10, 1)
    assert "FY 2026" in (entry.source or "").replace("Fiscal Year", "FY")


def test_a_day_before_the_first_value_is_not_in_force() -> None:
    with pytest.raises(NotInForce):
        RULEBOOK["snap.max_allotment.contiguous"].at(date(2020, 1, 1))


def test_ratios_load_as_decimal_and_cents_as_int() -> None:
    assert RULEBOOK["snap.deductions.earned_income"].at(date(2026, 1, 1)) == Decimal("0.20")
    assert isinstance(RULEBOOK["snap.deductions.medical_threshold"].at(date(2026, 1, 1)), int)


def test_values_are_newest_first() -> None:
    for parameter in RULEBOOK.values():
        starts = [e.start for e in parameter.values]
        assert starts == sorted(starts, reverse=True), parameter.name


def test_every_parameter_has_description_unit_and_citation() -> None:
    for parameter in RULEBOOK.values():
        assert parameter.description and parameter.unit and parameter.citation, parameter.name


def test_household_size_tables_extend_past_their_last_size() -> None:
    table = RULEBOOK["snap.max_allotment.contiguous"].at(date(2026, 1, 1))
    assert by_size(table, 8) == 178900
    assert by_size(table, 10) == 178900 + 2 * 21800
    standard = RULEBOOK["snap.deductions.standard.contiguous"].at(date(2026, 1, 1))
    assert by_size(standard, 9) == standard[6]      # the 6 entry is "6 or more"


def test_a_malformed_file_is_refused_at_load(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("description: d\nunit: furlongs\ncitation: c\n"
                                     "values:\n  2020-01-01: 1\n")
    with pytest.raises(RulebookError, match="unit"):
        Rulebook.load(tmp_path)
    (tmp_path / "x.yaml").write_text("description: d: e\n")
    with pytest.raises(RulebookError, match="YAML"):
        Rulebook.load(tmp_path)


def test_plain_and_sourced_values_both_load(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.yaml").write_text(
        "description: d\nunit: ratio\ncitation: c\nvalues:\n  2005-01-01: 0.20\n"
        "  2010-01-01: {value: 0.25, source: s}\n")
    parameter = Rulebook.load(tmp_path)["a.b"]
    assert parameter.at(date(2006, 1, 1)) == Decimal("0.20")
    assert parameter.entry_at(date(2011, 1, 1)).source == "s"


def test_a_state_table_can_hold_household_size_tables(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "description: d\nunit: cents\nby: state\nthen_by: household_size\ncitation: c\n"
        "values:\n  2024-10-01: {value: {az: {1: 100, 4: 200}, NC: {1: 5, 2: 7}}, source: s}\n")
    parameter = Rulebook.load(tmp_path)["t"]
    table = parameter.at(date(2025, 1, 1))
    assert parameter.then_by == "household_size"
    assert table == {"AZ": {1: 100, 4: 200}, "NC": {1: 5, 2: 7}}
    assert by_size(table["AZ"], 3) == 100 and by_size(table["AZ"], 6) == 200


def test_then_by_needs_a_by_and_nested_mappings(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "description: d\nunit: cents\nthen_by: household_size\ncitation: c\n"
        "values:\n  2024-10-01: {AZ: {1: 100}}\n")
    with pytest.raises(RulebookError, match="then_by"):
        Rulebook.load(tmp_path)
    (tmp_path / "t.yaml").write_text(
        "description: d\nunit: cents\nby: state\nthen_by: household_size\ncitation: c\n"
        "values:\n  2024-10-01: {AZ: 100}\n")
    with pytest.raises(RulebookError, match="mapping"):
        Rulebook.load(tmp_path)


def test_utility_allowances_by_household_size_load() -> None:
    hcsua = RULEBOOK["snap.utility_allowances.by_household_size.heating_cooling"]
    assert sorted(hcsua.at(date(2025, 1, 1))) == ["AZ", "NC", "TN", "VA"]
    assert by_size(hcsua.at(date(2026, 1, 1))["NC"], 7) == 91200   # 5 means five or more
