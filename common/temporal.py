"""The one way a Casework process connects to Temporal."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.opentelemetry import TracingInterceptor

from common.config import Settings


async def connect(settings: Settings) -> Client:
    """A client on the configured server and namespace; the tracing interceptor makes the
    workflows it starts, and the activities they run, join the caller's trace."""
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                interceptors=[TracingInterceptor()])
