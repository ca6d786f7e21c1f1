"""The audit table, defined once: each service adds it to its own metadata as
`<service>_audit` (`audit_table`), so the four services can share one PostgreSQL
database and each keeps its own trail beside the records it audits.

A row answers AU-3's six questions and nothing else:

| AU-3 | columns |
|---|---|
| what | `rpc` (the full method), `case_id`, `record_id` |
| when | `occurred_at` (UTC) |
| where | `service`, `host` |
| source | `peer` (the caller's address), `user_agent` |
| outcome | `outcome` (the gRPC status code's name), `reason` (a refusal's) |
| who | `subject`, `role`, `office` (from the verified token; empty without one) |

`call_id` ties together the rows of one call: a call that commits a write and then
fails has the write's row (outcome OK) and a row with its final outcome. No column
holds a request field other than an id, so no name, SSN, birth date, address or income
can reach the table.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, MetaData, String, Table

from common.records import UtcDateTime

SUFFIX = "_audit"


def table_name(service: str) -> str:
    """`payments` -> `payments_audit`: prefixed like every other table of the service."""
    return service + SUFFIX


def audit_table(metadata: MetaData, service: str) -> Table:
    """The audit table of `service`, added to `metadata` (the service's own, so its
    migrations and schema check cover it)."""
    name = table_name(service)
    return Table(
        name, metadata,
        Column("id", String(32), primary_key=True),
        Column("call_id", String(32), nullable=False),
        Column("occurred_at", UtcDateTime, nullable=False),
        Column("service", String(32), nullable=False),
        Column("host", String(255), nullable=False),
        Column("rpc", String(128), nullable=False),
        Column("case_id", String(32), nullable=False),
        Column("record_id", String(32), nullable=False),
        Column("subject", String(128), nullable=False),
        Column("role", String(16), nullable=False),
        Column("office", String(64), nullable=False),
        Column("peer", String(128), nullable=False),
        Column("user_agent", String(256), nullable=False),
        Column("outcome", String(32), nullable=False),
        Column("reason", String(500), nullable=False),
        # A case's history, in order; and the retention prune's range.
        Index(f"ix_{name}_case_id_occurred_at", "case_id", "occurred_at"),
        Index(f"ix_{name}_occurred_at", "occurred_at"),
    )
