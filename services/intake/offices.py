"""Which office serves a case, by its county: the optional CASEWORK_OFFICES file.

CASEWORK_OFFICES is the path of a YAML file listing the offices that serve particular
counties, each with its caseworkers (opaque ids, never names) and the number its notices
give the household:

    - id: office-020
      phone: "(312) 555-0120"
      state: IL
      counties: [Cook]
      caseworkers: [cw-0201, cw-0202]

A case goes to the office listing its State and county. Counties are matched within
their State, because names repeat across States (Illinois and Oregon both have a
Washington County), and without regard to case or spacing, because the county on an
application is typed by whoever filed it. A county no office lists goes to the default
office (CASEWORK_OFFICE_ID, CASEWORK_CASEWORKERS, CASEWORK_OFFICE_PHONE), so a
deployment without the file assigns as it always did.

Configuration that could give a case to two offices, or to an office nobody works at,
stops intake at start-up with one `ValueError` naming the setting and every fault: a
wrong assignment is only noticed once households call the wrong office.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from common.validate import MAX_ID_LENGTH, MAX_TEXT_LENGTH, USPS_STATES

SETTING = "CASEWORK_OFFICES"
FIELDS = ("id", "phone", "state", "counties", "caseworkers")


@dataclass(frozen=True)
class Office:
    """An office, the caseworkers who take its new cases, and the counties it serves."""

    id: str
    phone: str
    """Printed on every notice of its cases (7 CFR 273.13(a)(2); 42 CFR 431.210)."""
    caseworkers: tuple[str, ...]
    counties: frozenset[tuple[str, str]] = frozenset()
    """(State, county) as `county_key` makes them; the default office lists none."""


def county_key(state: str, county: str) -> tuple[str, str]:
    """A county as offices are matched on it: its State's code, and its name with case
    and runs of spaces ignored ("DuPage", " dupage " and "DUPAGE" are one county)."""
    return state.strip().upper(), " ".join(county.split()).casefold()


def load_offices(path: str) -> tuple[Office, ...]:
    """The offices the file at `path` lists, each checked on its own (`check_offices`
    then checks them against each other and the default office)."""
    try:
        document = yaml.safe_load(Path(path).read_text())
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{SETTING}: cannot read {path}: {err}") from err
    if not isinstance(document, list) or not document:
        raise ValueError(f"{SETTING}: {path} must be a YAML list of offices, each with "
                         f"{', '.join(FIELDS)}")
    faults: list[str] = []
    offices = [_office(entry, number, faults) for number, entry in enumerate(document, 1)]
    _raise_if_any(faults)
    return tuple(office for office in offices if office is not None)


def check_offices(default: Office, offices: Sequence[Office]) -> None:
    """Every office id, county and caseworker belongs to one office only, the default
    office included, so exactly one office and one team can take each case."""
    ids = [office.id for office in offices]
    faults = [f"office id {office_id} is CASEWORK_OFFICE_ID's, the default office"
              if office_id == default.id else f"office id {office_id} is listed twice"
              for office_id in sorted({i for i in ids if i == default.id or ids.count(i) > 1})]
    counties: dict[tuple[str, str], str] = {}
    caseworkers: dict[str, str] = {}
    # A caseworker repeated in CASEWORK_CASEWORKERS was always harmless (the first place
    # counts), and a deployment without the file must start as it always did.
    for caseworker in dict.fromkeys(default.caseworkers):
        caseworkers[caseworker] = f"the default office {default.id}"
    for office in offices:
        for state, county in sorted(office.counties):
            _claim(counties, (state, county), office.id, f"county {county!r} of {state}",
                   faults)
        for caseworker in office.caseworkers:
            _claim(caseworkers, caseworker, office.id, f"caseworker {caseworker}", faults)
    _raise_if_any(faults)


def _office(entry: Any, number: int, faults: list[str]) -> Office | None:
    """One entry of the file as an `Office`, or None with its faults added."""
    if not isinstance(entry, dict):
        faults.append(f"office {number}: must be a mapping with {', '.join(FIELDS)}")
        return None
    office_id = _text(entry.get("id"), MAX_ID_LENGTH)
    place = office_id or f"office {number}"
    missing = [key for key in FIELDS if key not in entry]
    unknown = sorted(str(key) for key in entry if key not in FIELDS)
    if missing:
        faults.append(f"{place}: lacks {', '.join(missing)}")
    if unknown:
        faults.append(f"{place}: has unknown keys {', '.join(unknown)}")
    if missing or unknown:
        return None
    before = len(faults)
    if office_id is None:
        faults.append(f"{place}: id must be text of at most {MAX_ID_LENGTH} characters")
    phone = _text(entry["phone"], MAX_TEXT_LENGTH)
    if phone is None:
        faults.append(f"{place}: phone must be text (quoted in YAML) of at most "
                      f"{MAX_TEXT_LENGTH} characters")
    state = entry["state"]
    if not isinstance(state, str) or state not in USPS_STATES:
        faults.append(f"{place}: state must be the two-letter USPS code of a state or DC")
    counties = _texts(entry, "counties", MAX_TEXT_LENGTH, place, faults)
    caseworkers = _texts(entry, "caseworkers", MAX_ID_LENGTH, place, faults)
    if len(faults) > before or office_id is None or phone is None:
        return None
    return Office(office_id, phone, caseworkers,
                  frozenset(county_key(state, county) for county in counties))


def _texts(entry: dict[Any, Any], key: str, max_length: int, place: str,
           faults: list[str]) -> tuple[str, ...]:
    """A non-empty list of text items, each at most `max_length` characters."""
    values = entry[key]
    if not isinstance(values, list):
        faults.append(f"{place}: {key} must be a list")
        return ()
    if not values:
        faults.append(f"{place}: has no {key}")
    items = tuple(_text(value, max_length) for value in values)
    faults.extend(f"{place}: {key}[{index}] must be text of at most {max_length} characters"
                  for index, item in enumerate(items) if item is None)
    return tuple(item for item in items if item is not None)


def _text(value: Any, max_length: int) -> str | None:
    """`value` stripped, if it is non-blank text of at most `max_length` characters."""
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > max_length:
        return None
    return value.strip()


def _claim(owners: dict[Any, str], key: Any, office: str, what: str,
           faults: list[str]) -> None:
    """Record that `office` has `key`, or the fault if it or another office already has."""
    if key not in owners:
        owners[key] = office
    elif owners[key] == office:
        faults.append(f"{what} is listed twice in {office}")
    else:
        faults.append(f"{what} is in both {owners[key]} and {office}")


def _raise_if_any(faults: list[str]) -> None:
    if faults:
        raise ValueError(f"{SETTING} is not valid: {'; '.join(faults)}")
