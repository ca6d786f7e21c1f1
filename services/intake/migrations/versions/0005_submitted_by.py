"""An application keeps which integration system submitted it (its token's `sub`): that
system may read the case afterwards, and no other (`common.auth.roles`, scope
`submitted`). Cases filed before have none, so no system reads them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("intake_application") as table:
        table.add_column(sa.Column("submitted_by", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("intake_application") as table:
        table.drop_column("submitted_by")
