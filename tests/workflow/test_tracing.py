"""One trace follows a case step from the workflow, through the activity and its gRPC
call, into the service that handles it."""

from __future__ import annotations

from casework.v1 import payments_pb2_grpc
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor
from temporalio.testing import WorkflowEnvironment

from common.auth.callers import StaticToken
from common.auth.interceptor import Authorization
from common.auth.roles import Role
from common.db import make_engine, make_sessions
from common.server import start_server
from common.telemetry import client_channel
from services.payments.servicer import PaymentsServicer
from tests.conftest import migrate
from tests.tokens import Issuer
from tests.workflow.conftest import new_worker, start_case
from tests.workflow.fakes import FakeServices
from tests.workflow.test_case import close, to_monitoring
from workflows.activities.payments import PaymentsActivities
from workflows.inputs import ClosureReason


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[str]:
    names = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        names.append(span.name)
    return names


async def test_payment_step_is_one_trace_from_workflow_to_service(
        env: WorkflowEnvironment, database_url: str, issuer: Issuer) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))

    await migrate("payments", database_url)
    engine = make_engine(database_url)
    service = await start_server("127.0.0.1:0", PaymentsServicer(make_sessions(engine)).register,
                                 ["casework.v1.PaymentsService"],
                                 authorization=Authorization(issuer.verifier),
                                 tracer_provider=provider)
    channel = client_channel(f"127.0.0.1:{service.port}",
                             StaticToken(issuer.token(Role.WORKER, "casework-worker")), provider)
    traced = Client(env.client.service_client, namespace=env.client.namespace,
                    interceptors=[TracingInterceptor(provider.get_tracer("casework"))])
    payments = PaymentsActivities(payments_pb2_grpc.PaymentsServiceStub(channel))
    fakes = [a for a in FakeServices().activities()
             if getattr(a, "__temporal_activity_definition").name != "authorize_payment"]
    try:
        async with new_worker(traced, [*fakes, payments.authorize_payment]) as worker:
            handle = await start_case(env, worker, client=traced)
            await to_monitoring(env, handle)
            await close(env, handle, ClosureReason.CLIENT_REQUEST, "cw-0001")
    finally:
        await channel.close()
        await service.stop(grace=0)
        await engine.dispose()

    spans = exporter.get_finished_spans()
    by_id = {s.context.span_id: s for s in spans}
    served = next(s for s in spans if s.name == "/casework.v1.PaymentsService/AuthorizePayment"
                  and s.kind.name == "SERVER")
    # service span <- gRPC client call <- activity <- workflow's activity start <- case start
    assert ancestors(served, by_id) == [
        "/casework.v1.PaymentsService/AuthorizePayment",
        "RunActivity:authorize_payment",
        "StartActivity:authorize_payment",
        "StartWorkflow:CaseWorkflow",
    ]
    workflow_run = next(s for s in spans if s.name == "RunWorkflow:CaseWorkflow")
    assert served.context.trace_id == workflow_run.context.trace_id
