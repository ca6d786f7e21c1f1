"""No person's facts where they do not belong, on a stack of its own that prints every
span: households with sentinel names, birth dates, SSNs, streets, phones, emails and
incomes are filed and taken through their lifecycle (interview, proof, determination, a
change report, closure), then every byte the stack wrote is searched: the Temporal
database, `temporal workflow show`, each process's log, exported spans and metrics, and
every service's tables. Names, birth dates, SSNs, streets, phones and emails appear
nowhere but as ciphertext (intake keeps them Fernet-encrypted); incomes, which intake
keeps in clear for the rules, are nowhere in clear in what Temporal holds (its payloads
are encrypted).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import create_async_engine

from common.config import Settings
from common.db import async_url, make_engine
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from services.intake.store import ApplicationRecord, PersonRecord
from tests.conftest import (
    _create_postgres_database,
    _drop_postgres_database,
    postgres_base_url,
)
from tests.e2e import builders
from tests.e2e.conftest import RunningStack, running_stack
from tests.scrape import scrape_async
from tests.servers import TEMPORAL_CLI
from tests.unit.intake.builders import a_contact, an_ssn, digits
from workflows import workflow_id

pytestmark = pytest.mark.e2e

NAMED = ("Xanthippe", "Zebulonovich", "Quillfeather", "1977-11-23", "1983-04-17",
         "2015-08-09", "7731 N Sentinel Way")
"""A given name, two family names, three birth dates and a street no other test uses."""

SSNS = (an_ssn(), an_ssn(), an_ssn())
"""Each member's, new each run; the second is sent without dashes."""

CONTACT = a_contact()
"""The household's phone, written with punctuation, and email, new each run."""

SENTINELS = (*NAMED, *SSNS, *map(digits, SSNS), CONTACT.phone, digits(CONTACT.phone),
             CONTACT.email)
"""Everything above as sent and as intake keeps it (an SSN's or phone's digits only)."""

WAGES_CENTS = random.randint(55_001, 59_999)
"""The head's monthly wages, new each run: a part-time job under TANF's standard for 3."""

INCOME_IN_CLEAR = re.compile(rb"""monthly_cents["']?\s*:\s*%d\b""" % WAGES_CENTS)
"""The wages as JSON (a payload, the CLI's rendering of one, a row) or a row's repr show
them."""


def a_sentinel_family(submission: str) -> intake_pb2.SubmitApplicationRequest:
    request = builders.a_tanf_and_snap_family()
    request.submission_id = submission
    app = request.application
    app.address.line1 = NAMED[6]
    for person, (given, family, born), ssn in zip(app.people, [
            (NAMED[0], NAMED[1], NAMED[3]), ("Hesper", NAMED[2], NAMED[4]),
            ("Ottoline", NAMED[1], NAMED[5])], [SSNS[0], digits(SSNS[1]), SSNS[2]],
                                                  strict=True):
        person.given_name, person.family_name, person.birth_date = given, family, born
        person.ssn = ssn
    app.contact.CopyFrom(CONTACT)
    app.incomes[0].monthly_cents = WAGES_CENTS
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
    """Every row of every table of a PostgreSQL database, as text: each row as a plain
    tuple, whose repr is whole (a SQLAlchemy Row's cuts long values short, so a long
    JSON column would go unsearched)."""
    engine = create_async_engine(async_url(url))
    try:
        async with engine.connect() as connection:
            tables = (await connection.execute(text(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public'"))).scalars().all()
            rows = [repr([tuple(row) for row in await connection.execute(
                text(f'SELECT * FROM "{table}"'))]) for table in tables]
    finally:
        await engine.dispose()
    return "\n".join(rows).encode()


async def decrypted_by_intake(stack: RunningStack) -> tuple[set[str], list[dict[str, str]]]:
    """The SSNs and contacts intake holds, read back with the stack's own PII key: that
    the sentinels were filed and kept, so finding them nowhere else means something."""
    env = stack.launcher.env
    cipher = PiiCipher(IntakeOptions.from_env(env, var_dir=str(stack.launcher.var_dir))
                       .pii_keys)
    engine = make_engine(Settings.from_env("intake", env).database_url)
    try:
        async with engine.connect() as connection:
            ssns = (await connection.scalars(select(PersonRecord.ssn))).all()
            contacts = (await connection.scalars(select(ApplicationRecord.contact))).all()
    finally:
        await engine.dispose()
    return ({cipher.decrypt(s) for s in ssns if s},
            [json.loads(cipher.decrypt(c)) for c in contacts if c])


async def test_no_name_birth_date_ssn_street_or_contact_is_anywhere_but_encrypted(
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
    for process, url in traced.addresses.metrics.items():
        places[f"{process}'s metrics"] = str(await scrape_async(url)).encode()
    assert b"span_id" in places["the stack's logs and spans"]  # the spans were exported
    assert any(name.startswith("temporal.db") for name in places)
    assert {where: found_in(data) for where, data in places.items() if found_in(data)} == {}
    temporal = {where: data for where, data in places.items()
                if where.startswith(("temporal.db", "temporal workflow show"))}
    assert [where for where, data in temporal.items() if INCOME_IN_CLEAR.search(data)] == []
    # What is kept in clear by design is found, so the search reads what was stored: the
    # county and the wages in intake's tables, the case ids in the log and in Temporal's
    # history.
    kept_by_intake = [data for where, data in places.items()
                      if where.startswith("intake") or "PostgreSQL" in where]
    assert any(b"Cook" in data for data in kept_by_intake)
    assert any(INCOME_IN_CLEAR.search(data) for data in kept_by_intake)
    assert all(case_id.encode() in places["the stack's logs and spans"] for case_id in case_ids)
    ssns, contacts = await decrypted_by_intake(traced)
    assert ssns == {digits(ssn) for ssn in SSNS}
    assert contacts == [{"phone": digits(CONTACT.phone), "email": CONTACT.email}] * 2
