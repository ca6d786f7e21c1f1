"""The codec server the Temporal UI decrypts payloads with: `python -m common.codec_server`.

The UI (the dev server started with `--ui-codec-endpoint`) sends the payloads it shows to
`POST /decode`, and what a person types for a workflow (a signal's input) to
`POST /encode`, as Temporal's codec server protocol has them: a JSON body
`{"payloads": [...]}` in protobuf's JSON form (metadata values and data in base64), the
namespace in the `X-Namespace` header (default: the configured one), and the same shape
back, run through `common.codec` with the configured keyring. `/<namespace>/decode` and
`/<namespace>/encode` name the namespace in the path instead, for the CLI's
`--codec-endpoint 'http://127.0.0.1:8234/{namespace}'`.

Who may call is one hook, `authorize` (`common.codec_access`); the server run as a
process uses the API's own check: a bearer token of a role that reads every case, and on
one machine (the local key as issuer) a caller at this machine without one. Browsers
may call from the UI's origin only: CORS names that origin alone (as typed: `127.0.0.1`
and `localhost` are two), and a request from any other origin is refused outright, so a
page elsewhere cannot read decrypted payloads even through a DNS name rebound to
loopback.

CASEWORK_CODEC_LISTEN
    Where it listens (`make up`: 127.0.0.1:8234, `CASEWORK_CODEC_PORT`).
CASEWORK_CODEC_UI_ORIGIN
    The Temporal UI's origins, comma-separated (default `http://127.0.0.1:8233,
    http://localhost:8233`).
CASEWORK_TLS_DIR
    With TLS on (`common.tls`), https with the `codec` certificate, and a client
    certificate from the CA required of every caller, the browser's included.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Collection

from aiohttp import web
from google.protobuf import json_format
from temporalio.api.common.v1 import Payloads

from common.auth.tokens import AuthSettings, verifier_for
from common.codec import EncryptionCodec, Keyring, PayloadKeyError, payload_keyring
from common.codec_access import Authorize, token_check
from common.config import Settings, listed
from common.process import until_signalled
from common.tls import identity_for, server_context

DEFAULT_UI_ORIGINS = ("http://127.0.0.1:8233", "http://localhost:8233")
MAX_BODY_BYTES = 16 * 1024 * 1024
"""As large as any message a service takes: a page of the UI sends a history's payloads."""
PREFLIGHT_MAX_AGE_SECONDS = "600"

def codec_app(keyring: Keyring, *, namespace: str, ui_origins: Collection[str],
              authorize: Authorize) -> web.Application:
    """The codec server as an aiohttp application: `/encode` and `/decode` for the
    namespace a request names (in its path or `X-Namespace`, else `namespace`)."""

    async def code(request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin not in ui_origins:
            return web.Response(status=403, text="origin not allowed")
        if request.method == "OPTIONS":  # the browser's preflight carries no credentials
            return web.Response(status=204, headers={
                "Access-Control-Allow-Methods": "POST",
                "Access-Control-Allow-Headers": "Content-Type, X-Namespace, Authorization",
                "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS})
        if request.method != "POST":
            return web.Response(status=405, headers={"Allow": "POST, OPTIONS"})
        refusal = await authorize(request)
        if refusal is not None:
            return refusal.response()
        try:
            payloads = json_format.Parse(await request.text(), Payloads())
        except json_format.ParseError:
            return web.Response(status=400, text='expected {"payloads": [...]}')
        codec = EncryptionCodec(keyring, request.match_info.get("namespace")
                                or request.headers.get("X-Namespace") or namespace)
        try:
            if request.match_info["action"] == "encode":
                coded = await codec.encode(payloads.payloads)
            else:
                coded = await codec.decode(payloads.payloads)
        except PayloadKeyError as error:  # names the key id, never the content
            return web.Response(status=400, text=str(error))
        return web.Response(text=json_format.MessageToJson(Payloads(payloads=coded)),
                            content_type="application/json")

    @web.middleware
    async def cors(request: web.Request,
                   handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                   ) -> web.StreamResponse:
        response = await handler(request)
        origin = request.headers.get("Origin")
        if origin is not None and origin in ui_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
        response.headers["Vary"] = "Origin"
        return response

    app = web.Application(middlewares=[cors], client_max_size=MAX_BODY_BYTES)
    app.router.add_route("*", "/{action:encode|decode}", code)
    app.router.add_route("*", "/{namespace}/{action:encode|decode}", code)
    return app


async def main() -> None:
    settings = Settings.from_env("codec")
    auth = AuthSettings.from_env(var_dir=settings.var_dir)
    app = codec_app(payload_keyring(settings), namespace=settings.temporal_namespace,
                    ui_origins=listed(os.environ.get("CASEWORK_CODEC_UI_ORIGIN", ""))
                    or DEFAULT_UI_ORIGINS,
                    authorize=token_check(verifier_for(auth), trust_loopback=not auth.oidc_issuer))
    host, port = settings.listen.rsplit(":", 1)
    # TLS on: https, but no client certificate asked of a browser (the Temporal UI calls
    # from the user's); who may decode is the bearer token's, as for the API.
    identity = identity_for(settings)
    runner = web.AppRunner(app, access_log=None)  # the paths say nothing worth a line each
    await runner.setup()
    try:
        await web.TCPSite(runner, host, int(port), ssl_context=None if identity is None
                          else server_context(identity, client_certificate=False)).start()
        bound_host, bound_port = runner.addresses[0][:2]  # the port picked, for port 0
        scheme = "http" if identity is None else "https"
        print(f"codec listening on {scheme}://{bound_host}:{bound_port}", flush=True)
        await until_signalled()
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    asyncio.run(main())
