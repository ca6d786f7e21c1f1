from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Program(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROGRAM_UNSPECIFIED: _ClassVar[Program]
    PROGRAM_SNAP: _ClassVar[Program]
    PROGRAM_TANF: _ClassVar[Program]
    PROGRAM_MEDICAID: _ClassVar[Program]

class Relationship(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RELATIONSHIP_UNSPECIFIED: _ClassVar[Relationship]
    RELATIONSHIP_HEAD: _ClassVar[Relationship]
    RELATIONSHIP_SPOUSE: _ClassVar[Relationship]
    RELATIONSHIP_CHILD: _ClassVar[Relationship]
    RELATIONSHIP_OTHER_RELATIVE: _ClassVar[Relationship]
    RELATIONSHIP_UNRELATED: _ClassVar[Relationship]

class IncomeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INCOME_KIND_UNSPECIFIED: _ClassVar[IncomeKind]
    INCOME_KIND_WAGES: _ClassVar[IncomeKind]
    INCOME_KIND_SELF_EMPLOYMENT: _ClassVar[IncomeKind]
    INCOME_KIND_SOCIAL_SECURITY: _ClassVar[IncomeKind]
    INCOME_KIND_SSI: _ClassVar[IncomeKind]
    INCOME_KIND_UNEMPLOYMENT: _ClassVar[IncomeKind]
    INCOME_KIND_CHILD_SUPPORT_RECEIVED: _ClassVar[IncomeKind]
    INCOME_KIND_PENSION: _ClassVar[IncomeKind]

class UtilityAllowance(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UTILITY_ALLOWANCE_UNSPECIFIED: _ClassVar[UtilityAllowance]
    UTILITY_ALLOWANCE_HEATING_COOLING: _ClassVar[UtilityAllowance]
    UTILITY_ALLOWANCE_LIMITED: _ClassVar[UtilityAllowance]
    UTILITY_ALLOWANCE_TELEPHONE_ONLY: _ClassVar[UtilityAllowance]
    UTILITY_ALLOWANCE_NONE: _ClassVar[UtilityAllowance]

class Need(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NEED_UNSPECIFIED: _ClassVar[Need]
    NEED_CHILD_CARE: _ClassVar[Need]
    NEED_TRANSPORT: _ClassVar[Need]
    NEED_HEALTH: _ClassVar[Need]
    NEED_HOUSING: _ClassVar[Need]
    NEED_EDUCATION: _ClassVar[Need]
    NEED_EMPLOYMENT: _ClassVar[Need]
    NEED_FAMILY_VIOLENCE: _ClassVar[Need]
    NEED_SUBSTANCE_USE: _ClassVar[Need]
    NEED_FOOD: _ClassVar[Need]
PROGRAM_UNSPECIFIED: Program
PROGRAM_SNAP: Program
PROGRAM_TANF: Program
PROGRAM_MEDICAID: Program
RELATIONSHIP_UNSPECIFIED: Relationship
RELATIONSHIP_HEAD: Relationship
RELATIONSHIP_SPOUSE: Relationship
RELATIONSHIP_CHILD: Relationship
RELATIONSHIP_OTHER_RELATIVE: Relationship
RELATIONSHIP_UNRELATED: Relationship
INCOME_KIND_UNSPECIFIED: IncomeKind
INCOME_KIND_WAGES: IncomeKind
INCOME_KIND_SELF_EMPLOYMENT: IncomeKind
INCOME_KIND_SOCIAL_SECURITY: IncomeKind
INCOME_KIND_SSI: IncomeKind
INCOME_KIND_UNEMPLOYMENT: IncomeKind
INCOME_KIND_CHILD_SUPPORT_RECEIVED: IncomeKind
INCOME_KIND_PENSION: IncomeKind
UTILITY_ALLOWANCE_UNSPECIFIED: UtilityAllowance
UTILITY_ALLOWANCE_HEATING_COOLING: UtilityAllowance
UTILITY_ALLOWANCE_LIMITED: UtilityAllowance
UTILITY_ALLOWANCE_TELEPHONE_ONLY: UtilityAllowance
UTILITY_ALLOWANCE_NONE: UtilityAllowance
NEED_UNSPECIFIED: Need
NEED_CHILD_CARE: Need
NEED_TRANSPORT: Need
NEED_HEALTH: Need
NEED_HOUSING: Need
NEED_EDUCATION: Need
NEED_EMPLOYMENT: Need
NEED_FAMILY_VIOLENCE: Need
NEED_SUBSTANCE_USE: Need
NEED_FOOD: Need

class HouseholdMember(_message.Message):
    __slots__ = ("id", "age", "relationship", "disabled", "student", "pregnant")
    ID_FIELD_NUMBER: _ClassVar[int]
    AGE_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIP_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    PREGNANT_FIELD_NUMBER: _ClassVar[int]
    id: str
    age: int
    relationship: Relationship
    disabled: bool
    student: bool
    pregnant: bool
    def __init__(self, id: _Optional[str] = ..., age: _Optional[int] = ..., relationship: _Optional[_Union[Relationship, str]] = ..., disabled: _Optional[bool] = ..., student: _Optional[bool] = ..., pregnant: _Optional[bool] = ...) -> None: ...

class Income(_message.Message):
    __slots__ = ("member_id", "kind", "monthly_cents")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_CENTS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    kind: IncomeKind
    monthly_cents: int
    def __init__(self, member_id: _Optional[str] = ..., kind: _Optional[_Union[IncomeKind, str]] = ..., monthly_cents: _Optional[int] = ...) -> None: ...

class Expenses(_message.Message):
    __slots__ = ("rent_cents", "property_tax_cents", "homeowners_insurance_cents", "utilities", "dependent_care_cents", "child_support_paid_cents", "medical_out_of_pocket_cents", "homeless", "homeless_shelter_costs")
    RENT_CENTS_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_TAX_CENTS_FIELD_NUMBER: _ClassVar[int]
    HOMEOWNERS_INSURANCE_CENTS_FIELD_NUMBER: _ClassVar[int]
    UTILITIES_FIELD_NUMBER: _ClassVar[int]
    DEPENDENT_CARE_CENTS_FIELD_NUMBER: _ClassVar[int]
    CHILD_SUPPORT_PAID_CENTS_FIELD_NUMBER: _ClassVar[int]
    MEDICAL_OUT_OF_POCKET_CENTS_FIELD_NUMBER: _ClassVar[int]
    HOMELESS_FIELD_NUMBER: _ClassVar[int]
    HOMELESS_SHELTER_COSTS_FIELD_NUMBER: _ClassVar[int]
    rent_cents: int
    property_tax_cents: int
    homeowners_insurance_cents: int
    utilities: UtilityAllowance
    dependent_care_cents: int
    child_support_paid_cents: int
    medical_out_of_pocket_cents: int
    homeless: bool
    homeless_shelter_costs: bool
    def __init__(self, rent_cents: _Optional[int] = ..., property_tax_cents: _Optional[int] = ..., homeowners_insurance_cents: _Optional[int] = ..., utilities: _Optional[_Union[UtilityAllowance, str]] = ..., dependent_care_cents: _Optional[int] = ..., child_support_paid_cents: _Optional[int] = ..., medical_out_of_pocket_cents: _Optional[int] = ..., homeless: _Optional[bool] = ..., homeless_shelter_costs: _Optional[bool] = ...) -> None: ...

class Assets(_message.Message):
    __slots__ = ("liquid_cents",)
    LIQUID_CENTS_FIELD_NUMBER: _ClassVar[int]
    liquid_cents: int
    def __init__(self, liquid_cents: _Optional[int] = ...) -> None: ...

class Household(_message.Message):
    __slots__ = ("state", "members", "incomes", "expenses", "assets", "destitute_migrant_farmworker")
    STATE_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    INCOMES_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    DESTITUTE_MIGRANT_FARMWORKER_FIELD_NUMBER: _ClassVar[int]
    state: str
    members: _containers.RepeatedCompositeFieldContainer[HouseholdMember]
    incomes: _containers.RepeatedCompositeFieldContainer[Income]
    expenses: Expenses
    assets: Assets
    destitute_migrant_farmworker: bool
    def __init__(self, state: _Optional[str] = ..., members: _Optional[_Iterable[_Union[HouseholdMember, _Mapping]]] = ..., incomes: _Optional[_Iterable[_Union[Income, _Mapping]]] = ..., expenses: _Optional[_Union[Expenses, _Mapping]] = ..., assets: _Optional[_Union[Assets, _Mapping]] = ..., destitute_migrant_farmworker: _Optional[bool] = ...) -> None: ...

class FieldError(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...
