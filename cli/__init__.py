"""The `casework` command, for caseworkers, supervisors and newcomers.

    casework demo [--json]                      drive five realistic cases through the stack
    casework show CASE_ID [--json]              one case's live state, over intake's gRPC API
    casework record CASE_ID [--json]            one case's audit trail: who did what, when, how
    casework cases [FILTERS] [--count-by DIM] [--json]
                                                cases by phase, program, caseworker, office,
                                                SLA status, due date or open task; or counts
    casework worklist [CASEWORKER] [--json]     a caseworker's tasks and deadlines, soonest first
    casework sla [FILTERS] [--status S] [--code C] [--json]
                                                clocks due, in warning or breached, soonest first
    casework approvals [--office ID] [--caseworker ID] [--kind K] [--json]
                                                the requests waiting for a supervisor
    casework report timeliness [--from YYYY-MM] [--to YYYY-MM] [--office ID] [--program P] [--json]
                                                the share of clocks met in time, by measure,
                                                office and month; the late ones, whose delay
    casework reassign CASE_ID --to CW [--by SUP] --reason TEXT
                                                a supervisor moves a case to a caseworker
    casework extension CASE_ID CODE --to DATE [--by CW] --reason TEXT
                                                a caseworker asks for a later due date
    casework decide CASE_ID APPROVAL_ID (--approve | --return) [--by SUP] [--reason TEXT]
                                                a supervisor approves or returns a request
    casework eligibility determine FILE.jsonl   households in, determinations out, offline
    casework rules status [--within 60] [--on DATE] [--json]
                                                rule values that have lapsed or lapse soon
    casework token --role R --sub ID [--office O] [--ttl 8h]
                                                a development token, signed with the local key

Every call carries a token saying who is calling: CASEWORK_TOKEN (the agency's, or one
`casework token` minted), or, on one machine, `casework --as ROLE:ID[@OFFICE] COMMAND ...`
mints one for that caller with the local key (`--as caseworker:cw-0001@office-001`).
`casework demo` makes its own (a state system, caseworkers, a supervisor, operations).

FILTERS are `--program`, `--caseworker`, `--office` and `--due-within DAYS`, and for cases
also `--phase`, `--sla` and `--task`; values are spelled as the read model spells them
(`--phase verification --program snap --sla warning --task VERIFICATION_OVERDUE`). The
caseload commands read what each case last recorded, so they answer with no worker. A
listing that names no caseworker or office lists the caller's own: a caseworker's
caseload, a supervisor's office; `--by` and `worklist`'s CASEWORKER default to the
caller, who may act only as themselves.

A client of the public gRPC API like any integrator's: nothing here talks to Temporal.
Every subcommand is a small async function taking the parsed arguments and, optionally,
what it would otherwise connect to, so tests hand it their own servers. Addresses come
from `Settings.from_env("cli")`. Exit status: 0 success, 1 not found, 2 bad usage,
3 the stack cannot be reached or a demo case did not end where it should.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from casework.v1 import common_pb2, intake_pb2

from cli import caseload, demo, record, rules, show, token
from cli.calls import NoToken, caller
from cli.caseload import spellings
from cli.exits import EXIT_FAILED, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE
from common.auth.tokens import NoLocalIssuer
from services.eligibility import batch

__all__ = ["EXIT_FAILED", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_USAGE", "eligibility_determine",
           "main", "parse", "parser"]

BY_HELP = "who acts (default: you, as --as or CASEWORK_TOKEN names you)"


async def eligibility_determine(args: argparse.Namespace) -> int:
    """Delegated whole to the eligibility batch command, which owns its options."""
    return batch.main(args.argv)


def parser() -> argparse.ArgumentParser:
    """The command line; each subcommand sets `run` to its async function."""
    root = argparse.ArgumentParser(prog="casework", description=__doc__.splitlines()[0])
    root.add_argument("--as", dest="caller", type=caller, metavar="ROLE:ID[@OFFICE]",
                      help="call as this caller, with a development token minted with the "
                      "local key (without CASEWORK_TOKEN; not where an OIDC issuer is "
                      "configured)")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run_demo = commands.add_parser("demo", help="drive five realistic cases through the "
                                   "running stack (start it with `make up`)")
    run_demo.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    run_demo.add_argument("--timeout", type=float, default=demo.STEP_TIMEOUT,
                          metavar="SECONDS", help="how long a case may take to reach its "
                          "next phase (default %(default)s)")
    run_demo.set_defaults(run=demo.demo)

    run_show = commands.add_parser("show", help="one case's live state")
    run_show.add_argument("case_id", metavar="CASE_ID", help="the opaque case id")
    run_show.add_argument("--json", action="store_true", help="print the case as JSON")
    run_show.set_defaults(run=show.show)

    run_record = commands.add_parser("record", help="one case's audit trail: every step, "
                                     "decision, verification and notice, with who acted")
    run_record.add_argument("case_id", metavar="CASE_ID", help="the opaque case id")
    run_record.add_argument("--json", action="store_true",
                            help="print the entries as JSON, with their detail")
    run_record.set_defaults(run=record.record)

    run_cases = commands.add_parser("cases", help="cases from the read model, soonest "
                                    "next deadline first, or counted")
    caseload.add_filters(run_cases, cases=True)
    run_cases.add_argument("--count-by", choices=spellings(intake_pb2.CaseDimension),
                           metavar="DIM", help="count the cases per value of DIM instead: "
                           "%(choices)s")
    run_cases.add_argument("--json", action="store_true", help="print the cases as JSON")
    run_cases.set_defaults(run=caseload.cases)

    run_worklist = commands.add_parser("worklist", help="one caseworker's open tasks and "
                                       "deadlines, soonest first")
    run_worklist.add_argument("caseworker_id", metavar="CASEWORKER", nargs="?",
                              help="the caseworker's opaque id (default: you, as a caseworker)")
    run_worklist.add_argument("--json", action="store_true", help="print the items as JSON")
    run_worklist.set_defaults(run=caseload.worklist)

    run_sla = commands.add_parser("sla", help="the agency's clocks across cases: due, in "
                                  "warning and breached, soonest first")
    caseload.add_filters(run_sla, cases=False)
    run_sla.add_argument("--status", action="append", choices=spellings(intake_pb2.ClockStatus),
                         help="only clocks in this status (repeatable; default: not yet met)")
    run_sla.add_argument("--code", metavar="CODE", help="only this clock, e.g. "
                         "SNAP_APPLICATION_PROCESSING")
    run_sla.add_argument("--json", action="store_true", help="print the clocks as JSON")
    run_sla.set_defaults(run=caseload.sla)

    run_approvals = commands.add_parser("approvals", help="the requests waiting for a "
                                        "supervisor, oldest first")
    run_approvals.add_argument("--office", metavar="ID", help="only cases of this office")
    run_approvals.add_argument("--caseworker", metavar="ID",
                               help="only cases of this caseworker")
    run_approvals.add_argument("--kind", choices=spellings(intake_pb2.ApprovalKind))
    run_approvals.add_argument("--json", action="store_true",
                               help="print the requests as JSON")
    run_approvals.set_defaults(run=caseload.approvals)

    run_report = commands.add_parser("report", help="reports over intake's read model")
    reports = run_report.add_subparsers(dest="report", required=True, metavar="REPORT")
    run_timeliness = reports.add_parser(
        "timeliness", help="the share of the agency's clocks met by their due dates, by "
        "measure, office and month (of the rule's due date), and the late ones with whose "
        "delay it was")
    run_timeliness.add_argument("--from", dest="from_month", metavar="YYYY-MM",
                                help="the first month of due dates taken")
    run_timeliness.add_argument("--to", dest="to_month", metavar="YYYY-MM",
                                help="the last month of due dates taken")
    run_timeliness.add_argument("--office", metavar="ID", help="only cases of this office")
    run_timeliness.add_argument("--program", choices=spellings(common_pb2.Program))
    run_timeliness.add_argument("--json", action="store_true", help="print the report as JSON")
    run_timeliness.set_defaults(run=caseload.timeliness)

    run_reassign = commands.add_parser("reassign", help="move a case to another caseworker")
    run_reassign.add_argument("case_id", metavar="CASE_ID")
    run_reassign.add_argument("--to", required=True, metavar="CASEWORKER")
    run_reassign.add_argument("--by", metavar="SUPERVISOR", help=BY_HELP)
    run_reassign.add_argument("--reason", required=True)
    run_reassign.add_argument("--json", action="store_true", help="print the case as JSON")
    run_reassign.set_defaults(run=caseload.reassign)

    run_extension = commands.add_parser("extension", help="ask a supervisor to move a "
                                        "clock's due date")
    run_extension.add_argument("case_id", metavar="CASE_ID")
    run_extension.add_argument("code", metavar="CODE", help="e.g. MEDICAID_APPLICATION")
    run_extension.add_argument("--to", required=True, metavar="YYYY-MM-DD")
    run_extension.add_argument("--by", metavar="CASEWORKER", help=BY_HELP)
    run_extension.add_argument("--reason", required=True)
    run_extension.add_argument("--json", action="store_true", help="print it as JSON")
    run_extension.set_defaults(run=caseload.ask_extension)

    run_decide = commands.add_parser("decide", help="approve a waiting request, or return "
                                     "it with a reason")
    run_decide.add_argument("case_id", metavar="CASE_ID")
    run_decide.add_argument("approval_id", metavar="APPROVAL_ID")
    verdict = run_decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--return", dest="send_back", action="store_true",
                         help="send it back (needs --reason)")
    run_decide.add_argument("--by", metavar="SUPERVISOR", help=BY_HELP)
    run_decide.add_argument("--reason")
    run_decide.add_argument("--json", action="store_true", help="print it as JSON")
    run_decide.set_defaults(run=caseload.decide)

    run_token = commands.add_parser("token", help="mint a development token with the local "
                                    "signing key (not where an OIDC issuer is configured)")
    token.add_arguments(run_token)
    run_token.set_defaults(run=token.token)

    eligibility = commands.add_parser("eligibility", help="the eligibility rules, offline")
    eligibility_commands = eligibility.add_subparsers(dest="eligibility_command",
                                                      required=True, metavar="COMMAND")
    determine = eligibility_commands.add_parser(
        "determine", add_help=False, help="determine households from a JSONL file "
        "(one result per line on stdout)")
    determine.add_argument("argv", nargs=argparse.REMAINDER,
                           help="FILE.jsonl, or - for standard input")
    determine.set_defaults(run=eligibility_determine)

    run_rules = commands.add_parser("rules", help="the eligibility rulebook on this machine")
    rules_commands = run_rules.add_subparsers(dest="rules_command", required=True,
                                              metavar="COMMAND")
    run_status = rules_commands.add_parser(
        "status", help="fiscal-year values that have lapsed, and those lapsing soon")
    rules.add_arguments(run_status)
    run_status.set_defaults(run=rules.status)
    return root


def parse(argv: Sequence[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code argparse chose (2 bad usage, 0 for --help).

    `eligibility determine` passes every argument on to the batch command, options such
    as `--help` included (argparse's REMAINDER keeps only those after a positional)."""
    command = parser()
    try:
        args, extra = command.parse_known_args(argv)
        if extra and getattr(args, "run", None) is not eligibility_determine:
            command.error(f"unrecognized arguments: {' '.join(extra)}")
        if extra:
            args.argv = [*extra, *args.argv]
        return args
    except SystemExit as exit_:
        return int(exit_.code or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: runs the chosen subcommand and returns its exit status."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if isinstance(args, int):
        return args
    try:
        code: int = asyncio.run(args.run(args))
    except (NoToken, NoLocalIssuer) as error:
        print(f"casework {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    return code
