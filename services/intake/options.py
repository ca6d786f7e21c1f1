"""What only the intake service configures, read once in `__main__` beside `Settings`.

CASEWORK_INTAKE_PII_KEY
    Fernet keys, comma-separated: the first encrypts, every one decrypts (so a key is
    rotated by putting a new one first). Default: a key generated once into
    `$CASEWORK_VAR_DIR/intake-pii.key`, for development only.
CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS
    Business days from filing to the scheduled interview (default 5).
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

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> IntakeOptions:
        """Production sets CASEWORK_INTAKE_PII_KEY from its secret store. Without it (a
        developer's machine) a key is generated once into the var folder, readable by its
        owner only, and reused, so the data under var/ stays readable across restarts."""
        keys = tuple(k.strip() for k in env.get("CASEWORK_INTAKE_PII_KEY", "").split(",")
                     if k.strip())
        if not keys:
            keys = (dev_key(Path(env.get("CASEWORK_VAR_DIR", DEFAULT_VAR_DIR))),)
        days = env.get("CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS", "")
        return cls(pii_keys=keys,
                   interview_business_days=int(days) if days else cls.interview_business_days)


def dev_key(var_dir: Path) -> str:
    """The development key in `var_dir`, created on first use."""
    path = var_dir / DEV_KEY_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(Fernet.generate_key().decode())
    return path.read_text().strip()
