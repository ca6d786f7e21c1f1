"""Errors a service raises on purpose, and the gRPC status each becomes.

* CaseworkError          INTERNAL
  - InvalidField         INVALID_ARGUMENT  (names the field, never its value)
  - NotFound             NOT_FOUND
  - Conflict             FAILED_PRECONDITION
  - Unavailable          UNAVAILABLE       (a dependency is down; safe to retry)

`rpc_errors` wraps each servicer method: it turns these into a status with
`google.rpc.BadRequest` details for bad fields, so a client can read which field was
wrong with `rpc_status.from_call`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

log = logging.getLogger(__name__)


class CaseworkError(Exception):
    status = grpc.StatusCode.INTERNAL


class InvalidField(CaseworkError):
    """One or more request fields are wrong; the message names them, not their values."""

    status = grpc.StatusCode.INVALID_ARGUMENT

    def __init__(self, field: str, problem: str, *more: tuple[str, str]) -> None:
        self.violations: list[tuple[str, str]] = [(field, problem), *more]
        super().__init__("; ".join(f"{f}: {p}" for f, p in self.violations))
        self.field = field
        self.problem = problem

    @classmethod
    def of(cls, violations: list[tuple[str, str]]) -> InvalidField:
        first, *rest = violations
        return cls(first[0], first[1], *rest)


class NotFound(CaseworkError):
    status = grpc.StatusCode.NOT_FOUND


class Conflict(CaseworkError):
    """The request is valid but does not fit the current state of what it acts on."""

    status = grpc.StatusCode.FAILED_PRECONDITION


class Unavailable(CaseworkError):
    status = grpc.StatusCode.UNAVAILABLE


def to_status(error: CaseworkError) -> grpc.Status:
    """The rich status for an error: BadRequest details carry each field violation."""
    status = status_pb2.Status(code=getattr(code_pb2, error.status.name), message=str(error))
    if isinstance(error, InvalidField):
        details = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=f, description=p)
                for f, p in error.violations
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
    """Turn a servicer method's `CaseworkError` into its gRPC status."""

    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> Any:
        try:
            return await method(self, request, context)
        except CaseworkError as error:
            if error.status is grpc.StatusCode.INTERNAL:
                log.exception("%s failed", method.__qualname__)
            await context.abort_with_status(to_status(error))

    return wrapper  # type: ignore[return-value]
