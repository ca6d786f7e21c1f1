"""Who may have the codec server decrypt payloads: the API's own token check.

Decrypted payloads are whole cases (households, incomes, determinations) of every
office, and a payload names no case the role table could scope it by, so only a role
that reads every case in full may decode: the roles whose scope on GetCaseRecord is
`any` (operations), taken from the role table rather than listed again. The caller shows
who they are as the API's callers do, with a bearer token from the same issuer, for the
same audience, checked the same way: the Temporal UI sends its signed-in user's token
when its codec settings pass the access token, and `temporal workflow show
--codec-auth 'Bearer <token>'` sends one from the command line.

On one machine, where the local key is the issuer (`make up`), the dev server's UI signs
no one in and so cannot send a token: there a caller on this machine, the person at its
browser, is let in without one. With the agency's OIDC issuer configured a token is the
only way in.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from common.auth.interceptor import bearer_token
from common.auth.roles import POLICY, Scope
from common.auth.tokens import IssuerUnavailable, TokenError, Verifier

log = logging.getLogger(__name__)

DECODERS = frozenset(
    role for role, scope
    in POLICY["/casework.v1.IntakeService/GetCaseRecord"].scopes.items()
    if scope is Scope.ANY)
"""The roles that may see any case in full, and so its payloads in clear."""


@dataclass(frozen=True)
class Refusal:
    """Why a caller is turned away, as an HTTP status and a reason that names no one."""

    status: int
    reason: str

    def response(self) -> web.Response:
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else {}
        return web.Response(status=self.status, text=self.reason, headers=headers)


Authorize = Callable[[web.Request], Awaitable[Refusal | None]]
"""The codec server's hook: None lets the request in."""


def on_this_machine(request: web.Request) -> bool:
    """Whether the caller connected from loopback (a Unix socket's peer is not)."""
    try:
        return request.remote is not None and ipaddress.ip_address(request.remote).is_loopback
    except ValueError:
        return False


async def loopback_only(request: web.Request) -> Refusal | None:
    """Callers on this machine, and no one else: for tests and a codec server that no
    token check can reach."""
    return None if on_this_machine(request) else Refusal(403, "callers on this machine only")


def token_check(verifier: Verifier, *, trust_loopback: bool) -> Authorize:
    """The API's check: a valid token of a role in `DECODERS`; with `trust_loopback`, a
    caller on this machine without a token too (a token it does send is still checked)."""

    async def authorize(request: web.Request) -> Refusal | None:
        token = bearer_token((key.lower(), value) for key, value in request.headers.items())
        if not token:
            if trust_loopback and on_this_machine(request):
                return None
            return Refusal(401, "a bearer token is required (Authorization: Bearer <token>)")
        try:
            caller = await verifier.verify(token)
        except TokenError as error:
            return Refusal(401, str(error))
        except IssuerUnavailable as error:
            return Refusal(503, str(error))
        if caller.role not in DECODERS:
            return Refusal(403, f"{caller.role} may not see payloads in clear; only "
                                f"{', '.join(sorted(DECODERS))} may")
        log.info("payloads decoded for %s %s", caller.role, caller.sub)
        return None

    return authorize


__all__ = ["DECODERS", "Authorize", "Refusal", "loopback_only", "token_check"]
