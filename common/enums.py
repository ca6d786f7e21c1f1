"""Pairs a protobuf enum with the domain's own enum, so neither spelling leaks across.

The domain enum's member names are the proto value names without the type's prefix
(`NEED_CHILD_CARE` <-> `Need.CHILD_CARE`), so each table is derived, never written out;
a value either side lacks fails at import, not on the first request or state using it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

Member = TypeVar("Member", bound=Enum)


@dataclass(frozen=True)
class EnumTable(Generic[Member]):
    """Both directions between one proto enum's set values and a domain enum."""

    by_number: Mapping[int, Member]
    """Every value except *_UNSPECIFIED (0); `Violations.choice` takes this table."""
    numbers: Mapping[Member, int]

    def number(self, member: Member) -> int:
        return self.numbers[member]


def enum_table(proto: EnumTypeWrapper, domain: type[Member]) -> EnumTable[Member]:
    """The table for `proto` and `domain`; the prefix is read off the zero value's name.

    Raises:
        KeyError: a proto value has no domain member of its name.
        ValueError: a domain member has no proto value.
    """
    prefix = proto.Name(0).removesuffix("UNSPECIFIED")
    by_number = {
        number: domain[name.removeprefix(prefix)] for name, number in proto.items() if number
    }
    numbers = {member: number for number, member in by_number.items()}
    unpaired = [member.name for member in domain if member not in numbers]
    if unpaired:
        raise ValueError(f"{domain.__name__} has no {proto.DESCRIPTOR.name} value for "
                         + ", ".join(prefix + name for name in unpaired))
    return EnumTable(by_number, numbers)


def spelling(proto: EnumTypeWrapper, number: int) -> str:
    """`CLOCK_STATUS_MET_LATE` -> `met_late`: a proto value as read models store it and
    search attributes spell it, the way the workflow's own enums already do
    (`Phase.VERIFICATION` is "verification")."""
    return proto.Name(number).removeprefix(proto.Name(0).removesuffix("UNSPECIFIED")).lower()


def from_spelling(proto: EnumTypeWrapper, text: str) -> int:
    """The number `spelling` gave `text`; ValueError for a spelling of no value."""
    return int(proto.Value(proto.Name(0).removesuffix("UNSPECIFIED") + text.upper()))
