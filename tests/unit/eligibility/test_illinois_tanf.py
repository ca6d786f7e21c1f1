"""Illinois TANF's assistance unit and child care deduction (issue 14, point 14)."""

from __future__ import annotations

from datetime import date

from services.eligibility.engine.determine import determine
from services.eligibility.engine.tanf import illinois_unit
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line


def test_the_child_care_maximums_are_the_regulations() -> None:
    day = date(2026, 1, 1)  # 89 Ill. Adm. Code 112.143(b), effective 2010-07-01
    assert RULEBOOK["tanf.il.child_care_max_under_2"].at(day) == 20000
    assert RULEBOOK["tanf.il.child_care_max_2_and_over"].at(day) == 17500
    assert RULEBOOK["tanf.il.child_care_age_below"].at(day) == 13


def test_an_ssi_recipient_leaves_the_unit_with_every_income() -> None:
    line = a_line(programs=["TANF"],
                  members=[{"id": "m", "age": 30, "relationship": "head"},
                           {"id": "c", "age": 6, "relationship": "child"},
                           {"id": "s", "age": 60, "relationship": "other_relative"}],
                  incomes=[{"member_id": "m", "kind": "wages", "monthly_cents": 50000},
                           {"member_id": "s", "kind": "ssi", "monthly_cents": 50000},
                           {"member_id": "s", "kind": "social_security", "monthly_cents": 40000}])
    request = parse_request(line)
    unit = illinois_unit(request.household)
    assert [m.id for m in unit.members] == ["m", "c"]
    assert [i.member_id for i in unit.incomes] == ["m"]
    tanf = determine(request, RULEBOOK).program("TANF")
    unearned = next(ln for ln in tanf.lines if ln.text == "Countable unearned income")
    assert unearned.cents == 0  # the recipient's Social Security does not count either


def test_child_care_never_exceeds_the_earnings_left() -> None:
    line = a_line(programs=["TANF"],
                  members=[{"id": "m", "age": 30, "relationship": "head"},
                           {"id": "c", "age": 1, "relationship": "child"}],
                  incomes=[{"member_id": "m", "kind": "wages", "monthly_cents": 30000}],
                  expenses={"dependent_care_cents": 40000})
    tanf = determine(parse_request(line), RULEBOOK).program("TANF")
    care = next(ln for ln in tanf.lines if ln.text.startswith("Child care deduction"))
    # Unit of 2, 2025 guideline: IED 881.25 - 616 = 265.25; 300 - 265.25 = 34.75 left
    assert care.cents == 3475
