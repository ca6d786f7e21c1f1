"""The one set of field rules every service and the workflow's validators share."""

from __future__ import annotations

from datetime import date

import pytest

from common.errors import InvalidField
from common.validate import (
    MAX_CODE_LENGTH,
    MAX_ID_LENGTH,
    MAX_KEY_LENGTH,
    Violations,
    parse_date,
    parse_month,
    require_case_id,
)


@pytest.mark.parametrize("text", [
    "20260105",      # Python's date.fromisoformat reads the basic form
    "2026-W02-1",    # and ISO week dates
    "2026-1-05", "2026-02-30", " 2026-01-05", "",
    "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0665",  # Arabic-Indic digits, which \d matches
])
def test_only_a_strict_calendar_date_is_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_a_strict_date_parses() -> None:
    assert parse_date("2028-02-29") == date(2028, 2, 29)


@pytest.mark.parametrize(("text", "first"), [
    ("2026-01", date(2026, 1, 1)), ("2026-12", date(2026, 12, 1)),
    ("2026-13", None), ("2026-00", None), ("202601", None), ("2026-1", None),
])
def test_a_benefit_month_is_yyyy_mm(text: str, first: date | None) -> None:
    assert parse_month(text) == first


def test_every_bad_field_is_named_together_and_no_value_is_echoed() -> None:
    bad = Violations()
    bad.case_id("CASE-1")
    bad.identifier("x" * (MAX_ID_LENGTH + 1), "member_id")
    bad.key("k" * (MAX_KEY_LENGTH + 1), "idempotency_key")
    bad.state("ZZ", "state")
    bad.zip("6065", "zip")
    bad.month("", "period")
    with pytest.raises(InvalidField) as raised:
        bad.raise_if_any()
    assert raised.value.violations == [
        ("case_id", "must be a case id (32 lower-case hex digits)"),
        ("member_id", f"must be at most {MAX_ID_LENGTH} characters"),
        ("idempotency_key", f"must be at most {MAX_KEY_LENGTH} characters"),
        ("state", "must be the two-letter USPS code of a state or DC"),
        ("zip", "must be a ZIP code (5 digits, or ZIP+4)"),
        ("period", "is required"),
    ]
    assert "CASE-1" not in str(raised.value)


def test_a_zip_plus_four_keeps_its_five_digit_zip() -> None:
    bad = Violations()
    assert bad.zip("60657-1234", "zip") == "60657"
    assert bad.zip("60657", "zip") == "60657"
    bad.raise_if_any()


def test_a_case_id_is_what_intake_mints() -> None:
    assert require_case_id("0f" * 16) == "0f" * 16
    with pytest.raises(InvalidField):
        require_case_id("")


@pytest.mark.parametrize("code", ["MEDICAID_APPLICATION", "SNAP_APPLICATION_PROCESSING", "A1",
                                  "X" * MAX_CODE_LENGTH])
def test_a_code_is_upper_snake_case(code: str) -> None:
    found = Violations()
    assert found.code(code, "code") == code
    found.raise_if_any()


@pytest.mark.parametrize(("code", "problem"), [
    ("", "is required"),
    ("X" * (MAX_CODE_LENGTH + 1), f"must be at most {MAX_CODE_LENGTH} characters"),
    *((bad, "must be a code in upper snake case, e.g. SNAP_APPLICATION_PROCESSING")
      for bad in ("medicaid_application", "MEDICAID__APPLICATION", "_MEDICAID", "MEDICAID_",
                  "1MEDICAID", "MEDICAID APPLICATION", "MEDICAID-APPLICATION",
                  "M\u00c9DICAID", " MEDICAID")),
])
def test_a_code_in_any_other_shape_is_named(code: str, problem: str) -> None:
    found = Violations()
    found.code(code, "code")
    with pytest.raises(InvalidField) as raised:
        found.raise_if_any()
    assert raised.value.violations == [("code", problem)]
