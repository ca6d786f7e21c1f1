"""A certificate authority of its own for one machine: what `make up` and the tests use
when TLS is on (`CASEWORK_TLS_DIR`), so nothing needs openssl or a real PKI locally.

`issue(tls_dir)` writes `ca.pem` and, for each process in `NAMES`, `<name>.pem` and
`<name>.key` (`common.tls` reads that layout). Every certificate is good for loopback
(`127.0.0.1`, `localhost`) and its own name, and for both ends of a connection (server
and client authentication), because every process both serves and calls. Keys are
written owner-only. A real cluster uses its own CA instead (deploy/README.md).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from common.config import SERVICES
from common.tls import CA_FILE

NAMES = (*SERVICES, "worker", "codec", "temporal", "cli")
"""Every process that holds a certificate: the services, the worker, the UI's codec
server, the TLS front of the dev server, and callers from outside (the CLI, the demo,
the tests, the supervisor's probes)."""
VALID_DAYS = 365
LOOPBACK = (x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")))

Key = ec.EllipticCurvePrivateKey


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Casework local"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey
             ) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))  # a little clock skew
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS)))


def make_ca(common_name: str = "Casework local CA") -> tuple[x509.Certificate, Key]:
    """A self-signed CA that may sign end-entity certificates only."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (_builder(_name(common_name), _name(common_name), key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return cert, key


def make_leaf(name: str, ca: x509.Certificate, ca_key: Key) -> tuple[x509.Certificate, Key]:
    """A certificate for process `name`, signed by `ca`: loopback and `name` as its
    subject alternative names, for serving and for calling."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (_builder(_name(name), ca.subject, key.public_key())
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([*LOOPBACK, x509.DNSName(name)]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                  ExtendedKeyUsageOID.CLIENT_AUTH]),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    return cert, key


def _write(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    path.chmod(mode)  # an existing file keeps its old mode through os.open


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: Key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def issue(tls_dir: Path, names: Iterable[str] = NAMES, *,
          common_name: str = "Casework local CA") -> None:
    """Write a new CA and a certificate and key per name into `tls_dir`. The CA's own
    key is not kept: nothing can sign another certificate for this folder later, so
    adding a process means issuing the folder again."""
    tls_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca, ca_key = make_ca(common_name)
    _write(tls_dir / CA_FILE, _pem(ca), 0o644)
    for name in names:
        cert, key = make_leaf(name, ca, ca_key)
        _write(tls_dir / f"{name}.pem", _pem(cert), 0o644)
        _write(tls_dir / f"{name}.key", _key_pem(key), 0o600)


def ensure(tls_dir: Path) -> None:
    """`issue` into `tls_dir` unless it already holds a CA: `make up` keeps the
    certificates between runs, and uses certificates someone put there as they are."""
    if not (tls_dir / CA_FILE).exists():
        issue(tls_dir)
