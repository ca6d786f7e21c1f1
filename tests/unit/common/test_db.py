"""Engines: the async driver is chosen from a plain URL, and a SQLite file just works."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from common.db import async_url, make_engine


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://root@127.0.0.1:5432/test", "postgresql+asyncpg://root@127.0.0.1:5432/test"),
        ("postgres://root@127.0.0.1/test", "postgresql+asyncpg://root@127.0.0.1/test"),
        ("sqlite:///var/intake.db", "sqlite+aiosqlite:///var/intake.db"),
        ("sqlite+aiosqlite:///var/intake.db", "sqlite+aiosqlite:///var/intake.db"),
        ("postgresql+asyncpg://u:secret@db/x", "postgresql+asyncpg://u:secret@db/x"),
    ],
)
def test_async_url_picks_the_async_driver_and_keeps_the_rest(given: str, used: str) -> None:
    assert async_url(given) == used


def test_async_url_refuses_a_database_it_has_no_driver_for() -> None:
    with pytest.raises(ValueError, match="unsupported database: mysql"):
        async_url("mysql://root@127.0.0.1/test")


async def test_a_sqlite_engine_makes_its_folder_and_runs_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "var" / "payments.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        async with engine.connect() as connection:
            journal = (await connection.execute(text("PRAGMA journal_mode"))).scalar_one()
            foreign_keys = (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one()
    finally:
        await engine.dispose()
    assert path.exists()
    assert journal == "wal"
    assert foreign_keys == 1
