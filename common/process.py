"""The body of every service's `__main__`: settings, tracing, database, then serve."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Protocol

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.config import Settings
from common.db import make_engine, make_sessions
from common.server import serve_until_stopped
from common.telemetry import configure_tracing


class Servicer(Protocol):
    def register(self, server: grpc.aio.Server) -> None: ...


MakeServicer = Callable[[async_sessionmaker[AsyncSession]], Servicer]


async def serve(settings: Settings, make_servicer: MakeServicer, service_name: str) -> None:
    """Serve on `settings.listen` until SIGINT or SIGTERM, then close the database.

    The database must already be migrated (`make migrate`): a service never changes its
    schema at start, so two replicas starting together cannot race on a migration.
    """
    configure_tracing(settings)
    engine = make_engine(settings.database_url)
    servicer = make_servicer(make_sessions(engine))
    await serve_until_stopped(
        settings.process, settings.listen, servicer.register, [service_name],
        on_stop=engine.dispose,
    )


def run_service(process: str, make_servicer: MakeServicer, service_name: str) -> None:
    """`python -m services.<process>`: configuration from the environment, logs to stderr."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(serve(Settings.from_env(process), make_servicer, service_name))
