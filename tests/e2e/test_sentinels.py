"""No person's facts where they do not belong, on a stack of its own that prints every
span: households with sentinel names, birth dates and streets are filed and taken
through their lifecycle (interview, proof, determination, a change report, closure),
then every byte the stack wrote is searched: the Temporal database, `temporal workflow
show`, each process's log and exported spans, and every service's tables. Names, birth
dates and streets appear nowhere but as ciphertext (intake keeps them Fernet-encrypted).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from common.db import async_url
from tests.conftest import (
    _create_postgres_database,
    _drop_postgres_database,
    postgres_base_url,
)
from tests.e2e import builders
from tests.e2e.conftest import RunningStack, running_stack
from tests.servers import TEMPORAL_CLI
from workflows import workflow_id

pytestmark = pytest.mark.e2e

SENTINELS = ("Xanthippe", "Zebulonovich", "Quillfeather", "1977-11-23", "1983-04-17",
             "2015-08-09", "7731 N Sentinel Way")
"""A given name, two family names, three birth dates and a street no other test uses."""


def a_sentinel_family(submission: str) -> intake_pb2.SubmitApplicationRequest:
    request = builders.a_tanf_and_snap_family()
    request.submission_id = submission
    app = request.application
    app.address.line1 = SENTINELS[6]
    for person, (given, family, born) in zip(app.people, [
            (SENTINELS[0], SENTINELS[1], SENTINELS[3]), ("Hesper", SENTINELS[2], SENTINELS[4]),
            ("Ottoline", SENTINELS[1], SENTINELS[5])], strict=True):
        person.given_name, person.family_name, person.birth_date = given, family, born
    return request


@pytest.fixture(scope="module")
async def traced(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningStack]:
    """A stack of this module's own, exporting every span to its log (and with a
    PostgreSQL database of its own when DATABASE_URL names a server)."""
    env = {**os.environ, "CASEWORK_TRACE_EXPORTER": "console"}
    base = postgres_base_url()
    database = await _create_postgres_database(base) if base else None
    if database:
        env["DATABASE_URL"] = database
    try:
        async with running_stack(tmp_path_factory.mktemp("sentinels"), env) as running:
            yield running
    finally:
        if base and database:
            await _drop_postgres_database(base, database)


async def lived(stack: RunningStack) -> list[str]:
    """Two sentinel families taken through a lifecycle: both to monitoring, one reports
    a change, both close at their own request."""
    case_ids = []
    for _ in range(2):
        case_id = await builders.submit(stack, a_sentinel_family(f"sub-{uuid.uuid4().hex}"))
        case = await builders.interview(stack, case_id)
        for kind in builders.requested(case):
            await builders.verify(stack, case_id, kind)
        await builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_PLAN)
        await builders.assess(stack, case_id)
        await builders.approve(stack, case_id)
        await builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_MONITORING)
        case_ids.append(case_id)
    intake = intake_pb2_grpc.IntakeServiceStub(stack.channels["intake"])
    await intake.ReportChange(intake_pb2.ReportChangeRequest(
        case_id=case_ids[0], reported_date=builders.today().isoformat(),
        caseworker_id=builders.ASSESSOR, changes=[intake_pb2.HouseholdChange(
            change_date=builders.today().isoformat(),
            income=common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                                     monthly_cents=70_000))]), timeout=30)
    for case_id in case_ids:
        await builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_MONITORING)
        await intake.CloseCase(intake_pb2.CloseCaseRequest(
            case_id=case_id, reason=intake_pb2.CLOSURE_REASON_CLIENT_REQUEST,
            caseworker_id=builders.ASSESSOR), timeout=30)
        await builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_CLOSED)
    await asyncio.sleep(2)  # the last spans and log lines are flushed
    return case_ids


def written(stack: RunningStack) -> dict[str, bytes]:
    """The stack's log (every process's output and span) and its database files:
    Temporal's and, on SQLite, each service's."""
    places = {"the stack's logs and spans": stack.log.read_bytes()}
    for path in sorted(Path(stack.launcher.var_dir).glob("*.db*")):
        places[path.name] = path.read_bytes()
    return places


def found_in(data: bytes) -> list[str]:
    return [s for s in SENTINELS if s.encode() in data]


async def table_text(url: str) -> bytes:
    """Every row of every table of a PostgreSQL database, as text."""
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as connection:
            tables = (await connection.execute(text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public'"))).scalars().all()
            rows = [str((await connection.execute(text(f'SELECT * FROM "{table}"'))).all())
                    for table in tables]
    finally:
        await engine.dispose()
    return "\n".join(rows).encode()


async def test_no_name_birth_date_or_street_is_anywhere_but_encrypted(
        traced: RunningStack) -> None:
    case_ids = await lived(traced)
    places = await asyncio.to_thread(written, traced)
    if "DATABASE_URL" in traced.env:
        places["the services' PostgreSQL tables"] = await table_text(traced.env["DATABASE_URL"])
    for case_id in case_ids:
        shown = await asyncio.create_subprocess_exec(
            str(TEMPORAL_CLI), "workflow", "show", "--address", traced.addresses.temporal,
            "--workflow-id", workflow_id(case_id), "--output", "json",
            stdout=asyncio.subprocess.PIPE)
        places[f"temporal workflow show {case_id[:8]}"], _ = await shown.communicate()
    assert b"span_id" in places["the stack's logs and spans"]  # the spans were exported
    assert any(name.startswith("temporal.db") for name in places)
    assert {where: found_in(data) for where, data in places.items() if found_in(data)} == {}
    # What is kept in clear by design is found, so the search reads what was stored: the
    # county in intake's tables, the case ids in the log and in Temporal's history.
    assert any(b"Cook" in data for where, data in places.items()
               if where.startswith("intake") or "PostgreSQL" in where)
    assert all(case_id.encode() in places["the stack's logs and spans"] for case_id in case_ids)
