"""Fake activities under the real activity names: the workflow tests run CaseWorkflow on
the time-skipping server without the services, and read what it asked them to do."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from temporalio import activity
from temporalio.exceptions import ApplicationError

from tests.workflow.conftest import AGENCY_ZONE
from workflows import STATUS_QUERY
from workflows.activities.eligibility import DetermineInput, ScreenInput, ScreenResult
from workflows.activities.intake import (
    Assignment,
    CaseEventInput,
    CaseViewInput,
    HouseholdChangeInput,
    NoticeInput,
    PlanInput,
    StatusInput,
    VerificationRecord,
    VerificationRequest,
)
from workflows.activities.payments import PaymentInput
from workflows.activities.referrals import ReferralInput
from workflows.inputs import (
    Determination,
    ExplanationLine,
    MemberCoverage,
    Program,
    ProgramResult,
    VerificationKind,
)
from workflows.state import CaseState, VerificationItem

LEGACY_KINDS = (VerificationKind.IDENTITY, VerificationKind.INCOME, VerificationKind.RESIDENCY,
                VerificationKind.HOUSEHOLD_COMPOSITION, VerificationKind.EXPENSES)
"""The items every case was asked for before intake planned them from the household (the
composition of a household of more than one)."""


@dataclass
class FakeServices:
    """What the fake services answer, and every call the workflow made to them."""

    expedited: bool = False
    benefits: dict[Program, int | None] = field(
        default_factory=lambda: {Program.SNAP: 29100, Program.TANF: None, Program.MEDICAID: None})
    """Monthly benefit per program; None means not eligible."""
    on_wages: Callable[[FakeServices, int], None] | None = None
    hold_changes: asyncio.Event | None = None
    """When given, each household change waits for this event before it is applied."""
    change_started: asyncio.Event = field(default_factory=asyncio.Event)
    refuse_payments: bool = False
    """While set, payments refuse every authorisation, as a service refuses a bad request."""
    parameters: list[str] = field(default_factory=list)
    """The rule parameters each determination says it used; a new one is a mass change."""
    plan: list[VerificationItem] | None = None
    """What intake's plan answers; None: the five items every case was asked for before
    plans, each required and its absence a denial."""
    on_verified: Callable[[FakeServices, VerificationRecord], None] | None = None
    """Called with each verification record, as intake applies its verified amounts."""
    coverage: list[MemberCoverage] = field(default_factory=list)
    """Each member's Medicaid coverage, as the engine reports it."""
    calls: list[tuple[str, Any]] = field(default_factory=list)
    determinations: int = 0

    def named(self, name: str) -> list[Any]:
        return [arg for called, arg in self.calls if called == name]

    def activities(self) -> list[Callable[..., Any]]:
        world = self

        @activity.defn(name="screen_expedited")
        async def screen_expedited(input: ScreenInput) -> ScreenResult:
            world.calls.append(("screen_expedited", input))
            criteria = ["LOW_INCOME_AND_RESOURCES"] if world.expedited else []
            return ScreenResult(world.expedited, criteria)

        @activity.defn(name="determine_eligibility")
        async def determine_eligibility(input: DetermineInput) -> Determination:
            world.calls.append(("determine_eligibility", input))
            world.determinations += 1
            results = []
            for program in input.programs:
                cents = world.benefits.get(program)
                results.append(ProgramResult(
                    program, cents is not None, cents or 0,
                    [] if cents is not None else ["GROSS_INCOME_OVER_LIMIT"],
                    explanation=[ExplanationLine("Benefit", cents or 0, "7 CFR 273.10(e)")],
                    members=list(world.coverage) if program is Program.MEDICAID else []))
            return Determination(f"det-{world.determinations}", input.period, results,
                                 list(world.parameters))

        @activity.defn(name="assign_caseworker")
        async def assign_caseworker(case_id: str) -> Assignment:
            world.calls.append(("assign_caseworker", case_id))
            # A week after the (test server's) day of assignment, in the agency's zone.
            scheduled = activity.info().current_attempt_scheduled_time
            assigned = scheduled.astimezone(ZoneInfo(AGENCY_ZONE))
            return Assignment("cw-0001", "office-001",
                              (assigned.date() + timedelta(days=7)).isoformat())

        @activity.defn(name="plan_verifications")
        async def plan_verifications(input: PlanInput) -> list[VerificationItem]:
            world.calls.append(("plan_verifications", input))
            if world.plan is not None:
                return world.plan
            # As before plans: household composition only for more than one member.
            case = await activity.client().get_workflow_handle(
                activity.info().workflow_id).query(STATUS_QUERY, result_type=CaseState)
            return [VerificationItem(kind, "") for kind in LEGACY_KINDS
                    if kind != VerificationKind.HOUSEHOLD_COMPOSITION or case.household_size > 1]

        @activity.defn(name="record_verification")
        async def record_verification(input: VerificationRecord) -> None:
            world.calls.append(("record_verification", input))
            if world.on_verified is not None:
                world.on_verified(world, input)

        @activity.defn(name="apply_household_change")
        async def apply_household_change(input: HouseholdChangeInput) -> None:
            world.calls.append(("apply_household_change", input))
            world.change_started.set()
            if world.hold_changes is not None:
                await world.hold_changes.wait()
            if input.wages_member_id and world.on_wages is not None:
                world.on_wages(world, input.wages_monthly_cents)

        @activity.defn(name="authorize_payment")
        async def authorize_payment(input: PaymentInput) -> str:
            world.calls.append(("authorize_payment", input))
            if world.refuse_payments:
                raise ApplicationError("amount_cents: must not be negative",
                                       type="INVALID_ARGUMENT", non_retryable=True)
            return f"auth-{input.idempotency_key}"

        @activity.defn(name="make_referrals")
        async def make_referrals(input: ReferralInput) -> list[str]:
            world.calls.append(("make_referrals", input))
            return [f"ref-{need}" for need in input.needs]

        def recorder(name: str, arg_type: type) -> Callable[..., Any]:
            async def record(input: Any) -> None:
                world.calls.append((name, input))
            record.__annotations__ = {"input": arg_type, "return": None}
            return activity.defn(name=name)(record)

        @activity.defn(name="issue_notice")
        async def issue_notice(input: NoticeInput) -> str:
            world.calls.append(("issue_notice", input))
            return f"notice-{len(world.named('issue_notice'))}"

        return [
            screen_expedited, determine_eligibility, assign_caseworker, apply_household_change,
            authorize_payment, make_referrals, issue_notice, plan_verifications,
            record_verification, recorder("request_verifications", VerificationRequest),
            recorder("record_case_event", CaseEventInput),
            recorder("update_case_status", StatusInput),
            recorder("record_case_view", CaseViewInput),
        ]
