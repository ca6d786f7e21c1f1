"""What only the intake service configures, read once in `__main__` beside `Settings`.

CASEWORK_INTAKE_PII_KEY
    Fernet keys, comma-separated: the first encrypts, every one decrypts (so a key is
    rotated by putting a new one first). Default: a key generated once into
    `$CASEWORK_VAR_DIR/intake-pii.key`, for development only.
CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS
    Business days from filing to the scheduled interview (default 5).
CASEWORK_CASEWORKERS
    Opaque ids of the default office's caseworkers, comma-separated.
CASEWORK_OFFICE_ID
    The default office: it takes every case whose county CASEWORK_OFFICES does not list
    (every case, without that setting).
CASEWORK_OFFICE_PHONE
    The default office's telephone number, printed on every notice its households get
    (7 CFR 273.13(a)(2); 42 CFR 431.210). Production must set it.
CASEWORK_OFFICES
    Optional: the path of a YAML file of the offices that serve particular counties,
    each with its caseworkers and phone (format in `services/intake/offices.py`).
CASEWORK_INTAKE_RATE_PER_SECOND, CASEWORK_INTAKE_RATE_BURST
    Calls to IntakeService each caller (token `sub`) may make a second once its burst
    is spent (default 100; 0 turns the limit off), and at once (default 500); beyond
    them a call is RESOURCE_EXHAUSTED with a retry delay (`common.ratelimit`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from common.config import DEFAULT_VAR_DIR, listed
from common.dev_keys import dev_key
from services.intake.offices import SETTING as OFFICES_SETTING
from services.intake.offices import Office, check_offices, county_key, load_offices

DEV_KEY_FILE = "intake-pii.key"


@dataclass(frozen=True)
class IntakeOptions:
    pii_keys: tuple[str, ...]
    interview_business_days: int = 5
    caseworkers: tuple[str, ...] = ("cw-0001", "cw-0002", "cw-0003")
    """Opaque ids of the default office's caseworkers, who take its new cases in turn."""
    office_id: str = "office-001"
    office_phone: str = "555-0100 (set CASEWORK_OFFICE_PHONE)"
    """Shown on notices; the default says plainly that it is not configured."""
    offices: tuple[Office, ...] = ()
    """The offices that serve named counties (CASEWORK_OFFICES); every other county is
    the default office's."""
    rate_per_second: float = 100.0
    """IntakeService calls a second per caller, after its burst; 0: no limit. Far above
    what a State's systems file, far below a runaway loop."""
    rate_burst: int = 500
    """IntakeService calls a caller may make at once (a nightly batch of applications)."""

    def __post_init__(self) -> None:
        """Refuse, at start-up, offices that share a county, an id or a caseworker."""
        check_offices(self.default_office, self.offices)

    @property
    def default_office(self) -> Office:
        """The office of every county no other office lists."""
        return Office(self.office_id, self.office_phone, self.caseworkers)

    def office_for(self, state: str, county: str) -> Office:
        """The office that takes a new case filed in `county` of `state`."""
        key = county_key(state, county)
        return next((office for office in self.offices if key in office.counties),
                    self.default_office)

    def office_of(self, caseworker_id: str) -> Office | None:
        """The office `caseworker_id` works in (None: no office lists them), which a case
        moved to them joins."""
        return next((office for office in (self.default_office, *self.offices)
                     if caseworker_id in office.caseworkers), None)

    def office_named(self, office_id: str) -> Office:
        """The office a case was assigned to, for its current phone number. An office
        since taken out of CASEWORK_OFFICES is answered for by the default office, whose
        number can still reach the case's records."""
        return next((office for office in self.offices if office.id == office_id),
                    self.default_office)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] = os.environ, *, var_dir: str = DEFAULT_VAR_DIR
    ) -> IntakeOptions:
        """Production sets CASEWORK_INTAKE_PII_KEY from its secret store. Without it (a
        developer's machine) a key is generated once into `var_dir` (Settings.var_dir),
        readable by its owner only, and reused, so the data there stays readable across
        restarts."""
        keys = listed(env.get("CASEWORK_INTAKE_PII_KEY", ""))
        if not keys:
            keys = (dev_key(Path(var_dir) / DEV_KEY_FILE,
                            lambda: Fernet.generate_key().decode()),)
        days = env.get("CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS", "")
        rate = env.get("CASEWORK_INTAKE_RATE_PER_SECOND", "")
        burst = env.get("CASEWORK_INTAKE_RATE_BURST", "")
        return cls(pii_keys=keys,
                   interview_business_days=int(days) if days else cls.interview_business_days,
                   caseworkers=listed(env.get("CASEWORK_CASEWORKERS", "")) or cls.caseworkers,
                   office_id=env.get("CASEWORK_OFFICE_ID", cls.office_id),
                   office_phone=env.get("CASEWORK_OFFICE_PHONE", cls.office_phone),
                   offices=load_offices(path) if (path := env.get(OFFICES_SETTING, "").strip())
                   else (),
                   rate_per_second=float(rate) if rate else cls.rate_per_second,
                   rate_burst=int(burst) if burst else cls.rate_burst)

