"""The enums of the contracts more than one process speaks, each paired with its proto.

Programs, needs, relationships, income kinds, utility allowances and payment kinds are
spelled once here, so intake, the case workflow, eligibility, referrals and payments
cannot disagree on them. Values are the lower-case names the workflow's histories and
the services' JSON columns hold (`IncomeKind.WAGES == "wages"`). Each table is derived
from the proto by `enum_table`, so a value added to one side only fails at import.
"""

from __future__ import annotations

from enum import StrEnum

from casework.v1 import common_pb2, payments_pb2

from common.enums import enum_table


class Program(StrEnum):
    SNAP = "snap"
    TANF = "tanf"
    MEDICAID = "medicaid"


class Need(StrEnum):
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    HEALTH = "health"
    HOUSING = "housing"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    FAMILY_VIOLENCE = "family_violence"
    SUBSTANCE_USE = "substance_use"
    FOOD = "food"


class Relationship(StrEnum):
    """How a member is related to the head of household."""

    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER_RELATIVE = "other_relative"
    UNRELATED = "unrelated"


class IncomeKind(StrEnum):
    WAGES = "wages"
    SELF_EMPLOYMENT = "self_employment"
    SOCIAL_SECURITY = "social_security"
    SSI = "ssi"
    UNEMPLOYMENT = "unemployment"
    CHILD_SUPPORT_RECEIVED = "child_support_received"
    PENSION = "pension"


class UtilityAllowance(StrEnum):
    """Which standard utility allowance the household's utility costs qualify for."""

    HEATING_COOLING = "heating_cooling"
    LIMITED = "limited"
    TELEPHONE_ONLY = "telephone_only"
    NONE = "none"


class PaymentKind(StrEnum):
    MONTHLY_BENEFIT = "monthly_benefit"
    CHILD_CARE = "child_care"
    TRANSPORT = "transport"
    UTILITY = "utility"
    EMERGENCY_SHELTER = "emergency_shelter"


PROGRAMS = enum_table(common_pb2.Program, Program)
NEEDS = enum_table(common_pb2.Need, Need)
RELATIONSHIPS = enum_table(common_pb2.Relationship, Relationship)
INCOME_KINDS = enum_table(common_pb2.IncomeKind, IncomeKind)
UTILITIES = enum_table(common_pb2.UtilityAllowance, UtilityAllowance)
PAYMENT_KINDS = enum_table(payments_pb2.PaymentKind, PaymentKind)
