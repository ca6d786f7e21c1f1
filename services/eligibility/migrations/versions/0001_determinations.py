"""Stored determinations.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eligibility_determination",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("case_id", sa.String(128), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("determined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eligibility_determination")),
    )
    op.create_index(op.f("ix_eligibility_determination_case_id"), "eligibility_determination",
                    ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_eligibility_determination_case_id"),
                  table_name="eligibility_determination")
    op.drop_table("eligibility_determination")
