"""The audit table as each service's `audit` migration creates it, written out here once
rather than four times: the four migrations call `create` and `drop` with their service.

Spelled column by column, not built from `common.audit.table`, so what those migrations
did never changes with the model: a later change to the table is a new migration in
each service, and the schema tests (`schema_drift`) fail until it is written.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from common.audit.table import table_name


def create(service: str) -> None:
    name = table_name(service)
    op.create_table(
        name,
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("call_id", sa.String(32), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("rpc", sa.String(128), nullable=False),
        sa.Column("case_id", sa.String(32), nullable=False),
        sa.Column("record_id", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("peer", sa.String(128), nullable=False),
        sa.Column("user_agent", sa.String(256), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_case_id_occurred_at", name, ["case_id", "occurred_at"])
    op.create_index(f"ix_{name}_occurred_at", name, ["occurred_at"])


def drop(service: str) -> None:
    name = table_name(service)
    op.drop_index(f"ix_{name}_occurred_at", table_name=name)
    op.drop_index(f"ix_{name}_case_id_occurred_at", table_name=name)
    op.drop_table(name)
