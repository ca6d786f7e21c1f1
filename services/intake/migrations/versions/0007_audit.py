"""The audit trail: `intake_audit`, one row per call the service answers and per write it
commits (`common.audit`), kept until the agency's retention prunes it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

from __future__ import annotations

from common.audit import migration

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create("intake")


def downgrade() -> None:
    migration.drop("intake")
