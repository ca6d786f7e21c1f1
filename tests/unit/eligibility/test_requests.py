"""services.eligibility.requests: the batch JSON form and the gRPC request checked into
engine values, every bad field named (never its value) in one InvalidField."""

from __future__ import annotations

import pytest
from casework.v1 import common_pb2, eligibility_pb2

from common.errors import InvalidField
from services.eligibility.engine.household import IncomeKind, Program, Relationship
from services.eligibility.requests import (
    determination_id,
    household_from_pb,
    parse_request,
    request_from_pb,
    stored_request_from_pb,
)
from tests.unit.eligibility.helpers import a_line


def violations(line: dict) -> dict[str, str]:
    with pytest.raises(InvalidField) as caught:
        parse_request(line)
    return dict(caught.value.violations)


def test_a_household_line_parses() -> None:
    request = parse_request(a_line(application_date="2026-01-05", programs=["SNAP", "SNAP"]))
    assert request.household.size == 1
    assert request.household.earned_cents == 180000
    assert request.household.members[0].relationship is Relationship.HEAD
    assert request.household.incomes[0].kind is IncomeKind.WAGES
    assert str(request.period) == "2026-01"
    assert request.application_date is not None and request.application_date.day == 5
    assert request.programs == (Program.SNAP,)


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


def test_an_unknown_state_is_refused_naming_the_state() -> None:
    assert set(violations(a_line(state="ZZ"))) == {"state"}


def test_only_strict_dates_and_months_are_read() -> None:
    # Python's date.fromisoformat alone takes 20260105 and the ISO week date 2026-W02-1.
    for compact in ("20260105", "2026-W02-1", "2026-1-5"):
        assert set(violations(a_line(application_date=compact))) == {"application_date"}
    assert set(violations(a_line(period="202601"))) == {"period"}


def test_programs_outside_the_three_are_refused() -> None:
    assert set(violations(a_line(programs=["SNAP", "WIC"]))) == {"programs"}


def test_no_members_is_refused() -> None:
    assert "members" in violations(a_line(members=[], incomes=[]))


def test_an_empty_member_is_refused_field_by_field() -> None:
    bad = violations(a_line(members=[{}], incomes=[]))
    assert set(bad) == {"members[0].id", "members[0].age", "members[0].relationship"}


def test_income_must_belong_to_a_member() -> None:
    line = a_line()
    line["incomes"][0]["member_id"] = "nobody"
    assert "incomes[0].member_id" in violations(line)


def test_messages_never_echo_the_value() -> None:
    line = a_line()
    line["members"][0]["age"] = "thirty-four-secret"
    with pytest.raises(InvalidField) as caught:
        parse_request(line)
    assert "secret" not in str(caught.value)


def test_application_after_the_benefit_month_is_refused() -> None:
    assert "application_date" in violations(a_line(application_date="2026-02-01"))


# --- the gRPC door ----------------------------------------------------------------------


def household_pb(**member: object) -> common_pb2.Household:
    return common_pb2.Household(
        state="IL",
        members=[common_pb2.HouseholdMember(
            **({"id": "a", "age": 34, "relationship": common_pb2.RELATIONSHIP_HEAD} | member))],
        incomes=[common_pb2.Income(member_id="a", kind=common_pb2.INCOME_KIND_WAGES,
                                   monthly_cents=180000)])


def request_pb(**member: object) -> eligibility_pb2.HouseholdRequest:
    return eligibility_pb2.HouseholdRequest(id="case-1", household=household_pb(**member),
                                            period="2026-01",
                                            programs=[common_pb2.PROGRAM_MEDICAID])


def pb_violations(request: eligibility_pb2.HouseholdRequest, prefix: str) -> dict[str, str]:
    with pytest.raises(InvalidField) as caught:
        request_from_pb(request, prefix)
    return dict(caught.value.violations)


def test_a_grpc_request_becomes_the_same_engine_values() -> None:
    request = request_from_pb(request_pb(), "request.")
    assert request.programs == (Program.MEDICAID,)
    assert request.household == parse_request(a_line(
        state="IL", members=[{"id": "a", "age": 34, "relationship": "head"}],
        incomes=[{"member_id": "a", "kind": "wages", "monthly_cents": 180000}],
        expenses={}, assets={})).household


def test_prefixes_name_fields_for_grpc() -> None:
    with pytest.raises(InvalidField) as caught:
        request_from_pb(request_pb(age=200), "request.")
    assert caught.value.field == "request.household.members[0].age"


def test_unset_and_unknown_proto_enums_are_named_once() -> None:
    request = request_pb(relationship=0)
    request.household.incomes[0].kind = 99
    request.household.expenses.utilities = 42
    request.programs.extend([0, 7])
    assert pb_violations(request, "requests[3].") == {
        "requests[3].household.members[0].relationship": "is required",
        "requests[3].household.incomes[0].kind": "is not a known value",
        "requests[3].household.expenses.utilities": "is not a known value",
        "requests[3].programs[1]": "is required",
        "requests[3].programs[2]": "is not a known value",
    }


def test_unset_utilities_claim_no_allowance() -> None:
    household = household_from_pb(household_pb())
    assert household.expenses.utilities == "none"


def test_a_stored_determination_needs_the_case_id_beside_every_other_problem() -> None:
    request = request_pb(age=-1)
    request.id = ""
    with pytest.raises(InvalidField) as caught:
        stored_request_from_pb(eligibility_pb2.DetermineEligibilityRequest(request=request))
    assert [field for field, _ in caught.value.violations] == [
        "request.id", "request.household.members[0].age"]


def test_screen_household_fields_are_named_under_household() -> None:
    with pytest.raises(InvalidField) as caught:
        household_from_pb(common_pb2.Household(state="ZZ"))
    assert [field for field, _ in caught.value.violations] == [
        "household.state", "household.members"]


def test_get_determination_needs_an_id() -> None:
    with pytest.raises(InvalidField) as caught:
        determination_id(eligibility_pb2.GetDeterminationRequest())
    assert caught.value.field == "determination_id"
