"""The intake process: `python -m services.intake`.

Serves IntakeService and CaseRecordsService on one port. Temporal is connected on first
use, so intake can start before the Temporal server is up (and answer CaseRecords calls
and reads of stored cases while it is down).
"""

from __future__ import annotations

import asyncio
import logging

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor

from common.config import Settings
from common.db import make_engine, make_sessions
from common.server import serve_until_stopped
from common.telemetry import configure_tracing
from services.intake.case_workflow import CaseWorkflows
from services.intake.options import IntakeOptions
from services.intake.servicer import SERVICE_NAMES, register_services


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = Settings.from_env("intake")
    configure_tracing(settings)
    engine = make_engine(settings.database_url)

    async def connect() -> Client:
        # The tracing interceptor makes a workflow started here join the caller's trace.
        return await Client.connect(settings.temporal_address,
                                    namespace=settings.temporal_namespace,
                                    interceptors=[TracingInterceptor()])

    register = register_services(
        sessions=make_sessions(engine),
        workflows=CaseWorkflows(connect, task_queue=settings.task_queue),
        settings=settings,
        options=IntakeOptions.from_env(),
    )
    await serve_until_stopped("intake", settings.listen, register, SERVICE_NAMES,
                              on_stop=engine.dispose)


if __name__ == "__main__":
    asyncio.run(main())
