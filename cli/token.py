"""`casework token --role R --sub ID [--office O] [--ttl 8h]`: a development token.

Minted with the local signing key in `$CASEWORK_VAR_DIR` (the one `make up` generates
and every process of the stack verifies with), printed on stdout so it can be kept:

    export CASEWORK_TOKEN=$(casework token --role supervisor --sub sup-0001 --office office-001)

Refused (exit 2) where an OIDC issuer is configured: there tokens come from the agency.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import timedelta
from typing import TextIO

from cli.exits import EXIT_OK, EXIT_USAGE
from common.auth.roles import OFFICE_ROLES, Role
from common.auth.tokens import AuthSettings, NoLocalIssuer, local_minter
from common.config import Settings

DEFAULT_TTL = "8h"
"""A working day."""
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def ttl(text: str) -> timedelta:
    """`90s`, `30m`, `8h` or `7d` as a duration; argparse reports anything else."""
    match = re.fullmatch(r"(\d+)([smhd])", text.strip())
    if match is None or int(match[1]) == 0:
        raise argparse.ArgumentTypeError("a duration such as 90s, 30m, 8h or 7d")
    return timedelta(seconds=int(match[1]) * UNITS[match[2]])


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--role", required=True, choices=[str(r) for r in Role])
    command.add_argument("--sub", required=True, metavar="ID",
                         help="the caller: a staff id, an integration system's id, ...")
    command.add_argument("--office", metavar="ID",
                         help="the office a caseworker or supervisor works in (required "
                         "for them)")
    command.add_argument("--ttl", type=ttl, default=ttl(DEFAULT_TTL), metavar="DURATION",
                         help=f"how long it is valid: 90s, 30m, 8h, 7d (default {DEFAULT_TTL})")


async def token(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print a token for `--sub` in `--role`, signed with the local key."""
    out = out or sys.stdout
    role = Role(args.role)
    if role in OFFICE_ROLES and not args.office:
        print(f"casework token: a {role} token needs --office", file=sys.stderr)
        return EXIT_USAGE
    settings = AuthSettings.from_env(var_dir=Settings.from_env("cli").var_dir)
    try:
        minter = local_minter(settings)
    except NoLocalIssuer as error:
        print(f"casework token: {error}", file=sys.stderr)
        return EXIT_USAGE
    office = (args.office or "") if role in OFFICE_ROLES else ""
    print(minter.mint(role, args.sub, office, args.ttl), file=out)
    return EXIT_OK
