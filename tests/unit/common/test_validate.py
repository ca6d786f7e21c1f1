"""The one set of field rules every service and the workflow's validators share."""

from __future__ import annotations

from datetime import date

import pytest
from casework.v1 import intake_pb2

from common.errors import InvalidField
from common.validate import (
    MAX_CODE_LENGTH,
    MAX_ID_LENGTH,
    MAX_KEY_LENGTH,
    Violations,
    parse_date,
    parse_month,
    refuse_nul,
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
    ("0000-01", None), ("0001-01", date(1, 1, 1)),
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


def problems(check: str, value: str) -> list[tuple[str, str]]:
    """What `Violations.<check>` says of `value` in a field named `field`."""
    bad = Violations()
    getattr(bad, check)(value, "field")
    try:
        bad.raise_if_any()
    except InvalidField as raised:
        return raised.violations
    return []


@pytest.mark.parametrize("ssn", ["219-09-9999", "219099999", "001-01-0001", "665-99-9999",
                                 "667-01-0001", "899-99-9999"])
def test_an_ssn_ssa_could_issue_is_kept_as_its_nine_digits(ssn: str) -> None:
    bad = Violations()
    assert bad.ssn(ssn, "ssn") == ssn.replace("-", "")
    bad.raise_if_any()


UNISSUED = ("is not a number SSA issues (it never issues area 000, 666 or 900-999, group 00 or "
            "serial 0000)")
MALFORMED = "must be a Social Security number as 123456789 or 123-45-6789"


@pytest.mark.parametrize(("ssn", "problem"), [
    ("000-12-3456", UNISSUED), ("666-12-3456", UNISSUED), ("900-12-3456", UNISSUED),
    ("987-65-4321", UNISSUED), ("999-99-9999", UNISSUED), ("123-00-4567", UNISSUED),
    ("123-45-0000", UNISSUED), ("123-456789", MALFORMED), ("12345-6789", MALFORMED),
    ("12345678", MALFORMED), ("1234567890", MALFORMED), ("123 45 6789", MALFORMED),
    (" 123456789", MALFORMED), ("12a456789", MALFORMED),
    ("\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", MALFORMED),  # Arabic-Indic
    ("", "is required"),
])
def test_a_bad_ssn_is_refused_naming_the_field_in_words_that_never_echo_it(
        ssn: str, problem: str) -> None:
    # One fixed sentence per kind of problem, whatever the number: none can carry it.
    assert problems("ssn", ssn) == [("field", problem)]


@pytest.mark.parametrize("phone", ["(312) 555-0142", "312-555-0142", "312.555.0142",
                                   "3125550142", "+1 312 555 0142", "1-312-555-0142"])
def test_a_north_american_phone_number_is_kept_as_its_ten_digits(phone: str) -> None:
    bad = Violations()
    assert bad.phone(phone, "phone") == "3125550142"
    bad.raise_if_any()


@pytest.mark.parametrize("phone", ["555-0199", "(012) 555-0199", "(312) 155-0199",
                                   "+44 20 7946 0958", "312-555-01993", "312/555/0199",
                                   "312-555-O199"])
def test_a_bad_phone_number_is_refused_in_words_that_never_echo_it(phone: str) -> None:
    assert problems("phone", phone) == [
        ("field", "must be a 10-digit North American phone number, e.g. (312) 555-0142")]
    assert problems("phone", "  ") == [("field", "is required")]


@pytest.mark.parametrize("email", ["a@example.org", "first.last+tag@mail.example.co.uk"])
def test_an_email_address_that_looks_like_one_passes(email: str) -> None:
    bad = Violations()
    assert bad.email(f" {email} ", "email") == email
    bad.raise_if_any()


@pytest.mark.parametrize("email", ["no-at-sign.org", "two@@example.org", "a@b@example.org",
                                   "@example.org", "name@localhost", "name@example.",
                                   "first last@example.org", f"{'x' * 250}@example.org"])
def test_a_bad_email_address_is_refused_in_words_that_never_echo_it(email: str) -> None:
    assert problems("email", email) == [
        ("field", "must be an email address such as name@example.org, at most 254 characters")]


def test_nul_in_any_string_field_at_any_depth_is_refused_naming_each() -> None:
    """PostgreSQL's text cannot hold U+0000; every request is held to it."""
    request = intake_pb2.SubmitApplicationRequest(
        submission_id="sub\x00", application=intake_pb2.Application(
            state="IL", people=[intake_pb2.Person(given_name="Ann"),
                                intake_pb2.Person(given_name="B\x00b")]))
    with pytest.raises(InvalidField) as refused:
        refuse_nul(request)
    assert [field for field, _ in refused.value.violations] == [
        "submission_id", "application.people[1].given_name"]
    refuse_nul(intake_pb2.RecordAssessmentRequest(strengths=["kind", "steady"]))
    with pytest.raises(InvalidField) as listed:
        refuse_nul(intake_pb2.RecordAssessmentRequest(strengths=["kind", "\x00"]))
    assert listed.value.field == "strengths[1]"
