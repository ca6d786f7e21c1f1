"""Alembic environment of the intake service (version table `alembic_version_intake`)."""

from common.migrate import run_migrations
from services.intake import views  # noqa: F401  (the read model's tables join Base's metadata)
from services.intake.store import Base

run_migrations(Base.metadata)
