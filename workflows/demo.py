"""`casework demo`: five realistic cases driven through the public gRPC API of a running
stack, to show a newcomer what the system does.

Every step goes through IntakeService, as a state system or a caseworker would send it;
the payments and referrals services are only read, to show what the workflow authorised
and referred. Nothing here talks to Temporal: the case's progress is seen the way a
client sees it, by polling GetCase. The households are fictional.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

import grpc
from casework.v1 import (
    common_pb2,
    intake_pb2,
    intake_pb2_grpc,
    payments_pb2,
    payments_pb2_grpc,
    referrals_pb2,
    referrals_pb2_grpc,
)

STEP_TIMEOUT = 30.0
"""Seconds a case may take to reach the next phase; the whole demo takes a few seconds."""
POLL_SECONDS = 0.2
CONNECT_TIMEOUT = 3.0
RPC_TIMEOUT = 15.0
"""Per call: an Update waits for the workflow to run its handler's activities."""
SUPERVISOR_ID = "sup-0001"
"""Plans are approved by a supervisor, never by the caseworker who wrote them."""

SERVICES_READ = ("intake", "payments", "referrals")

SETTLED_AFTER_DETERMINATION = (intake_pb2.PHASE_PLAN, intake_pb2.PHASE_MONITORING,
                               intake_pb2.PHASE_CLOSED)
"""Where a new case rests after its first determination (services passes by itself)."""

EVIDENCE = {
    intake_pb2.VERIFICATION_KIND_IDENTITY: "state ID card",
    intake_pb2.VERIFICATION_KIND_INCOME: "pay stubs, last 30 days",
    intake_pb2.VERIFICATION_KIND_RESIDENCY: "signed lease",
    intake_pb2.VERIFICATION_KIND_HOUSEHOLD_COMPOSITION: "birth certificates",
    intake_pb2.VERIFICATION_KIND_EXPENSES: "rent receipt from landlord",
}
"""What a caseworker records as each item's source."""


class DemoError(Exception):
    """The stack cannot be reached, or a case did not get where it should."""


@dataclass(frozen=True)
class Member:
    given_name: str
    family_name: str
    age: int
    relationship: int
    wages_cents: int = 0


@dataclass(frozen=True)
class Scenario:
    """One household's story: what it applies with, and where its case should end."""

    key: str
    title: str
    programs: tuple[int, ...]
    state: str
    city: str
    county: str
    zip: str
    members: tuple[Member, ...]
    rent_cents: int
    liquid_cents: int
    expect: int
    """The phase the case should end in."""
    expedited: bool = False
    plan: bool = False
    """TANF-eligible: a caseworker assesses and a supervisor approves a plan."""
    new_job_wages_cents: int = 0
    """After monitoring starts, the head of household finds work at these wages."""


SNAP, TANF = common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF
HEAD, CHILD = common_pb2.RELATIONSHIP_HEAD, common_pb2.RELATIONSHIP_CHILD

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("a", "SNAP approved", (SNAP,), "IL", "Urbana", "Champaign", "61801",
             (Member("Maria", "Delgado", 31, HEAD, wages_cents=160_000),
              Member("Lucas", "Delgado", 6, CHILD)),
             rent_cents=95_000, liquid_cents=40_000, expect=intake_pb2.PHASE_MONITORING),
    Scenario("b", "SNAP denied: income", (SNAP,), "IL", "Springfield", "Sangamon", "62703",
             (Member("Gregory", "Hale", 45, HEAD, wages_cents=520_000),),
             rent_cents=120_000, liquid_cents=300_000, expect=intake_pb2.PHASE_CLOSED),
    Scenario("c", "SNAP expedited", (SNAP,), "IL", "Chicago", "Cook", "60623",
             (Member("Tasha", "Greene", 27, HEAD, wages_cents=8_000),),
             rent_cents=65_000, liquid_cents=1_200, expect=intake_pb2.PHASE_MONITORING,
             expedited=True),
    Scenario("d", "SNAP+TANF with a plan", (SNAP, TANF), "IL", "Chicago", "Cook", "60624",
             (Member("Denise", "Carter", 29, HEAD, wages_cents=70_000),
              Member("Jordan", "Carter", 7, CHILD), Member("Amara", "Carter", 3, CHILD)),
             rent_cents=85_000, liquid_cents=90_000, expect=intake_pb2.PHASE_MONITORING,
             plan=True),
    Scenario("e", "TANF, finds work", (SNAP, TANF), "OR", "Portland", "Multnomah", "97206",
             (Member("Ashley", "Nguyen", 33, HEAD), Member("Mia", "Nguyen", 10, CHILD)),
             rent_cents=90_000, liquid_cents=160_000, expect=intake_pb2.PHASE_RETENTION,
             plan=True, new_job_wages_cents=260_000),
)


@dataclass
class Decision:
    program: str
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: list[str]

    def __str__(self) -> str:
        if self.eligible:
            return f"{self.program}: approved {dollars(self.monthly_benefit_cents)}"
        return f"{self.program}: denied {', '.join(self.denial_reasons) or '-'}"


@dataclass
class Payment:
    program: str
    period: str
    kind: str
    amount_cents: int
    idempotency_key: str


@dataclass
class Referral:
    need: str
    resource_id: str
    status: str


@dataclass
class Outcome:
    """Where one scenario's case ended, as the services report it."""

    key: str
    title: str
    expected_phase: str
    case_id: str = ""
    phase: str = ""
    expedited: bool = False
    decisions: list[Decision] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def enum_name(enum: object, value: int, prefix: str) -> str:
    """`PROGRAM_SNAP` -> `SNAP`: the short names people read in tables and JSON."""
    name: str = enum.Name(value)  # type: ignore[attr-defined]
    return name.removeprefix(prefix)


def phase_name(value: int) -> str:
    return enum_name(intake_pb2.Phase, value, "PHASE_").lower()


def dollars(cents: int) -> str:
    return f"${cents / 100:,.2f}"


class Progress:
    """A step log: one line per step, with a check mark and the time since the start."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._start = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def step(self, scenario: Scenario, text: str, *, ok: bool = True) -> None:
        mark = "✓" if ok else "✗"
        print(f"{self.elapsed():5.1f}s {mark} ({scenario.key}) {scenario.title:<22} {text}",
              file=self._out, flush=True)


def _birth_date(today: date, age: int) -> str:
    """Born on New Year's Day, so the member is `age` all year."""
    return date(today.year - age, 1, 1).isoformat()


def application(scenario: Scenario, today: date) -> intake_pb2.Application:
    """What a state benefit system would submit for this household, filed today."""
    people = [intake_pb2.Person(id=f"p{n}", given_name=m.given_name, family_name=m.family_name,
                                birth_date=_birth_date(today, m.age), relationship=m.relationship)
              for n, m in enumerate(scenario.members, start=1)]
    incomes = [common_pb2.Income(member_id=f"p{n}", kind=common_pb2.INCOME_KIND_WAGES,
                                 monthly_cents=m.wages_cents)
               for n, m in enumerate(scenario.members, start=1) if m.wages_cents]
    return intake_pb2.Application(
        programs=scenario.programs, state=scenario.state,
        address=intake_pb2.Address(line1="1200 W Elm St Apt 2", city=scenario.city,
                                   county=scenario.county, zip=scenario.zip),
        filing_date=today.isoformat(), people=people, incomes=incomes,
        expenses=common_pb2.Expenses(rent_cents=scenario.rent_cents,
                                     utilities=common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING),
        assets=common_pb2.Assets(liquid_cents=scenario.liquid_cents))


def assessment(case_id: str, caseworker_id: str, today: date) -> intake_pb2.RecordAssessmentRequest:
    """A comprehensive assessment of a parent looking for steady work: child care,
    transport and employment are the barriers the plan works on."""

    def by(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    return intake_pb2.RecordAssessmentRequest(
        case_id=case_id, caseworker_id=caseworker_id,
        strengths=["three years of retail work history", "family nearby who help"],
        needs=[common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT, common_pb2.NEED_EMPLOYMENT],
        goals=["full-time work at $17/hour or more within six months",
               "stable licensed child care for every child"],
        activities=[
            intake_pb2.PlanActivity(description="Apply for a reduced-fare transit pass",
                                    need=common_pb2.NEED_TRANSPORT, target_date=by(7)),
            intake_pb2.PlanActivity(description="Enrol the children with a licensed provider",
                                    need=common_pb2.NEED_CHILD_CARE, target_date=by(14)),
            intake_pb2.PlanActivity(description="Job readiness workshop, two interviews a week",
                                    need=common_pb2.NEED_EMPLOYMENT, target_date=by(30)),
        ])


@dataclass
class Stubs:
    """The three services the demo talks to, on channels the caller owns."""

    intake: intake_pb2_grpc.IntakeServiceStub
    payments: payments_pb2_grpc.PaymentsServiceStub
    referrals: referrals_pb2_grpc.ReferralsServiceStub

    @classmethod
    def on(cls, channels: Mapping[str, grpc.aio.Channel]) -> Stubs:
        return cls(intake_pb2_grpc.IntakeServiceStub(channels["intake"]),
                   payments_pb2_grpc.PaymentsServiceStub(channels["payments"]),
                   referrals_pb2_grpc.ReferralsServiceStub(channels["referrals"]))


class CaseDriver:
    """Takes one scenario's case from application to where it should rest."""

    def __init__(self, stubs: Stubs, scenario: Scenario, today: date, progress: Progress,
                 step_timeout: float) -> None:
        self._stubs = stubs
        self._scenario = scenario
        self._today = today
        self._progress = progress
        self._timeout = step_timeout
        self._case_id = ""

    async def run(self) -> Outcome:
        s = self._scenario
        outcome = Outcome(s.key, s.title, phase_name(s.expect))
        started = self._progress.elapsed()
        try:
            await self._drive()
            await self._read(outcome)
            outcome.problems = self._check(outcome)
        except (DemoError, grpc.aio.AioRpcError) as error:
            text = (f"{error.code().name}: {error.details()}"
                    if isinstance(error, grpc.aio.AioRpcError) else str(error))
            outcome.case_id = self._case_id
            outcome.problems.append(text)
        outcome.seconds = self._progress.elapsed() - started
        self._progress.step(s, f"ended in {outcome.phase or '?'}"
                            + ("" if outcome.ok else f": {'; '.join(outcome.problems)}"),
                            ok=outcome.ok)
        return outcome

    async def _drive(self) -> None:
        s, intake, today = self._scenario, self._stubs.intake, self._today.isoformat()
        reply = await intake.SubmitApplication(intake_pb2.SubmitApplicationRequest(
            submission_id=f"demo-{uuid.uuid4()}", application=application(s, self._today)),
            timeout=RPC_TIMEOUT)
        self._case_id = reply.case_id
        self._step(f"application filed, case {reply.case_id}")

        state = await self._wait("a caseworker", lambda st: bool(st.caseworker_id))
        caseworker = state.caseworker_id
        await intake.RecordInterview(intake_pb2.RecordInterviewRequest(
            case_id=self._case_id, caseworker_id=caseworker, interview_date=today),
            timeout=RPC_TIMEOUT)
        self._step(f"interviewed by {caseworker}")

        state = await self._wait("verification requests",
                                 lambda st: st.phase == intake_pb2.PHASE_VERIFICATION
                                 and bool(st.verifications))
        # 7 CFR 273.2(i)(4)(i): expedited service needs only identity verified first.
        needed = [item.kind for item in state.verifications if not item.received
                  and (not state.expedited or item.kind == intake_pb2.VERIFICATION_KIND_IDENTITY)]
        for kind in needed:
            await intake.SubmitVerification(intake_pb2.SubmitVerificationRequest(
                case_id=self._case_id, kind=kind, source=EVIDENCE[kind], received_date=today,
                verifier_id=caseworker), timeout=RPC_TIMEOUT)
        self._step(("expedited: " if state.expedited else "")
                   + "verified " + ", ".join(enum_name(intake_pb2.VerificationKind, k,
                                                       "VERIFICATION_KIND_").lower()
                                             .replace("_", " ") for k in needed))

        state = await self._wait("a determination",
                                 lambda st: st.phase in SETTLED_AFTER_DETERMINATION)
        self._step("determined: " + "; ".join(str(d) for d in decisions(state)))
        if state.phase == intake_pb2.PHASE_PLAN:
            await intake.RecordAssessment(assessment(self._case_id, caseworker, self._today),
                                          timeout=RPC_TIMEOUT)
            await intake.ApprovePlan(intake_pb2.ApprovePlanRequest(
                case_id=self._case_id, supervisor_id=SUPERVISOR_ID), timeout=RPC_TIMEOUT)
            self._step(f"plan assessed by {caseworker}, approved by {SUPERVISOR_ID}")
            state = await self._wait("services", lambda st: st.phase == intake_pb2.PHASE_MONITORING)

        if s.new_job_wages_cents and state.phase == intake_pb2.PHASE_MONITORING:
            await intake.RecordEmployment(intake_pb2.RecordEmploymentRequest(
                case_id=self._case_id, member_id="p1", start_date=today,
                monthly_wages_cents=s.new_job_wages_cents, hours_per_week=40),
                timeout=RPC_TIMEOUT)
            self._step(f"found work at {dollars(s.new_job_wages_cents)}/month")
            await self._wait(phase_name(s.expect), lambda st: st.phase == s.expect)

    async def _wait(self, what: str,
                    done: Callable[[intake_pb2.CaseState], bool]) -> intake_pb2.CaseState:
        """Poll GetCase until `done`, as a client of the public API sees the case move."""
        deadline = time.monotonic() + self._timeout
        while True:
            reply = await self._stubs.intake.GetCase(
                intake_pb2.GetCaseRequest(case_id=self._case_id), timeout=RPC_TIMEOUT)
            state = reply.case.state
            if done(state):
                return state
            if time.monotonic() > deadline:
                raise DemoError(f"waited {self._timeout:.0f}s for {what}; the case is still "
                                f"in {phase_name(state.phase)}")
            await asyncio.sleep(POLL_SECONDS)

    async def _read(self, outcome: Outcome) -> None:
        case_id = outcome.case_id = self._case_id
        state = (await self._stubs.intake.GetCase(intake_pb2.GetCaseRequest(case_id=case_id),
                                                  timeout=RPC_TIMEOUT)).case.state
        outcome.phase = phase_name(state.phase)
        outcome.expedited = state.expedited
        outcome.decisions = decisions(state)
        authorizations = await self._stubs.payments.ListAuthorizations(
            payments_pb2.ListAuthorizationsRequest(case_id=case_id), timeout=RPC_TIMEOUT)
        outcome.payments = [
            Payment(enum_name(common_pb2.Program, a.program, "PROGRAM_"), a.period,
                    enum_name(payments_pb2.PaymentKind, a.kind, "PAYMENT_KIND_").lower(),
                    a.amount_cents, a.idempotency_key)
            for a in authorizations.authorizations
            if a.status == payments_pb2.AUTHORIZATION_STATUS_AUTHORIZED]
        referrals = await self._stubs.referrals.ListReferrals(
            referrals_pb2.ListReferralsRequest(case_id=case_id), timeout=RPC_TIMEOUT)
        outcome.referrals = [
            Referral(enum_name(common_pb2.Need, r.need, "NEED_").lower(), r.resource_id,
                     enum_name(referrals_pb2.ReferralStatus, r.status,
                               "REFERRAL_STATUS_").lower())
            for r in referrals.referrals]

    def _check(self, outcome: Outcome) -> list[str]:
        """What a newcomer should see; anything else is a problem worth a non-zero exit."""
        s = self._scenario
        problems = []
        if outcome.phase != phase_name(s.expect):
            problems.append(f"expected {phase_name(s.expect)}")
        if outcome.expedited != s.expedited:
            problems.append(f"expected expedited={s.expedited}")
        approved = any(d.eligible for d in outcome.decisions)
        if approved and not outcome.payments:
            problems.append("approved but nothing authorised")
        if not approved and outcome.payments:
            problems.append("denied but a payment was authorised")
        if s.plan and not outcome.referrals:
            problems.append("a plan with needs but no referrals")
        keys = [p.idempotency_key for p in outcome.payments]
        if len(keys) != len(set(keys)):
            problems.append("a payment was authorised twice")
        return problems

    def _step(self, text: str) -> None:
        self._progress.step(self._scenario, text)


def decisions(state: intake_pb2.CaseState) -> list[Decision]:
    return [Decision(enum_name(common_pb2.Program, d.program, "PROGRAM_"), d.eligible,
                     d.monthly_benefit_cents, list(d.denial_reasons))
            for d in state.decisions]


async def check_reachable(channels: Mapping[str, grpc.aio.Channel],
                          addresses: Mapping[str, str]) -> None:
    """Fail fast, and say what to do, when the stack is not up."""
    for name in SERVICES_READ:
        try:
            await asyncio.wait_for(channels[name].channel_ready(), CONNECT_TIMEOUT)
        except TimeoutError:
            raise DemoError(f"cannot reach the {name} service at {addresses[name]}: "
                            "is `make up` running?") from None


def today_in(timezone: str) -> date:
    """The agency's date: filing, interview and evidence dates are all today there."""
    return datetime.now(ZoneInfo(timezone)).date()


async def run_demo(addresses: Mapping[str, str], *, out: TextIO, timezone: str,
                   scenarios: Sequence[Scenario] = SCENARIOS,
                   step_timeout: float = STEP_TIMEOUT) -> list[Outcome]:
    """Drive every scenario at once against the stack at `addresses` (service name ->
    host:port); returns where each case ended, in scenario order.

    Raises:
        DemoError: a service does not answer.
    """
    channels = {name: grpc.aio.insecure_channel(addresses[name]) for name in SERVICES_READ}
    try:
        await check_reachable(channels, addresses)
        stubs = Stubs.on(channels)
        progress = Progress(out)
        today = today_in(timezone)
        return list(await asyncio.gather(*(
            CaseDriver(stubs, scenario, today, progress, step_timeout).run()
            for scenario in scenarios)))
    finally:
        for channel in channels.values():
            await channel.close()


def table(outcomes: Sequence[Outcome]) -> str:
    """The summary a newcomer reads: one row per case, plain text."""
    header = ("case", "scenario", "phase", "decisions", "payments authorised", "referrals")
    rows = [header] + [
        (o.case_id or "-", f"({o.key}) {o.title}",
         o.phase + ("" if o.ok else " ✗"),
         "; ".join(str(d) for d in o.decisions) or "-",
         "; ".join(f"{p.program} {p.period} {dollars(p.amount_cents)}" for p in o.payments)
         or "-",
         ", ".join(r.need for r in o.referrals) or "-")
        for o in outcomes]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
