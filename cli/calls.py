"""How a subcommand calls intake: over a channel of its own unless a test hands it one,
and, when a call fails, what it says (never a request's values) and which exit status
it ends with."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import grpc

from cli.exits import EXIT_FAILED, EXIT_NOT_FOUND, EXIT_USAGE

RPC_TIMEOUT = 10.0

Item = TypeVar("Item")


@asynccontextmanager
async def channel_to(
    address: str, given: grpc.aio.Channel | None
) -> AsyncIterator[grpc.aio.Channel]:
    """`given`, left open for its owner; else a channel to `address`, closed after."""
    if given is not None:
        yield given
        return
    channel = grpc.aio.insecure_channel(address)
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
