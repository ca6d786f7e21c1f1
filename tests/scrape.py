"""Reading a `/metrics` endpoint the way Prometheus stores it, for tests of what is
exposed.

Each sample keeps the name it has on the wire. prometheus_client's parser is not used:
it renames a counter's samples to `<name>_total`, which would hide exactly what these
tests check (the Temporal SDK writes counters without the suffix, and Prometheus stores
them as written).
"""

from __future__ import annotations

import asyncio
import re
import socket
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

SAMPLE = re.compile(r"^(?P<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?P<labels>.*)\})?\s+(?P<value>\S+)")
LABEL = re.compile(r'(?P<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?P<value>(?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Sample:
    name: str
    labels: Mapping[str, str]
    value: float


def free_port() -> int:
    """A loopback port nothing listens on now, for a process that must be told its port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def parse(text: str) -> list[Sample]:
    """The samples of a text exposition (format 0.0.4), comments left out."""
    samples = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        assert match is not None, f"not a sample line: {line!r}"
        labels = {m["key"]: m["value"] for m in LABEL.finditer(match["labels"] or "")}
        samples.append(Sample(match["name"], labels, float(match["value"])))
    return samples


def scrape(url: str) -> list[Sample]:
    """Every sample the endpoint serves, asked for as Prometheus asks."""
    request = urllib.request.Request(url, headers={"Accept": "text/plain;version=0.0.4"})
    with urllib.request.urlopen(request, timeout=5) as reply:
        return parse(reply.read().decode())


async def scrape_async(url: str) -> list[Sample]:
    """`scrape` off the event loop, so servers in this process keep answering."""
    return await asyncio.to_thread(scrape, url)
