"""Medicaid, TANF and the expedited screen beyond the worked examples in tests/rules."""

from __future__ import annotations

from datetime import date

from services.eligibility.engine.determine import determine, programs_for, screen
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line, family


def test_tanf_is_offered_only_in_illinois_and_oregon() -> None:
    assert programs_for(parse_request(a_line(state="IL"))) == ("SNAP", "MEDICAID", "TANF")
    assert programs_for(parse_request(a_line(state="WA"))) == ("SNAP", "MEDICAID")
    asked = determine(parse_request(a_line(state="WA", programs=["TANF"])), RULEBOOK)
    assert asked.program("TANF").denial_reasons == ["STATE_NOT_COVERED"]


def test_tanf_needs_a_dependent_child_or_pregnancy() -> None:
    tanf = determine(parse_request(a_line(state="OR")), RULEBOOK).program("TANF")
    assert tanf.denial_reasons == ["NO_DEPENDENT_CHILD"]
    line = a_line(state="OR")
    line["members"][0]["pregnant"] = True
    line["incomes"] = []
    tanf = determine(parse_request(line), RULEBOOK).program("TANF")
    assert tanf.eligible and tanf.monthly_benefit_cents == 33900   # OR standard for 1


def test_oregon_resources_over_the_limit_deny_tanf() -> None:
    line = family(state="OR", wages=0, assets={"liquid_cents": 1_000_001})
    assert determine(parse_request(line), RULEBOOK).program("TANF").denial_reasons == [
        "ASSETS_OVER_LIMIT"]


def test_medicaid_income_excludes_ssi_and_child_support() -> None:
    line = a_line(incomes=[{"member_id": "p1", "kind": "ssi", "monthly_cents": 94300},
                           {"member_id": "p1", "kind": "child_support_received",
                            "monthly_cents": 50000}])
    medicaid = determine(parse_request(line), RULEBOOK).program("MEDICAID")
    assert medicaid.gross_income_cents == 0 and medicaid.members[0].eligible


def test_infant_gets_the_infant_standard() -> None:
    line = family()
    line["members"][2]["age"] = 0
    medicaid = determine(parse_request(line), RULEBOOK).program("MEDICAID")
    infant = next(m for m in medicaid.members if m.member_id == "c")
    assert infant.category == "child" and infant.eligible


def screen_of(**overrides: object):
    return screen(parse_request(a_line(**overrides)).household, RULEBOOK, date(2026, 1, 5))


def test_expedited_low_income_and_resources() -> None:
    result = screen_of(incomes=[{"member_id": "p1", "kind": "wages", "monthly_cents": 14999}],
                       assets={"liquid_cents": 10000})
    assert result.expedited and "LOW_INCOME_AND_RESOURCES" in result.criteria


def test_expedited_when_shelter_exceeds_income_and_resources() -> None:
    # 900 + 200 = 1,100 < rent 950 + IL HCSUA 546
    result = screen_of(incomes=[{"member_id": "p1", "kind": "wages", "monthly_cents": 90000}],
                       assets={"liquid_cents": 20000})
    assert result.criteria == ("SHELTER_EXCEEDS_INCOME_AND_RESOURCES",)


def test_destitute_farmworker_is_expedited_and_others_are_not() -> None:
    assert not screen_of().expedited
    assert screen_of(destitute_migrant_farmworker=True, assets={"liquid_cents": 5000}).criteria \
        == ("DESTITUTE_MIGRANT_FARMWORKER",)
