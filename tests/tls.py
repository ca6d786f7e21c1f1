"""What the TLS tests call with: the callers a TLS listener must refuse (plaintext, TLS
with no certificate, a certificate from another CA) next to the one it must let in,
over real sockets, for gRPC, Temporal's frontend and https (`/metrics`, the codec)."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import TypeAlias

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from temporalio.client import Client
from temporalio.service import TLSConfig

from common.tls import Identity
from deploy.local.certs import issue

CALL_TIMEOUT = 5.0

Caller: TypeAlias = grpc.ChannelCredentials | None
"""How a test reaches a gRPC server: None is plaintext."""


def foreign_identity(folder: Path, name: str = "cli") -> Identity:
    """A certificate as good as the real ones but from a CA of its own."""
    issue(folder, [name], common_name="Someone else's CA")
    return Identity.of(folder, name)


def without_certificate(identity: Identity) -> grpc.ChannelCredentials:
    """TLS that trusts the server's CA but shows no certificate of its own."""
    return grpc.ssl_channel_credentials(root_certificates=identity.ca.read_bytes())


def refused_callers(identity: Identity, foreign: Identity) -> dict[str, Caller]:
    """Every kind of caller a mutual-TLS gRPC listener must refuse, by what it lacks."""
    return {"plaintext": None, "no client certificate": without_certificate(identity),
            "a certificate from another CA": grpc.ssl_channel_credentials(
                root_certificates=identity.ca.read_bytes(),
                private_key=foreign.key.read_bytes(),
                certificate_chain=foreign.cert.read_bytes())}


async def health(address: str, caller: Caller) -> int:
    """The health status `address` reports to `caller`; raises the call's error when
    it is refused."""
    channel = (grpc.aio.insecure_channel(address) if caller is None
               else grpc.aio.secure_channel(address, caller))
    async with channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(), timeout=CALL_TIMEOUT)
    return int(reply.status)


async def grpc_refuses(address: str, caller: Caller) -> bool:
    """Whether `caller` cannot get an answer from `address` (UNAVAILABLE: the
    handshake failed, or a plaintext caller met a TLS listener)."""
    try:
        await health(address, caller)
    except grpc.aio.AioRpcError as error:
        return error.code() == grpc.StatusCode.UNAVAILABLE
    return False


async def temporal_refuses(address: str, tls: TLSConfig | bool) -> bool:
    """Whether a Temporal client with `tls` fails to connect to `address`."""
    try:
        await Client.connect(address, tls=tls)
    except RuntimeError:  # the SDK's core reports every connection failure so
        return True
    return False


def https_get(url: str, context: ssl.SSLContext) -> bytes:
    """GET `url` over TLS with `context` (raises when refused)."""
    with urllib.request.urlopen(url, context=context, timeout=CALL_TIMEOUT) as reply:
        return bytes(reply.read())


def https_refuses(url: str, context: ssl.SSLContext) -> bool:
    """Whether a GET of `url` with `context` fails in or right after the handshake."""
    try:
        https_get(url, context)
    except urllib.error.HTTPError:  # an answer, if not a happy one: the caller got in
        return False
    except (ssl.SSLError, ConnectionError, urllib.error.URLError):
        return True
    return False


def ca_only_context(identity: Identity) -> ssl.SSLContext:
    """An https client that trusts the CA and shows no certificate."""
    return ssl.create_default_context(cafile=str(identity.ca))
