import datetime

from casework.v1 import common_pb2 as _common_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class HealthCoverage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEALTH_COVERAGE_UNSPECIFIED: _ClassVar[HealthCoverage]
    HEALTH_COVERAGE_MEDICAID: _ClassVar[HealthCoverage]
    HEALTH_COVERAGE_CHIP: _ClassVar[HealthCoverage]

class CoverageGroup(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COVERAGE_GROUP_UNSPECIFIED: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_INFANT: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_CHILD: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_PREGNANT: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_PARENT_CARETAKER: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_EXPANSION_ADULT: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_NONE: _ClassVar[CoverageGroup]
    COVERAGE_GROUP_DEMONSTRATION_ADULT: _ClassVar[CoverageGroup]
HEALTH_COVERAGE_UNSPECIFIED: HealthCoverage
HEALTH_COVERAGE_MEDICAID: HealthCoverage
HEALTH_COVERAGE_CHIP: HealthCoverage
COVERAGE_GROUP_UNSPECIFIED: CoverageGroup
COVERAGE_GROUP_INFANT: CoverageGroup
COVERAGE_GROUP_CHILD: CoverageGroup
COVERAGE_GROUP_PREGNANT: CoverageGroup
COVERAGE_GROUP_PARENT_CARETAKER: CoverageGroup
COVERAGE_GROUP_EXPANSION_ADULT: CoverageGroup
COVERAGE_GROUP_NONE: CoverageGroup
COVERAGE_GROUP_DEMONSTRATION_ADULT: CoverageGroup

class HouseholdRequest(_message.Message):
    __slots__ = ("id", "household", "period", "application_date", "programs")
    ID_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_DATE_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    id: str
    household: _common_pb2.Household
    period: str
    application_date: str
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    def __init__(self, id: _Optional[str] = ..., household: _Optional[_Union[_common_pb2.Household, _Mapping]] = ..., period: _Optional[str] = ..., application_date: _Optional[str] = ..., programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ...) -> None: ...

class ExplanationStep(_message.Message):
    __slots__ = ("text", "amount_cents", "citation")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_CENTS_FIELD_NUMBER: _ClassVar[int]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    text: str
    amount_cents: int
    citation: str
    def __init__(self, text: _Optional[str] = ..., amount_cents: _Optional[int] = ..., citation: _Optional[str] = ...) -> None: ...

class MemberCoverage(_message.Message):
    __slots__ = ("member_id", "eligible", "category", "income_limit_cents", "group", "non_magi_referral", "coverage")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    INCOME_LIMIT_CENTS_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    NON_MAGI_REFERRAL_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    eligible: bool
    category: str
    income_limit_cents: int
    group: CoverageGroup
    non_magi_referral: str
    coverage: HealthCoverage
    def __init__(self, member_id: _Optional[str] = ..., eligible: _Optional[bool] = ..., category: _Optional[str] = ..., income_limit_cents: _Optional[int] = ..., group: _Optional[_Union[CoverageGroup, str]] = ..., non_magi_referral: _Optional[str] = ..., coverage: _Optional[_Union[HealthCoverage, str]] = ...) -> None: ...

class ProgramDetermination(_message.Message):
    __slots__ = ("program", "eligible", "monthly_benefit_cents", "denial_reasons", "explanation", "gross_income_cents", "net_income_cents", "members", "provisional")
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_BENEFIT_CENTS_FIELD_NUMBER: _ClassVar[int]
    DENIAL_REASONS_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    GROSS_INCOME_CENTS_FIELD_NUMBER: _ClassVar[int]
    NET_INCOME_CENTS_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    program: _common_pb2.Program
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: _containers.RepeatedScalarFieldContainer[str]
    explanation: _containers.RepeatedCompositeFieldContainer[ExplanationStep]
    gross_income_cents: int
    net_income_cents: int
    members: _containers.RepeatedCompositeFieldContainer[MemberCoverage]
    provisional: bool
    def __init__(self, program: _Optional[_Union[_common_pb2.Program, str]] = ..., eligible: _Optional[bool] = ..., monthly_benefit_cents: _Optional[int] = ..., denial_reasons: _Optional[_Iterable[str]] = ..., explanation: _Optional[_Iterable[_Union[ExplanationStep, _Mapping]]] = ..., gross_income_cents: _Optional[int] = ..., net_income_cents: _Optional[int] = ..., members: _Optional[_Iterable[_Union[MemberCoverage, _Mapping]]] = ..., provisional: _Optional[bool] = ...) -> None: ...

class ParameterUsed(_message.Message):
    __slots__ = ("name", "effective_date", "citation")
    NAME_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    name: str
    effective_date: str
    citation: str
    def __init__(self, name: _Optional[str] = ..., effective_date: _Optional[str] = ..., citation: _Optional[str] = ...) -> None: ...

class Determination(_message.Message):
    __slots__ = ("determination_id", "id", "period", "state", "programs", "parameters", "determined_at", "provisional")
    DETERMINATION_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    DETERMINED_AT_FIELD_NUMBER: _ClassVar[int]
    PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    determination_id: str
    id: str
    period: str
    state: str
    programs: _containers.RepeatedCompositeFieldContainer[ProgramDetermination]
    parameters: _containers.RepeatedCompositeFieldContainer[ParameterUsed]
    determined_at: _timestamp_pb2.Timestamp
    provisional: bool
    def __init__(self, determination_id: _Optional[str] = ..., id: _Optional[str] = ..., period: _Optional[str] = ..., state: _Optional[str] = ..., programs: _Optional[_Iterable[_Union[ProgramDetermination, _Mapping]]] = ..., parameters: _Optional[_Iterable[_Union[ParameterUsed, _Mapping]]] = ..., determined_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., provisional: _Optional[bool] = ...) -> None: ...

class DetermineEligibilityRequest(_message.Message):
    __slots__ = ("request",)
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    request: HouseholdRequest
    def __init__(self, request: _Optional[_Union[HouseholdRequest, _Mapping]] = ...) -> None: ...

class DetermineEligibilityResponse(_message.Message):
    __slots__ = ("determination",)
    DETERMINATION_FIELD_NUMBER: _ClassVar[int]
    determination: Determination
    def __init__(self, determination: _Optional[_Union[Determination, _Mapping]] = ...) -> None: ...

class DetermineEligibilityBatchRequest(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[HouseholdRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[HouseholdRequest, _Mapping]]] = ...) -> None: ...

class BatchResult(_message.Message):
    __slots__ = ("id", "determination", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    DETERMINATION_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: str
    determination: Determination
    error: _common_pb2.FieldError
    def __init__(self, id: _Optional[str] = ..., determination: _Optional[_Union[Determination, _Mapping]] = ..., error: _Optional[_Union[_common_pb2.FieldError, _Mapping]] = ...) -> None: ...

class DetermineEligibilityBatchResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[BatchResult]
    def __init__(self, results: _Optional[_Iterable[_Union[BatchResult, _Mapping]]] = ...) -> None: ...

class ScreenExpeditedRequest(_message.Message):
    __slots__ = ("household",)
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    household: _common_pb2.Household
    def __init__(self, household: _Optional[_Union[_common_pb2.Household, _Mapping]] = ...) -> None: ...

class ScreenExpeditedResponse(_message.Message):
    __slots__ = ("expedited", "criteria", "explanation")
    EXPEDITED_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    expedited: bool
    criteria: _containers.RepeatedScalarFieldContainer[str]
    explanation: _containers.RepeatedCompositeFieldContainer[ExplanationStep]
    def __init__(self, expedited: _Optional[bool] = ..., criteria: _Optional[_Iterable[str]] = ..., explanation: _Optional[_Iterable[_Union[ExplanationStep, _Mapping]]] = ...) -> None: ...

class GetDeterminationRequest(_message.Message):
    __slots__ = ("determination_id",)
    DETERMINATION_ID_FIELD_NUMBER: _ClassVar[int]
    determination_id: str
    def __init__(self, determination_id: _Optional[str] = ...) -> None: ...

class GetDeterminationResponse(_message.Message):
    __slots__ = ("determination",)
    DETERMINATION_FIELD_NUMBER: _ClassVar[int]
    determination: Determination
    def __init__(self, determination: _Optional[_Union[Determination, _Mapping]] = ...) -> None: ...
