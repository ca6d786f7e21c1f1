"""Notices keep the date they were mailed: the 10 days of an adverse action count from it
(7 CFR 273.13(a)(1)).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_notice") as table:
        table.add_column(sa.Column("mailed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_notice") as table:
        table.drop_column("mailed_on")
