"""Encryption at rest for the PII intake keeps: names, birth dates, SSNs, the street
address, and the household's phone and email.

Kept deliberately simple and explicit: each PII column holds a Fernet token (AES-128-CBC
with an HMAC-SHA256, from `cryptography`) of its value, encrypted in `store.py` on the
way in and decrypted on the way out, with keys from `IntakeOptions`. Nothing is ever
looked up by name, birth date or SSN, so no searchable (deterministic) encryption is
needed; a stolen database or backup without the key shows ciphertext only.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, MultiFernet

FINGERPRINT_CONTEXT = b"casework intake fingerprint\0"
"""Derives the fingerprint keys from the Fernet keys, so no key serves two purposes."""


class PiiCipher:
    """Encrypts with the first key and decrypts with any, so keys can be rotated by
    putting a new one first."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        self._fingerprint_keys = [hashlib.sha256(FINGERPRINT_CONTEXT + key.encode()).digest()
                                  for key in keys]

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()

    def fingerprint(self, text: str) -> str:
        """A keyed digest of `text` (HMAC-SHA256 under a key derived from the first
        Fernet key): equal texts give equal fingerprints, and without the key nobody
        can test a guess of what was fingerprinted, as they could a plain hash."""
        return hmac.new(self._fingerprint_keys[0], text.encode(), hashlib.sha256).hexdigest()

    def matches(self, text: str, fingerprint: str) -> bool:
        """Whether `fingerprint` is `text`'s under any of the keys, so a rotation does
        not make an old fingerprint look like a different text."""
        return any(hmac.compare_digest(
            hmac.new(key, text.encode(), hashlib.sha256).hexdigest(), fingerprint)
            for key in self._fingerprint_keys)
