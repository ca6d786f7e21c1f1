"""Readiness checks: a child counts as started only once it does its job, not when its
process exists, so nothing after it in the start-up order calls it too early."""

from __future__ import annotations

import asyncio

import aiohttp
from grpc_health.v1 import health_pb2, health_pb2_grpc
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client

from common import tls
from common.config import Settings
from common.tls import Identity


async def listening(address: str) -> bool:
    """Whether something accepts TCP connections at `address` (a plaintext listener
    behind a TLS front, which only the front may speak to)."""
    host, port = address.rsplit(":", 1)
    _, writer = await asyncio.open_connection(host, int(port))
    writer.close()
    await writer.wait_closed()
    return True


async def serving(address: str, identity: Identity | None = None) -> bool:
    """Whether the server at `address` reports SERVING on the standard health service
    (over mutual TLS with `identity`)."""
    async with tls.channel(address, identity) as channel:
        reply = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(), timeout=1.0
        )
    return reply.status == health_pb2.HealthCheckResponse.SERVING


async def codec_answers(url: str, identity: Identity | None = None) -> bool:
    """Whether the codec server at `url` decodes (nothing, here) for this machine
    (over mutual TLS with `identity`)."""
    context = None if identity is None else tls.client_context(identity)
    async with aiohttp.ClientSession() as session, session.post(
            f"{url}/decode", json={"payloads": []}, ssl=context or True) as reply:
        return reply.status == 200


async def worker_polls(client: Client, settings: Settings, *, pid: int | None = None) -> bool:
    """Whether a worker polls the case task queue, so no case waits on one. With `pid`,
    only that process counts: the server lists a killed worker's pollers for minutes."""
    reply = await client.workflow_service.describe_task_queue(
        DescribeTaskQueueRequest(
            namespace=settings.temporal_namespace,
            task_queue=TaskQueue(name=settings.task_queue),
            task_queue_type=TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        )
    )
    if pid is None:
        return bool(reply.pollers)
    # The SDK's default worker identity is "<pid>@<host>".
    return any(poller.identity.startswith(f"{pid}@") for poller in reply.pollers)
