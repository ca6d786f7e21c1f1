"""Activities that ask the eligibility service for decisions about a case's household."""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.v1 import (
    common_pb2,
    eligibility_pb2,
    eligibility_pb2_grpc,
    intake_pb2,
    intake_pb2_grpc,
)
from temporalio import activity

from common.vocabulary import PROGRAMS
from workflows import convert
from workflows.activities._grpc import call
from workflows.inputs import Determination, Program


@dataclass
class ScreenInput:
    case_id: str
    as_of: str


@dataclass
class ScreenResult:
    expedited: bool
    criteria: list[str] = field(default_factory=list)


@dataclass
class DetermineInput:
    case_id: str
    programs: list[Program]
    period: str  # YYYY-MM
    as_of: str  # ISO date: ages and household facts on this day
    application_date: str = ""
    """Set for the first month of an application: that month's SNAP is prorated."""


class EligibilityActivities:
    """Reads the household from intake and has the eligibility service decide on it.

    The one activity class with two stubs, on purpose: the household (with ages) goes
    from intake straight to eligibility inside the activity, so it never enters the
    workflow's history.
    """

    def __init__(
        self,
        eligibility: eligibility_pb2_grpc.EligibilityServiceStub,
        records: intake_pb2_grpc.CaseRecordsServiceStub,
    ) -> None:
        self._eligibility = eligibility
        self._records = records

    async def _household(self, case_id: str, as_of: str) -> common_pb2.Household:
        reply = await call(self._records.GetHousehold,
                           intake_pb2.GetHouseholdRequest(case_id=case_id, as_of_date=as_of))
        return reply.household

    @activity.defn
    async def screen_expedited(self, input: ScreenInput) -> ScreenResult:
        household = await self._household(input.case_id, input.as_of)
        reply = await call(self._eligibility.ScreenExpedited,
                           eligibility_pb2.ScreenExpeditedRequest(household=household))
        return ScreenResult(reply.expedited, list(reply.criteria))

    @activity.defn
    async def determine_eligibility(self, input: DetermineInput) -> Determination:
        household = await self._household(input.case_id, input.as_of)
        reply = await call(self._eligibility.DetermineEligibility,
                           eligibility_pb2.DetermineEligibilityRequest(
                               request=eligibility_pb2.HouseholdRequest(
                                   id=input.case_id, household=household, period=input.period,
                                   application_date=input.application_date,
                                   programs=[PROGRAMS.number(p) for p in input.programs])))
        return convert.determination_from_pb(reply.determination)
