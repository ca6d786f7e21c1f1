"""The proto enums of the eligibility API, each paired with the engine's own enum.

The tables are derived from the proto's value names (`common.enums.enum_table`), so a
value added to the proto but not to the engine fails at import, not on a request.
"""

from __future__ import annotations

from casework.v1 import common_pb2

from common.enums import enum_table
from services.eligibility.engine.household import (
    IncomeKind,
    Program,
    Relationship,
    UtilityAllowance,
)

PROGRAMS = enum_table(common_pb2.Program, Program)
RELATIONSHIPS = enum_table(common_pb2.Relationship, Relationship)
INCOME_KINDS = enum_table(common_pb2.IncomeKind, IncomeKind)
UTILITIES = enum_table(common_pb2.UtilityAllowance, UtilityAllowance)
