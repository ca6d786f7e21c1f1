"""Where the stack listens: everything on loopback, so `make up` exposes nothing to the
network, with ports either from the environment (people) or free ones (tests).

Each service and the worker also serves `/metrics` on a port of its own: 9401 to 9405
unless `CASEWORK_<PROCESS>_METRICS_PORT` names one. The codec server the Temporal UI
decrypts payloads with listens beside the UI: 8234, unless `CASEWORK_CODEC_PORT` names
another."""

from __future__ import annotations

import contextlib
import os
import random
import socket
from collections.abc import Mapping
from dataclasses import dataclass

from common.config import SERVICES, Settings

HOST = "127.0.0.1"
DEFAULT_TEMPORAL_PORT = 7233
MEASURED = (*SERVICES, "worker")
"""The processes that serve metrics (the dev server's own are not scraped)."""

DEFAULT_METRICS_PORTS = {name: 9401 + number for number, name in enumerate(MEASURED)}
"""`make up`'s metrics ports: fixed, and below Linux's ephemeral range (32768-60999), from
which the dev server takes ports for its own listeners as it starts; a free port picked
before it started could be taken by the time the service binds it."""


def port_of(address: str) -> int:
    """The port of a `host:port` address."""
    return int(address.rsplit(":", 1)[1])


@dataclass(frozen=True)
class Ports:
    """The TCP ports the stack listens on, all on loopback."""

    temporal: int
    temporal_ui: int
    codec: int
    """The codec server's: the UI is started knowing it."""
    services: Mapping[str, int]
    metrics: Mapping[str, int]
    """Each measured process's `/metrics` port."""
    temporal_inner: int
    """With TLS on, where the dev server itself listens (plaintext, loopback), behind the
    TLS front on `temporal`; unused without TLS."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Ports:
        """The ports `make up` uses: the services' from the same variables `Settings`
        reads, so a service and its callers can never disagree about a port. Only a
        process's own metrics variable counts: the shared CASEWORK_METRICS_PORT is one
        port for every process, which fits a pod but not one machine."""
        temporal = int(env.get("CASEWORK_TEMPORAL_PORT", DEFAULT_TEMPORAL_PORT))
        temporal_ui = int(env.get("CASEWORK_TEMPORAL_UI_PORT", temporal + 1000))
        codec = int(env.get("CASEWORK_CODEC_PORT", temporal_ui + 1))
        inner = int(env.get("CASEWORK_TEMPORAL_INNER_PORT", temporal + 2000))
        services = {name: port_of(Settings.from_env(name, env).listen) for name in SERVICES}
        metrics = {name: int(env.get(f"CASEWORK_{name.upper()}_METRICS_PORT") or default)
                   for name, default in DEFAULT_METRICS_PORTS.items()}
        return cls(temporal=temporal, temporal_ui=temporal_ui, codec=codec, services=services,
                   metrics=metrics, temporal_inner=inner)

    @classmethod
    def free(cls) -> Ports:
        """Ports nothing listens on now, so tests can run beside `make up` and each other."""
        found = free_ports(3 + len(SERVICES) + len(MEASURED) + 1)
        services = dict(zip(SERVICES, found[3:3 + len(SERVICES)], strict=True))
        metrics = dict(zip(MEASURED, found[3 + len(SERVICES):-1], strict=True))
        return cls(temporal=found[0], temporal_ui=found[1], codec=found[2], services=services,
                   metrics=metrics, temporal_inner=found[-1])


FREE_RANGE = range(20000, 32768)
"""Where `free_ports` looks: below Linux's ephemeral range, so the dev server, which takes
ports for its own listeners from that range as it starts, cannot take one meanwhile."""


def free_ports(count: int) -> list[int]:
    """`count` different loopback ports in `FREE_RANGE` that nothing listens on now."""
    with contextlib.ExitStack() as held:
        found: list[int] = []
        for port in random.sample(FREE_RANGE, len(FREE_RANGE)):
            if len(found) == count:
                break
            sock = held.enter_context(socket.socket())  # held, so no port comes twice
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            found.append(port)
        return found


@dataclass(frozen=True)
class Addresses:
    """Where each part of a running stack answers."""

    temporal: str
    temporal_ui: str
    codec: str
    """The codec server's URL (`/decode`, `/encode` below it)."""
    services: Mapping[str, str]
    metrics: Mapping[str, str]
    """Each measured process's metrics URL, for Prometheus or a browser."""

    @classmethod
    def of(cls, ports: Ports, *, tls: bool = False) -> Addresses:
        """The addresses of `ports`; with `tls`, the codec server and `/metrics` are
        https (the Temporal UI of the dev server stays http: it has no TLS)."""
        web = "https" if tls else "http"
        return cls(
            temporal=f"{HOST}:{ports.temporal}",
            temporal_ui=f"http://{HOST}:{ports.temporal_ui}",
            codec=f"{web}://{HOST}:{ports.codec}",
            services={name: f"{HOST}:{port}" for name, port in ports.services.items()},
            metrics={name: f"{web}://{HOST}:{port}/metrics"
                     for name, port in ports.metrics.items()},
        )

    def table(self) -> str:
        """The addresses as an aligned table, for the banner a person reads at start-up."""
        rows = [
            *((f"{name} (gRPC)", address) for name, address in self.services.items()),
            ("Temporal (gRPC)", self.temporal),
            ("Temporal UI", self.temporal_ui),
            ("UI codec server", self.codec),
            *((f"{name} metrics", url) for name, url in self.metrics.items()),
        ]
        width = max(len(name) for name, _ in rows)
        rule = "-" * (width + 2 + max(len(address) for _, address in rows))
        lines = [rule, *(f"{name:<{width}}  {address}" for name, address in rows), rule]
        return "\n".join(lines)
