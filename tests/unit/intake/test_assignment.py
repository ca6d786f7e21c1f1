"""AssignCaseworker over real gRPC: caseworkers are balanced by the cases they still
hold open."""

from __future__ import annotations

from casework.v1 import intake_pb2

from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import CASEWORKERS, Intake


async def assigned(intake: Intake, application: intake_pb2.SubmitApplicationRequest
                   ) -> tuple[str, intake_pb2.AssignCaseworkerResponse]:
    """A new case from `application`, and whom intake assigned it to."""
    case_id = (await intake.intake.SubmitApplication(application)).case_id
    return case_id, await intake.records.AssignCaseworker(
        intake_pb2.AssignCaseworkerRequest(case_id=case_id))


async def record_phase(
    intake: Intake, case_id: str, phase: intake_pb2.Phase.ValueType,
    reason: intake_pb2.ClosureReason.ValueType = intake_pb2.CLOSURE_REASON_UNSPECIFIED,
) -> None:
    """What the workflow's UpdateCaseStatus activity records as the case moves on."""
    await intake.records.UpdateCaseStatus(intake_pb2.UpdateCaseStatusRequest(
        case_id=case_id, phase=phase, closure_reason=reason))


async def test_a_closed_case_frees_its_caseworkers_slot_and_an_open_one_does_not(
    intake: Intake,
) -> None:
    first, second, third = [await assigned(intake, an_application()) for _ in CASEWORKERS]
    assert [a.caseworker_id for _, a in (first, second, third)] == list(CASEWORKERS)
    await record_phase(intake, first[0], intake_pb2.PHASE_MONITORING)
    await record_phase(intake, second[0], intake_pb2.PHASE_CLOSED,
                       intake_pb2.CLOSURE_REASON_MOVED)
    _, fourth = await assigned(intake, an_application())
    assert fourth.caseworker_id == CASEWORKERS[1], "cw-b holds no open case now"
    _, fifth = await assigned(intake, an_application())
    assert fifth.caseworker_id == CASEWORKERS[0], "all hold one open case: the first listed"
