"""Calling a service from an activity: which failures Temporal should retry."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grpc
from temporalio.exceptions import ApplicationError

from common.errors import CALLER_REFUSED, PERMANENT
from common.status import field_violations

log = logging.getLogger(__name__)

CALL_TIMEOUT_SECONDS = 10.0

Reply = TypeVar("Reply")


async def call(
    rpc: Callable[..., Awaitable[Reply]], request: Any, *, deadline: float = CALL_TIMEOUT_SECONDS
) -> Reply:
    """Call one RPC; permanent failures stop Temporal's retries, the rest are retried,
    a refused token too (`CALLER_REFUSED`), since fixing the token fixes the call.

    The error carries the status code name as its type and the fields a service named
    as details, never the values (which may be PII).
    """
    try:
        return await rpc(request, timeout=deadline)
    except grpc.aio.AioRpcError as err:
        if err.code().name in CALLER_REFUSED:
            log.error("a service refused the worker's token (%s: %s); retrying until it "
                      "is put right", err.code().name, err.details())
            raise ApplicationError(err.details() or err.code().name, type=err.code().name,
                                   non_retryable=False) from err
        if err.code().name in PERMANENT:
            raise ApplicationError(
                err.details() or err.code().name,
                [field for field, _ in field_violations(err)],
                type=err.code().name,
                non_retryable=True,
            ) from err
        raise
