"""Intake's rules without a server: application checks, ages, interview dates, turns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from casework.v1 import common_pb2, intake_pb2

from common.errors import InvalidField
from common.vocabulary import Relationship
from services.intake import domain, requests
from tests.unit.intake.builders import FAMILY_NAME, an_application, today
from workflows import Update
from workflows.inputs import (
    AppealedAction,
    ClosureInput,
    ClosureReason,
    DeadlineExtensionInput,
    Expenses,
    HearingDecisionInput,
    HearingOutcome,
    HearingRequestInput,
    Income,
    IncomeKind,
    Program,
    RenewalInput,
    Requester,
    RescheduleInput,
    UtilityAllowance,
)

CASE_ID = "0" * 32


def test_a_valid_application_splits_the_household_from_who_its_members_are() -> None:
    application = requests.parse_application(an_application(), today=today())
    assert application.programs == [Program.SNAP, Program.MEDICAID]
    assert [m.relationship for m in application.household.members] == [
        Relationship.HEAD, Relationship.SPOUSE, Relationship.CHILD]
    assert application.household.incomes[0].kind == IncomeKind.WAGES
    assert application.household.expenses.utilities == "heating_cooling"
    stored = str(application.household.to_json())
    assert FAMILY_NAME not in stored and "1992-02-29" not in stored
    assert application.identities[0].birth_date == date(1992, 2, 29)
    assert domain.Household.from_json(application.household.to_json()) == application.household


def test_every_bad_field_is_named_at_once_and_no_value_is_echoed() -> None:
    request = an_application()
    person = request.application.people[1]
    person.given_name = " "
    person.birth_date = "15/06/1988"
    request.application.state = "XX"
    request.application.incomes[0].monthly_cents = -1
    with pytest.raises(InvalidField) as refused:
        requests.parse_application(request, today=today())
    assert [field for field, _ in refused.value.violations] == [
        "application.state",
        "application.people[1].given_name",
        "application.people[1].birth_date",
        "application.incomes[0].monthly_cents",
    ]
    assert "15/06/1988" not in str(refused.value) and "XX" not in str(refused.value)


@pytest.mark.parametrize(("birth", "on", "age"), [
    ("1992-02-29", "2026-02-28", 33),  # a leap-day birthday comes on 1 March
    ("1992-02-29", "2026-03-01", 34),
    ("1992-02-29", "2028-02-29", 36),
    ("2019-09-01", "2026-08-31", 6),
    ("2019-09-01", "2026-09-01", 7),
    ("2026-05-01", "2026-04-01", 0),  # not yet born on the day asked about
])
def test_age_counts_whole_years_completed(birth: str, on: str, age: int) -> None:
    assert domain.age_on(date.fromisoformat(birth), date.fromisoformat(on)) == age


def test_the_interview_is_business_days_after_filing_and_never_in_the_past() -> None:
    friday = date(2026, 1, 2)
    assert domain.add_business_days(friday, 5) == date(2026, 1, 9)
    assert domain.interview_date(friday, date(2026, 1, 3), 5) == date(2026, 1, 9)
    assert domain.interview_date(friday, date(2026, 2, 2), 5) == date(2026, 2, 9)


def test_the_next_caseworker_is_the_least_loaded_then_the_first_listed() -> None:
    team = ("cw-a", "cw-b", "cw-c")
    assert domain.next_caseworker(team, {}) == "cw-a"
    assert domain.next_caseworker(team, {"cw-a": 1}) == "cw-b"
    assert domain.next_caseworker(team, {"cw-a": 2, "cw-b": 1, "cw-c": 1}) == "cw-b"


def test_a_change_report_may_only_give_income_to_household_members() -> None:
    request = intake_pb2.ReportChangeRequest(
        case_id="0" * 32, reported_date=today().isoformat(), caseworker_id="cw-1",
        incomes=[common_pb2.Income(member_id="m9", kind=common_pb2.INCOME_KIND_WAGES,
                                   monthly_cents=1)])
    with pytest.raises(InvalidField) as refused:
        requests.parse_change_report(request, today=today(), member_ids={"m1"})
    assert refused.value.violations == [("incomes[0].member_id",
                                         "is not a member of the household")]
    step = requests.parse_change_report(request, today=today(), member_ids={"m9"})
    assert (step.update, step.input.expenses) == ("report_change", None)


def a_household() -> domain.Household:
    return domain.Household(
        members=[domain.Member("m1", Relationship.HEAD), domain.Member("m2", Relationship.CHILD)],
        incomes=[Income("m1", IncomeKind.WAGES, 90_000), Income("m1", IncomeKind.PENSION, 20_000),
                 Income("m2", IncomeKind.WAGES, 10_000)],
        expenses=Expenses(rent_cents=80_000, utilities=UtilityAllowance.LIMITED))


def test_new_wages_replace_only_that_members_wages() -> None:
    change = domain.HouseholdChange("k", [], None, domain.WageReplacement("m1", 260_000))
    after = domain.apply_change(a_household(), change)
    assert after.incomes == [Income("m1", IncomeKind.PENSION, 20_000),
                             Income("m2", IncomeKind.WAGES, 10_000),
                             Income("m1", IncomeKind.WAGES, 260_000)]
    assert after.expenses == a_household().expenses


def test_a_change_report_replaces_the_incomes_and_keeps_unreported_expenses() -> None:
    change = domain.HouseholdChange("k", [Income("m2", IncomeKind.SSI, 94_300)], None)
    after = domain.apply_change(a_household(), change)
    assert after.incomes == [Income("m2", IncomeKind.SSI, 94_300)]
    assert after.expenses.rent_cents == 80_000


def test_a_wage_change_names_a_household_member_and_a_real_amount() -> None:
    request = intake_pb2.ApplyHouseholdChangeRequest(
        case_id="0" * 32, idempotency_key="k",
        replace_wages=intake_pb2.WageChange(member_id="m9", monthly_cents=-1))
    with pytest.raises(InvalidField) as refused:
        requests.parse_household_change(request, member_ids={"m1"})
    assert refused.value.violations == [
        ("replace_wages.member_id", "is not a member of the household"),
        ("replace_wages.monthly_cents", "must not be negative")]
    request.replace_wages.member_id, request.replace_wages.monthly_cents = "m1", 260_000
    change = requests.parse_household_change(request, member_ids={"m1"})
    assert change.wages == domain.WageReplacement("m1", 260_000)


def test_a_closure_names_its_program_or_closes_the_whole_case() -> None:
    request = intake_pb2.CloseCaseRequest(case_id=CASE_ID, caseworker_id="cw-a",
                                          reason=intake_pb2.CLOSURE_REASON_CLIENT_REQUEST)
    whole = requests.parse_closure(request)
    assert (whole.case_id, whole.update, whole.input) == (
        CASE_ID, Update.CLOSE_CASE, ClosureInput(ClosureReason.CLIENT_REQUEST, "cw-a", None))
    request.program = common_pb2.PROGRAM_MEDICAID
    assert requests.parse_closure(request).input == ClosureInput(
        ClosureReason.CLIENT_REQUEST, "cw-a", Program.MEDICAID)


def test_a_hearing_request_becomes_its_update() -> None:
    step = requests.parse_hearing_request(intake_pb2.RequestFairHearingRequest(
        case_id=CASE_ID, program=common_pb2.PROGRAM_SNAP, requested_date="2026-01-20",
        action_appealed=intake_pb2.APPEALED_ACTION_REDUCTION,
        requested_by=intake_pb2.REQUESTER_LEGAL_REPRESENTATIVE, recorded_by=" cw-a "),
        today=date(2026, 1, 20))
    assert (step.case_id, step.update) == (CASE_ID, Update.REQUEST_HEARING)
    assert step.input == HearingRequestInput(Program.SNAP, "2026-01-20",
                                             AppealedAction.REDUCTION,
                                             Requester.LEGAL_REPRESENTATIVE, "cw-a")


def test_a_hearing_decision_becomes_its_update() -> None:
    step = requests.parse_hearing_decision(intake_pb2.RecordHearingDecisionRequest(
        case_id=CASE_ID, hearing_id="hearing-1", decision_date="2026-03-01",
        outcome=intake_pb2.HEARING_OUTCOME_WITHDRAWN, hearing_officer_id="ho-7"),
        today=date(2026, 3, 2))
    assert step.update == Update.RECORD_HEARING_DECISION
    assert step.input == HearingDecisionInput("hearing-1", "2026-03-01",
                                              HearingOutcome.WITHDRAWN, "ho-7")


def test_a_deadline_extension_becomes_its_update_with_its_reason() -> None:
    step = requests.parse_deadline_extension(intake_pb2.ExtendDeadlineRequest(
        case_id=CASE_ID, code="MEDICAID_APPLICATION", new_due_date="2026-03-01",
        reason="  Waiting on the disability determination  ", supervisor_id="sup-1"),
        today=date(2026, 3, 1))
    assert step.update == Update.EXTEND_DEADLINE
    assert step.input == DeadlineExtensionInput(
        "MEDICAID_APPLICATION", "2026-03-01", "Waiting on the disability determination",
        "sup-1")


def test_a_renewal_becomes_its_update() -> None:
    step = requests.parse_renewal(intake_pb2.SubmitRenewalRequest(
        case_id=CASE_ID, program=common_pb2.PROGRAM_MEDICAID, received_date="2026-11-20",
        caseworker_id="cw-b"), today=date(2026, 11, 20))
    assert step.update == Update.SUBMIT_RENEWAL
    assert step.input == RenewalInput(Program.MEDICAID, "2026-11-20", "cw-b")


def test_a_reschedule_becomes_its_update_today_or_later() -> None:
    step = requests.parse_reschedule(intake_pb2.RescheduleInterviewRequest(
        case_id=CASE_ID, interview_date="2026-03-01", caseworker_id=" cw-a "),
        today=date(2026, 3, 1))
    assert (step.case_id, step.update) == (CASE_ID, Update.RESCHEDULE_INTERVIEW)
    assert step.input == RescheduleInput("2026-03-01", "cw-a")


@pytest.mark.parametrize(("request_", "parse", "problems"), [
    (intake_pb2.RequestFairHearingRequest(
        case_id=CASE_ID, program=common_pb2.PROGRAM_SNAP, requested_date="2026-03-02",
        action_appealed=intake_pb2.APPEALED_ACTION_DENIAL,
        requested_by=intake_pb2.REQUESTER_HOUSEHOLD, recorded_by="cw-a"),
     requests.parse_hearing_request, [("requested_date", "must not be in the future")]),
    (intake_pb2.RecordHearingDecisionRequest(
        case_id=CASE_ID, hearing_id="h" * 65, decision_date="2026-03-02",
        outcome=intake_pb2.HEARING_OUTCOME_UPHELD, hearing_officer_id="ho-7"),
     requests.parse_hearing_decision,
     [("hearing_id", "must be at most 64 characters"),
      ("decision_date", "must not be in the future")]),
    (intake_pb2.ExtendDeadlineRequest(
        case_id=CASE_ID, code="X" * 65, new_due_date="2026-02-28", reason="r" * 201,
        supervisor_id="sup-1"),
     requests.parse_deadline_extension,
     [("code", "must be at most 64 characters"),
      ("new_due_date", "must not be before 2026-03-01"),
      ("reason", "must be at most 200 characters")]),
    (intake_pb2.SubmitRenewalRequest(
        case_id=CASE_ID, program=common_pb2.PROGRAM_SNAP, received_date="2026-3-01",
        caseworker_id="cw-b"),
     requests.parse_renewal, [("received_date", "must be a date as YYYY-MM-DD")]),
    (intake_pb2.RescheduleInterviewRequest(
        case_id=CASE_ID, interview_date="2026-02-28", caseworker_id="cw-a"),
     requests.parse_reschedule, [("interview_date", "must not be before 2026-03-01")]),
    (intake_pb2.RescheduleInterviewRequest(
        case_id="Smith", interview_date="next week", caseworker_id="c" * 65),
     requests.parse_reschedule,
     [("case_id", "must be a case id (32 lower-case hex digits)"),
      ("interview_date", "must be a date as YYYY-MM-DD"),
      ("caseworker_id", "must be at most 64 characters")]),
])
def test_new_steps_bound_their_dates_ids_and_text(
    request_: object, parse: Callable[..., object], problems: list[tuple[str, str]],
) -> None:
    with pytest.raises(InvalidField) as refused:
        parse(request_, today=date(2026, 3, 1))
    assert refused.value.violations == problems
