"""Ranking and referral rules without a server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from common.errors import Conflict, InvalidField, NotFound
from services.referrals import domain
from services.referrals.domain import Closeness, Location, Need, ReferralStatus, Resource

HOUSEHOLD = Location("IL", "Champaign", "61820")


def a_resource(resource_id: str, where: Location, *needs: Need, name: str = "") -> Resource:
    return Resource(resource_id, name or resource_id, needs or (Need.FOOD,), where,
                    "1 Main St", "Champaign", "(217) 555-0199", "Mon-Fri", "")


def query(*needs: Need, limit: int = 0, where: Location = HOUSEHOLD) -> domain.MatchQuery:
    return domain.match_query(needs=list(needs), state=where.state, county=where.county,
                              zip=where.zip, limit_per_need=limit)


@pytest.mark.parametrize("spelling", ["Champaign", "champaign county", "  CHAMPAIGN County "])
def test_a_county_matches_however_it_is_spelled(spelling: str) -> None:
    assert domain.county_key(spelling) == "champaign"


def test_closeness_prefers_zip_then_county_then_state() -> None:
    assert domain.closeness(Location("IL", "Champaign", "61820"), HOUSEHOLD) is (
        Closeness.SAME_ZIP)
    assert domain.closeness(Location("IL", "Champaign", "61802"), HOUSEHOLD) is (
        Closeness.SAME_COUNTY)
    assert domain.closeness(Location("IL", "Cook", "60632"), HOUSEHOLD) is Closeness.SAME_STATE
    assert domain.closeness(Location("OR", "Lane", "97401"), HOUSEHOLD) is None


def test_a_statewide_resource_is_never_mistaken_for_a_local_one() -> None:
    statewide = Location("IL")
    assert domain.closeness(statewide, Location("IL")) is Closeness.SAME_STATE
    assert domain.closeness(statewide, HOUSEHOLD) is Closeness.SAME_STATE


def test_ranking_orders_by_closeness_statewide_services_then_name_per_need_in_order() -> None:
    resources = [
        a_resource("statewide", Location("IL"), Need.FOOD, Need.HOUSING),
        a_resource("county-b", Location("IL", "Champaign", "61802"), Need.FOOD, name="B"),
        a_resource("county-a", Location("IL", "Champaign", "61821"), Need.FOOD, name="A"),
        a_resource("zip", Location("IL", "Champaign", "61820"), Need.FOOD, name="Z"),
        a_resource("oregon", Location("OR", "Lane", "97401"), Need.HOUSING),
        a_resource("cook", Location("IL", "Cook", "60601"), Need.FOOD, name="0 first by name"),
    ]
    matches = domain.rank(resources, query(Need.HOUSING, Need.FOOD, Need.FOOD, limit=10))
    assert [(m.need, m.resource.resource_id, m.reason) for m in matches] == [
        (Need.HOUSING, "statewide", Closeness.SAME_STATE),
        (Need.FOOD, "zip", Closeness.SAME_ZIP),
        (Need.FOOD, "county-a", Closeness.SAME_COUNTY),
        (Need.FOOD, "county-b", Closeness.SAME_COUNTY),
        (Need.FOOD, "statewide", Closeness.SAME_STATE),
        (Need.FOOD, "cook", Closeness.SAME_STATE),
    ]


def test_a_limit_of_zero_means_three_per_need() -> None:
    resources = [a_resource(f"r{i}", Location("IL", "Cook", "60601")) for i in range(5)]
    assert len(domain.rank(resources, query(Need.FOOD))) == domain.DEFAULT_LIMIT_PER_NEED
    assert len(domain.rank(resources, query(Need.FOOD, limit=1))) == 1


INVALID_QUERIES: dict[str, dict[str, Any]] = {
    "needs": {"needs": []},
    "needs[1]": {"needs": [Need.FOOD, None]},
    "location.state": {"state": ""},
    "location.state ": {"state": "ZZ"},
    "location.zip": {"zip": "6182"},
    "location.county": {"county": "x" * 65},
    "limit_per_need": {"limit_per_need": -1},
    "limit_per_need ": {"limit_per_need": domain.MAX_LIMIT_PER_NEED + 1},
}


@pytest.mark.parametrize("field", INVALID_QUERIES)
def test_a_bad_match_query_names_its_field(field: str) -> None:
    fields: dict[str, Any] = {"needs": [Need.FOOD], "state": "IL", "county": "", "zip": "",
              "limit_per_need": 0} | INVALID_QUERIES[field]
    with pytest.raises(InvalidField) as raised:
        domain.match_query(**fields)
    assert [f for f, _ in raised.value.violations] == [field.strip()]


def test_a_zip_plus_four_and_a_lower_case_state_are_accepted() -> None:
    where = query(Need.FOOD, where=Location("il", "", "61820-1234")).location
    assert (where.state, where.zip) == ("IL", "61820")


def a_referral(status: ReferralStatus = ReferralStatus.OPEN) -> domain.Referral:
    request = domain.referral_request(idempotency_key="case-1:NEED_FOOD", case_id="case-1",
                                      resource_id="il-cook-food-depository", need=Need.FOOD,
                                      note="")
    return domain.Referral("r1", request, status, datetime.now(UTC))


def test_a_replayed_referral_key_with_other_terms_names_them() -> None:
    first = a_referral()
    other = domain.referral_request(idempotency_key="case-1:NEED_FOOD", case_id="case-1",
                                    resource_id="il-cook-roseland-pantry", need=Need.FOOD,
                                    note="call first")
    with pytest.raises(Conflict) as raised:
        domain.ensure_same_request(first, other)
    assert "resource_id, note" in str(raised.value)
    assert "roseland" not in str(raised.value)


def test_a_referral_is_only_made_to_a_resource_serving_the_need() -> None:
    pantry = a_resource("pantry", HOUSEHOLD, Need.FOOD)
    assert domain.ensure_serves(pantry, Need.FOOD) is pantry
    with pytest.raises(Conflict):
        domain.ensure_serves(pantry, Need.HOUSING)
    with pytest.raises(NotFound):
        domain.ensure_serves(None, Need.FOOD)


@pytest.mark.parametrize("status", [None, ReferralStatus.OPEN])
def test_an_outcome_must_close_the_referral(status: ReferralStatus | None) -> None:
    with pytest.raises(InvalidField) as raised:
        domain.outcome_request(referral_id="r1", status=status, note="")
    assert raised.value.field == "status"


def test_the_same_outcome_again_is_accepted_and_a_different_one_is_not() -> None:
    connected = a_referral(ReferralStatus.CONNECTED)
    assert domain.ensure_outcome(connected, ReferralStatus.CONNECTED) is connected
    with pytest.raises(Conflict):
        domain.ensure_outcome(connected, ReferralStatus.NOT_CONNECTED)
