"""One supervised process, so that stopping the stack leaves nothing of it running and a
child that fails can say why."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import shutil
import signal
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

STOP_GRACE_SECONDS = 10.0
"""How long a child gets after SIGTERM to drain before its process group is killed."""
OUTPUT_TAIL_LINES = 30
"""Lines of a child's output kept to explain why it failed to start or died."""

SETPRIV = shutil.which("setpriv")
"""util-linux's setpriv: `--pdeathsig KILL` makes Linux kill a child whose supervisor is
killed outright (SIGKILL, a crashed test run) instead of leaving it orphaned. A
`preexec_fn` could do the same, but forking Python code in a process that runs gRPC
threads crashes the child (gRPC's fork handlers)."""


class Child:
    """One supervised process: its own process group, its output prefixed and kept."""

    def __init__(
        self, name: str, argv: Sequence[str], *, env: Mapping[str, str], cwd: Path, out: TextIO
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self._env = dict(env)
        self._cwd = cwd
        self._out = out
        self._process: asyncio.subprocess.Process | None = None
        self._pump: asyncio.Task[None] | None = None
        self.tail: collections.deque[str] = collections.deque(maxlen=OUTPUT_TAIL_LINES)

    async def start(self) -> None:
        guard = [SETPRIV, "--pdeathsig", "KILL"] if SETPRIV else []
        self._process = await asyncio.create_subprocess_exec(
            *guard,
            *self.argv,
            env=self._env,
            cwd=self._cwd,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,  # own process group: Ctrl-C reaches only the supervisor
        )
        self._pump = asyncio.create_task(self._stream(self._process.stdout))

    @property
    def pid(self) -> int:
        assert self._process is not None, f"{self.name} was never started"
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.returncode

    def describe_exit(self) -> str:
        said = "".join(f"\n    {line}" for line in self.tail)
        return f"{self.name} exited with code {self.returncode}" + (
            f"; its last output:{said}" if said else ""
        )

    async def _stream(self, stream: asyncio.StreamReader | None) -> None:
        assert stream is not None
        while line := await stream.readline():
            text = line.decode(errors="replace").rstrip()
            self.tail.append(text)
            self._out.write(f"{self.name:<12}| {text}\n")
            self._out.flush()

    async def wait(self) -> int:
        assert self._process is not None
        return await self._process.wait()

    async def kill(self) -> None:
        """SIGKILL the process group at once, with no chance to drain: what a crash or the
        OOM killer does to it."""
        if self._process is None:
            return
        self._signal_group(signal.SIGKILL)
        await self._process.wait()
        await self.stop()  # drains its output

    async def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """SIGTERM the process group, wait up to `grace`, then SIGKILL whatever is left
        of the group (including anything the child started and did not reap)."""
        if self._process is None:
            return
        if self._process.returncode is None:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._process.wait(), grace)
        self._signal_group(signal.SIGKILL)
        await self._process.wait()
        if self._pump is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._pump, grace)

    def _signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)  # start_new_session: the group id is the child's pid
