"""The household form's SNAP inputs added for issue 14: each read from both doors (the
batch JSON form and the proto) and each bad value refused with its field named."""

from __future__ import annotations

import pytest
from casework.v1 import common_pb2, eligibility_pb2

from common.errors import InvalidField
from services.eligibility.requests import parse_request, request_from_pb
from tests.unit.eligibility.helpers import a_line


def violations(line: dict) -> dict[str, str]:
    with pytest.raises(InvalidField) as caught:
        parse_request(line)
    return dict(caught.value.violations)


def a_request_pb(**expenses: object) -> eligibility_pb2.HouseholdRequest:
    return eligibility_pb2.HouseholdRequest(
        id="case-1", period="2026-01",
        household=common_pb2.Household(
            state="IL",
            members=[common_pb2.HouseholdMember(id="a", age=34,
                                                relationship=common_pb2.RELATIONSHIP_HEAD)],
            expenses=common_pb2.Expenses(**expenses)))


def test_homeless_shelter_costs_is_read_from_both_doors() -> None:
    line = a_line(expenses={"homeless": True, "homeless_shelter_costs": True})
    assert parse_request(line).household.expenses.homeless_shelter_costs
    request = request_from_pb(a_request_pb(homeless=True, homeless_shelter_costs=True), "r.")
    assert request.household.expenses.homeless_shelter_costs


def test_homeless_shelter_costs_must_be_a_flag_and_needs_homeless() -> None:
    assert violations(a_line(expenses={"homeless": True, "homeless_shelter_costs": "yes"})) == {
        "expenses.homeless_shelter_costs": "must be true or false"}
    assert violations(a_line(expenses={"homeless_shelter_costs": True})) == {
        "expenses.homeless_shelter_costs": "applies only to a homeless household"}
    with pytest.raises(InvalidField) as caught:
        request_from_pb(a_request_pb(homeless_shelter_costs=True), "requests[0].")
    assert caught.value.field == "requests[0].household.expenses.homeless_shelter_costs"
