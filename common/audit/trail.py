"""Who called what, from where, and how it ended: one audit row per call, written in the
transaction of the call's effect.

`Authorization` (the interceptor every server has) wraps each call in `AuditTrail.around`,
which opens a `Call` in a context variable: the method, the ids the request names, the
peer and user agent, and (once the token is verified, `identify`) who is calling. Every
session a service makes is an `AuditedSession` (`common.db.make_sessions`): when one
commits while a call is open, `before_commit` adds the call's row to that transaction,
so the write and its row commit together or not at all. After the handler, a call with
no committed row (a read, a refusal, an error, a step whose effect is in Temporal) or
one that ended other than OK gets its row with the final outcome in a transaction of
its own. A read's row is committed before its answer is sent: if it cannot be written
the call fails (INTERNAL), so nothing is read unaudited.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf.message import Message
from sqlalchemy import MetaData, Table, event, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from common.audit.table import audit_table
from common.auth.tokens import Principal
from common.records import new_id, utc_now
from common.validate import CASE_ID

log = logging.getLogger(__name__)

Handler = Callable[[Any, grpc.aio.ServicerContext[Any, Any]], Awaitable[Any]]

OK = "OK"
REFUSALS = frozenset({"UNAUTHENTICATED", "PERMISSION_DENIED"})
"""The outcomes whose reason is kept: the interceptor's own refusal texts, which name a
rule or a failed token check, never what a request or token holds."""

CASE_FIELDS: dict[str, tuple[str, ...]] = {
    "/casework.v1.EligibilityService/DetermineEligibility": ("request", "id"),
}
"""Where a request names its case when it is not a top-level `case_id`."""
RECORD_FIELDS = ("determination_id", "authorization_id", "referral_id")
"""Ids that name one stored record without its case (GetDetermination,
VoidAuthorization, RecordReferralOutcome): kept as `record_id`."""

_STATUS_NAMES = {code.value[0]: code.name for code in grpc.StatusCode}
_AUDITED = "casework_audit_call"
"""The `Session.info` key of the call whose row a committing transaction carries."""


@dataclass
class Call:
    """One call being answered, as its audit rows will describe it."""

    table: Table
    service: str
    host: str
    rpc: str
    case_id: str
    record_id: str
    peer: str
    user_agent: str
    call_id: str = field(default_factory=new_id)
    subject: str = ""
    role: str = ""
    office: str = ""
    committed: bool = False
    """Whether a transaction of the handler's committed with this call's row."""
    ended: bool = False
    """Whether the row of the call's final, failed outcome has been written."""

    def row(self, outcome: str, reason: str = "") -> dict[str, Any]:
        """The row saying this call ended (or one of its writes committed) with
        `outcome`, now."""
        return {
            "id": new_id(), "call_id": self.call_id, "occurred_at": utc_now(),
            "service": self.service, "host": self.host, "rpc": self.rpc,
            "case_id": self.case_id, "record_id": self.record_id,
            "subject": self.subject, "role": self.role, "office": self.office,
            "peer": self.peer, "user_agent": self.user_agent,
            "outcome": outcome, "reason": reason[:500],
        }


_call: contextvars.ContextVar[Call | None] = contextvars.ContextVar(
    "casework_audit_call", default=None)


def identify(caller: Principal) -> None:
    """Record who the verified token says is calling (before the role table decides, so
    a refusal has its who too)."""
    call = _call.get()
    if call is not None:
        call.subject, call.role = caller.sub[:128], str(caller.role)
        call.office = caller.office[:64]


def names_case(case_id: str) -> None:
    """For a handler that creates a case (SubmitApplication): the case its rows are
    about, named before the transaction that stores it commits."""
    call = _call.get()
    if call is not None and CASE_ID.fullmatch(case_id):
        call.case_id = case_id


class AuditedSession(Session):
    """The session class every service's sessions use: a transaction that commits while
    a call is open carries the call's audit row."""


@event.listens_for(AuditedSession, "before_commit")
def _add_row(session: Session) -> None:
    call = _call.get()
    if call is None or session.in_nested_transaction():  # a SAVEPOINT is not the commit
        return
    session.execute(insert(call.table).values(call.row(OK)))
    session.info[_AUDITED] = call


@event.listens_for(AuditedSession, "after_commit")
def _row_committed(session: Session) -> None:
    call = session.info.pop(_AUDITED, None)
    if call is not None:
        call.committed = True


@event.listens_for(AuditedSession, "after_rollback")
def _row_rolled_back(session: Session) -> None:
    session.info.pop(_AUDITED, None)


class AuditTrail:
    """The audit trail of one service: its `<service>_audit` table, on its sessions."""

    def __init__(self, service: str, sessions: async_sessionmaker[AsyncSession],
                 host: str | None = None) -> None:
        session_class = sessions.kw.get("sync_session_class")
        if not (isinstance(session_class, type) and issubclass(session_class, AuditedSession)):
            raise ValueError("the audit trail needs sessions from common.db.make_sessions, "
                             "whose commits carry their call's row")
        self.service = service
        self.table = audit_table(MetaData(), service)
        self._sessions = sessions
        self._host = host or socket.gethostname()

    def around(self, method: str, metadata: Any, handler: Handler) -> Handler:
        """`handler`, audited: a call is open while it runs, and its final row is
        written before the caller hears how it ended."""

        async def audited(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            call = self._open(method, metadata, request, context)
            token = _call.set(call)
            try:
                response = await handler(request, _Aborting(context, self, call))
            except BaseException as error:
                _call.reset(token)
                if not call.ended:  # not an abort: gRPC sends its status after this
                    outcome = ("CANCELLED" if isinstance(error, asyncio.CancelledError)
                               else status_name(context.code()))
                    await self.end(call, outcome)
                raise
            _call.reset(token)
            if not call.committed:
                try:
                    await self.write(call.row(OK))
                except Exception:
                    log.exception("%s could not be audited: refused", method.lstrip("/"))
                    await context.abort(grpc.StatusCode.INTERNAL,
                                        "the call could not be audited")
            return response

        return audited

    async def end(self, call: Call, outcome: str, reason: str = "") -> None:
        """The row of a call that ends in an error (refused, invalid, failed,
        cancelled). The error goes on to the caller even if its row cannot be written."""
        _call.set(None)  # this row is its own transaction, not one of the handler's
        call.ended = True
        try:
            await self.write(call.row(outcome, reason if outcome in REFUSALS else ""))
        except Exception:
            log.exception("the %s outcome of %s could not be audited", outcome,
                          call.rpc.lstrip("/"))

    async def write(self, row: dict[str, Any]) -> None:
        """One row, in a transaction of its own."""
        async with self._sessions.begin() as session:
            await session.execute(insert(self.table).values(row))

    def _open(self, method: str, metadata: Any, request: Any,
              context: grpc.aio.ServicerContext[Any, Any]) -> Call:
        agent = next((str(value) for key, value in metadata or () if key == "user-agent"), "")
        return Call(
            table=self.table, service=self.service, host=self._host[:255], rpc=method,
            case_id=_id_at(request, CASE_FIELDS.get(method, ("case_id",))),
            record_id=next((found for name in RECORD_FIELDS
                            if (found := _id_at(request, (name,)))), ""),
            peer=(context.peer() or "")[:128], user_agent=agent[:256])



class _Aborting:
    """The handler's context, whose `abort` writes the call's row first: gRPC sends
    the status as soon as a handler aborts, so the row would otherwise come after the
    caller had its answer."""

    def __init__(self, context: grpc.aio.ServicerContext[Any, Any], trail: AuditTrail,
                 call: Call) -> None:
        self._context = context
        self._trail = trail
        self._call = call

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    async def abort(self, code: grpc.StatusCode, details: str = "",
                    trailing_metadata: Any = ()) -> None:
        await self._trail.end(self._call, status_name(code), details)
        await self._context.abort(code, details, trailing_metadata)

    async def abort_with_status(self, status: grpc.Status) -> None:
        await self._trail.end(self._call, status_name(status.code), status.details)
        await self._context.abort_with_status(status)


def status_name(code: grpc.StatusCode | int | None) -> str:
    """The status a call ended with, by name; UNKNOWN when the handler raised
    something that was not a status (gRPC answers UNKNOWN for it too)."""
    if isinstance(code, grpc.StatusCode):
        return code.name
    return _STATUS_NAMES.get(code, "UNKNOWN") if code is not None else "UNKNOWN"


def _id_at(request: Any, path: tuple[str, ...]) -> str:
    """The id at `path` in the request, if the request has that field and its value is
    an opaque id (32 lower-case hex digits); empty otherwise, so a name typed into an
    id field never reaches the trail."""
    value: Any = request
    for name in path:
        if not isinstance(value, Message) or name not in value.DESCRIPTOR.fields_by_name:
            return ""
        value = getattr(value, name)
    return value if isinstance(value, str) and CASE_ID.fullmatch(value) else ""
