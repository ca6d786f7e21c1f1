"""Intake's own enum, paired with its proto spelling. The enums intake shares with the
case workflow (programs, phases, needs, income kinds, ...) and their tables live in
`workflows.inputs` and `workflows.convert`."""

from __future__ import annotations

from enum import StrEnum, auto

from casework.v1 import common_pb2

from common.enums import enum_table


class Relationship(StrEnum):
    HEAD = auto()
    SPOUSE = auto()
    CHILD = auto()
    OTHER_RELATIVE = auto()
    UNRELATED = auto()


RELATIONSHIPS = enum_table(common_pb2.Relationship, Relationship)
