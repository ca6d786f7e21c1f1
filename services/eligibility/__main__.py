"""`python -m services.eligibility`: serve EligibilityService until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging

from common.config import Settings
from common.db import make_engine, make_sessions
from common.server import serve_until_stopped
from common.telemetry import configure_tracing
from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.servicer import SERVICE_NAME, EligibilityServicer


async def main(settings: Settings) -> None:
    """Load the rulebook once (a malformed parameter file stops start-up, not a decision),
    then serve on `settings.listen`; the database must already be migrated (`make migrate`)."""
    configure_tracing(settings)
    rulebook = Rulebook.load()
    engine = make_engine(settings.database_url)
    servicer = EligibilityServicer(make_sessions(engine), rulebook, settings.agency_timezone)
    await serve_until_stopped(
        "eligibility", settings.listen, servicer.register, [SERVICE_NAME],
        on_stop=engine.dispose,
    )


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(main(Settings.from_env("eligibility")))
