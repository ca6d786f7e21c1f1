"""`casework demo`: five realistic cases driven through the public gRPC API of a running
stack, to show a newcomer what the system does.

Every step goes through IntakeService, as a state system or a caseworker would send it;
the payments and referrals services are only read, to show what the workflow authorised
and referred. Nothing here talks to Temporal: the case's progress is seen the way a
client sees it, by polling GetCase. The households are in `cli.scenarios`.

Each call carries the token of whoever would make it, minted with the local key: the
state system files the application and reads its case until a caseworker has it; the
case's caseworker (its office from the case) interviews, verifies and assesses; the
supervisor of that office approves the plan; operations reads the payments and referrals.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO

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

from cli.exits import EXIT_FAILED, EXIT_OK
from cli.render import (
    Outcome,
    Payment,
    Progress,
    Referral,
    decisions,
    name,
    phase_name,
    table,
    words,
)
from cli.scenarios import EVIDENCE, SCENARIOS, SUPERVISOR_ID, Scenario, application, assessment
from common import money, tls
from common.auth.callers import Metadata, bearer
from common.auth.roles import Role
from common.auth.tokens import AuthSettings, Minter, local_minter
from common.clock import today_in
from common.config import Settings
from common.tls import Identity, identity_for

STEP_TIMEOUT = 30.0
"""Seconds a case may take to reach the next phase; the whole demo takes a few seconds."""
POLL_SECONDS = 0.2
CONNECT_TIMEOUT = 3.0
RPC_TIMEOUT = 15.0
"""Per call: an Update waits for the workflow to run its handler's activities."""

SERVICES_READ = ("intake", "payments", "referrals")

STATE_SYSTEM = "demo-state-system"
"""The integration system the demo files its applications as."""
OPERATIONS = "demo-operations"

SETTLED_AFTER_DETERMINATION = (intake_pb2.PHASE_PLAN, intake_pb2.PHASE_MONITORING,
                               intake_pb2.PHASE_CLOSED)
"""Where a new case rests after its first determination (services passes by itself)."""


class DemoError(Exception):
    """The stack cannot be reached, or a case did not get where it should."""


async def demo(args: argparse.Namespace, settings: Settings | None = None,
               out: TextIO | None = None) -> int:
    """Run the demo cases and print where each ended; non-zero when any did not end
    where it should, so `make demo` fails loudly on a broken stack. `settings` lets
    tests point it at their own stack (its addresses and the var dir of its key).

    Raises:
        NoLocalIssuer: an OIDC issuer is configured, so the demo cannot make its tokens.
    """
    out = out or sys.stdout
    settings = settings or Settings.from_env("cli")
    minter = local_minter(AuthSettings.from_env(var_dir=settings.var_dir))
    # With --json the step log goes to stderr, so stdout stays one JSON document.
    log = sys.stderr if args.json else out
    try:
        outcomes = await run_demo(settings.addresses, out=log, minter=minter,
                                  timezone=settings.agency_timezone, step_timeout=args.timeout,
                                  identity=identity_for(settings))
    except DemoError as error:
        print(f"casework demo: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps([dataclasses.asdict(o) | {"ok": o.ok} for o in outcomes], indent=2),
              file=out)
    else:
        print("\n" + table(outcomes), file=out)
        failed = [o for o in outcomes if not o.ok]
        print(f"\n{len(outcomes) - len(failed)} of {len(outcomes)} cases ended where expected"
              + ("." if not failed else ": " + "; ".join(
                  f"({o.key}) {', '.join(o.problems)}" for o in failed)), file=out)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAILED


async def run_demo(addresses: Mapping[str, str], *, out: TextIO, timezone: str, minter: Minter,
                   scenarios: Sequence[Scenario] = SCENARIOS,
                   step_timeout: float = STEP_TIMEOUT,
                   identity: Identity | None = None) -> list[Outcome]:
    """Drive every scenario at once against the stack at `addresses` (service name ->
    host:port), with tokens `minter` signs, over mutual TLS with `identity` when the
    stack has TLS on; returns where each case ended, in scenario order.

    Raises:
        DemoError: a service does not answer.
    """
    channels = {service: tls.channel(addresses[service], identity)
                for service in SERVICES_READ}
    try:
        await check_reachable(channels, addresses)
        stubs = Stubs.on(channels)
        progress = Progress(out)
        # Filing, interview and evidence dates are all today in the agency's zone.
        today = today_in(timezone)
        return list(await asyncio.gather(*(
            CaseDriver(stubs, scenario, today, progress, step_timeout, Callers(minter)).run()
            for scenario in scenarios)))
    finally:
        for channel in channels.values():
            await channel.close()


async def check_reachable(channels: Mapping[str, grpc.aio.Channel],
                          addresses: Mapping[str, str]) -> None:
    """Fail fast, and say what to do, when the stack is not up."""
    for service in SERVICES_READ:
        try:
            await asyncio.wait_for(channels[service].channel_ready(), CONNECT_TIMEOUT)
        except TimeoutError:
            raise DemoError(f"cannot reach the {service} service at {addresses[service]}: "
                            "is `make up` running?") from None


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


class Callers:
    """The tokens the demo's callers send, as call metadata."""

    def __init__(self, minter: Minter) -> None:
        self._minter = minter
        self.state_system = self._as(Role.INTEGRATION, STATE_SYSTEM)
        self.operations = self._as(Role.OPERATIONS, OPERATIONS)

    def _as(self, role: Role, sub: str, office: str = "") -> Metadata:
        return bearer(self._minter.mint(role, sub, office))

    def caseworker(self, state: intake_pb2.CaseState) -> Metadata:
        """The case's own caseworker, in the case's office."""
        return self._as(Role.CASEWORKER, state.caseworker_id, state.office_id)

    def supervisor(self, state: intake_pb2.CaseState) -> Metadata:
        """The supervisor of the case's office."""
        return self._as(Role.SUPERVISOR, SUPERVISOR_ID, state.office_id)


class CaseDriver:
    """Takes one scenario's case from application to where it should rest."""

    def __init__(self, stubs: Stubs, scenario: Scenario, today: date, progress: Progress,
                 step_timeout: float, callers: Callers) -> None:
        self._stubs = stubs
        self._scenario = scenario
        self._today = today
        self._progress = progress
        self._timeout = step_timeout
        self._callers = callers
        self._case_id = ""
        self._reader = callers.state_system
        """Who reads the case: the system that filed it, then its caseworker."""

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
            timeout=RPC_TIMEOUT, metadata=self._callers.state_system)
        self._case_id = reply.case_id
        self._step(f"application filed, case {reply.case_id}")

        state = await self._wait("a caseworker", lambda st: bool(st.caseworker_id))
        caseworker = state.caseworker_id
        as_caseworker = self._reader = self._callers.caseworker(state)
        as_supervisor = self._callers.supervisor(state)
        await intake.RecordInterview(intake_pb2.RecordInterviewRequest(
            case_id=self._case_id, caseworker_id=caseworker, interview_date=today),
            timeout=RPC_TIMEOUT, metadata=as_caseworker)
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
                verifier_id=caseworker), timeout=RPC_TIMEOUT, metadata=as_caseworker)
        self._step(("expedited: " if state.expedited else "") + "verified "
                   + ", ".join(words(intake_pb2.VerificationKind, k) for k in needed))

        state = await self._wait("a determination",
                                 lambda st: st.phase in SETTLED_AFTER_DETERMINATION)
        self._step("determined: " + "; ".join(str(d) for d in decisions(state)))
        if state.phase == intake_pb2.PHASE_PLAN:
            await intake.RecordAssessment(assessment(self._case_id, caseworker, self._today),
                                          timeout=RPC_TIMEOUT, metadata=as_caseworker)
            await intake.ApprovePlan(intake_pb2.ApprovePlanRequest(
                case_id=self._case_id, supervisor_id=SUPERVISOR_ID), timeout=RPC_TIMEOUT,
                metadata=as_supervisor)
            self._step(f"plan assessed by {caseworker}, approved by {SUPERVISOR_ID}")
            state = await self._wait("services", lambda st: st.phase == intake_pb2.PHASE_MONITORING)

        if s.new_job_wages_cents and state.phase == intake_pb2.PHASE_MONITORING:
            await intake.RecordEmployment(intake_pb2.RecordEmploymentRequest(
                case_id=self._case_id, member_id="p1", start_date=today,
                monthly_wages_cents=s.new_job_wages_cents, hours_per_week=40,
                caseworker_id=caseworker), timeout=RPC_TIMEOUT, metadata=as_caseworker)
            self._step(f"found work at {money.show(s.new_job_wages_cents)}/month")
            await self._wait(phase_name(s.expect), lambda st: st.phase == s.expect)

    async def _wait(self, what: str,
                    done: Callable[[intake_pb2.CaseState], bool]) -> intake_pb2.CaseState:
        """Poll GetCase until `done`, as a client of the public API sees the case move."""
        deadline = time.monotonic() + self._timeout
        while True:
            reply = await self._stubs.intake.GetCase(
                intake_pb2.GetCaseRequest(case_id=self._case_id), timeout=RPC_TIMEOUT,
                metadata=self._reader)
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
                                                  timeout=RPC_TIMEOUT,
                                                  metadata=self._reader)).case.state
        outcome.phase = phase_name(state.phase)
        outcome.expedited = state.expedited
        outcome.decisions = decisions(state)
        authorizations = await self._stubs.payments.ListAuthorizations(
            payments_pb2.ListAuthorizationsRequest(case_id=case_id), timeout=RPC_TIMEOUT,
            metadata=self._callers.operations)
        outcome.payments = [
            Payment(name(common_pb2.Program, a.program), a.period,
                    name(payments_pb2.PaymentKind, a.kind).lower(), a.amount_cents,
                    a.idempotency_key)
            for a in authorizations.authorizations
            if a.status == payments_pb2.AUTHORIZATION_STATUS_AUTHORIZED]
        referrals = await self._stubs.referrals.ListReferrals(
            referrals_pb2.ListReferralsRequest(case_id=case_id), timeout=RPC_TIMEOUT,
            metadata=self._callers.operations)
        outcome.referrals = [
            Referral(name(common_pb2.Need, r.need).lower(), r.resource_id,
                     name(referrals_pb2.ReferralStatus, r.status).lower())
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
