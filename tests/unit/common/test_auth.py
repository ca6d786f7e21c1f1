"""Tokens and the role table: what is checked, with real keys (the local one, a JWKS
served on loopback as an OIDC issuer would), and the table against the protos."""

from __future__ import annotations

import io
import json
import stat
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

import cli
from cli.token import token as token_command
from common.auth.callers import MintedTokens, caller_tokens
from common.auth.roles import POLICY, TABLE, Owner, Role, Scope, every_method, parse, permits
from common.auth.tokens import (
    KEY_FILE,
    AuthSettings,
    IssuerUnavailable,
    KeyVerifier,
    Minter,
    NoLocalIssuer,
    OidcVerifier,
    Principal,
    TokenError,
    local_minter,
    local_signing_key,
    verifier_for,
)
from tests.tokens import Issuer


@pytest.fixture
def issuer() -> Issuer:
    return Issuer()


async def test_a_minted_token_names_its_caller(issuer: Issuer) -> None:
    token = issuer.token(Role.CASEWORKER, "cw-7", "office-2")
    assert await issuer.verifier.verify(token) == Principal("cw-7", Role.CASEWORKER, "office-2")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert set(claims) == {"sub", "role", "office", "iss", "aud", "exp", "iat"}


@pytest.mark.parametrize(("claims", "problem"), [
    ({"exp": 1}, "expired"),
    ({"iss": "someone-else"}, "issuer"),
    ({"aud": "another-system"}, "audience"),
    ({"role": "root"}, "role"),
    ({"role": "caseworker"}, "office"),
    ({"sub": ""}, "subject"),
])
async def test_a_token_failing_a_check_is_refused_saying_which(
    issuer: Issuer, claims: dict[str, object], problem: str
) -> None:
    with pytest.raises(TokenError, match=problem):
        await issuer.verifier.verify(issuer.token(Role.OPERATIONS, "ops-1", **claims))


async def test_a_token_without_expiry_or_signed_by_another_key_is_refused(issuer: Issuer) -> None:
    no_expiry = jwt.encode({"sub": "x", "role": "worker", "iss": "casework-local",
                            "aud": "casework", "iat": 1}, issuer.key, algorithm="EdDSA")
    with pytest.raises(TokenError, match="exp"):
        await issuer.verifier.verify(no_expiry)
    with pytest.raises(TokenError, match="not valid"):
        await issuer.verifier.verify(Issuer().token(Role.WORKER, "w"))
    with pytest.raises(TokenError, match="not valid"):
        await issuer.verifier.verify("not-a-token")


async def test_unsigned_and_shared_secret_tokens_are_refused(issuer: Issuer) -> None:
    body = {"sub": "x", "role": "worker", "iss": "casework-local", "aud": "casework",
            "iat": 1, "exp": 2**40}
    unsigned = jwt.encode(body, None, algorithm="none")
    with pytest.raises(TokenError):
        await issuer.verifier.verify(unsigned)
    hmac = jwt.encode(body, "a shared secret, long enough for HS256", algorithm="HS256")
    with pytest.raises(TokenError):
        await issuer.verifier.verify(hmac)


def test_the_local_key_is_made_once_for_its_owner_only_and_reused(tmp_path: Path) -> None:
    first = local_signing_key(tmp_path)
    mode = stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    assert local_signing_key(tmp_path).public_key() == first.public_key()
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILE]


async def test_every_process_on_one_machine_verifies_what_the_local_key_signs(
        tmp_path: Path) -> None:
    settings = AuthSettings(var_dir=str(tmp_path))
    token = local_minter(settings).mint(Role.WORKER, "casework-worker")
    assert (await verifier_for(settings).verify(token)).role is Role.WORKER


class Jwks:
    """An OIDC issuer's key set, served over HTTP on loopback."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        body = json.dumps({"keys": [jwk | {"kid": "agency-1", "use": "sig", "alg": "RS256"}]})

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/jwks.json"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def minter(self, kid: str = "agency-1") -> Minter:
        return Minter(self.key, issuer="https://login.agency.example", algorithm="RS256",
                      key_id=kid)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def jwks() -> Iterator[Jwks]:
    served = Jwks()
    yield served
    served.close()


async def test_the_agencys_tokens_are_checked_with_the_key_its_jwks_names(jwks: Jwks) -> None:
    settings = AuthSettings.from_env({"CASEWORK_OIDC_ISSUER": "https://login.agency.example",
                                      "CASEWORK_OIDC_JWKS_URL": jwks.url})
    verifier = verifier_for(settings)
    assert isinstance(verifier, OidcVerifier)
    token = jwks.minter().mint(Role.SUPERVISOR, "sup-9", "office-3")
    assert await verifier.verify(token) == Principal("sup-9", Role.SUPERVISOR, "office-3")
    with pytest.raises(TokenError):
        await verifier.verify(jwks.minter(kid="unknown").mint(Role.SUPERVISOR, "sup-9", "o"))
    with pytest.raises(TokenError, match="issuer"):  # signed by the agency, not its issuer
        await KeyVerifier(jwks.key.public_key(), issuer="elsewhere",
                          algorithms=("RS256",)).verify(token)


async def test_an_issuer_whose_keys_cannot_be_fetched_is_unavailable_not_a_refusal() -> None:
    verifier = OidcVerifier(issuer="https://login.agency.example",
                            jwks_url="http://127.0.0.1:1/jwks.json", audience="casework")
    token = Minter(Issuer().key, key_id="agency-1").mint(Role.WORKER, "w")
    with pytest.raises(IssuerUnavailable):
        await verifier.verify(token)


def test_oidc_settings_go_together_and_accept_public_key_algorithms_only() -> None:
    with pytest.raises(ValueError, match="together"):
        AuthSettings.from_env({"CASEWORK_OIDC_ISSUER": "https://login.agency.example"})
    with pytest.raises(ValueError, match="public-key"):
        AuthSettings.from_env({"CASEWORK_OIDC_ISSUER": "https://i", "CASEWORK_OIDC_JWKS_URL":
                               "https://i/jwks", "CASEWORK_OIDC_ALGORITHMS": "HS256"})


def test_nothing_mints_where_the_agency_issues_the_tokens(tmp_path: Path) -> None:
    settings = AuthSettings(var_dir=str(tmp_path), oidc_issuer="https://login.agency.example",
                            oidc_jwks_url="https://login.agency.example/jwks")
    with pytest.raises(NoLocalIssuer):
        local_minter(settings)
    with pytest.raises(NoLocalIssuer):
        caller_tokens(settings, Role.WORKER, "casework-worker")
    assert caller_tokens(AuthSettings(oidc_issuer="i", token="given"), Role.WORKER,
                         "w").token() == "given"


def test_a_minted_caller_token_is_renewed_once_half_its_life_is_gone(issuer: Issuer) -> None:
    now = [0.0]
    tokens = MintedTokens(issuer.minter, Role.WORKER, "w", ttl=timedelta(minutes=10),
                          clock=lambda: now[0])
    first = tokens.token()
    now[0] = 200
    assert tokens.token() == first
    now[0] = 301
    issuer.minter._clock = lambda: 1_000_000  # a later iat, so the token differs
    assert tokens.token() != first


async def test_casework_token_prints_a_token_the_local_key_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_VAR_DIR", str(tmp_path))
    args = cli.parse(["token", "--role", "supervisor", "--sub", "sup-1", "--office", "office-1",
                      "--ttl", "30m"])
    assert not isinstance(args, int)
    out = io.StringIO()
    assert await token_command(args, out=out) == cli.EXIT_OK
    token = out.getvalue().strip()
    principal = await verifier_for(AuthSettings(var_dir=str(tmp_path))).verify(token)
    assert principal == Principal("sup-1", Role.SUPERVISOR, "office-1")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 1800


async def test_casework_token_refuses_where_an_oidc_issuer_is_configured(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CASEWORK_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("CASEWORK_OIDC_ISSUER", "https://login.agency.example")
    monkeypatch.setenv("CASEWORK_OIDC_JWKS_URL", "https://login.agency.example/jwks")
    args = cli.parse(["token", "--role", "operations", "--sub", "ops-1"])
    assert not isinstance(args, int)
    assert await token_command(args) == cli.EXIT_USAGE
    assert "OIDC" in capsys.readouterr().err
    assert not (tmp_path / KEY_FILE).exists()
    assert cli.parse(["token", "--role", "caseworker", "--sub", "cw", "--ttl", "soon"]) == 2


def test_the_role_table_lists_every_rpc_once() -> None:
    assert sorted(POLICY) == sorted(every_method())
    assert len(POLICY) == 46


def test_only_the_worker_may_write_records_decisions_referrals_and_payments() -> None:
    worker_only = [m for m, rule in POLICY.items() if set(rule.scopes) == {Role.WORKER}]
    assert all(POLICY[m].scopes == {Role.WORKER: Scope.ANY} for m in worker_only)
    for method in every_method():
        if "/casework.v1.CaseRecordsService/" in method or method.endswith(
                ("/DetermineEligibility", "/AuthorizePayment", "/VoidAuthorization",
                 "/CreateReferral", "/RecordReferralOutcome")):
            assert method in worker_only, method


def test_operations_only_read() -> None:
    reads = ("/Get", "/List", "/Count", "/Match", "/Screen", "/DetermineEligibilityBatch")
    for method, rule in POLICY.items():
        if Role.OPERATIONS in rule.scopes:
            assert any(f"/{method.rsplit('/', 1)[1]}".startswith(r) for r in reads), method


@pytest.mark.parametrize(("table", "problem"), [
    (TABLE.replace("  GetCase                     case_id", "  GetCase                     -"),
     "nothing scopes it"),
    (TABLE.replace("  ListCases                   filter     -",
                   "  ListCases                   filter     submitted"), "needs the case"),
    (TABLE.replace("  SubmitApplication", "  SubmitApplicationX"), "every RPC"),
    (TABLE.replace("  GetWorklist                 request    -",
                   "  GetWorklist                 request    caseload"), "carry no office"),
])
def test_a_table_the_interceptor_could_not_apply_is_refused_at_import(
        table: str, problem: str) -> None:
    assert table != TABLE
    with pytest.raises(ValueError, match=problem):
        parse(table)


def test_each_scope_compares_its_own_field() -> None:
    owner = Owner(caseworker_id="cw-1", office_id="office-1", submitted_by="state-a")
    assert permits(Scope.CASELOAD, "cw-1", "office-9", owner)
    assert not permits(Scope.CASELOAD, "cw-2", "office-1", owner)
    assert permits(Scope.OFFICE, "sup-1", "office-1", owner)
    assert not permits(Scope.OFFICE, "sup-1", "office-2", owner)
    assert permits(Scope.SUBMITTED, "state-a", "", owner)
    assert not permits(Scope.SUBMITTED, "state-b", "", owner)
    assert not permits(Scope.CASELOAD, "", "", Owner())
    assert not permits(Scope.OFFICE, "sup-1", "", Owner())
