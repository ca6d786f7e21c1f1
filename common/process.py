"""The one shape of every Casework process: settings, tracing, metrics, database, serve,
stop.

Each service writes a small `build(settings, sessions) -> Built` beside its servicer,
and its `__main__` is `run("<service>", build)`. The worker and the `make up`
supervisor share `stop_signals` with the servers, so all of them stop the same way.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.audit.trail import AuditTrail
from common.auth.interceptor import Authorization, Owners
from common.auth.tokens import AuthSettings, verifier_for
from common.config import Settings
from common.db import make_engine, make_sessions
from common.metrics import configure_metrics
from common.server import DEFAULT_MAX_MESSAGE_BYTES, Register, start_server
from common.telemetry import configure_tracing
from common.tls import identity_for, server_credentials

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class Built:
    """A service ready to serve: what it adds to the server, and what it closes on stop."""

    register: Register
    service_names: Sequence[str]
    """Full proto names, answered by health and reflection."""
    on_stop: Callable[[], Awaitable[None]] | None = None
    background: Sequence[Callable[[], Coroutine[Any, Any, None]]] = ()
    """Work beside serving that runs until it is cancelled (refreshing gauges): each is
    started once the server listens and cancelled after it has drained."""
    owners: Owners | None = None
    """Whose a case is (its caseworker, office and submitting system), for the role
    table's rows scoped by a case: given by the service that holds cases."""
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES
    """The service's largest request or reply: what its own messages need, no more, so
    an oversized request is refused before it costs memory."""
    interceptors: Sequence[grpc.aio.ServerInterceptor] = ()
    """Checks of the service's own after the authorization (intake's rate limit)."""


Build = Callable[[Settings, async_sessionmaker[AsyncSession]], Built]


@asynccontextmanager
async def stop_signals() -> AsyncIterator[asyncio.Event]:
    """An event that SIGINT or SIGTERM sets while the block runs. A second signal while
    the block is still stopping is absorbed, so a stop in progress finishes."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stopping.set)
    try:
        yield stopping
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


async def until_signalled() -> None:
    """Wait for SIGINT or SIGTERM."""
    async with stop_signals() as stopping:
        await stopping.wait()


async def serve(settings: Settings, build: Build) -> None:
    """Serve on `settings.listen` until SIGINT or SIGTERM, drain, then close the database.

    The database must already be migrated (`make migrate`): a service never changes its
    schema at start, so two replicas starting together cannot race on a migration.
    Metrics are served from before `build`, so the gauges it registers are scraped.
    The service's background work runs while it serves and is cancelled once it drains.
    Calls are checked against the agency's OIDC issuer, or the local key in `var_dir`
    (`common.auth`), from before the first one is served. With TLS on
    (`CASEWORK_TLS_DIR`) it serves mutual TLS only (`common.tls`).
    """
    verifier = verifier_for(AuthSettings.from_env(var_dir=settings.var_dir))
    identity = identity_for(settings)
    configure_tracing(settings)
    metrics = configure_metrics(settings)
    engine = make_engine(settings.database_url)
    sessions = make_sessions(engine)
    built = build(settings, sessions)
    audit = AuditTrail(settings.process, sessions)  # every call, in the service's tables
    running = await start_server(settings.listen, built.register, built.service_names,
                                 authorization=Authorization(verifier, built.owners,
                                                             audit=audit),
                                 credentials=None if identity is None
                                 else server_credentials(identity),
                                 max_message_bytes=built.max_message_bytes,
                                 interceptors=built.interceptors)
    background = [asyncio.create_task(work()) for work in built.background]
    host = settings.listen.rsplit(":", 1)[0]
    log.info("%s listening on %s", settings.process, settings.listen)
    # The line tests and the supervisor read the chosen port from.
    print(f"{settings.process} listening on {host}:{running.port}", flush=True)
    if metrics is not None:
        print(f"{settings.process} metrics on {metrics.url}", flush=True)
    try:
        await until_signalled()
    finally:
        await running.stop(notice=settings.drain_seconds)
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        if built.on_stop is not None:
            await built.on_stop()
        await engine.dispose()
        if metrics is not None:
            metrics.close()


def run(process: str, build: Build) -> None:
    """`python -m services.<process>`: configuration from the environment, logs to stderr."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(serve(Settings.from_env(process), build))
