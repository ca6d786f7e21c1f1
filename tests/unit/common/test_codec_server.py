"""The codec server over HTTP on loopback: it decodes and encodes for a caller its
`authorize` hook lets in (the API's token check: operations only, and on one machine a
caller at it without a token), refuses everyone else, and answers browsers of the UI's
origin only."""

from __future__ import annotations

import asyncio
import base64
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from google.protobuf import json_format
from temporalio.api.common.v1 import Payload, Payloads

from common.auth.roles import Role
from common.auth.tokens import AuthSettings, local_minter
from common.codec import ENCODING, EncryptionCodec, Keyring
from common.codec_access import Authorize, Refusal, loopback_only, token_check
from common.codec_server import codec_app
from tests.payloads import KEY_1, KEY_2, KEYRING, ROTATED
from tests.tokens import Issuer

ROOT = Path(__file__).resolve().parents[3]
UI = "http://127.0.0.1:8233"
COUNTY = b'"Sentinelview"'


def body(*payloads: Payload) -> str:
    return json_format.MessageToJson(Payloads(payloads=payloads))


async def sealed(namespace: str = "casework") -> Payload:
    [payload] = await EncryptionCodec(KEYRING, namespace).encode(
        [Payload(metadata={"encoding": b"json/plain"}, data=COUNTY)])
    return payload


@asynccontextmanager
async def codec_server(authorize: Authorize = loopback_only,
                       keyring: Keyring = KEYRING) -> AsyncIterator[str]:
    runner = web.AppRunner(codec_app(keyring, namespace="casework",
                                     ui_origins=(UI, "http://localhost:8233"),
                                     authorize=authorize))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    finally:
        await runner.cleanup()


async def post(url: str, text: str, **headers: str) -> tuple[int, str, Any]:
    async with aiohttp.ClientSession() as session, session.post(
            url, data=text, headers={"Content-Type": "application/json", **headers}) as reply:
        return reply.status, await reply.text(), reply.headers


async def test_a_caller_on_this_machine_gets_the_payloads_decoded() -> None:
    async with codec_server() as url:
        status, text, _ = await post(f"{url}/decode", body(await sealed()))
    assert status == 200
    [payload] = json_format.Parse(text, Payloads()).payloads
    assert payload.data == COUNTY and payload.metadata["encoding"] == b"json/plain"
    # What the UI sends really is base64 in protobuf's JSON form, metadata too.
    assert base64.b64encode(ENCODING).decode() in body(await sealed())


async def test_after_rotation_the_ui_still_shows_what_key_1_wrote_until_key_1_is_gone() -> None:
    async with codec_server(keyring=ROTATED) as url:
        status, text, _ = await post(f"{url}/decode", body(await sealed()))
    assert status == 200 and json_format.Parse(text, Payloads()).payloads[0].data == COUNTY
    async with codec_server(keyring=Keyring.parse([KEY_2])) as url:
        status, text, _ = await post(f"{url}/decode", body(await sealed()))
    assert status == 400 and "'test-key-1'" in text and "not in the keyring" in text


async def test_encode_seals_for_the_namespace_the_ui_names() -> None:
    clear = Payload(metadata={"encoding": b"json/plain"}, data=COUNTY)
    async with codec_server() as url:
        status, text, _ = await post(f"{url}/encode", body(clear), **{"X-Namespace": "other"})
    assert status == 200
    [payload] = json_format.Parse(text, Payloads()).payloads
    assert payload.metadata["encoding"] == ENCODING and COUNTY not in payload.data
    assert await EncryptionCodec(KEYRING, "other").decode([payload]) == [clear]


async def test_the_namespace_may_be_named_in_the_path_as_the_cli_templates_it() -> None:
    async with codec_server() as url:
        status, text, _ = await post(f"{url}/other/decode", body(await sealed("other")))
        refused, _, _ = await post(f"{url}/other/decode", body(await sealed("casework")))
    assert status == 200 and json_format.Parse(text, Payloads()).payloads[0].data == COUNTY
    assert refused == 400


async def test_a_payload_of_another_namespace_or_key_is_refused_naming_the_key_only() -> None:
    async with codec_server() as url:
        status, text, _ = await post(f"{url}/decode", body(await sealed("casework")),
                                     **{"X-Namespace": "other"})
    assert status == 400 and "'test-key-1'" in text and "Sentinelview" not in text


async def test_a_caller_the_hook_does_not_let_in_is_refused_and_gets_nothing() -> None:
    async def bearer_of_the_right_token(request: web.Request) -> Refusal | None:
        permitted = request.headers.get("Authorization") == "Bearer permitted"
        return None if permitted else Refusal(403, "not this one")

    async with codec_server(bearer_of_the_right_token) as url:
        refused = await post(f"{url}/decode", body(await sealed()))
        allowed = await post(f"{url}/decode", body(await sealed()),
                             Authorization="Bearer permitted")
    assert refused[0] == 403 and "Sentinelview" not in refused[1]
    assert allowed[0] == 200 and "Sentinelview" not in allowed[1]  # base64 in the reply
    assert json_format.Parse(allowed[1], Payloads()).payloads[0].data == COUNTY


async def test_with_the_agencys_issuer_only_an_operations_token_decodes() -> None:
    """No loopback exemption where an OIDC issuer signs the tokens: a browser on the
    same host as the codec server is no proof of who sits at it."""
    issuer = Issuer()
    async with codec_server(token_check(issuer.verifier, trust_loopback=False)) as url:
        answers = {
            who: await post(f"{url}/decode", body(await sealed()), **dict(metadata))
            for who, metadata in {
                "operations": issuer.operations(),
                "caseworker": issuer.caseworker("cw-1", "office-001"),
                "supervisor": issuer.supervisor("office-001"),
                "worker": issuer.worker(),
                "expired": issuer.metadata("operations", "ops-1", iat=1, exp=2),
                "another issuer": Issuer().operations(),
            }.items()}
        none = await post(f"{url}/decode", body(await sealed()))
    assert json_format.Parse(answers.pop("operations")[1], Payloads()).payloads[0].data == COUNTY
    assert {who: status for who, (status, _, _) in answers.items()} == {
        "caseworker": 403, "supervisor": 403, "worker": 403, "expired": 401,
        "another issuer": 401}
    assert "only operations may" in answers["caseworker"][1]
    assert none[0] == 401 and none[2]["WWW-Authenticate"] == "Bearer"
    assert all("Sentinelview" not in text for _, text, _ in (*answers.values(), none))


async def test_on_one_machine_a_local_caller_needs_no_token_but_a_bad_one_is_refused() -> None:
    issuer = Issuer()
    async with codec_server(token_check(issuer.verifier, trust_loopback=True)) as url:
        untokened = await post(f"{url}/decode", body(await sealed()))
        caseworker = await post(f"{url}/decode", body(await sealed()),
                                **dict(issuer.caseworker("cw-1", "office-001")))
    assert untokened[0] == 200
    assert caseworker[0] == 403


async def test_by_default_only_callers_on_this_machine_are_let_in() -> None:
    class Peer(asyncio.Transport):
        def __init__(self, address: str) -> None:
            super().__init__()
            self._address = address

        def get_extra_info(self, name: str, default: Any = None) -> Any:
            return (self._address, 40000) if name == "peername" else default

    for address, allowed in (("127.0.0.1", True), ("::1", True), ("203.0.113.9", False)):
        request = make_mocked_request("POST", "/decode", transport=Peer(address))
        assert (await loopback_only(request) is None) is allowed, address


async def test_browsers_may_call_from_the_ui_origin_only() -> None:
    async with codec_server() as url, aiohttp.ClientSession() as session:
        async with session.options(f"{url}/decode", headers={
                "Origin": UI, "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type,x-namespace"}) as preflight:
            assert preflight.status == 204
            assert preflight.headers["Access-Control-Allow-Origin"] == UI
            assert "X-Namespace" in preflight.headers["Access-Control-Allow-Headers"]
        for origin in (UI, "http://localhost:8233"):
            status, _, headers = await post(f"{url}/decode", body(await sealed()), Origin=origin)
            assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        status, text, headers = await post(f"{url}/decode", body(await sealed()),
                                           Origin="http://evil.example")
        assert status == 403 and "Access-Control-Allow-Origin" not in headers
        assert "Sentinelview" not in text


async def test_the_codec_server_runs_as_its_own_process(tmp_path: Path) -> None:
    env = {"CASEWORK_PAYLOAD_KEYS": KEY_1, "CASEWORK_CODEC_LISTEN": "127.0.0.1:0",
           "TEMPORAL_NAMESPACE": "casework", "CASEWORK_VAR_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "common.codec_server", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        assert line.startswith("codec listening on http://127.0.0.1:"), line
        status, text, _ = await post(f"{line.split()[-1]}/decode", body(await sealed()))
        assert status == 200 and json_format.Parse(text, Payloads()).payloads[0].data == COUNTY
        # The process checks tokens with the local key of its folder.
        minter = local_minter(AuthSettings(var_dir=str(tmp_path)))
        as_caseworker = {"Authorization": "Bearer " + minter.mint(
            Role.CASEWORKER, "cw-1", "office-001", timedelta(minutes=5))}
        refused, _, _ = await post(f"{line.split()[-1]}/decode", body(await sealed()),
                                   **as_caseworker)
        assert refused == 403
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 30) == 0
