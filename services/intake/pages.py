"""Opaque page tokens for the read model's listings.

A token holds the sort key of the last row a page returned (a date, then the ids that
break ties), so the next page starts after it however many rows were written meanwhile,
and the scope it was made for: the listing and the exact filter asked. A token asked
with another filter, or one that was not made here, is refused rather than read as a
different position.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from google.protobuf.message import Message

from common.validate import parse_date


@dataclass(frozen=True)
class Position:
    """Where the previous page ended: its last row's date and tie-breaking ids."""

    day: date
    ids: tuple[str, ...]


def scope(listing: str, filter: Message) -> str:
    """The listing and filter a token belongs to, as a short digest of both."""
    digest = hashlib.sha256(listing.encode() + b"\0" + filter.SerializeToString(deterministic=True))
    return digest.hexdigest()[:16]


def token(scope: str, day: date, ids: Sequence[str]) -> str:
    """The token of a page ending at the row keyed (`day`, *`ids`)."""
    raw = json.dumps([scope, day.isoformat(), *ids], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def position(token: str, scope: str, ids: int) -> Position | None:
    """Where `token` says to go on, or None when it is not a token of `scope` with a
    date and `ids` ids."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError):
        return None
    if not (isinstance(raw, list) and len(raw) == ids + 2 and raw[0] == scope
            and all(isinstance(part, str) for part in raw)):
        return None
    day = parse_date(raw[1])
    return Position(day, tuple(raw[2:])) if day is not None else None
