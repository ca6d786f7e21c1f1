"""`python -m deploy.local`, which `make up` runs after generating protos and migrating."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from common.config import DEFAULT_VAR_DIR
from deploy.local.ports import Ports
from deploy.local.stack import Stack
from deploy.local.supervise import supervise


def main() -> int:
    """Supervise the stack on the configured ports and folder; the exit code is
    `supervise`'s (0 when stopped on request, 1 when a child failed)."""
    var_dir = Path(os.environ.get("CASEWORK_VAR_DIR", DEFAULT_VAR_DIR))
    return asyncio.run(supervise(Stack(var_dir, Ports.from_env())))


if __name__ == "__main__":
    sys.exit(main())
