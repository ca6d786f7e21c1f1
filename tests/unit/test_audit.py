"""The audit trail on real services over loopback, on SQLite and (with DATABASE_URL) on
PostgreSQL: an allowed write's row commits with it and only with it, reads, refusals and
errors each get theirs, no row holds what a request says about a person, and only the
retention prune ever deletes one.

Same transaction is shown by breaking each half: a database trigger that refuses the
write leaves neither the write nor an OK row, and one that refuses the OK row leaves no
write; each time the failure gets a row of its own.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from casework.v1 import (
    eligibility_pb2,
    eligibility_pb2_grpc,
    intake_pb2,
    intake_pb2_grpc,
    payments_pb2,
    payments_pb2_grpc,
)
from cryptography.fernet import Fernet
from sqlalchemy import MetaData, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine

from common.audit.table import audit_table
from common.db import make_engine
from services.eligibility.servicer import SERVICE_NAME as ELIGIBILITY
from services.eligibility.servicer import EligibilityServicer
from services.eligibility.store import Base as EligibilityBase
from services.intake.options import IntakeOptions
from services.payments.servicer import SERVICE_NAME as PAYMENTS
from services.payments.servicer import PaymentsServicer
from services.payments.store import AuthorizationRecord
from tests.conftest import migrate
from tests.tokens import OPERATIONS, WORKER, Issuer
from tests.unit.eligibility.helpers import RULEBOOK
from tests.unit.intake.builders import FAMILY_NAME, GIVEN_NAMES, an_application, digits
from tests.unit.intake.conftest import UNREACHABLE_TEMPORAL, intake_settings, serve_intake
from tests.unit.payments.builders import CASE_1, a_payment
from tests.unit.services_fixtures import ROOT, Served, serve, service_process

AUTHORIZE = "/casework.v1.PaymentsService/AuthorizePayment"
LIST = "/casework.v1.PaymentsService/ListAuthorizations"


async def audit_rows(engine: AsyncEngine, service: str) -> list[dict[str, Any]]:
    """The service's audit rows, oldest first, read straight from its database."""
    table = audit_table(MetaData(), service)
    async with engine.connect() as connection:
        result = await connection.execute(select(table).order_by(table.c.occurred_at))
        return [dict(row._mapping) for row in result]


async def refuse_inserts(engine: AsyncEngine, table: str, when: str = "") -> None:
    """A trigger that makes the database refuse an insert into `table` (only rows for
    which the SQL condition `when` on NEW holds, if given): a write failing inside its
    transaction, as a full disk or a lost connection would."""
    async with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            condition = f"WHEN {when} " if when else ""
            await connection.execute(text(
                f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} {condition}"
                "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"))
            return
        await connection.execute(text(
            "CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"))
        condition = f"WHEN ({when}) " if when else ""
        await connection.execute(text(
            f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW "
            f"{condition}EXECUTE FUNCTION refuse_insert()"))


async def code_of(call: Any) -> grpc.StatusCode:
    try:
        await call
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


@pytest.fixture
async def payments_served(database_url: str, issuer: Issuer) -> AsyncIterator[Served]:
    async with serve("payments", PAYMENTS, PaymentsServicer, database_url, issuer) as served:
        yield served


@pytest.fixture
def payments(payments_served: Served) -> payments_pb2_grpc.PaymentsServiceStub:
    return payments_pb2_grpc.PaymentsServiceStub(payments_served.channel)


async def test_an_allowed_write_commits_one_row_saying_who_what_when_where_from_where(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub) -> None:
    before = datetime.now(UTC)
    await payments.AuthorizePayment(a_payment())
    [row] = await audit_rows(payments_served.engine, "payments")
    assert {key: row[key] for key in ("service", "host", "rpc", "case_id", "record_id",
                                      "subject", "role", "office", "outcome", "reason")} == {
        "service": "payments", "host": socket.gethostname(), "rpc": AUTHORIZE,
        "case_id": CASE_1, "record_id": "", "subject": WORKER, "role": "worker",
        "office": "", "outcome": "OK", "reason": ""}
    assert before <= row["occurred_at"] <= datetime.now(UTC)
    assert row["peer"].startswith("ipv4:127.0.0.1:")
    assert "grpc" in row["user_agent"]

    replayed = await payments.AuthorizePayment(a_payment())
    assert replayed.replayed
    rows = await audit_rows(payments_served.engine, "payments")
    assert [r["outcome"] for r in rows] == ["OK", "OK"]
    assert rows[0]["call_id"] != rows[1]["call_id"]
    assert await payments_served.count(AuthorizationRecord) == 1


async def test_a_write_whose_transaction_fails_leaves_neither_it_nor_an_ok_row(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub) -> None:
    await refuse_inserts(payments_served.engine, "payments_authorization")
    code = await code_of(payments.AuthorizePayment(a_payment()))
    assert code != grpc.StatusCode.OK
    assert await payments_served.count(AuthorizationRecord) == 0
    [row] = await audit_rows(payments_served.engine, "payments")
    assert (row["rpc"], row["outcome"], row["case_id"]) == (AUTHORIZE, code.name, CASE_1)


async def test_a_write_whose_audit_row_cannot_be_written_is_not_made(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub) -> None:
    await refuse_inserts(payments_served.engine, "payments_audit", "NEW.outcome = 'OK'")
    code = await code_of(payments.AuthorizePayment(a_payment()))
    assert code != grpc.StatusCode.OK
    assert await payments_served.count(AuthorizationRecord) == 0
    assert [r["outcome"] for r in await audit_rows(payments_served.engine, "payments")] == [
        code.name]


async def test_a_read_is_audited_before_it_answers_and_fails_when_it_cannot_be(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub,
        issuer: Issuer) -> None:
    read = payments_pb2.ListAuthorizationsRequest(case_id=CASE_1)
    await payments.ListAuthorizations(read)
    [row] = await audit_rows(payments_served.engine, "payments")
    assert (row["rpc"], row["case_id"], row["subject"], row["role"], row["outcome"]) == (
        LIST, CASE_1, OPERATIONS, "operations", "OK")

    await refuse_inserts(payments_served.engine, "payments_audit", "NEW.outcome = 'OK'")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await payments.ListAuthorizations(read)
    assert refused.value.code() == grpc.StatusCode.INTERNAL
    assert refused.value.details() == "the call could not be audited"
    assert len(await audit_rows(payments_served.engine, "payments")) == 1


async def test_a_call_without_a_token_is_audited_unauthenticated_with_no_one_named(
        payments_served: Served) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{payments_served.port}") as plain:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await payments_pb2_grpc.PaymentsServiceStub(plain).AuthorizePayment(a_payment())
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    [row] = await audit_rows(payments_served.engine, "payments")
    assert (row["rpc"], row["case_id"], row["outcome"], row["reason"]) == (
        AUTHORIZE, CASE_1, "UNAUTHENTICATED", refused.value.details())
    assert (row["subject"], row["role"], row["office"]) == ("", "", "")
    assert await payments_served.count(AuthorizationRecord) == 0


async def test_a_refused_role_is_audited_with_who_and_why_and_nothing_else_is_written(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub,
        issuer: Issuer) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await payments.AuthorizePayment(a_payment(), metadata=issuer.caseworker("cw-9", "o-9"))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    [row] = await audit_rows(payments_served.engine, "payments")
    assert (row["subject"], row["role"], row["office"], row["outcome"]) == (
        "cw-9", "caseworker", "o-9", "PERMISSION_DENIED")
    assert row["reason"] and row["reason"] == refused.value.details()
    assert await payments_served.count(AuthorizationRecord) == 0


async def test_a_record_not_found_is_audited_with_the_id_asked_for(
        database_url: str, issuer: Issuer) -> None:
    async with serve("eligibility", ELIGIBILITY, lambda s: EligibilityServicer(s, RULEBOOK),
                     database_url, issuer) as served:
        missing = "d" * 32
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await eligibility_pb2_grpc.EligibilityServiceStub(served.channel).GetDetermination(
                eligibility_pb2.GetDeterminationRequest(determination_id=missing))
        assert raised.value.code() == grpc.StatusCode.NOT_FOUND
        [row] = await audit_rows(served.engine, "eligibility")
        assert (row["rpc"], row["record_id"], row["case_id"], row["outcome"], row["reason"]) == (
            "/casework.v1.EligibilityService/GetDetermination", missing, "", "NOT_FOUND", "")
        assert await served.schema_drift("eligibility", EligibilityBase.metadata) == []


async def test_no_row_holds_what_a_request_says_about_a_person(
        database_url: str, issuer: Issuer, tmp_path: Path) -> None:
    """A filed application (its case stored, its workflow not started: Temporal is down)
    has the write's row naming the new case and the call's UNAVAILABLE; a name typed
    into a case id is refused and not kept; nothing of the household is in the table."""
    await migrate("intake", database_url)
    options = IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                      "CASEWORK_CASEWORKERS": "cw-1"}, var_dir=str(tmp_path))
    filed = an_application()
    person = filed.application.people[0]
    sentinels = [*GIVEN_NAMES, FAMILY_NAME, *(p.birth_date for p in filed.application.people),
                 *(digits(p.ssn) for p in filed.application.people if p.ssn),
                 filed.application.address.line1, "Belmont", "185000", "110000"]
    async with serve_intake(intake_settings(database_url, "audit-test", UNREACHABLE_TEMPORAL),
                            options, None, issuer) as served:
        intake = intake_pb2_grpc.IntakeServiceStub(served.channel)
        assert await code_of(intake.SubmitApplication(filed)) == grpc.StatusCode.UNAVAILABLE
        typed = intake_pb2.GetCaseRequest(case_id=f"{person.given_name} {person.birth_date}")
        assert await code_of(intake.GetCase(typed)) == grpc.StatusCode.INVALID_ARGUMENT
        rows = await audit_rows(served.engine, "intake")
    written, failed, invalid = rows
    assert (written["outcome"], failed["outcome"], invalid["outcome"]) == (
        "OK", "UNAVAILABLE", "INVALID_ARGUMENT")
    assert written["call_id"] == failed["call_id"] != invalid["call_id"]
    assert len(written["case_id"]) == 32 and failed["case_id"] == written["case_id"]
    assert invalid["case_id"] == ""
    stored = repr(rows).lower()
    assert [s for s in sentinels if s.lower() in stored] == []


async def prune(database_url: str, *args: str, days: str | None) -> tuple[int, str]:
    env = {**os.environ, "CASEWORK_PAYMENTS_DATABASE_URL": database_url}
    env.pop("CASEWORK_AUDIT_RETENTION_DAYS", None)
    if days is not None:
        env["CASEWORK_AUDIT_RETENTION_DAYS"] = days
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "common.audit", "prune", *args, cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode()


async def test_rows_are_kept_until_the_agencys_retention_prunes_them_and_the_prune_is_audited(
        payments_served: Served, payments: payments_pb2_grpc.PaymentsServiceStub,
        database_url: str) -> None:
    for period in ("2026-01", "2026-02", "2026-03"):
        await payments.AuthorizePayment(a_payment(f"{CASE_1}:snap:{period}:monthly_benefit",
                                                  period=period))
    first, second, third = await audit_rows(payments_served.engine, "payments")
    table = audit_table(MetaData(), "payments")
    async with payments_served.engine.begin() as connection:
        for row, age in ((first, 400), (second, 31)):
            await connection.execute(update(table).where(table.c.id == row["id"]).values(
                occurred_at=datetime.now(UTC) - timedelta(days=age)))

    assert await prune(database_url, "payments", days=None) == (
        0, "CASEWORK_AUDIT_RETENTION_DAYS is not set: every audit row is kept\n")
    assert len(await audit_rows(payments_served.engine, "payments")) == 3
    assert (await prune(database_url, "payments", days="0"))[0] == 2

    code, out = await prune(database_url, "payments", days="30")
    assert code == 0 and out.startswith("payments: deleted 2 audit rows older than ")
    kept, pruned = await audit_rows(payments_served.engine, "payments")
    assert kept["id"] == third["id"]
    assert (pruned["rpc"], pruned["outcome"], pruned["service"]) == ("prune", "OK", "payments")
    assert pruned["subject"] and "deleted 2 rows older than" in pruned["reason"]
    assert await payments_served.count(AuthorizationRecord) == 3


async def test_a_service_process_audits_its_calls(database_url: str) -> None:
    """`python -m services.payments`, as `make up` and a pod run it (common.process)."""
    await migrate("payments", database_url)
    async with service_process("payments", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as plain:
            code = await code_of(payments_pb2_grpc.PaymentsServiceStub(plain).AuthorizePayment(
                a_payment(), timeout=10))
    assert code == grpc.StatusCode.UNAUTHENTICATED
    engine = make_engine(database_url)
    try:
        [row] = await audit_rows(engine, "payments")
    finally:
        await engine.dispose()
    assert (row["rpc"], row["case_id"], row["outcome"]) == (AUTHORIZE, CASE_1, "UNAUTHENTICATED")
