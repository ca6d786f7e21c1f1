"""How a subcommand calls intake: over a channel of its own unless a test hands it one,
with the caller's token on every call, and, when a call fails, what it says (never a
request's values) and which exit status it ends with.

The token is CASEWORK_TOKEN (or the file CASEWORK_TOKEN_FILE names): one from the
agency's OIDC provider, or from `casework token`. Without one, on a machine with no
OIDC issuer configured, `--as ROLE:ID[@OFFICE]` mints a development token with the
local key for that caller (`casework --as supervisor:sup-0001@office-001 approvals`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import grpc
import jwt

from cli.exits import EXIT_FAILED, EXIT_NOT_FOUND, EXIT_USAGE
from common.auth.callers import MintedTokens, TokenSource, caller_tokens, token_channel
from common.auth.roles import OFFICE_ROLES, Role
from common.auth.tokens import AuthSettings, Principal, TokenError, local_minter, principal_of
from common.config import Settings
from common.tls import identity_for

RPC_TIMEOUT = 10.0

Item = TypeVar("Item")


class NoToken(Exception):
    """Nothing says who is calling: no CASEWORK_TOKEN and no --as."""


def caller(text: str) -> Principal:
    """Whom `--as` names, `ROLE:ID` or `ROLE:ID@OFFICE` (argparse reports a bad one)."""
    role, _, rest = text.partition(":")
    sub, _, office = rest.partition("@")
    try:
        parsed = Principal(sub, Role(role), office)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ROLE:ID[@OFFICE] with ROLE one of {', '.join(Role)}") from None
    if not sub or (parsed.role in OFFICE_ROLES) != bool(office):
        raise argparse.ArgumentTypeError("ROLE:ID, and @OFFICE for caseworkers and "
                                         "supervisors only")
    return parsed


def tokens_for(args: argparse.Namespace) -> TokenSource:
    """The caller's tokens: CASEWORK_TOKEN(_FILE), else minted for `--as`.

    Raises:
        NoToken: neither is given.
        NoLocalIssuer: `--as` where an OIDC issuer is configured.
    """
    settings = AuthSettings.from_env(var_dir=Settings.from_env("cli").var_dir)
    named: Principal | None = getattr(args, "caller", None)
    if settings.token or settings.token_file:
        return caller_tokens(settings, Role.OPERATIONS, "")  # the given token, as it is
    if named is None:
        raise NoToken("no token: set CASEWORK_TOKEN (see `casework token`) or pass "
                      "--as ROLE:ID[@OFFICE] before the command")
    return MintedTokens(local_minter(settings), named.role, named.sub, named.office)


def calling(args: argparse.Namespace) -> Principal | None:
    """Who the command's calls say is calling, as `tokens_for` picks the token: the one
    CASEWORK_TOKEN (or its file) holds, else `--as`; None when neither says. The token's
    claims are read here, not verified: intake verifies every call, and this only fills
    in what callers would otherwise type about themselves (their id, their office)."""
    settings = AuthSettings.from_env(var_dir=Settings.from_env("cli").var_dir)
    if settings.token or settings.token_file:
        try:
            given = caller_tokens(settings, Role.OPERATIONS, "").token()
            return principal_of(jwt.decode(given, options={"verify_signature": False}))
        except (jwt.PyJWTError, TokenError, OSError):
            return None
    named: Principal | None = getattr(args, "caller", None)
    return named


@asynccontextmanager
async def channel_to(
    address: str, given: grpc.aio.Channel | None, args: argparse.Namespace
) -> AsyncIterator[grpc.aio.Channel]:
    """`given`, left open for its owner (and its tokens); else a channel to `address`
    sending the caller's token (`tokens_for`), with the CLI's certificate when TLS is
    on (`CASEWORK_TLS_DIR`), closed after."""
    if given is not None:
        yield given
        return
    channel = token_channel(address, tokens_for(args),
                            identity=identity_for(Settings.from_env("cli")))
    try:
        yield channel
    finally:
        await channel.close()


def failed(command: str, error: grpc.aio.AioRpcError, address: str) -> int:
    """Say what went wrong on stderr and pick the exit status: not found, bad usage (the
    server named the field), or the stack cannot be reached or failed."""
    code = error.code()
    if code == grpc.StatusCode.NOT_FOUND:
        print(f"casework {command}: not found: {error.details()}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        print(f"casework {command}: {error.details()}", file=sys.stderr)
        return EXIT_USAGE
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        # Intake itself, or what it sends the step on to (the case's workflow), is down.
        print(f"casework {command}: unavailable ({error.details()}) via intake at {address}: "
              "is `make up` running?", file=sys.stderr)
    elif code == grpc.StatusCode.UNAUTHENTICATED:
        print(f"casework {command}: the token was refused ({error.details()}): set "
              "CASEWORK_TOKEN or pass --as ROLE:ID[@OFFICE]", file=sys.stderr)
    else:
        print(f"casework {command}: {code.name}: {error.details()}", file=sys.stderr)
    return EXIT_FAILED


async def every_page(rpc: Callable[..., Awaitable[Any]], request: Any,
                     items: Callable[[Any], list[Item]]) -> list[Item]:
    """What a paged listing holds, page after page: `request` is asked again with each
    reply's `next_page_token` until one comes back empty; `items(reply)` picks a page's."""
    found: list[Item] = []
    while True:
        reply = await rpc(request, timeout=RPC_TIMEOUT)
        found.extend(items(reply))
        if not reply.next_page_token:
            return found
        request.page_token = reply.next_page_token
