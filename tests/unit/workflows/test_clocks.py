"""The clocks, periods and agency calendar read from workflows/rules, checked against the
regulations that set them and against dates counted by hand (no Temporal)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from workflows import clocks
from workflows.clocks import ClocksError, NotInForce

ON = "2026-03-01"

# Each federal clock's figure and citation as the regulation states it.
FEDERAL = [
    # code, program, owner, days, citation
    ("SNAP_APPLICATION_PROCESSING", "snap", "agency", 30, "7 CFR 273.2(g)(1)"),
    ("SNAP_EXPEDITED_SERVICE", "snap", "agency", 7, "7 CFR 273.2(i)(3)"),
    ("MEDICAID_APPLICATION", "medicaid", "agency", 45, "42 CFR 435.912(c)(3)(ii)"),
    ("MEDICAID_DISABILITY_APPLICATION", "medicaid", "agency", 90, "42 CFR 435.912(c)(3)(i)"),
    ("VERIFICATION_DUE", "snap", "household", 10, "7 CFR 273.2(h)(1)(i)(C)"),
    ("VERIFICATION_RESUBMISSION", "snap", "household", 10, "7 CFR 273.2(h)(1)(i)(C)"),
    ("SNAP_REOPEN_WINDOW", "snap", "household", 60, "7 CFR 273.2(h)(2)"),
    ("ADVERSE_ACTION_NOTICE", "", "household", 10, "7 CFR 273.13(a)(1); 42 CFR 431.211"),
    ("CHANGE_REPORT_ACTION", "snap", "agency", 10, "7 CFR 273.12(c)"),
    ("TANF_INITIAL_ASSESSMENT", "tanf", "agency", 90, "42 USC 608(b)(1)"),
    ("TANF_PLAN_APPROVAL", "tanf", "agency", 14, "Agency standard (no federal time limit)"),
    ("FAIR_HEARING_REQUEST", "", "household", 90, "7 CFR 273.15(g); 42 CFR 431.221(d)"),
    ("SNAP_HEARING_DECISION", "snap", "agency", 60, "7 CFR 273.15(c)(1)"),
    ("MEDICAID_HEARING_DECISION", "medicaid", "agency", 90, "42 CFR 431.244(f)(1)"),
    ("SNAP_HEARING_DECISION_ACTION", "snap", "agency", 10, "7 CFR 273.15(s)"),
    ("MEDICAID_HEARING_DECISION_ACTION", "medicaid", "agency", 90,
     "42 CFR 431.244(f)(1); 42 CFR 431.246"),
    ("MEDICAID_RENEWAL_FORM_RETURN", "medicaid", "household", 30, "42 CFR 435.916(a)(3)(i)(B)"),
    ("MEDICAID_RECONSIDERATION", "medicaid", "household", 90, "42 CFR 435.916(a)(3)(iii)"),
]


UNTIL_PERIOD_END = [
    # code, program, days after the period's end, citation
    ("SNAP_RECERTIFICATION_PROCESSING", "snap", 1, "7 CFR 273.14(d)(1)"),
    ("MEDICAID_RENEWAL_PROCESSING", "medicaid", 0, "42 CFR 435.916(a); 435.930(b)"),
]
"""The agency's renewal clocks: due by the end of the period renewed (a SNAP household's
next benefits in the month after it), however early the household filed."""


@pytest.mark.parametrize(("code", "program", "days_after", "citation"), UNTIL_PERIOD_END)
def test_a_renewal_clock_runs_to_the_end_of_the_period_it_renews(
        code: str, program: str, days_after: int, citation: str) -> None:
    rule = clocks.clock_rule(code, "IL", ON)
    assert (rule.program, rule.owner, rule.until, rule.citation) == (
        program, "agency", "period_end", citation)
    for filed in ("2026-10-20", "2026-11-15"):  # early, or on the last day to file
        assert clocks.due_date(rule, filed, "IL", "2026-11-30") == (
            date(2026, 11, 30) + timedelta(days=days_after)).isoformat()
    with pytest.raises(ValueError, match="period_end"):
        clocks.due_date(rule, "2026-11-15", "IL")


@pytest.mark.parametrize(("code", "program", "owner", "days", "citation"), FEDERAL)
@pytest.mark.parametrize("state", ["", "IL", "OR"])
def test_each_clock_has_the_figure_and_citation_of_its_regulation(
        code: str, program: str, owner: str, days: int, citation: str, state: str) -> None:
    rule = clocks.clock_rule(code, state, ON)
    assert (rule.program, rule.owner, rule.days, rule.citation) == (program, owner, days, citation)
    assert not rule.business_days and rule.state == "" and rule.day_of_month == 0


def test_every_federal_clock_is_checked_above() -> None:
    state_set = {"TANF_APPLICATION", "TANF_HEARING_DECISION", "TANF_HEARING_DECISION_ACTION"}
    assert set(clocks.state_clock_codes("", ON)) == {row[0] for row in FEDERAL} | {
        "SNAP_RECERTIFICATION_FILING"} | {code for code, *_ in UNTIL_PERIOD_END}
    assert set(clocks.state_clock_codes("IL", ON)) - set(clocks.state_clock_codes("", ON)) == (
        state_set)


def test_only_the_application_and_snap_hearing_clocks_pause() -> None:
    """435.912(e): the applicant's delay; 273.2(h)(1)(i): a delay the household caused;
    273.15(c): a household's postponement."""
    pausing = {code for code in clocks.state_clock_codes("", ON)
               if clocks.clock_rule(code, "", ON).pauses}
    assert pausing == {"MEDICAID_APPLICATION", "MEDICAID_DISABILITY_APPLICATION",
                       "SNAP_APPLICATION_PROCESSING", "SNAP_HEARING_DECISION"}


@pytest.mark.parametrize(("code", "start", "due"), [
    # Day 1 is the day after the start: 30 days from 5 January is 4 February.
    ("SNAP_APPLICATION_PROCESSING", "2026-01-05", "2026-02-04"),
    ("SNAP_EXPEDITED_SERVICE", "2026-01-05", "2026-01-12"),
    ("MEDICAID_APPLICATION", "2026-01-05", "2026-02-19"),
    ("VERIFICATION_DUE", "2026-02-25", "2026-03-07"),      # across a short February
    ("ADVERSE_ACTION_NOTICE", "2026-12-28", "2027-01-07"),  # across the year
    # A calendar due date on a weekend or holiday stays where it falls.
    ("VERIFICATION_DUE", "2026-06-24", "2026-07-04"),      # a Saturday, and Independence Day
    ("CHANGE_REPORT_ACTION", "2026-11-16", "2026-11-26"),  # Thanksgiving
])
def test_a_calendar_clock_is_due_its_days_after_it_starts(code: str, start: str, due: str) -> None:
    assert clocks.due_date(clocks.clock_rule(code, "IL", start), start, "IL") == due


def test_the_recertification_filing_deadline_is_the_15th_of_the_last_month() -> None:
    """7 CFR 273.14(c): started on the certification period's last day."""
    rule = clocks.clock_rule("SNAP_RECERTIFICATION_FILING", "OR", ON)
    assert (rule.days, rule.day_of_month, rule.owner) == (0, 15, "household")
    assert clocks.due_date(rule, "2026-06-30", "OR") == "2026-06-15"
    assert clocks.due_date(rule, "2027-02-28", "OR") == "2027-02-15"


def test_the_warning_date_counts_back_as_the_clock_counts() -> None:
    snap = clocks.clock_rule("SNAP_APPLICATION_PROCESSING", "IL", ON)
    assert clocks.warning_date(snap, "2026-02-04", "IL") == "2026-01-30"
    assert clocks.warning_date(clocks.clock_rule("VERIFICATION_DUE", "IL", ON),
                               "2026-03-07", "IL") == ""
    business = replace(snap, business_days=True, warning_days=2)
    # Two business days before Monday 30 November in Illinois: Friday 27 (day after
    # Thanksgiving) and Thursday 26 (Thanksgiving) are closed, so Tuesday 24.
    assert clocks.warning_date(business, "2026-11-30", "IL") == "2026-11-24"


def test_a_business_day_clock_skips_weekends_and_the_states_holidays() -> None:
    rule = replace(clocks.clock_rule("CHANGE_REPORT_ACTION", "IL", ON), business_days=True,
                   days=5)
    # From Friday 20 November: 23, 24, 25, then Thanksgiving (26) and, in Illinois, the day
    # after (27) are skipped, and the weekend: 30 November, 1 December.
    assert clocks.due_date(rule, "2026-11-20", "IL") == "2026-12-01"
    assert clocks.due_date(rule, "2026-11-20", "") == "2026-11-30"


@pytest.mark.parametrize(("day", "days", "state", "expected"), [
    ("2026-07-02", 1, "", "2026-07-06"),    # 4 July is a Saturday: observed Friday 3 July
    ("2026-07-06", -1, "", "2026-07-02"),
    ("2026-11-25", 1, "", "2026-11-27"),    # over Thanksgiving
    ("2026-11-25", 1, "IL", "2026-11-30"),  # and the Illinois day after
    ("2026-02-11", 1, "IL", "2026-02-13"),  # Lincoln's Birthday
    ("2026-02-11", 1, "OR", "2026-02-12"),
    ("2026-10-09", 1, "IL", "2026-10-13"),  # Columbus Day
    ("2026-10-09", 1, "OR", "2026-10-12"),  # not an Oregon holiday
    ("2026-01-03", 0, "", "2026-01-03"),    # no days: the day itself, weekend or not
])
def test_adding_business_days(day: str, days: int, state: str, expected: str) -> None:
    assert clocks.add_business_days(day, days, state) == expected


@pytest.mark.parametrize(("effective", "state", "expected"), [
    ("2026-03-18", "IL", "2026-03-18"),  # the period ends Tuesday: no grace
    ("2026-03-15", "IL", "2026-03-17"),  # ends Saturday: Monday is timely, Tuesday it acts
    ("2026-03-16", "IL", "2026-03-17"),  # ends Sunday: the same Monday
    ("2026-10-13", "IL", "2026-10-14"),  # ends on Columbus Day, an Illinois holiday
    ("2026-10-13", "OR", "2026-10-13"),  # not Oregon's
    ("2026-11-27", "IL", "2026-12-01"),  # ends Thanksgiving: Friday (IL) and the weekend too
])
def test_an_action_waits_out_the_grace_day_after_a_period_ending_on_a_closed_day(
        effective: str, state: str, expected: str) -> None:
    # 7 CFR 273.13(a)(1): a request the business day after is still timely.
    assert clocks.action_date_after_notice(effective, state) == expected


def test_adding_business_days_lands_on_one_and_counts_each() -> None:
    start = date(2026, 1, 1)
    for offset in range(0, 365, 7):
        day = (start + timedelta(days=offset)).isoformat()
        for days in (1, 10, 30):
            end = clocks.add_business_days(day, days, "IL")
            assert clocks.is_business_day(end, "IL")
            between = [date.fromisoformat(day) + timedelta(days=n)
                       for n in range(1, (date.fromisoformat(end) - date.fromisoformat(day)).days
                                      + 1)]
            assert sum(clocks.is_business_day(d.isoformat(), "IL") for d in between) == days


def test_the_federal_calendar_for_2026() -> None:
    assert clocks.agency_holidays(2026, "") == [
        "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
        "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"]


def test_a_saturday_new_years_day_closes_the_last_day_of_the_year_before() -> None:
    assert "2021-12-31" in clocks.agency_holidays(2021, "")
    assert not any(day.endswith("-01-01") for day in clocks.agency_holidays(2022, ""))


def test_juneteenth_is_a_holiday_from_2021() -> None:
    """P.L. 117-17 (2021-06-17); 19 June 2021 was a Saturday, observed Friday 18 June."""
    assert not any(day.startswith("2020-06") for day in clocks.agency_holidays(2020, ""))
    assert clocks.is_business_day("2020-06-19", "")
    assert "2021-06-18" in clocks.agency_holidays(2021, "")
    assert "2022-06-20" in clocks.agency_holidays(2022, "")  # a Sunday, observed Monday


def test_martin_luther_king_day_from_1986() -> None:
    assert "1985-01-21" not in clocks.agency_holidays(1985, "")
    assert "1986-01-20" in clocks.agency_holidays(1986, "")


def test_illinois_closes_on_lincolns_birthday() -> None:
    """5 ILCS 490/60; State offices close the Friday before a Saturday 12 February."""
    assert "2026-02-12" in clocks.agency_holidays(2026, "IL")
    assert "2026-02-12" not in clocks.agency_holidays(2026, "")
    assert "2022-02-11" in clocks.agency_holidays(2022, "IL")  # a Saturday
    assert "2023-02-13" in clocks.agency_holidays(2023, "IL")  # a Sunday


def test_illinois_never_moves_juneteenth() -> None:
    """5 ILCS 490/63: on a weekend, neither the Friday before nor the Monday after."""
    assert not clocks.is_business_day("2027-06-18", "")
    assert clocks.is_business_day("2027-06-18", "IL")


def test_oregon_keeps_neither_columbus_day_nor_juneteenth_2021() -> None:
    """ORS 187.010(1) lists no Columbus Day; it has listed Juneteenth since 2022."""
    assert clocks.is_business_day("2026-10-12", "OR")
    assert clocks.is_business_day("2021-06-18", "OR")
    assert not clocks.is_business_day("2026-06-19", "OR")


def test_a_state_without_an_overlay_keeps_the_federal_calendar() -> None:
    assert clocks.agency_holidays(2026, "WY") == clocks.agency_holidays(2026, "")


def test_a_clock_takes_the_version_in_force_on_the_day() -> None:
    """The 2012 rule moved the 45-day standard from 435.911 to 435.912, from 2014."""
    before = clocks.clock_rule("MEDICAID_APPLICATION", "IL", "2013-12-31")
    after = clocks.clock_rule("MEDICAID_APPLICATION", "IL", "2014-01-01")
    assert (before.days, before.citation, before.effective) == (
        45, "42 CFR 435.911(a)(2)", "2008-10-01")
    assert (after.days, after.citation, after.effective) == (
        45, "42 CFR 435.912(c)(3)(ii)", "2014-01-01")


def test_no_clock_before_its_first_version() -> None:
    with pytest.raises(NotInForce, match=r"MEDICAID_RENEWAL_FORM_RETURN.*2013-12-31.*2014-01-01"):
        clocks.clock_rule("MEDICAID_RENEWAL_FORM_RETURN", "OR", "2013-12-31")


def test_expansion_adults_renew_every_six_months_from_the_end_of_2026() -> None:
    """P.L. 119-21 sec. 71107: renewals scheduled on or after 31 December 2026."""
    assert clocks.period_months("MEDICAID_RENEWAL_EXPANSION_ADULT", "IL", "2026-12-30") == 12
    rule = clocks.period_rule("MEDICAID_RENEWAL_EXPANSION_ADULT", "IL", "2027-01-01")
    assert (rule.months, rule.citation, rule.effective) == (
        6, "Public Law 119-21, sec. 71107", "2026-12-31")
    assert clocks.period_months("MEDICAID_RENEWAL", "IL", "2027-01-01") == 12


@pytest.mark.parametrize(("name", "months", "citation"), [
    ("SNAP_CERTIFICATION", 12, "7 USC 2012(f); 7 CFR 273.10(f)"),
    ("SNAP_CERTIFICATION_ELDERLY_DISABLED", 24, "7 USC 2012(f); 7 CFR 273.10(f)"),
    ("MEDICAID_RENEWAL", 12, "42 CFR 435.916(a)"),
    ("MEDICAID_RENEWAL_EXPANSION_ADULT", 12, "42 CFR 435.916(a)"),
    ("TANF_TIME_LIMIT", 60, "42 USC 608(a)(7); 45 CFR 264.1"),
])
def test_each_period_has_the_figure_and_citation_of_its_rule(
        name: str, months: int, citation: str) -> None:
    rule = clocks.period_rule(name, "", ON)
    assert (rule.months, rule.citation, rule.state) == (months, citation, "")


def test_a_state_overlay_names_itself_and_cites_its_rule() -> None:
    rule = clocks.period_rule("TANF_TIME_LIMIT", "il", ON)
    assert (rule.months, rule.state) == (60, "IL")
    assert rule.citation == "42 USC 608(a)(7); 45 CFR 264.1; 89 Ill. Adm. Code 112.1"
    assert clocks.period_rule("TANF_TIME_LIMIT", "OR", "2003-06-30").state == ""


@pytest.mark.parametrize(("state", "citation", "effective"), [
    ("IL", "IDHS Cash, SNAP and Medical Manual PM 17-01-01", "1997-07-01"),
    ("OR", "OAR 461-115-0190", "2014-10-01"),
])
def test_tanf_processing_is_set_by_the_state(state: str, citation: str, effective: str) -> None:
    rule = clocks.clock_rule("TANF_APPLICATION", state, ON)
    assert (rule.program, rule.owner, rule.days, rule.citation, rule.effective, rule.state) == (
        "tanf", "agency", 45, citation, effective, state)
    assert clocks.due_date(rule, "2026-01-05", state) == "2026-02-19"
    assert "TANF_APPLICATION" in clocks.state_clock_codes(state, ON)


def test_illinois_and_oregon_set_tanf_hearing_times() -> None:
    decide = clocks.clock_rule("TANF_HEARING_DECISION", "IL", ON)
    act = clocks.clock_rule("TANF_HEARING_DECISION_ACTION", "IL", ON)
    assert (decide.days, decide.citation) == (60, "89 Ill. Adm. Code 104.70(b)")
    assert (act.days, act.citation) == (90, "89 Ill. Adm. Code 104.70(d)")
    oregon = clocks.clock_rule("TANF_HEARING_DECISION", "OR", ON)
    assert (oregon.days, oregon.citation) == (90, "OAR 461-025-0375(1)(a)")
    assert "TANF_HEARING_DECISION_ACTION" not in clocks.state_clock_codes("OR", ON)
    assert "TANF_HEARING_DECISION" not in clocks.state_clock_codes("CA", ON)


@pytest.mark.parametrize("state", ["", "CA"])
def test_a_state_that_sets_no_tanf_processing_time_has_no_such_clock(state: str) -> None:
    message = rf"TANF_APPLICATION .*{state} on {ON}: federal law sets no figure"
    with pytest.raises(LookupError, match=message):
        clocks.clock_rule("TANF_APPLICATION", state, ON)
    assert "TANF_APPLICATION" not in clocks.state_clock_codes(state, ON)


def test_an_unknown_clock_is_named() -> None:
    with pytest.raises(NotInForce, match="no clock named SNAP_TYPO"):
        clocks.clock_rule("SNAP_TYPO", "IL", ON)


def test_a_date_that_is_not_iso_is_refused() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        clocks.clock_rule("SNAP_APPLICATION_PROCESSING", "IL", "03/01/2026")


# Loading from a directory: a copy of the shipped rules, changed one file at a time.


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(clocks.RULES_DIR, tmp_path / "rules"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_the_shipped_rules_load_from_a_copy(rules_dir: Path) -> None:
    rules = clocks.load(rules_dir)
    assert rules.clock_rule("TANF_APPLICATION", "IL", ON) == clocks.clock_rule(
        "TANF_APPLICATION", "IL", ON)


def test_a_state_may_override_any_field_from_a_date(rules_dir: Path) -> None:
    (rules_dir / "states" / "XX.yaml").write_text(
        "state: XX\n"
        "clocks:\n"
        "  VERIFICATION_DUE:\n"
        "    values:\n"
        "      2025-07-01:\n"
        "        counting: business\n"
        "        citation: XX Admin. Code 1.2\n"
        "        source: XX Register, 2025\n")
    rules = clocks.load(rules_dir)
    before = rules.clock_rule("VERIFICATION_DUE", "XX", "2025-06-30")
    after = rules.clock_rule("VERIFICATION_DUE", "XX", "2025-07-01")
    assert (before.business_days, before.state, before.citation) == (
        False, "", "7 CFR 273.2(h)(1)(i)(C)")
    assert (after.business_days, after.days, after.state, after.effective, after.citation) == (
        True, 10, "XX", "2025-07-01", "7 CFR 273.2(h)(1)(i)(C); XX Admin. Code 1.2")
    assert rules.due_date(after, "2026-06-26", "XX") == "2026-07-13"  # 3 July observed


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("clocks.yaml", "        days: 30\n        counting: calendar\n        warning_days: 5\n",
     "        days: thirty\n        counting: calendar\n        warning_days: 5\n",
     r"clocks\.SNAP_APPLICATION_PROCESSING\.values\.2008-10-01\.days: must be a whole number"),
    ("clocks.yaml", "        warning_days: 5\n", "        warnig_days: 5\n",
     r"SNAP_APPLICATION_PROCESSING\.values\.2008-10-01: unknown field warnig_days"),
    ("clocks.yaml", "    owner: agency\n    description: Eligibility decided",
     "    owner: caseworker\n    description: Eligibility decided",
     r"clocks\.SNAP_APPLICATION_PROCESSING\.owner: must be one of"),
    ("clocks.yaml", "      2008-10-01:\n        days: 30\n",
     "      '2008-10-01':\n        days: 30\n", r"'2008-10-01' is not a YYYY-MM-DD date"),
    ("clocks.yaml", "      2008-10-01:\n        days: 30\n",
     "      2008-13-01:\n        days: 30\n", r"clocks\.yaml: not valid YAML \(month must"),
    ("clocks.yaml", "        days: 7\n", "        day_of_month: 7\n        days: 7\n",
     r"clocks\.SNAP_EXPEDITED_SERVICE: needs exactly one of days, day_of_month and until"),
    ("clocks.yaml", "        warning_days: 2\n", "        warning_days: 7\n",
     r"clocks\.SNAP_EXPEDITED_SERVICE: warning_days must be fewer than days"),
    ("clocks.yaml", "        months: 24\n        source: 7 USC 2012(f)\n",
     "        months: 24\n", r"periods\.SNAP_CERTIFICATION_ELDERLY_DISABLED: missing source"),
    ("clocks.yaml", "clocks:\n", "clocks: [\n", r"clocks\.yaml: not valid YAML"),
    ("holidays.yaml", "    nth: 3\n    from: 1986-01-20", "    nth: 6\n    from: 1986-01-20",
     r"holidays\.yaml: holidays\.MLK_DAY\.nth: must be 1, 2, 3, 4, or -1"),
    ("holidays.yaml", "    day: 25\n", "    day: 25\n    nth: 4\n",
     r"holidays\.yaml: holidays\.CHRISTMAS_DAY: needs name, month, from, citation"),
    ("states/IL.yaml", "state: IL\n", "state: OR\n", r"IL\.yaml: state: must be 'IL'"),
    ("states/IL.yaml", "        citation: IDHS Cash, SNAP and Medical Manual PM 17-01-01\n", "",
     r"IL\.yaml: clocks\.TANF_APPLICATION\.values\.1997-07-01: missing citation"),
    ("states/IL.yaml", "        days: 45\n", "",
     r"IL\.yaml: clocks\.TANF_APPLICATION: needs exactly one of days, day_of_month and until"),
    ("states/OR.yaml", "  COLUMBUS_DAY:\n", "  PULASKI_DAY:\n",
     r"OR\.yaml: holidays\.PULASKI_DAY: omits a holiday the federal calendar lacks"),
])
def test_a_malformed_file_fails_to_load_naming_file_and_field(
        rules_dir: Path, file: str, old: str, new: str, message: str) -> None:
    edit(rules_dir / file, old, new)
    with pytest.raises(ClocksError, match=message):
        clocks.load(rules_dir)


def test_a_missing_file_fails_to_load(tmp_path: Path) -> None:
    with pytest.raises(ClocksError, match=r"clocks\.yaml: cannot be read"):
        clocks.load(tmp_path)
