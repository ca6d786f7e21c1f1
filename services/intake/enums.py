"""Every proto enum of the intake API beside the workflow's spelling of it.

Proto enum value names are the dataclass enum's name with the type's prefix
(`PHASE_MONITORING` <-> `Phase.MONITORING`, `INCOME_KIND_WAGES` <-> "wages"), so each
table is derived from the two enum definitions rather than written out by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from casework.v1 import common_pb2, intake_pb2
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from workflows.inputs import ClosureReason, Need, Phase, Program, VerificationKind

Value = TypeVar("Value")


def by_number(
    enum: EnumTypeWrapper, prefix: str, make: Callable[[str], Value]
) -> dict[int, Value]:
    """Each set value of a proto enum (not *_UNSPECIFIED), keyed by number, as `make`
    builds it from the lower-case name without the prefix."""
    return {
        number: make(name.removeprefix(prefix).lower())
        for name, number in enum.items()
        if number != 0
    }


def numbers(table: Mapping[int, Value]) -> dict[Value, int]:
    return {value: number for number, value in table.items()}


PROGRAMS = by_number(common_pb2.Program, "PROGRAM_", Program)
RELATIONSHIPS = by_number(common_pb2.Relationship, "RELATIONSHIP_", str)
INCOME_KINDS = by_number(common_pb2.IncomeKind, "INCOME_KIND_", str)
UTILITIES = by_number(common_pb2.UtilityAllowance, "UTILITY_ALLOWANCE_", str)
NEEDS = by_number(common_pb2.Need, "NEED_", Need)
PHASES = by_number(intake_pb2.Phase, "PHASE_", Phase)
VERIFICATION_KINDS = by_number(intake_pb2.VerificationKind, "VERIFICATION_KIND_",
                               VerificationKind)
CLOSURE_REASONS = by_number(intake_pb2.ClosureReason, "CLOSURE_REASON_", ClosureReason)
NOTICE_KINDS = by_number(intake_pb2.NoticeKind, "NOTICE_KIND_", str)

PROGRAM_NUMBERS = numbers(PROGRAMS)
RELATIONSHIP_NUMBERS = numbers(RELATIONSHIPS)
INCOME_KIND_NUMBERS = numbers(INCOME_KINDS)
UTILITY_NUMBERS = numbers(UTILITIES)
NEED_NUMBERS = numbers(NEEDS)
PHASE_NUMBERS = numbers(PHASES)
VERIFICATION_KIND_NUMBERS = numbers(VERIFICATION_KINDS)
CLOSURE_REASON_NUMBERS = numbers(CLOSURE_REASONS)
NOTICE_KIND_NUMBERS = numbers(NOTICE_KINDS)
