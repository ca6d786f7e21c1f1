from __future__ import annotations

import pytest

from services.eligibility.engine.household import HouseholdError, parse_request
from tests.unit.eligibility.helpers import a_line


def violations(line: dict) -> dict[str, str]:
    with pytest.raises(HouseholdError) as caught:
        parse_request(line)
    return dict(caught.value.violations)


def test_the_issue_example_parses() -> None:
    request = parse_request(a_line(application_date="2026-01-05"))
    assert request.household.size == 1
    assert request.household.earned_cents == 180000
    assert str(request.period) == "2026-01"
    assert request.application_date is not None and request.application_date.day == 5


def test_a_negative_age_names_the_member_field() -> None:
    line = a_line()
    line["members"] = [line["members"][0], {"id": "p2", "age": 5, "relationship": "child"},
                       {"id": "p3", "age": -1, "relationship": "child"}]
    assert "members[2].age" in violations(line)


def test_negative_amounts_and_unknown_choices_are_named() -> None:
    line = a_line()
    line["incomes"][0]["monthly_cents"] = -5
    line["expenses"]["utilities"] = "gas"
    bad = violations(line)
    assert bad["incomes[0].monthly_cents"] == "must not be negative"
    assert "expenses.utilities" in bad


def test_unknown_state_and_malformed_period_are_refused() -> None:
    bad = violations(a_line(state="XX", period="2026-13"))
    assert set(bad) >= {"state", "period"}


def test_no_members_is_refused() -> None:
    assert "members" in violations(a_line(members=[], incomes=[]))


def test_income_must_belong_to_a_member() -> None:
    line = a_line()
    line["incomes"][0]["member_id"] = "nobody"
    assert "incomes[0].member_id" in violations(line)


def test_messages_never_echo_the_value() -> None:
    line = a_line()
    line["members"][0]["age"] = "thirty-four-secret"
    with pytest.raises(HouseholdError) as caught:
        parse_request(line)
    assert "secret" not in str(caught.value)


def test_application_after_the_benefit_month_is_refused() -> None:
    assert "application_date" in violations(a_line(application_date="2026-02-01"))


def test_prefixes_name_fields_for_grpc() -> None:
    with pytest.raises(HouseholdError) as caught:
        parse_request(a_line(members=[{"id": "a", "age": 200, "relationship": "head"}]),
                      "request.", "request.household.")
    assert caught.value.field == "request.household.members[0].age"
