from __future__ import annotations

from datetime import date

from services.eligibility.engine.determine import determine
from services.eligibility.engine.result import Rules
from services.eligibility.engine.snap import (
    expected_contribution,
    fiscal_year_start,
    minimum_benefit,
    prorated_allotment,
)
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, a_line, family


def snap_of(line: dict):
    return determine(parse_request(line), RULEBOOK).program("SNAP")


def rules(day: date = date(2026, 1, 1)) -> Rules:
    return Rules(RULEBOOK, day)


def test_fiscal_year_starts_on_october_first() -> None:
    assert fiscal_year_start(date(2026, 1, 15)) == date(2025, 10, 1)
    assert fiscal_year_start(date(2025, 10, 1)) == date(2025, 10, 1)
    assert fiscal_year_start(date(2025, 9, 30)) == date(2024, 10, 1)


def test_thirty_percent_is_rounded_up_to_a_whole_dollar() -> None:
    assert expected_contribution(48700, rules()).cents == 14700      # 146.10 -> 147
    assert expected_contribution(50000, rules()).cents == 15000      # exactly 150
    assert expected_contribution(1, rules()).cents == 100            # 0.003 -> 1


def test_proration_rounds_down_and_skips_under_ten_dollars() -> None:
    lines = prorated_allotment(15100, date(2026, 1, 5), 31, rules())
    assert lines[0].cents == 13100                                   # 151 x 27/31 = 131.52
    small = prorated_allotment(3000, date(2026, 1, 31), 31, rules())
    assert small[0].cents == 0 and small[-1].text.startswith("No issuance")


def test_minimum_benefit_follows_the_fiscal_year_and_region() -> None:
    one_person = parse_request(a_line()).household
    assert minimum_benefit(one_person, Rules(RULEBOOK, date(2025, 3, 1))).cents == 2300  # 23.36
    assert minimum_benefit(one_person, rules()).cents == 2400                             # 23.84
    hawaii = parse_request(a_line(state="HI")).household
    assert minimum_benefit(hawaii, rules()).cents == 4000                                 # 40.48


def test_every_step_cites_a_rule_and_parameters_are_listed() -> None:
    determination = determine(parse_request(a_line()), RULEBOOK)
    snap = determination.program("SNAP")
    assert all(line.citation for line in snap.lines)
    used = {u.name: u for u in determination.parameters}
    guideline_dates = {u.effective_date for u in determination.parameters
                       if u.name == "hhs.poverty_guidelines.contiguous"}
    assert guideline_dates == {date(2025, 1, 15)}
    assert used["snap.max_allotment.contiguous"].effective_date == date(2025, 10, 1)
    assert used["snap.utility_allowances.heating_cooling"].citation.startswith("7 CFR")
    assert "hhs.poverty_guidelines.contiguous" in used


def test_fiscal_year_2025_uses_fiscal_year_2025_values() -> None:
    snap = snap_of(a_line(period="2025-03"))
    standard = next(line for line in snap.lines if line.text.startswith("Standard deduction"))
    assert standard.cents == 20400


def test_homeless_household_gets_the_homeless_shelter_deduction() -> None:
    line = a_line()
    line["expenses"] = {"homeless": True, "homeless_shelter_costs": True}
    snap = snap_of(line)
    homeless = next(ln for ln in snap.lines if ln.text == "Homeless shelter deduction")
    assert homeless.cents == 19899
    assert not any(ln.text.startswith("Shelter costs") for ln in snap.lines)


def test_shelter_cap_is_lifted_for_a_disabled_member() -> None:
    capped = snap_of(a_line())
    line = a_line()
    line["members"][0]["disabled"] = True
    uncapped = snap_of(line)
    assert uncapped.net_income_cents < capped.net_income_cents
    assert uncapped.monthly_benefit_cents > capped.monthly_benefit_cents


def test_dependent_care_and_child_support_are_deducted() -> None:
    # South Dakota deducts child support paid (7 CFR 273.9(d)(5)); Illinois excludes it.
    line = family(state="SD", wages=250000)
    line["expenses"] = {"dependent_care_cents": 30000, "child_support_paid_cents": 20000}
    texts = {ln.text: ln.cents for ln in snap_of(line).lines}
    assert texts["Dependent care deduction"] == 30000
    assert texts["Legally obligated child support paid"] == 20000


def test_a_family_of_four_with_no_benefit_is_not_eligible() -> None:
    # IL, 4 people, $4,400 unemployment: under the 165% BBCE limit ($4,421), but
    # 30% of net (4,400 - 223 = 4,177 -> 1,254) exceeds the $994 allotment.
    line = family(incomes=[{"member_id": "a", "kind": "unemployment", "monthly_cents": 440000}])
    line["expenses"] = {}
    snap = snap_of(line)
    assert not snap.eligible and snap.monthly_benefit_cents == 0
    assert snap.denial_reasons == ["NO_BENEFIT_AT_THIS_INCOME"]
    # A one-person household at a comparable net income still gets the minimum benefit.
    single = a_line(incomes=[{"member_id": "p1", "kind": "unemployment", "monthly_cents": 160000}],
                    expenses={})
    assert snap_of(single).monthly_benefit_cents == 2400


def test_hawaii_bbce_households_still_face_the_net_income_test() -> None:
    # Hawaii's state table requires the net test under BBCE: a single earner with $2,900
    # (under 200% FPG) and no shelter costs has net income above 100% of the guideline.
    line = a_line(state="HI")
    line["incomes"][0]["monthly_cents"] = 290000
    line["expenses"] = {}
    snap = snap_of(line)
    assert not snap.eligible
    assert snap.denial_reasons == ["NET_INCOME_OVER_LIMIT"]


def test_a_parameter_read_on_two_days_is_listed_with_both_effective_dates() -> None:
    # February 2026: SNAP's standards use the guideline in force on 2025-10-01 (the 2025
    # guideline); Medicaid uses the one in force on 2026-02-01 (the 2026 guideline).
    determination = determine(parse_request(a_line(period="2026-02")), RULEBOOK)
    dates = sorted(u.effective_date for u in determination.parameters
                   if u.name == "hhs.poverty_guidelines.contiguous")
    assert dates == [date(2025, 1, 15), date(2026, 1, 13)]
