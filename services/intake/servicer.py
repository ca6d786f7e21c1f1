"""The intake process's two gRPC services: proto in, domain call, proto out.

`IntakeService` is the public front door (applications, caseworker steps, reads);
`CaseRecordsService` is the record keeping the case workflow's activities call. Rules
live in `domain.py`, request checks in `requests.py`, SQL in `store.py`, Temporal in
`workflow_client.py`; each RPC here runs one transaction at most.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import date
from typing import TypeAlias

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from common.audit.trail import names_case
from common.auth.interceptor import Owners, current_principal
from common.auth.roles import Owner
from common.clock import to_timestamp, today_in
from common.config import Settings
from common.errors import Conflict, InvalidField, NotFound
from common.process import Built
from common.ratelimit import RateLimit
from common.server import Register
from common.status import rpc_errors
from common.temporal import connect, converter_for
from common.validate import require_case_id
from services.intake import (
    convert,
    domain,
    listings,
    record,
    requests,
    store,
    timeliness,
    verification,
    view_convert,
    view_requests,
    views,
)
from services.intake.gauges import CaseGauges
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from services.intake.workflow_client import CaseWorkflowClient
from workflows.convert import PHASES, state_pb, verification_pb
from workflows.inputs import Phase

log = logging.getLogger(__name__)

Context: TypeAlias = grpc.aio.ServicerContext

SERVICE_NAMES = tuple(
    intake_pb2.DESCRIPTOR.services_by_name[name].full_name
    for name in ("IntakeService", "CaseRecordsService")
)


class IntakeServicer(intake_pb2_grpc.IntakeServiceServicer):
    """Applications in, caseworker steps on to the case's workflow, cases out.

    The caseworker steps write nothing here: the workflow's activities record what an
    accepted step did through `CaseRecordsService`, so a refused step leaves no trace.
    """

    def __init__(
        self, *, sessions: async_sessionmaker[AsyncSession], cipher: PiiCipher,
        workflows: CaseWorkflowClient, agency_timezone: str, options: IntakeOptions,
    ) -> None:
        self._sessions = sessions
        self._options = options
        self._cipher = cipher
        self._workflows = workflows
        self._timezone = agency_timezone

    @rpc_errors
    async def SubmitApplication(
        self, request: intake_pb2.SubmitApplicationRequest, context: Context
    ) -> intake_pb2.SubmitApplicationResponse:
        application = requests.parse_application(request, today=today_in(self._timezone))
        caller = current_principal()
        async with self._sessions.begin() as session:
            row, replayed = await store.add_application(
                session, application=application, cipher=self._cipher,
                submitted_by=caller.sub if caller else "")
            names_case(row.case_id)  # the audit row committed with it names the new case
        # Started after the commit, and again on every resubmission: a crash between
        # the two heals when the submitting system retries with the same submission_id.
        # A closed case is not started again, even once Temporal has forgotten its run.
        if not (replayed and row.phase == str(Phase.CLOSED)):
            await self._workflows.start(row.case_input(
                self._timezone,
                elderly_or_disabled=domain.elderly_or_disabled_household(application),
                disability_basis=domain.disability_basis(application)))
        log.info("case %s %s", row.case_id, "resubmitted" if replayed else "opened")
        return intake_pb2.SubmitApplicationResponse(case_id=row.case_id, replayed=replayed)

    @rpc_errors
    async def GetCase(
        self, request: intake_pb2.GetCaseRequest, context: Context
    ) -> intake_pb2.GetCaseResponse:
        case_id = require_case_id(request.case_id)
        async with self._sessions() as session:
            row = await store.get_application(session, case_id=case_id)
            items = await store.verifications(session, case_id=case_id)
            entries = await store.verification_entries(session, case_id=case_id)
            notices = await store.notices(session, case_id=case_id)
            events = await store.events(session, case_id=case_id)
        case = intake_pb2.Case(
            case_id=case_id,
            household_size=len(row.household_facts().members),
            county=row.county,
            submitted_at=to_timestamp(row.submitted_at),
            verifications=[convert.verification_item_pb(
                item, [e for e in entries if e.kind == item.kind]) for item in items],
            notices=[convert.notice_pb(notice) for notice in notices],
            events=[convert.event_pb(event) for event in events],
            recorded_phase=PHASES.number(Phase(row.phase)),
        )
        state, waiting = await asyncio.gather(self._workflows.status(case_id),
                                              self._workflows.waiting_on(case_id))
        case.waiting_on.extend(convert.waiting_on_pb(w) for w in waiting)
        if state is not None:
            case.state.CopyFrom(state_pb(state))
        else:  # the workflow cannot be asked: what it last recorded, and when
            async with self._sessions() as session:
                recorded = await views.last_state(session, case_id=case_id)
            if recorded is not None:
                case.state.CopyFrom(recorded[0])
                case.state_from_record = True
                case.state_recorded_at.CopyFrom(to_timestamp(recorded[1]))
        return intake_pb2.GetCaseResponse(case=case)

    @rpc_errors
    async def GetCaseRecord(
        self, request: intake_pb2.GetCaseRecordRequest, context: Context
    ) -> intake_pb2.GetCaseRecordResponse:
        query = requests.parse_record_query(request)
        async with self._sessions() as session:
            row = await store.get_application(session, case_id=query.case_id)
            items = await store.verifications(session, case_id=query.case_id)
            events = await store.events(session, case_id=query.case_id)
            notices = await store.notices(session, case_id=query.case_id)
        entries, next_token = record.page(record.case_record(row, items, events, notices), query)
        return intake_pb2.GetCaseRecordResponse(
            entries=[convert.record_entry_pb(entry) for entry in entries],
            next_page_token=next_token)

    @rpc_errors
    async def RecordInterview(
        self, request: intake_pb2.RecordInterviewRequest, context: Context
    ) -> intake_pb2.RecordInterviewResponse:
        step = requests.parse_interview(request, today=today_in(self._timezone))
        return intake_pb2.RecordInterviewResponse(state=await self._send(step))

    @rpc_errors
    async def RescheduleInterview(
        self, request: intake_pb2.RescheduleInterviewRequest, context: Context
    ) -> intake_pb2.RescheduleInterviewResponse:
        step = requests.parse_reschedule(request, today=today_in(self._timezone))
        return intake_pb2.RescheduleInterviewResponse(state=await self._send(step))

    @rpc_errors
    async def SubmitVerification(
        self, request: intake_pb2.SubmitVerificationRequest, context: Context
    ) -> intake_pb2.SubmitVerificationResponse:
        members = await self._member_ids(request.case_id)
        step = requests.parse_verification(request, today=today_in(self._timezone),
                                           member_ids=members)
        return intake_pb2.SubmitVerificationResponse(state=await self._send(step))

    @rpc_errors
    async def RecordAssessment(
        self, request: intake_pb2.RecordAssessmentRequest, context: Context
    ) -> intake_pb2.RecordAssessmentResponse:
        step = requests.parse_assessment(request, today=today_in(self._timezone))
        return intake_pb2.RecordAssessmentResponse(state=await self._send(step))

    @rpc_errors
    async def ApprovePlan(
        self, request: intake_pb2.ApprovePlanRequest, context: Context
    ) -> intake_pb2.ApprovePlanResponse:
        step = requests.parse_plan_approval(request)
        return intake_pb2.ApprovePlanResponse(state=await self._send(step))

    @rpc_errors
    async def ReportChange(
        self, request: intake_pb2.ReportChangeRequest, context: Context
    ) -> intake_pb2.ReportChangeResponse:
        members = await self._member_ids(request.case_id)
        step = requests.parse_change_report(request, today=today_in(self._timezone),
                                          member_ids=members)
        private = step.private or domain.PrivateFacts()
        # Who joins is stored (encrypted) before the case hears of it, as its redetermination
        # reads their ages; the workflow itself never sees a name, birth date or street.
        written: list[str] = []
        if private.identities:
            async with self._sessions.begin() as session:
                written = await store.keep_identities(
                    session, case_id=step.case_id, identities=private.identities,
                    cipher=self._cipher)
        try:
            state = await self._send(step)
        except (Conflict, NotFound):
            if written:  # the case refused the report: the people it named are not kept
                async with self._sessions.begin() as session:
                    row = await store.get_application(session, case_id=step.case_id)
                    await store.forget_identities(session, row=row, member_ids=written)
            raise
        if private.address is not None:
            async with self._sessions.begin() as session:
                row = await store.get_application(session, case_id=step.case_id)
                store.set_street(row, private.address, self._cipher)
        return intake_pb2.ReportChangeResponse(state=state)

    @rpc_errors
    async def RecordEmployment(
        self, request: intake_pb2.RecordEmploymentRequest, context: Context
    ) -> intake_pb2.RecordEmploymentResponse:
        members = await self._member_ids(request.case_id)
        step = requests.parse_employment(request, member_ids=members)
        return intake_pb2.RecordEmploymentResponse(state=await self._send(step))

    @rpc_errors
    async def CloseCase(
        self, request: intake_pb2.CloseCaseRequest, context: Context
    ) -> intake_pb2.CloseCaseResponse:
        step = requests.parse_closure(request)
        return intake_pb2.CloseCaseResponse(state=await self._send(step))

    @rpc_errors
    async def RequestFairHearing(
        self, request: intake_pb2.RequestFairHearingRequest, context: Context
    ) -> intake_pb2.RequestFairHearingResponse:
        step = requests.parse_hearing_request(request, today=today_in(self._timezone))
        return intake_pb2.RequestFairHearingResponse(state=await self._send(step))

    @rpc_errors
    async def RecordHearingDecision(
        self, request: intake_pb2.RecordHearingDecisionRequest, context: Context
    ) -> intake_pb2.RecordHearingDecisionResponse:
        step = requests.parse_hearing_decision(request, today=today_in(self._timezone))
        return intake_pb2.RecordHearingDecisionResponse(state=await self._send(step))

    @rpc_errors
    async def ExtendDeadline(
        self, request: intake_pb2.ExtendDeadlineRequest, context: Context
    ) -> intake_pb2.ExtendDeadlineResponse:
        step = requests.parse_deadline_extension(request, today=today_in(self._timezone))
        return intake_pb2.ExtendDeadlineResponse(state=await self._send(step))

    @rpc_errors
    async def SubmitRenewal(
        self, request: intake_pb2.SubmitRenewalRequest, context: Context
    ) -> intake_pb2.SubmitRenewalResponse:
        step = requests.parse_renewal(request, today=today_in(self._timezone))
        return intake_pb2.SubmitRenewalResponse(state=await self._send(step))

    @rpc_errors
    async def ReassignCase(
        self, request: intake_pb2.ReassignCaseRequest, context: Context
    ) -> intake_pb2.ReassignCaseResponse:
        """The caseload moves when the case writes its new caseworker to the read model."""
        step = requests.parse_reassignment(request, office_of=self._options.office_of)
        return intake_pb2.ReassignCaseResponse(state=await self._send(step))

    @rpc_errors
    async def RequestDeadlineExtension(
        self, request: intake_pb2.RequestDeadlineExtensionRequest, context: Context
    ) -> intake_pb2.RequestDeadlineExtensionResponse:
        step = requests.parse_extension_request(request, today=today_in(self._timezone))
        state = await self._send(step)
        asked = next(a for a in reversed(state.approvals)
                     if a.code == request.code and not a.decision)
        return intake_pb2.RequestDeadlineExtensionResponse(approval=asked, state=state)

    @rpc_errors
    async def DecideApproval(
        self, request: intake_pb2.DecideApprovalRequest, context: Context
    ) -> intake_pb2.DecideApprovalResponse:
        state = await self._send(requests.parse_approval_decision(request))
        decided = next(a for a in state.approvals if a.approval_id == request.approval_id)
        return intake_pb2.DecideApprovalResponse(approval=decided, state=state)

    @rpc_errors
    async def ListCases(
        self, request: intake_pb2.ListCasesRequest, context: Context
    ) -> intake_pb2.ListCasesResponse:
        filter, page = view_requests.parse_list_cases(request, today=today_in(self._timezone))
        async with self._sessions() as session:
            found, token = await listings.list_cases(session, filter=filter, page=page)
        return intake_pb2.ListCasesResponse(
            cases=[view_convert.summary_pb(s) for s in found], next_page_token=token)

    @rpc_errors
    async def CountCases(
        self, request: intake_pb2.CountCasesRequest, context: Context
    ) -> intake_pb2.CountCasesResponse:
        filter, by = view_requests.parse_count_cases(request, today=today_in(self._timezone))
        async with self._sessions() as session:
            counts = await listings.count_cases(session, filter=filter, by=by)
        return intake_pb2.CountCasesResponse(
            counts=[intake_pb2.CaseCount(key=k, count=n) for k, n in counts.by_key.items()],
            total=counts.total)

    @rpc_errors
    async def GetWorklist(
        self, request: intake_pb2.GetWorklistRequest, context: Context
    ) -> intake_pb2.GetWorklistResponse:
        caseworker = view_requests.parse_worklist(request)
        async with self._sessions() as session:
            items = await listings.worklist(session, caseworker_id=caseworker)
        return intake_pb2.GetWorklistResponse(items=[view_convert.work_item_pb(i) for i in items])

    @rpc_errors
    async def ListClocks(
        self, request: intake_pb2.ListClocksRequest, context: Context
    ) -> intake_pb2.ListClocksResponse:
        filter, page = view_requests.parse_list_clocks(request, today=today_in(self._timezone))
        async with self._sessions() as session:
            found, token = await listings.list_clocks(session, filter=filter, page=page)
        return intake_pb2.ListClocksResponse(
            clocks=[view_convert.case_clock_pb(c) for c in found], next_page_token=token)

    @rpc_errors
    async def ListApprovals(
        self, request: intake_pb2.ListApprovalsRequest, context: Context
    ) -> intake_pb2.ListApprovalsResponse:
        filter, page = view_requests.parse_list_approvals(request)
        async with self._sessions() as session:
            found, token = await listings.list_approvals(session, filter=filter, page=page)
        return intake_pb2.ListApprovalsResponse(
            approvals=[view_convert.case_approval_pb(a) for a in found], next_page_token=token)

    @rpc_errors
    async def GetTimelinessReport(
        self, request: intake_pb2.GetTimelinessReportRequest, context: Context
    ) -> intake_pb2.GetTimelinessReportResponse:
        filter = view_requests.parse_timeliness_report(request)
        async with self._sessions() as session:
            clocks = await listings.timeliness_clocks(session, filter=filter)
        return view_convert.timeliness_report_pb(
            timeliness.report(clocks, today_in(self._timezone)))

    async def _send(self, step: domain.CaseworkerStep) -> intake_pb2.CaseState:
        return state_pb(await self._workflows.update(step))

    async def _member_ids(self, case_id: str) -> set[str]:
        """The ids of the case's household members, which incomes must refer to."""
        require_case_id(case_id)
        async with self._sessions() as session:
            row = await store.get_application(session, case_id=case_id)
        return {member.id for member in row.household_facts().members}


class CaseRecordsServicer(intake_pb2_grpc.CaseRecordsServiceServicer):
    """What the case workflow's activities record; every write is idempotent on its key
    (or natural key), because an activity may run more than once."""

    def __init__(
        self, *, sessions: async_sessionmaker[AsyncSession], cipher: PiiCipher,
        settings: Settings, options: IntakeOptions,
    ) -> None:
        self._sessions = sessions
        self._cipher = cipher
        self._settings = settings
        self._options = options

    @rpc_errors
    async def GetHousehold(
        self, request: intake_pb2.GetHouseholdRequest, context: Context
    ) -> intake_pb2.GetHouseholdResponse:
        as_of = requests.parse_as_of(request, today=self._today())
        async with self._sessions() as session:
            row = await store.get_application(session, case_id=request.case_id)
            household = await self._household(session, row, as_of)
        return intake_pb2.GetHouseholdResponse(household=household, county=row.county,
                                               zip=row.zip)

    @rpc_errors
    async def AssignCaseworker(
        self, request: intake_pb2.AssignCaseworkerRequest, context: Context
    ) -> intake_pb2.AssignCaseworkerResponse:
        case_id = require_case_id(request.case_id)
        async with self._sessions.begin() as session:
            row = await store.get_application(session, case_id=case_id)
            if row.caseworker_id is None:
                office = self._options.office_for(row.state, row.county)
                load = await store.caseworker_load(session)
                row = await store.assign_caseworker(
                    session, row=row,
                    caseworker_id=domain.next_caseworker(office.caseworkers, load),
                    office_id=office.id,
                    interview_date=domain.interview_date(
                        row.filing_date, self._today(), self._options.interview_business_days))
        assert row.caseworker_id and row.office_id and row.interview_date
        return intake_pb2.AssignCaseworkerResponse(
            caseworker_id=row.caseworker_id, office_id=row.office_id,
            interview_date=row.interview_date.isoformat(),
            office_phone=self._options.office_named(row.office_id).phone)

    @rpc_errors
    async def PlanVerifications(
        self, request: intake_pb2.PlanVerificationsRequest, context: Context
    ) -> intake_pb2.PlanVerificationsResponse:
        programs, as_of = requests.parse_plan_request(request, today=self._today())
        async with self._sessions() as session:
            row = await store.get_application(session, case_id=request.case_id)
            born = await store.birth_dates(session, case_id=row.case_id, cipher=self._cipher)
        ages = {member: domain.age_on(birth, as_of) for member, birth in born.items()}
        items = verification.plan(row.household_facts(), programs, ages)
        return intake_pb2.PlanVerificationsResponse(items=[verification_pb(i) for i in items])

    @rpc_errors
    async def RequestVerifications(
        self, request: intake_pb2.RequestVerificationsRequest, context: Context
    ) -> intake_pb2.RequestVerificationsResponse:
        kinds, due_date = requests.parse_verification_request(request)
        async with self._sessions.begin() as session:
            await store.get_application(session, case_id=request.case_id)
            items = await store.request_verifications(
                session, case_id=request.case_id, kinds=kinds, due_date=due_date)
        return intake_pb2.RequestVerificationsResponse(
            items=[verification_pb(item.item()) for item in items])

    @rpc_errors
    async def RecordVerification(
        self, request: intake_pb2.RecordVerificationRequest, context: Context
    ) -> intake_pb2.RecordVerificationResponse:
        entry = requests.parse_verification_record(request)
        async with self._sessions.begin() as session:
            row = await store.get_application(session, case_id=request.case_id)
            item, entries = await store.record_verification(session, row=row, entry=entry)
            return intake_pb2.RecordVerificationResponse(
                item=convert.verification_item_pb(item, entries))

    @rpc_errors
    async def ApplyHouseholdChange(
        self, request: intake_pb2.ApplyHouseholdChangeRequest, context: Context
    ) -> intake_pb2.ApplyHouseholdChangeResponse:
        require_case_id(request.case_id)
        async with self._sessions.begin() as session:
            row = await store.get_application(session, case_id=request.case_id)
            if request.changes and await store.already_applied(
                    session, case_id=row.case_id, key=request.idempotency_key):
                return intake_pb2.ApplyHouseholdChangeResponse(
                    household=await self._household(session, row, self._today()))
            household = row.household_facts()
            change = requests.parse_household_change(
                request, member_ids={member.id for member in household.members},
                today=self._today(),
                identified=await store.person_ids(session, case_id=row.case_id))
            # The audit entry's key makes a rerun of the same change a no-op.
            await store.apply_household_change(
                session, row=row, household=domain.apply_change(household, change),
                moved_to=change.moved_to(),
                event=domain.EventRequest(
                    change.idempotency_key, "household_changed",
                    {"incomes": len(change.incomes),
                     "expenses_replaced": change.expenses is not None,
                     "wages_replaced": change.wages is not None,
                     "changes": [str(c.kind) for c in change.changes],
                     "caseworker_id": change.caseworker_id}))
            return intake_pb2.ApplyHouseholdChangeResponse(
                household=await self._household(session, row, self._today()))

    @rpc_errors
    async def RecordCaseEvent(
        self, request: intake_pb2.RecordCaseEventRequest, context: Context
    ) -> intake_pb2.RecordCaseEventResponse:
        event = requests.parse_event(request)
        async with self._sessions.begin() as session:
            await store.get_application(session, case_id=request.case_id)
            replayed = await store.record_event(session, case_id=request.case_id, event=event)
        return intake_pb2.RecordCaseEventResponse(replayed=replayed)

    @rpc_errors
    async def IssueNotice(
        self, request: intake_pb2.IssueNoticeRequest, context: Context
    ) -> intake_pb2.IssueNoticeResponse:
        notice = requests.parse_notice(request)
        async with self._sessions.begin() as session:
            await store.get_application(session, case_id=request.case_id)
            row = await store.issue_notice(session, case_id=request.case_id, notice=notice)
        return intake_pb2.IssueNoticeResponse(notice=convert.notice_pb(row))

    @rpc_errors
    async def UpdateCaseStatus(
        self, request: intake_pb2.UpdateCaseStatusRequest, context: Context
    ) -> intake_pb2.UpdateCaseStatusResponse:
        phase, reason = requests.parse_status(request)
        async with self._sessions.begin() as session:
            row = await store.get_application(session, case_id=request.case_id)
            store.set_status(row, phase, reason)
        return intake_pb2.UpdateCaseStatusResponse()

    @rpc_errors
    async def RecordCaseView(
        self, request: intake_pb2.RecordCaseViewRequest, context: Context
    ) -> intake_pb2.RecordCaseViewResponse:
        write = view_requests.parse_case_view(request)
        async with self._sessions.begin() as session:
            row = await store.get_application(session, case_id=request.case_id)
            breached = await views.record_view(session, application=row, write=write)
        if breached is None:
            return intake_pb2.RecordCaseViewResponse(stale=True)
        views.log_breaches(request.case_id, breached)  # once committed, so once per breach
        return intake_pb2.RecordCaseViewResponse()

    def _today(self) -> date:
        return today_in(self._settings.agency_timezone)

    async def _household(
        self, session: AsyncSession, row: store.ApplicationRecord, as_of: date
    ) -> common_pb2.Household:
        """The household as the rules see it on `as_of`: ages, never birth dates."""
        born = await store.birth_dates(session, case_id=row.case_id, cipher=self._cipher)
        ages = {member: domain.age_on(birth, as_of) for member, birth in born.items()}
        return convert.household_pb(row.state, row.household_facts(), ages)


def register_services(
    *, sessions: async_sessionmaker[AsyncSession], workflows: CaseWorkflowClient,
    settings: Settings, options: IntakeOptions,
) -> Register:
    """Both servicers of the intake process, ready for `start_server`."""
    cipher = PiiCipher(options.pii_keys)
    intake = IntakeServicer(sessions=sessions, cipher=cipher, workflows=workflows,
                            agency_timezone=settings.agency_timezone, options=options)
    records = CaseRecordsServicer(sessions=sessions, cipher=cipher, settings=settings,
                                  options=options)

    def register(server: grpc.aio.Server) -> None:
        intake_pb2_grpc.add_IntakeServiceServicer_to_server(intake, server)
        intake_pb2_grpc.add_CaseRecordsServiceServicer_to_server(records, server)

    return register


def case_owners(sessions: async_sessionmaker[AsyncSession], options: IntakeOptions) -> Owners:
    """Whose a case is, for the role table's rows scoped by a case: one read, made by the
    interceptor before the handler (so before anything is written). A malformed case id
    is no case: the handler refuses it."""

    async def owner(case_id: str) -> Owner | None:
        try:
            require_case_id(case_id)
        except InvalidField:
            return None
        async with sessions() as session:
            return await store.case_owner(
                session, case_id=case_id,
                office_for=lambda state, county: options.office_for(state, county).id)

    return owner


def build(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> Built:
    """The intake process as `common.process.serve` runs it. Temporal is connected on
    first use, so intake starts before the Temporal server is up (and answers
    CaseRecords calls and reads of stored cases while it is down). With metrics served,
    the case gauges are counted from the read model while it runs. The role table's
    case scopes are checked against intake's own records (`case_owners`)."""
    # The converter is built now, so a bad CASEWORK_PAYLOAD_KEYS stops intake at start
    # rather than failing its first case.
    workflows = CaseWorkflowClient(
        functools.partial(connect, settings, data_converter=converter_for(settings)),
        task_queue=settings.task_queue)
    options = IntakeOptions.from_env(var_dir=settings.var_dir)
    register = register_services(sessions=sessions, workflows=workflows, settings=settings,
                                 options=options)
    owners = case_owners(sessions, options)
    limits = rate_limits(options)
    if not settings.metrics_port:  # nothing scrapes the gauges: nothing counts them
        return Built(register, SERVICE_NAMES, owners=owners, interceptors=limits)
    gauges = CaseGauges(sessions)
    gauges.register()
    return Built(register, SERVICE_NAMES, background=[gauges.run], owners=owners,
                 interceptors=limits)


def rate_limits(options: IntakeOptions) -> list[RateLimit]:
    """The flood control on IntakeService, the front door integration systems and people
    call; CaseRecordsService, the worker's, is not limited: its calls are the cases'
    own work, already paced by Temporal's retries."""
    if options.rate_per_second <= 0:
        return []
    return [RateLimit(options.rate_per_second, options.rate_burst, SERVICE_NAMES[:1])]
