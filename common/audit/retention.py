"""How long audit rows are kept: the agency's decision, not Temporal's.

Nothing in Casework deletes an audit row except `prune`, run by an operator or the
agency's scheduler (`python -m common.audit prune`). Without CASEWORK_AUDIT_RETENTION_DAYS
every row is kept for ever; with it, `prune` deletes the rows older than that many days
and records that it did, as a row of its own. Temporal's namespace retention (how long a
closed workflow's history stays) has no bearing on these tables.
"""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import MetaData, delete

from common.audit.table import audit_table
from common.db import make_engine
from common.records import new_id, utc_now

RETENTION_VARIABLE = "CASEWORK_AUDIT_RETENTION_DAYS"
PRUNE = "prune"
"""The `rpc` of the row a prune leaves: what was done to the trail itself."""


def retention_days(env: Mapping[str, str] = os.environ) -> int | None:
    """The agency's retention in days; None (keep every row) when it is not set.

    Raises:
        ValueError: it is set to anything but a whole number of days, 1 or more.
    """
    value = env.get(RETENTION_VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{RETENTION_VARIABLE} must be a whole number of days, 1 or more")
    return int(value)


@dataclass(frozen=True)
class Pruned:
    service: str
    deleted: int
    before: datetime
    """Rows that occurred before this instant were deleted."""


async def prune(service: str, database_url: str, days: int,
                now: datetime | None = None) -> Pruned:
    """Delete `service`'s audit rows older than `days`, and record the prune (who ran
    it, where, how many rows and up to when) in the same transaction."""
    at = now or utc_now()
    before = at - timedelta(days=days)
    table = audit_table(MetaData(), service)
    engine = make_engine(database_url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(delete(table).where(table.c.occurred_at < before))
            deleted = result.rowcount
            await connection.execute(table.insert().values(
                id=new_id(), call_id=new_id(), occurred_at=at, service=service,
                host=socket.gethostname()[:255], rpc=PRUNE, case_id="", record_id="",
                subject=getpass.getuser()[:128], role="", office="", peer="local",
                user_agent="python -m common.audit prune", outcome="OK",
                reason=f"deleted {deleted} rows older than {before.isoformat()} "
                       f"({RETENTION_VARIABLE}={days})"))
    finally:
        await engine.dispose()
    return Pruned(service, deleted, before)
