"""Killing the worker mid-case loses no case and authorises no payment twice.

Five cases (four SNAP-only, one TANF and SNAP) are driven to the step before their
payments: the SNAP cases' last verification item and the TANF case's plan approval are
sent together, and the worker is SIGKILLed the moment they are accepted, while the
determinations, notices, referrals and payments those steps set off are in flight. A new
worker then finishes every case. Activities that were running when the worker died are
retried after their timeout, so some run twice; the payments service's idempotency key
must turn the second run into the first authorisation.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from casework.v1 import common_pb2, intake_pb2, payments_pb2
from temporalio.client import WorkflowExecutionStatus

from tests.e2e import builders
from tests.e2e.conftest import RunningStack
from workflows import workflow_id

pytestmark = pytest.mark.e2e

SNAP_CASES = 4

RECOVERY_TIMEOUT_SECONDS = 55.0
"""An activity that was running when its worker died is retried only after its
start-to-close timeout (30 s in workflows/case.py) ends; the rest is margin."""


async def to_last_step(stack: RunningStack, request: intake_pb2.SubmitApplicationRequest) -> str:
    """Submit, interview and verify all but the last item; a TANF case goes on through
    determination to a recorded assessment, so its last step is the plan approval."""
    case_id = await builders.submit(stack, request)
    case = await builders.interview(stack, case_id)
    kinds = builders.requested(case)
    tanf = common_pb2.PROGRAM_TANF in request.application.programs
    for kind in kinds if tanf else kinds[:-1]:
        await builders.verify(stack, case_id, kind)
    if tanf:
        await builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_PLAN)
        await builders.assess(stack, case_id)
    return case_id


async def last_step(stack: RunningStack, case_id: str) -> None:
    """The step that sets off determination or services, and with them the payments."""
    case = await builders.get_case(stack, case_id)
    if case.state.phase == intake_pb2.PHASE_PLAN:
        await builders.approve(stack, case_id)
    else:
        [missing] = [kind for kind in builders.requested(case)
                     if not next(i for i in case.state.verifications if i.kind == kind).received]
        await builders.verify(stack, case_id, missing)


async def authorizations(stack: RunningStack, case_id: str) -> list[payments_pb2.Authorization]:
    reply = await stack.payments.ListAuthorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=case_id), timeout=10)
    return list(reply.authorizations)


async def test_a_worker_killed_mid_case_loses_no_case_and_pays_nothing_twice(
    stack: RunningStack,
) -> None:
    requests = [*(builders.a_snap_family() for _ in range(SNAP_CASES)),
                builders.a_tanf_and_snap_family()]
    case_ids = await asyncio.gather(*(to_last_step(stack, r) for r in requests))

    await asyncio.gather(*(last_step(stack, case_id) for case_id in case_ids))
    assert await stack.launcher.kill("worker") == -9
    paid_at_kill = {case_id: len(await authorizations(stack, case_id)) for case_id in case_ids}
    await stack.launcher.start_worker()

    cases = await asyncio.gather(*(
        builders.wait_for_phase(stack, case_id, intake_pb2.PHASE_MONITORING,
                                within=RECOVERY_TIMEOUT_SECONDS)
        for case_id in case_ids))

    # The kill landed before the payments, or this test proved nothing.
    assert any(paid == 0 for paid in paid_at_kill.values()), paid_at_kill
    for case in cases:
        description = await stack.client.get_workflow_handle(
            workflow_id(case.case_id)).describe()
        assert description.status == WorkflowExecutionStatus.RUNNING, case.case_id
        paid = await authorizations(stack, case.case_id)
        expected = {
            (case.case_id, d.program, d.period, payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT):
                d.monthly_benefit_cents
            for d in case.state.decisions if d.eligible and d.monthly_benefit_cents > 0}
        per_payment = Counter((a.case_id, a.program, a.period, a.kind) for a in paid)
        per_key = Counter(a.idempotency_key for a in paid)
        assert set(per_payment) == set(expected), case.case_id
        assert max(per_payment.values()) == 1 and max(per_key.values()) == 1, per_payment
        assert {(a.case_id, a.program, a.period, a.kind): a.amount_cents
                for a in paid} == expected
        assert sorted(case.state.payment_authorization_ids) == sorted(
            a.authorization_id for a in paid)
    tanf_case = cases[-1]
    assert {d.program for d in tanf_case.state.decisions} == {common_pb2.PROGRAM_SNAP,
                                                              common_pb2.PROGRAM_TANF}
    assert len(tanf_case.state.referral_ids) == 2
