"""A migrated, seeded referrals service on a loopback port, per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from casework.v1 import referrals_pb2_grpc

from services.referrals.servicer import SERVICE_NAME, ReferralsServicer
from tests.tokens import Issuer
from tests.unit.services_fixtures import Served, serve


@pytest.fixture
async def served(database_url: str, issuer: Issuer) -> AsyncIterator[Served]:
    async with serve("referrals", SERVICE_NAME, ReferralsServicer, database_url,
                     issuer) as running:
        yield running


@pytest.fixture
def referrals(served: Served) -> referrals_pb2_grpc.ReferralsServiceStub:
    return referrals_pb2_grpc.ReferralsServiceStub(served.channel)
