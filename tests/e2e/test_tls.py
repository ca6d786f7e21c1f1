"""TLS and mutual TLS end to end (issue 12, point 4): a stack of this module's own
started with `CASEWORK_TLS_DIR` set, so `Stack` makes a CA and a certificate per
process, every listener speaks TLS and every caller must show a certificate from that
CA. Cases run through it as they do without TLS (the demo, as `casework demo` calls,
and a submission read back); then each port is tried by the callers it must turn away:
plaintext, TLS without a client certificate, and a certificate from another CA."""

from __future__ import annotations

import io
import os
import ssl
import subprocess
from collections.abc import AsyncIterator

import aiohttp
import pytest
from grpc_health.v1 import health_pb2
from temporalio.service import TLSConfig

from cli.demo import run_demo
from cli.scenarios import SCENARIOS
from common.config import SERVICES
from common.tls import Identity, channel_credentials, client_context, identity_for
from deploy.local import codec_answers
from tests.e2e import builders
from tests.e2e.conftest import RunningStack, running_stack
from tests.servers import TEMPORAL_CLI
from tests.tls import (
    ca_only_context,
    foreign_identity,
    grpc_refuses,
    health,
    https_get,
    https_refuses,
    refused_callers,
    temporal_refuses,
)

pytestmark = pytest.mark.e2e

REFUSED = ("plaintext", "no client certificate", "a certificate from another CA")


@pytest.fixture(scope="module")
async def secured(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningStack]:
    """The stack with TLS on, on SQLite in its own folder."""
    folder = tmp_path_factory.mktemp("tls-stack")
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env["CASEWORK_TLS_DIR"] = str(folder / "tls")
    async with running_stack(folder, env) as running:
        yield running


@pytest.fixture(scope="module")
def cli_identity(secured: RunningStack) -> Identity:
    identity = identity_for(secured.settings("cli"))
    assert identity is not None, "the stack's processes see the switch"
    return identity


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> Identity:
    return foreign_identity(tmp_path_factory.mktemp("elsewhere"))


async def test_cases_run_through_a_stack_with_tls_everywhere(
        secured: RunningStack, cli_identity: Identity) -> None:
    """The demo's cases reach where they should: intake starts workflows on Temporal
    through its front, the worker calls every service, each over mutual TLS."""
    ran = await run_demo(secured.addresses.services, out=io.StringIO(),
                         timezone=secured.settings("cli").agency_timezone,
                         minter=secured.issuer.minter, scenarios=SCENARIOS[:2],
                         identity=cli_identity)
    assert [(o.key, o.ok, o.problems) for o in ran] == [("a", True, []), ("b", True, [])]
    case_id = await builders.submit(secured, builders.a_snap_family())
    assert (await builders.get_case(secured, case_id)).case_id == case_id


async def test_every_service_answers_a_certificate_from_the_ca_only(
        secured: RunningStack, cli_identity: Identity, foreign: Identity) -> None:
    refused = refused_callers(cli_identity, foreign)
    assert set(refused) == set(REFUSED)
    for name in SERVICES:
        address = secured.addresses.services[name]
        assert await health(address, channel_credentials(cli_identity)) == \
            health_pb2.HealthCheckResponse.SERVING
        for kind, caller in refused.items():
            assert await grpc_refuses(address, caller), f"{name} let in {kind}"


async def test_temporal_refuses_a_client_without_a_certificate_from_the_ca(
        secured: RunningStack, cli_identity: Identity, foreign: Identity) -> None:
    address = secured.addresses.temporal
    ca = cli_identity.ca.read_bytes()
    assert await temporal_refuses(address, False)
    assert await temporal_refuses(address, TLSConfig(server_root_ca_cert=ca))
    assert await temporal_refuses(address, TLSConfig(
        server_root_ca_cert=ca, client_cert=foreign.cert.read_bytes(),
        client_private_key=foreign.key.read_bytes()))
    assert not await temporal_refuses(address, TLSConfig(
        server_root_ca_cert=ca, client_cert=cli_identity.cert.read_bytes(),
        client_private_key=cli_identity.key.read_bytes()))


def temporal_cli(address: str, *tls: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TEMPORAL_CLI), "operator", "namespace", "describe",
                           "--namespace", "default", "--address", address, *tls],
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_temporal_cli_gets_in_with_the_clis_certificate(
        secured: RunningStack, cli_identity: Identity) -> None:
    """What the README tells a person to type."""
    address = secured.addresses.temporal
    assert temporal_cli(address).returncode != 0
    described = temporal_cli(address, "--tls-ca-path", str(cli_identity.ca),
                             "--tls-cert-path", str(cli_identity.cert),
                             "--tls-key-path", str(cli_identity.key))
    assert described.returncode == 0, described.stderr


def test_every_metrics_endpoint_is_https_with_a_client_certificate(
        secured: RunningStack, cli_identity: Identity, foreign: Identity) -> None:
    for name, url in secured.addresses.metrics.items():
        assert url.startswith("https://")
        assert b"# TYPE" in https_get(url, client_context(cli_identity)), name
        assert https_refuses(url, ca_only_context(cli_identity)), name
        assert https_refuses(url, client_context(foreign)), name
        plaintext = url.replace("https://", "http://")
        assert https_refuses(plaintext, client_context(cli_identity)), name


async def decodes(url: str, context: ssl.SSLContext) -> bool:
    async with aiohttp.ClientSession() as session, session.post(
            f"{url}/decode", json={"payloads": []}, ssl=context) as reply:
        return reply.status == 200


async def test_the_codec_server_is_https_and_takes_a_browser_without_a_certificate(
        secured: RunningStack, cli_identity: Identity, foreign: Identity) -> None:
    """A browser has no client certificate; the token is the codec server's check (on
    one machine a loopback caller needs none), and another CA's certificate is still
    refused in the handshake."""
    url = secured.addresses.codec
    assert url.startswith("https://")
    assert await codec_answers(url, cli_identity)
    assert await decodes(url, ca_only_context(cli_identity))
    with pytest.raises(aiohttp.ClientError):
        await decodes(url, client_context(foreign))
    with pytest.raises(aiohttp.ClientError):
        await decodes(url.replace("https://", "http://"), client_context(cli_identity))
