"""The case's search attributes: what Temporal's visibility (its UI, `temporal workflow
list/count --query`) can filter cases by, e.g. `CasePhase='verification' AND
SlaStatus='warning'`.

Each is a code or a staff id, never a name, birth date or address: visibility stores
them unencrypted. They must be registered on the namespace before a case upserts them
(`make up` passes `KEYS` to the dev server; a cluster registers them as
deploy/README.md says). The workflow upserts only the ones whose value changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeKey, SearchAttributeUpdate
from temporalio.service import RPCError, RPCStatusCode

from workflows.state import CaseState

CASE_PHASE = SearchAttributeKey.for_keyword("CasePhase")
CASE_PROGRAMS = SearchAttributeKey.for_keyword_list("CasePrograms")
CASEWORKER = SearchAttributeKey.for_keyword("CaseworkerId")
OFFICE = SearchAttributeKey.for_keyword("OfficeId")
SLA_STATUS = SearchAttributeKey.for_keyword("SlaStatus")
NEXT_DEADLINE = SearchAttributeKey.for_keyword("NextDeadline")
"""The soonest running agency clock's due date, YYYY-MM-DD: ISO dates compare as they
sort (`NextDeadline <= '2026-12-15'`). A Keyword, not a Datetime: the time-skipping test
server returns Datetime values its own SDK cannot read back."""
NEXT_DEADLINE_CODE = SearchAttributeKey.for_keyword("NextDeadlineCode")
PENDING_APPROVAL = SearchAttributeKey.for_keyword_list("PendingApproval")
"""The kinds of request waiting for a supervisor (plan, payment, deadline_extension)."""

KEYS: tuple[SearchAttributeKey[Any], ...] = (
    CASE_PHASE, CASE_PROGRAMS, CASEWORKER, OFFICE, SLA_STATUS, NEXT_DEADLINE,
    NEXT_DEADLINE_CODE, PENDING_APPROVAL)
"""Every attribute a case sets, for registering them."""

Values = Mapping[str, object]


def values_of(state: CaseState) -> dict[str, object]:
    """Each attribute's value for `state`, by name; None where the case has none."""
    deadline = state.next_deadline()
    waiting = sorted({str(a.kind) for a in state.approvals if not a.decision})
    return {
        CASE_PHASE.name: str(state.phase),
        CASE_PROGRAMS.name: [str(p) for p in state.programs] or None,
        CASEWORKER.name: state.caseworker_id or None,
        OFFICE.name: state.office_id or None,
        SLA_STATUS.name: str(state.sla_status()),
        NEXT_DEADLINE.name: deadline.due_date if deadline else None,
        NEXT_DEADLINE_CODE.name: deadline.code if deadline else None,
        PENDING_APPROVAL.name: waiting or None,
    }


def updates(before: Values, after: Values) -> Sequence[SearchAttributeUpdate[Any]]:
    """The upserts that take a case from `before`'s values to `after`'s."""
    changed: list[SearchAttributeUpdate[Any]] = []
    for key in KEYS:
        value = after.get(key.name)
        if value == before.get(key.name):
            continue
        changed.append(key.value_unset() if value is None
                       else key.value_set(value))
    return changed


def registration() -> list[str]:
    """`--search-attribute NAME=TYPE` arguments for `temporal server start-dev`."""
    kinds = {"KEYWORD": "Keyword", "KEYWORD_LIST": "KeywordList"}
    return [arg for key in KEYS
            for arg in ("--search-attribute", f"{key.name}={kinds[key.indexed_value_type.name]}")]


async def register(client: Client, namespace: str = "default") -> None:
    """Register every attribute on `namespace`, for servers started without the flags
    (the time-skipping test server, a cluster); one already registered is left as is."""
    for key in KEYS:
        try:
            await client.operator_service.add_search_attributes(AddSearchAttributesRequest(
                namespace=namespace,
                search_attributes={key.name: IndexedValueType.ValueType(key.indexed_value_type)}))
        except RPCError as error:
            if error.status is not RPCStatusCode.ALREADY_EXISTS:
                raise
