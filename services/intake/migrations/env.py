"""Alembic environment of the intake service (version table `alembic_version_intake`)."""

from common.migrate import run_migrations
from services.intake.store import Base

run_migrations(Base.metadata)
