"""`casework show CASE_ID`: one case's live state, read over intake's public gRPC API."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

import grpc
from casework.v1 import common_pb2, intake_pb2, intake_pb2_grpc
from google.protobuf import json_format

from cli.calls import RPC_TIMEOUT, channel_to, failed
from cli.exits import EXIT_OK
from cli.render import clock, decisions, hearing, name, program_line, verification, words
from common.config import Settings


async def show(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
               out: TextIO | None = None) -> int:
    """Print one case's live state: phase, caseworker, open tasks, program lines, clocks,
    decisions, verifications, hearings, how many notices it was sent (their text stays
    in the record) and any step it waits on while a service fails it.
    `channel` lets tests hand it their own intake server."""
    out = out or sys.stdout
    address = Settings.from_env("cli").addresses["intake"]
    try:
        async with channel_to(address, channel, args) as open_channel:
            reply = await intake_pb2_grpc.IntakeServiceStub(open_channel).GetCase(
                intake_pb2.GetCaseRequest(case_id=args.case_id), timeout=RPC_TIMEOUT)
    except grpc.aio.AioRpcError as error:
        return failed("show", error, address)
    print(json.dumps(case_json(reply.case), indent=2) if args.json else render_case(reply.case),
          file=out)
    return EXIT_OK


def case_json(case: intake_pb2.Case) -> dict[str, object]:
    """The case as JSON, with notices counted rather than printed."""
    shown = intake_pb2.Case()
    shown.CopyFrom(case)
    shown.ClearField("notices")
    shown.ClearField("events")
    data = json_format.MessageToDict(shown, preserving_proto_field_name=True)
    return data | {"notices_count": len(case.notices)}


def render_case(case: intake_pb2.Case) -> str:
    """One case for a person: the live workflow state when the workflow answered, else
    what intake recorded."""
    s = case.state
    programs = ", ".join(name(common_pb2.Program, p) for p in s.programs)
    phase = s.phase if case.HasField("state") else case.recorded_phase
    lines = [
        f"case          {case.case_id}",
        f"phase         {words(intake_pb2.Phase, phase)}"
        + ("" if case.HasField("state") else "  (recorded; the workflow did not answer)"),
        f"programs      {programs or '-'}",
        f"household     {case.household_size} in {case.county or '-'} county, {s.state or '-'}",
        f"filed         {s.filing_date or '-'}" + ("  expedited" if s.expedited else ""),
        f"caseworker    {s.caseworker_id or '-'}  ({s.office_id or '-'})",
        f"interview     {s.interview_date or '-'}"
        + ("  recorded" if s.interviewed else "  not yet recorded"),
        f"open tasks    {', '.join(s.open_tasks) or 'none'}",
        *(["program lines", *(f"  {program_line(line)}" for line in s.lines)]
          if s.lines else []),
        "deadlines",
        *(f"  {text}" for d in s.deadlines for text in clock(d)),
        "decisions",
        *(f"  {d}  (period {p.period})" for d, p in zip(decisions(s), s.decisions, strict=True)),
        "verifications",
        *(f"  {text}" for v in [*(s.verifications or case.verifications),
                                *s.verifications_not_required]
          for text in verification(v)),
    ]
    if s.hearings:
        lines += ["hearings", *(f"  {hearing(h)}" for h in s.hearings)]
    if s.needs or s.plan_approved:
        needs = ", ".join(words(common_pb2.Need, n) for n in s.needs)
        lines.append(f"needs         {needs or '-'}"
                     + ("  plan approved" if s.plan_approved else ""))
    if s.retention_end_date:
        lines.append(f"retention     until {s.retention_end_date}")
    if s.closed_date:
        lines.append(f"closed        {s.closed_date}, "
                     f"{words(intake_pb2.ClosureReason, s.closure_reason)}")
    lines += [f"referrals     {len(s.referral_ids)}",
              f"payments      {len(s.payment_authorization_ids)} authorised",
              f"notices       {len(case.notices)}"]
    if case.waiting_on:
        lines += ["waiting on", *(f"  {waiting(w)}" for w in case.waiting_on)]
    return "\n".join(lines)


def waiting(step: intake_pb2.WaitingOn) -> str:
    """A step Temporal is retrying: which, for which service, how it last failed and
    when it is tried next (UTC)."""
    retry = (f"; next attempt {step.next_attempt_at.ToDatetime().strftime('%H:%M:%S')} UTC"
             if step.HasField("next_attempt_at") else "; attempt under way")
    return (f"{step.step} ({step.service}): attempt {step.attempt}, last failed "
            f"{step.failure or '-'}{retry}")
