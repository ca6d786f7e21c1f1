"""The audit trail: `eligibility_audit`, one row per call the service answers and per write it
commits (`common.audit`), kept until the agency's retention prunes it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-10
"""

from __future__ import annotations

from common.audit import migration

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    migration.create("eligibility")


def downgrade() -> None:
    migration.drop("eligibility")
