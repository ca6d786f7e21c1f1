"""A TLS front for a listener that cannot do TLS itself: `python -m common.tls_front`.

Two listeners here speak plaintext only: `temporal server start-dev` has no TLS options
at all, and the Temporal SDK's Prometheus endpoint (the worker's `/metrics`) has none
either. The front listens where callers expect the listener, completes mutual TLS with
the process's certificate (a client certificate from the CA is required,
`common.tls.server_context`), and then pumps bytes both ways to the plaintext listener
on loopback. It never parses what flows: offering ALPN `h2` is all gRPC needs (the
Temporal SDK's client refuses a server that does not select it).

    python -m common.tls_front LISTEN TARGET [--alpn h2]

reads CASEWORK_TLS_DIR and serves with the certificate of the process named by
CASEWORK_TLS_FRONT_NAME (default `temporal`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable

from common.config import Settings
from common.process import until_signalled
from common.tls import H2, Identity, server_context

log = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy `reader` into `writer` until end of stream, then half-close `writer`."""
    try:
        while data := await reader.read(CHUNK_BYTES):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, ssl.SSLError):
        writer.close()  # the other side went away: so does this one


def _splice(target_host: str, target_port: int) -> Handler:
    """A connection handler that opens one plaintext connection to the target per
    TLS connection accepted and pumps both ways until either side closes."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            inner_reader, inner_writer = await asyncio.open_connection(target_host, target_port)
        except OSError as error:
            log.warning("TLS front: cannot reach %s:%s: %s", target_host, target_port,
                        type(error).__name__)
            writer.close()
            return
        try:
            await asyncio.gather(_pump(reader, inner_writer), _pump(inner_reader, writer))
        except asyncio.CancelledError:
            # The front is stopping. Ending the handler quietly: asyncio (3.11) logs a
            # stream handler task that ends cancelled as an error.
            pass
        finally:
            for each in (writer, inner_writer):
                each.close()
                with contextlib.suppress(ConnectionError, ssl.SSLError):
                    await each.wait_closed()
    return handle


@contextlib.asynccontextmanager
async def tls_front(listen: str, target: str, context: ssl.SSLContext
                    ) -> AsyncIterator[asyncio.Server]:
    """Serve TLS on `listen` (port 0 picks one: see the server's sockets) for the
    plaintext listener at `target` while the block runs."""
    host, port = listen.rsplit(":", 1)
    target_host, target_port = target.rsplit(":", 1)
    server = await asyncio.start_server(_splice(target_host, int(target_port)), host,
                                        int(port), ssl=context)
    try:
        yield server
    finally:
        server.close()
        await server.wait_closed()


async def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m common.tls_front")
    parser.add_argument("listen", help="host:port to serve TLS on")
    parser.add_argument("target", help="host:port of the plaintext listener")
    parser.add_argument("--alpn", action="append", default=[], help=f"e.g. {H2}")
    args = parser.parse_args()
    name = os.environ.get("CASEWORK_TLS_FRONT_NAME", "temporal")
    settings = Settings.from_env(name)
    if not settings.tls_dir:
        parser.error("CASEWORK_TLS_DIR is not set: there is nothing to front")
    context = server_context(Identity.of(settings.tls_dir, name), alpn=tuple(args.alpn))
    async with tls_front(args.listen, args.target, context) as server:
        bound = server.sockets[0].getsockname()
        print(f"tls front listening on {bound[0]}:{bound[1]} for {args.target}", flush=True)
        await until_signalled()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    asyncio.run(main())
