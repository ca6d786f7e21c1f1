"""CASEWORK_OFFICES, read as intake starts: a county's office, and every fault in the file
refused with an error that names the setting and the fault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from services.intake.options import IntakeOptions
from tests.unit.services_fixtures import ROOT


def an_office(office_id: str = "office-020", *, state: str = "IL",
              counties: str = "[Cook]", caseworkers: str = "[cw-0201]",
              phone: str = '"(312) 555-0120"') -> str:
    """One office entry of the YAML list, as an agency would write it."""
    return (f"- id: {office_id}\n  phone: {phone}\n  state: {state}\n"
            f"  counties: {counties}\n  caseworkers: {caseworkers}\n")


def options_with(tmp_path: Path, offices: str | None) -> IntakeOptions:
    """Intake's options with `offices` as the CASEWORK_OFFICES file (None: no setting)."""
    env = {"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
           "CASEWORK_CASEWORKERS": "cw-0101,cw-0102", "CASEWORK_OFFICE_ID": "office-017"}
    if offices is not None:
        path = tmp_path / "offices.yaml"
        path.write_text(offices)
        env["CASEWORK_OFFICES"] = str(path)
    return IntakeOptions.from_env(env)


def test_without_the_setting_every_county_is_the_default_offices(tmp_path: Path) -> None:
    options = options_with(tmp_path, None)
    assert options.offices == ()
    office = options.office_for("IL", "Cook")
    assert (office.id, office.caseworkers) == ("office-017", ("cw-0101", "cw-0102"))


def test_a_county_is_matched_in_its_state_in_any_case_and_spacing(tmp_path: Path) -> None:
    options = options_with(tmp_path, an_office(counties="[Cook, Du Page]")
                           + an_office("office-090", state="OR", counties="[Cook]",
                                       caseworkers="[cw-0901]", phone='"(503) 555-0190"'))
    assert [options.office_for(state, county).id for state, county in [
        ("IL", " COOK "), ("IL", "du  page"), ("OR", "cook"), ("IL", "Sangamon")]] == [
        "office-020", "office-020", "office-090", "office-017"]
    assert options.office_named("office-090").phone == "(503) 555-0190"
    assert options.office_named("office-gone").id == "office-017"


def test_a_repeated_default_caseworker_still_starts_as_it_always_did(tmp_path: Path) -> None:
    options = IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                      "CASEWORK_CASEWORKERS": "cw-0101,cw-0101"})
    assert options.caseworkers == ("cw-0101", "cw-0101")


@pytest.mark.parametrize(("offices", "fault"), [
    ("", "must be a YAML list of offices"),
    ("office-020: [Cook]\n", "must be a YAML list of offices"),
    ("- [Cook]\n", "office 1: must be a mapping with id, phone, state, counties, caseworkers"),
    ("- {id: office-020, state: IL, counties: [Cook], caseworkers: [cw-1], fax: x}\n",
     "office-020: lacks phone; office-020: has unknown keys fax"),
    (an_office(caseworkers="[]"), "office-020: has no caseworkers"),
    (an_office(counties="[]"), "office-020: has no counties"),
    (an_office(caseworkers="cw-0201"), "office-020: caseworkers must be a list"),
    (an_office(counties="[Cook, '']"), "office-020: counties[1] must be text"),
    (an_office(state="Illinois"), "office-020: state must be the two-letter USPS code"),
    (an_office(phone="3125550120"), "office-020: phone must be text (quoted in YAML)"),
    (an_office(office_id="''"), "office 1: id must be text"),
    (an_office() + an_office("office-031", counties="[COOK]", caseworkers="[cw-0301]"),
     "county 'cook' of IL is in both office-020 and office-031"),
    (an_office() + an_office("office-031", counties="[Kane]"),
     "caseworker cw-0201 is in both office-020 and office-031"),
    (an_office(caseworkers="[cw-0201, cw-0201]"),
     "caseworker cw-0201 is listed twice in office-020"),
    (an_office(caseworkers="[cw-0102]"),
     "caseworker cw-0102 is in both the default office office-017 and office-020"),
    (an_office() + an_office(counties="[Kane]", caseworkers="[cw-0202]"),
     "office id office-020 is listed twice"),
    (an_office("office-017"), "office id office-017 is CASEWORK_OFFICE_ID's, the default office"),
])
def test_each_fault_in_the_offices_is_refused_by_name(
    tmp_path: Path, offices: str, fault: str
) -> None:
    with pytest.raises(ValueError) as refused:
        options_with(tmp_path, offices)
    assert str(refused.value).startswith("CASEWORK_OFFICES")
    assert fault in str(refused.value)


def test_an_unreadable_offices_file_is_refused_naming_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ValueError) as refused:
        IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                "CASEWORK_OFFICES": str(missing)})
    assert str(refused.value).startswith(f"CASEWORK_OFFICES: cannot read {missing}")


def test_the_intake_process_will_not_start_on_bad_offices(tmp_path: Path) -> None:
    offices = tmp_path / "offices.yaml"
    offices.write_text(an_office(caseworkers="[]"))
    env = {**os.environ, "CASEWORK_VAR_DIR": str(tmp_path), "CASEWORK_OFFICES": str(offices),
           "CASEWORK_INTAKE_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/intake.db",
           "CASEWORK_INTAKE_LISTEN": "127.0.0.1:0"}
    started = subprocess.run([sys.executable, "-m", "services.intake"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert started.returncode != 0
    assert "CASEWORK_OFFICES is not valid: office-020: has no caseworkers" in started.stderr
    assert "listening" not in started.stdout
