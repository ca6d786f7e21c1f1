"""The chaos run's cases: the demo's households (and a Medicaid one) filed through
intake's public API and taken, step by step, to where each story rests, while processes
are being killed under them.

A step can be lost in a kill: intake, Temporal or the worker may die after the step took
effect but before its answer arrived. So a case is driven by what it shows, not by what
was sent: each turn reads the case (GetCase) and sends the one step its state still
lacks (the interview, the next proof, the assessment, the plan's approval). A step that
never reached intake (the connection was refused) is sent again at the next turn; one
whose answer was lost on the way back (UNAVAILABLE, DEADLINE_EXCEEDED, ...) is not sent
again until its effect has had `AMBIGUOUS_WAIT` seconds to show, so the driver does not
itself do twice what a caseworker did once. A step the case refuses
(FAILED_PRECONDITION: the state it was chosen from was stale) is simply read again.
"""

from __future__ import annotations

import asyncio
import enum
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from google.protobuf.message import Message

from cli.demo import Callers
from cli.scenarios import (
    EVIDENCE,
    HEAD,
    SCENARIOS,
    SUPERVISOR_ID,
    Person,
    Scenario,
    application,
    assessment,
)
from common.auth.callers import Metadata

CHILD = common_pb2.RELATIONSHIP_CHILD

MEDICAID = Scenario(
    "m", "Medicaid only", (common_pb2.PROGRAM_MEDICAID,), "IL", "Peoria", "Peoria", "61603",
    (Person("Rosa", "Alvarez", 36, HEAD, wages_cents=90_000), Person("Leo", "Alvarez", 8, CHILD)),
    rent_cents=80_000, liquid_cents=30_000, expect=intake_pb2.PHASE_MONITORING)
"""A parent and child applying for Medicaid alone: no interview (42 CFR 435.907(d))."""

STORIES: tuple[Scenario, ...] = (*(s for s in SCENARIOS if not s.new_job_wages_cents), MEDICAID)
"""Every demo story whose resting state needs no step after monitoring begins (the one
that finds work needs a RecordEmployment whose effect a lost answer would hide), and
Medicaid: SNAP approved and paid, SNAP denied, expedited SNAP, SNAP+TANF with a plan and
referrals, Medicaid."""

PAYS = frozenset({"a", "c", "d"})
"""The stories whose approval authorises a payment (Medicaid pays no one)."""
REFERRED_NEEDS = 3
"""The demo's assessment names three needs; a plan's case is referred for each."""

READ_TIMEOUT = 10.0
STEP_TIMEOUT = 90.0
"""Longer than intake's own wait for an Update (60 s), so intake answers first."""
AMBIGUOUS_WAIT = 60.0
"""How long a step whose answer was lost gets to show its effect before it is sent
again: intake's own wait for an Update (60 s), which covers a worker's restart and an
activity's 30 s attempt. Sooner, a second copy could pass the case's validator while
the first is still under way (a handler records its step before it marks it taken)."""
POLL_SECONDS = 1.0
MAX_POLL_SECONDS = 8.0
"""A case read again and again unchanged is read less and less often, up to this: with
hundreds of cases every read is a Query the worker answers and a row intake audits."""

CUT = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED,
                  grpc.StatusCode.CANCELLED, grpc.StatusCode.UNKNOWN,
                  grpc.StatusCode.INTERNAL})
"""What a caller sees of a killed process: the call may or may not have taken effect."""
REFUSED = frozenset({grpc.StatusCode.FAILED_PRECONDITION})
"""The step did not fit the case as it now is (read from a stale record): read again."""


@dataclass
class Case:
    """One chaos case and what driving it took."""

    story: Scenario
    submission_id: str = field(default_factory=lambda: f"chaos-{uuid.uuid4()}")
    case_id: str = ""
    last: intake_pb2.Case = field(default_factory=intake_pb2.Case)
    """The case as last read."""
    rested_at: float | None = None
    """`time.monotonic()` when it was first seen resting where its story ends."""
    cut_calls: int = 0
    """The driver's calls a kill cut off, unsent or unanswered (each was read again, or
    sent again if its effect did not show)."""
    resent: int = 0
    """Steps sent again after `AMBIGUOUS_WAIT` showed no effect of the first."""

    def rests(self) -> bool:
        """In its story's phase, recorded so in intake's read model, paid and referred
        as the story says (payments and referrals come before monitoring)."""
        state, story = self.last.state, self.story
        return (state.phase == story.expect and self.last.recorded_phase == story.expect
                and not self.last.state_from_record
                and (story.key not in PAYS or bool(state.payment_authorization_ids))
                and (not story.plan or (state.plan_approved
                                        and len(state.referral_ids) == REFERRED_NEEDS)))


def cases(count: int) -> list[Case]:
    """`count` cases, the stories in turn."""
    return [Case(STORIES[n % len(STORIES)]) for n in range(count)]


class Failure(enum.Enum):
    """How a call ended without an answer worth keeping."""

    UNSENT = "the call never reached the server: nothing happened"
    LOST = "the answer was lost: the call may or may not have taken effect"
    REFUSED = "the case refused the step as it now stands"


@dataclass(frozen=True)
class Step:
    """A caseworker's or supervisor's step, named so that a lost one is recognised."""

    name: str
    method: Callable[..., Awaitable[Any]]
    request: Message
    metadata: Metadata


class Driver:
    """Takes cases through intake to where their stories rest, `gate` bounding how many
    calls are in flight at once (so the stack is loaded, not swamped)."""

    def __init__(self, intake: intake_pb2_grpc.IntakeServiceStub, callers: Callers,
                 today: date, gate: asyncio.Semaphore) -> None:
        self._intake = intake
        self._callers = callers
        self._today = today
        self._gate = gate

    async def submit(self, case: Case) -> None:
        """File the case's application, again under the same submission id until an
        answer arrives (intake replays a stored submission)."""
        request = intake_pb2.SubmitApplicationRequest(
            submission_id=case.submission_id, application=application(case.story, self._today))
        while not case.case_id:
            reply = await self._call(case, self._intake.SubmitApplication, request,
                                     self._callers.state_system, READ_TIMEOUT)
            if isinstance(reply, Failure):
                await self._pause()
            else:
                case.case_id = reply.case_id

    async def refresh(self, case: Case) -> None:
        """Read the case once more (what the checks compare the databases with)."""
        await self._read(case)

    async def drive(self, case: Case) -> None:
        """Read and step the case until it rests (the caller bounds how long)."""
        lost: tuple[str, float] | None = None
        """The step whose answer was lost, and when it was sent."""
        idle = 0
        """Reads in a row that found the case as it was: each waits twice as long."""
        while True:
            before = case.last.state
            await self._read(case)
            idle = idle + 1 if case.last.state == before else 0
            if case.rests():
                case.rested_at = time.monotonic()
                return
            step = None if case.last.state_from_record else self._next(case)
            if step is not None and lost is not None and lost[0] == step.name:
                if time.monotonic() - lost[1] < AMBIGUOUS_WAIT:
                    step = None  # its effect may yet show
                else:
                    case.resent += 1
            if step is not None:
                sent_at = time.monotonic()
                outcome = await self._call(case, step.method, step.request, step.metadata,
                                           STEP_TIMEOUT)
                lost = (step.name, sent_at) if outcome is Failure.LOST else None
                if not isinstance(outcome, Failure):
                    continue  # taken: read what it made of the case at once
            await self._pause(idle)

    def _next(self, case: Case) -> Step | None:
        """The step the case's state still lacks, if a person would take one now."""
        state, case_id, today = case.last.state, case.case_id, self._today.isoformat()
        if not state.caseworker_id:
            return None
        as_caseworker = self._callers.caseworker(state)
        if state.phase == intake_pb2.PHASE_INTAKE and not state.interviewed:
            return Step("interview", self._intake.RecordInterview,
                        intake_pb2.RecordInterviewRequest(
                            case_id=case_id, caseworker_id=state.caseworker_id,
                            interview_date=today), as_caseworker)
        if state.phase == intake_pb2.PHASE_VERIFICATION:
            # 7 CFR 273.2(i)(4)(i): expedited service needs only identity verified first.
            needed = [item.kind for item in state.verifications if not item.received
                      and (not state.expedited
                           or item.kind == intake_pb2.VERIFICATION_KIND_IDENTITY)]
            return None if not needed else Step(
                f"verify {needed[0]}", self._intake.SubmitVerification,
                intake_pb2.SubmitVerificationRequest(
                    case_id=case_id, kind=needed[0], source=EVIDENCE[needed[0]],
                    received_date=today, verifier_id=state.caseworker_id), as_caseworker)
        if state.phase == intake_pb2.PHASE_PLAN and not state.needs:
            return Step("assess", self._intake.RecordAssessment,
                        assessment(case_id, state.caseworker_id, self._today), as_caseworker)
        if state.phase == intake_pb2.PHASE_PLAN and not state.plan_approved:
            return Step("approve", self._intake.ApprovePlan, intake_pb2.ApprovePlanRequest(
                case_id=case_id, supervisor_id=SUPERVISOR_ID), self._callers.supervisor(state))
        return None

    async def _read(self, case: Case) -> None:
        # The filing system reads its case until a caseworker has it, then the caseworker.
        state = case.last.state
        reader = (self._callers.caseworker(state) if state.caseworker_id
                  else self._callers.state_system)
        reply = await self._call(case, self._intake.GetCase,
                                 intake_pb2.GetCaseRequest(case_id=case.case_id), reader,
                                 READ_TIMEOUT)
        if not isinstance(reply, Failure):
            case.last = reply.case

    async def _call(self, case: Case, method: Callable[..., Awaitable[Any]], request: Message,
                    metadata: Metadata, seconds: float) -> Any:
        """The reply, or the `Failure` a kill or a stale read explains; any other error
        is a bug the run must not hide, and is raised."""
        async with self._gate:
            try:
                return await method(request, timeout=seconds, metadata=metadata)
            except grpc.aio.AioRpcError as error:
                if error.code() in CUT:
                    case.cut_calls += 1
                    return Failure.UNSENT if _unsent(error) else Failure.LOST
                if error.code() in REFUSED:
                    return Failure.REFUSED
                raise

    async def _pause(self, idle: int = 0) -> None:
        seconds = min(POLL_SECONDS * 2 ** idle, MAX_POLL_SECONDS)
        await asyncio.sleep(seconds * random.uniform(0.7, 1.3))  # spread the reads


def _unsent(error: grpc.aio.AioRpcError) -> bool:
    """Whether gRPC could not connect at all (the server is down), so no byte of the
    call left this process."""
    return (error.code() == grpc.StatusCode.UNAVAILABLE
            and "failed to connect" in (error.details() or "").lower())
