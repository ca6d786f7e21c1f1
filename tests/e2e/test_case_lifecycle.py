"""A TANF and SNAP household from application to closure on the real stack, through the
public gRPC API only, checking what each service stored on the way; and what bad input
and an out-of-phase step leave behind (nothing)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import grpc
import pytest
from casework.v1 import common_pb2, eligibility_pb2, intake_pb2, payments_pb2, referrals_pb2
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle

from common.status import field_violations
from tests.e2e import builders
from tests.e2e.builders import (
    ASSESSOR,
    HIGH_WAGES_CENTS,
    SOURCES,
    SUPERVISOR,
    VERIFIER,
    a_low_wage_family,
    a_tanf_and_snap_family,
    get_case,
    wait_for_phase,
)
from tests.e2e.conftest import RunningStack
from tests.unit.intake.builders import FAMILY_NAME, GIVEN_NAMES, today
from workflows import workflow_id

pytestmark = pytest.mark.e2e

VISIBILITY_LAG_SECONDS = 10.0
"""List Workflows reads the visibility store, which trails a start by up to a few seconds."""


def notices_of(case: intake_pb2.Case, kind: intake_pb2.NoticeKind.ValueType) -> list[str]:
    return [notice.text for notice in case.notices if notice.kind == kind]


async def history_json(stack: RunningStack, case_id: str) -> str:
    history = await stack.client.get_workflow_handle(workflow_id(case_id)).fetch_history()
    return history.to_json()


async def test_a_tanf_family_goes_from_application_to_closure_and_each_service_keeps_its_part(
    stack: RunningStack,
) -> None:
    request = a_tanf_and_snap_family()
    pii = [*GIVEN_NAMES, FAMILY_NAME, *(p.birth_date for p in request.application.people),
           request.application.address.line1]
    filing_month = request.application.filing_date[:7]

    # Intake: the workflow assigns a caseworker and schedules the interview.
    case_id = await builders.submit(stack, request)
    case = await builders.interview(stack, case_id)
    assert case.state.interviewed and case.state.caseworker_id

    # Verification: what the household's facts call for (it works and pays rent); who
    # lives there only if questionable, and the SSNs are the agency's own match.
    assert builders.requested(case) == [
        intake_pb2.VERIFICATION_KIND_IDENTITY, intake_pb2.VERIFICATION_KIND_INCOME,
        intake_pb2.VERIFICATION_KIND_RESIDENCY, intake_pb2.VERIFICATION_KIND_EXPENSES]
    for kind in builders.requested(case):
        await builders.verify(stack, case_id, kind)

    # Determination approves both programs; TANF sends the case to a plan.
    case = await wait_for_phase(stack, case_id, intake_pb2.PHASE_PLAN)
    decisions = {d.program: d for d in case.state.decisions}
    assert set(decisions) == {common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF}
    for decision in decisions.values():
        assert decision.eligible, decision
        assert decision.monthly_benefit_cents > 0, decision
        assert decision.period == filing_month
    assert "ASSESSMENT" in case.state.open_tasks

    # Plan: a caseworker assesses, a different supervisor approves.
    state = await builders.assess(stack, case_id)
    assert set(state.needs) == {common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT}
    await builders.approve(stack, case_id)
    case = await wait_for_phase(stack, case_id, intake_pb2.PHASE_MONITORING)
    assert case.state.plan_approved

    # Intake kept each item's audit trail, the notices and the events.
    today_text = today().isoformat()
    asked = builders.requested(case)
    assert {item.kind: (item.received, item.source, item.received_date, item.verifier_id)
            for item in case.verifications if item.kind in asked} == {
        kind: (True, SOURCES[kind], today_text, VERIFIER) for kind in asked}
    assert all([e.action for e in item.history] == [intake_pb2.VERIFICATION_ACTION_RECEIVED]
               for item in case.verifications if item.kind in asked)
    # The SSNs are the agency's own match: asked, never waited for.
    [ssn] = [item for item in case.verifications if item.kind not in asked]
    assert (ssn.kind, ssn.received) == (intake_pb2.VERIFICATION_KIND_SSN, False)
    [interview_notice] = notices_of(case, intake_pb2.NOTICE_KIND_INTERVIEW_SCHEDULED)
    assert case.state.caseworker_id in interview_notice and "7 CFR 273.2(e)" in interview_notice
    [request_notice] = notices_of(case, intake_pb2.NOTICE_KIND_VERIFICATION_REQUEST)
    assert "residency" in request_notice and "7 CFR 273.2(c)(5)" in request_notice
    assert "we will help you get it" in request_notice
    [decision_notice] = notices_of(case, intake_pb2.NOTICE_KIND_DECISION)
    assert "SNAP (food assistance): APPROVED" in decision_notice
    assert "TANF (cash assistance): APPROVED" in decision_notice
    assert decision_notice.count("How this was decided:") == 2
    assert "7 CFR 273.9" in decision_notice  # an explanation line cites its rule
    assert "YOUR RIGHT TO APPEAL" in decision_notice and "7 CFR 273.15(g)" in decision_notice
    events = Counter(event.kind for event in case.events)
    for kind in ("interview_recorded", "assessment_recorded", "plan_approved"):
        assert events[kind] == 1, events
    [approval] = [event for event in case.events if event.kind == "plan_approved"]
    assert SUPERVISOR in approval.detail
    assert not any(name in event.detail for event in case.events for name in pii)

    # Eligibility kept the determination the decisions cite, with its explanation.
    [determination_id] = {d.determination_id for d in decisions.values()}
    stored = (await stack.eligibility.GetDetermination(
        eligibility_pb2.GetDeterminationRequest(determination_id=determination_id),
        timeout=10)).determination
    assert stored.determination_id == determination_id and stored.period == filing_month
    for program in stored.programs:
        assert program.monthly_benefit_cents == decisions[program.program].monthly_benefit_cents
        assert program.explanation and all(step.citation for step in program.explanation)

    # Referrals: one open referral for each need the assessment found.
    referrals = (await stack.referrals.ListReferrals(
        referrals_pb2.ListReferralsRequest(case_id=case_id), timeout=10)).referrals
    assert sorted(r.need for r in referrals) == [common_pb2.NEED_CHILD_CARE,
                                                 common_pb2.NEED_TRANSPORT]
    assert all(r.status == referrals_pb2.REFERRAL_STATUS_OPEN for r in referrals)
    assert sorted(case.state.referral_ids) == sorted(r.referral_id for r in referrals)

    # Payments: each program's monthly benefit for the filing month, exactly once.
    authorizations = (await stack.payments.ListAuthorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=case_id), timeout=10)).authorizations
    assert {(a.program, a.period, a.kind): a.amount_cents for a in authorizations} == {
        (program, filing_month, payments_pb2.PAYMENT_KIND_MONTHLY_BENEFIT):
            decision.monthly_benefit_cents for program, decision in decisions.items()}
    assert len({a.idempotency_key for a in authorizations}) == len(authorizations) == 2
    assert all(a.status == payments_pb2.AUTHORIZATION_STATUS_AUTHORIZED for a in authorizations)
    assert sorted(case.state.payment_authorization_ids) == sorted(
        a.authorization_id for a in authorizations)

    # Temporal: the workflow is named by the opaque case id and holds no PII.
    description = await stack.client.get_workflow_handle(workflow_id(case_id)).describe()
    assert description.id == f"case-{case_id}"
    history = await history_json(stack, case_id)
    assert [value for value in pii if value in history] == []

    # Work at high wages ends TANF: retention; SNAP continues while eligible.
    await stack.intake.RecordEmployment(intake_pb2.RecordEmploymentRequest(
        case_id=case_id, member_id="m1", start_date=today_text,
        monthly_wages_cents=HIGH_WAGES_CENTS, hours_per_week=40,
        caseworker_id=ASSESSOR), timeout=30)
    trail = (await stack.intake.GetCaseRecord(intake_pb2.GetCaseRecordRequest(
        case_id=case_id, actions=["household_changed", "employment_recorded"]),
        timeout=10)).entries
    assert [(e.action, e.actor) for e in trail] == [
        ("household_changed", ASSESSOR), ("employment_recorded", ASSESSOR)]
    case = await wait_for_phase(stack, case_id, intake_pb2.PHASE_RETENTION)
    assert case.state.retention_end_date > today_text

    # Closure at the client's request, with its notice.
    await stack.intake.CloseCase(intake_pb2.CloseCaseRequest(
        case_id=case_id, reason=intake_pb2.CLOSURE_REASON_CLIENT_REQUEST,
        caseworker_id=ASSESSOR), timeout=30)
    case = await wait_for_phase(stack, case_id, intake_pb2.PHASE_CLOSED)
    assert case.state.closure_reason == intake_pb2.CLOSURE_REASON_CLIENT_REQUEST
    assert case.state.closed_date == today_text
    [closure_notice] = notices_of(case, intake_pb2.NOTICE_KIND_CLOSURE)
    assert "CLIENT REQUEST" in closure_notice.upper() and "fair hearing" in closure_notice
    assert [value for value in pii if value in await history_json(stack, case_id)] == []


async def test_an_application_with_several_bad_fields_names_each_and_starts_no_workflow(
    stack: RunningStack,
) -> None:
    request = a_low_wage_family([common_pb2.PROGRAM_SNAP, 99])  # 99: no such program
    app = request.application
    app.state = "ZZ"
    app.filing_date = "2026-13-45"
    app.people[1].birth_date = "15/06/1988"
    app.incomes[0].monthly_cents = -100
    before = await case_workflows_through(stack, await submit_a_marker(stack))

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await stack.intake.SubmitApplication(request, timeout=10)

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    fields = {field for field, _ in field_violations(refused.value)}
    assert {"application.programs[1]", "application.state", "application.filing_date",
            "application.people[1].birth_date", "application.incomes[0].monthly_cents"} <= fields
    assert not any(name in refused.value.details() for name in (*GIVEN_NAMES, FAMILY_NAME))
    marker = await submit_a_marker(stack)
    assert await case_workflows_through(stack, marker) - before == {workflow_id(marker)}


async def submit_a_marker(stack: RunningStack) -> str:
    """A good application, whose workflow shows when visibility has caught up to it."""
    return await builders.submit(stack, a_low_wage_family([common_pb2.PROGRAM_SNAP]))


async def case_workflows_through(stack: RunningStack, marker: str) -> set[str]:
    """Every case workflow's id, once visibility lists the marker case's: the list then
    holds everything started before it, so a difference of two lists is what started
    between their markers."""
    deadline = time.monotonic() + VISIBILITY_LAG_SECONDS
    while True:
        ids = {execution.id async for execution in
               stack.client.list_workflows("WorkflowType = 'CaseWorkflow'")}
        if workflow_id(marker) in ids:
            return ids
        assert time.monotonic() < deadline, f"{workflow_id(marker)} is not listed"
        await asyncio.sleep(builders.POLL_SECONDS)


async def test_a_step_out_of_phase_is_refused_and_leaves_no_trace_in_history(
    stack: RunningStack,
) -> None:
    case_id = await builders.submit(stack, a_tanf_and_snap_family())
    await builders.wait_for_case(
        stack, case_id, lambda case: bool(case.state.caseworker_id), "caseworker assigned")
    handle = stack.client.get_workflow_handle(workflow_id(case_id))
    before = await settled_history(handle)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await builders.approve(stack, case_id)

    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "intake" in refused.value.details()
    after = await event_types(handle)
    assert after == before
    assert EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED not in after
    case = await get_case(stack, case_id)
    assert case.state.phase == intake_pb2.PHASE_INTAKE and not case.state.plan_approved
    assert "plan_approved" not in {event.kind for event in case.events}


async def event_types(handle: WorkflowHandle[object, object]) -> list[EventType.ValueType]:
    return [event.event_type async for event in handle.fetch_history_events()]


async def settled_history(handle: WorkflowHandle[object, object]) -> list[EventType.ValueType]:
    """The history once the workflow waits on a person (no activity running, its last
    workflow task done, at most a timer set for the deadline it waits against), so only a
    step sent to it could add events."""
    deadline = time.monotonic() + builders.CASE_TIMEOUT_SECONDS
    while True:
        events = await event_types(handle)
        description = await handle.describe()
        if (events[-1] in (EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                           EventType.EVENT_TYPE_TIMER_STARTED)
                and not description.raw_description.pending_activities
                and description.raw_description.pending_workflow_task.ByteSize() == 0):
            return events
        assert time.monotonic() < deadline, f"{handle.id} kept running: {events[-5:]}"
        await asyncio.sleep(builders.POLL_SECONDS)
