"""ReferralsService over real gRPC on a loopback port, against a migrated, seeded database."""

from __future__ import annotations

import asyncio
from datetime import UTC
from typing import Any, TypeAlias

import grpc
import pytest
from casework.v1 import common_pb2, referrals_pb2, referrals_pb2_grpc
from grpc_health.v1 import health_pb2

from common.status import field_violations
from services.referrals.servicer import SERVICE_NAME
from services.referrals.store import Base, ReferralRecord
from tests.unit.services_fixtures import Served, grpcurl_list, health_status

CASE_1 = "c1" * 16  # case ids are 32 hex digits, as intake mints them
CASE_2 = "c2" * 16

Stub: TypeAlias = referrals_pb2_grpc.ReferralsServiceStub
N = common_pb2


def champaign(zip: str = "61820") -> referrals_pb2.Location:
    return referrals_pb2.Location(state="IL", county="Champaign", zip=zip)


def a_referral(key: str = f"{CASE_1}:NEED_CHILD_CARE", **overrides: Any,
               ) -> referrals_pb2.CreateReferralRequest:
    fields: dict[str, Any] = {
        "idempotency_key": key, "case_id": CASE_1,
        "resource_id": "il-champaign-regional-planning", "need": N.NEED_CHILD_CARE,
        "note": "Needs care for two children from 7:00 for a new job",
    }
    return referrals_pb2.CreateReferralRequest(**(fields | overrides))


async def rpc_error(call: Any) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return raised.value


async def test_the_seeded_directory_is_listed_and_filtered(referrals: Stub) -> None:
    everything = await referrals.ListResources(referrals_pb2.ListResourcesRequest())
    assert len(everything.resources) >= 40
    oregon_food = await referrals.ListResources(
        referrals_pb2.ListResourcesRequest(need=N.NEED_FOOD, state="OR"))
    assert oregon_food.resources
    assert all(r.location.state == "OR" and N.NEED_FOOD in r.needs
               for r in oregon_food.resources)
    assert {r.location.county for r in oregon_food.resources} >= {"Multnomah", "Lane", "Marion"}


async def test_listing_refuses_an_unknown_state_or_need(referrals: Stub) -> None:
    error = await rpc_error(referrals.ListResources(
        referrals_pb2.ListResourcesRequest(need=99, state="XX")))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(error)] == ["need", "state"]


async def test_matches_rank_same_zip_then_county_then_state(referrals: Stub) -> None:
    reply = await referrals.MatchResources(referrals_pb2.MatchResourcesRequest(
        needs=[N.NEED_CHILD_CARE, N.NEED_FOOD], location=champaign()))
    assert [(m.need, m.resource.resource_id, m.reason) for m in reply.matches] == [
        (N.NEED_CHILD_CARE, "il-champaign-child-care", "same ZIP"),
        (N.NEED_CHILD_CARE, "il-champaign-regional-planning", "same county"),
        (N.NEED_CHILD_CARE, "il-statewide-211", "same state"),
        (N.NEED_FOOD, "il-champaign-foodbank", "same county"),
        (N.NEED_FOOD, "il-statewide-211", "same state"),
        (N.NEED_FOOD, "il-sangamon-foodbank", "same state"),
    ]


async def test_a_county_alone_is_enough_to_match_locally(referrals: Stub) -> None:
    reply = await referrals.MatchResources(referrals_pb2.MatchResourcesRequest(
        needs=[N.NEED_TRANSPORT], limit_per_need=1,
        location=referrals_pb2.Location(state="or", county="Lane County")))
    assert [(m.resource.resource_id, m.reason) for m in reply.matches] == [
        ("or-lane-transit", "same county")]


async def test_a_household_is_never_matched_to_another_state(referrals: Stub) -> None:
    reply = await referrals.MatchResources(referrals_pb2.MatchResourcesRequest(
        needs=list(range(1, 10)), limit_per_need=50,
        location=referrals_pb2.Location(state="OR", county="Marion", zip="97301")))
    assert {m.need for m in reply.matches} == set(range(1, 10))
    assert {m.resource.location.state for m in reply.matches} == {"OR"}


async def test_a_bad_match_request_names_every_field(referrals: Stub) -> None:
    error = await rpc_error(referrals.MatchResources(referrals_pb2.MatchResourcesRequest(
        needs=[N.NEED_FOOD, N.NEED_UNSPECIFIED], limit_per_need=-1,
        location=referrals_pb2.Location(zip="6182"))))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(error)] == [
        "needs[1]", "location.state", "location.zip", "limit_per_need"]


async def test_a_referral_is_created_open(referrals: Stub) -> None:
    reply = await referrals.CreateReferral(a_referral())
    referral = reply.referral
    assert not reply.replayed
    assert len(referral.referral_id) == 32
    assert referral.status == referrals_pb2.REFERRAL_STATUS_OPEN
    assert (referral.case_id, referral.resource_id, referral.need) == (
        CASE_1, "il-champaign-regional-planning", N.NEED_CHILD_CARE)
    assert referral.created_at.ToDatetime(tzinfo=UTC).year >= 2025
    assert not referral.HasField("outcome_at")


async def test_twenty_concurrent_referrals_with_one_key_write_one_row(
    referrals: Stub, served: Served
) -> None:
    replies = await asyncio.gather(*(referrals.CreateReferral(a_referral()) for _ in range(20)))
    assert len({r.referral.referral_id for r in replies}) == 1
    assert [r.replayed for r in replies].count(False) == 1
    assert await served.count(ReferralRecord) == 1


@pytest.mark.parametrize(("field", "change"), [
    ("case_id", {"case_id": CASE_2}),
    ("resource_id", {"resource_id": "il-champaign-child-care"}),
    ("need", {"need": N.NEED_HOUSING}),
    ("note", {"note": "Different words"}),
])
async def test_the_same_key_with_other_terms_is_a_failed_precondition(
    referrals: Stub, served: Served, field: str, change: dict[str, Any]
) -> None:
    await referrals.CreateReferral(a_referral())
    error = await rpc_error(referrals.CreateReferral(a_referral(**change)))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "idempotency_key" in (error.details() or "") and field in (error.details() or "")
    assert await served.count(ReferralRecord) == 1


async def test_an_unknown_resource_is_not_found_and_nothing_is_stored(
    referrals: Stub, served: Served
) -> None:
    error = await rpc_error(referrals.CreateReferral(a_referral(resource_id="il-nowhere")))
    assert error.code() == grpc.StatusCode.NOT_FOUND
    assert await served.count(ReferralRecord) == 0


async def test_a_resource_that_does_not_serve_the_need_is_refused(
    referrals: Stub, served: Served
) -> None:
    error = await rpc_error(referrals.CreateReferral(a_referral(need=N.NEED_SUBSTANCE_USE)))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "NEED_SUBSTANCE_USE" not in (error.details() or "")
    assert await served.count(ReferralRecord) == 0


@pytest.mark.parametrize(("field", "change"), [
    ("idempotency_key", {"key": " "}),
    ("idempotency_key", {"key": "k" * 129}),
    ("case_id", {"case_id": ""}),
    ("case_id", {"case_id": CASE_1.upper()}),
    ("resource_id", {"resource_id": ""}),
    ("need", {"need": N.NEED_UNSPECIFIED}),
    ("note", {"note": "n" * 1001}),
])
async def test_an_invalid_referral_field_is_named_and_nothing_is_stored(
    referrals: Stub, served: Served, field: str, change: dict[str, Any]
) -> None:
    error = await rpc_error(referrals.CreateReferral(a_referral(**change)))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [f for f, _ in field_violations(error)] == [field]
    assert await served.count(ReferralRecord) == 0


async def test_a_case_id_that_is_not_hex_is_refused_naming_case_id(
    referrals: Stub, served: Served
) -> None:
    not_hex = "case-0001-" + "x" * 22  # 32 characters, but not as intake mints them
    for call in (referrals.CreateReferral(a_referral(case_id=not_hex)),
                 referrals.ListReferrals(referrals_pb2.ListReferralsRequest(case_id=not_hex))):
        error = await rpc_error(call)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert field_violations(error) == [
            ("case_id", "must be a case id (32 lower-case hex digits)")]
    assert await served.count(ReferralRecord) == 0


def outcome(referral_id: str, status: int, note: str = "",
            ) -> referrals_pb2.RecordReferralOutcomeRequest:
    return referrals_pb2.RecordReferralOutcomeRequest(referral_id=referral_id, status=status,
                                                      note=note)


async def test_an_outcome_is_recorded_once(referrals: Stub) -> None:
    referral_id = (await referrals.CreateReferral(a_referral())).referral.referral_id
    connected = (await referrals.RecordReferralOutcome(outcome(
        referral_id, referrals_pb2.REFERRAL_STATUS_CONNECTED, "Enrolled at Head Start"))).referral
    assert connected.status == referrals_pb2.REFERRAL_STATUS_CONNECTED
    assert connected.outcome_note == "Enrolled at Head Start"
    assert connected.HasField("outcome_at")
    again = await referrals.RecordReferralOutcome(outcome(
        referral_id, referrals_pb2.REFERRAL_STATUS_CONNECTED, "told twice"))
    assert again.referral == connected
    error = await rpc_error(referrals.RecordReferralOutcome(outcome(
        referral_id, referrals_pb2.REFERRAL_STATUS_UNABLE_TO_SERVE)))
    assert error.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_open_is_not_an_outcome(referrals: Stub) -> None:
    referral_id = (await referrals.CreateReferral(a_referral())).referral.referral_id
    error = await rpc_error(referrals.RecordReferralOutcome(outcome(
        referral_id, referrals_pb2.REFERRAL_STATUS_OPEN)))
    assert field_violations(error)[0][0] == "status"


async def test_an_outcome_for_an_unknown_referral_is_not_found(referrals: Stub) -> None:
    error = await rpc_error(referrals.RecordReferralOutcome(outcome(
        "0" * 32, referrals_pb2.REFERRAL_STATUS_NOT_CONNECTED)))
    assert error.code() == grpc.StatusCode.NOT_FOUND


async def test_a_case_lists_its_referrals_oldest_first(referrals: Stub) -> None:
    first = await referrals.CreateReferral(a_referral())
    second = await referrals.CreateReferral(a_referral(
        f"{CASE_1}:NEED_FOOD", resource_id="il-champaign-foodbank", need=N.NEED_FOOD))
    await referrals.CreateReferral(a_referral(f"{CASE_2}:NEED_FOOD", case_id=CASE_2))
    listed = await referrals.ListReferrals(referrals_pb2.ListReferralsRequest(case_id=CASE_1))
    assert list(listed.referrals) == [first.referral, second.referral]
    error = await rpc_error(referrals.ListReferrals(referrals_pb2.ListReferralsRequest()))
    assert field_violations(error) == [("case_id", "is required")]


async def test_health_is_serving_and_reflection_lists_the_service(served: Served) -> None:
    assert await health_status(served.channel, SERVICE_NAME) == (
        health_pb2.HealthCheckResponse.SERVING)
    assert SERVICE_NAME in await grpcurl_list(served.port)


async def test_the_migrations_create_exactly_the_tables_the_models_declare(
    served: Served,
) -> None:
    assert await served.schema_drift("referrals", Base.metadata) == []
