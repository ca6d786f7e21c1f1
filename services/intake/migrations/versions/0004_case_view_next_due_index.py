"""ListCases walks an index in its own order (next due date, cases without one last, then
case id) instead of sorting every case the filter matches: the first page of 10,000
cases no longer sorts them all (`make bench`).

The expression is the one `services.intake.views.next_due()` orders by, with the same
literal, so SQLite and PostgreSQL both match the query to it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_intake_case_view_next_due"


def upgrade() -> None:
    op.create_index(INDEX, "intake_case_view",
                    [sa.text("coalesce(next_due_date, '9999-12-31')"), "case_id"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="intake_case_view")
