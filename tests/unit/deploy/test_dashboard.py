"""The Grafana dashboard: every query parses (promtool) and uses only series the code or
the Temporal SDK exposes (`common.series`), grouped by labels that name no person."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from common.series import (
    ACTIVITY_FAILURES,
    CASES,
    CLOCK_BREACHES,
    CLOCK_WARNINGS,
    CLOCKS,
    OPEN_TASKS,
    PHASE_DURATION,
    RPC_SERVER_DURATION,
    exposed_names,
)
from tests.unit.deploy.promql import concrete, label_keys, metric_names
from tests.unit.deploy.test_prometheus import QUERY_LABELS, promtool

DASHBOARD = Path(__file__).resolve().parents[3] / "deploy" / "grafana" / "casework.json"


def panels() -> list[dict[str, Any]]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [panel for panel in dashboard["panels"] if panel["type"] != "row"]


def targets() -> list[dict[str, Any]]:
    return [target for panel in panels() for target in panel["targets"]]


def test_every_query_uses_only_exposed_series_and_allowed_labels() -> None:
    for target in targets():
        expr = target["expr"]
        assert metric_names(expr) <= exposed_names(), expr
        assert label_keys(expr) <= QUERY_LABELS, expr
        assert set(re.findall(r"\{\{\s*(\w+)\s*\}\}", target["legendFormat"])) <= label_keys(expr)


def test_every_query_parses(tmp_path: Path) -> None:
    """promtool parses each query as a recording rule (Grafana's $__rate_interval and
    $__range given a value, as Grafana does)."""
    recorded = [{"record": f"casework:dashboard_query_{n}", "expr": concrete(target["expr"])}
                for n, target in enumerate(targets())]
    path = tmp_path / "dashboard_rules.yaml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": recorded}]}))
    assert f"SUCCESS: {len(recorded)} rules found" in promtool("check", "rules", path)


def test_the_dashboard_shows_cases_clocks_failures_and_latencies() -> None:
    used = set().union(*(metric_names(target["expr"]) for target in targets()))
    for series in (CASES, CLOCKS, OPEN_TASKS, CLOCK_WARNINGS, CLOCK_BREACHES, ACTIVITY_FAILURES):
        assert series.name in used, series.name
    for histogram in (PHASE_DURATION, RPC_SERVER_DURATION):
        assert f"{histogram.name}_bucket" in used, histogram.name
    for sdk in ("temporal_workflow_task_execution_latency", "temporal_activity_execution_latency",
                "temporal_workflow_task_schedule_to_start_latency",
                "temporal_activity_schedule_to_start_latency"):
        assert f"{sdk}_bucket" in used, sdk


def test_every_panel_reads_the_chosen_prometheus_and_has_a_unique_id() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    (variable,) = dashboard["templating"]["list"]
    assert variable["type"] == "datasource" and variable["query"] == "prometheus"
    for panel in panels():
        assert panel["datasource"] == {"type": "prometheus", "uid": f"${{{variable['name']}}}"}
        assert panel["description"], panel["title"]
