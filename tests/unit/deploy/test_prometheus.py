"""The alert rules: valid and unit-tested by promtool, built only from series the code or
the Temporal SDK exposes (`common.series`), and saying nothing about a person.

promtool comes from Debian's `prometheus` package, which `make tools` (a prerequisite of
`make test`) installs when it is missing. Without it these tests fail rather than skip:
untested alert rules are found out only on the night they should have fired.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from common.metrics import ALLOWED_LABELS
from common.series import TARGET_LABELS, exposed_names
from tests.unit.deploy.promql import concrete, label_keys, metric_names

PROMETHEUS = Path(__file__).resolve().parents[3] / "deploy" / "prometheus"
ALERTS = PROMETHEUS / "alerts.yaml"
ALERTS_TEST = PROMETHEUS / "alerts_test.yaml"
QUERY_LABELS = ALLOWED_LABELS | set(TARGET_LABELS)
SEVERITIES = {"critical", "warning"}


def promtool(*args: str | Path) -> str:
    """Run promtool and return what it printed; fail (never skip) when it is missing."""
    path = shutil.which("promtool")
    if path is None:
        pytest.fail("promtool is not installed: run `make tools` (it installs Debian's "
                    "`prometheus` package, which provides promtool)", pytrace=False)
    result = subprocess.run([path, *map(str, args)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def rules() -> list[dict[str, Any]]:
    groups = yaml.safe_load(ALERTS.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def test_promtool_accepts_the_rules() -> None:
    assert f"SUCCESS: {len(rules())} rules found" in promtool("check", "rules", ALERTS)


def test_promtool_unit_tests_of_the_rules_pass() -> None:
    assert "SUCCESS" in promtool("test", "rules", ALERTS_TEST)


def test_every_rule_is_tested_both_firing_and_not_firing() -> None:
    cases: dict[str, set[bool]] = {}
    for test in yaml.safe_load(ALERTS_TEST.read_text())["tests"]:
        for case in test.get("alert_rule_test", []):
            cases.setdefault(case["alertname"], set()).add(bool(case["exp_alerts"]))
    for rule in rules():
        assert cases.get(rule["alert"]) == {True, False}, rule["alert"]


@pytest.mark.parametrize("rule", rules(), ids=lambda rule: rule["alert"])
def test_a_rule_uses_only_series_that_are_exposed(rule: dict[str, Any]) -> None:
    assert metric_names(rule["expr"]) <= exposed_names(), rule["expr"]
    assert label_keys(rule["expr"]) <= QUERY_LABELS, rule["expr"]


@pytest.mark.parametrize("rule", rules(), ids=lambda rule: rule["alert"])
def test_a_rule_has_a_severity_and_says_what_and_why_with_codes_only(
    rule: dict[str, Any],
) -> None:
    assert rule["labels"]["severity"] in SEVERITIES
    annotations = rule["annotations"]
    assert annotations.keys() == {"summary", "description"}
    for text in annotations.values():
        assert set(re.findall(r"\$labels\.(\w+)", text)) <= QUERY_LABELS, text


def test_the_scrape_config_gives_the_labels_the_rules_match_on() -> None:
    """`up{job="casework"}` and the app and pod labels in the annotations come from
    here. (Debian's promtool lacks Kubernetes discovery, so `check config` cannot read
    this file; its shape is checked instead.)"""
    config = yaml.safe_load((PROMETHEUS / "prometheus.yaml").read_text())
    assert config["rule_files"] == [ALERTS.name]
    (job,) = config["scrape_configs"]
    assert job["job_name"] == "casework"
    assert job["kubernetes_sd_configs"] == [{"role": "pod", "namespaces": {"names": ["casework"]}}]
    targets = {step.get("target_label") for step in job["relabel_configs"]}
    assert {"app", "pod", "__address__", "__metrics_path__"} <= targets
    assert "namespace" not in targets, "the Temporal series have a namespace label of their own"


def test_names_and_labels_are_read_from_an_expression() -> None:
    expr = ('histogram_quantile(0.95, sum by (le, method) (rate('
            'casework_rpc_server_duration_seconds_bucket{code!="OK"}[$__rate_interval])))'
            ' or absent(up{job="casework"} == 1) unless foo offset 15m')
    assert metric_names(expr) == {"casework_rpc_server_duration_seconds_bucket", "up", "foo"}
    assert label_keys(expr) == {"le", "method", "code", "job"}
    assert "$__rate_interval" not in concrete(expr)


def test_the_scrape_job_shows_a_client_certificate_over_https() -> None:
    """Every pod's /metrics is mutual TLS (deploy/k8s/config.yaml's CASEWORK_TLS_DIR)."""
    (job,) = yaml.safe_load((PROMETHEUS / "prometheus.yaml").read_text())["scrape_configs"]
    assert job["scheme"] == "https"
    assert {"ca_file", "cert_file", "key_file", "server_name"} <= job["tls_config"].keys()
    assert not job["tls_config"].get("insecure_skip_verify")
