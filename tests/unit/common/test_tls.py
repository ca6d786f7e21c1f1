"""TLS from one switch (`common.tls`), with certificates from `deploy.local.certs`: a
gRPC server built by `start_server`, the TLS front and `/metrics`, each on a real
socket, let in a caller with a certificate from the CA and refuse plaintext, TLS
without a certificate and a certificate from another CA."""

from __future__ import annotations

import asyncio
import ipaddress
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from grpc_health.v1 import health_pb2

from common.config import Settings
from common.metrics import serve_metrics
from common.server import RunningServer, start_server
from common.tls import (
    CA_FILE,
    Identity,
    channel_credentials,
    client_context,
    identity_for,
    server_context,
    server_credentials,
)
from common.tls_front import tls_front
from deploy.local.certs import NAMES, ensure, issue
from tests.tls import (
    ca_only_context,
    foreign_identity,
    grpc_refuses,
    health,
    https_get,
    https_refuses,
    refused_callers,
)
from tests.tokens import Issuer


@pytest.fixture(scope="module")
def tls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tls")
    issue(folder)
    return folder


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> Identity:
    return foreign_identity(tmp_path_factory.mktemp("elsewhere"))


def test_every_process_gets_a_certificate_for_loopback_and_its_name_from_the_ca(
        tls_dir: Path) -> None:
    ca = x509.load_pem_x509_certificate((tls_dir / CA_FILE).read_bytes())
    for name in NAMES:
        cert = x509.load_pem_x509_certificate((tls_dir / f"{name}.pem").read_bytes())
        cert.verify_directly_issued_by(ca)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert names.get_values_for_type(x509.DNSName) == ["localhost", name]
        assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        assert set(usage) == {ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH}
        assert stat.S_IMODE((tls_dir / f"{name}.key").stat().st_mode) == 0o600


def test_ensure_keeps_a_folder_that_already_has_a_ca(tls_dir: Path, tmp_path: Path) -> None:
    before = (tls_dir / CA_FILE).read_bytes()
    ensure(tls_dir)
    assert (tls_dir / CA_FILE).read_bytes() == before
    ensure(tmp_path / "new")
    assert (tmp_path / "new" / "intake.key").is_file()


def test_the_switch_is_one_variable(tls_dir: Path) -> None:
    assert identity_for(Settings.from_env("intake", {})) is None
    identity = identity_for(Settings.from_env("intake", {"CASEWORK_TLS_DIR": str(tls_dir)}))
    assert identity == Identity(tls_dir / CA_FILE, tls_dir / "intake.pem", tls_dir / "intake.key")


def test_a_missing_certificate_fails_at_start_naming_the_file(tls_dir: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nobody\.pem"):
        Identity.of(tls_dir, "nobody")


@pytest.fixture
async def server(tls_dir: Path) -> AsyncIterator[RunningServer]:
    running = await start_server(
        "127.0.0.1:0", lambda server: None, [], authorization=Issuer().allowing(),
        credentials=server_credentials(Identity.of(tls_dir, "intake")))
    try:
        yield running
    finally:
        await running.stop(grace=0)


async def test_a_grpc_server_answers_a_caller_with_a_certificate_from_the_ca(
        server: RunningServer, tls_dir: Path) -> None:
    caller = channel_credentials(Identity.of(tls_dir, "cli"))
    assert await health(f"127.0.0.1:{server.port}", caller) == \
        health_pb2.HealthCheckResponse.SERVING


@pytest.mark.parametrize("kind", ["plaintext", "no client certificate",
                                  "a certificate from another CA"])
async def test_a_grpc_server_refuses_every_other_caller(
        server: RunningServer, tls_dir: Path, foreign: Identity, kind: str) -> None:
    caller = refused_callers(Identity.of(tls_dir, "cli"), foreign)[kind]
    assert await grpc_refuses(f"127.0.0.1:{server.port}", caller)


async def test_a_client_refuses_a_server_from_another_ca(
        tls_dir: Path, foreign: Identity) -> None:
    """Mutual: the caller checks the server too."""
    running = await start_server("127.0.0.1:0", lambda server: None, [],
                                 authorization=Issuer().allowing(),
                                 credentials=server_credentials(foreign))
    try:
        caller = channel_credentials(Identity.of(tls_dir, "cli"))
        assert await grpc_refuses(f"127.0.0.1:{running.port}", caller)
    finally:
        await running.stop(grace=0)


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(1024):
        writer.write(data.upper())
        await writer.drain()
    writer.close()


async def test_the_front_speaks_tls_for_a_plaintext_listener_and_refuses_who_has_no_certificate(
        tls_dir: Path, foreign: Identity) -> None:
    target = await asyncio.start_server(echo, "127.0.0.1", 0)
    target_port = target.sockets[0].getsockname()[1]
    context = server_context(Identity.of(tls_dir, "temporal"))
    async with target, tls_front("127.0.0.1:0", f"127.0.0.1:{target_port}", context) as front:
        port = front.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, ssl=client_context(Identity.of(tls_dir, "worker")))
        writer.write(b"through the front")
        await writer.drain()
        assert await reader.read(1024) == b"THROUGH THE FRONT"
        writer.close()
        for refused in (ca_only_context(Identity.of(tls_dir, "worker")),
                        client_context(foreign)):
            with pytest.raises((OSError, ConnectionError)):
                reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=refused)
                writer.write(b"let me in")
                await writer.drain()
                if not await reader.read(1024):  # TLS 1.3: refused right after the handshake
                    raise ConnectionError("closed without an answer")


def test_metrics_are_https_and_need_a_client_certificate(
        tls_dir: Path, foreign: Identity) -> None:
    endpoint = serve_metrics("intake", "127.0.0.1", 0, Identity.of(tls_dir, "intake"))
    try:
        url = f"https://127.0.0.1:{endpoint.port}/metrics"
        assert endpoint.url == url
        endpoint.provider.get_meter("test").create_counter("tls_probe").add(1)
        assert b"tls_probe_total 1.0" in https_get(url, client_context(Identity.of(tls_dir, "cli")))
        assert https_refuses(url, ca_only_context(Identity.of(tls_dir, "cli")))
        assert https_refuses(url, client_context(foreign))
    finally:
        endpoint.close()
