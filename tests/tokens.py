"""Real tokens for tests: a signing key of the test run's own, the verifier servers under
test trust, and the tokens callers send. No mocks: the servers run the real
`common.auth.interceptor.Authorization` and check every token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.auth.callers import Metadata, bearer
from common.auth.roles import Role
from common.auth.tokens import DEFAULT_AUDIENCE, LOCAL_ISSUER, KeyVerifier, Minter

STATE_SYSTEM = "state-system-test"
"""The integration system tests file applications as."""
OPERATIONS = "ops-test"
SUPERVISOR = "sup-test"


class Issuer:
    """A key pair of its own: `verifier` for the servers, tokens for the callers."""

    def __init__(self, *, issuer: str = LOCAL_ISSUER, audience: str = DEFAULT_AUDIENCE) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.minter = Minter(self.key, issuer=issuer, audience=audience)
        self.verifier = KeyVerifier(self.key.public_key(), issuer=issuer, audience=audience)

    def token(self, role: Role | str, sub: str, /, office: str = "",
              ttl: timedelta = timedelta(hours=1), **claims: Any) -> str:
        return self.minter.mint(role, sub, office, ttl, **claims)

    def metadata(self, role: Role | str, sub: str, /, office: str = "",
                 **claims: Any) -> Metadata:
        """Call metadata with a token for `sub` in `role`."""
        return bearer(self.token(role, sub, office, **claims))

    def caseworker(self, sub: str, office: str) -> Metadata:
        return self.metadata(Role.CASEWORKER, sub, office)

    def supervisor(self, office: str, sub: str = SUPERVISOR) -> Metadata:
        return self.metadata(Role.SUPERVISOR, sub, office)

    def integration(self, sub: str = STATE_SYSTEM) -> Metadata:
        return self.metadata(Role.INTEGRATION, sub)

    def operations(self, sub: str = OPERATIONS) -> Metadata:
        return self.metadata(Role.OPERATIONS, sub)

    def worker(self, sub: str = "worker-test") -> Metadata:
        return self.metadata(Role.WORKER, sub)
