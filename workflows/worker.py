"""The case worker: `python -m workflows.worker`.

Runs CaseWorkflow and the activities that call the four services, on the task queue
in Settings. SIGINT or SIGTERM stops polling, lets running activities finish, and exits.
With a metrics port set, the Temporal SDK serves its `temporal_*` series there, with the
workflow's own and `casework_activity_failures` beside them (`common.series`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import grpc
from casework.v1 import (
    eligibility_pb2_grpc,
    intake_pb2_grpc,
    payments_pb2_grpc,
    referrals_pb2_grpc,
)
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError, CancelledError
from temporalio.worker import (
    ActivityInboundInterceptor,
    ExecuteActivityInput,
    Interceptor,
    Worker,
)

from common.auth.callers import TokenSource, caller_tokens
from common.auth.roles import Role
from common.auth.tokens import WORKER_ID, AuthSettings
from common.config import Settings
from common.process import until_signalled
from common.series import ACTIVITY_FAILURES
from common.telemetry import client_channel, configure_tracing
from common.temporal import connect, sdk_metrics
from common.tls import identity_for
from workflows.activities.eligibility import EligibilityActivities
from workflows.activities.intake import IntakeActivities
from workflows.activities.payments import PaymentsActivities
from workflows.activities.referrals import ReferralsActivities
from workflows.case import CaseWorkflow

log = logging.getLogger(__name__)


def activities_for(channels: dict[str, grpc.aio.Channel]) -> list[Callable[..., Any]]:
    """Every activity, each class built once around its service's channel."""
    records = intake_pb2_grpc.CaseRecordsServiceStub(channels["intake"])
    intake = IntakeActivities(records)
    eligibility = EligibilityActivities(
        eligibility_pb2_grpc.EligibilityServiceStub(channels["eligibility"]), records)
    referrals = ReferralsActivities(referrals_pb2_grpc.ReferralsServiceStub(channels["referrals"]))
    payments = PaymentsActivities(payments_pb2_grpc.PaymentsServiceStub(channels["payments"]))
    return [
        intake.assign_caseworker,
        intake.plan_verifications,
        intake.request_verifications,
        intake.record_verification,
        intake.apply_household_change,
        intake.record_case_event,
        intake.issue_notice,
        intake.update_case_status,
        intake.record_case_view,
        eligibility.screen_expedited,
        eligibility.determine_eligibility,
        referrals.make_referrals,
        payments.authorize_payment,
    ]


def worker_tokens(settings: Settings) -> TokenSource:
    """The worker's service identity on every call: the token the platform gives it
    (CASEWORK_TOKEN_FILE, CASEWORK_TOKEN), or on one machine its own, minted with the
    local key as `casework-worker` in role worker."""
    return caller_tokens(AuthSettings.from_env(var_dir=settings.var_dir), Role.WORKER, WORKER_ID)


@asynccontextmanager
async def service_channels(
    settings: Settings, tokens: TokenSource | None = None
) -> AsyncIterator[dict[str, grpc.aio.Channel]]:
    """One traced channel per service, each call carrying the worker's token, closed on
    exit (grpc dislikes open channels at interpreter shutdown)."""
    tokens = tokens or worker_tokens(settings)
    identity = identity_for(settings)
    channels = {name: client_channel(address, tokens, identity=identity)
                for name, address in settings.addresses.items()}
    try:
        yield channels
    finally:
        for channel in channels.values():
            await channel.close()


def error_type(error: BaseException) -> str:
    """What kind of failure an activity had, fit for a label: the ApplicationError's type
    (a status code name, from `workflows/activities/_grpc.py`), the status code of a
    retried gRPC failure, or the exception's class name. Never the message, which may
    carry what a service said about a field."""
    if isinstance(error, ApplicationError):
        return error.type or type(error).__name__
    if isinstance(error, grpc.aio.AioRpcError):
        return error.code().name
    return type(error).__name__


class ActivityFailures(Interceptor):
    """Counts failed activity attempts by activity type and error type
    (`casework_activity_failures`), so a dashboard tells a refused step (NOT_FOUND) from
    a service that is down (UNAVAILABLE). A cancelled activity is not a failure."""

    def intercept_activity(self, next: ActivityInboundInterceptor) -> ActivityInboundInterceptor:
        return _CountFailures(next)


class _CountFailures(ActivityInboundInterceptor):
    async def execute_activity(self, input: ExecuteActivityInput) -> Any:
        try:
            return await super().execute_activity(input)
        except CancelledError:
            raise
        except Exception as error:
            # The activity's meter already labels namespace, task queue and activity type.
            activity.metric_meter().create_counter(
                ACTIVITY_FAILURES.name, "Failed activity attempts by activity and error type.",
            ).add(1, {"error_type": error_type(error)})
            raise


def case_worker(
    client: Client, task_queue: str, activities: Sequence[Callable[..., Any]]
) -> Worker:
    return Worker(client, task_queue=task_queue, workflows=[CaseWorkflow],
                  activities=activities, interceptors=[ActivityFailures()])


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = Settings.from_env("worker")
    configure_tracing(settings)
    # Bound to the client, so the worker built on it reports through the same runtime.
    async with sdk_metrics(settings) as runtime:
        client = await connect(settings, runtime)
        async with service_channels(settings) as channels:
            worker = case_worker(client, settings.task_queue, activities_for(channels))
            async with worker:
                print(f"worker polling {settings.task_queue} on {settings.temporal_address}",
                      flush=True)
                if runtime is not None:
                    scheme = "https" if settings.tls_dir else "http"
                    print(f"worker metrics on {scheme}://{settings.metrics_host}:"
                          f"{settings.metrics_port}/metrics", flush=True)
                await until_signalled()


if __name__ == "__main__":
    asyncio.run(main())
