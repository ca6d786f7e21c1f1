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

class Phase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PHASE_UNSPECIFIED: _ClassVar[Phase]
    PHASE_INTAKE: _ClassVar[Phase]
    PHASE_VERIFICATION: _ClassVar[Phase]
    PHASE_DETERMINATION: _ClassVar[Phase]
    PHASE_PLAN: _ClassVar[Phase]
    PHASE_SERVICES: _ClassVar[Phase]
    PHASE_MONITORING: _ClassVar[Phase]
    PHASE_RETENTION: _ClassVar[Phase]
    PHASE_CLOSED: _ClassVar[Phase]

class VerificationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_KIND_UNSPECIFIED: _ClassVar[VerificationKind]
    VERIFICATION_KIND_IDENTITY: _ClassVar[VerificationKind]
    VERIFICATION_KIND_INCOME: _ClassVar[VerificationKind]
    VERIFICATION_KIND_RESIDENCY: _ClassVar[VerificationKind]
    VERIFICATION_KIND_HOUSEHOLD_COMPOSITION: _ClassVar[VerificationKind]
    VERIFICATION_KIND_EXPENSES: _ClassVar[VerificationKind]
    VERIFICATION_KIND_SSN: _ClassVar[VerificationKind]
    VERIFICATION_KIND_CITIZENSHIP: _ClassVar[VerificationKind]
    VERIFICATION_KIND_DISABILITY: _ClassVar[VerificationKind]
    VERIFICATION_KIND_MEDICAL_EXPENSES: _ClassVar[VerificationKind]

class VerificationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_STATUS_UNSPECIFIED: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_REQUIRED: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_NOT_APPLICABLE: _ClassVar[VerificationStatus]
    VERIFICATION_STATUS_WAIVED: _ClassVar[VerificationStatus]

class VerificationSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_SOURCE_UNSPECIFIED: _ClassVar[VerificationSource]
    VERIFICATION_SOURCE_DOCUMENTARY: _ClassVar[VerificationSource]
    VERIFICATION_SOURCE_COLLATERAL_CONTACT: _ClassVar[VerificationSource]
    VERIFICATION_SOURCE_ELECTRONIC_MATCH: _ClassVar[VerificationSource]

class IfNotProvided(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IF_NOT_PROVIDED_UNSPECIFIED: _ClassVar[IfNotProvided]
    IF_NOT_PROVIDED_DENIAL: _ClassVar[IfNotProvided]
    IF_NOT_PROVIDED_NOT_COUNTED: _ClassVar[IfNotProvided]
    IF_NOT_PROVIDED_NO_DELAY: _ClassVar[IfNotProvided]

class VerificationAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERIFICATION_ACTION_UNSPECIFIED: _ClassVar[VerificationAction]
    VERIFICATION_ACTION_RECEIVED: _ClassVar[VerificationAction]
    VERIFICATION_ACTION_CORRECTED: _ClassVar[VerificationAction]
    VERIFICATION_ACTION_REJECTED: _ClassVar[VerificationAction]
    VERIFICATION_ACTION_NOT_PROVIDED: _ClassVar[VerificationAction]
    VERIFICATION_ACTION_REQUESTED_AGAIN: _ClassVar[VerificationAction]

class ExpenseKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXPENSE_KIND_UNSPECIFIED: _ClassVar[ExpenseKind]
    EXPENSE_KIND_RENT: _ClassVar[ExpenseKind]
    EXPENSE_KIND_PROPERTY_TAX: _ClassVar[ExpenseKind]
    EXPENSE_KIND_HOMEOWNERS_INSURANCE: _ClassVar[ExpenseKind]
    EXPENSE_KIND_DEPENDENT_CARE: _ClassVar[ExpenseKind]
    EXPENSE_KIND_CHILD_SUPPORT_PAID: _ClassVar[ExpenseKind]
    EXPENSE_KIND_MEDICAL_OUT_OF_POCKET: _ClassVar[ExpenseKind]

class ClosureReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLOSURE_REASON_UNSPECIFIED: _ClassVar[ClosureReason]
    CLOSURE_REASON_INELIGIBLE: _ClassVar[ClosureReason]
    CLOSURE_REASON_CLIENT_REQUEST: _ClassVar[ClosureReason]
    CLOSURE_REASON_FAILED_TO_RECERTIFY: _ClassVar[ClosureReason]
    CLOSURE_REASON_MOVED: _ClassVar[ClosureReason]
    CLOSURE_REASON_TIME_LIMIT: _ClassVar[ClosureReason]
    CLOSURE_REASON_FAILURE_TO_PROVIDE: _ClassVar[ClosureReason]
    CLOSURE_REASON_MISSED_INTERVIEW: _ClassVar[ClosureReason]

class NoticeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTICE_KIND_UNSPECIFIED: _ClassVar[NoticeKind]
    NOTICE_KIND_INTERVIEW_SCHEDULED: _ClassVar[NoticeKind]
    NOTICE_KIND_VERIFICATION_REQUEST: _ClassVar[NoticeKind]
    NOTICE_KIND_DECISION: _ClassVar[NoticeKind]
    NOTICE_KIND_ADVERSE_ACTION: _ClassVar[NoticeKind]
    NOTICE_KIND_CLOSURE: _ClassVar[NoticeKind]
    NOTICE_KIND_MISSED_INTERVIEW: _ClassVar[NoticeKind]
    NOTICE_KIND_HEARING: _ClassVar[NoticeKind]
    NOTICE_KIND_EXPIRATION: _ClassVar[NoticeKind]

class AppealedAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPEALED_ACTION_UNSPECIFIED: _ClassVar[AppealedAction]
    APPEALED_ACTION_DENIAL: _ClassVar[AppealedAction]
    APPEALED_ACTION_REDUCTION: _ClassVar[AppealedAction]
    APPEALED_ACTION_CLOSURE: _ClassVar[AppealedAction]
    APPEALED_ACTION_BENEFIT_AMOUNT: _ClassVar[AppealedAction]
    APPEALED_ACTION_DELAY: _ClassVar[AppealedAction]

class Requester(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REQUESTER_UNSPECIFIED: _ClassVar[Requester]
    REQUESTER_HOUSEHOLD: _ClassVar[Requester]
    REQUESTER_AUTHORIZED_REPRESENTATIVE: _ClassVar[Requester]
    REQUESTER_LEGAL_REPRESENTATIVE: _ClassVar[Requester]

class HearingOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HEARING_OUTCOME_UNSPECIFIED: _ClassVar[HearingOutcome]
    HEARING_OUTCOME_UPHELD: _ClassVar[HearingOutcome]
    HEARING_OUTCOME_REVERSED: _ClassVar[HearingOutcome]
    HEARING_OUTCOME_WITHDRAWN: _ClassVar[HearingOutcome]

class ClockStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLOCK_STATUS_UNSPECIFIED: _ClassVar[ClockStatus]
    CLOCK_STATUS_OPEN: _ClassVar[ClockStatus]
    CLOCK_STATUS_WARNING: _ClassVar[ClockStatus]
    CLOCK_STATUS_MET: _ClassVar[ClockStatus]
    CLOCK_STATUS_MET_LATE: _ClassVar[ClockStatus]
    CLOCK_STATUS_BREACHED: _ClassVar[ClockStatus]
    CLOCK_STATUS_PAUSED: _ClassVar[ClockStatus]
    CLOCK_STATUS_EXTENDED: _ClassVar[ClockStatus]
    CLOCK_STATUS_LAPSED: _ClassVar[ClockStatus]

class LineStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LINE_STATUS_UNSPECIFIED: _ClassVar[LineStatus]
    LINE_STATUS_PENDING: _ClassVar[LineStatus]
    LINE_STATUS_APPROVED: _ClassVar[LineStatus]
    LINE_STATUS_DENIED: _ClassVar[LineStatus]
    LINE_STATUS_CLOSED: _ClassVar[LineStatus]

class ApprovalKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_KIND_UNSPECIFIED: _ClassVar[ApprovalKind]
    APPROVAL_KIND_PLAN: _ClassVar[ApprovalKind]
    APPROVAL_KIND_PAYMENT: _ClassVar[ApprovalKind]
    APPROVAL_KIND_DEADLINE_EXTENSION: _ClassVar[ApprovalKind]

class ApprovalDecision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPROVAL_DECISION_UNSPECIFIED: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_APPROVE: _ClassVar[ApprovalDecision]
    APPROVAL_DECISION_RETURN: _ClassVar[ApprovalDecision]

class SlaStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SLA_STATUS_UNSPECIFIED: _ClassVar[SlaStatus]
    SLA_STATUS_ON_TIME: _ClassVar[SlaStatus]
    SLA_STATUS_WARNING: _ClassVar[SlaStatus]
    SLA_STATUS_BREACHED: _ClassVar[SlaStatus]

class CaseDimension(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CASE_DIMENSION_UNSPECIFIED: _ClassVar[CaseDimension]
    CASE_DIMENSION_PHASE: _ClassVar[CaseDimension]
    CASE_DIMENSION_PROGRAM: _ClassVar[CaseDimension]
    CASE_DIMENSION_CASEWORKER: _ClassVar[CaseDimension]
    CASE_DIMENSION_OFFICE: _ClassVar[CaseDimension]
    CASE_DIMENSION_SLA_STATUS: _ClassVar[CaseDimension]
    CASE_DIMENSION_OPEN_TASK: _ClassVar[CaseDimension]
    CASE_DIMENSION_NEXT_DUE_CODE: _ClassVar[CaseDimension]

class Timeliness(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIMELINESS_UNSPECIFIED: _ClassVar[Timeliness]
    TIMELINESS_TIMELY: _ClassVar[Timeliness]
    TIMELINESS_UNTIMELY: _ClassVar[Timeliness]
    TIMELINESS_PENDING: _ClassVar[Timeliness]

class DelayCause(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELAY_CAUSE_UNSPECIFIED: _ClassVar[DelayCause]
    DELAY_CAUSE_AGENCY: _ClassVar[DelayCause]
    DELAY_CAUSE_HOUSEHOLD: _ClassVar[DelayCause]
    DELAY_CAUSE_EXTENSION: _ClassVar[DelayCause]
PHASE_UNSPECIFIED: Phase
PHASE_INTAKE: Phase
PHASE_VERIFICATION: Phase
PHASE_DETERMINATION: Phase
PHASE_PLAN: Phase
PHASE_SERVICES: Phase
PHASE_MONITORING: Phase
PHASE_RETENTION: Phase
PHASE_CLOSED: Phase
VERIFICATION_KIND_UNSPECIFIED: VerificationKind
VERIFICATION_KIND_IDENTITY: VerificationKind
VERIFICATION_KIND_INCOME: VerificationKind
VERIFICATION_KIND_RESIDENCY: VerificationKind
VERIFICATION_KIND_HOUSEHOLD_COMPOSITION: VerificationKind
VERIFICATION_KIND_EXPENSES: VerificationKind
VERIFICATION_KIND_SSN: VerificationKind
VERIFICATION_KIND_CITIZENSHIP: VerificationKind
VERIFICATION_KIND_DISABILITY: VerificationKind
VERIFICATION_KIND_MEDICAL_EXPENSES: VerificationKind
VERIFICATION_STATUS_UNSPECIFIED: VerificationStatus
VERIFICATION_STATUS_REQUIRED: VerificationStatus
VERIFICATION_STATUS_NOT_APPLICABLE: VerificationStatus
VERIFICATION_STATUS_WAIVED: VerificationStatus
VERIFICATION_SOURCE_UNSPECIFIED: VerificationSource
VERIFICATION_SOURCE_DOCUMENTARY: VerificationSource
VERIFICATION_SOURCE_COLLATERAL_CONTACT: VerificationSource
VERIFICATION_SOURCE_ELECTRONIC_MATCH: VerificationSource
IF_NOT_PROVIDED_UNSPECIFIED: IfNotProvided
IF_NOT_PROVIDED_DENIAL: IfNotProvided
IF_NOT_PROVIDED_NOT_COUNTED: IfNotProvided
IF_NOT_PROVIDED_NO_DELAY: IfNotProvided
VERIFICATION_ACTION_UNSPECIFIED: VerificationAction
VERIFICATION_ACTION_RECEIVED: VerificationAction
VERIFICATION_ACTION_CORRECTED: VerificationAction
VERIFICATION_ACTION_REJECTED: VerificationAction
VERIFICATION_ACTION_NOT_PROVIDED: VerificationAction
VERIFICATION_ACTION_REQUESTED_AGAIN: VerificationAction
EXPENSE_KIND_UNSPECIFIED: ExpenseKind
EXPENSE_KIND_RENT: ExpenseKind
EXPENSE_KIND_PROPERTY_TAX: ExpenseKind
EXPENSE_KIND_HOMEOWNERS_INSURANCE: ExpenseKind
EXPENSE_KIND_DEPENDENT_CARE: ExpenseKind
EXPENSE_KIND_CHILD_SUPPORT_PAID: ExpenseKind
EXPENSE_KIND_MEDICAL_OUT_OF_POCKET: ExpenseKind
CLOSURE_REASON_UNSPECIFIED: ClosureReason
CLOSURE_REASON_INELIGIBLE: ClosureReason
CLOSURE_REASON_CLIENT_REQUEST: ClosureReason
CLOSURE_REASON_FAILED_TO_RECERTIFY: ClosureReason
CLOSURE_REASON_MOVED: ClosureReason
CLOSURE_REASON_TIME_LIMIT: ClosureReason
CLOSURE_REASON_FAILURE_TO_PROVIDE: ClosureReason
CLOSURE_REASON_MISSED_INTERVIEW: ClosureReason
NOTICE_KIND_UNSPECIFIED: NoticeKind
NOTICE_KIND_INTERVIEW_SCHEDULED: NoticeKind
NOTICE_KIND_VERIFICATION_REQUEST: NoticeKind
NOTICE_KIND_DECISION: NoticeKind
NOTICE_KIND_ADVERSE_ACTION: NoticeKind
NOTICE_KIND_CLOSURE: NoticeKind
NOTICE_KIND_MISSED_INTERVIEW: NoticeKind
NOTICE_KIND_HEARING: NoticeKind
NOTICE_KIND_EXPIRATION: NoticeKind
APPEALED_ACTION_UNSPECIFIED: AppealedAction
APPEALED_ACTION_DENIAL: AppealedAction
APPEALED_ACTION_REDUCTION: AppealedAction
APPEALED_ACTION_CLOSURE: AppealedAction
APPEALED_ACTION_BENEFIT_AMOUNT: AppealedAction
APPEALED_ACTION_DELAY: AppealedAction
REQUESTER_UNSPECIFIED: Requester
REQUESTER_HOUSEHOLD: Requester
REQUESTER_AUTHORIZED_REPRESENTATIVE: Requester
REQUESTER_LEGAL_REPRESENTATIVE: Requester
HEARING_OUTCOME_UNSPECIFIED: HearingOutcome
HEARING_OUTCOME_UPHELD: HearingOutcome
HEARING_OUTCOME_REVERSED: HearingOutcome
HEARING_OUTCOME_WITHDRAWN: HearingOutcome
CLOCK_STATUS_UNSPECIFIED: ClockStatus
CLOCK_STATUS_OPEN: ClockStatus
CLOCK_STATUS_WARNING: ClockStatus
CLOCK_STATUS_MET: ClockStatus
CLOCK_STATUS_MET_LATE: ClockStatus
CLOCK_STATUS_BREACHED: ClockStatus
CLOCK_STATUS_PAUSED: ClockStatus
CLOCK_STATUS_EXTENDED: ClockStatus
CLOCK_STATUS_LAPSED: ClockStatus
LINE_STATUS_UNSPECIFIED: LineStatus
LINE_STATUS_PENDING: LineStatus
LINE_STATUS_APPROVED: LineStatus
LINE_STATUS_DENIED: LineStatus
LINE_STATUS_CLOSED: LineStatus
APPROVAL_KIND_UNSPECIFIED: ApprovalKind
APPROVAL_KIND_PLAN: ApprovalKind
APPROVAL_KIND_PAYMENT: ApprovalKind
APPROVAL_KIND_DEADLINE_EXTENSION: ApprovalKind
APPROVAL_DECISION_UNSPECIFIED: ApprovalDecision
APPROVAL_DECISION_APPROVE: ApprovalDecision
APPROVAL_DECISION_RETURN: ApprovalDecision
SLA_STATUS_UNSPECIFIED: SlaStatus
SLA_STATUS_ON_TIME: SlaStatus
SLA_STATUS_WARNING: SlaStatus
SLA_STATUS_BREACHED: SlaStatus
CASE_DIMENSION_UNSPECIFIED: CaseDimension
CASE_DIMENSION_PHASE: CaseDimension
CASE_DIMENSION_PROGRAM: CaseDimension
CASE_DIMENSION_CASEWORKER: CaseDimension
CASE_DIMENSION_OFFICE: CaseDimension
CASE_DIMENSION_SLA_STATUS: CaseDimension
CASE_DIMENSION_OPEN_TASK: CaseDimension
CASE_DIMENSION_NEXT_DUE_CODE: CaseDimension
TIMELINESS_UNSPECIFIED: Timeliness
TIMELINESS_TIMELY: Timeliness
TIMELINESS_UNTIMELY: Timeliness
TIMELINESS_PENDING: Timeliness
DELAY_CAUSE_UNSPECIFIED: DelayCause
DELAY_CAUSE_AGENCY: DelayCause
DELAY_CAUSE_HOUSEHOLD: DelayCause
DELAY_CAUSE_EXTENSION: DelayCause

class Address(_message.Message):
    __slots__ = ("line1", "line2", "city", "county", "zip")
    LINE1_FIELD_NUMBER: _ClassVar[int]
    LINE2_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    COUNTY_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    line1: str
    line2: str
    city: str
    county: str
    zip: str
    def __init__(self, line1: _Optional[str] = ..., line2: _Optional[str] = ..., city: _Optional[str] = ..., county: _Optional[str] = ..., zip: _Optional[str] = ...) -> None: ...

class Person(_message.Message):
    __slots__ = ("id", "given_name", "family_name", "birth_date", "relationship", "disabled", "student", "pregnant", "non_citizen", "ssn")
    ID_FIELD_NUMBER: _ClassVar[int]
    GIVEN_NAME_FIELD_NUMBER: _ClassVar[int]
    FAMILY_NAME_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIP_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    STUDENT_FIELD_NUMBER: _ClassVar[int]
    PREGNANT_FIELD_NUMBER: _ClassVar[int]
    NON_CITIZEN_FIELD_NUMBER: _ClassVar[int]
    SSN_FIELD_NUMBER: _ClassVar[int]
    id: str
    given_name: str
    family_name: str
    birth_date: str
    relationship: _common_pb2.Relationship
    disabled: bool
    student: bool
    pregnant: bool
    non_citizen: bool
    ssn: str
    def __init__(self, id: _Optional[str] = ..., given_name: _Optional[str] = ..., family_name: _Optional[str] = ..., birth_date: _Optional[str] = ..., relationship: _Optional[_Union[_common_pb2.Relationship, str]] = ..., disabled: _Optional[bool] = ..., student: _Optional[bool] = ..., pregnant: _Optional[bool] = ..., non_citizen: _Optional[bool] = ..., ssn: _Optional[str] = ...) -> None: ...

class Application(_message.Message):
    __slots__ = ("programs", "state", "address", "filing_date", "people", "incomes", "expenses", "assets", "destitute_migrant_farmworker", "contact")
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    FILING_DATE_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    INCOMES_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    DESTITUTE_MIGRANT_FARMWORKER_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    state: str
    address: Address
    filing_date: str
    people: _containers.RepeatedCompositeFieldContainer[Person]
    incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    expenses: _common_pb2.Expenses
    assets: _common_pb2.Assets
    destitute_migrant_farmworker: bool
    contact: Contact
    def __init__(self, programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ..., state: _Optional[str] = ..., address: _Optional[_Union[Address, _Mapping]] = ..., filing_date: _Optional[str] = ..., people: _Optional[_Iterable[_Union[Person, _Mapping]]] = ..., incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., expenses: _Optional[_Union[_common_pb2.Expenses, _Mapping]] = ..., assets: _Optional[_Union[_common_pb2.Assets, _Mapping]] = ..., destitute_migrant_farmworker: _Optional[bool] = ..., contact: _Optional[_Union[Contact, _Mapping]] = ...) -> None: ...

class Contact(_message.Message):
    __slots__ = ("phone", "email")
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    phone: str
    email: str
    def __init__(self, phone: _Optional[str] = ..., email: _Optional[str] = ...) -> None: ...

class VerificationItem(_message.Message):
    __slots__ = ("kind", "due_date", "received", "source", "received_date", "verifier_id", "status", "reason", "sources", "if_not_provided", "member_ids", "evidence", "last_action", "note", "verified_incomes", "verified_expenses", "records", "history")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    IF_NOT_PROVIDED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_IDS_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_INCOMES_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_EXPENSES_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    kind: VerificationKind
    due_date: str
    received: bool
    source: str
    received_date: str
    verifier_id: str
    status: VerificationStatus
    reason: str
    sources: _containers.RepeatedScalarFieldContainer[VerificationSource]
    if_not_provided: IfNotProvided
    member_ids: _containers.RepeatedScalarFieldContainer[str]
    evidence: VerificationSource
    last_action: VerificationAction
    note: str
    verified_incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    verified_expenses: _containers.RepeatedCompositeFieldContainer[VerifiedExpense]
    records: int
    history: _containers.RepeatedCompositeFieldContainer[VerificationEntry]
    def __init__(self, kind: _Optional[_Union[VerificationKind, str]] = ..., due_date: _Optional[str] = ..., received: _Optional[bool] = ..., source: _Optional[str] = ..., received_date: _Optional[str] = ..., verifier_id: _Optional[str] = ..., status: _Optional[_Union[VerificationStatus, str]] = ..., reason: _Optional[str] = ..., sources: _Optional[_Iterable[_Union[VerificationSource, str]]] = ..., if_not_provided: _Optional[_Union[IfNotProvided, str]] = ..., member_ids: _Optional[_Iterable[str]] = ..., evidence: _Optional[_Union[VerificationSource, str]] = ..., last_action: _Optional[_Union[VerificationAction, str]] = ..., note: _Optional[str] = ..., verified_incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., verified_expenses: _Optional[_Iterable[_Union[VerifiedExpense, _Mapping]]] = ..., records: _Optional[int] = ..., history: _Optional[_Iterable[_Union[VerificationEntry, _Mapping]]] = ...) -> None: ...

class VerifiedExpense(_message.Message):
    __slots__ = ("kind", "monthly_cents")
    KIND_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_CENTS_FIELD_NUMBER: _ClassVar[int]
    kind: ExpenseKind
    monthly_cents: int
    def __init__(self, kind: _Optional[_Union[ExpenseKind, str]] = ..., monthly_cents: _Optional[int] = ...) -> None: ...

class VerificationEntry(_message.Message):
    __slots__ = ("action", "source", "evidence", "received_date", "verifier_id", "reason", "verified_incomes", "verified_expenses", "due_date", "recorded_at")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_INCOMES_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_EXPENSES_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    action: VerificationAction
    source: str
    evidence: VerificationSource
    received_date: str
    verifier_id: str
    reason: str
    verified_incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    verified_expenses: _containers.RepeatedCompositeFieldContainer[VerifiedExpense]
    due_date: str
    recorded_at: _timestamp_pb2.Timestamp
    def __init__(self, action: _Optional[_Union[VerificationAction, str]] = ..., source: _Optional[str] = ..., evidence: _Optional[_Union[VerificationSource, str]] = ..., received_date: _Optional[str] = ..., verifier_id: _Optional[str] = ..., reason: _Optional[str] = ..., verified_incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., verified_expenses: _Optional[_Iterable[_Union[VerifiedExpense, _Mapping]]] = ..., due_date: _Optional[str] = ..., recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ProgramDecision(_message.Message):
    __slots__ = ("program", "eligible", "monthly_benefit_cents", "denial_reasons", "determination_id", "period")
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_BENEFIT_CENTS_FIELD_NUMBER: _ClassVar[int]
    DENIAL_REASONS_FIELD_NUMBER: _ClassVar[int]
    DETERMINATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    program: _common_pb2.Program
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: _containers.RepeatedScalarFieldContainer[str]
    determination_id: str
    period: str
    def __init__(self, program: _Optional[_Union[_common_pb2.Program, str]] = ..., eligible: _Optional[bool] = ..., monthly_benefit_cents: _Optional[int] = ..., denial_reasons: _Optional[_Iterable[str]] = ..., determination_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class Deadline(_message.Message):
    __slots__ = ("code", "due_date", "citation", "met", "start_date", "warning_date", "met_on", "status", "program", "ref", "original_due_date", "extended_by", "extension_reason", "paused_on")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    CITATION_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    WARNING_DATE_FIELD_NUMBER: _ClassVar[int]
    MET_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_BY_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_REASON_FIELD_NUMBER: _ClassVar[int]
    PAUSED_ON_FIELD_NUMBER: _ClassVar[int]
    code: str
    due_date: str
    citation: str
    met: bool
    start_date: str
    warning_date: str
    met_on: str
    status: ClockStatus
    program: _common_pb2.Program
    ref: str
    original_due_date: str
    extended_by: str
    extension_reason: str
    paused_on: str
    def __init__(self, code: _Optional[str] = ..., due_date: _Optional[str] = ..., citation: _Optional[str] = ..., met: _Optional[bool] = ..., start_date: _Optional[str] = ..., warning_date: _Optional[str] = ..., met_on: _Optional[str] = ..., status: _Optional[_Union[ClockStatus, str]] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., ref: _Optional[str] = ..., original_due_date: _Optional[str] = ..., extended_by: _Optional[str] = ..., extension_reason: _Optional[str] = ..., paused_on: _Optional[str] = ...) -> None: ...

class Approval(_message.Message):
    __slots__ = ("approval_id", "kind", "requested_by", "requested_on", "summary", "amount_cents", "code", "new_due_date", "reason", "decision", "decided_by", "decided_on", "decision_reason", "program", "period")
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_CENTS_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    DECISION_REASON_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    approval_id: str
    kind: ApprovalKind
    requested_by: str
    requested_on: str
    summary: str
    amount_cents: int
    code: str
    new_due_date: str
    reason: str
    decision: str
    decided_by: str
    decided_on: str
    decision_reason: str
    program: _common_pb2.Program
    period: str
    def __init__(self, approval_id: _Optional[str] = ..., kind: _Optional[_Union[ApprovalKind, str]] = ..., requested_by: _Optional[str] = ..., requested_on: _Optional[str] = ..., summary: _Optional[str] = ..., amount_cents: _Optional[int] = ..., code: _Optional[str] = ..., new_due_date: _Optional[str] = ..., reason: _Optional[str] = ..., decision: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_on: _Optional[str] = ..., decision_reason: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., period: _Optional[str] = ...) -> None: ...

class ProgramLine(_message.Message):
    __slots__ = ("program", "status", "period_end", "decided_on", "closure_reason", "closed_on")
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_REASON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    program: _common_pb2.Program
    status: LineStatus
    period_end: str
    decided_on: str
    closure_reason: ClosureReason
    closed_on: str
    def __init__(self, program: _Optional[_Union[_common_pb2.Program, str]] = ..., status: _Optional[_Union[LineStatus, str]] = ..., period_end: _Optional[str] = ..., decided_on: _Optional[str] = ..., closure_reason: _Optional[_Union[ClosureReason, str]] = ..., closed_on: _Optional[str] = ...) -> None: ...

class Hearing(_message.Message):
    __slots__ = ("hearing_id", "program", "requested_date", "action_appealed", "requested_by", "continued_benefits", "decide_by", "outcome", "decision_date", "act_by")
    HEARING_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_DATE_FIELD_NUMBER: _ClassVar[int]
    ACTION_APPEALED_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    CONTINUED_BENEFITS_FIELD_NUMBER: _ClassVar[int]
    DECIDE_BY_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DECISION_DATE_FIELD_NUMBER: _ClassVar[int]
    ACT_BY_FIELD_NUMBER: _ClassVar[int]
    hearing_id: str
    program: _common_pb2.Program
    requested_date: str
    action_appealed: AppealedAction
    requested_by: Requester
    continued_benefits: bool
    decide_by: str
    outcome: HearingOutcome
    decision_date: str
    act_by: str
    def __init__(self, hearing_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., requested_date: _Optional[str] = ..., action_appealed: _Optional[_Union[AppealedAction, str]] = ..., requested_by: _Optional[_Union[Requester, str]] = ..., continued_benefits: _Optional[bool] = ..., decide_by: _Optional[str] = ..., outcome: _Optional[_Union[HearingOutcome, str]] = ..., decision_date: _Optional[str] = ..., act_by: _Optional[str] = ...) -> None: ...

class PhaseChange(_message.Message):
    __slots__ = ("phase", "at")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    phase: Phase
    at: _timestamp_pb2.Timestamp
    def __init__(self, phase: _Optional[_Union[Phase, str]] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CaseState(_message.Message):
    __slots__ = ("case_id", "phase", "programs", "state", "filing_date", "caseworker_id", "office_id", "expedited", "interview_date", "interviewed", "verifications", "decisions", "certification_end_date", "needs", "plan_approved", "referral_ids", "payment_authorization_ids", "open_tasks", "deadlines", "closure_reason", "closed_date", "retention_end_date", "history", "lines", "hearings", "verifications_not_required", "approvals")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    FILING_DATE_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    EXPEDITED_FIELD_NUMBER: _ClassVar[int]
    INTERVIEW_DATE_FIELD_NUMBER: _ClassVar[int]
    INTERVIEWED_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATION_END_DATE_FIELD_NUMBER: _ClassVar[int]
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    PLAN_APPROVED_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_IDS_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_AUTHORIZATION_IDS_FIELD_NUMBER: _ClassVar[int]
    OPEN_TASKS_FIELD_NUMBER: _ClassVar[int]
    DEADLINES_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_REASON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_DATE_FIELD_NUMBER: _ClassVar[int]
    RETENTION_END_DATE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    HEARINGS_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONS_NOT_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    APPROVALS_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    phase: Phase
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    state: str
    filing_date: str
    caseworker_id: str
    office_id: str
    expedited: bool
    interview_date: str
    interviewed: bool
    verifications: _containers.RepeatedCompositeFieldContainer[VerificationItem]
    decisions: _containers.RepeatedCompositeFieldContainer[ProgramDecision]
    certification_end_date: str
    needs: _containers.RepeatedScalarFieldContainer[_common_pb2.Need]
    plan_approved: bool
    referral_ids: _containers.RepeatedScalarFieldContainer[str]
    payment_authorization_ids: _containers.RepeatedScalarFieldContainer[str]
    open_tasks: _containers.RepeatedScalarFieldContainer[str]
    deadlines: _containers.RepeatedCompositeFieldContainer[Deadline]
    closure_reason: ClosureReason
    closed_date: str
    retention_end_date: str
    history: _containers.RepeatedCompositeFieldContainer[PhaseChange]
    lines: _containers.RepeatedCompositeFieldContainer[ProgramLine]
    hearings: _containers.RepeatedCompositeFieldContainer[Hearing]
    verifications_not_required: _containers.RepeatedCompositeFieldContainer[VerificationItem]
    approvals: _containers.RepeatedCompositeFieldContainer[Approval]
    def __init__(self, case_id: _Optional[str] = ..., phase: _Optional[_Union[Phase, str]] = ..., programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ..., state: _Optional[str] = ..., filing_date: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ..., expedited: _Optional[bool] = ..., interview_date: _Optional[str] = ..., interviewed: _Optional[bool] = ..., verifications: _Optional[_Iterable[_Union[VerificationItem, _Mapping]]] = ..., decisions: _Optional[_Iterable[_Union[ProgramDecision, _Mapping]]] = ..., certification_end_date: _Optional[str] = ..., needs: _Optional[_Iterable[_Union[_common_pb2.Need, str]]] = ..., plan_approved: _Optional[bool] = ..., referral_ids: _Optional[_Iterable[str]] = ..., payment_authorization_ids: _Optional[_Iterable[str]] = ..., open_tasks: _Optional[_Iterable[str]] = ..., deadlines: _Optional[_Iterable[_Union[Deadline, _Mapping]]] = ..., closure_reason: _Optional[_Union[ClosureReason, str]] = ..., closed_date: _Optional[str] = ..., retention_end_date: _Optional[str] = ..., history: _Optional[_Iterable[_Union[PhaseChange, _Mapping]]] = ..., lines: _Optional[_Iterable[_Union[ProgramLine, _Mapping]]] = ..., hearings: _Optional[_Iterable[_Union[Hearing, _Mapping]]] = ..., verifications_not_required: _Optional[_Iterable[_Union[VerificationItem, _Mapping]]] = ..., approvals: _Optional[_Iterable[_Union[Approval, _Mapping]]] = ...) -> None: ...

class Notice(_message.Message):
    __slots__ = ("notice_id", "kind", "text", "issued_at", "mailed_date")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ISSUED_AT_FIELD_NUMBER: _ClassVar[int]
    MAILED_DATE_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    kind: NoticeKind
    text: str
    issued_at: _timestamp_pb2.Timestamp
    mailed_date: str
    def __init__(self, notice_id: _Optional[str] = ..., kind: _Optional[_Union[NoticeKind, str]] = ..., text: _Optional[str] = ..., issued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mailed_date: _Optional[str] = ...) -> None: ...

class CaseEvent(_message.Message):
    __slots__ = ("kind", "detail", "at")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    detail: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, kind: _Optional[str] = ..., detail: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Case(_message.Message):
    __slots__ = ("case_id", "state", "household_size", "county", "submitted_at", "verifications", "notices", "events", "recorded_phase", "state_from_record", "state_recorded_at", "waiting_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_SIZE_FIELD_NUMBER: _ClassVar[int]
    COUNTY_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    VERIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_PHASE_FIELD_NUMBER: _ClassVar[int]
    STATE_FROM_RECORD_FIELD_NUMBER: _ClassVar[int]
    STATE_RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    WAITING_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    state: CaseState
    household_size: int
    county: str
    submitted_at: _timestamp_pb2.Timestamp
    verifications: _containers.RepeatedCompositeFieldContainer[VerificationItem]
    notices: _containers.RepeatedCompositeFieldContainer[Notice]
    events: _containers.RepeatedCompositeFieldContainer[CaseEvent]
    recorded_phase: Phase
    state_from_record: bool
    state_recorded_at: _timestamp_pb2.Timestamp
    waiting_on: _containers.RepeatedCompositeFieldContainer[WaitingOn]
    def __init__(self, case_id: _Optional[str] = ..., state: _Optional[_Union[CaseState, _Mapping]] = ..., household_size: _Optional[int] = ..., county: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., verifications: _Optional[_Iterable[_Union[VerificationItem, _Mapping]]] = ..., notices: _Optional[_Iterable[_Union[Notice, _Mapping]]] = ..., events: _Optional[_Iterable[_Union[CaseEvent, _Mapping]]] = ..., recorded_phase: _Optional[_Union[Phase, str]] = ..., state_from_record: _Optional[bool] = ..., state_recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., waiting_on: _Optional[_Iterable[_Union[WaitingOn, _Mapping]]] = ...) -> None: ...

class WaitingOn(_message.Message):
    __slots__ = ("step", "service", "attempt", "failure", "next_attempt_at")
    STEP_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_AT_FIELD_NUMBER: _ClassVar[int]
    step: str
    service: str
    attempt: int
    failure: str
    next_attempt_at: _timestamp_pb2.Timestamp
    def __init__(self, step: _Optional[str] = ..., service: _Optional[str] = ..., attempt: _Optional[int] = ..., failure: _Optional[str] = ..., next_attempt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SubmitApplicationRequest(_message.Message):
    __slots__ = ("submission_id", "application")
    SUBMISSION_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    submission_id: str
    application: Application
    def __init__(self, submission_id: _Optional[str] = ..., application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class SubmitApplicationResponse(_message.Message):
    __slots__ = ("case_id", "replayed")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    replayed: bool
    def __init__(self, case_id: _Optional[str] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetCaseRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class GetCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: Case
    def __init__(self, case: _Optional[_Union[Case, _Mapping]] = ...) -> None: ...

class GetCaseRecordRequest(_message.Message):
    __slots__ = ("case_id", "actions", "since", "page_size", "page_token")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    actions: _containers.RepeatedScalarFieldContainer[str]
    since: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    def __init__(self, case_id: _Optional[str] = ..., actions: _Optional[_Iterable[str]] = ..., since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetCaseRecordResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[CaseRecordEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[CaseRecordEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CaseRecordEntry(_message.Message):
    __slots__ = ("at", "actor", "action", "summary", "programs", "source", "detail")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    actor: str
    action: str
    summary: str
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    source: str
    detail: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., summary: _Optional[str] = ..., programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ..., source: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class RecordInterviewRequest(_message.Message):
    __slots__ = ("case_id", "caseworker_id", "interview_date")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    INTERVIEW_DATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    caseworker_id: str
    interview_date: str
    def __init__(self, case_id: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., interview_date: _Optional[str] = ...) -> None: ...

class RecordInterviewResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class RescheduleInterviewRequest(_message.Message):
    __slots__ = ("case_id", "interview_date", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    INTERVIEW_DATE_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    interview_date: str
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., interview_date: _Optional[str] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class RescheduleInterviewResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class SubmitVerificationRequest(_message.Message):
    __slots__ = ("case_id", "kind", "source", "received_date", "verifier_id", "action", "reason", "evidence", "verified_incomes", "verified_expenses")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    VERIFIER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_INCOMES_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_EXPENSES_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    kind: VerificationKind
    source: str
    received_date: str
    verifier_id: str
    action: VerificationAction
    reason: str
    evidence: VerificationSource
    verified_incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    verified_expenses: _containers.RepeatedCompositeFieldContainer[VerifiedExpense]
    def __init__(self, case_id: _Optional[str] = ..., kind: _Optional[_Union[VerificationKind, str]] = ..., source: _Optional[str] = ..., received_date: _Optional[str] = ..., verifier_id: _Optional[str] = ..., action: _Optional[_Union[VerificationAction, str]] = ..., reason: _Optional[str] = ..., evidence: _Optional[_Union[VerificationSource, str]] = ..., verified_incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., verified_expenses: _Optional[_Iterable[_Union[VerifiedExpense, _Mapping]]] = ...) -> None: ...

class SubmitVerificationResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class PlanActivity(_message.Message):
    __slots__ = ("description", "need", "target_date")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    NEED_FIELD_NUMBER: _ClassVar[int]
    TARGET_DATE_FIELD_NUMBER: _ClassVar[int]
    description: str
    need: _common_pb2.Need
    target_date: str
    def __init__(self, description: _Optional[str] = ..., need: _Optional[_Union[_common_pb2.Need, str]] = ..., target_date: _Optional[str] = ...) -> None: ...

class RecordAssessmentRequest(_message.Message):
    __slots__ = ("case_id", "caseworker_id", "strengths", "needs", "goals", "activities")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    STRENGTHS_FIELD_NUMBER: _ClassVar[int]
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    GOALS_FIELD_NUMBER: _ClassVar[int]
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    caseworker_id: str
    strengths: _containers.RepeatedScalarFieldContainer[str]
    needs: _containers.RepeatedScalarFieldContainer[_common_pb2.Need]
    goals: _containers.RepeatedScalarFieldContainer[str]
    activities: _containers.RepeatedCompositeFieldContainer[PlanActivity]
    def __init__(self, case_id: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., strengths: _Optional[_Iterable[str]] = ..., needs: _Optional[_Iterable[_Union[_common_pb2.Need, str]]] = ..., goals: _Optional[_Iterable[str]] = ..., activities: _Optional[_Iterable[_Union[PlanActivity, _Mapping]]] = ...) -> None: ...

class RecordAssessmentResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class ApprovePlanRequest(_message.Message):
    __slots__ = ("case_id", "supervisor_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    supervisor_id: str
    def __init__(self, case_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ...) -> None: ...

class ApprovePlanResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class ReportChangeRequest(_message.Message):
    __slots__ = ("case_id", "reported_date", "incomes", "expenses", "changes", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REPORTED_DATE_FIELD_NUMBER: _ClassVar[int]
    INCOMES_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    reported_date: str
    incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    expenses: _common_pb2.Expenses
    changes: _containers.RepeatedCompositeFieldContainer[HouseholdChange]
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., reported_date: _Optional[str] = ..., incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., expenses: _Optional[_Union[_common_pb2.Expenses, _Mapping]] = ..., changes: _Optional[_Iterable[_Union[HouseholdChange, _Mapping]]] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class ReportChangeResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class HouseholdChange(_message.Message):
    __slots__ = ("change_date", "add_member", "remove_member", "move", "income", "expenses", "assets")
    CHANGE_DATE_FIELD_NUMBER: _ClassVar[int]
    ADD_MEMBER_FIELD_NUMBER: _ClassVar[int]
    REMOVE_MEMBER_FIELD_NUMBER: _ClassVar[int]
    MOVE_FIELD_NUMBER: _ClassVar[int]
    INCOME_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    ASSETS_FIELD_NUMBER: _ClassVar[int]
    change_date: str
    add_member: Person
    remove_member: MemberRemoval
    move: Address
    income: _common_pb2.Income
    expenses: ExpenseChange
    assets: _common_pb2.Assets
    def __init__(self, change_date: _Optional[str] = ..., add_member: _Optional[_Union[Person, _Mapping]] = ..., remove_member: _Optional[_Union[MemberRemoval, _Mapping]] = ..., move: _Optional[_Union[Address, _Mapping]] = ..., income: _Optional[_Union[_common_pb2.Income, _Mapping]] = ..., expenses: _Optional[_Union[ExpenseChange, _Mapping]] = ..., assets: _Optional[_Union[_common_pb2.Assets, _Mapping]] = ...) -> None: ...

class MemberRemoval(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class ExpenseChange(_message.Message):
    __slots__ = ("rent_cents", "property_tax_cents", "homeowners_insurance_cents", "utilities", "dependent_care_cents", "child_support_paid_cents", "medical_out_of_pocket_cents", "homeless")
    RENT_CENTS_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_TAX_CENTS_FIELD_NUMBER: _ClassVar[int]
    HOMEOWNERS_INSURANCE_CENTS_FIELD_NUMBER: _ClassVar[int]
    UTILITIES_FIELD_NUMBER: _ClassVar[int]
    DEPENDENT_CARE_CENTS_FIELD_NUMBER: _ClassVar[int]
    CHILD_SUPPORT_PAID_CENTS_FIELD_NUMBER: _ClassVar[int]
    MEDICAL_OUT_OF_POCKET_CENTS_FIELD_NUMBER: _ClassVar[int]
    HOMELESS_FIELD_NUMBER: _ClassVar[int]
    rent_cents: int
    property_tax_cents: int
    homeowners_insurance_cents: int
    utilities: _common_pb2.UtilityAllowance
    dependent_care_cents: int
    child_support_paid_cents: int
    medical_out_of_pocket_cents: int
    homeless: bool
    def __init__(self, rent_cents: _Optional[int] = ..., property_tax_cents: _Optional[int] = ..., homeowners_insurance_cents: _Optional[int] = ..., utilities: _Optional[_Union[_common_pb2.UtilityAllowance, str]] = ..., dependent_care_cents: _Optional[int] = ..., child_support_paid_cents: _Optional[int] = ..., medical_out_of_pocket_cents: _Optional[int] = ..., homeless: _Optional[bool] = ...) -> None: ...

class RecordEmploymentRequest(_message.Message):
    __slots__ = ("case_id", "member_id", "start_date", "monthly_wages_cents", "hours_per_week", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_WAGES_CENTS_FIELD_NUMBER: _ClassVar[int]
    HOURS_PER_WEEK_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    member_id: str
    start_date: str
    monthly_wages_cents: int
    hours_per_week: int
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., member_id: _Optional[str] = ..., start_date: _Optional[str] = ..., monthly_wages_cents: _Optional[int] = ..., hours_per_week: _Optional[int] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class RecordEmploymentResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class CloseCaseRequest(_message.Message):
    __slots__ = ("case_id", "reason", "caseworker_id", "program")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    reason: ClosureReason
    caseworker_id: str
    program: _common_pb2.Program
    def __init__(self, case_id: _Optional[str] = ..., reason: _Optional[_Union[ClosureReason, str]] = ..., caseworker_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ...) -> None: ...

class CloseCaseResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class RequestFairHearingRequest(_message.Message):
    __slots__ = ("case_id", "program", "requested_date", "action_appealed", "requested_by", "recorded_by")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_DATE_FIELD_NUMBER: _ClassVar[int]
    ACTION_APPEALED_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    program: _common_pb2.Program
    requested_date: str
    action_appealed: AppealedAction
    requested_by: Requester
    recorded_by: str
    def __init__(self, case_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., requested_date: _Optional[str] = ..., action_appealed: _Optional[_Union[AppealedAction, str]] = ..., requested_by: _Optional[_Union[Requester, str]] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class RequestFairHearingResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class RecordHearingDecisionRequest(_message.Message):
    __slots__ = ("case_id", "hearing_id", "decision_date", "outcome", "hearing_officer_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    HEARING_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_DATE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    HEARING_OFFICER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    hearing_id: str
    decision_date: str
    outcome: HearingOutcome
    hearing_officer_id: str
    def __init__(self, case_id: _Optional[str] = ..., hearing_id: _Optional[str] = ..., decision_date: _Optional[str] = ..., outcome: _Optional[_Union[HearingOutcome, str]] = ..., hearing_officer_id: _Optional[str] = ...) -> None: ...

class RecordHearingDecisionResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class ExtendDeadlineRequest(_message.Message):
    __slots__ = ("case_id", "code", "new_due_date", "reason", "supervisor_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    code: str
    new_due_date: str
    reason: str
    supervisor_id: str
    def __init__(self, case_id: _Optional[str] = ..., code: _Optional[str] = ..., new_due_date: _Optional[str] = ..., reason: _Optional[str] = ..., supervisor_id: _Optional[str] = ...) -> None: ...

class ExtendDeadlineResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class SubmitRenewalRequest(_message.Message):
    __slots__ = ("case_id", "program", "received_date", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    program: _common_pb2.Program
    received_date: str
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., received_date: _Optional[str] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class SubmitRenewalResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class ReassignCaseRequest(_message.Message):
    __slots__ = ("case_id", "caseworker_id", "supervisor_id", "reason")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    caseworker_id: str
    supervisor_id: str
    reason: str
    def __init__(self, case_id: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., supervisor_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReassignCaseResponse(_message.Message):
    __slots__ = ("state",)
    STATE_FIELD_NUMBER: _ClassVar[int]
    state: CaseState
    def __init__(self, state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class RequestDeadlineExtensionRequest(_message.Message):
    __slots__ = ("case_id", "code", "new_due_date", "reason", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NEW_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    code: str
    new_due_date: str
    reason: str
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., code: _Optional[str] = ..., new_due_date: _Optional[str] = ..., reason: _Optional[str] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class RequestDeadlineExtensionResponse(_message.Message):
    __slots__ = ("approval", "state")
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    approval: Approval
    state: CaseState
    def __init__(self, approval: _Optional[_Union[Approval, _Mapping]] = ..., state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class DecideApprovalRequest(_message.Message):
    __slots__ = ("case_id", "approval_id", "decision", "supervisor_id", "reason")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    SUPERVISOR_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    approval_id: str
    decision: ApprovalDecision
    supervisor_id: str
    reason: str
    def __init__(self, case_id: _Optional[str] = ..., approval_id: _Optional[str] = ..., decision: _Optional[_Union[ApprovalDecision, str]] = ..., supervisor_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DecideApprovalResponse(_message.Message):
    __slots__ = ("approval", "state")
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    approval: Approval
    state: CaseState
    def __init__(self, approval: _Optional[_Union[Approval, _Mapping]] = ..., state: _Optional[_Union[CaseState, _Mapping]] = ...) -> None: ...

class CaseFilter(_message.Message):
    __slots__ = ("phase", "program", "caseworker_id", "office_id", "sla_status", "due_within_days", "open_task")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    SLA_STATUS_FIELD_NUMBER: _ClassVar[int]
    DUE_WITHIN_DAYS_FIELD_NUMBER: _ClassVar[int]
    OPEN_TASK_FIELD_NUMBER: _ClassVar[int]
    phase: Phase
    program: _common_pb2.Program
    caseworker_id: str
    office_id: str
    sla_status: SlaStatus
    due_within_days: int
    open_task: str
    def __init__(self, phase: _Optional[_Union[Phase, str]] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ..., sla_status: _Optional[_Union[SlaStatus, str]] = ..., due_within_days: _Optional[int] = ..., open_task: _Optional[str] = ...) -> None: ...

class ListCasesRequest(_message.Message):
    __slots__ = ("filter", "page_size", "page_token")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    filter: CaseFilter
    page_size: int
    page_token: str
    def __init__(self, filter: _Optional[_Union[CaseFilter, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCasesResponse(_message.Message):
    __slots__ = ("cases", "next_page_token")
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[CaseSummary]
    next_page_token: str
    def __init__(self, cases: _Optional[_Iterable[_Union[CaseSummary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CaseSummary(_message.Message):
    __slots__ = ("case_id", "phase", "programs", "state", "caseworker_id", "office_id", "sla_status", "next_due_date", "next_due_code", "open_tasks", "pending_approvals", "filing_date", "updated_at")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    SLA_STATUS_FIELD_NUMBER: _ClassVar[int]
    NEXT_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_DUE_CODE_FIELD_NUMBER: _ClassVar[int]
    OPEN_TASKS_FIELD_NUMBER: _ClassVar[int]
    PENDING_APPROVALS_FIELD_NUMBER: _ClassVar[int]
    FILING_DATE_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    phase: Phase
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    state: str
    caseworker_id: str
    office_id: str
    sla_status: SlaStatus
    next_due_date: str
    next_due_code: str
    open_tasks: _containers.RepeatedScalarFieldContainer[str]
    pending_approvals: _containers.RepeatedScalarFieldContainer[ApprovalKind]
    filing_date: str
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, case_id: _Optional[str] = ..., phase: _Optional[_Union[Phase, str]] = ..., programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ..., state: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ..., sla_status: _Optional[_Union[SlaStatus, str]] = ..., next_due_date: _Optional[str] = ..., next_due_code: _Optional[str] = ..., open_tasks: _Optional[_Iterable[str]] = ..., pending_approvals: _Optional[_Iterable[_Union[ApprovalKind, str]]] = ..., filing_date: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CountCasesRequest(_message.Message):
    __slots__ = ("filter", "group_by")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    filter: CaseFilter
    group_by: CaseDimension
    def __init__(self, filter: _Optional[_Union[CaseFilter, _Mapping]] = ..., group_by: _Optional[_Union[CaseDimension, str]] = ...) -> None: ...

class CountCasesResponse(_message.Message):
    __slots__ = ("counts", "total")
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    counts: _containers.RepeatedCompositeFieldContainer[CaseCount]
    total: int
    def __init__(self, counts: _Optional[_Iterable[_Union[CaseCount, _Mapping]]] = ..., total: _Optional[int] = ...) -> None: ...

class CaseCount(_message.Message):
    __slots__ = ("key", "count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    count: int
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class GetWorklistRequest(_message.Message):
    __slots__ = ("caseworker_id",)
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    caseworker_id: str
    def __init__(self, caseworker_id: _Optional[str] = ...) -> None: ...

class GetWorklistResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[WorkItem]
    def __init__(self, items: _Optional[_Iterable[_Union[WorkItem, _Mapping]]] = ...) -> None: ...

class WorkItem(_message.Message):
    __slots__ = ("case_id", "task", "code", "due_date", "status", "program", "phase")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    task: str
    code: str
    due_date: str
    status: ClockStatus
    program: _common_pb2.Program
    phase: Phase
    def __init__(self, case_id: _Optional[str] = ..., task: _Optional[str] = ..., code: _Optional[str] = ..., due_date: _Optional[str] = ..., status: _Optional[_Union[ClockStatus, str]] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., phase: _Optional[_Union[Phase, str]] = ...) -> None: ...

class ListClocksRequest(_message.Message):
    __slots__ = ("statuses", "code", "program", "office_id", "caseworker_id", "due_within_days", "household_windows", "page_size", "page_token")
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    DUE_WITHIN_DAYS_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_WINDOWS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[ClockStatus]
    code: str
    program: _common_pb2.Program
    office_id: str
    caseworker_id: str
    due_within_days: int
    household_windows: bool
    page_size: int
    page_token: str
    def __init__(self, statuses: _Optional[_Iterable[_Union[ClockStatus, str]]] = ..., code: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., office_id: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., due_within_days: _Optional[int] = ..., household_windows: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListClocksResponse(_message.Message):
    __slots__ = ("clocks", "next_page_token")
    CLOCKS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    clocks: _containers.RepeatedCompositeFieldContainer[CaseClock]
    next_page_token: str
    def __init__(self, clocks: _Optional[_Iterable[_Union[CaseClock, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CaseClock(_message.Message):
    __slots__ = ("case_id", "deadline", "caseworker_id", "office_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    deadline: Deadline
    caseworker_id: str
    office_id: str
    def __init__(self, case_id: _Optional[str] = ..., deadline: _Optional[_Union[Deadline, _Mapping]] = ..., caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ...) -> None: ...

class ListApprovalsRequest(_message.Message):
    __slots__ = ("office_id", "caseworker_id", "kind", "page_size", "page_token")
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    office_id: str
    caseworker_id: str
    kind: ApprovalKind
    page_size: int
    page_token: str
    def __init__(self, office_id: _Optional[str] = ..., caseworker_id: _Optional[str] = ..., kind: _Optional[_Union[ApprovalKind, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListApprovalsResponse(_message.Message):
    __slots__ = ("approvals", "next_page_token")
    APPROVALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    approvals: _containers.RepeatedCompositeFieldContainer[CaseApproval]
    next_page_token: str
    def __init__(self, approvals: _Optional[_Iterable[_Union[CaseApproval, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CaseApproval(_message.Message):
    __slots__ = ("case_id", "approval", "caseworker_id", "office_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVAL_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    approval: Approval
    caseworker_id: str
    office_id: str
    def __init__(self, case_id: _Optional[str] = ..., approval: _Optional[_Union[Approval, _Mapping]] = ..., caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ...) -> None: ...

class GetTimelinessReportRequest(_message.Message):
    __slots__ = ("from_month", "to_month", "office_id", "program")
    FROM_MONTH_FIELD_NUMBER: _ClassVar[int]
    TO_MONTH_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    from_month: str
    to_month: str
    office_id: str
    program: _common_pb2.Program
    def __init__(self, from_month: _Optional[str] = ..., to_month: _Optional[str] = ..., office_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ...) -> None: ...

class GetTimelinessReportResponse(_message.Message):
    __slots__ = ("groups", "totals", "late", "as_of")
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    groups: _containers.RepeatedCompositeFieldContainer[TimelinessGroup]
    totals: _containers.RepeatedCompositeFieldContainer[TimelinessGroup]
    late: _containers.RepeatedCompositeFieldContainer[LateClock]
    as_of: str
    def __init__(self, groups: _Optional[_Iterable[_Union[TimelinessGroup, _Mapping]]] = ..., totals: _Optional[_Iterable[_Union[TimelinessGroup, _Mapping]]] = ..., late: _Optional[_Iterable[_Union[LateClock, _Mapping]]] = ..., as_of: _Optional[str] = ...) -> None: ...

class TimelinessGroup(_message.Message):
    __slots__ = ("measure", "code", "program", "office_id", "month", "timely", "untimely", "pending", "household_delayed", "extended", "timely_share")
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    TIMELY_FIELD_NUMBER: _ClassVar[int]
    UNTIMELY_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HOUSEHOLD_DELAYED_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_FIELD_NUMBER: _ClassVar[int]
    TIMELY_SHARE_FIELD_NUMBER: _ClassVar[int]
    measure: str
    code: str
    program: _common_pb2.Program
    office_id: str
    month: str
    timely: int
    untimely: int
    pending: int
    household_delayed: int
    extended: int
    timely_share: float
    def __init__(self, measure: _Optional[str] = ..., code: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., office_id: _Optional[str] = ..., month: _Optional[str] = ..., timely: _Optional[int] = ..., untimely: _Optional[int] = ..., pending: _Optional[int] = ..., household_delayed: _Optional[int] = ..., extended: _Optional[int] = ..., timely_share: _Optional[float] = ...) -> None: ...

class LateClock(_message.Message):
    __slots__ = ("case_id", "code", "ref", "measure", "program", "office_id", "month", "standard_due_date", "due_date", "met_on", "days_late", "days_past_due", "timeliness", "delay", "extended")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    STANDARD_DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    MET_ON_FIELD_NUMBER: _ClassVar[int]
    DAYS_LATE_FIELD_NUMBER: _ClassVar[int]
    DAYS_PAST_DUE_FIELD_NUMBER: _ClassVar[int]
    TIMELINESS_FIELD_NUMBER: _ClassVar[int]
    DELAY_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    code: str
    ref: str
    measure: str
    program: _common_pb2.Program
    office_id: str
    month: str
    standard_due_date: str
    due_date: str
    met_on: str
    days_late: int
    days_past_due: int
    timeliness: Timeliness
    delay: DelayCause
    extended: bool
    def __init__(self, case_id: _Optional[str] = ..., code: _Optional[str] = ..., ref: _Optional[str] = ..., measure: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., office_id: _Optional[str] = ..., month: _Optional[str] = ..., standard_due_date: _Optional[str] = ..., due_date: _Optional[str] = ..., met_on: _Optional[str] = ..., days_late: _Optional[int] = ..., days_past_due: _Optional[int] = ..., timeliness: _Optional[_Union[Timeliness, str]] = ..., delay: _Optional[_Union[DelayCause, str]] = ..., extended: _Optional[bool] = ...) -> None: ...

class GetHouseholdRequest(_message.Message):
    __slots__ = ("case_id", "as_of_date")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_DATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    as_of_date: str
    def __init__(self, case_id: _Optional[str] = ..., as_of_date: _Optional[str] = ...) -> None: ...

class GetHouseholdResponse(_message.Message):
    __slots__ = ("household", "county", "zip")
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    COUNTY_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    household: _common_pb2.Household
    county: str
    zip: str
    def __init__(self, household: _Optional[_Union[_common_pb2.Household, _Mapping]] = ..., county: _Optional[str] = ..., zip: _Optional[str] = ...) -> None: ...

class AssignCaseworkerRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class AssignCaseworkerResponse(_message.Message):
    __slots__ = ("caseworker_id", "office_id", "interview_date", "office_phone")
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICE_ID_FIELD_NUMBER: _ClassVar[int]
    INTERVIEW_DATE_FIELD_NUMBER: _ClassVar[int]
    OFFICE_PHONE_FIELD_NUMBER: _ClassVar[int]
    caseworker_id: str
    office_id: str
    interview_date: str
    office_phone: str
    def __init__(self, caseworker_id: _Optional[str] = ..., office_id: _Optional[str] = ..., interview_date: _Optional[str] = ..., office_phone: _Optional[str] = ...) -> None: ...

class PlanVerificationsRequest(_message.Message):
    __slots__ = ("case_id", "programs", "as_of_date")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAMS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_DATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    programs: _containers.RepeatedScalarFieldContainer[_common_pb2.Program]
    as_of_date: str
    def __init__(self, case_id: _Optional[str] = ..., programs: _Optional[_Iterable[_Union[_common_pb2.Program, str]]] = ..., as_of_date: _Optional[str] = ...) -> None: ...

class PlanVerificationsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[VerificationItem]
    def __init__(self, items: _Optional[_Iterable[_Union[VerificationItem, _Mapping]]] = ...) -> None: ...

class RequestVerificationsRequest(_message.Message):
    __slots__ = ("case_id", "kinds", "due_date")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    DUE_DATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    kinds: _containers.RepeatedScalarFieldContainer[VerificationKind]
    due_date: str
    def __init__(self, case_id: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[VerificationKind, str]]] = ..., due_date: _Optional[str] = ...) -> None: ...

class RequestVerificationsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[VerificationItem]
    def __init__(self, items: _Optional[_Iterable[_Union[VerificationItem, _Mapping]]] = ...) -> None: ...

class RecordVerificationRequest(_message.Message):
    __slots__ = ("case_id", "item", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    item: VerificationItem
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., item: _Optional[_Union[VerificationItem, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RecordVerificationResponse(_message.Message):
    __slots__ = ("item",)
    ITEM_FIELD_NUMBER: _ClassVar[int]
    item: VerificationItem
    def __init__(self, item: _Optional[_Union[VerificationItem, _Mapping]] = ...) -> None: ...

class ApplyHouseholdChangeRequest(_message.Message):
    __slots__ = ("case_id", "idempotency_key", "incomes", "expenses", "replace_wages", "changes", "caseworker_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    INCOMES_FIELD_NUMBER: _ClassVar[int]
    EXPENSES_FIELD_NUMBER: _ClassVar[int]
    REPLACE_WAGES_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    CASEWORKER_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    idempotency_key: str
    incomes: _containers.RepeatedCompositeFieldContainer[_common_pb2.Income]
    expenses: _common_pb2.Expenses
    replace_wages: WageChange
    changes: _containers.RepeatedCompositeFieldContainer[HouseholdChange]
    caseworker_id: str
    def __init__(self, case_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., incomes: _Optional[_Iterable[_Union[_common_pb2.Income, _Mapping]]] = ..., expenses: _Optional[_Union[_common_pb2.Expenses, _Mapping]] = ..., replace_wages: _Optional[_Union[WageChange, _Mapping]] = ..., changes: _Optional[_Iterable[_Union[HouseholdChange, _Mapping]]] = ..., caseworker_id: _Optional[str] = ...) -> None: ...

class WageChange(_message.Message):
    __slots__ = ("member_id", "monthly_cents")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_CENTS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    monthly_cents: int
    def __init__(self, member_id: _Optional[str] = ..., monthly_cents: _Optional[int] = ...) -> None: ...

class ApplyHouseholdChangeResponse(_message.Message):
    __slots__ = ("household",)
    HOUSEHOLD_FIELD_NUMBER: _ClassVar[int]
    household: _common_pb2.Household
    def __init__(self, household: _Optional[_Union[_common_pb2.Household, _Mapping]] = ...) -> None: ...

class RecordCaseEventRequest(_message.Message):
    __slots__ = ("case_id", "idempotency_key", "event")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    idempotency_key: str
    event: CaseEvent
    def __init__(self, case_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., event: _Optional[_Union[CaseEvent, _Mapping]] = ...) -> None: ...

class RecordCaseEventResponse(_message.Message):
    __slots__ = ("replayed",)
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    replayed: bool
    def __init__(self, replayed: _Optional[bool] = ...) -> None: ...

class IssueNoticeRequest(_message.Message):
    __slots__ = ("case_id", "idempotency_key", "kind", "text", "mailed_date")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    MAILED_DATE_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    idempotency_key: str
    kind: NoticeKind
    text: str
    mailed_date: str
    def __init__(self, case_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., kind: _Optional[_Union[NoticeKind, str]] = ..., text: _Optional[str] = ..., mailed_date: _Optional[str] = ...) -> None: ...

class IssueNoticeResponse(_message.Message):
    __slots__ = ("notice",)
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    notice: Notice
    def __init__(self, notice: _Optional[_Union[Notice, _Mapping]] = ...) -> None: ...

class UpdateCaseStatusRequest(_message.Message):
    __slots__ = ("case_id", "phase", "closure_reason")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_REASON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    phase: Phase
    closure_reason: ClosureReason
    def __init__(self, case_id: _Optional[str] = ..., phase: _Optional[_Union[Phase, str]] = ..., closure_reason: _Optional[_Union[ClosureReason, str]] = ...) -> None: ...

class UpdateCaseStatusResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RecordCaseViewRequest(_message.Message):
    __slots__ = ("case_id", "state", "version")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    state: CaseState
    version: int
    def __init__(self, case_id: _Optional[str] = ..., state: _Optional[_Union[CaseState, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class RecordCaseViewResponse(_message.Message):
    __slots__ = ("stale",)
    STALE_FIELD_NUMBER: _ClassVar[int]
    stale: bool
    def __init__(self, stale: _Optional[bool] = ...) -> None: ...
