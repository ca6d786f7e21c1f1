"""Calling a service from an activity: which failures Temporal should retry."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import grpc
from temporalio import activity
from temporalio.exceptions import ApplicationError

from common.errors import CALLER_REFUSED, PERMANENT
from common.status import field_violations

log = logging.getLogger(__name__)

CALL_TIMEOUT_SECONDS = 10.0
"""The longest any one call may take; an activity's attempt has longer (acts.py)."""

ATTEMPT_MARGIN_SECONDS = 1.0
"""Kept back from the attempt's end, so a call times out, and says so, before Temporal
times out the attempt around it."""

SHORTEST_CALL_SECONDS = 0.1
"""A call made with the attempt all but over still gets a real chance to answer."""

Reply = TypeVar("Reply")


def call_deadline(longest: float = CALL_TIMEOUT_SECONDS) -> float:
    """Seconds a call may take: `longest`, or less inside an activity whose attempt
    ends sooner. An activity that makes several calls (`make_referrals`: one per need)
    would otherwise outlive its attempt with each call within its own deadline."""
    if not activity.in_activity():
        return longest
    info = activity.info()
    if info.start_to_close_timeout is None:
        return longest
    ends = info.started_time + info.start_to_close_timeout
    left = (ends - datetime.now(UTC)).total_seconds() - ATTEMPT_MARGIN_SECONDS
    return max(SHORTEST_CALL_SECONDS, min(longest, left))


async def call(
    rpc: Callable[..., Awaitable[Reply]], request: Any, *, deadline: float = CALL_TIMEOUT_SECONDS
) -> Reply:
    """Call one RPC within `call_deadline(deadline)`; permanent failures stop Temporal's
    retries, the rest are retried, a refused token too (`CALLER_REFUSED`), since fixing
    the token fixes the call.

    The error carries the status code name as its type, retried or not, so the attempt's
    failure says how the service failed where Temporal keeps it (a case's `waiting_on`
    in intake's GetCase reads it), and the fields a service named as details, never the
    values (which may be PII).
    """
    try:
        return await rpc(request, timeout=call_deadline(deadline))
    except grpc.aio.AioRpcError as err:
        code = err.code().name
        if code in PERMANENT:
            raise ApplicationError(
                err.details() or code,
                [field for field, _ in field_violations(err)],
                type=code,
                non_retryable=True,
            ) from err
        if code in CALLER_REFUSED:
            log.error("a service refused the worker's token (%s: %s); retrying until it "
                      "is put right", code, err.details())
        raise ApplicationError(err.details() or code, type=code, non_retryable=False) from err
