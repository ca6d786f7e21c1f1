"""The stack `make up` starts comes up as separate processes, and every service answers
the standard health check and lists its API through reflection, as grpcurl sees it, and
serves its metrics for Prometheus; what Temporal stores of a case is ciphertext."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import grpc
import pytest
from casework.v1 import (
    eligibility_pb2,
    intake_pb2,
    intake_pb2_grpc,
    payments_pb2,
    payments_pb2_grpc,
    referrals_pb2,
)
from grpc_health.v1 import health_pb2, health_pb2_grpc
from temporalio.api.common.v1 import Payload
from temporalio.api.history.v1 import History
from temporalio.client import WorkflowHistory

from common.codec import ENCODING
from common.config import SERVICES
from common.metrics import ALLOWED_LABELS
from common.series import RPC_SERVER_DURATION
from deploy.local import StackError, worker_polls
from tests.e2e import builders
from tests.e2e.conftest import RunningStack
from tests.payloads import payloads_in
from tests.scrape import scrape_async
from tests.servers import TEMPORAL_CLI
from tests.tokens import Issuer
from tests.unit.intake.builders import an_application
from workflows import workflow_id

pytestmark = pytest.mark.e2e

GRPCURL = Path(sys.executable).parent / "grpcurl"

API = {
    "intake": intake_pb2,
    "eligibility": eligibility_pb2,
    "referrals": referrals_pb2,
    "payments": payments_pb2,
}
"""Which contract each service serves; its gRPC services are read from the descriptor."""


def api_services(service: str) -> list[str]:
    return [s.full_name for s in API[service].DESCRIPTOR.services_by_name.values()]


def grpcurl(*args: str) -> str:
    result = subprocess.run(
        [str(GRPCURL), "-plaintext", *args], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("service", SERVICES)
async def test_every_service_answers_its_health_check_serving(
    stack: RunningStack, service: str
) -> None:
    health = health_pb2_grpc.HealthStub(stack.channels[service])
    for name in ("", *api_services(service)):
        reply = await health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING, name


@pytest.mark.parametrize("service", SERVICES)
def test_grpcurl_lists_each_service_through_reflection(stack: RunningStack, service: str) -> None:
    listed = grpcurl(stack.addresses.services[service], "list").split()
    for name in api_services(service):
        assert name in listed
    assert "grpc.health.v1.Health" in listed


def test_grpcurl_health_check_says_serving(stack: RunningStack) -> None:
    reply = grpcurl(stack.addresses.services["payments"], "grpc.health.v1.Health/Check")
    assert '"status": "SERVING"' in reply


async def test_the_worker_polls_the_case_task_queue(stack: RunningStack) -> None:
    assert await worker_polls(stack.client, stack.settings("worker"))


async def test_a_killed_service_restarts_on_its_address_in_its_place(
    stack: RunningStack,
) -> None:
    """What the chaos run (tests/chaos) does to every process: kill -9, then `restart`."""
    names = [child.name for child in stack.launcher.children]
    [killed] = [child.pid for child in stack.launcher.children if child.name == "referrals"]
    assert await stack.launcher.kill("referrals") == -9
    restarted = await stack.launcher.restart("referrals")
    assert restarted.pid != killed and restarted.returncode is None
    assert [child.name for child in stack.launcher.children] == names  # stopping order kept
    health = health_pb2_grpc.HealthStub(stack.channels["referrals"])
    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING
    with pytest.raises(StackError, match="still running"):
        await stack.launcher.restart("referrals")


def test_each_service_keeps_its_data_in_the_stack_folder(stack: RunningStack) -> None:
    var_dir = stack.env["CASEWORK_VAR_DIR"]
    assert (Path(var_dir) / "temporal.db").exists()
    for service in SERVICES:
        url = stack.settings(service).database_url
        assert var_dir in url or url.startswith("postgresql"), url


@pytest.mark.parametrize("service", SERVICES)
async def test_every_service_times_its_calls_on_its_metrics_port(
    stack: RunningStack, service: str
) -> None:
    health = health_pb2_grpc.HealthStub(stack.channels[service])
    await health.Check(health_pb2.HealthCheckRequest(), timeout=5)
    samples = await scrape_async(stack.addresses.metrics[service])
    methods = {s.labels["method"] for s in samples if s.name == f"{RPC_SERVER_DURATION.name}_count"}
    assert "grpc.health.v1.Health/Check" in methods


async def test_the_worker_serves_the_temporal_sdk_series(stack: RunningStack) -> None:
    names = {s.name for s in await scrape_async(stack.addresses.metrics["worker"])}
    assert {"temporal_num_pollers", "temporal_worker_task_slots_available"} <= names


@pytest.mark.parametrize("process", [*SERVICES, "worker"])
async def test_no_series_of_the_stack_has_a_label_that_could_name_a_person(
    stack: RunningStack, process: str
) -> None:
    keys = {key for s in await scrape_async(stack.addresses.metrics[process]) for key in s.labels}
    assert keys <= ALLOWED_LABELS, keys - ALLOWED_LABELS


async def test_the_stack_refuses_calls_without_a_token_or_outside_the_callers_scope(
    stack: RunningStack,
) -> None:
    """The services trust the stack's local key only: no token, a token of another key,
    a caseworker on someone else's case and a supervisor paying are all refused."""
    address = stack.addresses.services["intake"]
    async with grpc.aio.insecure_channel(address) as plain:
        intake = intake_pb2_grpc.IntakeServiceStub(plain)
        with pytest.raises(grpc.aio.AioRpcError) as anonymous:
            await intake.ListCases(intake_pb2.ListCasesRequest(), timeout=10)
        assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.aio.AioRpcError) as foreign:
            await intake.ListCases(intake_pb2.ListCasesRequest(), timeout=10,
                                   metadata=Issuer().operations())
        assert foreign.value.code() == grpc.StatusCode.UNAUTHENTICATED
        filed = await intake.SubmitApplication(an_application(), timeout=30,
                                               metadata=stack.issuer.integration())
        with pytest.raises(grpc.aio.AioRpcError) as elsewhere:
            await intake.GetCase(intake_pb2.GetCaseRequest(case_id=filed.case_id), timeout=10,
                                 metadata=stack.issuer.caseworker("cw-elsewhere", "office-001"))
        assert elsewhere.value.code() == grpc.StatusCode.PERMISSION_DENIED
        read = await intake.GetCase(intake_pb2.GetCaseRequest(case_id=filed.case_id),
                                    timeout=10, metadata=stack.issuer.integration())
        assert read.case.case_id == filed.case_id
    async with grpc.aio.insecure_channel(stack.addresses.services["payments"]) as plain:
        with pytest.raises(grpc.aio.AioRpcError) as paying:
            await payments_pb2_grpc.PaymentsServiceStub(plain).AuthorizePayment(
                payments_pb2.AuthorizePaymentRequest(case_id=filed.case_id), timeout=10,
                metadata=stack.issuer.supervisor("office-001"))
        assert paying.value.code() == grpc.StatusCode.PERMISSION_DENIED


COUNTY = "Sentinelcrest"
"""A county no other test files, in the case's workflow input."""
SOURCE = "Sentinelcrest Payroll stubs"
"""A verification's source as the caseworker types it, in an Update's input."""


def temporal_files(var_dir: Path) -> bytes:
    """The dev server's SQLite database with its write-ahead log, as bytes."""
    return b"".join(path.read_bytes() for path in sorted(var_dir.glob("temporal.db*")))


async def shown(stack: RunningStack, case_id: str, *options: str) -> list[Payload]:
    """The payloads of the case's history as `temporal workflow show` prints them."""
    printed = await asyncio.to_thread(subprocess.run, [
        str(TEMPORAL_CLI), "workflow", "show", "--workflow-id", workflow_id(case_id),
        "--address", stack.addresses.temporal, "--namespace", stack.client.namespace,
        "--output", "json", *options], capture_output=True, text=True, timeout=30, check=True)
    events = WorkflowHistory.from_json(workflow_id(case_id), printed.stdout).events
    return payloads_in(History(events=events))


async def test_a_cases_payloads_are_ciphertext_in_the_dev_servers_database(
    stack: RunningStack,
) -> None:
    """...and `temporal workflow show` shows them in clear through the stack's codec
    server, the one the UI decrypts with, which lets in callers on this machine."""
    request = builders.a_snap_family()
    request.application.address.county = COUNTY
    case_id = await builders.submit(stack, request)
    case = await builders.interview(stack, case_id)
    await stack.intake.SubmitVerification(intake_pb2.SubmitVerificationRequest(
        case_id=case_id, kind=builders.requested(case)[0], source=SOURCE,
        received_date=builders.today().isoformat(), verifier_id=builders.VERIFIER), timeout=30)

    stored = await asyncio.to_thread(temporal_files, Path(stack.env["CASEWORK_VAR_DIR"]))
    assert case_id.encode() in stored  # ids are not payloads: the case is in this file
    assert b"record_verification" in stored  # and history is searchable there as bytes
    assert COUNTY.encode() not in stored and SOURCE.encode() not in stored

    raw = await shown(stack, case_id)
    assert raw and all(payload.metadata["encoding"] == ENCODING for payload in raw)
    decoded = await shown(stack, case_id, "--codec-endpoint",
                          f"{stack.addresses.codec}/{{namespace}}")
    text = "\n".join(payload.data.decode(errors="replace") for payload in decoded)
    assert COUNTY in text and SOURCE in text
