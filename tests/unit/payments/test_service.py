"""PaymentsService over real gRPC on a loopback port, against a migrated database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import TypeAlias

import grpc
import pytest
from casework.v1 import common_pb2, payments_pb2, payments_pb2_grpc
from grpc_health.v1 import health_pb2

from common.status import field_violations
from services.payments.servicer import SERVICE_NAME
from services.payments.store import AuthorizationRecord, Base
from tests.unit.payments.builders import CASE_1, CASE_2, a_payment
from tests.unit.services_fixtures import Served, grpcurl_list, health_status

Stub: TypeAlias = payments_pb2_grpc.PaymentsServiceStub



async def test_a_payment_is_authorized_with_its_terms_and_an_opaque_id(payments: Stub) -> None:
    before = datetime.now(UTC)
    reply = await payments.AuthorizePayment(a_payment())
    authorization = reply.authorization
    assert not reply.replayed
    assert len(authorization.authorization_id) == 32
    assert CASE_1 not in authorization.authorization_id
    assert authorization.status == payments_pb2.AUTHORIZATION_STATUS_AUTHORIZED
    assert (authorization.case_id, authorization.period, authorization.amount_cents) == (
        CASE_1, "2026-01", 29_100)
    assert authorization.program == common_pb2.PROGRAM_SNAP
    assert authorization.kind == payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT
    assert authorization.payee.kind == payments_pb2.PAYEE_KIND_HOUSEHOLD
    authorized_at = authorization.authorized_at.ToDatetime(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= authorized_at <= datetime.now(UTC)
    assert not authorization.HasField("voided_at")


async def test_the_same_key_twice_returns_the_first_authorization(
    payments: Stub, served: Served
) -> None:
    first = await payments.AuthorizePayment(a_payment())
    second = await payments.AuthorizePayment(a_payment())
    assert second.replayed
    assert second.authorization == first.authorization
    assert await served.count(AuthorizationRecord) == 1


async def test_twenty_concurrent_calls_with_one_key_write_one_row(
    payments: Stub, served: Served
) -> None:
    replies = await asyncio.gather(*(payments.AuthorizePayment(a_payment()) for _ in range(20)))
    assert len({r.authorization.authorization_id for r in replies}) == 1
    assert [r.replayed for r in replies].count(False) == 1
    assert await served.count(AuthorizationRecord) == 1


MISMATCHES = {
    "case_id": {"case_id": CASE_2},
    "program": {"program": common_pb2.PROGRAM_TANF},
    "period": {"period": "2026-02"},
    "kind": {"kind": payments_pb2.PAYMENT_KIND_UTILITY},
    "amount_cents": {"amount_cents": 29_101},
    "payee.kind": {"payee": payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_VENDOR,
                                               payee_id="household-c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1")},
    "payee.payee_id": {"payee": payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_HOUSEHOLD,
                                                   payee_id="household-case-9")},
}


@pytest.mark.parametrize("field", MISMATCHES)
async def test_the_same_key_with_different_terms_is_a_failed_precondition(
    payments: Stub, served: Served, field: str
) -> None:
    await payments.AuthorizePayment(a_payment())
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await payments.AuthorizePayment(a_payment(**MISMATCHES[field]))
    assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "idempotency_key" in (raised.value.details() or "")
    assert field in (raised.value.details() or "")
    assert await served.count(AuthorizationRecord) == 1


INVALID = {
    "idempotency_key": {"key": ""},
    "idempotency_key ": {"key": "k" * 129},
    "case_id": {"case_id": ""},
    "case_id ": {"case_id": CASE_1.upper()},
    "program": {"program": common_pb2.PROGRAM_UNSPECIFIED},
    "program ": {"program": 42},
    "period": {"period": "2026-13"},
    "period ": {"period": ""},
    "kind": {"kind": payments_pb2.PAYMENT_KIND_UNSPECIFIED},
    "amount_cents": {"amount_cents": 0},
    "amount_cents ": {"amount_cents": -500},
    "amount_cents  ": {"amount_cents": 10_000_001},
    "payee.kind": {"payee": payments_pb2.Payee(payee_id=f"household-{CASE_1}")},
    "payee.payee_id": {"payee": payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_HOUSEHOLD)},
}


@pytest.mark.parametrize("case", INVALID)
async def test_an_invalid_field_is_named_and_nothing_is_stored(
    payments: Stub, served: Served, case: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await payments.AuthorizePayment(a_payment(**INVALID[case]))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in field_violations(raised.value)] == [case.strip()]
    assert await served.count(AuthorizationRecord) == 0


async def test_a_case_lists_its_authorizations_oldest_first(payments: Stub) -> None:
    keys = [f"{CASE_1}:snap:2026-0{month}:monthly_benefit" for month in (3, 1, 2)]
    for key in keys:
        await payments.AuthorizePayment(a_payment(key, period=key.split(":")[2]))
    await payments.AuthorizePayment(a_payment(f"{CASE_2}:k", case_id=CASE_2))
    listed = await payments.ListAuthorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=CASE_1))
    assert [a.idempotency_key for a in listed.authorizations] == keys


async def test_listing_needs_a_case_id(payments: Stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await payments.ListAuthorizations(payments_pb2.ListAuthorizationsRequest())
    assert field_violations(raised.value) == [("case_id", "is required")]


async def test_a_case_id_that_is_not_hex_is_refused_naming_case_id(
    payments: Stub, served: Served
) -> None:
    not_hex = "case-0001-" + "x" * 22  # 32 characters, but not as intake mints them
    for call in (payments.AuthorizePayment(a_payment(case_id=not_hex)),
                 payments.ListAuthorizations(
                     payments_pb2.ListAuthorizationsRequest(case_id=not_hex))):
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await call
        assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert field_violations(raised.value) == [
            ("case_id", "must be a case id (32 lower-case hex digits)")]
    assert await served.count(AuthorizationRecord) == 0


async def test_voiding_records_the_reason_and_time(payments: Stub) -> None:
    authorized = (await payments.AuthorizePayment(a_payment())).authorization
    voided = (await payments.VoidAuthorization(payments_pb2.VoidAuthorizationRequest(
        authorization_id=authorized.authorization_id, reason="issued in error"))).authorization
    assert voided.status == payments_pb2.AUTHORIZATION_STATUS_VOIDED
    assert voided.void_reason == "issued in error"
    assert voided.voided_at.ToDatetime(tzinfo=UTC) >= authorized.authorized_at.ToDatetime(
        tzinfo=UTC)
    listed = await payments.ListAuthorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=CASE_1))
    assert list(listed.authorizations) == [voided]


async def test_voiding_twice_returns_the_first_void_unchanged(payments: Stub) -> None:
    authorized = (await payments.AuthorizePayment(a_payment())).authorization
    request = payments_pb2.VoidAuthorizationRequest(
        authorization_id=authorized.authorization_id, reason="duplicate of another")
    first = await payments.VoidAuthorization(request)
    again = await payments.VoidAuthorization(payments_pb2.VoidAuthorizationRequest(
        authorization_id=authorized.authorization_id, reason="a second thought"))
    assert again.authorization == first.authorization


async def test_a_replayed_key_returns_the_authorization_as_it_now_stands(payments: Stub) -> None:
    authorized = (await payments.AuthorizePayment(a_payment())).authorization
    await payments.VoidAuthorization(payments_pb2.VoidAuthorizationRequest(
        authorization_id=authorized.authorization_id, reason="issued in error"))
    replay = await payments.AuthorizePayment(a_payment())
    assert replay.replayed
    assert replay.authorization.status == payments_pb2.AUTHORIZATION_STATUS_VOIDED


async def test_voiding_an_unknown_id_is_not_found(payments: Stub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await payments.VoidAuthorization(payments_pb2.VoidAuthorizationRequest(
            authorization_id="0" * 32, reason="issued in error"))
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


async def test_voiding_without_a_reason_is_refused(payments: Stub) -> None:
    authorized = (await payments.AuthorizePayment(a_payment())).authorization
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await payments.VoidAuthorization(payments_pb2.VoidAuthorizationRequest(
            authorization_id=authorized.authorization_id))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in field_violations(raised.value)] == ["reason"]


async def test_health_is_serving_and_reflection_lists_the_service(served: Served) -> None:
    assert await health_status(served.channel, SERVICE_NAME) == (
        health_pb2.HealthCheckResponse.SERVING)
    assert SERVICE_NAME in await grpcurl_list(served.port)


async def test_the_migration_creates_exactly_the_tables_the_models_declare(
    served: Served,
) -> None:
    assert await served.schema_drift("payments", Base.metadata) == []
