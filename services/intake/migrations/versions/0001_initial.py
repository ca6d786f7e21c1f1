"""Intake's tables: applications, people (PII encrypted), verification items, notices
and the case audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "intake_application",
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("submission_id", sa.String(128), nullable=False),
        sa.Column("programs", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("county", sa.String(100), nullable=False),
        sa.Column("zip", sa.String(5), nullable=False),
        sa.Column("street", sa.Text(), nullable=False),
        sa.Column("filing_date", sa.Date(), nullable=False),
        sa.Column("household", sa.JSON(), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("closure_reason", sa.String(32), nullable=True),
        sa.Column("caseworker_id", sa.String(64), nullable=True),
        sa.Column("office_id", sa.String(64), nullable=True),
        sa.Column("interview_date", sa.Date(), nullable=True),
        sa.Column("submitted_at", AT, nullable=False),
        sa.Column("updated_at", AT, nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_intake_application"),
        sa.UniqueConstraint("submission_id", name="uq_intake_application_submission_id"),
    )
    op.create_index("ix_intake_application_caseworker_id", "intake_application",
                    ["caseworker_id"])
    for table, columns, unique in (
        ("intake_person", [
            sa.Column("member_id", sa.String(64), nullable=False),
            sa.Column("given_name", sa.Text(), nullable=False),
            sa.Column("family_name", sa.Text(), nullable=False),
            sa.Column("birth_date", sa.Text(), nullable=False),
        ], ("case_id", "member_id")),
        ("intake_verification_item", [
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("due_date", sa.Date(), nullable=False),
            sa.Column("received", sa.Boolean(), nullable=False),
            sa.Column("source", sa.Text(), nullable=False),
            sa.Column("received_date", sa.Date(), nullable=True),
            sa.Column("verifier_id", sa.String(64), nullable=False),
            sa.Column("requested_at", AT, nullable=False),
        ], ("case_id", "kind")),
        ("intake_notice", [
            sa.Column("notice_id", sa.String(32), nullable=False, unique=True),
            sa.Column("idempotency_key", sa.String(200), nullable=False),
            sa.Column("kind", sa.String(32), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("issued_at", AT, nullable=False),
        ], ("idempotency_key",)),
        ("intake_case_event", [
            sa.Column("idempotency_key", sa.String(200), nullable=False),
            sa.Column("kind", sa.String(64), nullable=False),
            sa.Column("detail", sa.JSON(), nullable=False),
            sa.Column("at", AT, nullable=False),
        ], ("idempotency_key",)),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("case_id", sa.String(32), nullable=False),
            *columns,
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.ForeignKeyConstraint(["case_id"], ["intake_application.case_id"],
                                    name=f"fk_{table}_case_id_intake_application"),
            sa.UniqueConstraint(*unique, name=f"uq_{table}_{unique[0]}"),
        )
        op.create_index(f"ix_{table}_case_id", table, ["case_id"])


def downgrade() -> None:
    for table in ("intake_case_event", "intake_notice", "intake_verification_item",
                  "intake_person"):
        op.drop_table(table)
    op.drop_table("intake_application")
