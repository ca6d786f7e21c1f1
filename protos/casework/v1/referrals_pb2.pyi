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

class ReferralStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REFERRAL_STATUS_UNSPECIFIED: _ClassVar[ReferralStatus]
    REFERRAL_STATUS_OPEN: _ClassVar[ReferralStatus]
    REFERRAL_STATUS_CONNECTED: _ClassVar[ReferralStatus]
    REFERRAL_STATUS_NOT_CONNECTED: _ClassVar[ReferralStatus]
    REFERRAL_STATUS_UNABLE_TO_SERVE: _ClassVar[ReferralStatus]
REFERRAL_STATUS_UNSPECIFIED: ReferralStatus
REFERRAL_STATUS_OPEN: ReferralStatus
REFERRAL_STATUS_CONNECTED: ReferralStatus
REFERRAL_STATUS_NOT_CONNECTED: ReferralStatus
REFERRAL_STATUS_UNABLE_TO_SERVE: ReferralStatus

class Location(_message.Message):
    __slots__ = ("state", "county", "zip")
    STATE_FIELD_NUMBER: _ClassVar[int]
    COUNTY_FIELD_NUMBER: _ClassVar[int]
    ZIP_FIELD_NUMBER: _ClassVar[int]
    state: str
    county: str
    zip: str
    def __init__(self, state: _Optional[str] = ..., county: _Optional[str] = ..., zip: _Optional[str] = ...) -> None: ...

class Resource(_message.Message):
    __slots__ = ("resource_id", "name", "needs", "location", "address", "city", "phone", "hours", "eligibility_notes")
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    ELIGIBILITY_NOTES_FIELD_NUMBER: _ClassVar[int]
    resource_id: str
    name: str
    needs: _containers.RepeatedScalarFieldContainer[_common_pb2.Need]
    location: Location
    address: str
    city: str
    phone: str
    hours: str
    eligibility_notes: str
    def __init__(self, resource_id: _Optional[str] = ..., name: _Optional[str] = ..., needs: _Optional[_Iterable[_Union[_common_pb2.Need, str]]] = ..., location: _Optional[_Union[Location, _Mapping]] = ..., address: _Optional[str] = ..., city: _Optional[str] = ..., phone: _Optional[str] = ..., hours: _Optional[str] = ..., eligibility_notes: _Optional[str] = ...) -> None: ...

class ResourceMatch(_message.Message):
    __slots__ = ("resource", "need", "reason")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    NEED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    resource: Resource
    need: _common_pb2.Need
    reason: str
    def __init__(self, resource: _Optional[_Union[Resource, _Mapping]] = ..., need: _Optional[_Union[_common_pb2.Need, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class Referral(_message.Message):
    __slots__ = ("referral_id", "idempotency_key", "case_id", "resource_id", "need", "status", "note", "created_at", "outcome_at", "outcome_note")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    NEED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_NOTE_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    idempotency_key: str
    case_id: str
    resource_id: str
    need: _common_pb2.Need
    status: ReferralStatus
    note: str
    created_at: _timestamp_pb2.Timestamp
    outcome_at: _timestamp_pb2.Timestamp
    outcome_note: str
    def __init__(self, referral_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., case_id: _Optional[str] = ..., resource_id: _Optional[str] = ..., need: _Optional[_Union[_common_pb2.Need, str]] = ..., status: _Optional[_Union[ReferralStatus, str]] = ..., note: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outcome_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., outcome_note: _Optional[str] = ...) -> None: ...

class ListResourcesRequest(_message.Message):
    __slots__ = ("need", "state")
    NEED_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    need: _common_pb2.Need
    state: str
    def __init__(self, need: _Optional[_Union[_common_pb2.Need, str]] = ..., state: _Optional[str] = ...) -> None: ...

class ListResourcesResponse(_message.Message):
    __slots__ = ("resources",)
    RESOURCES_FIELD_NUMBER: _ClassVar[int]
    resources: _containers.RepeatedCompositeFieldContainer[Resource]
    def __init__(self, resources: _Optional[_Iterable[_Union[Resource, _Mapping]]] = ...) -> None: ...

class MatchResourcesRequest(_message.Message):
    __slots__ = ("needs", "location", "limit_per_need")
    NEEDS_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    LIMIT_PER_NEED_FIELD_NUMBER: _ClassVar[int]
    needs: _containers.RepeatedScalarFieldContainer[_common_pb2.Need]
    location: Location
    limit_per_need: int
    def __init__(self, needs: _Optional[_Iterable[_Union[_common_pb2.Need, str]]] = ..., location: _Optional[_Union[Location, _Mapping]] = ..., limit_per_need: _Optional[int] = ...) -> None: ...

class MatchResourcesResponse(_message.Message):
    __slots__ = ("matches",)
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    matches: _containers.RepeatedCompositeFieldContainer[ResourceMatch]
    def __init__(self, matches: _Optional[_Iterable[_Union[ResourceMatch, _Mapping]]] = ...) -> None: ...

class CreateReferralRequest(_message.Message):
    __slots__ = ("idempotency_key", "case_id", "resource_id", "need", "note")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    NEED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    case_id: str
    resource_id: str
    need: _common_pb2.Need
    note: str
    def __init__(self, idempotency_key: _Optional[str] = ..., case_id: _Optional[str] = ..., resource_id: _Optional[str] = ..., need: _Optional[_Union[_common_pb2.Need, str]] = ..., note: _Optional[str] = ...) -> None: ...

class CreateReferralResponse(_message.Message):
    __slots__ = ("referral", "replayed")
    REFERRAL_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    referral: Referral
    replayed: bool
    def __init__(self, referral: _Optional[_Union[Referral, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class RecordReferralOutcomeRequest(_message.Message):
    __slots__ = ("referral_id", "status", "note")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    status: ReferralStatus
    note: str
    def __init__(self, referral_id: _Optional[str] = ..., status: _Optional[_Union[ReferralStatus, str]] = ..., note: _Optional[str] = ...) -> None: ...

class RecordReferralOutcomeResponse(_message.Message):
    __slots__ = ("referral",)
    REFERRAL_FIELD_NUMBER: _ClassVar[int]
    referral: Referral
    def __init__(self, referral: _Optional[_Union[Referral, _Mapping]] = ...) -> None: ...

class ListReferralsRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class ListReferralsResponse(_message.Message):
    __slots__ = ("referrals",)
    REFERRALS_FIELD_NUMBER: _ClassVar[int]
    referrals: _containers.RepeatedCompositeFieldContainer[Referral]
    def __init__(self, referrals: _Optional[_Iterable[_Union[Referral, _Mapping]]] = ...) -> None: ...
