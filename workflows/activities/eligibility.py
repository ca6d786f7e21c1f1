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

from workflows.activities._grpc import call
from workflows.inputs import Determination, MemberCoverage, Program, ProgramResult, Step

PROGRAMS = {program: common_pb2.Program.Value(f"PROGRAM_{program.name}") for program in Program}
PROGRAMS_BACK = {value: program for program, value in PROGRAMS.items()}


@dataclass
class ScreenInput:
    case_id: str
    as_of: str


@dataclass
class ExpeditedScreen:
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


def _result(pd: eligibility_pb2.ProgramDetermination) -> ProgramResult:
    return ProgramResult(
        program=PROGRAMS_BACK[pd.program],
        eligible=pd.eligible,
        monthly_benefit_cents=pd.monthly_benefit_cents,
        denial_reasons=list(pd.denial_reasons),
        gross_income_cents=pd.gross_income_cents,
        net_income_cents=pd.net_income_cents,
        explanation=[Step(s.text, s.amount_cents, s.citation) for s in pd.explanation],
        members=[MemberCoverage(m.member_id, m.eligible, m.category) for m in pd.members],
    )


def determination_from_pb(d: eligibility_pb2.Determination) -> Determination:
    return Determination(
        determination_id=d.determination_id,
        period=d.period,
        programs=[_result(pd) for pd in d.programs],
        parameters=[f"{p.name}@{p.effective_date}" for p in d.parameters],
    )


class EligibilityActivities:
    """Reads the household from intake and has the eligibility service decide on it."""

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
    async def screen_expedited(self, input: ScreenInput) -> ExpeditedScreen:
        household = await self._household(input.case_id, input.as_of)
        reply = await call(self._eligibility.ScreenExpedited,
                           eligibility_pb2.ScreenExpeditedRequest(household=household))
        return ExpeditedScreen(reply.expedited, list(reply.criteria))

    @activity.defn
    async def determine_eligibility(self, input: DetermineInput) -> Determination:
        household = await self._household(input.case_id, input.as_of)
        reply = await call(self._eligibility.DetermineEligibility,
                           eligibility_pb2.DetermineEligibilityRequest(
                               request=eligibility_pb2.HouseholdRequest(
                                   id=input.case_id, household=household, period=input.period,
                                   application_date=input.application_date,
                                   programs=[PROGRAMS[p] for p in input.programs])))
        return determination_from_pb(reply.determination)
