"""OpenTelemetry set-up shared by the services and the worker.

One trace follows a case step from the workflow (Temporal's TracingInterceptor) through
the activity and its gRPC call (client interceptor) into the service (server
interceptor). The exporter is configuration: `CASEWORK_TRACE_EXPORTER` = none, console
or otlp (the OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT).
"""

from __future__ import annotations

import grpc
from opentelemetry import trace
from opentelemetry.instrumentation.grpc import aio_client_interceptors, aio_server_interceptor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)

from common.auth.callers import TokenSource, token_channel
from common.config import Settings
from common.tls import Identity

EXPORTERS = ("none", "console", "otlp")


def exporter_for(name: str) -> SpanExporter | None:
    """The span exporter the configuration names, or None for no export."""
    if name == "none":
        return None
    if name == "console":
        return ConsoleSpanExporter()
    if name == "otlp":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    raise ValueError(f"CASEWORK_TRACE_EXPORTER must be one of {', '.join(EXPORTERS)}")


def configure_tracing(
    settings: Settings, *, processor: SpanProcessor | None = None
) -> TracerProvider:
    """Install this process's tracer provider; tests pass their own span processor."""
    resource = Resource.create({"service.name": f"casework-{settings.process}"})
    provider = TracerProvider(resource=resource)
    exporter = exporter_for(settings.trace_exporter)
    if exporter is not None:
        span_processor = (
            SimpleSpanProcessor(exporter) if settings.trace_exporter == "console"
            else BatchSpanProcessor(exporter)
        )
        provider.add_span_processor(span_processor)
    if processor is not None:
        provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    return provider


def server_interceptors(
    provider: trace.TracerProvider | None = None,
) -> list[grpc.aio.ServerInterceptor]:
    """Spans for incoming calls, children of the caller's span; the global provider
    unless a test passes its own."""
    return [aio_server_interceptor(tracer_provider=provider)]


def client_channel(address: str, tokens: TokenSource,
                   provider: trace.TracerProvider | None = None,
                   identity: Identity | None = None) -> grpc.aio.Channel:
    """A channel whose calls carry the current trace context and a bearer token from
    `tokens` (the caller's identity, `common.auth.callers`): mutual TLS with
    `identity` (`common.tls`), plaintext without."""
    return token_channel(address, tokens, aio_client_interceptors(tracer_provider=provider),
                         identity)
