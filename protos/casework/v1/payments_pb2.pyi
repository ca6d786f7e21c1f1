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

class PaymentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_KIND_UNSPECIFIED: _ClassVar[PaymentKind]
    PAYMENT_KIND_MONTHLY_BENEFIT: _ClassVar[PaymentKind]
    PAYMENT_KIND_CHILD_CARE: _ClassVar[PaymentKind]
    PAYMENT_KIND_TRANSPORT: _ClassVar[PaymentKind]
    PAYMENT_KIND_UTILITY: _ClassVar[PaymentKind]
    PAYMENT_KIND_EMERGENCY_SHELTER: _ClassVar[PaymentKind]

class PayeeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYEE_KIND_UNSPECIFIED: _ClassVar[PayeeKind]
    PAYEE_KIND_HOUSEHOLD: _ClassVar[PayeeKind]
    PAYEE_KIND_VENDOR: _ClassVar[PayeeKind]

class AuthorizationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUTHORIZATION_STATUS_UNSPECIFIED: _ClassVar[AuthorizationStatus]
    AUTHORIZATION_STATUS_AUTHORIZED: _ClassVar[AuthorizationStatus]
    AUTHORIZATION_STATUS_VOIDED: _ClassVar[AuthorizationStatus]
PAYMENT_KIND_UNSPECIFIED: PaymentKind
PAYMENT_KIND_MONTHLY_BENEFIT: PaymentKind
PAYMENT_KIND_CHILD_CARE: PaymentKind
PAYMENT_KIND_TRANSPORT: PaymentKind
PAYMENT_KIND_UTILITY: PaymentKind
PAYMENT_KIND_EMERGENCY_SHELTER: PaymentKind
PAYEE_KIND_UNSPECIFIED: PayeeKind
PAYEE_KIND_HOUSEHOLD: PayeeKind
PAYEE_KIND_VENDOR: PayeeKind
AUTHORIZATION_STATUS_UNSPECIFIED: AuthorizationStatus
AUTHORIZATION_STATUS_AUTHORIZED: AuthorizationStatus
AUTHORIZATION_STATUS_VOIDED: AuthorizationStatus

class Payee(_message.Message):
    __slots__ = ("kind", "payee_id")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAYEE_ID_FIELD_NUMBER: _ClassVar[int]
    kind: PayeeKind
    payee_id: str
    def __init__(self, kind: _Optional[_Union[PayeeKind, str]] = ..., payee_id: _Optional[str] = ...) -> None: ...

class Authorization(_message.Message):
    __slots__ = ("authorization_id", "idempotency_key", "case_id", "program", "period", "kind", "amount_cents", "payee", "status", "authorized_at", "voided_at", "void_reason")
    AUTHORIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_CENTS_FIELD_NUMBER: _ClassVar[int]
    PAYEE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUTHORIZED_AT_FIELD_NUMBER: _ClassVar[int]
    VOIDED_AT_FIELD_NUMBER: _ClassVar[int]
    VOID_REASON_FIELD_NUMBER: _ClassVar[int]
    authorization_id: str
    idempotency_key: str
    case_id: str
    program: _common_pb2.Program
    period: str
    kind: PaymentKind
    amount_cents: int
    payee: Payee
    status: AuthorizationStatus
    authorized_at: _timestamp_pb2.Timestamp
    voided_at: _timestamp_pb2.Timestamp
    void_reason: str
    def __init__(self, authorization_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., case_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., period: _Optional[str] = ..., kind: _Optional[_Union[PaymentKind, str]] = ..., amount_cents: _Optional[int] = ..., payee: _Optional[_Union[Payee, _Mapping]] = ..., status: _Optional[_Union[AuthorizationStatus, str]] = ..., authorized_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., voided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., void_reason: _Optional[str] = ...) -> None: ...

class AuthorizePaymentRequest(_message.Message):
    __slots__ = ("idempotency_key", "case_id", "program", "period", "kind", "amount_cents", "payee")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_CENTS_FIELD_NUMBER: _ClassVar[int]
    PAYEE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    case_id: str
    program: _common_pb2.Program
    period: str
    kind: PaymentKind
    amount_cents: int
    payee: Payee
    def __init__(self, idempotency_key: _Optional[str] = ..., case_id: _Optional[str] = ..., program: _Optional[_Union[_common_pb2.Program, str]] = ..., period: _Optional[str] = ..., kind: _Optional[_Union[PaymentKind, str]] = ..., amount_cents: _Optional[int] = ..., payee: _Optional[_Union[Payee, _Mapping]] = ...) -> None: ...

class AuthorizePaymentResponse(_message.Message):
    __slots__ = ("authorization", "replayed")
    AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    authorization: Authorization
    replayed: bool
    def __init__(self, authorization: _Optional[_Union[Authorization, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ListAuthorizationsRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class ListAuthorizationsResponse(_message.Message):
    __slots__ = ("authorizations",)
    AUTHORIZATIONS_FIELD_NUMBER: _ClassVar[int]
    authorizations: _containers.RepeatedCompositeFieldContainer[Authorization]
    def __init__(self, authorizations: _Optional[_Iterable[_Union[Authorization, _Mapping]]] = ...) -> None: ...

class VoidAuthorizationRequest(_message.Message):
    __slots__ = ("authorization_id", "reason")
    AUTHORIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    authorization_id: str
    reason: str
    def __init__(self, authorization_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class VoidAuthorizationResponse(_message.Message):
    __slots__ = ("authorization",)
    AUTHORIZATION_FIELD_NUMBER: _ClassVar[int]
    authorization: Authorization
    def __init__(self, authorization: _Optional[_Union[Authorization, _Mapping]] = ...) -> None: ...
