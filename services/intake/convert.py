"""Intake's records -> protos for its replies: the household as the rules see it,
notices and events. The workflow's dataclasses (a case's state, incomes, expenses) are
converted by `workflows.convert`, the one place that knows both shapes of them."""

from __future__ import annotations

import json
from collections.abc import Mapping

from casework.v1 import common_pb2, intake_pb2

from common.clock import to_timestamp
from common.vocabulary import RELATIONSHIPS
from services.intake.domain import Household
from services.intake.store import EventRecord, NoticeRecord
from workflows.convert import NOTICE_KINDS, expenses_pb, income_pb
from workflows.inputs import NoticeKind


def household_pb(state: str, household: Household, ages: Mapping[str, int]) -> common_pb2.Household:
    """The household as the eligibility rules see it: ages, never names or birth dates."""
    return common_pb2.Household(
        state=state,
        members=[
            common_pb2.HouseholdMember(
                id=m.id, age=ages[m.id], relationship=RELATIONSHIPS.number(m.relationship),
                disabled=m.disabled, student=m.student, pregnant=m.pregnant)
            for m in household.members
        ],
        incomes=[income_pb(i) for i in household.incomes],
        expenses=expenses_pb(household.expenses),
        assets=common_pb2.Assets(liquid_cents=household.liquid_assets_cents),
        destitute_migrant_farmworker=household.destitute_migrant_farmworker,
    )


def notice_pb(row: NoticeRecord) -> intake_pb2.Notice:
    return intake_pb2.Notice(notice_id=row.notice_id,
                             kind=NOTICE_KINDS.number(NoticeKind(row.kind)), text=row.text,
                             issued_at=to_timestamp(row.issued_at))


def event_pb(row: EventRecord) -> intake_pb2.CaseEvent:
    return intake_pb2.CaseEvent(kind=row.kind, detail=json.dumps(row.detail, sort_keys=True),
                                at=to_timestamp(row.at))
