"""Async SQLAlchemy engines: SQLite under var/ by default, PostgreSQL via DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from common.audit.trail import AuditedSession

ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg",
                 "postgres": "postgresql+asyncpg"}


def async_url(url: str) -> str:
    """The URL with its async driver: `postgresql://` becomes `postgresql+asyncpg://`."""
    parsed = make_url(url)
    if "+" not in parsed.drivername:
        driver = ASYNC_DRIVERS.get(parsed.drivername)
        if driver is None:
            raise ValueError(f"unsupported database: {parsed.drivername}")
        parsed = parsed.set(drivername=driver)
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str) -> AsyncEngine:
    """An engine for the URL; a SQLite file's folder is created and WAL mode switched on."""
    url = async_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_async_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine.sync_engine, "connect")
    def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # WAL lets the CLI read while a service writes; foreign keys are off by default.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "savepoint")
    def _begin_first(connection, _name):  # type: ignore[no-untyped-def]
        # The driver opens a transaction only before a write, so a SAVEPOINT sent first
        # (create_once's) would itself be the outermost transaction, and its RELEASE
        # would commit the row then, whatever became of the RPC's transaction.
        if not connection.connection.driver_connection.in_transaction:
            connection.exec_driver_sql("BEGIN")

    return engine


def make_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit (one transaction per RPC),
    and whose commits during a call carry its audit row (`common.audit.trail`)."""
    return async_sessionmaker(engine, expire_on_commit=False,
                              sync_session_class=AuditedSession)
