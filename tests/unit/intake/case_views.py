"""What the read-model tests start from: intake served with Temporal down, applications
filed straight into its tables (SubmitApplication would stop at starting the workflow),
and case states built the way the workflow builds them, their clocks started and
reviewed by `CaseState`'s own methods, then recorded through RecordCaseView."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import pytest
from casework.v1 import intake_pb2, intake_pb2_grpc

from common.db import make_sessions
from services.intake import requests, store
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application, days_ago, today
from tests.unit.intake.conftest import UNREACHABLE_TEMPORAL, intake_settings, serve_intake
from tests.unit.services_fixtures import Served
from workflows.convert import state_pb
from workflows.inputs import Phase, Program
from workflows.state import Approval, ApprovalDecision, ApprovalKind, CaseState, Task

OFFICE = "office-001"
_versions = itertools.count(1_000_000)


@dataclass
class ReadModel:
    """Intake with Temporal down: its two stubs, and the database behind them."""

    served: Served
    intake: intake_pb2_grpc.IntakeServiceStub
    records: intake_pb2_grpc.CaseRecordsServiceStub
    cipher: PiiCipher

    async def file(self, filed_days_ago: int = 2) -> str:
        return await file_case(self.served, self.cipher, filed_days_ago)

    async def record(self, state: CaseState, version: int | None = None
                     ) -> intake_pb2.RecordCaseViewResponse:
        """Record `state` as the workflow would, at a version later than any before
        unless one is given."""
        return await self.records.RecordCaseView(intake_pb2.RecordCaseViewRequest(
            case_id=state.case_id, state=state_pb(state),
            version=next(_versions) if version is None else version))


async def file_case(served: Served, cipher: PiiCipher, filed_days_ago: int = 2) -> str:
    """A new case filed `filed_days_ago` days ago, stored as SubmitApplication stores one,
    but with no workflow started."""
    request = an_application()
    request.application.filing_date = days_ago(filed_days_ago)
    application = requests.parse_application(request, today=today())
    async with make_sessions(served.engine).begin() as session:
        row, _ = await store.add_application(session, application=application, cipher=cipher)
    return row.case_id


@pytest.fixture
async def read_model(database_url: str, options: IntakeOptions, issuer: Issuer
                     ) -> AsyncIterator[ReadModel]:
    await migrate("intake", database_url)
    settings = intake_settings(database_url, "read-model-test", UNREACHABLE_TEMPORAL)
    async with serve_intake(settings, options, None, issuer) as served:
        yield ReadModel(served, intake_pb2_grpc.IntakeServiceStub(served.channel),
                        intake_pb2_grpc.CaseRecordsServiceStub(served.channel),
                        PiiCipher(options.pii_keys))


def a_state(
    case_id: str, *, filed_days_ago: int = 2, phase: Phase = Phase.VERIFICATION,
    programs: Sequence[Program] = (Program.SNAP,), caseworker: str = "cw-a",
    office: str = OFFICE, tasks: Sequence[Task] = (),
    clocks: Sequence[str] = ("SNAP_APPLICATION_PROCESSING",),
    approvals: Sequence[Approval] = (),
) -> CaseState:
    """A case filed `filed_days_ago` days ago in Illinois whose `clocks` started on the
    filing date and have been reviewed today: a 30-day SNAP clock filed 2 days ago is
    open, 27 days ago in warning, 40 days ago breached."""
    filed = days_ago(filed_days_ago)
    state = CaseState(case_id=case_id, phase=phase, programs=list(programs), state="IL",
                      filing_date=filed, caseworker_id=caseworker, office_id=office,
                      open_tasks=list(tasks), approvals=list(approvals))
    for code in clocks:
        state.start_clock(code, filed)
    state.review_clocks(today().isoformat())
    return state


def an_approval(approval_id: str, kind: ApprovalKind = ApprovalKind.PLAN, *,
                asked_days_ago: int = 1, decision: str = "") -> Approval:
    return Approval(approval_id=approval_id, kind=kind, requested_by="cw-a",
                    requested_on=days_ago(asked_days_ago), summary=f"{kind} for review",
                    decision=ApprovalDecision(decision))
