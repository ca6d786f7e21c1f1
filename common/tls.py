"""TLS for every listener and mutual TLS between the processes, from one switch.

`CASEWORK_TLS_DIR` (`Settings.tls_dir`) unset: everything is plaintext, as on a
developer's machine by default. Set, it names a folder holding `ca.pem` (the CA every
peer's certificate must chain to) and, per process, `<process>.pem` and `<process>.key`
(its certificate and key, `Settings.process`: `intake`, `worker`, `cli`, ...). Each
process then serves with its certificate and requires one from the CA of every caller
(mutual TLS: a caller without one, or with one from another CA, is refused during the
handshake, before any token is read), and presents the same certificate when it calls.
Who may do what is still the bearer token's (`common.auth`); mutual TLS keeps everyone
who is not part of the deployment off the ports at all.

Every kind of endpoint gets its credentials here, so all agree: gRPC servers and
channels, the Temporal SDK's `TLSConfig`, and `ssl` contexts for the codec server,
`/metrics` and the TLS front (`common.tls_front`).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from temporalio.service import TLSConfig

from common.config import Settings

CA_FILE = "ca.pem"
H2 = "h2"
"""The ALPN protocol of gRPC (HTTP/2): the Temporal SDK's client insists on it."""


@dataclass(frozen=True)
class Identity:
    """One process's TLS material: the CA it trusts, its certificate and key (PEM files)."""

    ca: Path
    cert: Path
    key: Path

    @classmethod
    def of(cls, tls_dir: str | Path, process: str) -> Identity:
        """The files of `process` in `tls_dir`; a missing one fails here, at start,
        naming the file rather than during the first handshake.

        Raises:
            FileNotFoundError: the CA, the certificate or the key is not there.
        """
        folder = Path(tls_dir)
        identity = cls(folder / CA_FILE, folder / f"{process}.pem", folder / f"{process}.key")
        for path in (identity.ca, identity.cert, identity.key):
            if not path.is_file():
                raise FileNotFoundError(f"TLS is on (CASEWORK_TLS_DIR) but {path} is missing")
        return identity

    def pem(self) -> tuple[bytes, bytes, bytes]:
        """The CA, certificate and key as bytes, as gRPC and the Temporal SDK take them."""
        return self.ca.read_bytes(), self.cert.read_bytes(), self.key.read_bytes()


def identity_for(settings: Settings) -> Identity | None:
    """This process's TLS material, or None when TLS is off."""
    return Identity.of(settings.tls_dir, settings.process) if settings.tls_dir else None


def server_credentials(identity: Identity) -> grpc.ServerCredentials:
    """A gRPC server's: its own certificate, and a client certificate from the CA
    required of every caller."""
    ca, cert, key = identity.pem()
    return grpc.ssl_server_credentials([(key, cert)], root_certificates=ca,
                                       require_client_auth=True)


def channel_credentials(identity: Identity) -> grpc.ChannelCredentials:
    """A gRPC channel's: the server must show a certificate from the CA, and this
    process shows its own."""
    ca, cert, key = identity.pem()
    return grpc.ssl_channel_credentials(root_certificates=ca, private_key=key,
                                        certificate_chain=cert)


CHANNEL_OPTIONS = [("grpc.max_reconnect_backoff_ms", 10_000)]
"""A channel to a service that was down tries to reconnect at least every 10 s (gRPC's
default backs off to 2 minutes), so the cases waiting on it carry on soon after it
returns: their activities' next attempt (at most a minute away) finds it connected."""


def channel(address: str, identity: Identity | None, *, interceptors: Any = None
            ) -> grpc.aio.Channel:
    """A channel to `address`: mutual TLS with `identity`, plaintext without one."""
    if identity is None:
        return grpc.aio.insecure_channel(address, options=CHANNEL_OPTIONS,
                                         interceptors=interceptors)
    return grpc.aio.secure_channel(address, channel_credentials(identity),
                                   options=CHANNEL_OPTIONS, interceptors=interceptors)


def temporal_tls(identity: Identity | None) -> TLSConfig | bool:
    """What `temporalio.client.Client.connect(tls=...)` takes: mutual TLS with
    `identity`, or False (plaintext). The server's name is checked against the address
    connected to, as with gRPC."""
    if identity is None:
        return False
    ca, cert, key = identity.pem()
    return TLSConfig(server_root_ca_cert=ca, client_cert=cert, client_private_key=key)


def server_context(identity: Identity, *, alpn: tuple[str, ...] = (),
                   client_certificate: bool = True) -> ssl.SSLContext:
    """An `ssl` context for a listener that requires a client certificate from the CA
    (TLS 1.2 at least); `alpn` names the protocols it offers (`H2` for gRPC). Without
    `client_certificate` a caller need not show one (a browser has none), but one it
    shows must still come from the CA."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH, cafile=str(identity.ca))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.verify_mode = ssl.CERT_REQUIRED if client_certificate else ssl.CERT_OPTIONAL
    context.load_cert_chain(identity.cert, identity.key)
    if alpn:
        context.set_alpn_protocols(list(alpn))
    return context


def client_context(identity: Identity) -> ssl.SSLContext:
    """An `ssl` context for calling a TLS listener: the server's certificate must come
    from the CA and name the host, and this process shows its own."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(identity.ca))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(identity.cert, identity.key)
    return context
