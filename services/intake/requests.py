"""Requests -> validated intake values: one function per RPC that takes input.

Each function reads one request, collects every bad field (named the way the request
spells it, e.g. `application.people[1].birth_date`, never with its value) with the
shared `Violations`, and either raises one `InvalidField` or returns plain dataclasses
of `domain`. Nothing here touches the database or Temporal, so a bad request is
refused before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from datetime import UTC, date
from typing import Any

from casework.v1 import common_pb2, intake_pb2

from common.validate import Violations
from common.vocabulary import (
    INCOME_KINDS,
    NEEDS,
    PROGRAMS,
    RELATIONSHIPS,
    UTILITIES,
    Relationship,
)
from services.intake.domain import (
    Address,
    Application,
    CaseworkerStep,
    Contact,
    EventRequest,
    Household,
    HouseholdChange,
    Identity,
    Member,
    NoticeRequest,
    PrivateFacts,
    WageReplacement,
)
from services.intake.offices import Office
from services.intake.record import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, RecordQuery, offset_of
from services.intake.verification import EntryRequest
from workflows import Update
from workflows.convert import (
    APPEALED_ACTIONS,
    CLOSURE_REASONS,
    EXPENSE_KINDS,
    HEARING_OUTCOMES,
    NOTICE_KINDS,
    PHASES,
    REQUESTERS,
    VERIFICATION_ACTIONS,
    VERIFICATION_KINDS,
    VERIFICATION_SOURCES,
)
from workflows.inputs import (
    MEDICAL_KINDS,
    ApprovalDecisionInput,
    AssessmentInput,
    ChangeKind,
    ChangeReport,
    ClosureInput,
    ClosureReason,
    DeadlineExtensionInput,
    EmploymentInput,
    ExpenseChange,
    Expenses,
    ExtensionRequestInput,
    HearingDecisionInput,
    HearingRequestInput,
    Income,
    InterviewInput,
    Move,
    NewMember,
    Phase,
    PlanActivity,
    PlanApprovalInput,
    Program,
    ReassignmentInput,
    RenewalInput,
    ReportedChange,
    RescheduleInput,
    UtilityAllowance,
    VerificationAction,
    VerificationInput,
    VerificationKind,
    VerifiedExpense,
)

OLDEST_AGE_YEARS = 130
"""A birth date further back than this is a typing error, not a person."""


def _incomes(
    incomes: Sequence[common_pb2.Income], prefix: str, member_ids: Collection[str],
    found: Violations,
) -> list[Income]:
    parsed = []
    for number, income in enumerate(incomes):
        at = f"{prefix}[{number}]"
        if income.member_id:
            found.require(income.member_id in member_ids, f"{at}.member_id",
                          "is not a member of the household")
        else:
            found.add(f"{at}.member_id", "is required")
        kind = found.choice(income.kind, INCOME_KINDS.by_number, f"{at}.kind")
        cents = found.cents(income.monthly_cents, f"{at}.monthly_cents")
        if kind is not None:
            parsed.append(Income(income.member_id, kind, cents))
    return parsed


def _expenses(expenses: common_pb2.Expenses, prefix: str, found: Violations) -> Expenses:
    cents = {
        name: found.cents(getattr(expenses, name), f"{prefix}.{name}")
        for name in ("rent_cents", "property_tax_cents", "homeowners_insurance_cents",
                     "dependent_care_cents", "child_support_paid_cents",
                     "medical_out_of_pocket_cents")
    }
    utilities = found.choice(expenses.utilities, UTILITIES.by_number, f"{prefix}.utilities")
    return Expenses(utilities=utilities or UtilityAllowance.NONE, homeless=expenses.homeless,
                    **cents)


def _person(
    person: intake_pb2.Person, at: str, today: date, found: Violations
) -> tuple[Member, Identity] | None:
    """One person as an application or a change report names them: the member the rules
    see, and who they are (PII)."""
    member_id = found.identifier(person.id, f"{at}.id")
    given = found.text(person.given_name, f"{at}.given_name")
    family = found.text(person.family_name, f"{at}.family_name")
    born = found.date(person.birth_date, f"{at}.birth_date", not_after=today,
                      not_before=date(today.year - OLDEST_AGE_YEARS, 1, 1))
    relationship = found.choice(person.relationship, RELATIONSHIPS.by_number,
                                f"{at}.relationship")
    # Optional: a member may have applied for a number, or not be asked for one.
    ssn = found.ssn(person.ssn, f"{at}.ssn") if person.ssn else ""
    if born is None or relationship is None:
        return None
    return (Member(member_id, relationship, person.disabled, person.student, person.pregnant,
                   person.non_citizen),
            Identity(member_id, given, family, born, ssn))


def _contact(contact: intake_pb2.Contact, found: Violations) -> Contact:
    """The household's phone and email, each optional (a SNAP application needs only a
    name, an address and a signature to be filed, 7 CFR 273.2(c)(1))."""
    at = "application.contact"
    return Contact(
        phone=found.phone(contact.phone, f"{at}.phone") if contact.phone.strip() else "",
        email=found.email(contact.email, f"{at}.email") if contact.email.strip() else "")


def _people(
    people: Sequence[intake_pb2.Person], today: date, found: Violations
) -> tuple[list[Member], list[Identity]]:
    members: list[Member] = []
    identities: list[Identity] = []
    if not found.require(bool(people), "application.people", "must list at least one person"):
        return members, identities
    seen: set[str] = set()
    for number, person in enumerate(people):
        at = f"application.people[{number}]"
        if person.id:
            found.require(person.id not in seen, f"{at}.id", "is used by an earlier person")
            seen.add(person.id)
        parsed = _person(person, at, today, found)
        if parsed is not None:
            members.append(parsed[0])
            identities.append(parsed[1])
    heads = sum(p.relationship == common_pb2.RELATIONSHIP_HEAD for p in people)
    found.require(heads == 1, "application.people",
                  f"must name exactly one RELATIONSHIP_HEAD (found {heads})")
    return members, identities


def parse_application(request: intake_pb2.SubmitApplicationRequest, *, today: date) -> Application:
    """A whole application checked at once; `today` is in the agency's time zone."""
    found = Violations()
    submission_id = found.key(request.submission_id, "submission_id")
    app = request.application
    programs: list[Program] = []
    if found.require(bool(app.programs), "application.programs",
                     "must list at least one program"):
        for number, value in enumerate(app.programs):
            program = found.choice(value, PROGRAMS.by_number, f"application.programs[{number}]")
            if program is not None and found.require(
                program not in programs, f"application.programs[{number}]", "is listed twice"
            ):
                programs.append(program)
    found.state(app.state, "application.state")
    zip_code = found.zip(app.address.zip, "application.address.zip")
    filing_date = found.date(app.filing_date, "application.filing_date", not_after=today)
    members, identities = _people(app.people, today, found)
    incomes = _incomes(app.incomes, "application.incomes", {p.id for p in app.people}, found)
    expenses = _expenses(app.expenses, "application.expenses", found)
    liquid = found.cents(app.assets.liquid_cents, "application.assets.liquid_cents")
    contact = _contact(app.contact, found)
    found.raise_if_any()
    assert filing_date is not None  # raise_if_any has refused a bad one
    address = Address(app.address.line1.strip(), app.address.line2.strip(),
                      app.address.city.strip(), app.address.county.strip(), zip_code)
    return Application(
        submission_id=submission_id,
        programs=programs,
        state=app.state,
        address=address,
        filing_date=filing_date,
        household=Household(members, incomes, expenses, liquid,
                            app.destitute_migrant_farmworker),
        identities=identities,
        contact=contact,
    )


def parse_interview(request: intake_pb2.RecordInterviewRequest, *, today: date) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    held = found.date(request.interview_date, "interview_date", not_after=today)
    found.raise_if_any()
    assert held is not None
    return CaseworkerStep(case_id, Update.RECORD_INTERVIEW,
                          InterviewInput(caseworker, held.isoformat()))


def parse_reschedule(
    request: intake_pb2.RescheduleInterviewRequest, *, today: date
) -> CaseworkerStep:
    """A new interview date is one still to come; whether the case has an interview to
    move, and SNAP's day-30 bound, are the case's to say."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    new_date = found.date(request.interview_date, "interview_date", not_before=today)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    assert new_date is not None
    return CaseworkerStep(case_id, Update.RESCHEDULE_INTERVIEW,
                          RescheduleInput(new_date.isoformat(), caseworker))


CASEWORKER_ACTIONS = {number: action for number, action in VERIFICATION_ACTIONS.by_number.items()
                      if action not in (VerificationAction.NOT_PROVIDED,
                                        VerificationAction.REQUESTED_AGAIN)}
"""What a caseworker may send; NOT_PROVIDED and REQUESTED_AGAIN are the case's own."""

REVIEW_REASON_LENGTH = 200


def parse_verification(
    request: intake_pb2.SubmitVerificationRequest, *, today: date, member_ids: Collection[str]
) -> CaseworkerStep:
    """Evidence, a correction or a rejection (`action`; unset reads as RECEIVED). Whether
    the item was asked for and is in is the case's to say; the amounts' shape, and that
    each belongs to the kind of item it comes with, are checked here. `member_ids` are
    the household's, whom verified incomes must name."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    kind = found.choice(request.kind, VERIFICATION_KINDS.by_number, "kind")
    action = (found.choice(request.action, CASEWORKER_ACTIONS, "action") if request.action
              else VerificationAction.RECEIVED)
    rejected = action is VerificationAction.REJECTED
    source = request.source.strip() if rejected else found.text(request.source, "source")
    received = found.date(request.received_date, "received_date", not_after=today)
    verifier = found.identifier(request.verifier_id, "verifier_id")
    reason = ""
    if action in (VerificationAction.CORRECTED, VerificationAction.REJECTED):
        reason = found.text(request.reason, "reason", max_length=REVIEW_REASON_LENGTH)
    elif request.reason and action is not None:
        found.add("reason", "is only for a correction or a rejection")
    evidence = (found.choice(request.evidence, VERIFICATION_SOURCES.by_number, "evidence")
                if request.evidence else None)
    if rejected and (request.verified_incomes or request.verified_expenses):
        found.add("verified_incomes" if request.verified_incomes else "verified_expenses",
                  "must be empty: a rejection verifies nothing")
    if request.verified_incomes and kind not in (None, VerificationKind.INCOME):
        found.add("verified_incomes", "are verified only by an income item")
    incomes = _incomes(request.verified_incomes, "verified_incomes", member_ids, found)
    expenses = []
    for number, expense in enumerate(request.verified_expenses):
        at = f"verified_expenses[{number}]"
        expense_kind = found.choice(expense.kind, EXPENSE_KINDS.by_number, f"{at}.kind")
        cents = found.cents(expense.monthly_cents, f"{at}.monthly_cents")
        if expense_kind is not None and kind is not None:
            proves = (VerificationKind.MEDICAL_EXPENSES if expense_kind in MEDICAL_KINDS
                      else VerificationKind.EXPENSES)
            found.require(kind is proves, f"{at}.kind", f"belongs to the {proves} item")
            expenses.append(VerifiedExpense(expense_kind, cents))
    found.raise_if_any()
    assert kind is not None and received is not None and action is not None
    return CaseworkerStep(case_id, Update.SUBMIT_VERIFICATION, VerificationInput(
        kind, source, received.isoformat(), verifier, action, reason, evidence, incomes,
        expenses))


def parse_assessment(request: intake_pb2.RecordAssessmentRequest, *, today: date) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    strengths = [found.text(s, f"strengths[{n}]") for n, s in enumerate(request.strengths)]
    goals = [found.text(g, f"goals[{n}]") for n, g in enumerate(request.goals)]
    needs = [found.choice(need, NEEDS.by_number, f"needs[{n}]")
             for n, need in enumerate(request.needs)]
    activities = []
    for number, planned in enumerate(request.activities):
        at = f"activities[{number}]"
        description = found.text(planned.description, f"{at}.description")
        need = found.choice(planned.need, NEEDS.by_number, f"{at}.need")
        target = found.date(planned.target_date, f"{at}.target_date", not_before=today)
        if need is not None and target is not None:
            activities.append(PlanActivity(description, need, target.isoformat()))
    found.raise_if_any()
    return CaseworkerStep(case_id, Update.RECORD_ASSESSMENT, AssessmentInput(
        caseworker, strengths, [n for n in needs if n is not None], goals, activities))


def parse_plan_approval(request: intake_pb2.ApprovePlanRequest) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    supervisor = found.identifier(request.supervisor_id, "supervisor_id")
    found.raise_if_any()
    return CaseworkerStep(case_id, Update.APPROVE_PLAN, PlanApprovalInput(supervisor))


EXPENSE_CENTS = ("rent_cents", "property_tax_cents", "homeowners_insurance_cents",
                 "dependent_care_cents", "child_support_paid_cents",
                 "medical_out_of_pocket_cents")


def _expense_change(change: intake_pb2.ExpenseChange, at: str, found: Violations) -> ExpenseChange:
    given: dict[str, Any] = {name: found.cents(getattr(change, name), f"{at}.{name}")
                             for name in EXPENSE_CENTS if change.HasField(name)}
    if change.HasField("utilities"):
        given["utilities"] = found.choice(change.utilities, UTILITIES.by_number,
                                          f"{at}.utilities")
    if change.HasField("homeless"):
        given["homeless"] = change.homeless
    found.require(bool(given), at, "must set at least one expense")
    return ExpenseChange(**given)


def _changes(
    changes: Sequence[intake_pb2.HouseholdChange], *, member_ids: Collection[str],
    found: Violations, today: date | None, reported: date | None, with_pii: bool,
    identified: Collection[str] = (),
) -> tuple[list[ReportedChange], PrivateFacts]:
    """A report's changes, each checked against the household as the changes before it
    leave it (a member added earlier in the report may have income in a later change).
    `with_pii`: the report as the household made it, with new members' names and birth
    dates and a new address's street (kept by intake); without, as the case workflow
    passes it on, when a new member must be one of the people intake has `identified`."""
    members = set(member_ids)
    parsed: list[ReportedChange] = []
    identities: list[Identity] = []
    address: Address | None = None
    for number, change in enumerate(changes):
        at = f"changes[{number}]"
        happened = found.date(change.change_date, f"{at}.change_date", not_after=today)
        if happened is not None and reported is not None and happened > reported:
            found.add(f"{at}.change_date", "must not be after reported_date")
        which = change.WhichOneof("change")
        if which is None:
            found.add(at, "must set one of add_member, remove_member, move, income, "
                      "expenses or assets")
            continue
        kind = ChangeKind(which)
        entry = ReportedChange(kind, change.change_date)
        if kind is ChangeKind.ADD_MEMBER:
            person, where = change.add_member, f"{at}.add_member"
            if person.id:
                found.require(person.id not in members, f"{where}.id",
                              "is already a member of the household")
            if with_pii:
                assert today is not None
                new = _person(person, where, today, found)
                if new is not None:
                    identities.append(new[1])
            else:
                if found.identifier(person.id, f"{where}.id"):
                    found.require(person.id in identified, f"{where}.id",
                                  "is not a person intake has stored for the case")
                found.choice(person.relationship, RELATIONSHIPS.by_number,
                             f"{where}.relationship")
            relationship = RELATIONSHIPS.by_number.get(person.relationship)
            found.require(relationship is not Relationship.HEAD, f"{where}.relationship",
                          "must not be RELATIONSHIP_HEAD: the household has its head")
            if relationship is not None:
                entry.add_member = NewMember(person.id, relationship, person.disabled,
                                             person.student, person.pregnant)
            members.add(person.id)
        elif kind is ChangeKind.REMOVE_MEMBER:
            gone = found.identifier(change.remove_member.member_id, f"{at}.remove_member.member_id")
            if gone and found.require(gone in members, f"{at}.remove_member.member_id",
                                      "no such member"):
                found.require(len(members) > 1, f"{at}.remove_member",
                              "would leave the household without members")
                members.discard(gone)
            entry.remove_member_id = gone
        elif kind is ChangeKind.MOVE:
            moved, where = change.move, f"{at}.move"
            county = found.text(moved.county, f"{where}.county", max_length=100)
            zip_code = found.zip(moved.zip, f"{where}.zip")
            entry.move = Move(county, zip_code)
            if with_pii:
                address = Address(moved.line1.strip(), moved.line2.strip(), moved.city.strip(),
                                  county, zip_code)
        elif kind is ChangeKind.INCOME:
            income, where = change.income, f"{at}.income"
            if found.identifier(income.member_id, f"{where}.member_id"):
                found.require(income.member_id in members, f"{where}.member_id", "no such member")
            income_kind = found.choice(income.kind, INCOME_KINDS.by_number, f"{where}.kind")
            cents = found.cents(income.monthly_cents, f"{where}.monthly_cents")
            if income_kind is not None:
                entry.income = Income(income.member_id, income_kind, cents)
        elif kind is ChangeKind.EXPENSES:
            entry.expenses = _expense_change(change.expenses, f"{at}.expenses", found)
        else:
            entry.liquid_assets_cents = found.cents(change.assets.liquid_cents,
                                                    f"{at}.assets.liquid_cents")
        parsed.append(entry)
    return parsed, PrivateFacts(identities, address)


def parse_change_report(
    request: intake_pb2.ReportChangeRequest, *, today: date, member_ids: Collection[str]
) -> CaseworkerStep:
    """`member_ids` are the case's household members, whom the changes (or the incomes
    of a report of the deprecated kind) must name. A new member's identity and a new
    street go into the step's `private` facts, never into the workflow's input."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    reported = found.date(request.reported_date, "reported_date", not_after=today)
    deprecated = bool(request.incomes) or request.HasField("expenses")
    changes, private = _changes(request.changes, member_ids=member_ids, found=found,
                                today=today, reported=reported, with_pii=True)
    if request.changes:
        found.require(not deprecated, "changes",
                      "must not come with the deprecated incomes or expenses")
    else:
        found.require(deprecated, "changes", "must list at least one change")
    incomes = _incomes(request.incomes, "incomes", member_ids, found)
    expenses = (_expenses(request.expenses, "expenses", found)
                if request.HasField("expenses") else None)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    assert reported is not None
    return CaseworkerStep(case_id, Update.REPORT_CHANGE,
                          ChangeReport(reported.isoformat(), incomes, expenses, changes,
                                       caseworker),
                          private if private.identities or private.address else None)


def parse_employment(
    request: intake_pb2.RecordEmploymentRequest, *, member_ids: Collection[str]
) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    member = found.identifier(request.member_id, "member_id")
    if member:
        found.require(member in member_ids, "member_id", "is not a member of the household")
    started = found.date(request.start_date, "start_date")
    wages = found.cents(request.monthly_wages_cents, "monthly_wages_cents")
    found.require(0 <= request.hours_per_week <= 168, "hours_per_week", "must be 0 to 168")
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    assert started is not None
    return CaseworkerStep(case_id, Update.RECORD_EMPLOYMENT,
                EmploymentInput(member, started.isoformat(), wages, request.hours_per_week,
                                caseworker))


def parse_closure(request: intake_pb2.CloseCaseRequest) -> CaseworkerStep:
    """A closure of the whole case, or (with `program` set) of that program's line."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    reason = found.choice(request.reason, CLOSURE_REASONS.by_number, "reason")
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    program = (found.choice(request.program, PROGRAMS.by_number, "program")
               if request.program else None)
    found.raise_if_any()
    assert reason is not None
    return CaseworkerStep(case_id, Update.CLOSE_CASE,
                          ClosureInput(reason, caseworker, program))


def parse_hearing_request(
    request: intake_pb2.RequestFairHearingRequest, *, today: date
) -> CaseworkerStep:
    """Whether the program is the case's, and the request in time, is the case's to say."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    program = found.choice(request.program, PROGRAMS.by_number, "program")
    requested = found.date(request.requested_date, "requested_date", not_after=today)
    appealed = found.choice(request.action_appealed, APPEALED_ACTIONS.by_number,
                            "action_appealed")
    requester = found.choice(request.requested_by, REQUESTERS.by_number, "requested_by")
    recorded_by = found.identifier(request.recorded_by, "recorded_by")
    found.raise_if_any()
    assert program is not None and requested is not None
    assert appealed is not None and requester is not None
    return CaseworkerStep(case_id, Update.REQUEST_HEARING, HearingRequestInput(
        program, requested.isoformat(), appealed, requester, recorded_by))


def parse_hearing_decision(
    request: intake_pb2.RecordHearingDecisionRequest, *, today: date
) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    hearing = found.identifier(request.hearing_id, "hearing_id")
    decided = found.date(request.decision_date, "decision_date", not_after=today)
    outcome = found.choice(request.outcome, HEARING_OUTCOMES.by_number, "outcome")
    officer = found.identifier(request.hearing_officer_id, "hearing_officer_id")
    found.raise_if_any()
    assert decided is not None and outcome is not None
    return CaseworkerStep(case_id, Update.RECORD_HEARING_DECISION, HearingDecisionInput(
        hearing, decided.isoformat(), outcome, officer))


def parse_deadline_extension(
    request: intake_pb2.ExtendDeadlineRequest, *, today: date
) -> CaseworkerStep:
    """The code's shape only: whether the case runs that clock, and whether the new date
    is later than its due date, is the case's to say."""
    found = Violations()
    case_id, code, new_due, reason = _extension(found, request, today)
    supervisor = found.identifier(request.supervisor_id, "supervisor_id")
    found.raise_if_any()
    return CaseworkerStep(case_id, Update.EXTEND_DEADLINE, DeadlineExtensionInput(
        code, new_due, reason, supervisor))


def _extension(
    found: Violations,
    request: intake_pb2.ExtendDeadlineRequest | intake_pb2.RequestDeadlineExtensionRequest,
    today: date,
) -> tuple[str, str, str, str]:
    """The case, clock code, new due date (not in the past) and reason of an extension,
    granted or asked for ("" for a date `found` refused)."""
    case_id, code = found.case_id(request.case_id), found.code(request.code, "code")
    new_due = found.date(request.new_due_date, "new_due_date", not_before=today)
    return case_id, code, new_due.isoformat() if new_due else "", found.text(request.reason,
                                                                              "reason")


def parse_reassignment(
    request: intake_pb2.ReassignCaseRequest, *, office_of: Callable[[str], Office | None]
) -> CaseworkerStep:
    """The caseworker must be one of an office's (`office_of` finds it); whether the case
    may move is the case's to say."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    supervisor = found.identifier(request.supervisor_id, "supervisor_id")
    reason = found.text(request.reason, "reason")
    office = office_of(caseworker) if caseworker else None
    if caseworker:
        found.require(office is not None, "caseworker_id", "is not a caseworker of any office")
    found.raise_if_any()
    assert office is not None
    return CaseworkerStep(case_id, Update.REASSIGN_CASE, ReassignmentInput(
        caseworker, office.id, office.phone, supervisor, reason))


def parse_extension_request(
    request: intake_pb2.RequestDeadlineExtensionRequest, *, today: date
) -> CaseworkerStep:
    found = Violations()
    case_id, code, new_due, reason = _extension(found, request, today)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    return CaseworkerStep(case_id, Update.REQUEST_EXTENSION, ExtensionRequestInput(
        code, new_due, reason, caseworker))


APPROVAL_DECISIONS = {intake_pb2.APPROVAL_DECISION_APPROVE: True,
                      intake_pb2.APPROVAL_DECISION_RETURN: False}


def parse_approval_decision(request: intake_pb2.DecideApprovalRequest) -> CaseworkerStep:
    """A return needs its reason; an approval may carry one."""
    found = Violations()
    case_id = found.case_id(request.case_id)
    approval_id = found.identifier(request.approval_id, "approval_id")
    approve = found.choice(request.decision, APPROVAL_DECISIONS, "decision")
    supervisor = found.identifier(request.supervisor_id, "supervisor_id")
    reason = (found.text(request.reason, "reason") if approve is False or request.reason.strip()
              else "")
    found.raise_if_any()
    assert approve is not None
    return CaseworkerStep(case_id, Update.DECIDE_APPROVAL, ApprovalDecisionInput(
        approval_id, approve, supervisor, reason))


def parse_renewal(request: intake_pb2.SubmitRenewalRequest, *, today: date) -> CaseworkerStep:
    found = Violations()
    case_id = found.case_id(request.case_id)
    program = found.choice(request.program, PROGRAMS.by_number, "program")
    received = found.date(request.received_date, "received_date", not_after=today)
    caseworker = found.identifier(request.caseworker_id, "caseworker_id")
    found.raise_if_any()
    assert program is not None and received is not None
    return CaseworkerStep(case_id, Update.SUBMIT_RENEWAL,
                          RenewalInput(program, received.isoformat(), caseworker))


# --- record keeping (requests from the workflow's activities) ---------------------------


def parse_record_query(request: intake_pb2.GetCaseRecordRequest) -> RecordQuery:
    """Which entries of a case's record to read. An action nobody records is not an
    error (it chooses nothing); a page size above the most is read as the most."""
    found = Violations()
    found.case_id(request.case_id)
    actions = frozenset(found.identifier(a, f"actions[{n}]") for n, a in enumerate(request.actions))
    since = None
    if request.HasField("since"):
        try:
            since = request.since.ToDatetime(tzinfo=UTC)
        except ValueError:
            found.add("since", "must be a valid timestamp (years 1 to 9999)")
    found.require(request.page_size >= 0, "page_size", "must not be negative")
    offset = offset_of(request.page_token) if request.page_token else 0
    found.require(offset is not None, "page_token",
                  "must be a next_page_token of this RPC")
    found.raise_if_any()
    return RecordQuery(request.case_id, actions, since,
                       min(request.page_size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE), offset or 0)


def parse_as_of(request: intake_pb2.GetHouseholdRequest, *, today: date) -> date:
    """The day ages are computed on; unset means today (a change report's re-read)."""
    found = Violations()
    found.case_id(request.case_id)
    as_of = found.date(request.as_of_date, "as_of_date") if request.as_of_date else today
    found.raise_if_any()
    assert as_of is not None
    return as_of


def parse_verification_request(
    request: intake_pb2.RequestVerificationsRequest,
) -> tuple[list[VerificationKind], date]:
    found = Violations()
    found.case_id(request.case_id)
    found.require(bool(request.kinds), "kinds", "must list at least one kind")
    kinds = [found.choice(k, VERIFICATION_KINDS.by_number, f"kinds[{n}]")
             for n, k in enumerate(request.kinds)]
    due = found.date(request.due_date, "due_date")
    found.raise_if_any()
    assert due is not None
    return list(dict.fromkeys(k for k in kinds if k is not None)), due


def parse_plan_request(
    request: intake_pb2.PlanVerificationsRequest, *, today: date
) -> tuple[list[Program], date]:
    """The programs the case is deciding, and the day ages are taken on (unset: today)."""
    found = Violations()
    found.case_id(request.case_id)
    found.require(bool(request.programs), "programs", "must list at least one program")
    programs = [found.choice(p, PROGRAMS.by_number, f"programs[{n}]")
                for n, p in enumerate(request.programs)]
    as_of = found.date(request.as_of_date, "as_of_date") if request.as_of_date else today
    found.raise_if_any()
    assert as_of is not None
    return list(dict.fromkeys(p for p in programs if p is not None)), as_of


def parse_verification_record(request: intake_pb2.RecordVerificationRequest) -> EntryRequest:
    """One record of an item's history: evidence received or corrected (received true,
    with its source, date and verifier), a rejection (received false, the reviewer, the
    day reviewed, the reason and the new due date), the item not provided (received
    false, nothing else) or asked for again at recertification (received false and the
    new due date). An unset action is RECEIVED, as activities recorded before actions
    send it."""
    found = Violations()
    found.case_id(request.case_id)
    item = request.item
    kind = found.choice(item.kind, VERIFICATION_KINDS.by_number, "item.kind")
    action = (found.choice(item.last_action, VERIFICATION_ACTIONS.by_number, "item.last_action")
              if item.last_action else VerificationAction.RECEIVED)
    evidence = action in (VerificationAction.RECEIVED, VerificationAction.CORRECTED)
    found.require(item.received == evidence, "item.received",
                  f"must be {str(evidence).lower()} for an item {action}")
    source, received, verifier, due = "", None, "", None
    if evidence:
        source = found.text(item.source, "item.source")
    if action not in (VerificationAction.NOT_PROVIDED, VerificationAction.REQUESTED_AGAIN):
        received = found.date(item.received_date, "item.received_date")
        verifier = found.identifier(item.verifier_id, "item.verifier_id")
    if action in (VerificationAction.REJECTED, VerificationAction.REQUESTED_AGAIN):
        due = found.date(item.due_date, "item.due_date")
    key = found.key(request.idempotency_key, "idempotency_key") if request.idempotency_key else ""
    incomes, expenses = [], []
    for number, income in enumerate(item.verified_incomes):
        at = f"item.verified_incomes[{number}]"
        income_kind = found.choice(income.kind, INCOME_KINDS.by_number, f"{at}.kind")
        cents = found.cents(income.monthly_cents, f"{at}.monthly_cents")
        if income_kind is not None:
            incomes.append(Income(income.member_id, income_kind, cents))
    for number, expense in enumerate(item.verified_expenses):
        at = f"item.verified_expenses[{number}]"
        expense_kind = found.choice(expense.kind, EXPENSE_KINDS.by_number, f"{at}.kind")
        cents = found.cents(expense.monthly_cents, f"{at}.monthly_cents")
        if expense_kind is not None:
            expenses.append(VerifiedExpense(expense_kind, cents))
    source_kind = (found.choice(item.evidence, VERIFICATION_SOURCES.by_number, "item.evidence")
                   if item.evidence else None)
    found.raise_if_any()
    assert kind is not None and action is not None
    return EntryRequest(kind, action, source, received, verifier, source_kind, item.note, due,
                        incomes if evidence else [], expenses if evidence else [],
                        list(item.member_ids), key)


def parse_household_change(
    request: intake_pb2.ApplyHouseholdChangeRequest, *, member_ids: Collection[str],
    today: date | None = None, identified: Collection[str] = (),
) -> HouseholdChange:
    """`today` (the agency's) bounds the changes' dates; `identified` are the people
    intake has stored for the case, which a member added must be one of."""
    found = Violations()
    found.case_id(request.case_id)
    key = found.key(request.idempotency_key, "idempotency_key")
    # Optional: a case that ran before reports named their caseworker sends none.
    caseworker = (found.identifier(request.caseworker_id, "caseworker_id")
                  if request.caseworker_id else "")
    incomes = _incomes(request.incomes, "incomes", member_ids, found)
    expenses = (_expenses(request.expenses, "expenses", found)
                if request.HasField("expenses") else None)
    changes, _ = _changes(request.changes, member_ids=member_ids, found=found, today=today,
                          reported=None, with_pii=False, identified=identified)
    wages = None
    if request.HasField("replace_wages"):
        member = found.identifier(request.replace_wages.member_id, "replace_wages.member_id")
        if member:
            found.require(member in member_ids, "replace_wages.member_id",
                          "is not a member of the household")
        wages = WageReplacement(member, found.cents(request.replace_wages.monthly_cents,
                                                    "replace_wages.monthly_cents"))
    found.raise_if_any()
    return HouseholdChange(key, incomes, expenses, wages, changes, caseworker)


def parse_event(request: intake_pb2.RecordCaseEventRequest) -> EventRequest:
    found = Violations()
    found.case_id(request.case_id)
    key = found.key(request.idempotency_key, "idempotency_key")
    kind = found.identifier(request.event.kind, "event.kind")
    detail: Any = {}
    if request.event.detail:
        try:
            detail = json.loads(request.event.detail)
        except ValueError:
            detail = None
        found.require(isinstance(detail, dict), "event.detail", "must be a JSON object")
    found.raise_if_any()
    return EventRequest(key, kind, detail)


def parse_notice(request: intake_pb2.IssueNoticeRequest) -> NoticeRequest:
    found = Violations()
    found.case_id(request.case_id)
    key = found.key(request.idempotency_key, "idempotency_key")
    kind = found.choice(request.kind, NOTICE_KINDS.by_number, "kind")
    found.require(bool(request.text.strip()), "text", "is required")
    mailed = found.date(request.mailed_date, "mailed_date") if request.mailed_date else None
    found.raise_if_any()
    assert kind is not None
    return NoticeRequest(key, kind, request.text, mailed)


def parse_status(request: intake_pb2.UpdateCaseStatusRequest) -> tuple[Phase, ClosureReason | None]:
    found = Violations()
    found.case_id(request.case_id)
    phase = found.choice(request.phase, PHASES.by_number, "phase")
    reason = (found.choice(request.closure_reason, CLOSURE_REASONS.by_number, "closure_reason")
              if request.closure_reason else None)
    found.raise_if_any()
    assert phase is not None
    return phase, reason
