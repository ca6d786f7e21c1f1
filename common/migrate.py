"""Alembic for every service: `python -m common.migrate [SERVICE ...]`.

Each service keeps its own Alembic environment in `services/<name>/migrations/` with a
version table of its own (`alembic_version_<name>`), so the four histories can share one
PostgreSQL database. `env.py` in each is two lines that call `run_migrations` here.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from common.config import SERVICES, Settings
from common.db import make_engine

SERVICES_DIR = Path(__file__).resolve().parent.parent / "services"


def alembic_config(service: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("path_separator", "os")
    config.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    config.set_main_option("version_locations",
                           str(SERVICES_DIR / service / "migrations" / "versions"))
    config.attributes["database_url"] = database_url
    config.attributes["service"] = service
    return config


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    """Bring one service's tables to `revision`."""
    command.upgrade(alembic_config(service, database_url), revision)


def run_migrations(metadata: MetaData) -> None:
    """The body of every service's `env.py`: run online against the service's database."""
    config = context.config
    service = config.attributes["service"]
    url = config.attributes["database_url"]

    def migrate(connection: Connection) -> None:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=f"alembic_version_{service}",
            render_as_batch=True,  # SQLite cannot ALTER; batch mode copies the table
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = make_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
            await connection.commit()
        await engine.dispose()

    asyncio.run(run())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("services", nargs="*", metavar="SERVICE", help=", ".join(SERVICES))
    args = parser.parse_args(argv)
    unknown = set(args.services) - set(SERVICES)
    if unknown:
        parser.error(f"unknown service: {', '.join(sorted(unknown))}")
    for service in args.services or SERVICES:
        settings = Settings.from_env(service)
        upgrade(service, settings.database_url)
        print(f"migrated {service}")


if __name__ == "__main__":
    main()
