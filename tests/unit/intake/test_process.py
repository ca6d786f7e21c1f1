"""`python -m services.intake` as its own process, its migrations, and its options."""

from __future__ import annotations

import stat
from pathlib import Path

import grpc
import pytest
from casework.v1 import intake_pb2_grpc
from cryptography.fernet import Fernet
from grpc_health.v1 import health_pb2

from common.auth.roles import Role
from services.intake.options import IntakeOptions
from services.intake.pii import PiiCipher
from services.intake.servicer import SERVICE_NAMES
from services.intake.store import Base
from tests.conftest import migrate
from tests.payloads import KEY_1
from tests.unit.intake.builders import an_application
from tests.unit.intake.conftest import Intake
from tests.unit.services_fixtures import (
    grpcurl_list,
    health_status,
    process_token,
    service_process,
)


async def test_the_intake_process_serves_both_services_before_temporal_is_up(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEWORK_INTAKE_PII_KEY", Fernet.generate_key().decode())
    monkeypatch.setenv("CASEWORK_PAYLOAD_KEYS", KEY_1)
    monkeypatch.setenv("TEMPORAL_ADDRESS", "127.0.0.1:1")
    await migrate("intake", database_url)
    async with service_process("intake", database_url) as port:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            for name in SERVICE_NAMES:
                assert await health_status(channel, name) == (
                    health_pb2.HealthCheckResponse.SERVING)
            stub = intake_pb2_grpc.IntakeServiceStub(channel)
            with pytest.raises(grpc.aio.AioRpcError) as down:
                await stub.SubmitApplication(an_application(), timeout=30,
                                             metadata=process_token(Role.INTEGRATION, "state-a"))
            assert down.value.code() == grpc.StatusCode.UNAVAILABLE
        assert set(SERVICE_NAMES) <= set(await grpcurl_list(port))


async def test_the_migrations_build_exactly_the_tables_the_models_declare(
    intake: Intake,
) -> None:
    assert await intake.served.schema_drift("intake", Base.metadata) == []


def test_without_a_configured_key_a_development_key_is_made_once(tmp_path: Path) -> None:
    first = IntakeOptions.from_env({}, var_dir=str(tmp_path))
    again = IntakeOptions.from_env({}, var_dir=str(tmp_path))
    assert first.pii_keys == again.pii_keys and len(first.pii_keys) == 1
    key_file = tmp_path / "intake-pii.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert first.interview_business_days == 5


def test_a_rotated_key_still_reads_what_the_old_one_wrote() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    token = PiiCipher([old]).encrypt("Quackenbush")
    options = IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": f"{new}, {old}",
                                      "CASEWORK_INTAKE_INTERVIEW_BUSINESS_DAYS": "3"})
    rotated = PiiCipher(options.pii_keys)
    assert rotated.decrypt(token) == "Quackenbush"
    assert PiiCipher([new]).decrypt(rotated.encrypt("Quackenbush")) == "Quackenbush"
    assert options.interview_business_days == 3


def test_who_takes_new_cases_is_intake_configuration() -> None:
    options = IntakeOptions.from_env({"CASEWORK_INTAKE_PII_KEY": Fernet.generate_key().decode(),
                                      "CASEWORK_CASEWORKERS": " cw-9001, ,cw-9002 ",
                                      "CASEWORK_OFFICE_ID": "office-042"})
    assert options.caseworkers == ("cw-9001", "cw-9002")
    assert options.office_id == "office-042"
