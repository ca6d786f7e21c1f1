"""Intake with the real CaseWorkflow and the real eligibility and payments services: the
items asked for come from the household's facts, a correction is kept beside the
evidence it replaces, and the verified income, not the declared one, is what the
determination reads."""

from __future__ import annotations

import uuid

from casework.v1 import common_pb2, intake_pb2

from tests.unit.intake.builders import an_application, today
from tests.unit.intake.conftest import Intake
from tests.unit.intake.test_with_case_workflow import case_once, decided

__all__ = ["decided"]  # the fixture, from the module that defines it

OVER_THE_LIMIT_CENTS = 1_000_000
"""$10,000 a month: far over SNAP's gross income limit for three."""


def submission(case_id: str, kind: int, source: str = "documents",
               **fields: object) -> intake_pb2.SubmitVerificationRequest:
    return intake_pb2.SubmitVerificationRequest(
        case_id=case_id, kind=kind, source=source, received_date=today().isoformat(),
        verifier_id="cw-a", **fields)  # type: ignore[arg-type]


def wages(cents: int) -> list[common_pb2.Income]:
    return [common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                              monthly_cents=cents)]


async def test_the_determination_reads_the_corrected_verified_income(decided: Intake) -> None:
    request = an_application(f"sub-{uuid.uuid4().hex}")
    request.application.programs[:] = [common_pb2.PROGRAM_SNAP]
    case_id = str((await decided.intake.SubmitApplication(request)).case_id)
    await case_once(decided, case_id, lambda c: bool(c.notices))  # interview scheduled
    await decided.intake.RecordInterview(intake_pb2.RecordInterviewRequest(
        case_id=case_id, caseworker_id="cw-a", interview_date=today().isoformat()))
    # Intake stores the items asked for before the case sends its notice of them.
    requested = await case_once(decided, case_id, lambda c: bool(c.verifications) and any(
        n.kind == intake_pb2.NOTICE_KIND_VERIFICATION_REQUEST for n in c.notices))

    # A working family of three that pays rent: asked for what its facts call for.
    assert [v.kind for v in requested.verifications] == [
        intake_pb2.VERIFICATION_KIND_IDENTITY, intake_pb2.VERIFICATION_KIND_INCOME,
        intake_pb2.VERIFICATION_KIND_RESIDENCY, intake_pb2.VERIFICATION_KIND_EXPENSES,
        intake_pb2.VERIFICATION_KIND_SSN]
    shown = {v.kind: v for v in requested.state.verifications_not_required}
    composition = shown[intake_pb2.VERIFICATION_KIND_HOUSEHOLD_COMPOSITION]
    assert composition.status == intake_pb2.VERIFICATION_STATUS_NOT_APPLICABLE
    assert "questionable" in composition.reason
    [notice] = [n for n in requested.notices
                if n.kind == intake_pb2.NOTICE_KIND_VERIFICATION_REQUEST]
    assert "we will help you get it" in notice.text and "may be denied" in notice.text

    income = intake_pb2.VERIFICATION_KIND_INCOME
    await decided.intake.SubmitVerification(submission(
        case_id, income, "pay stubs", verified_incomes=wages(150_000)))
    state = (await decided.intake.SubmitVerification(submission(
        case_id, income, "employer's letter", action=intake_pb2.VERIFICATION_ACTION_CORRECTED,
        reason="a second job the stubs left out",
        verified_incomes=wages(OVER_THE_LIMIT_CENTS)))).state
    corrected = next(v for v in state.verifications if v.kind == income)
    assert (corrected.source, corrected.records) == ("employer's letter", 2)
    household = (await decided.records.GetHousehold(
        intake_pb2.GetHouseholdRequest(case_id=case_id))).household
    assert [i.monthly_cents for i in household.incomes] == [OVER_THE_LIMIT_CENTS]

    for kind in (intake_pb2.VERIFICATION_KIND_IDENTITY, intake_pb2.VERIFICATION_KIND_RESIDENCY,
                 intake_pb2.VERIFICATION_KIND_EXPENSES):
        await decided.intake.SubmitVerification(submission(case_id, kind))
    # Declared, $1,850 a month was eligible; verified, the income is over the limit.
    closed = await case_once(decided, case_id,
                             lambda c: c.state.phase == intake_pb2.PHASE_CLOSED, seconds=30)
    [snap] = closed.state.decisions
    assert not snap.eligible and "GROSS_INCOME_OVER_LIMIT" in snap.denial_reasons
    stored = next(v for v in closed.verifications if v.kind == income)
    assert [(e.action, e.source) for e in stored.history] == [
        (intake_pb2.VERIFICATION_ACTION_RECEIVED, "pay stubs"),
        (intake_pb2.VERIFICATION_ACTION_CORRECTED, "employer's letter")]
    assert stored.history[1].reason == "a second job the stubs left out"
