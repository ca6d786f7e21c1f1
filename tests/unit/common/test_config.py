"""Settings read from a plain dict: every process agrees on addresses and databases."""

from __future__ import annotations

from common.config import SERVICES, Settings


def test_nothing_set_means_loopback_defaults_and_sqlite_under_var() -> None:
    settings = Settings.from_env("payments", {})
    assert settings.listen == "127.0.0.1:50054"
    assert settings.database_url == "sqlite+aiosqlite:///var/payments.db"
    assert settings.addresses == {
        "intake": "127.0.0.1:50051",
        "eligibility": "127.0.0.1:50052",
        "referrals": "127.0.0.1:50053",
        "payments": "127.0.0.1:50054",
    }
    assert settings.temporal_address == "127.0.0.1:7233"
    assert settings.temporal_namespace == "default"
    assert settings.task_queue == "casework"
    assert settings.trace_exporter == "none"


def test_each_service_gets_its_own_sqlite_file_in_the_var_dir() -> None:
    env = {"CASEWORK_VAR_DIR": "/srv/casework"}
    urls = {Settings.from_env(name, env).database_url for name in SERVICES}
    assert urls == {f"sqlite+aiosqlite:////srv/casework/{name}.db" for name in SERVICES}


def test_a_service_database_url_wins_over_the_shared_one() -> None:
    env = {
        "DATABASE_URL": "postgresql://root@127.0.0.1:5432/casework",
        "CASEWORK_INTAKE_DATABASE_URL": "postgresql://root@127.0.0.1:5432/intake",
    }
    assert Settings.from_env("intake", env).database_url.endswith("/intake")
    assert Settings.from_env("payments", env).database_url.endswith("/casework")


def test_a_listen_address_is_also_where_the_others_call_the_service() -> None:
    env = {"CASEWORK_REFERRALS_LISTEN": "127.0.0.1:6003"}
    assert Settings.from_env("referrals", env).listen == "127.0.0.1:6003"
    assert Settings.from_env("worker", env).addresses["referrals"] == "127.0.0.1:6003"


def test_an_address_wins_over_a_listen_address_for_callers() -> None:
    """Behind a load balancer a service listens on one address and is called on another."""
    env = {
        "CASEWORK_PAYMENTS_LISTEN": "0.0.0.0:50054",
        "CASEWORK_PAYMENTS_ADDRESS": "payments.casework.svc:50054",
    }
    assert Settings.from_env("payments", env).listen == "0.0.0.0:50054"
    assert Settings.from_env("worker", env).addresses["payments"] == "payments.casework.svc:50054"


def test_processes_that_serve_nothing_listen_on_a_free_port() -> None:
    assert Settings.from_env("worker", {}).listen == "127.0.0.1:0"


def test_temporal_tracing_time_zone_and_var_dir_are_configuration() -> None:
    settings = Settings.from_env("worker", {
        "TEMPORAL_ADDRESS": "temporal-frontend:7233",
        "TEMPORAL_NAMESPACE": "agency",
        "CASEWORK_TASK_QUEUE": "cases-blue",
        "AGENCY_TIMEZONE": "America/Denver",
        "CASEWORK_TRACE_EXPORTER": "otlp",
        "CASEWORK_VAR_DIR": "/srv/casework",
    })
    assert settings.temporal_address == "temporal-frontend:7233"
    assert settings.temporal_namespace == "agency"
    assert settings.task_queue == "cases-blue"
    assert settings.agency_timezone == "America/Denver"
    assert settings.trace_exporter == "otlp"
    assert settings.var_dir == "/srv/casework"
    assert settings.database_url == "sqlite+aiosqlite:////srv/casework/worker.db"
