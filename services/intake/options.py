"""What only the intake service configures, read once in `__main__` beside `Settings`.

CASEWORK_INTAKE_PII_KEY
    Fernet keys, comma-separated: the first encrypts, every one decrypts (so a key is
    rotated by putting a new one first). Default: a key generated once into
    `$CASEWORK_VAR_DIR/intake-pii.key`, for development only.
CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS
    Business days from filing to the scheduled interview (default 5).
CASEWORK_CASEWORKERS
    Opaque ids of the caseworkers new cases are assigned to, comma-separated.
CASEWORK_OFFICE_ID
    The office those caseworkers work from.
CASEWORK_OFFICE_PHONE
    That office's telephone number, printed on every notice the household gets
    (7 CFR 273.13(a)(2); 42 CFR 431.210). Production must set it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet

from common.config import DEFAULT_VAR_DIR

DEV_KEY_FILE = "intake-pii.key"


@dataclass(frozen=True)
class IntakeOptions:
    pii_keys: tuple[str, ...]
    interview_business_days: int = 5
    caseworkers: tuple[str, ...] = ("cw-0001", "cw-0002", "cw-0003")
    """Opaque ids of the caseworkers intake assigns new cases to, in turn."""
    office_id: str = "office-001"
    office_phone: str = "555-0100 (set CASEWORK_OFFICE_PHONE)"
    """Shown on notices; the default says plainly that it is not configured."""

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] = os.environ, *, var_dir: str = DEFAULT_VAR_DIR
    ) -> IntakeOptions:
        """Production sets CASEWORK_INTAKE_PII_KEY from its secret store. Without it (a
        developer's machine) a key is generated once into `var_dir` (Settings.var_dir),
        readable by its owner only, and reused, so the data there stays readable across
        restarts."""
        keys = _listed(env.get("CASEWORK_INTAKE_PII_KEY", ""))
        if not keys:
            keys = (dev_key(Path(var_dir)),)
        days = env.get("CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS", "")
        return cls(pii_keys=keys,
                   interview_business_days=int(days) if days else cls.interview_business_days,
                   caseworkers=_listed(env.get("CASEWORK_CASEWORKERS", "")) or cls.caseworkers,
                   office_id=env.get("CASEWORK_OFFICE_ID", cls.office_id),
                   office_phone=env.get("CASEWORK_OFFICE_PHONE", cls.office_phone))


def _listed(value: str) -> tuple[str, ...]:
    """The items of a comma-separated setting, blanks dropped."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


def dev_key(var_dir: Path) -> str:
    """The development key in `var_dir`, created on first use."""
    path = var_dir / DEV_KEY_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(Fernet.generate_key().decode())
    return path.read_text().strip()
