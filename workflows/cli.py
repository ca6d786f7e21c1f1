"""The `casework` command, for caseworkers, supervisors and newcomers.

    casework demo [--json]                      drive five realistic cases through the stack
    casework show CASE_ID [--json]              one case's live state, over intake's gRPC API
    casework eligibility determine FILE.jsonl   households in, determinations out, offline

Every subcommand is a small async function taking the parsed arguments and, optionally,
what it would otherwise connect to, so tests hand it their own servers. Addresses come
from `Settings.from_env("cli")`. Exit status: 0 success, 1 not found, 2 bad usage,
3 the stack cannot be reached or a demo case did not end where it should.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from google.protobuf import json_format

from common.config import Settings
from services.eligibility import batch
from workflows import demo as demo_cases

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_FAILED = 3

RPC_TIMEOUT = 10.0


async def demo(args: argparse.Namespace, addresses: Mapping[str, str] | None = None,
               out: TextIO | None = None) -> int:
    """Run the demo cases and print where each ended; non-zero when any did not end
    where it should, so `make demo` fails loudly on a broken stack."""
    out = out or sys.stdout
    settings = Settings.from_env("cli")
    # With --json the step log goes to stderr, so stdout stays one JSON document.
    log = sys.stderr if args.json else out
    try:
        outcomes = await demo_cases.run_demo(
            addresses or settings.addresses, out=log, timezone=settings.agency_timezone,
            step_timeout=args.timeout)
    except demo_cases.DemoError as error:
        print(f"casework demo: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps([dataclasses.asdict(o) | {"ok": o.ok} for o in outcomes], indent=2),
              file=out)
    else:
        print("\n" + demo_cases.table(outcomes), file=out)
        failed = [o for o in outcomes if not o.ok]
        print(f"\n{len(outcomes) - len(failed)} of {len(outcomes)} cases ended where expected"
              + ("." if not failed else ": " + "; ".join(
                  f"({o.key}) {', '.join(o.problems)}" for o in failed)), file=out)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAILED


async def show(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
               out: TextIO | None = None) -> int:
    """Print one case's live state: phase, caseworker, open tasks, deadlines, decisions,
    verifications and how many notices it was sent (their text stays in the record)."""
    out = out or sys.stdout
    address = Settings.from_env("cli").addresses["intake"]
    own = channel is None
    channel = channel or grpc.aio.insecure_channel(address)
    try:
        reply = await intake_pb2_grpc.IntakeServiceStub(channel).GetCase(
            intake_pb2.GetCaseRequest(case_id=args.case_id), timeout=RPC_TIMEOUT)
    except grpc.aio.AioRpcError as error:
        return _failed("show", error, address)
    finally:
        if own:
            await channel.close()
    print(json.dumps(case_json(reply.case), indent=2) if args.json else render_case(reply.case),
          file=out)
    return EXIT_OK


async def eligibility_determine(args: argparse.Namespace) -> int:
    """Delegated whole to the eligibility batch command, which owns its options."""
    return batch.main(args.argv)


def _failed(command: str, error: grpc.aio.AioRpcError, address: str) -> int:
    """Says what went wrong (never echoing a request's values) and picks the exit code."""
    code = error.code()
    if code == grpc.StatusCode.NOT_FOUND:
        print(f"casework {command}: not found: {error.details()}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        print(f"casework {command}: {error.details()}", file=sys.stderr)
        return EXIT_USAGE
    if code in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED):
        print(f"casework {command}: cannot reach intake at {address}: is `make up` running?",
              file=sys.stderr)
    else:
        print(f"casework {command}: {code.name}: {error.details()}", file=sys.stderr)
    return EXIT_FAILED


def case_json(case: intake_pb2.Case) -> dict[str, object]:
    """The case as JSON, with notices counted rather than printed."""
    shown = intake_pb2.Case()
    shown.CopyFrom(case)
    shown.ClearField("notices")
    shown.ClearField("events")
    data = json_format.MessageToDict(shown, preserving_proto_field_name=True)
    return data | {"notices_count": len(case.notices)}


def _name(enum: object, value: int, prefix: str) -> str:
    return demo_cases.enum_name(enum, value, prefix).lower().replace("_", " ")


def render_case(case: intake_pb2.Case) -> str:
    """One case for a person: the live workflow state when the workflow answered, else
    what intake recorded."""
    s = case.state
    programs = ", ".join(demo_cases.enum_name(common_pb2.Program, p, "PROGRAM_")
                         for p in s.programs)
    phase = s.phase if case.HasField("state") else case.recorded_phase
    lines = [
        f"case          {case.case_id}",
        f"phase         {_name(intake_pb2.Phase, phase, 'PHASE_')}"
        + ("" if case.HasField("state") else "  (recorded; the workflow did not answer)"),
        f"programs      {programs or '-'}",
        f"household     {case.household_size} in {case.county or '-'} county, {s.state or '-'}",
        f"filed         {s.filing_date or '-'}" + ("  expedited" if s.expedited else ""),
        f"caseworker    {s.caseworker_id or '-'}  ({s.office_id or '-'})",
        f"interview     {s.interview_date or '-'}"
        + ("  recorded" if s.interviewed else "  not yet recorded"),
        f"open tasks    {', '.join(s.open_tasks) or 'none'}",
        "deadlines",
        *(f"  {d.code:<30} due {d.due_date}  {'met' if d.met else 'open':<4}  {d.citation}"
          for d in s.deadlines),
        "decisions",
        *(f"  {d}  (period {p.period})" for d, p in zip(demo_cases.decisions(s), s.decisions,
                                                          strict=True)),
        "verifications",
        *(f"  {_name(intake_pb2.VerificationKind, v.kind, 'VERIFICATION_KIND_'):<22} "
          + (f"received {v.received_date} ({v.source}), verified by {v.verifier_id}"
             if v.received else f"due {v.due_date}")
          for v in (s.verifications or case.verifications)),
    ]
    if s.needs or s.plan_approved:
        needs = ", ".join(_name(common_pb2.Need, n, "NEED_") for n in s.needs)
        lines.append(f"needs         {needs or '-'}"
                     + ("  plan approved" if s.plan_approved else ""))
    if s.retention_end_date:
        lines.append(f"retention     until {s.retention_end_date}")
    if s.closed_date:
        lines.append(f"closed        {s.closed_date}, "
                     f"{_name(intake_pb2.ClosureReason, s.closure_reason, 'CLOSURE_REASON_')}")
    lines += [f"referrals     {len(s.referral_ids)}",
              f"payments      {len(s.payment_authorization_ids)} authorised",
              f"notices       {len(case.notices)}"]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    """The command line; each subcommand sets `run` to its async function."""
    root = argparse.ArgumentParser(prog="casework", description=__doc__.splitlines()[0])
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run_demo = commands.add_parser("demo", help="drive five realistic cases through the "
                                   "running stack (start it with `make up`)")
    run_demo.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    run_demo.add_argument("--timeout", type=float, default=demo_cases.STEP_TIMEOUT,
                          metavar="SECONDS", help="how long a case may take to reach its "
                          "next phase (default %(default)s)")
    run_demo.set_defaults(run=demo)

    run_show = commands.add_parser("show", help="one case's live state")
    run_show.add_argument("case_id", metavar="CASE_ID", help="the opaque case id")
    run_show.add_argument("--json", action="store_true", help="print the case as JSON")
    run_show.set_defaults(run=show)

    eligibility = commands.add_parser("eligibility", help="the eligibility rules, offline")
    eligibility_commands = eligibility.add_subparsers(dest="eligibility_command",
                                                      required=True, metavar="COMMAND")
    determine = eligibility_commands.add_parser(
        "determine", add_help=False, help="determine households from a JSONL file "
        "(one result per line on stdout)")
    determine.add_argument("argv", nargs=argparse.REMAINDER,
                           help="FILE.jsonl, or - for standard input")
    determine.set_defaults(run=eligibility_determine)
    return root


def parse(argv: Sequence[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit code argparse chose (2 bad usage, 0 for --help)."""
    try:
        return parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if isinstance(args, int):
        return args
    code: int = asyncio.run(args.run(args))
    return code


if __name__ == "__main__":
    sys.exit(main())
