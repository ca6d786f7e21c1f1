"""Flood control: a token bucket per caller, so one runaway integration system is told
RESOURCE_EXHAUSTED while every other caller, and the server, carry on.

`RateLimit` is a server interceptor placed after `common.auth.interceptor.Authorization`
(`start_server(interceptors=...)`), so its check runs inside the authorized and audited
call: the caller is the token's `sub`, known and verified, and a refused call still gets
its audit row, but reaches no handler and writes nothing else. A refusal carries a
`google.rpc.RetryInfo` detail with the time until the caller's next call would be taken
(`retry_delay` reads it back), and says it in its message too.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from common.auth.interceptor import current_principal

log = logging.getLogger(__name__)

MAX_CALLERS = 10_000
"""Buckets kept before the full ones (callers quiet long enough to have their whole
burst back, so forgetting them changes nothing) are dropped."""


@dataclass
class TokenBucket:
    """`burst` calls at once, refilled at `rate` calls a second."""

    rate: float
    burst: float
    tokens: float
    stamp: float

    def take(self, now: float) -> float:
        """Spend one call: 0 when taken, else the seconds until one could be."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate

    def full(self, now: float) -> bool:
        return self.tokens + (now - self.stamp) * self.rate >= self.burst


class RateLimit(grpc.aio.ServerInterceptor):
    """At most `burst` calls at once and `rate` a second after that, per caller, to the
    methods of `services` (full proto names); other services are not limited."""

    def __init__(self, rate: float, burst: int, services: Collection[str], *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("a rate limit needs a positive rate and a burst of at least 1")
        self._rate = rate
        self._burst = float(burst)
        self._services = frozenset(services)
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(details)
        method: str = details.method  # type: ignore[attr-defined]
        if (handler is None or handler.unary_unary is None
                or method.lstrip("/").split("/")[0] not in self._services):
            return handler
        answer = handler.unary_unary

        async def limited(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            caller = current_principal()
            wait = self.wait(caller.sub if caller is not None else "")
            if wait:
                log.warning("%s refused to %s: over its rate limit", method.lstrip("/"),
                            caller.sub if caller is not None else "an unknown caller")
                await context.abort_with_status(refusal(wait))
            return await answer(request, context)

        return grpc.unary_unary_rpc_method_handler(
            limited, request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer)

    def wait(self, caller: str) -> float:
        """Spend one of `caller`'s calls: 0 when it may go ahead, else the seconds until
        it could."""
        now = self._clock()
        bucket = self._buckets.get(caller)
        if bucket is None:
            if len(self._buckets) >= MAX_CALLERS:
                self._buckets = {k: b for k, b in self._buckets.items() if not b.full(now)}
            bucket = self._buckets[caller] = TokenBucket(self._rate, self._burst,
                                                         self._burst, now)
        return bucket.take(now)


def refusal(wait: float) -> grpc.Status:
    """RESOURCE_EXHAUSTED with a RetryInfo detail: retry in `wait` seconds, rounded up
    to the millisecond."""
    millis = math.ceil(wait * 1000)
    info = error_details_pb2.RetryInfo(
        retry_delay=duration_pb2.Duration(seconds=millis // 1000, nanos=millis % 1000 * 10**6))
    packed = any_pb2.Any()
    packed.Pack(info)
    return rpc_status.to_status(status_pb2.Status(
        code=code_pb2.RESOURCE_EXHAUSTED, details=[packed],
        message=f"too many calls from this caller; retry in {millis / 1000:g} s"))


def retry_delay(err: grpc.aio.AioRpcError | grpc.Call) -> float | None:
    """The seconds a refused call's RetryInfo asks the caller to wait; None without one."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    for detail in status.details if status else []:
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            return info.retry_delay.ToTimedelta().total_seconds()
    return None
