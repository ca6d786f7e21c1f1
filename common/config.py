"""One frozen `Settings` per process, read once from the environment in `__main__`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

SERVICES = ("intake", "eligibility", "referrals", "payments")

DEFAULT_PORTS = {"intake": 50051, "eligibility": 50052, "referrals": 50053, "payments": 50054}
DEFAULT_TEMPORAL_ADDRESS = "127.0.0.1:7233"
DEFAULT_VAR_DIR = "var"
DEFAULT_TASK_QUEUE = "casework"
DEFAULT_METRICS_HOST = "127.0.0.1"
DEFAULT_DRAIN_SECONDS = 1.0


def default_address(service: str) -> str:
    return f"127.0.0.1:{DEFAULT_PORTS[service]}"


def listed(value: str) -> tuple[str, ...]:
    """The items of a comma-separated setting, blanks dropped."""
    return tuple(item.strip() for item in value.split(",") if item.strip())


@dataclass(frozen=True)
class Settings:
    """Configuration of one process (a service, the worker or the CLI).

    Every value has a loopback default, so the stack runs on one machine with nothing
    set; `from_env` takes the mapping as an argument so tests pass a dict.
    """

    process: str
    database_url: str
    listen: str
    addresses: Mapping[str, str] = field(default_factory=dict)
    """Where each service listens, as the worker and intake reach them."""
    temporal_address: str = DEFAULT_TEMPORAL_ADDRESS
    temporal_namespace: str = "default"
    task_queue: str = DEFAULT_TASK_QUEUE
    agency_timezone: str = "America/Chicago"
    trace_exporter: str = "none"
    """none, console or otlp (OTEL_EXPORTER_OTLP_ENDPOINT picks the collector)."""
    var_dir: str = DEFAULT_VAR_DIR
    """Where a process on one machine keeps its files (SQLite databases, dev keys)."""
    metrics_port: int = 0
    """Where `/metrics` is served for Prometheus; 0 serves none (`common.metrics`)."""
    metrics_host: str = DEFAULT_METRICS_HOST
    """The interface `/metrics` listens on: loopback locally, 0.0.0.0 in a pod."""
    payload_keys: tuple[str, ...] = field(default=(), repr=False)
    """CASEWORK_PAYLOAD_KEYS: the `id:base64key` entries Temporal payloads are encrypted
    with, primary first (`common.codec`); none means the development key in `var_dir`.
    Left out of the repr, so a logged Settings never shows a key."""
    tls_dir: str = ""
    """CASEWORK_TLS_DIR: the folder of the CA and each process's certificate and key;
    empty means no TLS anywhere (`common.tls`)."""
    drain_seconds: float = DEFAULT_DRAIN_SECONDS
    """CASEWORK_DRAIN_SECONDS: how long a service stopping on SIGTERM keeps answering
    while its health says NOT_SERVING, so load balancers and probes see it leave before
    it refuses calls (`common.server.RunningServer.stop`)."""

    @classmethod
    def from_env(cls, process: str, env: Mapping[str, str] = os.environ) -> Settings:
        own = f"CASEWORK_{process.upper()}_"
        var_dir = env.get("CASEWORK_VAR_DIR", DEFAULT_VAR_DIR)
        database_url = (
            env.get(own + "DATABASE_URL")
            or env.get("DATABASE_URL")
            or f"sqlite+aiosqlite:///{var_dir}/{process}.db"
        )
        addresses = {
            name: env.get(f"CASEWORK_{name.upper()}_ADDRESS")
            or env.get(f"CASEWORK_{name.upper()}_LISTEN")
            or default_address(name)
            for name in SERVICES
        }
        listen = env.get(own + "LISTEN") or addresses.get(process, "127.0.0.1:0")
        return cls(
            process=process,
            database_url=database_url,
            listen=listen,
            addresses=addresses,
            temporal_address=env.get("TEMPORAL_ADDRESS", DEFAULT_TEMPORAL_ADDRESS),
            temporal_namespace=env.get("TEMPORAL_NAMESPACE", "default"),
            task_queue=env.get("CASEWORK_TASK_QUEUE", DEFAULT_TASK_QUEUE),
            agency_timezone=env.get("AGENCY_TIMEZONE", cls.agency_timezone),
            trace_exporter=env.get("CASEWORK_TRACE_EXPORTER", "none"),
            var_dir=var_dir,
            # A process's own port wins over the shared one: in a pod every process may
            # use the same port, on one machine each needs its own.
            metrics_port=int(env.get(own + "METRICS_PORT") or env.get("CASEWORK_METRICS_PORT")
                             or 0),
            metrics_host=env.get("CASEWORK_METRICS_HOST") or DEFAULT_METRICS_HOST,
            payload_keys=listed(env.get("CASEWORK_PAYLOAD_KEYS", "")),
            tls_dir=env.get("CASEWORK_TLS_DIR", ""),
            drain_seconds=float(env.get("CASEWORK_DRAIN_SECONDS") or DEFAULT_DRAIN_SECONDS),
        )
