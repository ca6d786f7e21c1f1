"""Every RPC of the four services, fuzzed with hypothesis (`tests.fuzz.messages`).

The services run once for the module, as the authorization test runs them
(`serving_world`: real sockets, the real interceptor and audit trail, real tokens, intake's
Temporal down), on SQLite files or, with DATABASE_URL set, fresh PostgreSQL databases.
Each example is sent by a caller the role table allows for the RPC, or by one outside
its scope (another caseworker, another office's supervisor, another system), and must
end with a clean status:

* OK, INVALID_ARGUMENT naming fields of the request, NOT_FOUND, FAILED_PRECONDITION or
  PERMISSION_DENIED; never INTERNAL or UNKNOWN (an unhandled exception);
* UNAVAILABLE only where intake reaches Temporal (SubmitApplication and the caseworker
  steps, `REACHES_TEMPORAL`): the request was valid and the case is down;
* RESOURCE_EXHAUSTED only for a request over gRPC's default message limit.

Refused (anything but OK, and SubmitApplication's UNAVAILABLE, whose application is
stored for the retry to start), a request changes no row of the serving service's
tables but its audit table's; every call adds that table exactly its audit rows, one
call's, the last with the code the caller got. The server answers health after each.
`CASEWORK_FUZZ_EXAMPLES` sets the examples per RPC.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.message import Message
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, Table, func, select
from sqlalchemy.exc import SAWarning

from common.audit.table import SUFFIX
from common.auth.callers import Metadata, bearer
from common.auth.roles import POLICY, Role, Rule, ScopedBy
from common.status import field_violations
from tests.conftest import fresh_database
from tests.fuzz.messages import Known, Strategies, filled, requests, spots, walk
from tests.unit.test_authorization import (
    IN_SCOPE,
    OUT_OF_SCOPE,
    SERVICES,
    World,
    output_class,
    payment,
    referral,
    service_of,
    serving_world,
    valid_request,
)

EXAMPLES = int(os.environ.get("CASEWORK_FUZZ_EXAMPLES", "100"))
"""Examples per RPC. 100 by default, what keeps the module near three minutes in make
test on two cores (1,000 would take half an hour)."""

CLEAN = frozenset({grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT,
                   grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION,
                   grpc.StatusCode.PERMISSION_DENIED})
SUBMIT = "/casework.v1.IntakeService/SubmitApplication"
REACHES_TEMPORAL = frozenset(
    {SUBMIT} | {method for method, rule in POLICY.items()
                if ".IntakeService/" in method and rule.scoped_by is ScopedBy.CASE}
    - {"/casework.v1.IntakeService/GetCase", "/casework.v1.IntakeService/GetCaseRecord"})
"""Intake RPCs that start a case's workflow or send it an Update once the request is
valid (GetCase asks the workflow too, but answers from the read model when it cannot)."""

pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning")
"""Huge strings are the point; hypothesis warns when it prints one."""

GRPC_DEFAULT_LIMIT = 4 * 1024 * 1024
OVERSIZE = 16 * 1024 * 1024 + 1
"""Over every service's message limit: gRPC refuses it before the interceptor runs."""


@dataclass(frozen=True, repr=False)
class Caller:
    """Who sends an example, and the valid requests (in their name) it mutates."""

    name: str
    metadata: Metadata
    seeds: tuple[Message, ...]
    requests: st.SearchStrategy[Message]

    def __repr__(self) -> str:
        return self.name


@dataclass(repr=False)
class Fuzz:
    """The served world, the strategies for its values and each service's tables (its
    repr is left out of hypothesis's report of a failing example)."""

    world: World
    strategies: Strategies
    tables: dict[str, list[Table]] = field(default_factory=dict)
    last: dict[str, dict[str, int]] = field(default_factory=dict)
    """Each service's row counts after the last example: the next one's "before", as
    nothing else writes (taken out while an example runs, so a failed one leaves none)."""
    _callers: dict[str, list[Caller]] = field(default_factory=dict)

    def callers(self, rule: Rule) -> list[Caller]:
        """Each role the table allows, in its scope; then each scoped role out of it
        (made once per RPC: the seeds keep their keys, so a mutation reuses a key)."""
        if rule.method not in self._callers:
            self._callers[rule.method] = self._make_callers(rule)
        return self._callers[rule.method]

    def _make_callers(self, rule: Rule) -> list[Caller]:
        found = []
        for role in rule.scopes:
            sub, office = IN_SCOPE[role]
            found.append(self._caller(rule, role, sub, office))
        for scope, (role, sub, office) in OUT_OF_SCOPE.items():
            if rule.scopes.get(role) is scope:
                found.append(self._caller(rule, role, sub, office))
        return found

    def _caller(self, rule: Rule, role: Role, sub: str, office: str) -> Caller:
        token = self.world.issuer.token(role, sub, office, ttl=timedelta(days=1))
        seeds = []
        for seed in (valid_request(rule, self.world),
                     filled(valid_request(rule, self.world), self.strategies.known)):
            if rule.actor_field:
                setattr(seed, rule.actor_field, sub)
            seeds.append(seed)
        return Caller(f"{role}:{sub}", bearer(token), tuple(seeds),
                      requests(seeds, self.strategies))

    async def counts(self, service: str) -> dict[str, int]:
        """Rows in each of the service's tables, in one query."""
        engine = self.world.served[service].engine
        if service not in self.tables:
            metadata = MetaData()
            async with engine.connect() as connection:
                with warnings.catch_warnings():  # SQLite cannot reflect the expression index
                    warnings.simplefilter("ignore", SAWarning)
                    await connection.run_sync(metadata.reflect)
            self.tables[service] = list(metadata.tables.values())
        query = select(*(select(func.count()).select_from(table).scalar_subquery()
                         .label(table.name) for table in self.tables[service]))
        async with engine.connect() as connection:
            row = (await connection.execute(query)).one()
        return dict(row._mapping)

    async def audit_since(self, service: str, since: datetime) -> list[dict[str, Any]]:
        """The service's audit rows written at or after `since`, oldest first."""
        table = next(t for t in self.tables[service] if t.name == service + SUFFIX)
        async with self.world.served[service].engine.connect() as connection:
            rows = await connection.execute(
                select(table.c.call_id, table.c.rpc, table.c.outcome)
                .where(table.c.occurred_at >= since).order_by(table.c.occurred_at))
        return [dict(row._mapping) for row in rows]

    async def send(self, method: str, request: Message, metadata: Metadata
                   ) -> grpc.aio.AioRpcError | None:
        """The call's error, or None when it succeeded."""
        rpc = self.world.channel(method).unary_unary(
            method, request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=output_class(method).FromString)
        try:
            await rpc(request, metadata=metadata, timeout=30)
        except grpc.aio.AioRpcError as error:
            return error
        return None

    async def serving(self, method: str) -> bool:
        health = health_pb2_grpc.HealthStub(self.world.channel(method))
        reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=5)
        return reply.status == health_pb2.HealthCheckResponse.SERVING


@pytest.fixture(scope="module")
async def fuzz(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Fuzz]:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    async with AsyncExitStack() as stack:
        urls = {name: await stack.enter_async_context(fresh_database(folder / f"{name}.db"))
                for name in SERVICES}
        world = await stack.enter_async_context(serving_world(folder, urls))
        known = Known(
            case_ids=(world.case_id,),
            ids=(IN_SCOPE[Role.CASEWORKER][0], OUT_OF_SCOPE[next(iter(OUT_OF_SCOPE))][1],
                 "sup-a", "sup-b", "p1", world.determination_id, world.authorization_id,
                 world.referral_id, world.resource_id, world.case_id),
            keys=(payment(world, "2025-12").idempotency_key, referral(world).idempotency_key))
        yield Fuzz(world, Strategies(known))


def head(field_path: str) -> str:
    """The request's own field a violation's path starts at: `people[1].ssn` -> people."""
    return field_path.split(".", 1)[0].split("[", 1)[0]


def allowed(method: str, code: grpc.StatusCode, size: int) -> bool:
    if code in CLEAN:
        return True
    if code is grpc.StatusCode.UNAVAILABLE:
        return method in REACHES_TEMPORAL
    return code is grpc.StatusCode.RESOURCE_EXHAUSTED and size > GRPC_DEFAULT_LIMIT


@pytest.mark.parametrize("method", list(POLICY), ids=lambda m: m.rsplit(".", 1)[1])
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
async def test_every_request_gets_a_clean_status_and_a_refused_one_writes_nothing(
        fuzz: Fuzz, method: str, data: st.DataObject) -> None:
    rule = POLICY[method]
    caller = data.draw(st.sampled_from(fuzz.callers(rule)), label="caller")
    request = data.draw(caller.requests, label="request")
    service = service_of(method)
    before = fuzz.last.pop(service, None) or await fuzz.counts(service)
    since = datetime.now(UTC)
    error = await fuzz.send(method, request, caller.metadata)
    code = grpc.StatusCode.OK if error is None else error.code()
    details = "" if error is None else error.details()
    assert allowed(method, code, request.ByteSize()), (code, details)
    if code is grpc.StatusCode.INVALID_ARGUMENT:
        assert error is not None
        named = {head(name) for name, _ in field_violations(error)}
        assert named and named <= set(request.DESCRIPTOR.fields_by_name), (named, details)
    after = fuzz.last[service] = await fuzz.counts(service)
    audit = service + SUFFIX
    written = {table for table, rows in after.items() if rows != before[table]}
    if code is grpc.StatusCode.RESOURCE_EXHAUSTED:  # refused by gRPC: no call was made
        assert not written
    else:
        rows = await fuzz.audit_since(service, since)
        assert len(rows) == after[audit] - before[audit] >= 1, rows
        assert {(row["call_id"], row["rpc"]) for row in rows} == {(rows[0]["call_id"], method)}
        assert rows[-1]["outcome"] == code.name, rows
        if code is not grpc.StatusCode.OK and not (method == SUBMIT and
                                                   code is grpc.StatusCode.UNAVAILABLE):
            assert written == {audit}, f"refused {code.name} but wrote {written}: {details}"
    assert await fuzz.serving(method)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_request_over_the_message_limit_is_refused_and_the_server_carries_on(
        fuzz: Fuzz, service: str) -> None:
    method = next(m for m in POLICY if service_of(m) == service)
    caller = fuzz.callers(POLICY[method])[0]
    request = caller.seeds[0]
    path, text_field = next((path, f) for path, f in spots(request)
                            if f.type == f.TYPE_STRING and not f.is_repeated)
    setattr(walk(request, path), text_field.name, "x" * OVERSIZE)
    before = await fuzz.counts(service)
    error = await fuzz.send(method, request, caller.metadata)
    assert error is not None and error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert (await fuzz.counts(service)) == before, "not even an audit row: no call was made"
    assert await fuzz.serving(method)
