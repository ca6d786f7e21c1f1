"""Households and caseworker steps the end-to-end tests drive through the public gRPC API.

The applications bend the unit tests' three-person household (`tests/unit/intake/
builders.py`), so its distinctive names can be searched for in what the stack stored.
The steps are the ones a caseworker takes, each waiting, with a timeout, for the case to
reach the point where the next one fits: the workflow runs on its own after each step,
so a test polls the case instead of sleeping.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable

import grpc
from casework.v1 import common_pb2, intake_pb2

from tests.e2e.conftest import RunningStack
from tests.unit.intake.builders import an_application, today

POLL_SECONDS = 0.1
"""A step takes tens of milliseconds on an idle stack; polling faster only adds load."""

CASE_TIMEOUT_SECONDS = 30.0
"""Longest a case may take to reach the next point on a loaded 2-core machine."""

VERIFIER = "cw-verifier-07"
ASSESSOR = "cw-assessor-12"
SUPERVISOR = "sup-0003"

LOW_WAGES_CENTS = 60_000
"""$600 a month: part-time at about minimum wage, under every state's TANF standard for 3."""

HIGH_WAGES_CENTS = 650_000
"""$6,500 a month: a full-time job well over TANF's and SNAP's gross income limits."""

RENT_CENTS = 95_000

SOURCES = {
    intake_pb2.VERIFICATION_KIND_IDENTITY: "state ID card",
    intake_pb2.VERIFICATION_KIND_INCOME: "pay stubs, last 30 days",
    intake_pb2.VERIFICATION_KIND_RESIDENCY: "lease agreement",
    intake_pb2.VERIFICATION_KIND_HOUSEHOLD_COMPOSITION: "birth certificate and school record",
    intake_pb2.VERIFICATION_KIND_EXPENSES: "landlord statement of rent",
    intake_pb2.VERIFICATION_KIND_SSN: "SSA match",
    intake_pb2.VERIFICATION_KIND_CITIZENSHIP: "SSA citizenship match",
    intake_pb2.VERIFICATION_KIND_DISABILITY: "SSA disability award letter",
    intake_pb2.VERIFICATION_KIND_MEDICAL_EXPENSES: "pharmacy receipts",
}
"""What a caseworker writes as each item's source of evidence."""

Programs = Iterable["common_pb2.Program.ValueType"]


def a_low_wage_family(
    programs: Programs, *, state: str = "IL"
) -> intake_pb2.SubmitApplicationRequest:
    """Two parents and a child, filed today: one parent works part time, rent is $950."""
    request = an_application()
    app = request.application
    app.filing_date = today().isoformat()  # today: the filing month is the month paid
    del app.programs[:]
    app.programs.extend(programs)
    app.state = state
    del app.incomes[:]
    app.incomes.append(common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                                         monthly_cents=LOW_WAGES_CENTS))
    app.expenses.rent_cents = RENT_CENTS
    # $1,500 saved: income and savings exceed rent and utilities, so SNAP is not expedited
    # (7 CFR 273.2(i)(1)(ii)) and every item must be verified before determination.
    app.assets.liquid_cents = 150_000
    return request


def a_tanf_and_snap_family() -> intake_pb2.SubmitApplicationRequest:
    return a_low_wage_family([common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF])


def a_snap_family() -> intake_pb2.SubmitApplicationRequest:
    return a_low_wage_family([common_pb2.PROGRAM_SNAP])


async def get_case(stack: RunningStack, case_id: str) -> intake_pb2.Case:
    reply = await stack.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id), timeout=10)
    return reply.case


async def wait_for_case(
    stack: RunningStack, case_id: str, ready: Callable[[intake_pb2.Case], bool], what: str,
    *, within: float = CASE_TIMEOUT_SECONDS,
) -> intake_pb2.Case:
    """The case once `ready(case)` holds; fails with `what` and the last state otherwise.

    A read that times out is retried until the deadline: while a killed worker's tasks
    time out, the server holds the case's Query (seen to exceed 10 s on this stack).
    """
    deadline = time.monotonic() + within
    case = intake_pb2.Case()
    while True:
        try:
            case = await get_case(stack, case_id)
        except grpc.aio.AioRpcError as error:
            if error.code() not in (grpc.StatusCode.DEADLINE_EXCEEDED,
                                    grpc.StatusCode.UNAVAILABLE):
                raise
        if ready(case):
            return case
        if time.monotonic() > deadline:
            raise AssertionError(f"case {case_id} did not reach {what} in {within:.0f} s; "
                                 f"last state:\n{case.state}")
        await asyncio.sleep(POLL_SECONDS)


async def wait_for_phase(
    stack: RunningStack, case_id: str, phase: intake_pb2.Phase.ValueType,
    *, within: float = CASE_TIMEOUT_SECONDS,
) -> intake_pb2.Case:
    """The case once its workflow is in `phase` and intake has recorded it there."""
    return await wait_for_case(
        stack, case_id,
        lambda case: case.state.phase == phase and case.recorded_phase == phase,
        intake_pb2.Phase.Name(phase), within=within)


async def submit(stack: RunningStack, request: intake_pb2.SubmitApplicationRequest) -> str:
    reply = await stack.intake.SubmitApplication(request, timeout=10)
    assert not reply.replayed
    return str(reply.case_id)


async def interview(stack: RunningStack, case_id: str) -> intake_pb2.Case:
    """Wait for the caseworker assignment, record the interview, wait for verification."""
    case = await wait_for_case(
        stack, case_id,
        lambda case: case.state.phase == intake_pb2.PHASE_INTAKE and bool(case.state.caseworker_id),
        "intake with a caseworker assigned")
    await stack.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id=case.state.caseworker_id,
        interview_date=today().isoformat()), timeout=30)
    return await wait_for_case(
        stack, case_id, lambda case: len(case.state.verifications) > 0,
        "verification with items requested")


async def verify(
    stack: RunningStack, case_id: str, kind: intake_pb2.VerificationKind.ValueType,
) -> intake_pb2.CaseState:
    """Record one requested item as received today, with its source and verifier."""
    reply = await stack.intake.SubmitVerification(intake_pb2.SubmitVerificationRequest(
        case_id=case_id, kind=kind, source=SOURCES[kind], received_date=today().isoformat(),
        verifier_id=VERIFIER), timeout=30)
    return reply.state


def requested(case: intake_pb2.Case) -> list[intake_pb2.VerificationKind.ValueType]:
    """The items asked for that the decision waits for (not the agency's own matches)."""
    return [item.kind for item in case.state.verifications
            if item.if_not_provided != intake_pb2.IF_NOT_PROVIDED_NO_DELAY]


async def assess(stack: RunningStack, case_id: str) -> intake_pb2.CaseState:
    """The assessment of a parent without child care or a car, who wants a CNA job."""
    target = today().replace(day=1).replace(year=today().year + 1).isoformat()
    reply = await stack.intake.RecordAssessment(intake_pb2.RecordAssessmentRequest(
        case_id=case_id, caseworker_id=ASSESSOR,
        strengths=["finished a CNA course", "stable housing"],
        needs=[common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT],
        goals=["work 30 hours a week as a certified nursing assistant"],
        activities=[
            intake_pb2.PlanActivity(description="enrol the child in a licensed centre",
                                    need=common_pb2.NEED_CHILD_CARE, target_date=target),
            intake_pb2.PlanActivity(description="apply for a reduced-fare transit card",
                                    need=common_pb2.NEED_TRANSPORT, target_date=target),
        ]), timeout=30)
    return reply.state


async def approve(stack: RunningStack, case_id: str) -> intake_pb2.CaseState:
    reply = await stack.intake.ApprovePlan(intake_pb2.ApprovePlanRequest(
        case_id=case_id, supervisor_id=SUPERVISOR), timeout=30)
    return reply.state
