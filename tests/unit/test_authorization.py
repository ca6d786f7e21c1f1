"""The authorization test: every RPC of the four services, by every role, with no token,
an expired one, one from another issuer, one for another audience and a valid one; and
every scoped role with a valid token out of its scope. Each answer is the one the role
table (`common.auth.roles.POLICY`) gives, and a refused call writes nothing: every table
of every service holds exactly the rows it held before, but for the audit rows that
record each call with the code it got (and who, when the token was valid).

Table-driven: the calls come from the same table, with one valid request per RPC (built
from what the row scopes by, plus the few fields some RPCs need). The four services run
in this process on loopback, on SQLite files of their own, with the real interceptor;
intake's Temporal is down (a step it lets through answers UNAVAILABLE, having written
nothing either).
"""

from __future__ import annotations

import time
import uuid
import warnings
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
from casework.v1 import (
    common_pb2,
    eligibility_pb2,
    eligibility_pb2_grpc,
    intake_pb2,
    intake_pb2_grpc,
    payments_pb2,
    payments_pb2_grpc,
    referrals_pb2,
    referrals_pb2_grpc,
)
from cryptography.fernet import Fernet
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message
from grpc_health.v1 import health_pb2, health_pb2_grpc
from sqlalchemy import MetaData, select
from sqlalchemy.exc import SAWarning
from sqlalchemy.ext.asyncio import AsyncEngine

from common.audit.table import audit_table
from common.auth.callers import Metadata, bearer
from common.auth.roles import POLICY, Role, Rule, Scope, ScopedBy
from services.eligibility.servicer import SERVICE_NAME as ELIGIBILITY
from services.eligibility.servicer import EligibilityServicer
from services.intake.options import IntakeOptions
from services.intake.store import ApplicationRecord
from services.payments.servicer import SERVICE_NAME as PAYMENTS
from services.payments.servicer import PaymentsServicer
from services.referrals.servicer import SERVICE_NAME as REFERRALS
from services.referrals.servicer import ReferralsServicer
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.eligibility.helpers import RULEBOOK
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import UNREACHABLE_TEMPORAL, intake_settings, serve_intake
from tests.unit.services_fixtures import Served, serve

STATE_A, STATE_B = "state-a", "state-b"
CW_A, CW_B = "cw-a", "cw-b"
OFFICE_A, OFFICE_B = "office-a", "office-b"

IN_SCOPE = {
    Role.INTEGRATION: (STATE_A, ""), Role.CASEWORKER: (CW_A, OFFICE_A),
    Role.SUPERVISOR: ("sup-a", OFFICE_A), Role.OPERATIONS: ("ops-1", ""),
    Role.WORKER: ("casework-worker", ""),
}
"""Each role's caller whose scope covers the case and caseload every request names."""
OUT_OF_SCOPE = {
    Scope.CASELOAD: (Role.CASEWORKER, CW_B, OFFICE_A),
    Scope.OFFICE: (Role.SUPERVISOR, "sup-b", OFFICE_B),
    Scope.SUBMITTED: (Role.INTEGRATION, STATE_B, ""),
}
"""A caller of the role each scope belongs to, outside it: another caseworker of the same
office, the supervisor of another office, another system."""
SERVICES = ("intake", "eligibility", "referrals", "payments")
BAD_TOKENS = ("none", "expired", "wrong issuer", "wrong audience")
REFUSED_HANDLING = {grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED}


@dataclass
class World:
    """The four services, and the records valid requests refer to."""

    served: dict[str, Served]
    issuer: Issuer
    plain: dict[str, grpc.aio.Channel] = field(default_factory=dict)
    """A channel per service that sends only the metadata a call is given."""
    case_id: str = ""
    determination_id: str = ""
    authorization_id: str = ""
    referral_id: str = ""
    resource_id: str = ""

    def channel(self, method: str) -> grpc.aio.Channel:
        name = service_of(method)
        if name not in self.plain:
            self.plain[name] = grpc.aio.insecure_channel(f"127.0.0.1:{self.served[name].port}")
        return self.plain[name]

    async def call(self, method: str, request: Message, metadata: Metadata | None
                   ) -> grpc.StatusCode:
        """The status the call ends with (OK or the error's code), once the serving
        service's last audit row of the RPC is checked to say the same."""
        reply = output_class(method)
        rpc = self.channel(method).unary_unary(
            method, request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=reply.FromString)
        try:
            await rpc(request, metadata=metadata, timeout=20)
            code = grpc.StatusCode.OK
        except grpc.aio.AioRpcError as error:
            code = error.code()
        audited = await self.last_audit(method)
        assert audited["outcome"] == code.name, (method, code, audited)
        return code

    async def last_audit(self, method: str) -> dict[str, Any]:
        """The newest audit row of `method` in the service that serves it."""
        service = service_of(method)
        table = audit_table(MetaData(), service)
        async with self.served[service].engine.connect() as connection:
            row = (await connection.execute(select(table).where(table.c.rpc == method)
                                            .order_by(table.c.occurred_at.desc()))).first()
        assert row is not None, f"{method} left no audit row"
        return dict(row._mapping)

    def token(self, role: Role, sub: str, office: str, kind: str) -> Metadata | None:
        office = office if role in (Role.CASEWORKER, Role.SUPERVISOR) else ""
        now = int(time.time())
        claims: dict[str, Any] = {
            "none": {}, "valid": {}, "expired": {"iat": now - 7200, "exp": now - 3600},
            "wrong issuer": {"iss": "https://someone-else.example"},
            "wrong audience": {"aud": "another-system"},
        }[kind]
        return None if kind == "none" else bearer(self.issuer.token(role, sub, office,
                                                                    **claims))

    async def rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table of every service, as the database holds them, but
        the audit tables' (which `call` checks)."""
        found: dict[str, list[tuple[Any, ...]]] = {}
        for served in self.served.values():
            found |= await table_rows(served.engine)
        return {name: rows for name, rows in found.items() if not name.endswith("_audit")}


def service_of(method: str) -> str:
    """The service that serves a full method name."""
    return {"IntakeService": "intake", "CaseRecordsService": "intake",
            "EligibilityService": "eligibility", "ReferralsService": "referrals",
            "PaymentsService": "payments"}[method.split("/")[1].removeprefix("casework.v1.")]


async def table_rows(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    metadata = MetaData()
    async with engine.connect() as connection:
        with warnings.catch_warnings():  # SQLite cannot reflect the expression index
            warnings.simplefilter("ignore", SAWarning)
            await connection.run_sync(metadata.reflect)
        return {name: sorted((tuple(row) for row in await connection.execute(select(table))),
                             key=repr)
                for name, table in metadata.tables.items()}


def _message(full_name: str) -> type[Message]:
    return message_factory.GetMessageClass(
        descriptor_pool.Default().FindMessageTypeByName(full_name))


def _method(method: str) -> Any:
    service, name = method.lstrip("/").split("/")
    return descriptor_pool.Default().FindServiceByName(service).methods_by_name[name]


def input_class(method: str) -> type[Message]:
    return _message(_method(method).input_type.full_name)


def output_class(method: str) -> type[Message]:
    return _message(_method(method).output_type.full_name)


def household() -> common_pb2.Household:
    return common_pb2.Household(
        state="IL", members=[common_pb2.HouseholdMember(
            id="p1", age=34, relationship=common_pb2.RELATIONSHIP_HEAD)],
        incomes=[common_pb2.Income(member_id="p1", kind=common_pb2.INCOME_KIND_WAGES,
                                   monthly_cents=180000)])


def eligibility_request(world: World) -> eligibility_pb2.HouseholdRequest:
    return eligibility_pb2.HouseholdRequest(id=world.case_id, household=household(),
                                            period="2026-01",
                                            programs=[common_pb2.PROGRAM_SNAP])


def payment(world: World, period: str = "2026-01") -> payments_pb2.AuthorizePaymentRequest:
    return payments_pb2.AuthorizePaymentRequest(
        idempotency_key=f"{world.case_id}:snap:{period}:monthly_benefit", case_id=world.case_id,
        program=common_pb2.PROGRAM_SNAP, period=period,
        kind=payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT, amount_cents=29_100,
        payee=payments_pb2.Payee(kind=payments_pb2.PAYEE_KIND_HOUSEHOLD,
                                 payee_id=f"household-{world.case_id}"))


def referral(world: World, need: int = common_pb2.NEED_CHILD_CARE
             ) -> referrals_pb2.CreateReferralRequest:
    return referrals_pb2.CreateReferralRequest(
        idempotency_key=f"{world.case_id}:{common_pb2.Need.Name(need)}", case_id=world.case_id,
        resource_id=world.resource_id, need=need)


SPECIFIC: dict[str, Callable[[World], dict[str, Any]]] = {
    "IntakeService/SubmitApplication": lambda w: {
        "submission_id": f"sub-{uuid.uuid4().hex}",
        "application": an_application().application},
    "EligibilityService/DetermineEligibility": lambda w: {"request": eligibility_request(w)},
    "EligibilityService/DetermineEligibilityBatch": lambda w: {
        "requests": [eligibility_request(w)]},
    "EligibilityService/ScreenExpedited": lambda w: {"household": household()},
    "EligibilityService/GetDetermination": lambda w: {"determination_id": w.determination_id},
    "ReferralsService/ListResources": lambda w: {"state": "IL"},
    "ReferralsService/MatchResources": lambda w: {
        "needs": [common_pb2.NEED_CHILD_CARE],
        "location": referrals_pb2.Location(state="IL", county="Champaign")},
    "ReferralsService/CreateReferral": lambda w: {
        f.name: getattr(referral(w), f.name) for f in referral(w).DESCRIPTOR.fields},
    "ReferralsService/RecordReferralOutcome": lambda w: {
        "referral_id": w.referral_id, "status": referrals_pb2.REFERRAL_STATUS_CONNECTED},
    "PaymentsService/AuthorizePayment": lambda w: {
        f.name: getattr(payment(w), f.name) for f in payment(w).DESCRIPTOR.fields},
    "PaymentsService/VoidAuthorization": lambda w: {
        "authorization_id": w.authorization_id, "reason": "issued in error"},
}
"""The fields some RPCs need beyond the case and caseload every request names."""


def valid_request(rule: Rule, world: World) -> Message:
    """A request the RPC's handler takes: the case every case-scoped request names, the
    caseload a listing names (CW_A of OFFICE_A), and the RPC's own fields."""
    request = input_class(rule.method)()
    fields = request.DESCRIPTOR.fields_by_name
    if "case_id" in fields:
        request.case_id = world.case_id  # type: ignore[attr-defined]
    target: Any = request.filter if rule.scoped_by is ScopedBy.FILTER else request  # type: ignore[attr-defined]
    if rule.scoped_by in (ScopedBy.FILTER, ScopedBy.REQUEST):
        for field, value in (("caseworker_id", CW_A), ("office_id", OFFICE_A)):
            if field in target.DESCRIPTOR.fields_by_name:
                setattr(target, field, value)
    for field, value in SPECIFIC.get(rule.name, lambda w: {})(world).items():
        if isinstance(value, Message):
            getattr(request, field).CopyFrom(value)
        elif isinstance(value, list):
            getattr(request, field).extend(value)
        else:
            setattr(request, field, value)
    return request


@pytest.fixture(scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    folder = tmp_path_factory.mktemp("authorization")
    async with serving_world(folder, {name: f"sqlite+aiosqlite:///{folder / name}.db"
                                      for name in SERVICES}) as world:
        yield world


@asynccontextmanager
async def serving_world(folder: Path, urls: Mapping[str, str]) -> AsyncIterator[World]:
    """The four services on loopback, each on its database in `urls` (`SERVICES`), with
    the records valid requests name; intake's Temporal is down."""
    issuer = Issuer()
    options = IntakeOptions.from_env({
        "CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
        "CASEWORK_CASEWORKERS": f"{CW_A},{CW_B}", "CASEWORK_OFFICE_ID": OFFICE_A},
        var_dir=str(folder))
    await migrate("intake", urls["intake"])
    async with AsyncExitStack() as stack:
        served = {
            "intake": await stack.enter_async_context(serve_intake(
                intake_settings(urls["intake"], "authorization-test", UNREACHABLE_TEMPORAL),
                options, None, issuer)),
            "eligibility": await stack.enter_async_context(serve(
                "eligibility", ELIGIBILITY, lambda s: EligibilityServicer(s, RULEBOOK),
                urls["eligibility"], issuer)),
            "referrals": await stack.enter_async_context(serve(
                "referrals", REFERRALS, ReferralsServicer, urls["referrals"], issuer)),
            "payments": await stack.enter_async_context(serve(
                "payments", PAYMENTS, PaymentsServicer, urls["payments"], issuer)),
        }
        world = await _records(World(served, issuer))
        try:
            yield world
        finally:
            for channel in world.plain.values():
                await channel.close()


async def _records(world: World) -> World:
    """A case STATE_A submitted, assigned to CW_A of OFFICE_A, decided, paid and
    referred, made by the callers the table lets make them."""
    as_state_a = bearer(world.issuer.token(Role.INTEGRATION, STATE_A))
    as_worker = world.issuer.worker()
    submit = valid_request(POLICY["/casework.v1.IntakeService/SubmitApplication"], world)
    # Temporal is down: the application is stored, its workflow not started.
    assert await world.call("/casework.v1.IntakeService/SubmitApplication", submit,
                            as_state_a) == grpc.StatusCode.UNAVAILABLE
    async with world.served["intake"].engine.connect() as connection:
        world.case_id = str(await connection.scalar(select(ApplicationRecord.case_id)))
    records = world.served["intake"].channel
    assigned = await intake_pb2_grpc.CaseRecordsServiceStub(records).AssignCaseworker(
        intake_pb2.AssignCaseworkerRequest(case_id=world.case_id), metadata=as_worker)
    assert (assigned.caseworker_id, assigned.office_id) == (CW_A, OFFICE_A)
    decided = await eligibility_pb2_grpc.EligibilityServiceStub(
        world.served["eligibility"].channel).DetermineEligibility(
        eligibility_pb2.DetermineEligibilityRequest(request=eligibility_request(world)),
        metadata=as_worker)
    world.determination_id = decided.determination.determination_id
    paid = await payments_pb2_grpc.PaymentsServiceStub(
        world.served["payments"].channel).AuthorizePayment(payment(world, "2025-12"),
                                                           metadata=as_worker)
    world.authorization_id = paid.authorization.authorization_id
    referrals = referrals_pb2_grpc.ReferralsServiceStub(world.served["referrals"].channel)
    matched = await referrals.MatchResources(referrals_pb2.MatchResourcesRequest(
        needs=[common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT],
        location=referrals_pb2.Location(state="IL", county="Champaign")), metadata=as_worker)
    by_need = {need: m.resource.resource_id for m in matched.matches for need in m.resource.needs}
    world.resource_id = by_need[common_pb2.NEED_CHILD_CARE]
    made = await referrals.CreateReferral(referral(world, common_pb2.NEED_CHILD_CARE),
                                          metadata=as_worker)
    world.referral_id = made.referral.referral_id
    return world


def expected(rule: Rule, role: Role, kind: str) -> str:
    """What the table says a call gets: UNAUTHENTICATED without a valid token,
    PERMISSION_DENIED for a role it does not list, and the handler's answer otherwise."""
    if kind != "valid":
        return "UNAUTHENTICATED"
    return "handled" if role in rule.scopes else "PERMISSION_DENIED"


def outcome(code: grpc.StatusCode) -> str:
    return code.name if code in REFUSED_HANDLING else "handled"


@pytest.mark.parametrize("method", list(POLICY), ids=lambda m: m.rsplit(".", 1)[1])
async def test_every_role_with_every_kind_of_token_gets_what_the_table_says(
        world: World, method: str) -> None:
    rule = POLICY[method]
    before = await world.rows()
    refused: dict[tuple[str, str], str] = {}
    for role, (sub, office) in IN_SCOPE.items():
        for kind in (*BAD_TOKENS, "valid"):
            if expected(rule, role, kind) == "handled":
                continue
            request = valid_request(rule, world)
            code = await world.call(method, request, world.token(role, sub, office, kind))
            refused[(role, kind)] = outcome(code)
            audited = await world.last_audit(method)
            assert (audited["subject"], audited["role"]) == (
                (sub, role) if kind == "valid" else ("", "")), (role, kind, audited)
    for scope, (role, sub, office) in OUT_OF_SCOPE.items():
        if rule.scopes.get(role) is scope:
            code = await world.call(method, valid_request(rule, world),
                                    world.token(role, sub, office, "valid"))
            refused[(role, f"valid, out of {scope}")] = outcome(code)
    assert refused == {
        key: ("UNAUTHENTICATED" if key[1] in BAD_TOKENS else "PERMISSION_DENIED")
        for key in refused}
    assert await world.rows() == before, "a refused call wrote something"

    allowed = {}
    for role in rule.scopes:
        sub, office = IN_SCOPE[role]
        code = await world.call(method, valid_request(rule, world),
                                world.token(role, sub, office, "valid"))
        allowed[role] = outcome(code)
    assert allowed == dict.fromkeys(rule.scopes, "handled")


def test_every_rpc_has_a_row_and_every_scoped_role_a_caller_outside_its_scope() -> None:
    assert len(POLICY) == 46
    scopes = {scope for rule in POLICY.values() for scope in rule.scopes.values()}
    assert scopes - {Scope.ANY} == set(OUT_OF_SCOPE)
    assert {role for rule in POLICY.values() for role in rule.scopes} == set(Role)


async def test_health_and_reflection_answer_without_a_token(world: World) -> None:
    for served in world.served.values():
        plain = grpc.aio.insecure_channel(f"127.0.0.1:{served.port}")
        try:
            reply = await health_pb2_grpc.HealthStub(plain).Check(health_pb2.HealthCheckRequest())
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        finally:
            await plain.close()


async def test_a_case_the_caller_may_see_is_read_and_one_it_may_not_is_refused(
        world: World) -> None:
    """The scope is the case's own: the same request, in scope and out of it."""
    intake = intake_pb2_grpc.IntakeServiceStub(world.served["intake"].channel)
    read = intake_pb2.GetCaseRequest(case_id=world.case_id)
    assert (await intake.GetCase(read, metadata=world.issuer.caseworker(CW_A, OFFICE_A))
            ).case.case_id == world.case_id
    assert (await intake.GetCase(read, metadata=bearer(world.issuer.token(
        Role.INTEGRATION, STATE_A)))).case.case_id == world.case_id
    with pytest.raises(grpc.aio.AioRpcError) as other:
        await intake.GetCase(read, metadata=world.issuer.caseworker(CW_B, OFFICE_A))
    assert other.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert "own caseload" in (other.value.details() or "")
    unknown = intake_pb2.GetCaseRequest(case_id="0" * 32)
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await intake.GetCase(unknown, metadata=world.issuer.caseworker(CW_A, OFFICE_A))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_system_cannot_take_over_another_systems_submission(world: World) -> None:
    intake = intake_pb2_grpc.IntakeServiceStub(world.served["intake"].channel)
    async with world.served["intake"].engine.connect() as connection:
        submission = await connection.scalar(select(ApplicationRecord.submission_id).where(
            ApplicationRecord.case_id == world.case_id))
    replay = an_application(str(submission))
    before = await world.rows()
    with pytest.raises(grpc.aio.AioRpcError) as taken:
        await intake.SubmitApplication(replay, metadata=bearer(world.issuer.token(
            Role.INTEGRATION, STATE_B)))
    assert taken.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert world.case_id not in (taken.value.details() or "")
    assert await world.rows() == before
