"""The case read model: each case's state as its workflow last recorded it, with a row per
program, clock, open task and approval, for the supervisors' lists, counts and worklists.

A case has no view until its workflow records one; nothing is backfilled.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AT = sa.DateTime(timezone=True)
VIEW = "intake_case_view"


def _case_id(table: str) -> list[sa.Column[str] | sa.ForeignKeyConstraint]:
    """A child table's case column and its key to the view."""
    return [sa.Column("case_id", sa.String(32), nullable=False),
            sa.ForeignKeyConstraint(["case_id"], [f"{VIEW}.case_id"],
                                    name=f"fk_{table}_case_id_{VIEW}")]


def upgrade() -> None:
    op.create_table(
        VIEW,
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("filing_date", sa.Date(), nullable=False),
        sa.Column("caseworker_id", sa.String(64), nullable=True),
        sa.Column("office_id", sa.String(64), nullable=True),
        sa.Column("sla_status", sa.String(16), nullable=False),
        sa.Column("next_due_date", sa.Date(), nullable=True),
        sa.Column("next_due_code", sa.String(64), nullable=True),
        sa.Column("last_state", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", AT, nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=f"pk_{VIEW}"),
        sa.ForeignKeyConstraint(["case_id"], ["intake_application.case_id"],
                                name=f"fk_{VIEW}_case_id_intake_application"),
    )
    for column in ("phase", "caseworker_id", "office_id", "sla_status", "next_due_date"):
        op.create_index(f"ix_{VIEW}_{column}", VIEW, [column])

    op.create_table(
        "intake_view_program",
        *_case_id("intake_view_program"),
        sa.Column("program", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "program", name="pk_intake_view_program"),
    )
    op.create_index("ix_intake_view_program_program", "intake_view_program", ["program"])

    op.create_table(
        "intake_view_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        *_case_id("intake_view_clock"),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("ref", sa.String(128), nullable=False),
        sa.Column("program", sa.String(16), nullable=False),
        sa.Column("agency", sa.Boolean(), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("met", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("warning_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("original_due_date", sa.Date(), nullable=True),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("paused_on", sa.Date(), nullable=True),
        sa.Column("extended_by", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_intake_view_clock"),
        sa.UniqueConstraint("case_id", "code", "ref", name="uq_intake_view_clock_case_id"),
    )
    op.create_index("ix_intake_view_clock_code", "intake_view_clock", ["code"])
    op.create_index("ix_intake_view_clock_status_due_date", "intake_view_clock",
                    ["status", "due_date"])

    op.create_table(
        "intake_view_task",
        *_case_id("intake_view_task"),
        sa.Column("task", sa.String(64), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", "task", name="pk_intake_view_task"),
    )
    op.create_index("ix_intake_view_task_task", "intake_view_task", ["task"])

    op.create_table(
        "intake_view_approval",
        *_case_id("intake_view_approval"),
        sa.Column("approval_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("program", sa.String(16), nullable=False),
        sa.Column("requested_by", sa.String(64), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("new_due_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("case_id", "approval_id", name="pk_intake_view_approval"),
    )
    op.create_index("ix_intake_view_approval_decision_requested_on", "intake_view_approval",
                    ["decision", "requested_on"])


def downgrade() -> None:
    for table in ("intake_view_approval", "intake_view_task", "intake_view_clock",
                  "intake_view_program", VIEW):
        op.drop_table(table)
