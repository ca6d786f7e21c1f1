"""Ranking and referral rules without a server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from common.errors import Conflict, NotFound
from services.referrals import domain
from services.referrals.domain import Closeness, Location, Need, ReferralStatus, Resource

HOUSEHOLD = Location("IL", "Champaign", "61820")
CASE_1 = "c1" * 16  # case ids are 32 hex digits, as intake mints them


def a_resource(resource_id: str, where: Location, *needs: Need, name: str = "") -> Resource:
    return Resource(resource_id, name or resource_id, needs or (Need.FOOD,), where,
                    "1 Main St", "Champaign", "(217) 555-0199", "Mon-Fri", "")


def query(*needs: Need, limit: int = 3, where: Location = HOUSEHOLD) -> domain.MatchQuery:
    return domain.MatchQuery(needs, where, limit)


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
    matches = domain.rank(resources, query(Need.HOUSING, Need.FOOD, limit=10))
    assert [(m.need, m.resource.resource_id, m.reason) for m in matches] == [
        (Need.HOUSING, "statewide", Closeness.SAME_STATE),
        (Need.FOOD, "zip", Closeness.SAME_ZIP),
        (Need.FOOD, "county-a", Closeness.SAME_COUNTY),
        (Need.FOOD, "county-b", Closeness.SAME_COUNTY),
        (Need.FOOD, "statewide", Closeness.SAME_STATE),
        (Need.FOOD, "cook", Closeness.SAME_STATE),
    ]


def test_ranking_keeps_at_most_the_limit_per_need() -> None:
    resources = [a_resource(f"r{i}", Location("IL", "Cook", "60601")) for i in range(5)]
    assert len(domain.rank(resources, query(Need.FOOD, limit=3))) == 3
    assert len(domain.rank(resources, query(Need.FOOD, limit=1))) == 1


REQUEST = domain.ReferralRequest(idempotency_key=f"{CASE_1}:NEED_FOOD", case_id=CASE_1,
                                 resource_id="il-cook-food-depository", need=Need.FOOD, note="")


def a_referral(status: ReferralStatus = ReferralStatus.OPEN) -> domain.Referral:
    return domain.Referral("r1", REQUEST, status, datetime.now(UTC))


def test_a_replayed_referral_key_with_the_same_terms_is_accepted() -> None:
    domain.ensure_same_request(a_referral(), replace(REQUEST))


def test_a_replayed_referral_key_with_other_terms_names_them() -> None:
    first = a_referral()
    other = replace(REQUEST, resource_id="il-cook-roseland-pantry", note="call first")
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


def test_the_same_outcome_again_is_accepted_and_a_different_one_is_not() -> None:
    connected = a_referral(ReferralStatus.CONNECTED)
    assert domain.ensure_outcome(connected, ReferralStatus.CONNECTED) is connected
    with pytest.raises(Conflict):
        domain.ensure_outcome(connected, ReferralStatus.NOT_CONNECTED)


def test_an_outcome_for_an_unknown_referral_is_not_found() -> None:
    with pytest.raises(NotFound):
        domain.ensure_outcome(None, ReferralStatus.CONNECTED)
