"""The one server interceptor that applies the role table (`common.auth.roles.POLICY`).

Before a handler runs it verifies the call's bearer token (UNAUTHENTICATED when there is
none or it fails a check), finds the RPC's rule, and asks whether the caller's role may
call it and, for a scoped role, whether the case or caseload is theirs
(PERMISSION_DENIED otherwise). A refused call never reaches its handler, so it writes
nothing. A case's caseworker, office and submitting system come from the service that
holds cases (intake passes `owners`, one read); a case it does not have is left to the
handler, which answers NOT_FOUND (or INVALID_ARGUMENT for a malformed id). The caller is
then `current_principal()` inside the handler. Health and reflection are open.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import grpc

from common.audit.trail import AuditTrail, identify
from common.auth.roles import (
    OFFICE_ROLES,
    OPEN_SERVICES,
    POLICY,
    Owner,
    Role,
    Rule,
    Scope,
    ScopedBy,
    permits,
)
from common.auth.tokens import IssuerUnavailable, Principal, TokenError, Verifier

log = logging.getLogger(__name__)

Owners = Callable[[str], Awaitable[Owner | None]]
"""A case's owner by case id; None for a case the service does not hold."""

_caller: contextvars.ContextVar[Principal | None] = contextvars.ContextVar(
    "casework_caller", default=None)

SCOPE_REFUSALS = {
    Scope.CASELOAD: "a caseworker may act only on their own caseload",
    Scope.OFFICE: "a supervisor may act only on their own office's cases",
    Scope.SUBMITTED: "an integration system may read only the cases it submitted",
}


def current_principal() -> Principal | None:
    """Who is calling the handler that is running, as its token says."""
    return _caller.get()


def bearer_token(metadata: Any) -> str:
    """The token of an `authorization: Bearer <token>` header; empty without one."""
    for key, value in metadata or ():
        if key == "authorization" and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer":
                return token.strip()
    return ""


class Authorization(grpc.aio.ServerInterceptor):
    """Applies `policy` to every call but health and reflection, and records each in
    `audit` (every service's server has one, `common.process.serve`)."""

    def __init__(self, verifier: Verifier, owners: Owners | None = None,
                 policy: dict[str, Rule] = POLICY, audit: AuditTrail | None = None) -> None:
        self._verifier = verifier
        self._owners = owners
        self._policy = policy
        self._audit = audit

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        method: str = details.method  # type: ignore[attr-defined]
        if handler is None or method.lstrip("/").split("/")[0] in OPEN_SERVICES:
            return handler
        rule = self._policy.get(method)
        metadata = details.invocation_metadata  # type: ignore[attr-defined]
        if handler.unary_unary is None:  # every Casework RPC is unary; refuse anything else
            return grpc.unary_unary_rpc_method_handler(_refuse_unknown(method))
        answer = handler.unary_unary

        async def checked(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            caller = await self._authenticate(metadata, context)
            identify(caller)
            await self._authorize(rule, method, caller, request, context)
            token = _caller.set(caller)
            try:
                return await answer(request, context)
            finally:
                _caller.reset(token)

        audited = checked if self._audit is None else self._audit.around(method, metadata, checked)
        return grpc.unary_unary_rpc_method_handler(
            audited, request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer)

    async def _authenticate(self, metadata: Any,
                            context: grpc.aio.ServicerContext[Any, Any]) -> Principal:
        token = bearer_token(metadata)
        if not token:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED,
                                "a bearer token is required (authorization: Bearer <token>)")
        try:
            return await self._verifier.verify(token)
        except TokenError as error:
            await context.abort(grpc.StatusCode.UNAUTHENTICATED, str(error))
        except IssuerUnavailable as error:
            await context.abort(grpc.StatusCode.UNAVAILABLE, str(error))
        raise AssertionError("abort raises")  # pragma: no cover

    async def _authorize(self, rule: Rule | None, method: str, caller: Principal, request: Any,
                         context: grpc.aio.ServicerContext[Any, Any]) -> None:
        refusal = await self.refusal(rule, caller, request)
        if refusal is not None:
            log.info("refused %s to %s %s: %s", method.lstrip("/"), caller.role, caller.sub,
                     refusal)
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, refusal)

    async def refusal(self, rule: Rule | None, caller: Principal, request: Any) -> str | None:
        """Why the table refuses this caller this call; None when it allows it."""
        scope = rule.scopes.get(caller.role) if rule is not None else None
        if rule is None or scope is None:
            name = rule.name if rule is not None else "this method"
            return f"{_article(caller.role)} {caller.role} may not call {name}"
        named = rule.actor_named(request)
        if caller.role in OFFICE_ROLES and named and named != caller.sub:
            return (f"{rule.actor_field} names someone else: {_article(caller.role)} "
                    f"{caller.role} acts only as themselves")
        if scope is Scope.ANY:
            return None
        if rule.scoped_by is ScopedBy.CASE:
            if self._owners is None:
                log.error("%s needs case owners, and this server has none", rule.name)
                return "this server cannot check whose the case is"
            owner = await self._owners(getattr(request, "case_id", ""))
            if owner is None:  # no such case: the handler says NOT_FOUND, writing nothing
                return None
        else:
            owner = rule.owner_named(request)
        if permits(scope, caller.sub, caller.office, owner):
            return None
        return SCOPE_REFUSALS[scope]


def _article(role: Role) -> str:
    return "an" if role in (Role.INTEGRATION, Role.OPERATIONS) else "a"


def _refuse_unknown(method: str) -> Callable[..., Awaitable[Any]]:
    async def refuse(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED,
                            f"{method.lstrip('/')} is not in the role table")
    return refuse
