"""CaseState between the workflow's dataclass and the API's message."""

from __future__ import annotations

from casework.v1 import intake_pb2

from services.intake.convert import state_from_pb, state_pb
from workflows.inputs import (
    CaseState,
    ClosureReason,
    Deadline,
    Need,
    Phase,
    PhaseChange,
    Program,
    ProgramDecision,
    VerificationItem,
    VerificationKind,
)


def test_the_case_state_round_trips_through_the_proto() -> None:
    state = CaseState(
        case_id="c" * 32, phase=Phase.CLOSED, programs=[Program.SNAP, Program.TANF],
        state="IL", filing_date="2026-01-05", caseworker_id="cw-a", office_id="office-001",
        expedited=True, interview_date="2026-01-09", interviewed=True,
        verifications=[VerificationItem(VerificationKind.INCOME, "2026-01-20", True,
                                        "pay stubs", "2026-01-12", "cw-a")],
        decisions=[ProgramDecision(Program.SNAP, True, 29_100, [], "det-1", "2026-01")],
        certification_end_date="2026-12-31", needs=[Need.CHILD_CARE],
        plan_approved=True, referral_ids=["ref-1"], payment_authorization_ids=["pay-1"],
        open_tasks=["INTERVIEW"],
        deadlines=[Deadline("SNAP_APPLICATION_PROCESSING", "2026-02-04", "7 CFR 273.2(g)(1)")],
        closure_reason=ClosureReason.MOVED, closed_date="2026-03-01",
        history=[PhaseChange(Phase.INTAKE, "2026-01-05T15:00:00+00:00")],
    )
    assert state_pb(state).phase == intake_pb2.PHASE_CLOSED
    assert state_from_pb(state_pb(state)) == state
