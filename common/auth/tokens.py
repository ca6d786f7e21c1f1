"""Who is calling: bearer tokens (JWT, PyJWT) checked on every call, and minted locally.

A token names its caller in `sub` (a caseworker's or supervisor's staff id, an
integration system's id, or the worker's service identity), its `role`, and for
caseworkers and supervisors their `office`; `iss`, `aud`, `exp` and `iat` are required.

* Production: the agency's OIDC provider issues the tokens. The services take its
  issuer (CASEWORK_OIDC_ISSUER) and signing keys from its JWKS URL
  (CASEWORK_OIDC_JWKS_URL, fetched and cached by PyJWT's `PyJWKClient`); nothing here
  can mint one.
* One machine: an Ed25519 key generated once into `var_dir` (`auth-signing.key`, owner
  only, reused) signs EdDSA tokens with issuer `casework-local`; every process verifies
  with its public key. `casework token` mints development tokens with it.

Either way the audience is CASEWORK_TOKEN_AUDIENCE (default `casework`).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from common.auth.roles import OFFICE_ROLES, Role
from common.config import DEFAULT_VAR_DIR
from common.dev_keys import dev_key

LOCAL_ISSUER = "casework-local"
LOCAL_ALGORITHM = "EdDSA"
KEY_FILE = "auth-signing.key"
DEFAULT_AUDIENCE = "casework"
DEFAULT_OIDC_ALGORITHMS = ("RS256", "ES256")
LEEWAY = timedelta(seconds=30)
"""Clock skew allowed between the issuer and a service on `exp` and `iat`."""
DEFAULT_TTL = timedelta(hours=1)
REQUIRED_CLAIMS = ("sub", "iss", "aud", "exp", "iat")
WORKER_ID = "casework-worker"
"""The worker's service identity on one machine (its `sub`)."""


class TokenError(Exception):
    """The call's token is missing or not one to trust: UNAUTHENTICATED. The message
    says which check failed, never what the token holds."""


class IssuerUnavailable(Exception):
    """The issuer's signing keys could not be fetched: UNAVAILABLE, safe to retry."""


class NoLocalIssuer(Exception):
    """Tokens cannot be minted here: an OIDC issuer is configured."""


@dataclass(frozen=True)
class Principal:
    """Who a verified token says is calling."""

    sub: str
    role: Role
    office: str = ""


@dataclass(frozen=True)
class AuthSettings:
    """How this process trusts and makes tokens, read once beside `Settings`.

    CASEWORK_OIDC_ISSUER, CASEWORK_OIDC_JWKS_URL
        The agency's issuer and where it publishes its keys; both or neither. Without
        them the local key in `var_dir` is the issuer.
    CASEWORK_OIDC_ALGORITHMS
        Signature algorithms accepted from the issuer (default RS256,ES256).
    CASEWORK_TOKEN_AUDIENCE
        The `aud` tokens must carry (default `casework`).
    CASEWORK_TOKEN, CASEWORK_TOKEN_FILE
        The token a caller sends (the CLI; the worker's, from a file the platform keeps
        fresh). Without either a caller mints its own with the local key.
    """

    var_dir: str = DEFAULT_VAR_DIR
    oidc_issuer: str = ""
    oidc_jwks_url: str = ""
    oidc_algorithms: tuple[str, ...] = DEFAULT_OIDC_ALGORITHMS
    audience: str = DEFAULT_AUDIENCE
    token: str = ""
    token_file: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, *,
                 var_dir: str = DEFAULT_VAR_DIR) -> AuthSettings:
        issuer = env.get("CASEWORK_OIDC_ISSUER", "").strip()
        jwks_url = env.get("CASEWORK_OIDC_JWKS_URL", "").strip()
        if bool(issuer) != bool(jwks_url):
            raise ValueError("CASEWORK_OIDC_ISSUER and CASEWORK_OIDC_JWKS_URL go together")
        algorithms = tuple(a.strip() for a in env.get("CASEWORK_OIDC_ALGORITHMS", "").split(",")
                           if a.strip()) or DEFAULT_OIDC_ALGORITHMS
        if not set(algorithms) <= set(jwt.algorithms.requires_cryptography):
            raise ValueError("CASEWORK_OIDC_ALGORITHMS: only public-key algorithms "
                             "(RS*, PS*, ES*, EdDSA) are accepted")
        return cls(var_dir=var_dir, oidc_issuer=issuer, oidc_jwks_url=jwks_url,
                   oidc_algorithms=algorithms,
                   audience=env.get("CASEWORK_TOKEN_AUDIENCE", "").strip() or DEFAULT_AUDIENCE,
                   token=env.get("CASEWORK_TOKEN", "").strip(),
                   token_file=env.get("CASEWORK_TOKEN_FILE", "").strip())


class Verifier(Protocol):
    async def verify(self, token: str) -> Principal:
        """The token's caller. Raises TokenError, or IssuerUnavailable."""
        ...


def principal_of(claims: Mapping[str, Any]) -> Principal:
    """The caller a decoded token names; a role Casework does not know, or a caseworker
    or supervisor without an office, is not a Casework token."""
    try:
        role = Role(str(claims.get("role")))
    except ValueError:
        raise TokenError("the token names no Casework role") from None
    sub, office = claims.get("sub"), claims.get("office") or ""
    if not isinstance(sub, str) or not sub or not isinstance(office, str):
        raise TokenError("the token's subject is not valid")
    if role in OFFICE_ROLES and not office:
        raise TokenError(f"a {role} token must name its office")
    return Principal(sub, role, office)


def decode(token: str, key: Any, *, issuer: str, audience: str,
           algorithms: tuple[str, ...]) -> Principal:
    """Check signature, issuer, audience, expiry and issue time, then the claims."""
    try:
        claims = jwt.decode(token, key, algorithms=list(algorithms), issuer=issuer,
                            audience=audience, leeway=LEEWAY,
                            options={"require": list(REQUIRED_CLAIMS)})
    except jwt.ExpiredSignatureError:
        raise TokenError("the token has expired") from None
    except jwt.InvalidIssuerError:
        raise TokenError("the token's issuer is not trusted") from None
    except jwt.InvalidAudienceError:
        raise TokenError("the token is not for this audience") from None
    except jwt.MissingRequiredClaimError as error:
        raise TokenError(f"the token has no {error.claim} claim") from None
    except jwt.PyJWTError:
        raise TokenError("the token is not valid") from None
    return principal_of(claims)


class KeyVerifier:
    """Verifies tokens signed with one known public key (the local key; tests' keys)."""

    def __init__(self, public_key: Any, *, issuer: str = LOCAL_ISSUER,
                 audience: str = DEFAULT_AUDIENCE,
                 algorithms: tuple[str, ...] = (LOCAL_ALGORITHM,)) -> None:
        self._key = public_key
        self._issuer = issuer
        self._audience = audience
        self._algorithms = algorithms

    async def verify(self, token: str) -> Principal:
        return decode(token, self._key, issuer=self._issuer, audience=self._audience,
                      algorithms=self._algorithms)


class OidcVerifier:
    """Verifies the agency's tokens with the key their `kid` names in the issuer's JWKS.

    PyJWKClient caches the key set (5 minutes) and fetches it again for a `kid` it does
    not know, so a rotated key is picked up; its fetch blocks, so it runs in a thread.
    """

    def __init__(self, *, issuer: str, jwks_url: str, audience: str,
                 algorithms: tuple[str, ...] = DEFAULT_OIDC_ALGORITHMS) -> None:
        self._jwks = jwt.PyJWKClient(jwks_url, timeout=10)
        self._issuer = issuer
        self._audience = audience
        self._algorithms = algorithms

    async def verify(self, token: str) -> Principal:
        try:
            key = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
        except jwt.PyJWKClientConnectionError:
            raise IssuerUnavailable("the token issuer's keys cannot be fetched") from None
        except (jwt.PyJWKClientError, jwt.PyJWTError):
            raise TokenError("the token is not valid") from None
        return decode(token, key.key, issuer=self._issuer, audience=self._audience,
                      algorithms=self._algorithms)


class Minter:
    """Signs tokens with a private key (the local one; tests' keys)."""

    def __init__(self, private_key: Any, *, issuer: str = LOCAL_ISSUER,
                 audience: str = DEFAULT_AUDIENCE, algorithm: str = LOCAL_ALGORITHM,
                 key_id: str = "", clock: Callable[[], float] = time.time) -> None:
        self._key = private_key
        self._headers = {"kid": key_id} if key_id else None
        self._issuer = issuer
        self._audience = audience
        self._algorithm = algorithm
        self._clock = clock

    def mint(self, role: Role | str, sub: str, /, office: str = "",
             ttl: timedelta = DEFAULT_TTL, **claims: Any) -> str:
        """A token for `sub` in `role`, valid for `ttl` from now; `claims` override the
        standard ones (tests make expired or foreign tokens that way)."""
        now = int(self._clock())
        body: dict[str, Any] = {"sub": sub, "role": str(role), "iss": self._issuer,
                                "aud": self._audience, "iat": now,
                                "exp": now + int(ttl.total_seconds())}
        if office:
            body["office"] = office
        return jwt.encode(body | claims, self._key, algorithm=self._algorithm,
                          headers=self._headers)


def local_signing_key(var_dir: str | Path) -> Ed25519PrivateKey:
    """The local signing key in `var_dir`, generated on first use, readable by its owner
    only, and reused (`common.dev_keys`: two processes starting together on a fresh
    folder agree on one key)."""
    path = Path(var_dir) / KEY_FILE
    pem = dev_key(path, lambda: Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode())
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def local_public_key(var_dir: str | Path) -> Ed25519PublicKey:
    return local_signing_key(var_dir).public_key()


def verifier_for(settings: AuthSettings) -> Verifier:
    """The agency's issuer when one is configured, else the local key."""
    if settings.oidc_issuer:
        return OidcVerifier(issuer=settings.oidc_issuer, jwks_url=settings.oidc_jwks_url,
                            audience=settings.audience, algorithms=settings.oidc_algorithms)
    return KeyVerifier(local_public_key(settings.var_dir), audience=settings.audience)


def local_minter(settings: AuthSettings) -> Minter:
    """A minter with the local key; refused where the agency's issuer is the only one."""
    if settings.oidc_issuer:
        raise NoLocalIssuer("tokens come from the agency's OIDC issuer "
                            f"({settings.oidc_issuer}); none can be minted here")
    return Minter(local_signing_key(settings.var_dir), audience=settings.audience)
