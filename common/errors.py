"""Errors a service raises on purpose, each naming the gRPC status it becomes.

* CaseworkError          INTERNAL
  - InvalidField         INVALID_ARGUMENT  (names the field, never its value)
  - NotFound             NOT_FOUND
  - Conflict             FAILED_PRECONDITION
  - Unavailable          UNAVAILABLE       (a dependency is down; safe to retry)

The classes carry only the status code's name, so domain code and the eligibility
engine raise them without importing gRPC; `common.status` maps them to a status at the
edge of each server.
"""

from __future__ import annotations

PERMANENT = frozenset({
    "INVALID_ARGUMENT",
    "NOT_FOUND",
    "FAILED_PRECONDITION",
    "ALREADY_EXISTS",
    "UNIMPLEMENTED",
})
"""Status codes that retrying cannot fix: the request itself is wrong for the service.
Activities raise these as non-retryable, and the workflow's retry policy is built from
this set; every other code (UNAVAILABLE, DEADLINE_EXCEEDED, ...) is retried."""

CALLER_REFUSED = frozenset({"UNAUTHENTICATED", "PERMISSION_DENIED"})
"""The service refused who called, not what was asked. The worker's every call is one the
role table gives its role, so for the worker this is its token: expired, for another
audience or issuer, or not the worker's role. Putting the token right fixes it, so the
activity is retried as through an outage (with backoff, the case waiting where it is),
not held as a refused request: the failure counter and its alert name the code."""


class CaseworkError(Exception):
    code = "INTERNAL"


class InvalidField(CaseworkError):
    """One or more request fields are wrong; the message names them, not their values."""

    code = "INVALID_ARGUMENT"

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
    code = "NOT_FOUND"


class Conflict(CaseworkError):
    """The request is valid but does not fit the current state of what it acts on."""

    code = "FAILED_PRECONDITION"


class Unavailable(CaseworkError):
    code = "UNAVAILABLE"
