"""Encryption at rest for the PII intake keeps: names, birth dates, SSNs, the street
address, and the household's phone and email.

Kept deliberately simple and explicit: each PII column holds a Fernet token (AES-128-CBC
with an HMAC-SHA256, from `cryptography`) of its value, encrypted in `store.py` on the
way in and decrypted on the way out, with keys from `IntakeOptions`. Nothing is ever
looked up by name, birth date or SSN, so no searchable (deterministic) encryption is
needed; a stolen database or backup without the key shows ciphertext only.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, MultiFernet


class PiiCipher:
    """Encrypts with the first key and decrypts with any, so keys can be rotated by
    putting a new one first."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])

    def encrypt(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        return self._fernet.decrypt(token.encode()).decode()
