"""`python -m services.payments`: serve PaymentsService until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging

from services.common.config import Settings
from services.common.db import make_engine, make_sessions
from services.common.server import serve_until_stopped
from services.common.telemetry import configure_tracing
from services.payments.servicer import SERVICE_NAME, PaymentsServicer


async def main(settings: Settings) -> None:
    """Serve on `settings.listen`; the database must already be migrated (`make migrate`)."""
    configure_tracing(settings)
    engine = make_engine(settings.database_url)
    servicer = PaymentsServicer(make_sessions(engine))
    await serve_until_stopped(
        "payments", settings.listen, servicer.register, [SERVICE_NAME], on_stop=engine.dispose
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(main(Settings.from_env("payments")))
