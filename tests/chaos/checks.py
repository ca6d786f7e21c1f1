"""What the chaos run looks for in the services' databases once every case rests:
nothing duplicated, nothing half-written, and how often the worker's calls ran again.

Each effect the worker makes through a service (a payment, a referral, a notice, a case
event) is one row per idempotency key, and each call that makes one is one audited call
(`common.audit`: a call's row commits with its write; a call has one row per outcome).
So the audited calls minus the keys is how many of those calls ran again and were
answered from the first one's row: more than 0 shows the run hit the window between an
effect and its activity's completion. The checks are SQL over the tables as the
migrations make them, on the SQLite files or the PostgreSQL database alike.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from casework.v1 import intake_pb2
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from common.audit.table import table_name
from common.config import SERVICES, Settings
from common.db import make_engine

OK = "OK"


@dataclass(frozen=True)
class Effect:
    """A record the worker's activities write through a service, once per key."""

    name: str
    service: str
    table: str
    rpcs: tuple[str, ...]
    """The audited calls that write it."""
    same: tuple[str, ...]
    """What makes two rows the same effect, whatever their keys."""


EFFECTS = (
    Effect("payment", "payments", "payments_authorization",
           ("/casework.v1.PaymentsService/AuthorizePayment",),
           ("case_id", "program", "period", "kind")),
    Effect("referral", "referrals", "referrals_referral",
           ("/casework.v1.ReferralsService/CreateReferral",), ("case_id", "need")),
    Effect("notice", "intake", "intake_notice",
           ("/casework.v1.CaseRecordsService/IssueNotice",), ("case_id", "kind", "text")),
    Effect("case event", "intake", "intake_case_event",
           ("/casework.v1.CaseRecordsService/RecordCaseEvent",
            "/casework.v1.CaseRecordsService/RecordVerification"),
           ("case_id", "kind", "CAST(detail AS TEXT)")),
)

HALF_WRITTEN: tuple[tuple[str, str, str], ...] = (
    ("payments", "a payment without its terms, authorisation or matching key", """
        SELECT count(*) FROM payments_authorization
        WHERE authorization_id = '' OR payee_id = '' OR amount_cents <= 0
           OR authorized_at IS NULL OR status NOT IN ('authorized', 'voided')
           OR idempotency_key <> case_id || ':' || program || ':' || period || ':' || kind"""),
    ("referrals", "a referral without its resource, need, time or matching key", """
        SELECT count(*) FROM referrals_referral
        WHERE referral_id = '' OR status = '' OR created_at IS NULL
           OR resource_id NOT IN (SELECT resource_id FROM referrals_resource)
           OR idempotency_key <> case_id || '\\:NEED_' || upper(need)"""),
    ("intake", "a notice without its text, kind, mailing day or its case's key", """
        SELECT count(*) FROM intake_notice
        WHERE notice_id = '' OR text = '' OR kind = '' OR issued_at IS NULL
           OR mailed_on IS NULL OR idempotency_key NOT LIKE case_id || ':%'"""),
    ("intake", "a received proof without its source, verifier or date", """
        SELECT count(*) FROM intake_verification_item
        WHERE received AND (source = '' OR verifier_id = '' OR received_date IS NULL)"""),
    ("eligibility", "a determination without its case or body", """
        SELECT count(*) FROM eligibility_determination
        WHERE case_id = '' OR body IS NULL"""),
)
"""(service, what is wrong, a count of the rows it is wrong for), from the schemas."""


@dataclass
class Findings:
    """What the databases hold after the run; `problems` says what is wrong, if any."""

    executions: dict[str, int] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    duplicates: Counter[str] = field(default_factory=Counter)
    half_written: Counter[str] = field(default_factory=Counter)

    @property
    def retried(self) -> dict[str, int]:
        """Calls that ran again for an effect already made, by effect."""
        return {name: self.executions[name] - self.keys[name] for name in self.keys}

    @property
    def problems(self) -> list[str]:
        return [f"{count} duplicated: {what}" for what, count in self.duplicates.items()
                if count] + [f"{count} half-written: {what}"
                             for what, count in self.half_written.items() if count]


class Databases:
    """The four services' databases, as the stack's environment names them."""

    def __init__(self, env: Mapping[str, str]) -> None:
        urls = {service: Settings.from_env(service, env).database_url for service in SERVICES}
        engines: dict[str, AsyncEngine] = {}
        self._engines = {service: engines.setdefault(url, make_engine(url))
                         for service, url in urls.items()}  # one engine per database

    async def count(self, service: str, sql: str) -> int:
        async with self._engines[service].connect() as connection:
            return int((await connection.execute(text(sql))).scalar_one())

    async def rows(self, service: str, sql: str) -> list[tuple[object, ...]]:
        async with self._engines[service].connect() as connection:
            return [tuple(row) for row in await connection.execute(text(sql))]

    async def orphans(self) -> Counter[str]:
        """Rows whose foreign key names no row, for every foreign key of every table
        (SQLite does not enforce them for rows written before `PRAGMA foreign_keys`)."""
        found: Counter[str] = Counter()
        for service in SERVICES:
            async with self._engines[service].connect() as connection:
                keys = await connection.run_sync(_foreign_keys, service)
            for child, columns, parent, targets in keys:
                [column], [target] = columns, targets  # every key here is one column
                found[f"{child}.{column} naming no {parent} row"] += await self.count(
                    service, f"SELECT count(*) FROM {child} WHERE {column} IS NOT NULL "
                             f"AND {column} NOT IN (SELECT {target} FROM {parent})")
        return found

    async def close(self) -> None:
        for engine in set(self._engines.values()):
            await engine.dispose()


def _foreign_keys(connection: Connection, service: str
                  ) -> list[tuple[str, list[str], str, list[str]]]:
    inspector = inspect(connection)
    return [(table, key["constrained_columns"], key["referred_table"], key["referred_columns"])
            for table in inspector.get_table_names() if table.startswith(f"{service}_")
            for key in inspector.get_foreign_keys(table)]


async def inspect_databases(databases: Databases,
                            cases: Iterable[intake_pb2.Case]) -> Findings:
    """Every check, over the databases and `cases` as their workflows last reported
    them (the cases that rest: the others fail the run already)."""
    findings = Findings()
    for effect in EFFECTS:
        rpcs = ", ".join(f"'{rpc}'" for rpc in effect.rpcs)
        findings.executions[effect.name] = await databases.count(
            effect.service, f"SELECT count(DISTINCT call_id) FROM {table_name(effect.service)} "
                            f"WHERE outcome = '{OK}' AND rpc IN ({rpcs})")
        findings.keys[effect.name] = await databases.count(
            effect.service, f"SELECT count(DISTINCT idempotency_key) FROM {effect.table}")
        findings.duplicates[f"{effect.name} (same key)"] = await databases.count(
            effect.service, f"SELECT count(*) - count(DISTINCT idempotency_key) "
                            f"FROM {effect.table}")
        same = ", ".join(effect.same)
        findings.duplicates[f"{effect.name} (same {same})"] = await databases.count(
            effect.service, f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n "
                            f"FROM {effect.table} GROUP BY {same}) AS effects")
        if findings.executions[effect.name] < findings.keys[effect.name]:
            findings.half_written[f"{effect.name} without its call's audit row"] = (
                findings.keys[effect.name] - findings.executions[effect.name])
    for service in SERVICES:
        findings.duplicates[f"{service} audit row (same call and outcome)"] = (
            await databases.count(service, f"SELECT coalesce(sum(n - 1), 0) FROM (SELECT "
                                           f"count(*) AS n FROM {table_name(service)} "
                                           f"GROUP BY call_id, outcome) AS outcomes"))
    for service, what, sql in HALF_WRITTEN:
        findings.half_written[what] = await databases.count(service, sql)
    findings.half_written.update(await databases.orphans())
    findings.half_written["a case missing members it was filed with"] = await _unpeopled(
        databases)
    findings.half_written.update(await _unmatched(databases, list(cases)))
    return findings


async def _unpeopled(databases: Databases) -> int:
    """Cases whose stored household names more members than have a person row."""
    members = await databases.rows("intake", "SELECT case_id, household FROM intake_application")
    people = {case_id: count for case_id, count in await databases.rows(
        "intake", "SELECT case_id, count(*) FROM intake_person GROUP BY case_id")}
    return sum(people.get(case_id, 0) != len(_json(household)["members"])
               for case_id, household in members)


async def _unmatched(databases: Databases, cases: list[intake_pb2.Case]) -> Counter[str]:
    """Payments and referrals `cases` and the services disagree on: one a service
    stored for one of them that its case does not know of, or one a case knows of that
    was not stored."""
    found: Counter[str] = Counter()
    ids = {case.case_id for case in cases}
    payment, referral = EFFECTS[:2]
    for effect, column, of_case in (
            (payment, "authorization_id", lambda c: c.state.payment_authorization_ids),
            (referral, "referral_id", lambda c: c.state.referral_ids)):
        stored = {row for row in await databases.rows(
            effect.service, f"SELECT case_id, {column} FROM {effect.table}") if row[0] in ids}
        known = {(case.case_id, record) for case in cases for record in of_case(case)}
        found[f"{effect.name} stored that no case knows of"] = len(stored - known)
        found[f"{effect.name} a case knows of that was not stored"] = len(known - stored)
    return found


def _json(value: object) -> dict[str, list[object]]:
    """A JSON column read by plain SQL: text from either driver, unless one parsed it."""
    return value if isinstance(value, dict) else json.loads(str(value))
