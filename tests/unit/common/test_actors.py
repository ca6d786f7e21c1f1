"""A caseworker or supervisor acts only as themselves: the request field that names who
interviewed, verified, approved or closed (the role table's `ACTORS`) must be the
caller's own id, or the case record would say someone else did it."""

from __future__ import annotations

import pytest
from casework.v1 import intake_pb2

from common.auth.interceptor import Authorization
from common.auth.roles import ACTORS, POLICY, TABLE, Owner, Role, Rule, parse
from common.auth.tokens import Principal
from tests.tokens import Issuer

CASE = Owner(caseworker_id="cw-a", office_id="office-a", submitted_by="state-a")
CW_A = Principal("cw-a", Role.CASEWORKER, "office-a")
SUP_A = Principal("sup-a", Role.SUPERVISOR, "office-a")


async def owners(case_id: str) -> Owner | None:
    return CASE


def rule(name: str) -> Rule:
    return POLICY[f"/casework.v1.IntakeService/{name}"]


@pytest.fixture
def authorization() -> Authorization:
    return Authorization(Issuer().verifier, owners)


async def test_a_caseworker_may_name_only_themselves_as_who_acted(
        authorization: Authorization) -> None:
    own = intake_pb2.RecordInterviewRequest(case_id="c1", caseworker_id="cw-a")
    other = intake_pb2.RecordInterviewRequest(case_id="c1", caseworker_id="cw-b")
    assert await authorization.refusal(rule("RecordInterview"), CW_A, own) is None
    assert await authorization.refusal(rule("RecordInterview"), CW_A, other) == (
        "caseworker_id names someone else: a caseworker acts only as themselves")


async def test_a_supervisor_may_not_approve_in_another_supervisors_name(
        authorization: Authorization) -> None:
    assert await authorization.refusal(rule("ApprovePlan"), SUP_A, intake_pb2.ApprovePlanRequest(
        case_id="c1", supervisor_id="sup-b")) == (
        "supervisor_id names someone else: a supervisor acts only as themselves")
    assert await authorization.refusal(rule("ApprovePlan"), SUP_A, intake_pb2.ApprovePlanRequest(
        case_id="c1", supervisor_id="sup-a")) is None


async def test_a_supervisor_doing_a_caseworkers_step_names_themselves(
        authorization: Authorization) -> None:
    """Office scope lets a supervisor record a verification on a case of their office;
    the record then says the supervisor verified it, not the case's caseworker."""
    verify = rule("SubmitVerification")
    as_caseworker = intake_pb2.SubmitVerificationRequest(case_id="c1", verifier_id="cw-a")
    as_themselves = intake_pb2.SubmitVerificationRequest(case_id="c1", verifier_id="sup-a")
    assert await authorization.refusal(verify, SUP_A, as_caseworker) is not None
    assert await authorization.refusal(verify, SUP_A, as_themselves) is None


async def test_who_takes_a_reassigned_case_is_not_who_acts(
        authorization: Authorization) -> None:
    move = intake_pb2.ReassignCaseRequest(case_id="c1", caseworker_id="cw-b",
                                          supervisor_id="sup-a", reason="leave")
    assert await authorization.refusal(rule("ReassignCase"), SUP_A, move) is None


async def test_a_missing_actor_is_left_to_the_handler_to_refuse_as_invalid(
        authorization: Authorization) -> None:
    assert await authorization.refusal(
        rule("CloseCase"), CW_A, intake_pb2.CloseCaseRequest(case_id="c1")) is None


async def test_the_scope_still_applies_when_the_caller_names_themselves(
        authorization: Authorization) -> None:
    """Naming oneself is necessary, not sufficient: cw-b is not the case's caseworker."""
    cw_b = Principal("cw-b", Role.CASEWORKER, "office-a")
    request = intake_pb2.CloseCaseRequest(case_id="c1", caseworker_id="cw-b")
    assert await authorization.refusal(rule("CloseCase"), cw_b, request) == (
        "a caseworker may act only on their own caseload")


def test_every_actor_field_is_a_string_field_of_its_request() -> None:
    assert {r.name for r in POLICY.values() if r.actor_field} == {
        f"IntakeService/{name.split('/')[1]}" for name in ACTORS}
    with pytest.raises(ValueError, match="office_id is not a string field"):
        parse(TABLE, {**ACTORS, "IntakeService/CloseCase": "office_id"})
    with pytest.raises(ValueError, match="actor fields for RPCs the table does not have"):
        parse(TABLE, {**ACTORS, "IntakeService/CloseAllCases": "caseworker_id"})
