"""Payment authorisations, unique per idempotency key.

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
        "payments_authorization",
        sa.Column("seq", sa.Integer(), autoincrement=True),
        sa.Column("authorization_id", sa.String(32), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("case_id", sa.String(128), nullable=False),
        sa.Column("program", sa.String(16), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("payee_kind", sa.String(16), nullable=False),
        sa.Column("payee_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("authorized_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_reason", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_payments_authorization")),
        sa.CheckConstraint(
            "amount_cents > 0", name=op.f("ck_payments_authorization_amount_positive")
        ),
        sa.UniqueConstraint(
            "authorization_id", name=op.f("uq_payments_authorization_authorization_id")
        ),
        # Exactly once: a second insert of a key fails here, whatever raced to it.
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_payments_authorization_idempotency_key")
        ),
    )
    op.create_index(
        op.f("ix_payments_authorization_case_id"), "payments_authorization", ["case_id"]
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_payments_authorization_case_id"), table_name="payments_authorization"
    )
    op.drop_table("payments_authorization")
