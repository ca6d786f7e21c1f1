"""The real stack for end-to-end tests: the dev server, the four services and the worker
as separate processes, started by the same `deploy.local.Stack` that `make up` runs, on
free ports in a temporary folder, once per test session. Every call the tests make
carries a real token signed with the stack's own local key, as `casework` does."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import grpc
import pytest
from casework.v1 import (
    eligibility_pb2_grpc,
    intake_pb2_grpc,
    payments_pb2_grpc,
    referrals_pb2_grpc,
)
from temporalio.client import Client

from common import tls
from common.auth.tokens import local_signing_key
from common.config import SERVICES, Settings
from common.temporal import connect
from common.tls import identity_for
from deploy.local import Addresses, Ports, Stack
from tests.conftest import (
    _create_postgres_database,
    _drop_postgres_database,
    postgres_base_url,
)
from tests.tokens import Issuer


@dataclass
class RunningStack:
    """A running stack as a test sees it: where everything is, and clients for it."""

    addresses: Addresses
    env: dict[str, str]
    """The environment every process of the stack runs with."""
    log: Path
    """Every child's output, prefixed with its name."""
    client: Client
    """A client of the stack's, with its keys, as the worker and intake connect."""
    launcher: Stack
    """The supervisor of the stack's processes, e.g. to kill and restart the worker."""
    issuer: Issuer = field(default_factory=Issuer)
    """Tokens signed with the stack's local key: what its services trust."""
    channels: dict[str, grpc.aio.Channel] = field(default_factory=dict)
    """A channel per service whose calls carry a token of a role allowed to make them (a
    supervisor's of the default office for caseworker steps), unless they bring one."""

    def settings(self, process: str) -> Settings:
        """What a process of this stack is configured with, e.g. a service's database URL
        to check what it stored."""
        return Settings.from_env(process, self.env)

    @property
    def intake(self) -> intake_pb2_grpc.IntakeServiceStub:
        return intake_pb2_grpc.IntakeServiceStub(self.channels["intake"])

    @property
    def case_records(self) -> intake_pb2_grpc.CaseRecordsServiceStub:
        return intake_pb2_grpc.CaseRecordsServiceStub(self.channels["intake"])

    @property
    def eligibility(self) -> eligibility_pb2_grpc.EligibilityServiceStub:
        return eligibility_pb2_grpc.EligibilityServiceStub(self.channels["eligibility"])

    @property
    def referrals(self) -> referrals_pb2_grpc.ReferralsServiceStub:
        return referrals_pb2_grpc.ReferralsServiceStub(self.channels["referrals"])

    @property
    def payments(self) -> payments_pb2_grpc.PaymentsServiceStub:
        return payments_pb2_grpc.PaymentsServiceStub(self.channels["payments"])


@asynccontextmanager
async def stack_database() -> AsyncIterator[str | None]:
    """A new PostgreSQL database for one stack when DATABASE_URL names a server (all four
    services share it, each with its own tables), dropped afterwards; None means SQLite
    files in the stack's folder."""
    base = postgres_base_url()
    if base is None:
        yield None
        return
    url = await _create_postgres_database(base)
    try:
        yield url
    finally:
        await _drop_postgres_database(base, url)


@pytest.fixture(scope="session")
async def stack_database_url() -> AsyncIterator[str | None]:
    """The session stack's database (`stack_database`)."""
    async with stack_database() as url:
        yield url


@asynccontextmanager
async def running_stack(var_dir: Path, env: dict[str, str]) -> AsyncIterator[RunningStack]:
    """The stack started by the same `Stack` as `make up`, in `var_dir`, on free ports,
    with clients whose calls are signed with its local key; every child's output goes to
    `var_dir`/stack.log."""
    log = var_dir / "stack.log"
    with log.open("w") as out:
        launcher = Stack(var_dir / "var", Ports.free(), env, out=out)
        try:
            await launcher.migrate()
            async with launcher as addresses:
                issuer = Issuer(key=local_signing_key(launcher.var_dir))
                # With TLS on (CASEWORK_TLS_DIR), the tests call as the CLI does.
                identity = identity_for(Settings.from_env("cli", launcher.env))
                running = RunningStack(
                    addresses=addresses,
                    env=launcher.env,
                    log=log,
                    client=await connect(launcher.settings),
                    launcher=launcher,
                    issuer=issuer,
                    channels={name: tls.channel(addresses.services[name], identity,
                                                interceptors=[issuer.fitting()])
                              for name in SERVICES},
                )
                try:
                    yield running
                finally:
                    for channel in running.channels.values():
                        await channel.close()
        except Exception as error:
            error.add_note(f"the stack's output is in {log}")
            raise


@pytest.fixture(scope="session")
async def stack(
    tmp_path_factory: pytest.TempPathFactory, stack_database_url: str | None
) -> AsyncIterator[RunningStack]:
    env = dict(os.environ)
    if stack_database_url is not None:
        env["DATABASE_URL"] = stack_database_url
    async with running_stack(tmp_path_factory.mktemp("stack"), env) as running:
        yield running
