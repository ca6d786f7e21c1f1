"""`casework cases`, `worklist`, `sla`, `approvals` and `report timeliness`: the caseload
as intake's read model holds it, for supervisors, caseworkers and operations.

Each reads what every case's workflow last recorded (ListCases, CountCases, GetWorklist,
ListClocks, ListApprovals, GetTimelinessReport), so it answers with the worker stopped.
Flags take values as the read model spells them (`--phase verification --program snap
--sla warning`); a listing is read to its last page. Output is a table, or with `--json`
the messages as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TextIO, TypeVar

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from google.protobuf import json_format
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper
from google.protobuf.message import Message

from cli import render
from cli.calls import RPC_TIMEOUT, calling, channel_to, every_page, failed
from cli.exits import EXIT_OK, EXIT_USAGE
from common.auth.roles import Role
from common.config import Settings
from common.enums import from_spelling, spelling
from workflows.state import Task

PAGE_SIZE = 500
"""The most a page may hold: fewest round trips."""

Reply = TypeVar("Reply")


def spellings(enum: EnumTypeWrapper) -> list[str]:
    """What a flag of this enum accepts: each value but *_UNSPECIFIED, as spelled."""
    return [spelling(enum, number) for number in enum.values() if number]


def add_filters(command: argparse.ArgumentParser, *, cases: bool) -> None:
    """The flags listings of cases and of clocks share, and with `cases` the case's own."""
    what = "the case has an agency clock not yet met" if cases else "the clock is"
    command.add_argument("--program", choices=spellings(common_pb2.Program))
    command.add_argument("--caseworker", metavar="ID", help="a caseworker's opaque id")
    command.add_argument("--office", metavar="ID", help="an office's opaque id")
    command.add_argument("--due-within", type=int, metavar="DAYS",
                         help=f"{what} due within DAYS days of today (overdue included)")
    if cases:
        command.add_argument("--phase", choices=spellings(intake_pb2.Phase))
        command.add_argument("--sla", choices=spellings(intake_pb2.SlaStatus))
        command.add_argument("--task", choices=[str(t) for t in Task], metavar="TASK",
                             help="a task the case has open, e.g. VERIFICATION_OVERDUE")


def own_scope(args: argparse.Namespace) -> tuple[str, str]:
    """The caseworker and office a listing names: the flags', else the caller's own, the
    only ones the role table lets them list (a caseworker's caseload, a supervisor's
    office); operations, across the agency, names neither."""
    caseworker, office = getattr(args, "caseworker", None) or "", args.office or ""
    me = calling(args)
    if caseworker or office or me is None:
        return caseworker, office
    if me.role is Role.CASEWORKER:
        return me.sub, ""
    return ("", me.office) if me.role is Role.SUPERVISOR else ("", "")


def _by(args: argparse.Namespace, command: str) -> str | None:
    """Who acts (`--by`): as given, else the caller, who may act only as themselves.
    None, reported, when neither names anyone."""
    me = calling(args)
    by = args.by or (me.sub if me is not None else "")
    if not by:
        print(f"casework {command}: --by is required unless --as or CASEWORK_TOKEN says "
              "who you are", file=sys.stderr)
        return None
    return str(by)


def _enum(enum: EnumTypeWrapper, text: str | None) -> int:
    return from_spelling(enum, text) if text else 0


def case_filter(args: argparse.Namespace) -> intake_pb2.CaseFilter:
    caseworker, office = own_scope(args)
    filter = intake_pb2.CaseFilter(
        phase=_enum(intake_pb2.Phase, args.phase), program=_enum(common_pb2.Program, args.program),
        caseworker_id=caseworker, office_id=office,
        sla_status=_enum(intake_pb2.SlaStatus, args.sla), open_task=args.task or "")
    if args.due_within is not None:
        filter.due_within_days = args.due_within
    return filter


async def _ask(command: str, channel: grpc.aio.Channel | None, args: argparse.Namespace,
               read: Callable[[intake_pb2_grpc.IntakeServiceStub], Awaitable[Reply]]
               ) -> Reply | int:
    """`read`'s reply from intake, or the exit status of its failed call (reported)."""
    address = Settings.from_env("cli").addresses["intake"]
    try:
        async with channel_to(address, channel, args) as open_channel:
            return await read(intake_pb2_grpc.IntakeServiceStub(open_channel))
    except grpc.aio.AioRpcError as error:
        return failed(command, error, address)


def _json(message: Message) -> dict[str, Any]:
    """A message as JSON with every field, so scripts find each key, empty or not."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True,
                                     always_print_fields_with_no_presence=True)


def _listed(key: str, messages: Sequence[Message]) -> dict[str, Any]:
    return {key: [_json(message) for message in messages]}


def _show(args: argparse.Namespace, out: TextIO | None, data: dict[str, Any],
          table: str) -> int:
    print(json.dumps(data, indent=2) if args.json else table, file=out or sys.stdout)
    return EXIT_OK


async def cases(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                out: TextIO | None = None) -> int:
    """List the cases the flags match, soonest next deadline first; with `--count-by`,
    count them by that dimension instead. `channel` lets tests hand it their own intake
    server."""
    filter = case_filter(args)
    if args.count_by:
        counted = await _ask("cases", channel, args, lambda intake: intake.CountCases(
            intake_pb2.CountCasesRequest(
                filter=filter, group_by=from_spelling(intake_pb2.CaseDimension, args.count_by)),
            timeout=RPC_TIMEOUT))
        if isinstance(counted, int):
            return counted
        return _show(args, out, _json(counted), render.case_counts(counted, args.count_by))
    found = await _ask("cases", channel, args, lambda intake: every_page(
        intake.ListCases, intake_pb2.ListCasesRequest(filter=filter, page_size=PAGE_SIZE),
        lambda reply: list(reply.cases)))
    if isinstance(found, int):
        return found
    return _show(args, out, _listed("cases", found), render.case_summaries(found))


async def worklist(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                   out: TextIO | None = None) -> int:
    """Print one caseworker's open tasks and agency deadlines, soonest first: the one
    named, else the calling caseworker's own."""
    me = calling(args)
    caseworker = args.caseworker_id or (me.sub if me and me.role is Role.CASEWORKER else "")
    if not caseworker:
        print("casework worklist: name the CASEWORKER, or call as one (--as "
              "caseworker:ID@OFFICE)", file=sys.stderr)
        return EXIT_USAGE
    reply = await _ask("worklist", channel, args, lambda intake: intake.GetWorklist(
        intake_pb2.GetWorklistRequest(caseworker_id=caseworker), timeout=RPC_TIMEOUT))
    if isinstance(reply, int):
        return reply
    return _show(args, out, _listed("items", reply.items), render.work_items(reply.items))


async def sla(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
              out: TextIO | None = None) -> int:
    """Print the agency's clocks across cases that are due, in warning or breached (or in
    the `--status`es given), soonest first."""
    caseworker, office = own_scope(args)
    request = intake_pb2.ListClocksRequest(
        statuses=[from_spelling(intake_pb2.ClockStatus, s) for s in args.status or ()],
        code=args.code or "", program=_enum(common_pb2.Program, args.program),
        office_id=office, caseworker_id=caseworker, page_size=PAGE_SIZE)
    if args.due_within is not None:
        request.due_within_days = args.due_within
    found = await _ask("sla", channel, args, lambda intake: every_page(
        intake.ListClocks, request, lambda reply: list(reply.clocks)))
    if isinstance(found, int):
        return found
    return _show(args, out, _listed("clocks", found), render.case_clocks(found))


async def approvals(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                    out: TextIO | None = None) -> int:
    """Print the requests waiting for a supervisor, oldest first."""
    caseworker, office = own_scope(args)
    request = intake_pb2.ListApprovalsRequest(
        office_id=office, caseworker_id=caseworker,
        kind=_enum(intake_pb2.ApprovalKind, args.kind), page_size=PAGE_SIZE)
    found = await _ask("approvals", channel, args, lambda intake: every_page(
        intake.ListApprovals, request, lambda reply: list(reply.approvals)))
    if isinstance(found, int):
        return found
    return _show(args, out, _listed("approvals", found), render.waiting_approvals(found))


async def timeliness(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                     out: TextIO | None = None) -> int:
    """Print the timeliness report: the share of the agency's clocks met by their due
    dates per measure, office and month, and the late ones with whose delay it was.
    Intake checks the months (a bad one exits 2, naming it)."""
    reply = await _ask("report timeliness", channel, args,
                       lambda intake: intake.GetTimelinessReport(
        intake_pb2.GetTimelinessReportRequest(
            from_month=args.from_month or "", to_month=args.to_month or "",
            office_id=own_scope(args)[1], program=_enum(common_pb2.Program, args.program)),
        timeout=RPC_TIMEOUT))
    if isinstance(reply, int):
        return reply
    return _show(args, out, _json(reply), render.timeliness_report(reply))


async def reassign(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                   out: TextIO | None = None) -> int:
    """Move a case to another caseworker (a supervisor's step, with a reason)."""
    by = _by(args, "reassign")
    if by is None:
        return EXIT_USAGE
    reply = await _ask("reassign", channel, args, lambda intake: intake.ReassignCase(
        intake_pb2.ReassignCaseRequest(case_id=args.case_id, caseworker_id=args.to,
                                       supervisor_id=by, reason=args.reason),
        timeout=RPC_TIMEOUT))
    if isinstance(reply, int):
        return reply
    state = reply.state
    return _show(args, out, {"state": _json(state)},
                 f"case {state.case_id} is now {state.caseworker_id}'s ({state.office_id})")


async def ask_extension(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                        out: TextIO | None = None) -> int:
    """Ask a supervisor to move a clock's due date: the request joins the queue."""
    by = _by(args, "extension")
    if by is None:
        return EXIT_USAGE
    reply = await _ask("extension", channel, args, lambda intake: intake.RequestDeadlineExtension(
        intake_pb2.RequestDeadlineExtensionRequest(
            case_id=args.case_id, code=args.code, new_due_date=args.to, reason=args.reason,
            caseworker_id=by), timeout=RPC_TIMEOUT))
    if isinstance(reply, int):
        return reply
    asked = reply.approval
    return _show(args, out, {"approval": _json(asked)},
                 f"asked: {asked.approval_id} ({asked.summary}) waits for a supervisor")


async def decide(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                 out: TextIO | None = None) -> int:
    """Approve a waiting request, or return it with a reason."""
    decision = (intake_pb2.APPROVAL_DECISION_RETURN if args.send_back
                else intake_pb2.APPROVAL_DECISION_APPROVE)
    by = _by(args, "decide")
    if by is None:
        return EXIT_USAGE
    reply = await _ask("decide", channel, args, lambda intake: intake.DecideApproval(
        intake_pb2.DecideApprovalRequest(
            case_id=args.case_id, approval_id=args.approval_id, decision=decision,
            supervisor_id=by, reason=args.reason or ""), timeout=RPC_TIMEOUT))
    if isinstance(reply, int):
        return reply
    decided = reply.approval
    return _show(args, out, {"approval": _json(decided), "state": _json(reply.state)},
                 f"{decided.approval_id}: {decided.decision} by {decided.decided_by}")
