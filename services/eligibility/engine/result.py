"""What a determination is made of: lines that explain each step, per-program results, and
the parameters that were in force and used. A determination *is* its lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from common import money
from common.vocabulary import CoverageGroup
from services.eligibility.engine.household import Program
from services.eligibility.engine.rulebook import Parameter, Rulebook


@dataclass(frozen=True)
class Line:
    """One step: what was computed, the amount in cents (0 when it is a finding), the rule."""

    text: str
    cents: int
    citation: str


@dataclass(frozen=True)
class ParameterUse:
    """A parameter value as it was used: name, the date that value took effect, citation."""

    name: str
    effective_date: date
    citation: str
    source: str | None = None


@dataclass(frozen=True)
class MemberCoverage:
    member_id: str
    eligible: bool
    category: str
    """adult, child, pregnant, or none."""
    group: CoverageGroup
    """The group the member is covered under, or for an ineligible member the group whose
    limit came nearest; the category alone cannot tell an expansion adult from a parent."""
    income_limit_cents: int = 0
    reason: str = ""
    non_magi_referral: str = ""
    """Set for a member not eligible under MAGI who may be on another basis (SSI_RECIPIENT,
    SSI_RECIPIENT_209B, AGED, BLIND_OR_DISABLED: `medicaid.non_magi_referral`)."""


@dataclass
class ProgramResult:
    program: Program
    eligible: bool = False
    monthly_benefit_cents: int = 0
    denial_reasons: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    gross_income_cents: int = 0
    net_income_cents: int = 0
    members: list[MemberCoverage] = field(default_factory=list)

    def add(self, text: str, cents: int, citation: str) -> Line:
        line = Line(text, cents, citation)
        self.lines.append(line)
        return line

    def deny(self, reason: str) -> None:
        if reason not in self.denial_reasons:
            self.denial_reasons.append(reason)


@dataclass(frozen=True)
class Determination:
    id: str
    state: str
    period: str
    programs: tuple[ProgramResult, ...]
    parameters: tuple[ParameterUse, ...]

    def program(self, name: str) -> ProgramResult:
        return next(p for p in self.programs if p.program == name)


class Rules:
    """The rulebook as seen by one determination: looks values up for the benefit month
    (or another day a rule names) and remembers each value used, for the audit trail."""

    def __init__(self, rulebook: Rulebook, day: date) -> None:
        self.rulebook = rulebook
        self.day = day
        self.used: dict[tuple[str, date], ParameterUse] = {}
        """Each (parameter, effective date) used: one parameter can be read on two days,
        e.g. the poverty guideline at SNAP's fiscal-year start and at the benefit month."""
        self._seen: dict[tuple[str, date], Any] = {}

    def param(self, name: str) -> Parameter:
        return self.rulebook[name]

    def has(self, name: str) -> bool:
        return name in self.rulebook

    def __call__(self, name: str, day: date | None = None) -> Any:
        """The value of `name` in force on `day` (default: the determination's day)."""
        key = (name, day or self.day)
        try:
            return self._seen[key]
        except KeyError:
            pass
        parameter = self.rulebook[name]
        entry = parameter.entry_at(key[1])
        if (name, entry.start) not in self.used:
            self.used[name, entry.start] = ParameterUse(name, entry.start, parameter.citation,
                                                        entry.source)
        self._seen[key] = entry.value
        return entry.value

    def cite(self, name: str) -> str:
        return self.rulebook[name].citation

    def uses(self) -> tuple[ParameterUse, ...]:
        return tuple(sorted(self.used.values(), key=lambda u: (u.name, u.effective_date)))


def pct(rate: Decimal) -> str:
    """0.2 as 20%, 1.38 as 138%, 0.075 as 7.5%."""
    text = f"{rate * 100:f}".rstrip("0").rstrip(".")
    return f"{text}%"


show = money.show


def people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
