"""The payload codec alone: what an encrypted payload looks like, the keyring's rotation
and its errors, the namespace bound in, and where the keys come from."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from temporalio.api.common.v1 import Payload
from temporalio.converter import DataConverter

from common.codec import (
    DEV_KEY_FILE,
    ENCODING,
    KEY_ID,
    EncryptionCodec,
    Keyring,
    PayloadKeyError,
    payload_keyring,
)
from common.config import Settings
from tests.payloads import KEY_1, KEY_2, KEYRING, ROTATED

SENTINEL = '{"county": "Sentinelview", "monthly_cents": 424242}'


def a_payload(text: str = SENTINEL) -> Payload:
    return Payload(metadata={"encoding": b"json/plain"}, data=text.encode())


async def test_a_payload_is_sealed_under_the_primary_key_with_a_fresh_nonce() -> None:
    codec = EncryptionCodec(KEYRING, "casework")
    [first, second] = await codec.encode([a_payload(), a_payload()])
    for sealed in (first, second):
        assert dict(sealed.metadata) == {"encoding": ENCODING, KEY_ID: b"test-key-1"}
        assert b"Sentinelview" not in sealed.SerializeToString()
        assert b"424242" not in sealed.SerializeToString()
    assert first.data[:12] != second.data[:12] and first.data != second.data
    assert await codec.decode([first, second]) == [a_payload(), a_payload()]


async def test_a_payload_written_before_encryption_decodes_as_it_is() -> None:
    assert await EncryptionCodec(KEYRING, "casework").decode([a_payload()]) == [a_payload()]


async def test_after_rotation_old_payloads_open_and_new_ones_use_the_new_key() -> None:
    [old] = await EncryptionCodec(KEYRING, "casework").encode([a_payload()])
    rotated = EncryptionCodec(ROTATED, "casework")
    assert await rotated.decode([old]) == [a_payload()]
    [new] = await rotated.encode([a_payload()])
    assert new.metadata[KEY_ID] == b"test-key-2"


async def test_a_key_removed_from_the_ring_fails_naming_its_id_and_nothing_else() -> None:
    [old] = await EncryptionCodec(KEYRING, "casework").encode([a_payload()])
    with pytest.raises(PayloadKeyError) as failed:
        await EncryptionCodec(Keyring.parse([KEY_2]), "casework").decode([old])
    assert failed.value.key_id == "test-key-1"
    message = str(failed.value)
    assert "'test-key-1'" in message and "not in the keyring" in message
    assert "Sentinelview" not in message and KEY_2.split(":")[1] not in message


async def test_a_payload_moved_to_another_namespace_does_not_decrypt() -> None:
    [sealed] = await EncryptionCodec(KEYRING, "namespace-a").encode([a_payload()])
    with pytest.raises(PayloadKeyError, match="'namespace-b'"):
        await EncryptionCodec(KEYRING, "namespace-b").decode([sealed])


async def test_other_material_under_the_same_id_or_an_altered_payload_does_not_decrypt() -> None:
    [sealed] = await EncryptionCodec(KEYRING, "casework").encode([a_payload()])
    impostor = Keyring.parse([f"test-key-1:{KEY_2.split(':')[1]}"])
    with pytest.raises(PayloadKeyError):
        await EncryptionCodec(impostor, "casework").decode([sealed])
    altered = Payload(metadata=sealed.metadata, data=sealed.data[:-1] + b"\x00")
    with pytest.raises(PayloadKeyError):
        await EncryptionCodec(KEYRING, "casework").decode([altered])


async def test_the_data_converter_round_trips_a_value_through_the_codec() -> None:
    converter = DataConverter(payload_codec=EncryptionCodec(KEYRING, "casework"))
    [payload] = await converter.encode([{"county": "Sentinelview"}])
    assert payload.metadata["encoding"] == ENCODING
    assert await converter.decode([payload], [dict]) == [{"county": "Sentinelview"}]


@pytest.mark.parametrize("entries", [
    [], ["no-colon"], ["k1:not base64!"], ["k1:" + "QUJD"], ["bad id:" + KEY_1.split(":")[1]],
    [KEY_1, KEY_1],
])
def test_a_bad_keyring_setting_is_refused_without_echoing_a_key(entries: list[str]) -> None:
    with pytest.raises(ValueError, match="CASEWORK_PAYLOAD_KEYS") as refused:
        Keyring.parse(entries)
    assert KEY_1.split(":")[1] not in str(refused.value)


def test_the_setting_lists_entries_primary_first_and_hides_them_from_repr() -> None:
    settings = Settings.from_env("worker", {"CASEWORK_PAYLOAD_KEYS": f" {KEY_2} , {KEY_1} "})
    keyring = payload_keyring(settings)
    assert (keyring.primary, keyring.ids) == ("test-key-2", ("test-key-2", "test-key-1"))
    assert KEY_2.split(":")[1] not in repr(settings) + repr(keyring)


def test_without_the_setting_a_development_key_is_made_once_and_reused(tmp_path: Path) -> None:
    settings = Settings.from_env("worker", {"CASEWORK_VAR_DIR": str(tmp_path)})
    first, again = payload_keyring(settings), payload_keyring(settings)
    assert first.ids == again.ids and first.primary.startswith("dev-")
    key_file = tmp_path / DEV_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == [DEV_KEY_FILE]
    assert Keyring.parse([key_file.read_text()]).ids == first.ids
