"""How an activity reports a service's failure decides whether Temporal retries it: a
request the service refuses as wrong must not be retried; an outage must be."""

from __future__ import annotations

import functools

import grpc
import pytest
from casework.v1 import payments_pb2, payments_pb2_grpc
from temporalio.exceptions import ApplicationError

from common.auth.roles import Role
from common.errors import CALLER_REFUSED
from services.payments.servicer import SERVICE_NAME, PaymentsServicer
from tests.tokens import Issuer
from tests.unit.services_fixtures import serve
from workflows.activities._grpc import call
from workflows.activities.payments import PaymentInput, PaymentsActivities
from workflows.acts import ACTIVITY_RETRY
from workflows.inputs import Program


async def test_invalid_argument_is_a_non_retryable_error_naming_the_field(
        database_url: str, issuer: Issuer) -> None:
    async with serve("payments", SERVICE_NAME, PaymentsServicer, database_url,
                     issuer) as served:
        activities = PaymentsActivities(payments_pb2_grpc.PaymentsServiceStub(served.channel))
        with pytest.raises(ApplicationError) as raised:
            await activities.authorize_payment(
                PaymentInput("case-1", Program.SNAP, "2026-13", "monthly_benefit", -5))
    assert raised.value.non_retryable
    assert raised.value.type == "INVALID_ARGUMENT"
    assert {"period", "amount_cents"} <= set(raised.value.details[0])


async def test_an_unreachable_service_is_raised_for_temporal_to_retry() -> None:
    async with grpc.aio.insecure_channel("127.0.0.1:1") as channel:
        stub = payments_pb2_grpc.PaymentsServiceStub(channel)
        with pytest.raises(ApplicationError) as raised:
            await call(stub.ListAuthorizations,
                       payments_pb2.ListAuthorizationsRequest(case_id="c"), deadline=2.0)
    assert (raised.value.type, raised.value.non_retryable) == ("UNAVAILABLE", False)
    assert isinstance(raised.value.__cause__, grpc.aio.AioRpcError)


async def test_a_refused_token_is_retried_not_held_as_a_refused_request(
        database_url: str, issuer: Issuer) -> None:
    """The worker's token expired or was issued for another audience: the request was
    fine, so Temporal retries it (the activity's type names the code for the alert)."""
    async with serve("payments", SERVICE_NAME, PaymentsServicer, database_url,
                     issuer) as served:
        plain = grpc.aio.insecure_channel(f"127.0.0.1:{served.port}")
        stub = payments_pb2_grpc.PaymentsServiceStub(plain)
        request = payments_pb2.ListAuthorizationsRequest(case_id="c")
        try:
            for code, metadata in (
                    ("UNAUTHENTICATED", issuer.metadata(Role.WORKER, "w", aud="elsewhere")),
                    ("PERMISSION_DENIED", issuer.caseworker("cw-1", "office-001"))):
                with pytest.raises(ApplicationError) as raised:
                    await call(functools.partial(stub.ListAuthorizations, metadata=metadata),
                               request)
                assert (raised.value.type, raised.value.non_retryable) == (code, False)
        finally:
            await plain.close()
    assert not set(ACTIVITY_RETRY.non_retryable_error_types or ()) & CALLER_REFUSED
