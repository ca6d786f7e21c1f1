"""Real tokens for tests: a signing key of the test run's own, the verifier servers under
test trust, and the tokens callers send. No mocks: the servers run the real
`common.auth.interceptor.Authorization` and check every token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from common.auth.callers import BearerToken, Metadata, bearer
from common.auth.interceptor import Authorization
from common.auth.roles import POLICY, Role, Rule, Scope, ScopedBy
from common.auth.tokens import DEFAULT_AUDIENCE, LOCAL_ISSUER, KeyVerifier, Minter

STATE_SYSTEM = "state-system-test"
"""The integration system tests file applications as."""
OPERATIONS = "ops-test"
SUPERVISOR = "sup-test"
WORKER = "worker-test"
DEFAULT_OFFICE = "office-001"
"""Intake's default office (`IntakeOptions.office_id`): a new case's office."""


class Issuer:
    """A key pair of its own: `verifier` for the servers, tokens for the callers."""

    def __init__(self, *, issuer: str = LOCAL_ISSUER, audience: str = DEFAULT_AUDIENCE,
                 key: Ed25519PrivateKey | None = None) -> None:
        self.key = key or Ed25519PrivateKey.generate()
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

    def worker(self, sub: str = WORKER) -> Metadata:
        return self.metadata(Role.WORKER, sub)

    def allowing(self, *methods: str) -> Authorization:
        """The real interceptor trusting this issuer, with the role table plus rows that
        let every role call `methods` (a test's own service, not in the table)."""
        extra = {m: Rule(m, ScopedBy.NOTHING, dict.fromkeys(Role, Scope.ANY)) for m in methods}
        return Authorization(self.verifier, policy=POLICY | extra)

    def fitting(self, office: str = DEFAULT_OFFICE) -> FittingTokens:
        return FittingTokens(self, office)

    def channel(self, address: str, office: str = DEFAULT_OFFICE) -> grpc.aio.Channel:
        """A channel whose calls carry, unless they bring their own, a token of a role
        the table allows for the RPC (`FittingTokens`)."""
        return grpc.aio.insecure_channel(address, interceptors=[self.fitting(office)])


def fitting_caller(method: str) -> Role:
    """A role the role table lets call `method` on any case, else the supervisor (whose
    scope is their office): worker, operations and integration first."""
    rule = POLICY.get(method)
    for role in (Role.WORKER, Role.OPERATIONS, Role.INTEGRATION):
        if rule is not None and rule.scopes.get(role) is Scope.ANY:
            return role
    return Role.SUPERVISOR


class FittingTokens(BearerToken):
    """For tests that are about something else than who may call: each call carries a
    real token of a role allowed to make it (`fitting_caller`), a supervisor's being for
    `office` and in the name of whoever the request says acts (its actor field), as the
    role table requires. A call that brings its own `authorization` keeps it, so a test
    can act as a particular caller with `metadata=issuer.caseworker(...)`."""

    def __init__(self, issuer: Issuer, office: str) -> None:
        self._issuer = issuer
        self._office = office
        subs = {Role.WORKER: WORKER, Role.OPERATIONS: OPERATIONS,
                Role.INTEGRATION: STATE_SYSTEM}
        self._tokens = {role: issuer.token(role, sub, ttl=timedelta(days=1))
                        for role, sub in subs.items()}
        self._supervisors: dict[str, str] = {}

    def token(self, method: str, request: Any) -> str:
        role = fitting_caller(method)
        if role is not Role.SUPERVISOR:
            return self._tokens[role]
        rule = POLICY.get(method)
        actor = (rule.actor_named(request) if rule is not None else "") or SUPERVISOR
        if actor not in self._supervisors:
            self._supervisors[actor] = self._issuer.token(
                Role.SUPERVISOR, actor, self._office, ttl=timedelta(days=1))
        return self._supervisors[actor]
