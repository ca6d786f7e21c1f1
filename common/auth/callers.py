"""The calling side: every channel a Casework process opens sends a bearer token.

A `TokenSource` gives the token to send now; `BearerToken` is the client interceptor
that puts it on each call (a call that already carries `authorization` keeps its own,
so one channel can act for several callers, as the demo does). Where the token comes
from is `caller_tokens`: CASEWORK_TOKEN_FILE (read again whenever it changes), else
CASEWORK_TOKEN, else (no OIDC issuer configured) tokens this process mints for itself
with the local key.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

import grpc

from common import tls
from common.auth.roles import Role
from common.auth.tokens import DEFAULT_TTL, AuthSettings, Minter, local_minter
from common.tls import Identity

Metadata = tuple[tuple[str, str], ...]


def bearer(token: str) -> Metadata:
    """Call metadata carrying `token`: `stub.GetCase(request, metadata=bearer(token))`."""
    return (("authorization", f"Bearer {token}"),)


class TokenSource(Protocol):
    def token(self) -> str:
        """The token to send with the next call."""
        ...


class StaticToken:
    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token


class FileToken:
    """A token the platform writes to a file and renews (a projected service-account
    token, an agent's output): read again whenever the file changes."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._seen: tuple[float, str] = (-1.0, "")

    def token(self) -> str:
        changed = self._path.stat().st_mtime
        if changed != self._seen[0]:
            self._seen = (changed, self._path.read_text().strip())
        return self._seen[1]


class MintedTokens:
    """Tokens this process signs for itself, minted afresh once half their life is gone."""

    def __init__(self, minter: Minter, role: Role, sub: str, office: str = "",
                 ttl: timedelta = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self._mint = lambda: minter.mint(role, sub, office, ttl)
        self._renew_after = ttl.total_seconds() / 2
        self._clock = clock
        self._lock = threading.Lock()
        self._current: tuple[float, str] | None = None

    def token(self) -> str:
        with self._lock:
            now = self._clock()
            if self._current is None or now - self._current[0] > self._renew_after:
                self._current = (now, self._mint())
            return self._current[1]


def caller_tokens(settings: AuthSettings, role: Role, sub: str, office: str = "") -> TokenSource:
    """The tokens this process calls with: the configured one, or, on one machine, its
    own minted for `role` and `sub`.

    Raises:
        NoLocalIssuer: an OIDC issuer is configured and no token was given.
    """
    if settings.token_file:
        return FileToken(settings.token_file)
    if settings.token:
        return StaticToken(settings.token)
    return MintedTokens(local_minter(settings), role, sub, office)


class BearerToken(grpc.aio.UnaryUnaryClientInterceptor):
    """Sends `source`'s token with every unary call on the channel."""

    def __init__(self, source: TokenSource) -> None:
        self._source = source

    def token(self, method: str, request: Any) -> str:
        """The token a call of `method` with `request` carries (here the same for every
        call; a subclass may pick one by the call)."""
        return self._source.token()

    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], client_call_details: grpc.aio.ClientCallDetails,
        request: Any,
    ) -> Any:
        """Add the token, unless the call brings its own `authorization`."""
        metadata = grpc.aio.Metadata(*(client_call_details.metadata or ()))
        if "authorization" not in metadata:
            method = client_call_details.method
            metadata.add("authorization", "Bearer " + self.token(
                method.decode() if isinstance(method, bytes) else method, request))
        details = grpc.aio.ClientCallDetails(
            client_call_details.method, client_call_details.timeout, metadata,
            client_call_details.credentials, client_call_details.wait_for_ready)
        return await continuation(details, request)


def token_channel(address: str, source: TokenSource,
                  interceptors: list[Any] | None = None, identity: Identity | None = None
                  ) -> grpc.aio.Channel:
    """A channel to `address` whose calls carry `source`'s token: mutual TLS with
    `identity` (`common.tls`), plaintext without."""
    return tls.channel(address, identity, interceptors=[*(interceptors or ()),
                                                        BearerToken(source)])


__all__ = ["BearerToken", "FileToken", "MintedTokens", "StaticToken", "TokenSource", "bearer",
           "caller_tokens", "token_channel"]
