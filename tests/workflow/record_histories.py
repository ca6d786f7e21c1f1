"""Record CaseWorkflow histories for the replay test:
`python -m tests.workflow.record_histories TAG`.

Run it when the workflow deliberately changes shape (the change guarded with
`workflow.patched`): it records each scenario as `histories/<scenario>.<TAG>.json`
beside the older shapes, and keeps any already recorded under that tag, because the
committed histories are the cases that today's code must still replay.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from datetime import time, timedelta
from pathlib import Path

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from tests import payloads
from tests.servers import time_skipping
from tests.workflow.conftest import (
    finished,
    new_worker,
    phase_reached,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_calendar import latest, sleep_until
from tests.workflow.test_case import (
    close,
    interview,
    to_monitoring,
    verification_requested,
    verify_all,
)
from tests.workflow.test_renewals import into_expiration_month, month_by_month
from tests.workflow.test_verification import HOMELESS, planned
from workflows import search, sla
from workflows.acts import PAYMENT_APPROVAL_LIMIT_CENTS
from workflows.case import CaseWorkflow
from workflows.inputs import (
    AppealedAction,
    ApprovalDecisionInput,
    AssessmentInput,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    DeadlineExtensionInput,
    EmploymentInput,
    ExtensionRequestInput,
    HearingDecisionInput,
    HearingOutcome,
    HearingRequestInput,
    IfNotProvided,
    Income,
    IncomeKind,
    InterviewInput,
    Need,
    Phase,
    PlanApprovalInput,
    Program,
    ReassignmentInput,
    RenewalInput,
    Requester,
    RescheduleInput,
    VerificationAction,
    VerificationInput,
    VerificationKind,
)
from workflows.state import Task

HISTORIES = Path(__file__).parent / "histories"

Scenario = Callable[[WorkflowEnvironment, WorkflowHandle], Awaitable[None]]
"""Drives one case; a case that continued as new is recorded run by run."""


async def snap_paid_then_closed(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await to_monitoring(env, handle)
    await env.sleep(timedelta(days=35))
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def tanf_plan_work_retention(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await verify_all(env, handle)
    await phase_reached(handle, Phase.PLAN)
    await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
        "cw-0001", needs=[Need.CHILD_CARE, Need.TRANSPORT], goals=["Full-time work"]))
    await handle.execute_update(CaseWorkflow.approve_plan, PlanApprovalInput("sup-0001"))
    await phase_reached(handle, Phase.MONITORING)
    await handle.execute_update(CaseWorkflow.record_employment, EmploymentInput(
        "p1", await today_in_agency(env), 260000, 40))
    await phase_reached(handle, Phase.RETENTION)
    await env.sleep(timedelta(days=11))
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def supervisor_steps(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    """Reassigned, a deadline extended from the queue, a payment over the limit held and
    approved."""
    state = await interview(env, handle)
    await handle.execute_update(CaseWorkflow.reassign_case, ReassignmentInput(
        "cw-0002", "office-002", "555-0102", "sup-0001", "caseload balancing"))
    state = await handle.execute_update(CaseWorkflow.request_extension, ExtensionRequestInput(
        "SNAP_APPLICATION_PROCESSING",
        sla.add_days(state.clock("SNAP_APPLICATION_PROCESSING").due_date, 10),
        "the employer is closed", "cw-0002"))
    await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
        state.approvals[-1].approval_id, True, "sup-0001"))
    await verify_all(env, handle)
    state = await state_when(handle, lambda s: bool(s.approvals) and not s.approvals[-1].decision
                             and s.approvals[-1].amount_cents > 0)
    await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
        state.approvals[-1].approval_id, True, "sup-0001"))
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0002")


async def plan_returned_then_approved(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await verify_all(env, handle)
    for needs in ([Need.EMPLOYMENT], [Need.EMPLOYMENT, Need.CHILD_CARE]):
        await state_when(handle, lambda s: Task.ASSESSMENT in s.open_tasks)
        await handle.execute_update(CaseWorkflow.record_assessment, AssessmentInput(
            "cw-0001", needs=needs, goals=["Full-time work"]))
        state = await state_when(handle, lambda s: any(not a.decision for a in s.approvals))
        waiting = next(a for a in state.approvals if not a.decision)
        approve = len(needs) > 1
        await handle.execute_update(CaseWorkflow.decide_approval, ApprovalDecisionInput(
            waiting.approval_id, approve, "sup-0001", "" if approve else "add child care"))
    await phase_reached(handle, Phase.MONITORING)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def expedited_postponed_verification(
    env: WorkflowEnvironment, handle: WorkflowHandle
) -> None:
    await interview(env, handle)
    await verification_requested(handle)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "state ID", await today_in_agency(env), "cw-0001"))
    state = await phase_reached(handle, Phase.MONITORING)
    await sleep_until(env, f"{state.first_held_period()}-02", time(9))
    state = await state_when(handle, lambda s: bool(s.held_periods))
    for item in state.verifications:
        if not item.received:
            await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
                item.kind, "pay stubs", await today_in_agency(env), "cw-0001"))
    await state_when(handle, lambda s: not s.held_periods)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def medicaid_without_interview(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await verify_all(env, handle)
    await phase_reached(handle, Phase.MONITORING)
    await env.sleep(timedelta(days=35))
    await close(env, handle, ClosureReason.MOVED, "cw-0001")


async def missed_interview_denied(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await env.sleep(timedelta(days=32))
    await finished(env, handle)


REFUSING_PAYMENTS = FakeServices(refuse_payments=True)


async def payment_refused_then_fixed(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await verify_all(env, handle)
    await state_when(handle, lambda s: bool(s.refused_step))
    await env.sleep(timedelta(days=1, hours=1))
    REFUSING_PAYMENTS.refuse_payments = False
    await env.sleep(timedelta(days=1))
    await phase_reached(handle, Phase.MONITORING)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def verification_never_provided(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await phase_reached(handle, Phase.VERIFICATION)
    await finished(env, handle)


async def monthly_reduction_after_notice(env: WorkflowEnvironment,
                                        handle: WorkflowHandle) -> None:
    state = await to_monitoring(env, handle)
    LOWER_NEXT_MONTH.benefits = {Program.SNAP: 15000}
    month = sla.first_of_next_month(state.filing_date)
    await sleep_until(env, sla.add_days(month, 15), time(9))  # a mailing day may come late
    await state_when(handle, lambda s: s.scheduled is None)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


LOWER_NEXT_MONTH = FakeServices()


async def hearing_keeps_benefits(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await to_monitoring(env, handle)
    HEARING.benefits = {Program.SNAP: 15000}
    today = await today_in_agency(env)
    await handle.execute_update(CaseWorkflow.report_change, ChangeReport(
        today, [Income("p1", IncomeKind.WAGES, 90000)]))
    await state_when(handle, lambda s: s.scheduled is not None and not s.pending)
    state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
        Program.SNAP, today, AppealedAction.REDUCTION, Requester.HOUSEHOLD, "cw-0001"))
    await env.sleep(timedelta(days=40))
    await handle.execute_update(CaseWorkflow.record_hearing_decision, HearingDecisionInput(
        state.hearings[0].hearing_id, await today_in_agency(env), HearingOutcome.UPHELD,
        "alj-01"))
    await state_when(handle, lambda s: s.scheduled is None)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


HEARING = FakeServices()


async def closure_after_notice(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await to_monitoring(env, handle)
    await handle.execute_update(CaseWorkflow.close_case,
                                ClosureInput(ClosureReason.INELIGIBLE, "cw-0001"))
    await finished(env, handle)


async def closure_reversed_at_hearing(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    """Closed, appealed six weeks on, reversed: SNAP reinstated and its lost months paid;
    closed again at the household's request, the run waits out its hearing windows."""
    await to_monitoring(env, handle)
    await handle.execute_update(CaseWorkflow.close_case,
                                ClosureInput(ClosureReason.MOVED, "cw-0001"))
    await env.sleep(timedelta(days=42))
    state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
        Program.SNAP, await today_in_agency(env), AppealedAction.CLOSURE, Requester.HOUSEHOLD,
        "cw-0001"))
    await env.sleep(timedelta(days=10))
    decided = await today_in_agency(env)
    await handle.execute_update(CaseWorkflow.record_hearing_decision, HearingDecisionInput(
        state.hearings[0].hearing_id, decided, HearingOutcome.REVERSED, "alj-01"))
    await state_when(handle, lambda s: s.phase == Phase.MONITORING
                     and s.paid_periods[-1] == decided[:7])
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def tanf_hearing_decided(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    """A TANF appeal of a delay in Illinois, on the State's decision and action clocks."""
    await interview(env, handle)
    today = await today_in_agency(env)
    state = await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
        Program.TANF, today, AppealedAction.DELAY, Requester.HOUSEHOLD, "cw-0001"))
    await env.sleep(timedelta(days=20))
    await handle.execute_update(CaseWorkflow.record_hearing_decision, HearingDecisionInput(
        state.hearings[0].hearing_id, await today_in_agency(env), HearingOutcome.REVERSED,
        "alj-01"))
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def deadline_extended_then_breached(env: WorkflowEnvironment,
                                          handle: WorkflowHandle) -> None:
    await to_monitoring(env, handle)
    today = await today_in_agency(env)
    await handle.execute_update(CaseWorkflow.request_hearing, HearingRequestInput(
        Program.SNAP, today, AppealedAction.BENEFIT_AMOUNT, Requester.HOUSEHOLD, "cw-0001"))
    await handle.execute_update(CaseWorkflow.extend_deadline, DeadlineExtensionInput(
        "SNAP_HEARING_DECISION", sla.add_days(today, 70), "officer ill", "sup-0001"))
    await sleep_until(env, sla.add_days(today, 72), time(9))
    await state_when(handle, lambda s: "DEADLINE_BREACHED" in s.open_tasks)
    await close(env, latest(env, handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def interview_rescheduled(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    state = await state_when(handle, lambda s: bool(s.interview_date))
    await sleep_until(env, sla.add_days(state.interview_date, 2), time(9))
    await state_when(handle, lambda s: "MISSED_INTERVIEW" in s.open_tasks)
    await handle.execute_update(CaseWorkflow.reschedule_interview, RescheduleInput(
        sla.add_days(state.interview_date, 6), "cw-0001"))
    await interview(env, handle)
    await verify_all(env, handle)
    await phase_reached(handle, Phase.MONITORING)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def recertified_for_a_new_period(env: WorkflowEnvironment,
                                       handle: WorkflowHandle) -> None:
    state = await to_monitoring(env, handle)
    handle, today = await into_expiration_month(env, handle, state.certification_end_date)
    await handle.execute_update(CaseWorkflow.submit_renewal,
                                RenewalInput(Program.SNAP, today, "cw-0001"))
    await handle.execute_update(CaseWorkflow.record_interview, InterviewInput("cw-0001", today))
    if (await handle.query(CaseWorkflow.status)).renewals[-1].proof:  # income asked again
        await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
            VerificationKind.INCOME, "pay stubs", today, "cw-0001"))
    await month_by_month(env, sla.add_days(state.certification_end_date, 3))
    await env.sleep(timedelta(days=30))
    await close(env, latest(env, handle), ClosureReason.CLIENT_REQUEST, "cw-0001")


async def not_recertified(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    state = await to_monitoring(env, handle)
    await month_by_month(env, sla.add_days(state.certification_end_date, 2))


async def medicaid_renewed_by_form(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await verify_all(env, handle)
    state = await phase_reached(handle, Phase.MONITORING)
    line = state.line(Program.MEDICAID)
    assert line is not None
    RENEWAL_BY_FORM.benefits = {Program.MEDICAID: None}
    start = f"{sla.period_of(sla.add_months(line.period_end, -1))}-01"
    await month_by_month(env, sla.add_days(start, 3))
    RENEWAL_BY_FORM.benefits = {Program.MEDICAID: 0}
    await handle.execute_update(CaseWorkflow.submit_renewal, RenewalInput(
        Program.MEDICAID, sla.add_days(start, 3), "cw-0001"))
    await state_when(handle, lambda s: not s.pending)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


RENEWAL_BY_FORM = FakeServices(benefits={Program.MEDICAID: 0})


async def homeless_verified_with_a_correction(env: WorkflowEnvironment,
                                             handle: WorkflowHandle) -> None:
    """Residency waived; the income corrected; the SSN match recorded after the decision."""
    await interview(env, handle)
    await verification_requested(handle)
    today = await today_in_agency(env)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.INCOME, "pay stubs", today, "cw-0001",
        incomes=[Income("p1", IncomeKind.WAGES, 150_000)]))
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.INCOME, "employer's letter", today, "cw-0001",
        VerificationAction.CORRECTED, "stub misread",
        incomes=[Income("p1", IncomeKind.WAGES, 160_000)]))
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "shelter ID letter", today, "cw-0001"))
    await phase_reached(handle, Phase.MONITORING)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.SSN, "SSA match", await today_in_agency(env), "cw-0001"))
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def rejected_then_medical_not_provided(env: WorkflowEnvironment,
                                             handle: WorkflowHandle) -> None:
    """Identity rejected and asked again (its own 10 days); the medical proof never comes,
    so it is recorded not provided and the case is decided without the deduction."""
    await interview(env, handle)
    state = await verification_requested(handle)
    today = await today_in_agency(env)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "state ID", today, "cw-0001"))
    await sleep_until(env, sla.add_days(today, 3), time(9))
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "", await today_in_agency(env), "cw-0001",
        VerificationAction.REJECTED, "the ID had expired"))
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.INCOME, "pay stubs", await today_in_agency(env), "cw-0001"))
    await sleep_until(env, sla.add_days(state.verifications[0].due_date, 2), time(9))
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "passport", await today_in_agency(env), "cw-0001"))
    await phase_reached(handle, Phase.MONITORING)
    await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


MEDICAL_CLAIMED = [planned(VerificationKind.IDENTITY), planned(VerificationKind.INCOME),
                   planned(VerificationKind.MEDICAL_EXPENSES,
                           if_not_provided=IfNotProvided.NOT_COUNTED),
                   planned(VerificationKind.SSN, if_not_provided=IfNotProvided.NO_DELAY)]
"""An elderly applicant's plan: her medical costs are asked for, their absence not a denial."""


SCENARIOS: dict[str, tuple[Scenario, tuple[Program, ...], FakeServices]] = {
    "supervisor_steps": (supervisor_steps, (Program.SNAP,), FakeServices(
        benefits={Program.SNAP: PAYMENT_APPROVAL_LIMIT_CENTS + 100, Program.TANF: None,
                  Program.MEDICAID: None})),
    "plan_returned_then_approved": (
        plan_returned_then_approved, (Program.SNAP, Program.TANF),
        FakeServices(benefits={Program.SNAP: 53600, Program.TANF: 61500})),
    "snap_paid_then_closed": (snap_paid_then_closed, (Program.SNAP,), FakeServices()),
    "tanf_plan_work_retention": (
        tanf_plan_work_retention, (Program.SNAP, Program.TANF),
        FakeServices(benefits={Program.SNAP: 53600, Program.TANF: 61500},
                     on_wages=lambda world, _: world.benefits.update({Program.TANF: None}))),
    "verification_never_provided": (verification_never_provided, (Program.SNAP,),
                                    FakeServices()),
    "expedited_postponed_verification": (expedited_postponed_verification, (Program.SNAP,),
                                         FakeServices(expedited=True)),
    "medicaid_without_interview": (medicaid_without_interview, (Program.MEDICAID,),
                                   FakeServices(benefits={Program.MEDICAID: 0})),
    "missed_interview_denied": (missed_interview_denied, (Program.SNAP,), FakeServices()),
    "payment_refused_then_fixed": (payment_refused_then_fixed, (Program.SNAP,),
                                   REFUSING_PAYMENTS),
    "monthly_reduction_after_notice": (monthly_reduction_after_notice, (Program.SNAP,),
                                       LOWER_NEXT_MONTH),
    "hearing_keeps_benefits": (hearing_keeps_benefits, (Program.SNAP,), HEARING),
    "closure_after_notice": (closure_after_notice, (Program.SNAP,), FakeServices()),
    "closure_reversed_at_hearing": (closure_reversed_at_hearing, (Program.SNAP,),
                                    FakeServices()),
    "tanf_hearing_decided": (tanf_hearing_decided, (Program.SNAP, Program.TANF),
                             FakeServices(benefits={Program.SNAP: 53600, Program.TANF: 61500})),
    "deadline_extended_then_breached": (deadline_extended_then_breached, (Program.SNAP,),
                                        FakeServices()),
    "interview_rescheduled": (interview_rescheduled, (Program.SNAP,), FakeServices()),
    "recertified_for_a_new_period": (recertified_for_a_new_period, (Program.SNAP,),
                                     FakeServices()),
    "not_recertified": (not_recertified, (Program.SNAP,), FakeServices()),
    "medicaid_renewed_by_form": (medicaid_renewed_by_form, (Program.MEDICAID,),
                                 RENEWAL_BY_FORM),
    "homeless_verified_with_a_correction": (homeless_verified_with_a_correction,
                                            (Program.SNAP,), FakeServices(plan=HOMELESS)),
    "rejected_then_medical_not_provided": (rejected_then_medical_not_provided, (Program.SNAP,),
                                           FakeServices(plan=MEDICAL_CLAIMED)),
}


async def main(tag: str, names: list[str]) -> None:
    wanted = {name: scenario for name, scenario in SCENARIOS.items()
              if (not names or name in names)
              and not (HISTORIES / f"{name}.{tag}.json").exists()}
    for name in SCENARIOS.keys() - wanted.keys():
        print(f"left {name}.{tag}: recorded before, or not asked for")
    # Encrypted with the fixed test key, as the workflow tests' server is: the replay
    # test reads these histories with the same keyring.
    env = await time_skipping(data_converter=payloads.converter())
    await search.register(env.client)
    try:
        for name, (scenario, programs, fakes) in wanted.items():
            async with new_worker(env.client, fakes.activities()) as worker:
                handle = await start_case(env, worker, *programs, household_size=3)
                await scenario(env, handle)
                first = env.client.get_workflow_handle(handle.id, run_id=handle.result_run_id)
                runs = [first]
                final = await latest(env, handle).describe()
                if final.run_id != first.run_id:  # it continued as new
                    runs.append(env.client.get_workflow_handle(handle.id, run_id=final.run_id))
                for run, suffix in zip(runs, ("", ".carried"), strict=False):
                    history = await run.fetch_history()
                    (HISTORIES / f"{name}{suffix}.{tag}.json").write_text(history.to_json())
                    print(f"recorded {name}{suffix}.{tag}: {len(history.events)} events")
    finally:
        await env.shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Record the replay test's case histories.")
    parser.add_argument("tag", help="names the workflow shape, e.g. the patch it adds")
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                        help=f"only these (default: all of {', '.join(SCENARIOS)})")
    args = parser.parse_args()
    if unknown := set(args.scenarios) - SCENARIOS.keys():
        parser.error(f"no such scenario: {', '.join(sorted(unknown))}")
    asyncio.run(main(args.tag, args.scenarios))
