"""An application keeps a keyed fingerprint of what was first submitted, so the same
submission_id with a different application is refused rather than answered with the
first case. Cases filed before have none, and their resubmissions are taken as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_application") as table:
        table.add_column(sa.Column("submission_digest", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_application") as table:
        table.drop_column("submission_digest")
