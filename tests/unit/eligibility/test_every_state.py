"""Every state and DC, in both fiscal years: its utility allowances, BBCE options and
Medicaid limits load and a determination runs with them."""

from __future__ import annotations

import pytest

from common.validate import USPS_STATES
from services.eligibility.engine.determine import determine
from services.eligibility.requests import parse_request
from tests.unit.eligibility.helpers import RULEBOOK, family

PERIODS = ("2025-01", "2026-01")   # FY2025 and FY2026


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("state", sorted(USPS_STATES))
def test_state_determines_in_both_fiscal_years(state: str, period: str) -> None:
    line = family(state=state, period=period, wages=120000)
    line["expenses"]["utilities"] = "telephone_only"
    determination = determine(parse_request(line), RULEBOOK)
    snap = determination.program("SNAP")
    assert snap.eligible and snap.monthly_benefit_cents > 0
    used = {u.name for u in determination.parameters}
    assert {"snap.utility_allowances.telephone", "snap.bbce.gross_income_limit",
            "medicaid.child_1_5_limit", "medicaid.child_limit"} <= used
    medicaid = determination.program("MEDICAID")
    children = [m for m in medicaid.members if m.member_id in ("c", "d")]
    assert all(m.eligible and m.category == "child" for m in children)
