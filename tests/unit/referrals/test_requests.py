"""ReferralsService requests checked without a server: which are valid, and how every bad
field is named at once, never with its value."""

from __future__ import annotations

from typing import Any

import pytest
from casework.v1 import common_pb2, referrals_pb2

from common.errors import InvalidField
from services.referrals import requests
from services.referrals.domain import (
    Location,
    MatchQuery,
    Need,
    Outcome,
    ReferralRequest,
    ReferralStatus,
    ResourceFilter,
)

CASE_1 = "c1" * 16  # case ids are 32 hex digits, as intake mints them
N = common_pb2


def refused(parse: Any, request: Any) -> list[str]:
    """The fields a request is refused for, in the order they were found."""
    with pytest.raises(InvalidField) as raised:
        parse(request)
    return [field for field, _ in raised.value.violations]


def a_match(location: dict[str, str] | None = None, **overrides: Any,
            ) -> referrals_pb2.MatchResourcesRequest:
    where = {"state": "IL", "county": "", "zip": ""} | (location or {})
    fields: dict[str, Any] = {"needs": [N.NEED_FOOD], "location": referrals_pb2.Location(**where),
                              "limit_per_need": 0}
    return referrals_pb2.MatchResourcesRequest(**(fields | overrides))


def test_a_match_asks_for_each_need_once_in_the_order_asked_with_three_by_default() -> None:
    query = requests.match_resources(a_match(
        {"county": " Champaign ", "zip": "61820"},
        needs=[N.NEED_HOUSING, N.NEED_FOOD, N.NEED_HOUSING]))
    assert query == MatchQuery((Need.HOUSING, Need.FOOD), Location("IL", "Champaign", "61820"),
                               requests.DEFAULT_LIMIT_PER_NEED)
    assert requests.match_resources(a_match(limit_per_need=1)).limit_per_need == 1


def test_a_zip_plus_four_and_a_lower_case_state_are_accepted() -> None:
    where = requests.match_resources(a_match({"state": "il", "zip": "61820-1234"})).location
    assert (where.state, where.zip) == ("IL", "61820")


INVALID_QUERIES: dict[str, dict[str, Any]] = {
    "needs": {"needs": []},
    "needs[1]": {"needs": [N.NEED_FOOD, N.NEED_UNSPECIFIED]},
    "needs[1] ": {"needs": [N.NEED_FOOD, 99]},
    "location.state": {"location": {"state": ""}},
    "location.state ": {"location": {"state": "ZZ"}},
    "location.zip": {"location": {"zip": "6182"}},
    "location.zip ": {"location": {"zip": "61820-12"}},
    "location.county": {"location": {"county": "x" * (requests.MAX_COUNTY_LENGTH + 1)}},
    "limit_per_need": {"limit_per_need": -1},
    "limit_per_need ": {"limit_per_need": requests.MAX_LIMIT_PER_NEED + 1},
}


@pytest.mark.parametrize("field", INVALID_QUERIES)
def test_a_bad_match_query_names_its_field(field: str) -> None:
    change = dict(INVALID_QUERIES[field])
    request = a_match(change.pop("location", None), **change)
    assert refused(requests.match_resources, request) == [field.strip()]


def test_a_listing_narrows_by_a_need_and_a_state_only_when_given() -> None:
    parse = requests.list_resources
    assert parse(referrals_pb2.ListResourcesRequest()) == ResourceFilter()
    assert parse(referrals_pb2.ListResourcesRequest(need=N.NEED_FOOD, state=" or ")) == (
        ResourceFilter((Need.FOOD,), "OR"))
    assert refused(parse, referrals_pb2.ListResourcesRequest(need=99, state="XX")) == [
        "need", "state"]


def a_referral(**overrides: Any) -> referrals_pb2.CreateReferralRequest:
    fields: dict[str, Any] = {
        "idempotency_key": f"{CASE_1}:NEED_FOOD", "case_id": CASE_1,
        "resource_id": "il-cook-food-depository", "need": N.NEED_FOOD, "note": " call first ",
    }
    return referrals_pb2.CreateReferralRequest(**(fields | overrides))


def test_a_referral_request_becomes_its_domain_value() -> None:
    assert requests.create_referral(a_referral()) == ReferralRequest(
        f"{CASE_1}:NEED_FOOD", CASE_1, "il-cook-food-depository", Need.FOOD, "call first")


@pytest.mark.parametrize("case_id", ["case-1", "C1" * 16, "c1" * 15, "c1" * 17, " " + "c1" * 16,
                                     "g1" * 16])
def test_a_case_id_that_is_not_32_lower_case_hex_digits_is_refused(case_id: str) -> None:
    with pytest.raises(InvalidField) as raised:
        requests.create_referral(a_referral(case_id=case_id))
    assert raised.value.violations == [
        ("case_id", "must be a case id (32 lower-case hex digits)")]


def test_every_bad_referral_field_is_reported_at_once_without_echoing_values() -> None:
    request = referrals_pb2.CreateReferralRequest(
        idempotency_key="k" * 129, case_id="case-1", resource_id="r" * 65, need=99,
        note="secret " * 200)
    with pytest.raises(InvalidField) as raised:
        requests.create_referral(request)
    assert [field for field, _ in raised.value.violations] == [
        "idempotency_key", "case_id", "resource_id", "need", "note"]
    assert "secret" not in str(raised.value) and "case-1" not in str(raised.value)


def test_keys_and_resource_ids_are_held_to_the_shared_limits() -> None:
    at_limits = a_referral(idempotency_key="k" * 128, resource_id="r" * 64)
    assert requests.create_referral(at_limits).resource_id == "r" * 64


def test_a_listing_of_referrals_needs_a_case_id() -> None:
    parse = requests.list_referrals
    assert parse(referrals_pb2.ListReferralsRequest(case_id=CASE_1)) == CASE_1
    assert refused(parse, referrals_pb2.ListReferralsRequest()) == ["case_id"]
    assert refused(parse, referrals_pb2.ListReferralsRequest(case_id="case-1")) == ["case_id"]


def test_an_outcome_request_becomes_its_domain_value() -> None:
    assert requests.record_referral_outcome(referrals_pb2.RecordReferralOutcomeRequest(
        referral_id="r1", status=referrals_pb2.REFERRAL_STATUS_CONNECTED, note=" enrolled "),
    ) == Outcome("r1", ReferralStatus.CONNECTED, "enrolled")


@pytest.mark.parametrize("status", [referrals_pb2.REFERRAL_STATUS_UNSPECIFIED,
                                    referrals_pb2.REFERRAL_STATUS_OPEN, 99])
def test_an_outcome_must_close_the_referral(status: int) -> None:
    with pytest.raises(InvalidField) as raised:
        requests.record_referral_outcome(
            referrals_pb2.RecordReferralOutcomeRequest(referral_id="r1", status=status))
    assert raised.value.field == "status"


def test_an_outcome_names_its_referral_and_keeps_its_note_short() -> None:
    request = referrals_pb2.RecordReferralOutcomeRequest(
        referral_id="", status=referrals_pb2.REFERRAL_STATUS_CONNECTED,
        note="n" * (requests.MAX_NOTE_LENGTH + 1))
    assert refused(requests.record_referral_outcome, request) == ["referral_id", "note"]
