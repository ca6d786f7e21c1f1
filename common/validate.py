"""Checks every service makes on request fields, in one place so they agree.

`Violations` collects every bad field of a request before anything is written, so a
client learns all its mistakes from one reply. Problems name the field and what is
expected, never the value sent: values may be names, birth dates or other PII.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from common.errors import InvalidField

if TYPE_CHECKING:  # only a type here: workflow code imports this module, not protobuf
    from google.protobuf.message import Message

# --- the one table of field limits ----------------------------------------------------

CASE_ID = re.compile(r"[0-9a-f]{32}")
"""Case ids are uuid4 hex, minted by intake: opaque, so neither a workflow id nor a log
line carries PII."""

MAX_ID_LENGTH = 64
"""Opaque ids: member, caseworker, supervisor, verifier, resource, payee, record."""

MAX_KEY_LENGTH = 128
"""Idempotency keys, chosen by the workflow: room for `<case id>:<step>-<update id>:<what>`
and for payments' `<case id>:<program>:<period>:<kind>`."""

MAX_TEXT_LENGTH = 200
"""Free text that is not a note: a name, a source, a goal, a supervisor's reason."""

MAX_CODE_LENGTH = 64
"""Codes the system names things by: a regulatory clock's, e.g. SNAP_APPLICATION_PROCESSING."""

CODE = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")
"""Upper snake case: an ASCII capital first, then capitals and digits in words joined by
single underscores."""

ZIP = re.compile(r"([0-9]{5})(-[0-9]{4})?")
"""A ZIP or ZIP+4 code; only the five-digit ZIP is kept. `[0-9]`, not `\\d`, which also
matches digits of other scripts."""

USPS_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
    "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
"""Two-letter USPS codes of the 50 states and the District of Columbia."""

SSN = re.compile(
    r"(?P<area>[0-9]{3})(?P<dash>-?)(?P<group>[0-9]{2})(?P=dash)(?P<serial>[0-9]{4})")
"""A Social Security number as 123456789 or 123-45-6789 (both dashes or neither)."""

NEVER_ISSUED_AREAS = frozenset({"000", "666", *(str(area) for area in range(900, 1000))})
"""Areas SSA never assigns, with group 00 and serial 0000: "Randomization will also
introduce previously unassigned area numbers for assignment excluding area numbers 000,
666 and 900-999", and "SSN randomization will not assign group number 00 or serial
number 0000" (SSA, Social Security Number Randomization, FAQ,
https://www.ssa.gov/employer/randomization.html)."""

NANP_PHONE = re.compile(r"(?:\+?1)?([2-9][0-9]{2}[2-9][0-9]{6})")
"""A North American Numbering Plan number once punctuation is removed: an optional
country code 1, then a 3-digit area code and a 3-digit exchange, each starting with a
digit from 2 to 9, and a 4-digit line number."""

PHONE_PUNCTUATION = str.maketrans("", "", " -.()")
"""What people write between a number's digits, dropped before it is matched."""

EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
"""A sanity check only: one @, something before it, a dotted domain after, no spaces.
Whether the address reaches anyone is for a message sent to it to say."""

MAX_EMAIL_LENGTH = 254
"""RFC 5321's 256-octet path less its angle brackets."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")

Choice = TypeVar("Choice")


def parse_date(text: str) -> date | None:
    """The date a strict YYYY-MM-DD string names, or None (Python alone also accepts
    forms such as 20260105 that the contracts do not)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None



def parse_month(text: str) -> date | None:
    """The first day of the benefit month a strict YYYY-MM string names, or None (year
    0000 too: there is no such date)."""
    match = _MONTH.fullmatch(text)
    if match is None or match[1] == "0000":
        return None
    return date(int(match[1]), int(match[2]), 1)

class Violations:
    """The bad fields of one request, raised together as one `InvalidField`."""

    def __init__(self) -> None:
        self._found: list[tuple[str, str]] = []

    def add(self, field: str, problem: str) -> None:
        self._found.append((field, problem))

    def require(self, ok: bool, field: str, problem: str) -> bool:
        """Record `problem` unless `ok`; returns `ok` so callers can skip dependent checks."""
        if not ok:
            self.add(field, problem)
        return ok

    def text(self, value: str, field: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
        """A required free-text field: not blank, and bounded so a row stays small."""
        value = value.strip()
        if self.require(bool(value), field, "is required"):
            self.require(len(value) <= max_length, field,
                         f"must be at most {max_length} characters")
        return value

    def identifier(self, value: str, field: str) -> str:
        """A required opaque id (a member, caseworker, resource ...)."""
        return self.text(value, field, max_length=MAX_ID_LENGTH)

    def key(self, value: str, field: str) -> str:
        """A required idempotency key."""
        return self.text(value, field, max_length=MAX_KEY_LENGTH)

    def code(self, value: str, field: str) -> str:
        """A required code in upper snake case (a clock's code), bounded. Whether it names
        a code in use is for whoever keeps those codes to say."""
        if not value:
            self.add(field, "is required")
        elif len(value) > MAX_CODE_LENGTH:
            self.add(field, f"must be at most {MAX_CODE_LENGTH} characters")
        else:
            self.require(bool(CODE.fullmatch(value)), field,
                         "must be a code in upper snake case, e.g. SNAP_APPLICATION_PROCESSING")
        return value

    def case_id(self, value: str, field: str = "case_id") -> str:
        """A required case id, as intake mints them."""
        self.require(bool(CASE_ID.fullmatch(value)), field,
                     "must be a case id (32 lower-case hex digits)" if value else "is required")
        return value

    def state(self, value: str, field: str) -> str:
        """A required two-letter USPS code of a state or DC."""
        self.require(value in USPS_STATES, field,
                     "must be the two-letter USPS code of a state or DC")
        return value

    def zip(self, value: str, field: str) -> str:
        """A required ZIP or ZIP+4 code; returns the five-digit ZIP."""
        match = ZIP.fullmatch(value)
        self.require(match is not None, field, "must be a ZIP code (5 digits, or ZIP+4)")
        return match.group(1) if match else value

    def month(self, value: str, field: str) -> date | None:
        """A required benefit month as YYYY-MM; its first day, or None if it is not."""
        first = parse_month(value)
        if first is None:
            self.add(field, "must be a benefit month as YYYY-MM" if value else "is required")
        return first

    def date(
        self, value: str, field: str, *, not_after: date | None = None,
        not_before: date | None = None,
    ) -> date | None:
        """A required YYYY-MM-DD date within the given bounds, or None if it is not."""
        parsed = parse_date(value)
        if parsed is None:
            self.add(field, "must be a date as YYYY-MM-DD" if value else "is required")
            return None
        if not_after is not None and parsed > not_after:
            self.add(field, "must not be in the future")
            return None
        if not_before is not None and parsed < not_before:
            self.add(field, f"must not be before {not_before.isoformat()}")
            return None
        return parsed

    def ssn(self, value: str, field: str) -> str:
        """A required Social Security number SSA could have issued; returns its nine
        digits. The problem never says which part is wrong (that would echo part of it)."""
        match = SSN.fullmatch(value)
        if match is None:
            self.add(field, "must be a Social Security number as 123456789 or 123-45-6789"
                     if value else "is required")
            return value
        area, group, serial = match["area"], match["group"], match["serial"]
        self.require(area not in NEVER_ISSUED_AREAS and group != "00" and serial != "0000",
                     field, "is not a number SSA issues (it never issues area 000, 666 or "
                     "900-999, group 00 or serial 0000)")
        return area + group + serial

    def phone(self, value: str, field: str) -> str:
        """A required North American phone number; returns its ten digits."""
        match = NANP_PHONE.fullmatch(value.translate(PHONE_PUNCTUATION))
        self.require(match is not None, field,
                     "must be a 10-digit North American phone number, e.g. (312) 555-0142"
                     if value.strip() else "is required")
        return match.group(1) if match else value

    def email(self, value: str, field: str) -> str:
        """A required email address that looks like one (surrounding spaces dropped)."""
        value = value.strip()
        if self.require(bool(value), field, "is required"):
            self.require(len(value) <= MAX_EMAIL_LENGTH and bool(EMAIL.fullmatch(value)),
                         field, f"must be an email address such as name@example.org, at "
                         f"most {MAX_EMAIL_LENGTH} characters")
        return value

    def cents(self, value: int, field: str) -> int:
        """An amount of money that cannot be negative."""
        self.require(value >= 0, field, "must not be negative")
        return value

    def choice(self, value: int, choices: Mapping[int, Choice], field: str) -> Choice | None:
        """A protobuf enum value that must be set (not *_UNSPECIFIED) and known."""
        if value == 0:
            self.add(field, "is required")
            return None
        if value not in choices:
            self.add(field, "is not a known value")
            return None
        return choices[value]

    def raise_if_any(self) -> None:
        if self._found:
            raise InvalidField.of(self._found)


def nul_fields(message: Message, prefix: str = "") -> list[str]:
    """The paths (as `Violations` spells them, `application.people[1].given_name`) of the
    string fields, at any depth, that hold U+0000."""
    found: list[str] = []
    for field, value in message.ListFields():
        at = f"{prefix}{field.name}"
        values = list(value) if field.is_repeated else [value]
        for index, one in enumerate(values):
            place = f"{at}[{index}]" if field.is_repeated else at
            if field.type == field.TYPE_MESSAGE:
                found.extend(nul_fields(one, f"{place}."))
            elif field.type == field.TYPE_STRING and "\x00" in one:
                found.append(place)
    return found


def refuse_nul(message: Message) -> None:
    """Refuse a request with U+0000 in any string field, whatever the message: no field
    of any contract is binary, and PostgreSQL's text cannot hold it (the driver refuses
    the parameter), so such a request failed INTERNAL on PostgreSQL where SQLite stored
    it. Checked once for every request, at the edge (`common.status.rpc_errors`).

    Raises:
        InvalidField: naming every such field.
    """
    bad = Violations()
    for path in nul_fields(message):
        bad.add(path, "must not contain the NUL character")
    bad.raise_if_any()


def require_case_id(case_id: str) -> str:
    """The case id of a request that carries nothing else worth checking (a listing).

    Raises:
        InvalidField: when it is blank or not a case id.
    """
    bad = Violations()
    bad.case_id(case_id)
    bad.raise_if_any()
    return case_id
