"""Each person keeps their Social Security number and the application the household's
phone and email, all Fernet tokens like the names (SNAP and Medicaid match SSNs with
SSA, 7 CFR 273.6, 42 CFR 435.910; the agency reaches the household besides by mail).
People and cases stored before have none (NULL), which reads as not asked.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_person") as table:
        table.add_column(sa.Column("ssn", sa.Text(), nullable=True))
    with op.batch_alter_table("intake_application") as table:
        table.add_column(sa.Column("contact", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_application") as table:
        table.drop_column("contact")
    with op.batch_alter_table("intake_person") as table:
        table.drop_column("ssn")
