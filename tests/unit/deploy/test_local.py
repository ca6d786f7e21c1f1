"""The stack launcher's parts that need no services: ports, the address table, the dev
server's command line, and that stopping a child leaves nothing of it running."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys
from pathlib import Path

from common.config import DEFAULT_PORTS, SERVICES, Settings
from deploy.local import Addresses, Child, Ports, Stack, temporal_command

ROOT = Path(__file__).resolve().parents[3]
NEVER_ENDS = 300  # seconds a test child sleeps: far longer than any test waits


def alive(pid: int) -> bool:
    """Whether `pid` still runs; a killed orphan may linger as a zombie until reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


async def dies(pid: int, within: float = 5.0) -> bool:
    """Whether `pid` stops running within `within` seconds. A process we do not wait on
    (a grandchild, an orphan) is killed asynchronously: the signal is sent when `kill`
    returns, but on a loaded machine the process may take a moment to be scheduled and
    exit."""
    for _ in range(int(within / 0.05)):
        if not alive(pid):
            return True
        await asyncio.sleep(0.05)
    return not alive(pid)


async def said(child: Child, prefix: str) -> str:
    """The first line the child printed that starts with `prefix` (waits for it)."""
    for _ in range(200):
        for line in child.tail:
            if line.startswith(prefix):
                return line
        await asyncio.sleep(0.05)
    raise AssertionError(f"{child.name} never printed {prefix!r}; it said {list(child.tail)}")


def spawn(name: str, *argv: str, out: io.StringIO | None = None) -> Child:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return Child(name, argv, env=env, cwd=Path.cwd(), out=out or io.StringIO())


def test_ports_default_to_the_documented_ones() -> None:
    ports = Ports.from_env({})
    assert ports.temporal == 7233
    assert ports.temporal_ui == 8233
    assert ports.codec == 8234
    assert ports.services == DEFAULT_PORTS


def test_ports_follow_the_same_variables_the_services_read() -> None:
    ports = Ports.from_env({
        "CASEWORK_TEMPORAL_PORT": "7300",
        "CASEWORK_PAYMENTS_LISTEN": "127.0.0.1:6004",
        "CASEWORK_REFERRALS_ADDRESS": "127.0.0.1:6003",
    })
    assert ports.temporal == 7300
    assert ports.temporal_ui == 8300, "the UI follows the gRPC port unless set"
    assert ports.codec == 8301, "the codec server follows the UI unless set"
    assert ports.services["payments"] == 6004
    assert ports.services["referrals"] == 6003
    assert Ports.from_env({"CASEWORK_TEMPORAL_UI_PORT": "9000"}).temporal_ui == 9000
    assert Ports.from_env({"CASEWORK_CODEC_PORT": "9100"}).codec == 9100


def test_free_ports_are_all_different() -> None:
    ports = Ports.free()
    every = [ports.temporal, ports.temporal_ui, ports.codec, *ports.services.values(),
             *ports.metrics.values(), ports.temporal_inner]
    assert len(set(every)) == len(every) == 4 + 2 * len(SERVICES) + 1
    assert set(ports.metrics) == {*SERVICES, "worker"}
    assert all(port < 32768 for port in every)  # not where the dev server picks its own


def test_each_process_gets_a_metrics_port_of_its_own_unless_one_is_set() -> None:
    ports = Ports.from_env({"CASEWORK_WORKER_METRICS_PORT": "9470",
                            "CASEWORK_METRICS_PORT": "9464"})
    assert ports.metrics["worker"] == 9470
    others = [ports.metrics[name] for name in SERVICES]
    assert 9464 not in others, "the shared port is for pods, where each process has its own IP"
    assert others == [9401, 9402, 9403, 9404]


def test_make_ups_metrics_ports_are_outside_the_range_the_dev_server_picks_from() -> None:
    """Linux hands out ports from 32768 up to processes that ask for any port, as the dev
    server does for its own listeners while the services start."""
    ports = Ports.from_env({})
    assert all(port < 32768 for port in ports.metrics.values())
    every = [ports.temporal, ports.temporal_ui, ports.codec, *ports.services.values(),
             *ports.metrics.values()]
    assert len(set(every)) == len(every)


def test_every_child_is_told_its_metrics_port_on_loopback(tmp_path: Path) -> None:
    ports = Ports.free()
    stack = Stack(tmp_path, ports, {"CASEWORK_METRICS_HOST": "0.0.0.0"})
    for name in (*SERVICES, "worker"):
        settings = Settings.from_env(name, stack.env)
        assert settings.metrics_port == ports.metrics[name]
        assert settings.metrics_host == "127.0.0.1"


def test_the_codec_server_is_told_where_to_listen_and_whose_browser_calls_it(
    tmp_path: Path,
) -> None:
    ports = Ports.free()
    stack = Stack(tmp_path, ports, {})
    assert Settings.from_env("codec", stack.env).listen == f"127.0.0.1:{ports.codec}"
    assert stack.env["CASEWORK_CODEC_UI_ORIGIN"].split(",") == [
        f"http://127.0.0.1:{ports.temporal_ui}", f"http://localhost:{ports.temporal_ui}"]


def test_the_address_table_names_every_part_of_the_stack() -> None:
    table = Addresses.of(Ports.from_env({})).table()
    for name in SERVICES:
        assert f"{name} (gRPC)" in table
    assert "127.0.0.1:50054" in table
    assert "127.0.0.1:7233" in table
    assert "http://127.0.0.1:8233" in table
    assert "UI codec server" in table and "http://127.0.0.1:8234" in table
    ports = Ports.free()
    table = Addresses.of(ports).table()
    for name in (*SERVICES, "worker"):
        assert f"{name} metrics" in table
        assert f"http://127.0.0.1:{ports.metrics[name]}/metrics" in table


def test_the_dev_server_keeps_its_state_in_the_var_folder_on_loopback() -> None:
    ports = Ports.from_env({})
    command = temporal_command(Path("/data"), ports, "default")
    assert command[1:3] == ["server", "start-dev"]
    assert command[command.index("--db-filename") + 1] == "/data/temporal.db"
    assert command[command.index("--ip") + 1] == "127.0.0.1"
    assert command[command.index("--ui-codec-endpoint") + 1] == "http://127.0.0.1:8234"
    assert "--namespace" not in command, "the default namespace is always there"
    assert temporal_command(Path("/data"), ports, "agency")[-2:] == ["--namespace", "agency"]


async def test_a_child_output_is_streamed_with_its_name() -> None:
    out = io.StringIO()
    child = spawn("greeter", sys.executable, "-c", "print('hello'); print('bye')", out=out)
    await child.start()
    assert await child.wait() == 0
    await child.stop()
    assert out.getvalue().splitlines() == ["greeter     | hello", "greeter     | bye"]


async def test_stopping_a_child_stops_what_it_started_too() -> None:
    child = spawn("parent", "/bin/sh", "-c", f"sleep {NEVER_ENDS} & echo grandchild $!; wait")
    await child.start()
    grandchild = int((await said(child, "grandchild")).split()[1])
    assert alive(grandchild)
    await child.stop(grace=5)
    assert not alive(child.pid)
    assert await dies(grandchild)


async def test_a_child_that_ignores_sigterm_is_killed_after_the_grace_period() -> None:
    stubborn = (
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        f"print('ready', flush=True); time.sleep({NEVER_ENDS})"
    )
    child = spawn("stubborn", sys.executable, "-c", stubborn)
    await child.start()
    await said(child, "ready")
    await child.stop(grace=0.5)
    assert child.returncode == -9
    assert not alive(child.pid)


async def test_a_dead_child_is_described_with_its_last_words() -> None:
    child = spawn("crasher", sys.executable, "-c", "import sys; print('no database'); sys.exit(3)")
    await child.start()
    await child.wait()
    await child.stop()
    assert child.describe_exit() == "crasher exited with code 3; its last output:\n    no database"


async def test_children_die_with_a_supervisor_that_is_killed_outright() -> None:
    supervisor = (
        "import asyncio, io, pathlib, sys\n"
        "from deploy.local import Child\n"
        "async def main():\n"
        f"    child = Child('sleeper', ['sleep', '{NEVER_ENDS}'], env={{}},\n"
        "                  cwd=pathlib.Path.cwd(), out=io.StringIO())\n"
        "    await child.start()\n"
        "    print('child', child.pid, flush=True)\n"
        f"    await asyncio.sleep({NEVER_ENDS})\n"
        "asyncio.run(main())\n"
    )
    parent = spawn("supervisor", sys.executable, "-c", supervisor)
    await parent.start()
    orphan = int((await said(parent, "child")).split()[1])
    os.kill(parent.pid, signal.SIGKILL)
    await parent.wait()
    assert await dies(orphan), "the child outlived its killed supervisor"
    await parent.stop()
