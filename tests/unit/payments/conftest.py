"""A migrated payments service on a loopback port, per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from casework.v1 import payments_pb2_grpc

from services.payments.servicer import SERVICE_NAME, PaymentsServicer
from tests.tokens import Issuer
from tests.unit.services_fixtures import Served, serve


@pytest.fixture
async def served(database_url: str, issuer: Issuer) -> AsyncIterator[Served]:
    async with serve("payments", SERVICE_NAME, PaymentsServicer, database_url,
                     issuer) as running:
        yield running


@pytest.fixture
def payments(served: Served) -> payments_pb2_grpc.PaymentsServiceStub:
    return payments_pb2_grpc.PaymentsServiceStub(served.channel)
