"""Imports run one way: common <- workflows <- services <- cli, deploy.

Walks every module's imports with `ast` (so nothing is executed) and fails on an import
that points up the stack: the case workflow never reaches into a service, a service
uses only the workflow's contract, and only tests import the CLI or the supervisor.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("common", "workflows", "services", "cli", "deploy")

WORKFLOW_CONTRACT = {"workflows", "workflows.inputs", "workflows.state", "workflows.convert"}
"""What a service may import of the case workflow: its names, dataclasses and converters."""

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "common": ("workflows", "services", "cli", "deploy"),
    "workflows": ("services", "cli", "deploy"),
    "services": ("cli", "deploy"),
    "cli": ("deploy",),
    "deploy": ("cli",),
}
"""For each top-level package, the packages it must not import at all."""


def imported(source: str) -> Iterator[str]:
    """Every module a source file imports, absolute and dotted."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def violations(package: str, source: str, service: str = "") -> list[str]:
    """The imports of one module of `package` (of `service`, under services/) that break
    the layering: a service reaches no other service, each owns its own tables."""
    found = []
    for module in imported(source):
        parts = module.split(".")
        if parts[0] in FORBIDDEN[package]:
            found.append(module)
        elif package == "services" and parts[0] == "workflows" and module not in WORKFLOW_CONTRACT:
            found.append(module)
        elif package == "services" and parts[0] == "services" and parts[1:2] != [service]:
            found.append(module)
    return found


def modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield package, path


def service_of(path: Path) -> str:
    """The service folder a module of services/ sits in ("" for services/__init__.py)."""
    parts = path.relative_to(ROOT / "services").parts
    return parts[0] if len(parts) > 1 else ""


def test_the_checker_catches_an_upward_import() -> None:
    assert violations("workflows", "from services.intake import domain") == ["services.intake"]
    assert violations("services", "from workflows.case import CaseWorkflow") == ["workflows.case"]
    assert violations("services", "from workflows.state import CaseState") == []
    assert violations("common", "import cli") == ["cli"]
    assert violations("services", "from services.payments import domain", "referrals") == [
        "services.payments"]
    assert violations("services", "from services.payments import domain", "payments") == []


def test_imports_run_one_way() -> None:
    wrong = {str(path.relative_to(ROOT)): found for package, path in modules()
             if (found := violations(package, path.read_text(),
                                     service_of(path) if package == "services" else ""))}
    assert wrong == {}


def test_every_package_is_walked() -> None:
    walked = {package for package, _ in modules()}
    assert walked == set(PACKAGES)
