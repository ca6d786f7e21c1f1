"""What each role may call, declared once: the table below, role by RPC, with its scope.

Each row is one RPC of a `casework.v1` service. `scoped by` says what a scope is checked
against: `case_id`, the case the request names (its caseworker, office and submitting
system, read by the service that holds cases: intake); `filter`, the caseworker and
office a listing's filter names; `request`, the `caseworker_id` and `office_id` fields
of the request itself; `-`, nothing (only `any` can apply). A role's cell is its scope:

| scope | the call is allowed when |
|---|---|
| `any` | always, across cases |
| `caseload` | the case's caseworker (or the caseworker a listing names) is the caller |
| `office` | the case's office (or the office a listing names) is the caller's `office` |
| `submitted` | the case was submitted by the calling system |
| `-` | never: the role may not call the RPC |

`common.auth.interceptor.Authorization` applies it on every server; the README's
Security section shows the same table. Health and reflection are open (`OPEN_SERVICES`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from casework.v1 import eligibility_pb2, intake_pb2, payments_pb2, referrals_pb2
from google.protobuf import descriptor_pool
from google.protobuf.descriptor import FileDescriptor
from google.protobuf.message import Message


class Role(StrEnum):
    INTEGRATION = "integration"
    """A State's benefit system filing applications (its `sub` is the system's id)."""
    CASEWORKER = "caseworker"
    SUPERVISOR = "supervisor"
    OPERATIONS = "operations"
    """Reads across cases: monitoring, reports, support. Never writes."""
    WORKER = "worker"
    """The case workflow's worker: its activities record and decide."""


OFFICE_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR})
"""Roles whose tokens must name the office they work in."""


class Scope(StrEnum):
    ANY = "any"
    CASELOAD = "caseload"
    OFFICE = "office"
    SUBMITTED = "submitted"


class ScopedBy(StrEnum):
    NOTHING = "-"
    CASE = "case_id"
    FILTER = "filter"
    REQUEST = "request"


TABLE = """
                              scoped by  integration  caseworker  supervisor  operations  worker
IntakeService
  SubmitApplication           -          any          -           -           -           -
  GetCase                     case_id    submitted    caseload    office      any         -
  GetCaseRecord               case_id    submitted    caseload    office      any         -
  RecordInterview             case_id    -            caseload    office      -           -
  RescheduleInterview         case_id    -            caseload    office      -           -
  SubmitVerification          case_id    -            caseload    office      -           -
  RecordAssessment            case_id    -            caseload    office      -           -
  ApprovePlan                 case_id    -            -           office      -           -
  ReportChange                case_id    -            caseload    office      -           -
  RecordEmployment            case_id    -            caseload    office      -           -
  CloseCase                   case_id    -            caseload    office      -           -
  RequestFairHearing          case_id    -            caseload    office      -           -
  RecordHearingDecision       case_id    -            caseload    office      -           -
  ExtendDeadline              case_id    -            -           office      -           -
  SubmitRenewal               case_id    -            caseload    office      -           -
  ReassignCase                case_id    -            -           office      -           -
  RequestDeadlineExtension    case_id    -            caseload    office      -           -
  DecideApproval              case_id    -            -           office      -           -
  ListCases                   filter     -            caseload    office      any         -
  CountCases                  filter     -            caseload    office      any         -
  GetWorklist                 request    -            caseload    -           any         -
  ListClocks                  request    -            caseload    office      any         -
  ListApprovals               request    -            caseload    office      any         -
  GetTimelinessReport         request    -            -           office      any         -
CaseRecordsService
  GetHousehold                -          -            -           -           -           any
  AssignCaseworker            -          -            -           -           -           any
  PlanVerifications           -          -            -           -           -           any
  RequestVerifications        -          -            -           -           -           any
  RecordVerification          -          -            -           -           -           any
  ApplyHouseholdChange        -          -            -           -           -           any
  RecordCaseEvent             -          -            -           -           -           any
  IssueNotice                 -          -            -           -           -           any
  UpdateCaseStatus            -          -            -           -           -           any
  RecordCaseView              -          -            -           -           -           any
EligibilityService
  DetermineEligibility        -          -            -           -           -           any
  DetermineEligibilityBatch   -          -            any         any         any         -
  ScreenExpedited             -          -            any         any         any         any
  GetDetermination            -          -            -           -           any         -
ReferralsService
  ListResources               -          -            any         any         any         -
  MatchResources              -          -            any         any         any         any
  CreateReferral              -          -            -           -           -           any
  RecordReferralOutcome       -          -            -           -           -           any
  ListReferrals               -          -            -           -           any         -
PaymentsService
  AuthorizePayment            -          -            -           -           -           any
  ListAuthorizations          -          -            -           -           any         -
  VoidAuthorization           -          -            -           -           -           any
"""
"""The one declaration of who may call what. Every RPC of the four services has a row
(checked at import): a new RPC nobody added here is refused to everyone."""

ACTORS: Mapping[str, str] = {
    "IntakeService/RecordInterview": "caseworker_id",
    "IntakeService/RescheduleInterview": "caseworker_id",
    "IntakeService/SubmitVerification": "verifier_id",
    "IntakeService/RecordAssessment": "caseworker_id",
    "IntakeService/ApprovePlan": "supervisor_id",
    "IntakeService/ReportChange": "caseworker_id",
    "IntakeService/RecordEmployment": "caseworker_id",
    "IntakeService/CloseCase": "caseworker_id",
    "IntakeService/RequestFairHearing": "recorded_by",
    "IntakeService/ExtendDeadline": "supervisor_id",
    "IntakeService/SubmitRenewal": "caseworker_id",
    "IntakeService/ReassignCase": "supervisor_id",
    "IntakeService/RequestDeadlineExtension": "caseworker_id",
    "IntakeService/DecideApproval": "supervisor_id",
}
"""The request field that names who acts, by RPC: the case record keeps it as the person
who interviewed, verified, approved. A caseworker or supervisor may name only themselves
there (their token's `sub`), so the record cannot say someone else did what they did.
(ReassignCase's `caseworker_id` is the caseworker who takes the case, not an actor.)"""

PACKAGE = "casework.v1"
PROTO_FILES: tuple[FileDescriptor, ...] = (
    intake_pb2.DESCRIPTOR, eligibility_pb2.DESCRIPTOR, referrals_pb2.DESCRIPTOR,
    payments_pb2.DESCRIPTOR)
OPEN_SERVICES = frozenset({
    "grpc.health.v1.Health",
    "grpc.reflection.v1alpha.ServerReflection",
    "grpc.reflection.v1.ServerReflection",
})
"""Answered without a token: load balancers probe health, operators list services."""


@dataclass(frozen=True)
class Owner:
    """Whose a case (or the caseload a listing asks for) is, as a scope compares it."""

    caseworker_id: str = ""
    office_id: str = ""
    submitted_by: str = ""
    """The integration system that submitted the case; empty for a listing."""


@dataclass(frozen=True)
class Rule:
    """One row of the table: an RPC, what its scopes are checked against, and each
    role's scope (a role not in `scopes` may not call it)."""

    method: str
    """The full method name as gRPC routes it: /casework.v1.IntakeService/GetCase."""
    scoped_by: ScopedBy
    scopes: Mapping[Role, Scope]
    actor_field: str = ""
    """The request field naming who acts (`ACTORS`); empty when none does."""

    @property
    def name(self) -> str:
        """Service/Method, as the table and messages spell it."""
        return self.method.rsplit(".", 1)[-1]

    def owner_named(self, request: Message) -> Owner:
        """The caseload a listing's filter or request names (only for `filter` and
        `request` rows): its caseworker and office, empty when left out."""
        message: Any = request.filter if self.scoped_by is ScopedBy.FILTER else request  # type: ignore[attr-defined]
        return Owner(caseworker_id=getattr(message, "caseworker_id", ""),
                     office_id=getattr(message, "office_id", ""))

    def actor_named(self, request: Message) -> str:
        """Who the request says acts; empty when the RPC names no actor or it is left out
        (the handler then refuses the request for the missing field)."""
        return str(getattr(request, self.actor_field, "")) if self.actor_field else ""


def permits(scope: Scope, sub: str, office: str, owner: Owner) -> bool:
    """Whether a caller (`sub`, with `office`) in `scope` may act on `owner`'s case."""
    if scope is Scope.ANY:
        return True
    if scope is Scope.CASELOAD:
        return bool(owner.caseworker_id) and owner.caseworker_id == sub
    if scope is Scope.OFFICE:
        return bool(owner.office_id) and owner.office_id == office
    return bool(owner.submitted_by) and owner.submitted_by == sub


def every_method() -> list[str]:
    """The full name of every RPC of Casework's services, as the protos declare them."""
    return [f"/{service.full_name}/{method.name}"
            for file in PROTO_FILES for service in file.services_by_name.values()
            for method in service.methods]


def parse(table: str, actors: Mapping[str, str] = ACTORS) -> dict[str, Rule]:
    """The rules of a table spelled like TABLE, with each RPC's actor field from
    `actors`, checked against the protos.

    Raises:
        ValueError: a row names an RPC the protos do not have, a scope the table cannot
            check, or an RPC is left out or listed twice; an actor field is not a string
            field of its request.
    """
    lines = [line for line in table.splitlines() if line.strip()]
    roles = [Role(word) for word in lines[0].split()[2:]]
    rules: dict[str, Rule] = {}
    service = ""
    for line in lines[1:]:
        if not line.startswith(" "):
            service = line.strip()
            continue
        method, scoped_by, *cells = line.split()
        full = f"/{PACKAGE}.{service}/{method}"
        if full in rules or len(cells) != len(roles):
            raise ValueError(f"{service}/{method}: listed twice or not one cell per role")
        row = Rule(full, ScopedBy(scoped_by), {role: Scope(cell) for role, cell
                                               in zip(roles, cells, strict=True) if cell != "-"},
                   actors.get(f"{service}/{method}", ""))
        _check(row)
        rules[full] = row
    declared = set(every_method())
    if set(rules) != declared:
        missing, unknown = sorted(declared - set(rules)), sorted(set(rules) - declared)
        raise ValueError(f"the role table must list every RPC once: missing {missing}, "
                         f"unknown {unknown}")
    unknown_actors = set(actors) - {rule.name for rule in rules.values()}
    if unknown_actors:
        raise ValueError(f"actor fields for RPCs the table does not have: {sorted(unknown_actors)}")
    return rules


def _check(rule: Rule) -> None:
    """A scope the row can check: a case's for `case_id` rows, a caseload's for listings,
    nothing but `any` without one; `office` only for roles whose tokens carry it."""
    for role, scope in rule.scopes.items():
        if scope is Scope.ANY:
            continue
        if rule.scoped_by is ScopedBy.NOTHING:
            raise ValueError(f"{rule.name}: {role} has scope {scope} but nothing scopes it")
        if scope is Scope.SUBMITTED and rule.scoped_by is not ScopedBy.CASE:
            raise ValueError(f"{rule.name}: `submitted` needs the case (scoped by case_id)")
        if scope in (Scope.OFFICE, Scope.CASELOAD) and role not in OFFICE_ROLES:
            raise ValueError(f"{rule.name}: {role} tokens carry no office or caseload")
    if rule.actor_field:
        request = descriptor_pool.Default().FindMethodByName(
            rule.method.lstrip("/").replace("/", ".")).input_type
        field = request.fields_by_name.get(rule.actor_field)
        if field is None or field.type != field.TYPE_STRING:
            raise ValueError(f"{rule.name}: {rule.actor_field} is not a string field "
                             f"of {request.name}")


POLICY: dict[str, Rule] = parse(TABLE)
"""Every RPC's rule, by full method name."""
