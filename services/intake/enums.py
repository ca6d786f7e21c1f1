"""The enums of the intake API, each paired with its proto spelling.

Programs, phases, needs, verification kinds and closure reasons are the workflow's own
enums (`workflows.inputs`); the rest are intake's. Each is a `StrEnum` whose values are
the lower-case names the workflow's dataclasses and intake's JSON columns hold
(`IncomeKind.WAGES == "wages"`).
"""

from __future__ import annotations

from enum import StrEnum, auto

from casework.v1 import common_pb2, intake_pb2

from common.enums import enum_table
from workflows.inputs import ClosureReason, Need, Phase, Program, VerificationKind


class Relationship(StrEnum):
    HEAD = auto()
    SPOUSE = auto()
    CHILD = auto()
    OTHER_RELATIVE = auto()
    UNRELATED = auto()


class IncomeKind(StrEnum):
    WAGES = auto()
    SELF_EMPLOYMENT = auto()
    SOCIAL_SECURITY = auto()
    SSI = auto()
    UNEMPLOYMENT = auto()
    CHILD_SUPPORT_RECEIVED = auto()
    PENSION = auto()


class UtilityAllowance(StrEnum):
    HEATING_COOLING = auto()
    LIMITED = auto()
    TELEPHONE_ONLY = auto()
    NONE = auto()


class NoticeKind(StrEnum):
    INTERVIEW_SCHEDULED = auto()
    VERIFICATION_REQUEST = auto()
    DECISION = auto()
    ADVERSE_ACTION = auto()
    CLOSURE = auto()


PROGRAMS = enum_table(common_pb2.Program, Program)
RELATIONSHIPS = enum_table(common_pb2.Relationship, Relationship)
INCOME_KINDS = enum_table(common_pb2.IncomeKind, IncomeKind)
UTILITIES = enum_table(common_pb2.UtilityAllowance, UtilityAllowance)
NEEDS = enum_table(common_pb2.Need, Need)
PHASES = enum_table(intake_pb2.Phase, Phase)
VERIFICATION_KINDS = enum_table(intake_pb2.VerificationKind, VerificationKind)
CLOSURE_REASONS = enum_table(intake_pb2.ClosureReason, ClosureReason)
NOTICE_KINDS = enum_table(intake_pb2.NoticeKind, NoticeKind)
