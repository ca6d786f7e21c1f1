"""Seed the resource directory from services/referrals/directory.yaml.

A data migration, so `make migrate` loads the directory once and a database's contents
are tied to its revision. The tables are declared here rather than imported from
`store.py`, so later model changes cannot alter what this revision did.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-05
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DIRECTORY = Path(__file__).resolve().parents[2] / "directory.yaml"
COLUMNS = ("name", "state", "county", "zip", "city", "address", "phone", "hours",
           "eligibility_notes")

resource = sa.table("referrals_resource", sa.column("resource_id"),
                    *(sa.column(name) for name in COLUMNS))
resource_need = sa.table("referrals_resource_need", sa.column("resource_id"),
                         sa.column("need"))


def entries() -> list[dict[str, Any]]:
    return list(yaml.safe_load(DIRECTORY.read_text(encoding="utf-8"))["resources"])


def upgrade() -> None:
    directory = entries()
    op.bulk_insert(resource, [
        {"resource_id": entry["id"], **{name: str(entry[name]) for name in COLUMNS}}
        for entry in directory
    ])
    op.bulk_insert(resource_need, [
        {"resource_id": entry["id"], "need": need}
        for entry in directory for need in entry["needs"]
    ])


def downgrade() -> None:
    ids = [entry["id"] for entry in entries()]
    op.execute(resource_need.delete().where(resource_need.c.resource_id.in_(ids)))
    op.execute(resource.delete().where(resource.c.resource_id.in_(ids)))
