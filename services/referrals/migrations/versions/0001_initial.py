"""The resource directory, the needs each resource serves, and referrals.

Revision ID: 0001
Revises:
Create Date: 2026-01-05
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
        "referrals_resource",
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("county", sa.String(64), nullable=False),
        sa.Column("zip", sa.String(5), nullable=False),
        sa.Column("city", sa.String(64), nullable=False),
        sa.Column("address", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("hours", sa.String(200), nullable=False),
        sa.Column("eligibility_notes", sa.String(1000), nullable=False),
        sa.PrimaryKeyConstraint("resource_id", name=op.f("pk_referrals_resource")),
    )
    op.create_index(op.f("ix_referrals_resource_state"), "referrals_resource", ["state"])
    op.create_table(
        "referrals_resource_need",
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("need", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("resource_id", "need", name=op.f("pk_referrals_resource_need")),
        sa.ForeignKeyConstraint(
            ["resource_id"], ["referrals_resource.resource_id"], ondelete="CASCADE",
            name=op.f("fk_referrals_resource_need_resource_id_referrals_resource"),
        ),
    )
    op.create_index(op.f("ix_referrals_resource_need_need"), "referrals_resource_need",
                    ["need"])
    op.create_table(
        "referrals_referral",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.String(32), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("case_id", sa.String(128), nullable=False),
        sa.Column("resource_id", sa.String(64), nullable=False),
        sa.Column("need", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.String(1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome_note", sa.String(1000), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_referrals_referral")),
        sa.ForeignKeyConstraint(
            ["resource_id"], ["referrals_resource.resource_id"],
            name=op.f("fk_referrals_referral_resource_id_referrals_resource"),
        ),
        sa.UniqueConstraint("referral_id", name=op.f("uq_referrals_referral_referral_id")),
        # Exactly once: a second insert of a key fails here, whatever raced to it.
        sa.UniqueConstraint("idempotency_key",
                            name=op.f("uq_referrals_referral_idempotency_key")),
    )
    op.create_index(op.f("ix_referrals_referral_case_id"), "referrals_referral", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_referrals_referral_case_id"), table_name="referrals_referral")
    op.drop_table("referrals_referral")
    op.drop_index(op.f("ix_referrals_resource_need_need"), table_name="referrals_resource_need")
    op.drop_table("referrals_resource_need")
    op.drop_index(op.f("ix_referrals_resource_state"), table_name="referrals_resource")
    op.drop_table("referrals_resource")
