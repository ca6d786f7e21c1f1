"""Limits on the request fields every service shares, so a key or case id one service
accepts is never refused by the next."""

from __future__ import annotations

from common.validate import Violations

MAX_KEY_LENGTH = 128
"""Idempotency keys: room for a workflow's case:program:period:kind composite."""
MAX_ID_LENGTH = 128
"""Opaque ids (case, resource, payee, record)."""


def case_id_only(case_id: str) -> str:
    """The case id of a request that carries nothing else (a listing).

    Raises:
        InvalidField: when it is blank or too long.
    """
    bad = Violations()
    case = bad.text(case_id, "case_id", max_length=MAX_ID_LENGTH)
    bad.raise_if_any()
    return case
