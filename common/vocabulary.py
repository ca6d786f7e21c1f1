"""The enums of the contracts more than one process speaks, each paired with its proto.

Programs, needs, relationships, income kinds, utility allowances, Medicaid coverage
groups and payment kinds are spelled once here, so intake, the case workflow,
eligibility, referrals and payments cannot disagree on them. Values are the lower-case
names the workflow's histories and the services' JSON columns hold
(`IncomeKind.WAGES == "wages"`). Each table is derived from the proto by `enum_table`, so
a value added to one side only fails at import.
"""

from __future__ import annotations

from enum import StrEnum

from casework.v1 import common_pb2, eligibility_pb2, payments_pb2

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


class CoverageGroup(StrEnum):
    """The MAGI coverage group a Medicaid member is determined under.

    Groups sharing a category differ in the rules that follow the decision: an expansion
    adult and a parent are both category "adult", but only the expansion group is renewed
    every six months (P.L. 119-21 sec. 71107), so the eligibility service says which.
    """

    INFANT = "infant"
    """Under age 1 (42 CFR 435.118), with the infant income standard."""
    CHILD = "child"
    """Aged 1 through 18 (42 CFR 435.118)."""
    PREGNANT = "pregnant"
    """42 CFR 435.116."""
    PARENT_CARETAKER = "parent_caretaker"
    """Parents and other caretaker relatives (42 CFR 435.110)."""
    EXPANSION_ADULT = "expansion_adult"
    """Ages 19-64, not pregnant, not in a mandatory group (42 USC 1396a(a)(10)(A)(i)(VIII),
    42 CFR 435.119)."""
    NONE = "none"
    """No MAGI group: 65 or over, or an adult outside every group the state covers."""
    DEMONSTRATION_ADULT = "demonstration_adult"
    """Adults covered under a section 1115 demonstration instead of the 435.119 group
    (Wisconsin's BadgerCare adults to 100% FPL, 42 USC 1315); not the expansion group, so
    not renewed on its six-month cycle here."""


class HealthCoverage(StrEnum):
    """The program a Medicaid member's coverage comes from: a child above the state's
    Medicaid standard but within its separate CHIP is CHIP (42 CFR 457.310). Said per member,
    not as a `Program`, which drives the case workflow's lines, clocks and renewals."""

    MEDICAID = "medicaid"
    CHIP = "chip"


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
COVERAGE_GROUPS = enum_table(eligibility_pb2.CoverageGroup, CoverageGroup)
HEALTH_COVERAGES = enum_table(eligibility_pb2.HealthCoverage, HealthCoverage)
PAYMENT_KINDS = enum_table(payments_pb2.PaymentKind, PaymentKind)
