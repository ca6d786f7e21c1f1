"""Medicaid groups outside the MAGI tables and CHIP (issue 14, points 11 and 12): the state
tables behind them, and the non-MAGI referral and CHIP coverage as the proto, the stored JSON
and the batch line carry them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from casework.v1 import common_pb2, eligibility_pb2

from services.eligibility import convert
from services.eligibility.batch import result_json
from services.eligibility.engine.determine import determine
from services.eligibility.engine.medicaid import SEPARATE_CHIP
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line
from tests.unit.eligibility.test_state_tables import DAYS, STATES

SECTION_209B = {"CT", "HI", "IL", "MN", "MO", "NH", "ND", "VA"}
"""SSA POMS SI 01715.010 A.1, TN 7 (01-24)."""


@pytest.mark.parametrize("day", sorted(DAYS.values()))
def test_the_209b_table_names_every_state_and_exactly_the_eight(day: date) -> None:
    table = RULEBOOK["medicaid.section_209b"].at(day)
    assert sorted(table) == STATES
    assert {state for state, is_209b in table.items() if is_209b} == SECTION_209B


@pytest.mark.parametrize("day", sorted(DAYS.values()))
def test_demonstration_adult_limits_are_only_in_states_without_the_expansion(day: date) -> None:
    table = RULEBOOK["medicaid.demonstration_adult_limit"].at(day)
    expansion = RULEBOOK["medicaid.expansion"].at(day)
    assert table == {"WI": Decimal("0.95")}  # 100% FPL with the disregard included
    assert not any(expansion[state] for state in table)


def test_the_referral_reaches_the_proto_the_stored_json_and_the_batch_line() -> None:
    line = a_line(state="TX", period="2026-02", programs=["MEDICAID"],
                  incomes=[{"member_id": "p1", "kind": "ssi", "monthly_cents": 99400}])
    determination = determine(parse_request(line), RULEBOOK)
    message = convert.determination_to_pb(determination, datetime(2026, 2, 1, tzinfo=UTC))
    stored = convert.determination_from_json(convert.determination_json(message))
    [medicaid] = [p for p in stored.programs if p.program == common_pb2.PROGRAM_MEDICAID]
    assert [m.non_magi_referral for m in medicaid.members] == ["SSI_RECIPIENT"]
    assert "REFER_NON_MAGI" in medicaid.denial_reasons
    batch = result_json(determination)["medicaid"]["members"]
    assert [m["non_magi_referral"] for m in batch] == ["SSI_RECIPIENT"]


def test_an_eligible_member_is_never_referred() -> None:
    line = a_line(period="2026-02", programs=["MEDICAID"],
                  members=[{"id": "p1", "age": 30, "relationship": "head", "disabled": True}],
                  incomes=[{"member_id": "p1", "kind": "ssi", "monthly_cents": 99400}])
    medicaid = determine(parse_request(line), RULEBOOK).program("MEDICAID")
    # SSI is not MAGI income (435.603(e)), so the Illinois expansion adult is eligible.
    assert [(m.eligible, m.non_magi_referral) for m in medicaid.members] == [(True, "")]
    assert not any("non-MAGI" in ln.text for ln in medicaid.lines)


@pytest.mark.parametrize("day", sorted(DAYS.values()))
@pytest.mark.parametrize(("upper", "medicaid"), sorted(SEPARATE_CHIP.items()))
def test_medicaid_standards_under_a_separate_chip_are_within_the_upper_limit(
        day: date, upper: str, medicaid: str) -> None:
    table = RULEBOOK[medicaid].at(day)
    assert sorted(table) == ["WI"]  # the only separate CHIP confirmed in a state manual
    for state, ratio in table.items():
        assert Decimal("1.33") <= ratio <= RULEBOOK[upper].at(day)[state]


def test_chip_coverage_reaches_the_proto_and_the_stored_json() -> None:
    line = a_line(state="WI", period="2026-02", programs=["MEDICAID"],
                  members=[{"id": "m", "age": 32, "relationship": "head"},
                           {"id": "b", "age": 10, "relationship": "child"}],
                  incomes=[{"member_id": "m", "kind": "wages", "monthly_cents": 400000}])
    determination = determine(parse_request(line), RULEBOOK)
    message = convert.determination_to_pb(determination, datetime(2026, 2, 1, tzinfo=UTC))
    stored = convert.determination_from_json(convert.determination_json(message))
    [medicaid] = [p for p in stored.programs if p.program == common_pb2.PROGRAM_MEDICAID]
    # 21,640 x 1.56 / 12 = 2,813.20 < 4,000 <= 21,640 x 3.06 / 12 = 5,518.20
    assert {m.member_id: m.coverage for m in medicaid.members} == {
        "m": eligibility_pb2.HEALTH_COVERAGE_MEDICAID, "b": eligibility_pb2.HEALTH_COVERAGE_CHIP}
