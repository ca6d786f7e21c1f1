"""Every Casework gRPC server is built here the same way: the servicers, the standard
health service (SERVING), server reflection, the tracing interceptor, the latency
histogram (`common.metrics.RpcLatency`) and the role table's interceptor
(`common.auth.interceptor.Authorization`), which no server goes without."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider

from common.auth.interceptor import Authorization
from common.metrics import RpcLatency
from common.telemetry import server_interceptors

log = logging.getLogger(__name__)

MIB = 1024 * 1024

DEFAULT_MAX_MESSAGE_BYTES = 4 * MIB
"""The largest request a service takes and reply it sends unless its `Built` says
otherwise (gRPC's own default): a larger request is refused RESOURCE_EXHAUSTED before
any of it is parsed, and the server carries on."""

Register = Callable[[grpc.aio.Server], None]


@dataclass
class RunningServer:
    server: grpc.aio.Server
    port: int
    health: health.aio.HealthServicer

    async def stop(self, grace: float = 2.0, *, notice: float = 0.0) -> None:
        """Report NOT_SERVING for every service name, keep answering for `notice`
        seconds, then let in-flight calls finish for up to `grace` seconds.

        The notice is what makes NOT_SERVING visible: once gRPC's own stop begins it
        refuses every new call, health checks too, so a probe would only ever see the
        service vanish, not drain."""
        await self.health.enter_graceful_shutdown()
        if notice > 0:
            await asyncio.sleep(notice)
        await self.server.stop(grace)


async def start_server(
    listen: str,
    register: Register,
    service_names: Sequence[str],
    *,
    authorization: Authorization,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
    credentials: grpc.ServerCredentials | None = None,
    max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
    interceptors: Sequence[grpc.aio.ServerInterceptor] = (),
) -> RunningServer:
    """Build, bind and start a server; `listen` may use port 0 to pick a free port.

    Every call but health and reflection goes through `authorization`: its token must
    be one the verifier trusts, and the role table must allow it. The latency histogram
    wraps the authorization, so refused calls are timed with their codes. The global
    tracer and meter providers are used unless a test passes its own. With
    `credentials` (`common.tls.server_credentials`) it serves mutual TLS only.
    `max_message_bytes` bounds each message in and out. `interceptors` run after the
    authorization, inside the audited call, with the caller known (`common.ratelimit`)."""
    server = grpc.aio.server(
        interceptors=[*server_interceptors(tracer_provider), RpcLatency(meter_provider),
                      authorization, *interceptors],
        options=[
            ("grpc.max_receive_message_length", max_message_bytes),
            ("grpc.max_send_message_length", max_message_bytes),
        ],
    )
    register(server)
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        [*service_names, health.SERVICE_NAME, reflection.SERVICE_NAME], server
    )
    port = (server.add_secure_port(listen, credentials) if credentials is not None
            else server.add_insecure_port(listen))
    if port == 0:
        raise OSError(f"cannot listen on {listen}")
    await server.start()
    for name in ("", *service_names):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, port, health_servicer)
