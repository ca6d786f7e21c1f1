"""`casework record CASE_ID`: a case's audit trail, read over intake's public gRPC API."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import grpc
from casework.v1 import intake_pb2, intake_pb2_grpc
from google.protobuf import json_format

from cli import render
from cli.calls import channel_to, every_page, failed
from cli.exits import EXIT_OK
from common.config import Settings


async def record(args: argparse.Namespace, channel: grpc.aio.Channel | None = None,
                 out: TextIO | None = None) -> int:
    """Print a case's whole record, every page of it, oldest first: when, who acted, the
    action, its programs, source and summary; with `--json`, each entry's detail too.
    `channel` lets tests hand it their own intake server."""
    out = out or sys.stdout
    settings = Settings.from_env("cli")
    address = settings.addresses["intake"]
    try:
        async with channel_to(address, channel, args) as open_channel:
            entries = await read_record(intake_pb2_grpc.IntakeServiceStub(open_channel),
                                        args.case_id)
    except grpc.aio.AioRpcError as error:
        return failed("record", error, address)
    print(json.dumps(record_json(args.case_id, entries), indent=2) if args.json
          else render.case_record(entries, ZoneInfo(settings.agency_timezone)), file=out)
    return EXIT_OK


async def read_record(intake: intake_pb2_grpc.IntakeServiceStub, case_id: str
                      ) -> list[intake_pb2.CaseRecordEntry]:
    """Every entry of the case's record, page after page."""
    return await every_page(intake.GetCaseRecord, intake_pb2.GetCaseRecordRequest(
        case_id=case_id), lambda reply: list(reply.entries))


def record_json(case_id: str, entries: list[intake_pb2.CaseRecordEntry]) -> dict[str, Any]:
    """The record as JSON, each entry's detail an object rather than a string in one."""
    return {"case_id": case_id, "entries": [
        json_format.MessageToDict(e, preserving_proto_field_name=True)
        | {"detail": json.loads(e.detail or "{}")} for e in entries]}
