"""Engine values to proto messages, here and nowhere else; the other way is
`services.eligibility.requests`. A stored determination is the returned message as JSON,
so it reads back exactly as it was returned."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from casework.v1 import common_pb2, eligibility_pb2
from google.protobuf import json_format

from common.clock import to_timestamp
from common.enums import enum_table
from common.errors import InvalidField
from common.vocabulary import COVERAGE_GROUPS, HEALTH_COVERAGES
from services.eligibility.engine.determine import RulesLapsed
from services.eligibility.engine.expedited import ExpeditedScreen
from services.eligibility.engine.household import Program
from services.eligibility.engine.result import Determination, Line, ProgramResult

PROGRAMS = enum_table(common_pb2.Program, Program)
"""The engine's programs against the proto's (the shared enums are `common.vocabulary`'s)."""


def _step(line: Line) -> eligibility_pb2.ExplanationStep:
    return eligibility_pb2.ExplanationStep(text=line.text, amount_cents=line.cents,
                                           citation=line.citation)


def program_to_pb(p: ProgramResult) -> eligibility_pb2.ProgramDetermination:
    return eligibility_pb2.ProgramDetermination(
        program=PROGRAMS.number(p.program), eligible=p.eligible,
        monthly_benefit_cents=p.monthly_benefit_cents, denial_reasons=p.denial_reasons,
        explanation=[_step(line) for line in p.lines],
        gross_income_cents=p.gross_income_cents, net_income_cents=p.net_income_cents,
        provisional=p.provisional,
        members=[eligibility_pb2.MemberCoverage(member_id=m.member_id, eligible=m.eligible,
                                                category=m.category,
                                                income_limit_cents=m.income_limit_cents,
                                                group=COVERAGE_GROUPS.number(m.group),
                                                non_magi_referral=m.non_magi_referral,
                                                coverage=HEALTH_COVERAGES.number(m.coverage))
                 for m in p.members])


def determination_to_pb(d: Determination, determined_at: datetime, determination_id: str = ""
                        ) -> eligibility_pb2.Determination:
    """`determination_id` is set only on a determination that is stored."""
    return eligibility_pb2.Determination(
        determination_id=determination_id, id=d.id, period=d.period, state=d.state,
        programs=[program_to_pb(p) for p in d.programs],
        parameters=[eligibility_pb2.ParameterUsed(name=u.name,
                                                  effective_date=u.effective_date.isoformat(),
                                                  citation=u.citation)
                    for u in d.parameters],
        determined_at=to_timestamp(determined_at), provisional=d.provisional)


def determination_json(message: eligibility_pb2.Determination) -> dict[str, Any]:
    """The stored form of a returned determination (proto field names)."""
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def determination_from_json(body: dict[str, Any]) -> eligibility_pb2.Determination:
    return json_format.ParseDict(body, eligibility_pb2.Determination())


def field_error_pb(error: InvalidField | RulesLapsed) -> common_pb2.FieldError:
    """A batch item's error: BatchResult has room for one field, so the first."""
    return common_pb2.FieldError(field=error.field, description=error.problem)


def screen_to_pb(s: ExpeditedScreen) -> eligibility_pb2.ScreenExpeditedResponse:
    return eligibility_pb2.ScreenExpeditedResponse(
        expedited=s.expedited, criteria=list(s.criteria),
        explanation=[_step(line) for line in s.lines])
