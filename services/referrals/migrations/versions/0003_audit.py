"""The audit trail: `referrals_audit`, one row per call the service answers and per write it
commits (`common.audit`), kept until the agency's retention prunes it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-10
"""

from __future__ import annotations

from common.audit import migration

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create("referrals")


def downgrade() -> None:
    migration.drop("referrals")
