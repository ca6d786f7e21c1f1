"""Serving one service for a test: migrated database, real gRPC on a loopback port with
the real authorization (tokens from the test's `Issuer`), and the same checks of health,
reflection and `python -m services.<name>` for every service."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import MetaData, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase

from common.audit.trail import AuditTrail
from common.auth.callers import Metadata, bearer
from common.auth.interceptor import Authorization
from common.auth.roles import Role
from common.auth.tokens import AuthSettings, local_minter
from common.config import Settings
from common.db import make_engine, make_sessions
from common.server import start_server
from tests.conftest import migrate
from tests.tokens import Issuer

ROOT = Path(__file__).resolve().parents[2]
GRPCURL = Path(sys.executable).parent / "grpcurl"
STARTUP_SECONDS = 30.0

MakeServicer = Callable[[async_sessionmaker[AsyncSession]], Any]
"""A servicer class (or factory) taking the sessions; the result has `register(server)`."""


@dataclass
class Served:
    """A service running in this process, and what a test needs to reach it."""

    port: int
    channel: grpc.aio.Channel
    engine: AsyncEngine

    async def schema_drift(self, service: str, metadata: MetaData) -> list[object]:
        """What autogenerate would change: empty when the hand-written migrations build
        exactly the tables the models declare, on whichever backend the test runs."""

        def compare(connection: Connection) -> list[object]:
            context = MigrationContext.configure(
                connection, opts={"version_table": f"alembic_version_{service}"})
            return list(compare_metadata(context, metadata))

        async with self.engine.connect() as connection:
            return await connection.run_sync(compare)

    async def count(self, model: type[DeclarativeBase]) -> int:
        """Rows in a table, read straight from the database rather than through the API."""
        async with self.engine.connect() as connection:
            return int(await connection.scalar(select(func.count()).select_from(model)) or 0)


@asynccontextmanager
async def serve(
    service: str,
    service_name: str,
    make_servicer: MakeServicer,
    database_url: str,
    issuer: Issuer,
    listen: str = "127.0.0.1:0",
) -> AsyncIterator[Served]:
    """Migrate `database_url` for `service` and serve it on `listen` (a free port by
    default) until the block ends, trusting `issuer`'s tokens and auditing every call in
    its audit table; the channel sends a token fitting each call."""
    await migrate(service, database_url)
    engine = make_engine(database_url)
    sessions = make_sessions(engine)
    servicer = make_servicer(sessions)
    running = await start_server(
        listen, servicer.register, [service_name],
        authorization=Authorization(issuer.verifier, audit=AuditTrail(service, sessions)))
    channel = issuer.channel(f"127.0.0.1:{running.port}")
    try:
        yield Served(running.port, channel, engine)
    finally:
        await channel.close()
        await running.stop(grace=0)
        await engine.dispose()


async def health_status(channel: grpc.aio.Channel, service_name: str) -> int:
    """What the standard health service says about `service_name`."""
    stub = health_pb2_grpc.HealthStub(channel)
    reply = await stub.Check(health_pb2.HealthCheckRequest(service=service_name), timeout=5)
    return int(reply.status)


async def grpcurl_list(port: int) -> list[str]:
    """The services `grpcurl -plaintext list` finds by reflection, as an operator runs it."""
    process = await asyncio.create_subprocess_exec(
        str(GRPCURL), "-plaintext", f"127.0.0.1:{port}", "list",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, err.decode()
    return out.decode().split()


def process_token(role: Role, sub: str, office: str = "",
                  extra_env: Mapping[str, str] | None = None) -> Metadata:
    """Call metadata with a token a `service_process` trusts: signed with the local key
    in the var dir it runs with (as `make up` would have made it)."""
    var_dir = Settings.from_env("cli", {**os.environ, **(extra_env or {})}).var_dir
    minter = local_minter(AuthSettings(var_dir=str(ROOT / var_dir)))
    return bearer(minter.mint(role, sub, office))


@asynccontextmanager
async def service_process(
    service: str, database_url: str, extra_env: Mapping[str, str] | None = None
) -> AsyncIterator[int]:
    """Run `python -m services.<service>` on a port the OS picks; yields that port.
    SIGTERM stops it."""
    async with running_service(service, database_url, extra_env) as (_, port):
        yield port


@asynccontextmanager
async def running_service(
    service: str, database_url: str, extra_env: Mapping[str, str] | None = None
) -> AsyncIterator[tuple[asyncio.subprocess.Process, int]]:
    """`service_process` for a test that signals the process itself: yields it and its
    port. The port is read from the line the server prints once it listens, so there is
    no window in which another process could take a pre-chosen free port. SIGTERM stops
    it if it is still running when the block ends.
    """
    prefix = f"CASEWORK_{service.upper()}_"
    env = {**os.environ, prefix + "LISTEN": "127.0.0.1:0", prefix + "DATABASE_URL": database_url,
           **(extra_env or {})}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", f"services.{service}", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=STARTUP_SECONDS)
        assert line.startswith(f"{service} listening on ".encode()), line
        yield process, int(line.decode().rsplit(":", 1)[1])
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        # Exit code is not asserted: grpc can abort noisily during interpreter shutdown.
        await asyncio.wait_for(process.communicate(), timeout=STARTUP_SECONDS)
