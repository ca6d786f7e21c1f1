"""SubmitApplication's submission_id is an idempotency key in full: the same id with a
different application is FAILED_PRECONDITION and writes nothing, and a thousand copies
of one submission sent at once over several channels leave one case and one workflow.
On SQLite and, with DATABASE_URL set, on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import grpc
import pytest
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from sqlalchemy import func, select
from temporalio.client import WorkflowExecutionStatus

from services.intake.store import AUDIT, ApplicationRecord, PersonRecord
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import Intake
from workflows import workflow_id

COPIES = 1_000
CHANNELS = 10

Change = Callable[[intake_pb2.Application], None]

CHANGES: dict[str, Change] = {
    "another program": lambda app: app.programs.append(common_pb2.PROGRAM_TANF),
    "another income": lambda app: setattr(app.incomes[0], "monthly_cents",
                                          app.incomes[0].monthly_cents + 1),
    "another SSN": lambda app: setattr(app.people[0], "ssn", "123-45-6789"),
    "another email": lambda app: setattr(app.contact, "email", "other@example.org"),
    "another street": lambda app: setattr(app.address, "line1", "1 Other St"),
}


async def _written(intake: Intake) -> tuple[int, int, int]:
    """Applications, people and audit rows other than the calls' own outcome rows."""
    async with intake.served.engine.connect() as connection:
        audit_writes = await connection.scalar(
            select(func.count()).select_from(AUDIT).where(AUDIT.c.outcome == "OK"))
    return (await intake.served.count(ApplicationRecord),
            await intake.served.count(PersonRecord), int(audit_writes or 0))


@pytest.mark.parametrize("change", CHANGES)
async def test_the_same_submission_id_with_another_application_is_refused_writing_nothing(
    intake: Intake, change: str,
) -> None:
    first = an_application()
    await intake.intake.SubmitApplication(first)
    before = await _written(intake)
    other = intake_pb2.SubmitApplicationRequest()
    other.CopyFrom(first)
    CHANGES[change](other.application)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await intake.intake.SubmitApplication(other)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "different application" in (refused.value.details() or "")
    assert await _written(intake) == before
    # The first application, sent again, is still its case.
    assert (await intake.intake.SubmitApplication(first)).replayed


async def test_a_thousand_concurrent_copies_of_one_submission_leave_one_case(
    intake: Intake, issuer: Issuer,
) -> None:
    request = an_application()
    channels = [issuer.channel(f"127.0.0.1:{intake.served.port}") for _ in range(CHANNELS)]
    try:
        replies = await asyncio.gather(*(
            intake_pb2_grpc.IntakeServiceStub(channels[n % CHANNELS]).SubmitApplication(
                request, timeout=120) for n in range(COPIES)))
    finally:
        await asyncio.gather(*(channel.close() for channel in channels))
    assert len({reply.case_id for reply in replies}) == 1
    assert [reply.replayed for reply in replies].count(False) == 1
    assert await intake.served.count(ApplicationRecord) == 1
    handle = intake.client.get_workflow_handle(workflow_id(replies[0].case_id))
    assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
