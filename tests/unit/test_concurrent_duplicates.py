"""A thousand copies of one payment or one referral, sent at once over several real gRPC
channels, leave exactly one row: every copy is answered OK with that one record, one of
them told it created it. On SQLite and, with DATABASE_URL set, on PostgreSQL.

(One submission to intake, which also starts a workflow, is in
`tests/unit/intake/test_concurrent_submissions.py`.)"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from casework.v1 import payments_pb2_grpc, referrals_pb2_grpc
from sqlalchemy.orm import DeclarativeBase

from services.payments.servicer import SERVICE_NAME as PAYMENTS
from services.payments.servicer import PaymentsServicer
from services.payments.store import AuthorizationRecord
from services.referrals.servicer import SERVICE_NAME as REFERRALS
from services.referrals.servicer import ReferralsServicer
from services.referrals.store import ReferralRecord
from tests.tokens import Issuer
from tests.unit.payments.builders import a_payment
from tests.unit.referrals.test_service import a_referral
from tests.unit.services_fixtures import serve

COPIES = 1_000
CHANNELS = 10


@dataclass(frozen=True)
class Keyed:
    """One service's keyed write: how to serve it, send it, and read its record's id."""

    service: str
    service_name: str
    servicer: Callable[..., Any]
    send: Callable[[Any], Any]
    """The stub's RPC, given a channel."""
    request: Callable[[], Any]
    record_id: Callable[[Any], str]
    table: type[DeclarativeBase]


WRITES = {
    "payment": Keyed("payments", PAYMENTS, PaymentsServicer,
                     lambda ch: payments_pb2_grpc.PaymentsServiceStub(ch).AuthorizePayment,
                     a_payment, lambda r: r.authorization.authorization_id,
                     AuthorizationRecord),
    "referral": Keyed("referrals", REFERRALS, ReferralsServicer,
                      lambda ch: referrals_pb2_grpc.ReferralsServiceStub(ch).CreateReferral,
                      a_referral, lambda r: r.referral.referral_id, ReferralRecord),
}


@pytest.mark.parametrize("write", WRITES)
async def test_a_thousand_concurrent_copies_leave_one_row(
    database_url: str, issuer: Issuer, write: str
) -> None:
    keyed = WRITES[write]
    async with serve(keyed.service, keyed.service_name, keyed.servicer, database_url,
                     issuer) as served:
        channels = [issuer.channel(f"127.0.0.1:{served.port}") for _ in range(CHANNELS)]
        try:
            request = keyed.request()
            replies = await asyncio.gather(*(
                keyed.send(channels[n % CHANNELS])(request, timeout=120)
                for n in range(COPIES)))
        finally:
            await asyncio.gather(*(channel.close() for channel in channels))
        assert len({keyed.record_id(reply) for reply in replies}) == 1
        assert [reply.replayed for reply in replies].count(False) == 1
        assert await served.count(keyed.table) == 1
