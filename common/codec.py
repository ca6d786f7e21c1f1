"""Encryption of every Temporal payload (AES-256-GCM), so the server's database, its
backups and anyone reading history without the keys (the Temporal UI, `temporal workflow
show`) see ciphertext only.

An encrypted payload is the whole original payload (its metadata and data, serialized)
sealed under the keyring's primary key with a fresh 96-bit nonce and the Temporal
namespace as associated data, so a payload copied into another namespace does not
decrypt there:

    metadata  encoding: binary/encrypted, encryption-key-id: <key id>
    data      nonce (12 bytes) || ciphertext || tag (16 bytes)

A payload without that encoding is passed through as it is, so histories recorded before
encryption still decode and replay. A payload under a key the ring does not hold fails
with `PayloadKeyError`, which names the key id and never the content.

CASEWORK_PAYLOAD_KEYS
    The keyring: comma-separated `id:base64key` entries, the first (primary) encrypts and
    every one decrypts. An id is 1-64 letters, digits, `.`, `_` or `-`; a key is 32 random
    bytes in standard base64 (`openssl rand -base64 32`). Rotate by putting a new entry
    first; drop an old one only once no history still needed was written under it.
    Unset (a developer's machine), an entry is generated once into
    `$CASEWORK_VAR_DIR/temporal-payload.key`, readable by its owner only, and reused.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from temporalio.api.common.v1 import Payload
from temporalio.converter import PayloadCodec

from common.config import Settings
from common.dev_keys import dev_key

SETTING = "CASEWORK_PAYLOAD_KEYS"
DEV_KEY_FILE = "temporal-payload.key"
ENCODING = b"binary/encrypted"
KEY_ID = "encryption-key-id"
KEY_BYTES = 32
"""AES-256."""
NONCE_BYTES = 12
"""96 bits, GCM's own size; random per payload, so a key seals far fewer than the 2**32
messages NIST SP 800-38D allows for random nonces before it must be rotated."""
KEY_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")


class PayloadKeyError(Exception):
    """An encrypted payload this keyring cannot open. The message names the key id and
    the namespace, never the payload's content or any key."""

    def __init__(self, key_id: str, problem: str) -> None:
        super().__init__(f"payload encrypted under key {key_id!r}: {problem}")
        self.key_id = key_id


class Keyring:
    """Payload keys by id: the first (primary) encrypts, every one decrypts, so a key is
    rotated by listing a new one first and the old ones after it."""

    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise ValueError(f"{SETTING}: a keyring needs at least one key")
        self._ciphers: dict[str, AESGCM] = {}
        for key_id, key in keys:
            if not KEY_ID_PATTERN.fullmatch(key_id):
                raise ValueError(f"{SETTING}: key id {key_id!r} is not 1-64 of A-Z a-z 0-9 . _ -")
            if key_id in self._ciphers:
                raise ValueError(f"{SETTING}: key id {key_id!r} is listed twice")
            if len(key) != KEY_BYTES:
                raise ValueError(f"{SETTING}: key {key_id!r} is not {KEY_BYTES} bytes")
            self._ciphers[key_id] = AESGCM(key)
        self.primary = keys[0][0]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every key's id, the primary first."""
        return tuple(self._ciphers)

    def cipher(self, key_id: str) -> AESGCM:
        try:
            return self._ciphers[key_id]
        except KeyError:
            raise PayloadKeyError(
                key_id, f"that key is not in the keyring ({SETTING} lists "
                        f"{', '.join(self.ids)})") from None

    def __repr__(self) -> str:  # ids only: a logged keyring never shows a key
        return f"Keyring(ids={self.ids!r})"

    @classmethod
    def parse(cls, entries: Sequence[str]) -> Keyring:
        """The keyring of CASEWORK_PAYLOAD_KEYS' entries. A bad entry is named by its
        position, never echoed, since it may be a key."""
        keys = []
        for number, entry in enumerate(entries, start=1):
            key_id, colon, encoded = entry.strip().partition(":")
            try:
                key = base64.b64decode(encoded, validate=True)
            except binascii.Error:
                key = b""
            if not colon or not key:
                raise ValueError(f"{SETTING}: entry {number} is not id:base64key")
            keys.append((key_id, key))
        return cls(keys)

    @staticmethod
    def new_entry(prefix: str) -> str:
        """A fresh `id:base64key` entry, its id `<prefix>-<8 hex digits>`, so a key made
        again (a deleted `var/`) never takes the id of one that history still names."""
        key = base64.b64encode(AESGCM.generate_key(bit_length=8 * KEY_BYTES)).decode()
        return f"{prefix}-{secrets.token_hex(4)}:{key}"


def payload_keyring(settings: Settings) -> Keyring:
    """The configured keyring; without CASEWORK_PAYLOAD_KEYS, the development key in
    `settings.var_dir`, made on first use (as intake does for its PII key)."""
    entries = settings.payload_keys or (
        dev_key(Path(settings.var_dir) / DEV_KEY_FILE, lambda: Keyring.new_entry("dev")),)
    return Keyring.parse(entries)


class EncryptionCodec(PayloadCodec):
    """Seals payloads for one namespace, and opens what any key of the ring sealed there.

    The SDK runs codecs outside workflow code (on the worker's activations, in the
    client), so the sandbox never imports `cryptography`.
    """

    def __init__(self, keyring: Keyring, namespace: str) -> None:
        self._keyring = keyring
        self._namespace = namespace
        self._associated = namespace.encode()

    async def encode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.encrypt(payload) for payload in payloads]

    async def decode(self, payloads: Sequence[Payload]) -> list[Payload]:
        return [self.decrypt(payload) for payload in payloads]

    def encrypt(self, payload: Payload) -> Payload:
        key_id = self._keyring.primary
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keyring.cipher(key_id).encrypt(
            nonce, payload.SerializeToString(), self._associated)
        return Payload(metadata={"encoding": ENCODING, KEY_ID: key_id.encode()},
                       data=nonce + sealed)

    def decrypt(self, payload: Payload) -> Payload:
        """The original payload; one not encrypted (history from before) as it is."""
        if payload.metadata.get("encoding") != ENCODING:
            return payload
        key_id = payload.metadata.get(KEY_ID, b"").decode(errors="replace")
        cipher = self._keyring.cipher(key_id)
        nonce, sealed = payload.data[:NONCE_BYTES], payload.data[NONCE_BYTES:]
        try:
            opened = cipher.decrypt(nonce, sealed, self._associated)
        except (InvalidTag, ValueError):  # ValueError: data too short to hold a nonce
            raise PayloadKeyError(
                key_id, f"it does not open in namespace {self._namespace!r} with that key "
                        "(written in another namespace, under other key material with the "
                        "same id, or altered)") from None
        return Payload.FromString(opened)
