"""The dev server, its UI's codec server, the four services and the worker, started in
dependency order: each child only once the one before it answers, so no process starts
against a dependency that is not there yet, and a child that dies while starting fails
the start at once."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TextIO, TypeVar

from temporalio.client import Client

from common.auth.tokens import AuthSettings, local_signing_key
from common.config import Settings
from common.temporal import connect
from common.tls import H2, Identity, identity_for
from deploy.local import certs
from deploy.local.child import Child
from deploy.local.ports import HOST, Addresses, Ports
from deploy.local.probes import codec_answers, listening, serving, worker_polls
from workflows import search

ROOT = Path(__file__).resolve().parents[2]
"""The repository: every child runs here, so `python -m services.<name>` finds its code."""
BIN = Path(sys.executable).parent

STARTUP_TIMEOUT_SECONDS = 60.0
"""Long enough for a cold dev server on a busy 2-core machine; a hang fails loudly."""
POLL_SECONDS = 0.2
PROBE_TIMEOUT_SECONDS = 5.0

Ready = TypeVar("Ready")


class StackError(RuntimeError):
    """A child failed to start or exited while it should be running."""


def temporal_command(var_dir: Path, ports: Ports, namespace: str, *, tls: bool = False
                     ) -> list[str]:
    """The dev server on loopback, its state in one SQLite file in `var_dir`. With `tls`
    it listens on `ports.temporal_inner`, behind the TLS front (it has no TLS of its own).

    SQLite runs with `journal_mode=WAL` and `synchronous=NORMAL`: on a 2-core machine that
    roughly tripled the embedded server's throughput, and a committed transaction still
    survives a crash of the server process. `history.transferProcessorMaxPollRPS=10000`
    makes the history service poll its transfer queue (through which each activity is
    handed to matching) far more often, which cut the per-activity hand-off latency: an
    8-activity workflow went from about 450 ms to about 130 ms. The UI decrypts the
    payloads it shows through the stack's codec server (`common.codec_server`).
    """
    command = [
        str(BIN / "temporal"), "server", "start-dev",
        "--db-filename", str(var_dir / "temporal.db"),
        "--ip", HOST,
        "--port", str(ports.temporal_inner if tls else ports.temporal),
        "--ui-port", str(ports.temporal_ui),
        "--ui-codec-endpoint", Addresses.of(ports, tls=tls).codec,
        "--sqlite-pragma", "journal_mode=WAL",
        "--sqlite-pragma", "synchronous=NORMAL",
        "--dynamic-config-value", "history.transferProcessorMaxPollRPS=10000",
        "--log-level", "warn",
        *search.registration(),
    ]
    if namespace != "default":  # "default" is always created
        command += ["--namespace", namespace]
    return command


class Stack:
    """The dev server, the codec server, the four services and the worker as child
    processes.

    Use as `async with Stack(var_dir, ports, env) as addresses: ...`, or call `start`,
    `wait_for_exit` and `stop` (what `supervise` does).
    """

    def __init__(
        self,
        var_dir: Path,
        ports: Ports,
        env: Mapping[str, str] = os.environ,
        *,
        out: TextIO = sys.stdout,
        startup_timeout: float = STARTUP_TIMEOUT_SECONDS,
    ) -> None:
        self.var_dir = var_dir.resolve()
        self.ports = ports
        tls_dir = env.get("CASEWORK_TLS_DIR", "")
        self.tls_dir = Path(tls_dir).resolve() if tls_dir else None
        """With TLS on, the certificates' folder (made by `deploy.local.certs` if empty)."""
        self.addresses = Addresses.of(ports, tls=self.tls_dir is not None)
        self.env = self._child_env(env)
        self.settings = Settings.from_env("worker", self.env)
        self._out = out
        self._startup_timeout = startup_timeout
        self._children: list[Child] = []

    def _child_env(self, base: Mapping[str, str]) -> dict[str, str]:
        """What every child sees: the caller's environment with this stack's folder and
        addresses, so each process finds every other one, and its own metrics port. The
        payload keys are the caller's CASEWORK_PAYLOAD_KEYS or, unset, the development
        key in this stack's folder, which every child (and this process) reads."""
        env = {**base, "CASEWORK_VAR_DIR": str(self.var_dir), "PYTHONUNBUFFERED": "1"}
        if self.tls_dir is not None:  # absolute: the children run in the repository
            env["CASEWORK_TLS_DIR"] = str(self.tls_dir)
        env["TEMPORAL_ADDRESS"] = self.addresses.temporal
        for name, address in self.addresses.services.items():
            env[f"CASEWORK_{name.upper()}_LISTEN"] = address
            env[f"CASEWORK_{name.upper()}_ADDRESS"] = address
        env["CASEWORK_CODEC_LISTEN"] = f"{HOST}:{self.ports.codec}"
        # The UI's origin is whichever host name the browser was given.
        env["CASEWORK_CODEC_UI_ORIGIN"] = (f"{self.addresses.temporal_ui},"
                                           f"http://localhost:{self.ports.temporal_ui}")
        env["CASEWORK_METRICS_HOST"] = HOST  # loopback, like everything else here
        for name, port in self.ports.metrics.items():
            env[f"CASEWORK_{name.upper()}_METRICS_PORT"] = str(port)
        return env

    async def migrate(self) -> None:
        """Apply every service's migrations to this stack's databases (`make migrate`)."""
        child = await self._spawn("migrate", [sys.executable, "-m", "common.migrate"])
        await child.wait()
        await child.stop()  # drains its output
        self._children.remove(child)
        if child.returncode != 0:
            raise StackError(child.describe_exit())

    async def start(self) -> Addresses:
        """Start every child in dependency order, each once the one before answers.

        Unless an OIDC issuer is configured, the local signing key is made first (once:
        it is kept in the var dir and reused), so every child verifies tokens with the
        same key and the worker, the CLI and the demo sign theirs with it. With TLS on,
        the certificates are made first too (once, `deploy.local.certs`), and the dev
        server gets its TLS front; the probes show the worker's certificate."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        if not AuthSettings.from_env(self.env, var_dir=str(self.var_dir)).oidc_issuer:
            local_signing_key(self.var_dir)
        if self.tls_dir is not None:
            certs.ensure(self.tls_dir)
        for begin in self._starters().values():
            await begin()
        return self.addresses

    def _starters(self) -> dict[str, Callable[[], Awaitable[object]]]:
        """How each child is started and waited on, by name, in start-up order: what
        `start` runs in turn and `restart` runs for one child."""
        identity = identity_for(self.settings)
        starters: dict[str, Callable[[], Awaitable[object]]] = {
            "temporal": functools.partial(self._start_temporal, behind_front=identity is not None)}
        if identity is not None:
            starters["temporal-tls"] = self._start_temporal_front
        starters["codec"] = functools.partial(self._start_codec, identity)
        for name in self.addresses.services:
            starters[name] = functools.partial(self._start_service, name, identity)
        starters["worker"] = self.start_worker
        return starters

    async def _start_temporal(self, *, behind_front: bool) -> None:
        temporal = await self._spawn("temporal", temporal_command(
            self.var_dir, self.ports, self.settings.temporal_namespace, tls=behind_front))
        if behind_front:  # only the front speaks to it
            await self._until_ready(temporal, functools.partial(
                listening, f"{HOST}:{self.ports.temporal_inner}"))
        else:
            await self._until_ready(temporal, self._connect)

    async def _start_temporal_front(self) -> None:
        front = await self._spawn("temporal-tls", [
            sys.executable, "-m", "common.tls_front", self.addresses.temporal,
            f"{HOST}:{self.ports.temporal_inner}", "--alpn", H2])
        await self._until_ready(front, self._connect)

    async def _start_codec(self, identity: Identity | None) -> None:
        codec = await self._spawn("codec", [sys.executable, "-m", "common.codec_server"])
        await self._until_ready(codec, functools.partial(codec_answers, self.addresses.codec,
                                                         identity))

    async def _start_service(self, name: str, identity: Identity | None) -> None:
        service = await self._spawn(name, [sys.executable, "-m", f"services.{name}"])
        await self._until_ready(service, functools.partial(
            serving, self.addresses.services[name], identity))

    async def start_worker(self, client: Client | None = None) -> Child:
        """Start a worker and wait until it (this process, not one that died) polls the
        case task queue; also how a test brings the worker back after `kill`."""
        client = client or await self._connect()
        worker = await self._spawn("worker", [sys.executable, "-m", "workflows.worker"])
        await self._until_ready(
            worker, functools.partial(worker_polls, client, self.settings, pid=worker.pid))
        return worker

    async def restart(self, name: str) -> Child:
        """Start `name` again once it no longer runs (after `kill`, or dead on its own):
        the same command, environment, ports and data as at start-up, waited on until it
        answers as then. It keeps its place in the stopping order. The chaos run
        (`tests/chaos`) brings back each process it kills this way.

        Raises:
            StackError: `name` is still running, or does not become ready.
        """
        starters = self._starters()
        if name not in starters:
            raise KeyError(f"the stack has no child named {name!r}")
        for child in [child for child in self._children if child.name == name]:
            if child.returncode is None:
                raise StackError(f"{name} is still running; kill it first")
            self._children.remove(child)
            await child.stop()  # drains what it last said
        await starters[name]()
        order = list(starters)
        self._children.sort(key=lambda child: order.index(child.name))
        return next(child for child in self._children if child.name == name)

    async def kill(self, name: str) -> int:
        """SIGKILL one child as a crash would and stop supervising it; returns its exit
        code. The end-to-end tests kill the worker mid-case to prove nothing is lost."""
        child = next(child for child in self._children if child.name == name)
        self._children.remove(child)
        await child.kill()
        assert child.returncode is not None
        return child.returncode

    @property
    def children(self) -> tuple[Child, ...]:
        """The running children, oldest first."""
        return tuple(self._children)

    async def wait_for_exit(self) -> Child:
        """The first child to exit while the stack is meant to be running."""
        waits = {asyncio.create_task(child.wait()): child for child in self._children}
        try:
            done, _ = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waits:
                task.cancel()
        return waits[next(iter(done))]

    async def stop(self) -> None:
        """Stop every child, newest first: the worker before the services it calls, the
        services before the server that holds their workflows."""
        while self._children:
            await self._children.pop().stop()

    async def __aenter__(self) -> Addresses:
        try:
            return await self.start()
        except BaseException:
            await self.stop()
            raise

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _spawn(self, name: str, argv: Sequence[str]) -> Child:
        child = Child(name, argv, env=self.env, cwd=ROOT, out=self._out)
        self._children.append(child)  # before start, so stop() finds it even mid-start
        await child.start()
        return child

    async def _until_ready(self, child: Child, probe: Callable[[], Awaitable[Ready]]) -> Ready:
        """Poll `probe` until it returns something true; fail fast if the child exits."""
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            if child.returncode is not None:
                raise StackError(child.describe_exit())
            with contextlib.suppress(Exception):  # not listening yet: the reason to poll
                result = await asyncio.wait_for(probe(), PROBE_TIMEOUT_SECONDS)
                if result:
                    return result
            await asyncio.sleep(POLL_SECONDS)
        raise StackError(f"{child.name} did not become ready within {self._startup_timeout:.0f} s")

    async def _connect(self) -> Client:
        # The children's settings, whose TEMPORAL_ADDRESS is this stack's dev server.
        return await connect(self.settings)
