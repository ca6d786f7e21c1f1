"""`python -m common.audit prune [SERVICE ...]`: apply the agency's audit retention
(CASEWORK_AUDIT_RETENTION_DAYS) to each service's database (every service by default),
found as the service finds it (DATABASE_URL, CASEWORK_<SERVICE>_DATABASE_URL).

Unset, nothing is deleted. Exit status: 0 done (or nothing to do), 2 bad usage or a bad
retention setting.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from common.audit.retention import RETENTION_VARIABLE, prune, retention_days
from common.config import SERVICES, Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m common.audit",
                                     description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    pruning = commands.add_parser("prune", help="delete audit rows older than the retention")
    pruning.add_argument("services", nargs="*", metavar="SERVICE", help=", ".join(SERVICES))
    args = parser.parse_args(argv)
    unknown = set(args.services) - set(SERVICES)
    if unknown:
        parser.error(f"unknown service: {', '.join(sorted(unknown))}")
    try:
        days = retention_days()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if days is None:
        print(f"{RETENTION_VARIABLE} is not set: every audit row is kept")
        return 0
    for service in args.services or SERVICES:
        done = asyncio.run(prune(service, Settings.from_env(service).database_url, days))
        print(f"{service}: deleted {done.deleted} audit rows older than "
              f"{done.before.isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
