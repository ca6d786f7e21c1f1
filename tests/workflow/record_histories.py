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
from datetime import timedelta
from pathlib import Path

from temporalio.client import WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from tests.conftest import TEMPORAL_TEST_SERVER
from tests.workflow.conftest import (
    new_worker,
    phase_reached,
    start_case,
    state_when,
    today_in_agency,
)
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import (
    close,
    interview,
    to_monitoring,
    verification_requested,
    verify_all,
)
from workflows.case import CaseWorkflow
from workflows.inputs import (
    AssessmentInput,
    ClosureReason,
    EmploymentInput,
    Need,
    Phase,
    PlanApprovalInput,
    Program,
    VerificationInput,
    VerificationKind,
)

HISTORIES = Path(__file__).parent / "histories"

Scenario = Callable[[WorkflowEnvironment, WorkflowHandle], Awaitable[None]]


async def snap_paid_then_closed(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await to_monitoring(env, handle)
    await env.sleep(timedelta(days=35))
    await close(handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


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
    await close(handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def expedited_postponed_verification(
    env: WorkflowEnvironment, handle: WorkflowHandle
) -> None:
    await interview(env, handle)
    await verification_requested(handle)
    await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
        VerificationKind.IDENTITY, "state ID", await today_in_agency(env), "cw-0001"))
    await phase_reached(handle, Phase.MONITORING)
    await env.sleep(timedelta(days=32))
    state = await state_when(handle, lambda s: bool(s.held_periods))
    for item in state.verifications:
        if not item.received:
            await handle.execute_update(CaseWorkflow.submit_verification, VerificationInput(
                item.kind, "pay stubs", await today_in_agency(env), "cw-0001"))
    await state_when(handle, lambda s: not s.held_periods)
    await close(handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def medicaid_without_interview(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await verify_all(env, handle)
    await phase_reached(handle, Phase.MONITORING)
    await env.sleep(timedelta(days=35))
    await close(handle, ClosureReason.MOVED, "cw-0001")


async def missed_interview_denied(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await env.sleep(timedelta(days=32))
    await handle.result()


REFUSING_PAYMENTS = FakeServices(refuse_payments=True)


async def payment_refused_then_fixed(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await verify_all(env, handle)
    await state_when(handle, lambda s: bool(s.refused_step))
    await env.sleep(timedelta(days=1, hours=1))
    REFUSING_PAYMENTS.refuse_payments = False
    await env.sleep(timedelta(days=1))
    await phase_reached(handle, Phase.MONITORING)
    await close(handle, ClosureReason.CLIENT_REQUEST, "cw-0001")


async def verification_never_provided(env: WorkflowEnvironment, handle: WorkflowHandle) -> None:
    await interview(env, handle)
    await phase_reached(handle, Phase.VERIFICATION)
    await handle.result()


SCENARIOS: dict[str, tuple[Scenario, tuple[Program, ...], FakeServices]] = {
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
}


async def main(tag: str, names: list[str]) -> None:
    wanted = {name: scenario for name, scenario in SCENARIOS.items()
              if (not names or name in names)
              and not (HISTORIES / f"{name}.{tag}.json").exists()}
    for name in SCENARIOS.keys() - wanted.keys():
        print(f"left {name}.{tag}: recorded before, or not asked for")
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(TEMPORAL_TEST_SERVER))
    try:
        for name, (scenario, programs, fakes) in wanted.items():
            async with new_worker(env.client, fakes.activities()) as worker:
                handle = await start_case(env, worker, *programs, household_size=3)
                await scenario(env, handle)
                history = await handle.fetch_history()
                (HISTORIES / f"{name}.{tag}.json").write_text(history.to_json())
                print(f"recorded {name}.{tag}: {len(history.events)} events")
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
