"""A case whose service is down says what it waits on, and carries on when it returns.

A case workflow that authorizes a payment, through the real activity, timeout and retry
policy, against a payments address where nothing listens yet: GetCase names the step,
its service, the attempt and UNAVAILABLE while Temporal retries it with backoff; once
payments is served there the attempt goes through, the case records the payment, and
GetCase waits on nothing. Real Temporal dev server, real gRPC throughout.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from casework.v1 import intake_pb2, intake_pb2_grpc, payments_pb2_grpc
from temporalio import workflow
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from common.vocabulary import PaymentKind, Program
from services.payments.servicer import SERVICE_NAME as PAYMENTS
from services.payments.servicer import PaymentsServicer
from services.payments.store import AuthorizationRecord
from tests.scrape import free_port
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import Intake
from tests.unit.services_fixtures import serve
from workflows.activities.payments import PaymentInput, PaymentsActivities
from workflows.acts import ACTIVITY_RETRY, ACTIVITY_TIMEOUT
from workflows.inputs import Phase
from workflows.state import CaseInput, CaseState

POLLS = 600
POLL_SECONDS = 0.1
"""Up to a minute of asking: the retries come 1, 2, 4 s apart."""


@workflow.defn(name="CaseWorkflow")
class PayingCaseWorkflow:
    """Authorizes the case's first month as CaseActs does, then waits for ever."""

    @workflow.init
    def __init__(self, input: CaseInput) -> None:
        self._state = CaseState(case_id=input.case_id, phase=Phase.SERVICES,
                                programs=list(input.programs), state=input.state,
                                filing_date=input.filing_date)

    @workflow.run
    async def run(self, input: CaseInput) -> CaseState:
        authorization_id = await workflow.execute_activity_method(
            PaymentsActivities.authorize_payment,
            PaymentInput(input.case_id, Program.SNAP, "2026-01", PaymentKind.MONTHLY_BENEFIT,
                         29_100),
            start_to_close_timeout=ACTIVITY_TIMEOUT, retry_policy=ACTIVITY_RETRY)
        self._state.payment_authorization_ids.append(authorization_id)
        await workflow.wait_condition(lambda: False)
        return self._state

    @workflow.query
    def status(self) -> CaseState:
        return self._state


@pytest.fixture
async def paying(intake_service: Intake, issuer: Issuer) -> AsyncIterator[tuple[Intake, str]]:
    """Intake with the paying workflow worked, its payments address not yet served."""
    address = f"127.0.0.1:{free_port()}"
    channel = issuer.channel(address)
    activities = PaymentsActivities(payments_pb2_grpc.PaymentsServiceStub(channel))
    try:
        async with Worker(intake_service.client, task_queue=intake_service.task_queue,
                          workflows=[PayingCaseWorkflow],
                          activities=[activities.authorize_payment],
                          workflow_runner=UnsandboxedWorkflowRunner()):
            yield intake_service, address
    finally:
        await channel.close()


async def _case_until(stub: intake_pb2_grpc.IntakeServiceStub, case_id: str,
                      done: Callable[[intake_pb2.Case], bool]) -> intake_pb2.Case:
    for _ in range(POLLS):
        case = (await stub.GetCase(intake_pb2.GetCaseRequest(case_id=case_id))).case
        if done(case):
            return case
        await asyncio.sleep(POLL_SECONDS)
    raise AssertionError(f"the case never got there; last seen: {case}")


async def test_a_case_says_it_waits_on_payments_while_down_and_carries_on_after(
    paying: tuple[Intake, str], database_url: str, issuer: Issuer,
) -> None:
    intake, address = paying
    case_id = (await intake.intake.SubmitApplication(an_application())).case_id

    waiting = await _case_until(intake.intake, case_id, lambda c: bool(c.waiting_on))
    [step] = waiting.waiting_on
    assert (step.step, step.service, step.failure) == (
        "authorize_payment", "payments", "UNAVAILABLE")
    assert step.attempt >= 2
    assert not waiting.state.payment_authorization_ids
    assert not waiting.state_from_record  # live state, beside what it waits on

    async with serve("payments", PAYMENTS, PaymentsServicer, database_url, issuer,
                     listen=address) as payments:
        paid = await _case_until(intake.intake, case_id,
                                 lambda c: bool(c.state.payment_authorization_ids))
        assert list(paid.waiting_on) == []
        assert await payments.count(AuthorizationRecord) == 1
