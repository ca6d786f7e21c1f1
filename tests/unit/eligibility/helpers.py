"""Builders for eligibility tests: a household line in the batch JSON form."""

from __future__ import annotations

from typing import Any

from services.eligibility.engine.rulebook import Rulebook

RULEBOOK = Rulebook.load()


def a_line(**overrides: Any) -> dict[str, Any]:
    """One adult in Illinois with wages, renting, in January 2026."""
    line: dict[str, Any] = {
        "id": "h1", "state": "IL", "period": "2026-01",
        "members": [{"id": "p1", "age": 34, "relationship": "head", "disabled": False,
                     "student": False, "pregnant": False}],
        "incomes": [{"member_id": "p1", "kind": "wages", "monthly_cents": 180000}],
        "expenses": {"rent_cents": 95000, "property_tax_cents": 0,
                     "homeowners_insurance_cents": 0, "utilities": "heating_cooling",
                     "dependent_care_cents": 0, "child_support_paid_cents": 0,
                     "medical_out_of_pocket_cents": 0, "homeless": False},
        "assets": {"liquid_cents": 20000},
    }
    line.update(overrides)
    return line


def family(state: str = "IL", period: str = "2026-01", wages: int = 150000,
           **overrides: Any) -> dict[str, Any]:
    """Two parents and two children."""
    return a_line(
        state=state, period=period,
        members=[{"id": "a", "age": 35, "relationship": "head"},
                 {"id": "b", "age": 33, "relationship": "spouse"},
                 {"id": "c", "age": 4, "relationship": "child"},
                 {"id": "d", "age": 9, "relationship": "child"}],
        **({"incomes": [{"member_id": "a", "kind": "wages", "monthly_cents": wages}]} | overrides))
