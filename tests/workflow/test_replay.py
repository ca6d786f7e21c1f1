"""Every recorded case history must replay against today's CaseWorkflow: a change that
breaks one needs `workflow.patched(...)`, not a new baseline.

Histories are replayed with the test keyring: those recorded before payloads were
encrypted pass through the codec as they are, the `encrypted-payloads` ones are
decrypted. Those also show the keyring's rotation: they replay after key 2 became
primary, and fail loudly without key 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from common.codec import Keyring
from tests import payloads
from workflows.case import CaseWorkflow

HISTORIES = {path.stem: path.read_text()
             for path in sorted((Path(__file__).parent / "histories").glob("*.json"))}
ENCRYPTED = [name for name in HISTORIES if name.endswith(".encrypted-payloads")]


def replayer(keyring: Keyring = payloads.KEYRING) -> Replayer:
    return Replayer(workflows=[CaseWorkflow], data_converter=payloads.converter(keyring))


def test_there_are_histories_to_replay() -> None:
    assert len(HISTORIES) >= 3
    assert ENCRYPTED


@pytest.mark.parametrize("name", HISTORIES)
async def test_history_replays(name: str) -> None:
    history = WorkflowHistory.from_json(f"case-{name}", HISTORIES[name])
    result = await replayer().replay_workflow(history)
    assert result.replay_failure is None


@pytest.mark.parametrize("name", ENCRYPTED)
async def test_a_history_written_under_key_1_replays_after_rotating_to_key_2(name: str) -> None:
    history = WorkflowHistory.from_json(f"case-{name}", HISTORIES[name])
    result = await replayer(payloads.ROTATED).replay_workflow(history)
    assert result.replay_failure is None


@pytest.mark.parametrize("name", ENCRYPTED)
async def test_without_key_1_its_history_fails_to_replay_naming_that_key(
    name: str, caplog: pytest.LogCaptureFixture,
) -> None:
    history = WorkflowHistory.from_json(f"case-{name}", HISTORIES[name])
    without_key_1 = Keyring.parse([payloads.KEY_2])
    result = await replayer(without_key_1).replay_workflow(history, raise_on_replay_failure=False)
    # The failed task's message is itself encrypted; its type and the worker's log say why.
    assert "PayloadKeyError" in str(result.replay_failure)
    assert "payload encrypted under key 'test-key-1': that key is not in the keyring" in (
        caplog.text)
