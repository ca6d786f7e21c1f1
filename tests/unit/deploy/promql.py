"""What a PromQL expression refers to, read without a Prometheus: the metric names and
label keys, so the rules and the dashboard can be checked against `common.series`."""

from __future__ import annotations

import re

GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
MATCHERS = re.compile(r"\{([^}]*)\}")
MATCHER_KEY = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")
IDENTIFIER = re.compile(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")
KEYWORDS = {"and", "or", "unless", "bool", "offset", "inf", "nan"}
GRAFANA_INTERVALS = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1d"}


def concrete(expr: str) -> str:
    """The expression with Grafana's interval variables replaced, so promtool parses it."""
    for variable, value in GRAFANA_INTERVALS.items():
        expr = expr.replace(variable, value)
    return expr


def metric_names(expr: str) -> set[str]:
    """Every metric an expression selects (functions, keywords and durations left out)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = MATCHERS.sub("", text)
    text = re.sub(r"\[[^\]]*\]", "", text)
    text = GROUPING.sub("", text)
    text = re.sub(r"\boffset\s+\S+", "", text)
    return {match[1] for match in IDENTIFIER.finditer(text)
            if not match[2] and match[1].lower() not in KEYWORDS}


def label_keys(expr: str) -> set[str]:
    """Every label an expression groups or matches by."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    keys = {key.strip() for group in GROUPING.findall(text) for key in group.split(",")}
    keys |= {key for matchers in MATCHERS.findall(text) for key in MATCHER_KEY.findall(matchers)}
    return keys - {""}

