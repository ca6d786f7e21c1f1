"""Every recorded case history must replay against today's CaseWorkflow: a change that
breaks one needs `workflow.patched(...)`, not a new baseline."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from workflows.case import CaseWorkflow

HISTORIES = {path.stem: path.read_text()
             for path in sorted((Path(__file__).parent / "histories").glob("*.json"))}


def test_there_are_histories_to_replay() -> None:
    assert len(HISTORIES) >= 3


@pytest.mark.parametrize("name", HISTORIES)
async def test_history_replays(name: str) -> None:
    history = WorkflowHistory.from_json(f"case-{name}", HISTORIES[name])
    result = await Replayer(workflows=[CaseWorkflow]).replay_workflow(history)
    assert result.replay_failure is None
