"""`casework demo` against the real stack: every case ends where its story says, each
payment is authorised once, and the services hold what the demo printed."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from casework.v1 import common_pb2, payments_pb2, referrals_pb2

import cli
from cli.demo import demo, run_demo
from cli.render import Outcome
from cli.scenarios import SCENARIOS
from cli.show import show
from tests.e2e.conftest import RunningStack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
async def outcomes(stack: RunningStack) -> dict[str, Outcome]:
    """The demo run once for the module, by scenario key."""
    log = io.StringIO()
    ran = await run_demo(stack.addresses.services, out=log,
                         timezone=stack.settings("cli").agency_timezone,
                         minter=stack.issuer.minter)
    assert "✓" in log.getvalue()
    return {o.key: o for o in ran}


async def authorizations(stack: RunningStack, case_id: str) -> list[payments_pb2.Authorization]:
    reply = await stack.payments.ListAuthorizations(
        payments_pb2.ListAuthorizationsRequest(case_id=case_id), timeout=10)
    return list(reply.authorizations)


def test_every_case_ends_where_its_story_says(outcomes: dict[str, Outcome]) -> None:
    assert {k: o.problems for k, o in outcomes.items() if not o.ok} == {}
    assert {k: o.phase for k, o in outcomes.items()} == {
        "a": "monitoring", "b": "closed", "c": "monitoring", "d": "monitoring",
        "e": "retention"}
    assert [k for k, o in outcomes.items() if o.expedited] == ["c"]


async def test_payments_are_authorised_once_per_case_program_and_period(
    stack: RunningStack, outcomes: dict[str, Outcome]
) -> None:
    for key, outcome in outcomes.items():
        stored = await authorizations(stack, outcome.case_id)
        keys = Counter(a.idempotency_key for a in stored)
        terms = Counter((a.program, a.period, a.kind) for a in stored)
        assert max(keys.values(), default=1) == 1, key
        assert max(terms.values(), default=1) == 1, key
        approved = {d.program for d in outcome.decisions if d.eligible}
        assert len(stored) == len(approved), key


async def test_the_denied_case_has_no_payment(stack: RunningStack,
                                              outcomes: dict[str, Outcome]) -> None:
    denied = outcomes["b"]
    assert not any(d.eligible for d in denied.decisions)
    assert await authorizations(stack, denied.case_id) == []


async def test_tanf_cases_are_paid_tanf_and_referred_for_their_needs(
    stack: RunningStack, outcomes: dict[str, Outcome]
) -> None:
    for key in ("d", "e"):
        case_id = outcomes[key].case_id
        programs = {a.program for a in await authorizations(stack, case_id)}
        assert programs == {common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF}, key
        reply = await stack.referrals.ListReferrals(
            referrals_pb2.ListReferralsRequest(case_id=case_id), timeout=10)
        assert {r.need for r in reply.referrals} == {
            common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT, common_pb2.NEED_EMPLOYMENT}, key


async def test_show_prints_the_retention_case(stack: RunningStack,
                                              outcomes: dict[str, Outcome]) -> None:
    args = cli.parse(["show", outcomes["e"].case_id])
    assert not isinstance(args, int)
    out = io.StringIO()
    assert await show(args, channel=stack.channels["intake"], out=out) == cli.EXIT_OK
    text = out.getvalue()
    assert "retention" in text and "plan approved" in text and "Nguyen" not in text
    args.json = True
    out = io.StringIO()
    assert await show(args, channel=stack.channels["intake"], out=out) == cli.EXIT_OK
    shown = json.loads(out.getvalue())
    assert shown["state"]["phase"] == "PHASE_RETENTION" and shown["notices_count"] > 0


async def test_the_demo_command_prints_a_table_and_exits_zero(stack: RunningStack) -> None:
    args = cli.parse(["demo"])
    assert not isinstance(args, int)
    out = io.StringIO()
    assert await demo(args, settings=stack.settings("cli"), out=out) == cli.EXIT_OK
    text = out.getvalue()
    assert f"{len(SCENARIOS)} of {len(SCENARIOS)} cases ended where expected." in text
    for scenario in SCENARIOS:
        assert scenario.title in text
