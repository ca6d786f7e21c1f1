"""The Kubernetes manifests and Temporal's Helm values agree with the code: every
service is deployed, on the port `Settings` gives it, probed through gRPC health, with
resource requests; the worker and migrations run the real commands.

(The manifests were also checked against the Kubernetes 1.30 schemas with PyPI's
`kubernetes-validate --strict`; this test needs nothing beyond PyYAML.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from common.config import DEFAULT_PORTS, SERVICES, Settings
from common.tls import Identity
from services.intake.options import IntakeOptions

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"
K8S = DEPLOY / "k8s"
METRICS_PORT = 9464


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def resource(kind: str, name: str) -> dict[str, Any]:
    for path in K8S.glob("*.yaml"):
        for doc in documents(path):
            if doc.get("kind") == kind and doc["metadata"]["name"] == name:
                return doc
    raise AssertionError(f"no {kind} {name} in {K8S}")


def container(workload: dict[str, Any]) -> dict[str, Any]:
    (only,) = workload["spec"]["template"]["spec"]["containers"]
    return only


def env_of(workload: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e.get("value", "<from secret>") for e in container(workload).get("env", [])}


def mounted_files(workload: dict[str, Any]) -> dict[str, str]:
    """The files the workload's ConfigMap volumes put in its container, by path."""
    volumes = {volume["name"]: volume["configMap"]["name"]
               for volume in workload["spec"]["template"]["spec"].get("volumes", [])
               if "configMap" in volume}
    return {f"{mount['mountPath']}/{name}": text
            for mount in container(workload).get("volumeMounts", [])
            if mount["name"] in volumes
            for name, text in resource("ConfigMap", volumes[mount["name"]])["data"].items()}


def secret_files(workload: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """The files the workload's Secret volumes put in its container: path -> (Secret,
    key)."""
    volumes = {volume["name"]: volume["secret"]
               for volume in workload["spec"]["template"]["spec"].get("volumes", [])
               if "secret" in volume}
    return {f"{mount['mountPath']}/{item['path']}": (volumes[mount["name"]]["secretName"],
                                                    item["key"])
            for mount in container(workload).get("volumeMounts", [])
            if mount["name"] in volumes
            for item in volumes[mount["name"]]["items"]}


def test_kustomize_applies_every_manifest_in_the_folder() -> None:
    (kustomization,) = documents(K8S / "kustomization.yaml")
    files = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == files


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_is_a_deployment_behind_a_service_on_its_port(name: str) -> None:
    port = DEFAULT_PORTS[name]
    deployment, service = resource("Deployment", name), resource("Service", name)
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["port"] == port
    main = container(deployment)
    assert main["command"] == ["python", "-m", f"services.{name}"]
    assert main["ports"] == [{"name": "grpc", "containerPort": port},
                             {"name": "metrics", "containerPort": METRICS_PORT}]
    assert env_of(deployment)[f"CASEWORK_{name.upper()}_LISTEN"] == f"0.0.0.0:{port}"
    assert "DATABASE_URL" in env_of(deployment), "a stateless pod keeps its tables elsewhere"
    assert main["readinessProbe"]["tcpSocket"]["port"] == port


@pytest.mark.parametrize("name", [*SERVICES, "worker"])
def test_every_pod_requests_cpu_and_memory(name: str) -> None:
    requests = container(resource("Deployment", name))["resources"]["requests"]
    assert {"cpu", "memory"} <= requests.keys()


def test_the_worker_runs_the_worker_module_with_the_shared_config() -> None:
    worker = container(resource("Deployment", "worker"))
    assert worker["command"] == ["python", "-m", "workflows.worker"]
    assert worker["envFrom"] == [{"configMapRef": {"name": "casework-config"}}]


def test_the_config_map_points_callers_at_each_service_on_its_port() -> None:
    data = resource("ConfigMap", "casework-config")["data"]
    settings = Settings.from_env("worker", data)
    for name in SERVICES:
        host, port = settings.addresses[name].rsplit(":", 1)
        assert host == f"{name}.casework.svc.cluster.local"
        assert int(port) == DEFAULT_PORTS[name]
    assert settings.temporal_address.startswith("temporal-frontend.temporal.svc")


def test_intake_is_configured_with_the_agencys_caseworkers_office_and_phone(
    tmp_path: Path,
) -> None:
    """Intake reads its own options from a ConfigMap only it loads; unset, cases would go
    to the development caseworkers and every notice would say the number is unset. Its
    offices by county are a file another ConfigMap mounts in the pod, valid as it is."""
    deployment = resource("Deployment", "intake")
    intake = container(deployment)
    env = {name: value for source in intake["envFrom"]
           for name, value in resource("ConfigMap", source["configMapRef"]["name"])["data"].items()}
    env |= env_of(deployment)
    offices = mounted_files(deployment)[env["CASEWORK_OFFICES"]]
    (tmp_path / "offices.yaml").write_text(offices)
    options = IntakeOptions.from_env(env | {"CASEWORK_OFFICES": str(tmp_path / "offices.yaml")})
    defaults = IntakeOptions(pii_keys=())
    assert options.caseworkers and options.caseworkers != defaults.caseworkers
    assert options.office_id and options.office_id != defaults.office_id
    assert options.office_phone and options.office_phone != defaults.office_phone
    assert options.offices and options.office_for("IL", "Cook") != options.default_office
    assert options.pii_keys == ("<from secret>",)
    for name in ("worker", *(s for s in SERVICES if s != "intake")):
        loaded = container(resource("Deployment", name))["envFrom"]
        assert {"configMapRef": {"name": "casework-intake-config"}} not in loaded


@pytest.mark.parametrize("name", [*SERVICES, "worker"])
def test_every_pod_serves_metrics_where_its_scrape_annotations_say(name: str) -> None:
    """Prometheus finds pods by their prometheus.io annotations (the scrape config in
    deploy/prometheus/prometheus.yaml); the process listens where Settings says."""
    deployment = resource("Deployment", name)
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    main = container(deployment)
    env = {key: value for source in main["envFrom"]
           for key, value in resource("ConfigMap", source["configMapRef"]["name"])["data"].items()}
    settings = Settings.from_env(name, env | env_of(deployment))
    assert settings.metrics_host == "0.0.0.0", "scraped from outside the pod"
    assert int(annotations["prometheus.io/port"]) == settings.metrics_port == METRICS_PORT
    assert {"name": "metrics", "containerPort": METRICS_PORT} in main["ports"]


@pytest.mark.parametrize("name", ["intake", "worker"])
def test_both_temporal_clients_encrypt_with_the_keyring_from_one_secret(name: str) -> None:
    """Every process that reads or writes a case's history needs the same payload keys:
    from the Secret, never the development key a pod would otherwise make for itself."""
    [keys] = [e for e in container(resource("Deployment", name))["env"]
              if e["name"] == "CASEWORK_PAYLOAD_KEYS"]
    assert keys["valueFrom"]["secretKeyRef"] == {"name": "casework-temporal-payload-keys",
                                                 "key": "keys"}


def test_no_service_but_intake_holds_the_payload_keys() -> None:
    for name in SERVICES:
        if name != "intake":
            assert "CASEWORK_PAYLOAD_KEYS" not in env_of(resource("Deployment", name))


def test_migrations_run_as_a_job_with_the_database_secret() -> None:
    job = resource("Job", "casework-migrate")
    assert container(job)["command"] == ["python", "-m", "common.migrate"]
    assert "DATABASE_URL" in env_of(job)


def test_temporal_keeps_history_and_visibility_in_postgresql() -> None:
    values = yaml.safe_load((DEPLOY / "temporal" / "values.postgresql.yaml").read_text())
    persistence = values["server"]["config"]["persistence"]
    for store in ("default", "visibility"):
        assert persistence[store]["driver"] == "sql"
        assert persistence[store]["sql"]["driver"] == "postgres12"
        assert persistence[store]["sql"]["existingSecret"], "passwords come from a Secret"
    for bundled in ("cassandra", "mysql", "elasticsearch", "postgresql"):
        assert values[bundled]["enabled"] is False


def test_the_image_copies_every_package_the_processes_import() -> None:
    copied = {line.split()[1] for line in (DEPLOY / "Dockerfile").read_text().splitlines()
              if line.startswith("COPY ")}
    assert {"common", "workflows", "services", "cli", "deploy", "protos"} <= copied


@pytest.mark.parametrize("name", [*SERVICES, "worker"])
def test_every_pod_has_tls_on_with_its_own_certificate_from_a_tls_secret(name: str) -> None:
    """The switch is on for every process (the shared ConfigMap), and each pod's
    certificate folder holds what `common.tls` reads for it, from a kubernetes.io/tls
    Secret of its own (tls.crt, tls.key, ca.crt: what cert-manager writes). The key is
    readable by the pod's group only, which is the process's."""
    deployment = resource("Deployment", name)
    env = resource("ConfigMap", "casework-config")["data"] | env_of(deployment)
    settings = Settings.from_env(name, env)
    assert settings.tls_dir
    expected = Identity(Path(settings.tls_dir) / "ca.pem", Path(settings.tls_dir) / f"{name}.pem",
                        Path(settings.tls_dir) / f"{name}.key")
    files = secret_files(deployment)
    secret = f"casework-tls-{name}"
    assert files[str(expected.ca)] == (secret, "ca.crt")
    assert files[str(expected.cert)] == (secret, "tls.crt")
    assert files[str(expected.key)] == (secret, "tls.key")
    pod = deployment["spec"]["template"]["spec"]
    [volume] = [v for v in pod["volumes"] if v.get("secret", {}).get("secretName") == secret]
    assert volume["secret"]["defaultMode"] == 0o440
    assert pod["securityContext"]["fsGroup"] == pod["securityContext"]["runAsUser"]


def test_temporals_frontend_requires_a_client_certificate_from_a_mounted_secret() -> None:
    values = yaml.safe_load((DEPLOY / "temporal" / "values.postgresql.yaml").read_text())
    server = values["server"]
    frontend = server["config"]["tls"]["frontend"]["server"]
    assert frontend["requireClientAuth"] is True
    [mount] = server["additionalVolumeMounts"]
    for path in (frontend["certFile"], frontend["keyFile"], *frontend["clientCaFiles"]):
        assert path.startswith(mount["mountPath"] + "/")
    [volume] = server["additionalVolumes"]
    assert volume["name"] == mount["name"] and volume["secret"]["secretName"]


def test_the_uis_codec_server_checks_tokens_with_the_payload_keys_over_https() -> None:
    """Deployed once it checks callers as the API does: the agency's issuer from the
    shared ConfigMap (so no loopback exemption), the keyring from the one Secret, its
    certificate from a TLS Secret of its own; and the UI is pointed at it, passing the
    user's access token."""
    deployment = resource("Deployment", "codec")
    main = container(deployment)
    assert main["command"] == ["python", "-m", "common.codec_server"]
    env = resource("ConfigMap", "casework-config")["data"] | env_of(deployment)
    settings = Settings.from_env("codec", env)
    assert settings.listen == "0.0.0.0:8234" and settings.tls_dir
    assert env["CASEWORK_OIDC_ISSUER"].startswith("https://")
    assert env["CASEWORK_CODEC_UI_ORIGIN"].startswith("https://")
    [keys] = [e for e in main["env"] if e["name"] == "CASEWORK_PAYLOAD_KEYS"]
    assert keys["valueFrom"]["secretKeyRef"]["name"] == "casework-temporal-payload-keys"
    assert secret_files(deployment)[f"{settings.tls_dir}/codec.key"] == (
        "casework-tls-codec", "tls.key")
    assert resource("Service", "codec")["spec"]["ports"][0]["port"] == 8234
    values = yaml.safe_load((DEPLOY / "temporal" / "values.postgresql.yaml").read_text())
    web = {e["name"]: e["value"] for e in values["web"]["additionalEnv"]}
    assert web["TEMPORAL_CODEC_ENDPOINT"].startswith("https://")
    assert web["TEMPORAL_CODEC_PASS_ACCESS_TOKEN"] == "true"


def test_audit_retention_is_applied_daily_by_the_prune_command_with_the_database() -> None:
    cron = resource("CronJob", "casework-audit-prune")
    pod = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    (prune,) = pod["containers"]
    assert prune["command"] == ["python", "-m", "common.audit", "prune"]
    env = {e["name"]: e.get("value", "<from secret>") for e in prune["env"]}
    assert int(env["CASEWORK_AUDIT_RETENTION_DAYS"]) >= 3 * 366, "7 CFR 272.1(f): 3 years"
    assert env["DATABASE_URL"] == "<from secret>"
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
