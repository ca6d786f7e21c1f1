"""Encrypted payloads as tests see them: the fixed test keys, a converter built on them,
and every payload a history holds, to check it is ciphertext or to read it back.

The keys are test keys, fixed so the histories recorded with them (`encrypted-payloads`)
replay in any later run; no deployment uses them.
"""

from __future__ import annotations

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from temporalio.api.common.v1 import Header, Payload, SearchAttributes
from temporalio.api.history.v1 import MarkerRecordedEventAttributes
from temporalio.converter import DataConverter

from common.codec import EncryptionCodec, Keyring
from common.temporal import encrypting_converter

KEY_1 = "test-key-1:8EG+ACXndn37bzww14AfcLsqIgI5qQAuGFkeLWmy/zU="
"""What the workflow tests and the `encrypted-payloads` histories encrypt with."""
KEY_2 = "test-key-2:fb+GDdZssYxxXvJyGLa2OfCzRkuCb1rT94xgmrxn+YM="
"""The key rotated to: primary of `ROTATED`."""
KEYRING = Keyring.parse([KEY_1])
ROTATED = Keyring.parse([KEY_2, KEY_1])
NAMESPACE = "default"
"""The namespace of the test servers (time-skipping and dev), and so of the histories."""


def converter(keyring: Keyring = KEYRING, namespace: str = NAMESPACE) -> DataConverter:
    """The converter every Casework client uses, on test keys."""
    return encrypting_converter(keyring, namespace)


NOT_ENCODED = (SearchAttributes.DESCRIPTOR, Header.DESCRIPTOR)
"""What no codec touches: search attributes (the server indexes them) and headers (the
trace context the tracing interceptor carries)."""
PATCH_MARKER = "core_patch"
"""The marker `workflow.patched` records: the SDK's core writes the patch id in clear."""


def payloads_in(message: Message) -> list[Payload]:
    """Every payload inside `message` (a history, an event), at any depth, but those in
    search attributes, headers and patch markers, which no codec sees."""
    if message.DESCRIPTOR in NOT_ENCODED or (
            isinstance(message, MarkerRecordedEventAttributes)
            and message.marker_name == PATCH_MARKER):
        return []
    if isinstance(message, Payload):
        return [message]
    found: list[Payload] = []
    for field, value in message.ListFields():
        if field.type != FieldDescriptor.TYPE_MESSAGE:
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            values = list(value.values())
        else:
            values = list(value) if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                found += payloads_in(item)
    return found


async def decoded_data(message: Message, keyring: Keyring = KEYRING,
                       namespace: str = NAMESPACE) -> str:
    """The data of every payload in `message`, decrypted, as text: what a history says."""
    opened = await EncryptionCodec(keyring, namespace).decode(payloads_in(message))
    return "\n".join(payload.data.decode(errors="replace") for payload in opened)
