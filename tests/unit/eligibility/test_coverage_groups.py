"""Which Medicaid coverage group each member is determined under.

The category cannot tell an expansion adult from a parent (both "adult"), and the group
decides the renewal period (P.L. 119-21 sec. 71107), so each case here pins the group.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal

from casework.v1 import common_pb2, eligibility_pb2

from common.vocabulary import CoverageGroup
from services.eligibility import convert as service_convert
from services.eligibility.engine.determine import determine
from services.eligibility.engine.result import MemberCoverage
from services.eligibility.engine.rulebook import Entry, Rulebook
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line, family
from workflows import convert as workflow_convert
from workflows.inputs import Program


def coverage(line: dict[str, object], rulebook: Rulebook = RULEBOOK) -> dict[str, MemberCoverage]:
    medicaid = determine(parse_request(line), rulebook).program("MEDICAID")
    return {m.member_id: m for m in medicaid.members}


def with_parent_limit(state: str, ratio: str) -> Rulebook:
    """The rulebook with one state's parent/caretaker standard replaced from 2024-10-01: the
    stored table holds 133% for expansion states, and a state whose 435.110 standard is
    lower is the case where a parent is covered in the expansion group instead."""
    parent = RULEBOOK["medicaid.parent_limit"]
    table = dict(parent.at(date(2026, 1, 1))) | {state: Decimal(ratio)}
    replaced = dataclasses.replace(parent, values=(Entry(date(2024, 10, 1), table),))
    return Rulebook(dict(RULEBOOK) | {"medicaid.parent_limit": replaced}, RULEBOOK.root)


def test_an_expansion_state_childless_adult_is_in_the_expansion_group() -> None:
    adult = coverage(a_line(period="2026-02"))["p1"]   # $1,800 under 138% of 15,960 / 12
    assert (adult.eligible, adult.category, adult.group) == (
        True, "adult", CoverageGroup.EXPANSION_ADULT)


def test_an_expansion_state_parent_within_the_parent_limit_is_a_parent_caretaker() -> None:
    members = coverage(family(state="IL", wages=150000))
    for parent in (members["a"], members["b"]):
        assert (parent.eligible, parent.category, parent.group) == (
            True, "adult", CoverageGroup.PARENT_CARETAKER)


def test_a_parent_above_the_parent_limit_but_within_the_expansion_limit_is_an_expansion_adult(
) -> None:
    # 50% + 5 of 32,150 / 12 for four = 1,473.54 < 1,500 <= 138% = 3,697.25 (January 2026).
    members = coverage(family(state="IL", wages=150000), with_parent_limit("IL", "0.50"))
    parent = members["a"]
    assert (parent.eligible, parent.category, parent.group, parent.income_limit_cents) == (
        True, "adult", CoverageGroup.EXPANSION_ADULT, 369725)
    # Under the lower standard the same parents with less income are parents again.
    poorer = coverage(family(state="IL", wages=100000), with_parent_limit("IL", "0.50"))["a"]
    assert (poorer.group, poorer.income_limit_cents) == (CoverageGroup.PARENT_CARETAKER, 147354)


def test_a_non_expansion_state_parent_is_a_parent_caretaker_and_other_adults_have_none(
) -> None:
    line = family(state="TX", period="2025-11", wages=0)
    line["members"].append({"id": "e", "age": 45, "relationship": "unrelated"})
    members = coverage(line)
    assert (members["a"].eligible, members["a"].group) == (True, CoverageGroup.PARENT_CARETAKER)
    assert (members["e"].eligible, members["e"].category, members["e"].group) == (
        False, "none", CoverageGroup.NONE)
    # Over Texas's parent limit the parent is denied, and the group is the one tested.
    over = coverage(family(state="TX", period="2025-11", wages=150000))["a"]
    assert (over.eligible, over.reason, over.group) == (
        False, "INCOME_OVER_LIMIT", CoverageGroup.PARENT_CARETAKER)


def test_children_and_infants_are_in_their_groups() -> None:
    line = family()
    line["members"][2]["age"] = 0
    members = coverage(line)
    assert (members["c"].category, members["c"].group) == ("child", CoverageGroup.INFANT)
    assert (members["d"].category, members["d"].group) == ("child", CoverageGroup.CHILD)


def test_a_pregnant_adult_is_in_the_pregnant_group_never_the_expansion_group() -> None:
    line = a_line(state="OR", period="2025-11")
    line["members"][0]["pregnant"] = True
    medicaid = determine(parse_request(line), RULEBOOK).program("MEDICAID")
    [member] = medicaid.members
    assert (member.eligible, member.category, member.group) == (
        True, "pregnant", CoverageGroup.PREGNANT)
    # 42 CFR 435.119(b)(2): the expansion group is not even tested.
    assert not any("expansion group" in line.text for line in medicaid.lines)


def test_a_member_65_or_over_has_no_magi_group() -> None:
    line = a_line()
    line["members"][0]["age"] = 70
    aged = coverage(line)["p1"]
    assert (aged.eligible, aged.reason, aged.group) == (False, "AGED_NOT_MAGI", CoverageGroup.NONE)


def test_the_group_reaches_the_workflow_through_the_proto_and_the_stored_json() -> None:
    line = family(state="IL", period="2026-02", wages=150000)
    line["members"].append({"id": "e", "age": 30, "relationship": "unrelated"})
    determination = determine(parse_request(line), RULEBOOK)
    message = service_convert.determination_to_pb(determination,
                                                   datetime(2026, 2, 1, 12, tzinfo=UTC))
    stored = service_convert.determination_from_json(service_convert.determination_json(message))
    assert stored == message
    [medicaid] = [p for p in stored.programs if p.program == common_pb2.PROGRAM_MEDICAID]
    pb_groups = {m.member_id: m.group for m in medicaid.members}
    assert pb_groups["a"] == eligibility_pb2.COVERAGE_GROUP_PARENT_CARETAKER
    assert pb_groups["e"] == eligibility_pb2.COVERAGE_GROUP_EXPANSION_ADULT
    result = workflow_convert.determination_from_pb(stored).result(Program.MEDICAID)
    assert result is not None
    assert {m.member_id: m.group for m in result.members} == {
        "a": CoverageGroup.PARENT_CARETAKER, "b": CoverageGroup.PARENT_CARETAKER,
        "c": CoverageGroup.CHILD, "d": CoverageGroup.CHILD, "e": CoverageGroup.EXPANSION_ADULT}
    assert result.expansion_adults_covered()
