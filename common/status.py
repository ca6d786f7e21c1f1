"""The edge between `common.errors` and gRPC: each error becomes its status, with
`google.rpc.BadRequest` details for bad fields, so a client can read which field was
wrong with `rpc_status.from_call` (or `field_violations` here)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from common.errors import CaseworkError, InvalidField
from common.validate import refuse_nul

log = logging.getLogger(__name__)


MAX_VIOLATIONS_SENT = 20
"""Field violations one reply carries. The status travels in trailing metadata, which a
gRPC client drops over 8 KiB by default (`grpc.max_metadata_size`), failing the call
RESOURCE_EXHAUSTED: a request with hundreds of bad fields (an application of many empty
incomes) would learn none of them. Twenty fit, and the message says how many more."""


def to_status(error: CaseworkError) -> grpc.Status:
    """The rich status for an error: BadRequest details carry each field violation, up
    to `MAX_VIOLATIONS_SENT`."""
    message = str(error)
    violations: list[tuple[str, str]] = []
    if isinstance(error, InvalidField):
        violations = error.violations[:MAX_VIOLATIONS_SENT]
        unsent = len(error.violations) - len(violations)
        message = "; ".join(f"{f}: {p}" for f, p in violations) + (
            f"; and {unsent} more" if unsent else "")
    status = status_pb2.Status(code=getattr(code_pb2, error.code), message=message)
    if isinstance(error, InvalidField):
        details = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=f, description=p)
                for f, p in violations
            ]
        )
        packed = any_pb2.Any()
        packed.Pack(details)
        status.details.append(packed)
    return rpc_status.to_status(status)


def field_violations(err: grpc.aio.AioRpcError | grpc.Call) -> list[tuple[str, str]]:
    """The (field, description) pairs a server packed into a failed call's status."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    found: list[tuple[str, str]] = []
    for detail in status.details if status else []:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.extend((v.field, v.description) for v in bad.field_violations)
    return found


Method = TypeVar("Method", bound=Callable[..., Awaitable[Any]])


def rpc_errors(method: Method) -> Method:
    """Turn a servicer method's `CaseworkError` into its gRPC status; first refuse a
    request with NUL in a string field (`common.validate.refuse_nul`), the one rule
    every message shares."""

    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> Any:
        try:
            refuse_nul(request)
            return await method(self, request, context)
        except CaseworkError as error:
            if error.code == "INTERNAL":
                log.exception("%s failed", method.__qualname__)
            await context.abort_with_status(to_status(error))

    return wrapper  # type: ignore[return-value]
