"""What a determination is made of: lines that explain each step, per-program results, and
the parameters that were in force and used. A determination *is* its lines."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from common import money
from common.vocabulary import CoverageGroup, HealthCoverage
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

    @functools.cached_property
    def label(self) -> str:
        """name@YYYY-MM-DD, as the batch output lists it (kept: a use is shared, `_find`)."""
        return f"{self.name}@{self.effective_date.isoformat()}"


@dataclass(frozen=True)
class Lapse:
    """A fiscal-year value used on a day past its lapse date, no later value being loaded:
    the determination rests on last year's figure and is provisional."""

    name: str
    effective_date: date
    lapsed_on: date
    citation: str

    def line(self) -> Line:
        """The explanation line that says so, first in the program's explanation."""
        return Line(f"Provisional: {self.name} (from {self.effective_date.isoformat()}) lapsed"
                    f" on {self.lapsed_on.isoformat()} and no later value is loaded, so this"
                    " uses last year's figure", 0, self.citation)


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
    coverage: HealthCoverage = HealthCoverage.MEDICAID
    """CHIP for a child above the state's Medicaid standard within its separate CHIP."""


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
    provisional: bool = False
    """Some value used had lapsed (`Lapse`); the explanation opens with a line for each."""

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

    @property
    def provisional(self) -> bool:
        """Whether any program rests on a lapsed value."""
        return any(p.provisional for p in self.programs)

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
        self._lapses: dict[tuple[str, date], Lapse] = {}
        """Each lookup that found a lapsed value, so a repeated (cached) one counts too."""
        self._lapsed: dict[str, Lapse] = {}
        """Lapsed values used since the last `take_lapses`: one program's."""

    def param(self, name: str) -> Parameter:
        return self.rulebook[name]

    def has(self, name: str) -> bool:
        return name in self.rulebook

    def __call__(self, name: str, day: date | None = None) -> Any:
        """The value of `name` in force on `day` (default: the determination's day)."""
        key = (name, day or self.day)
        try:
            value = self._seen[key]
        except KeyError:
            return self._look_up(key)
        if self._lapses and key in self._lapses:
            self._lapsed[name] = self._lapses[key]
        return value

    def _look_up(self, key: tuple[str, date]) -> Any:
        try:
            value, use, lapse = self.rulebook.memo[key]
        except KeyError:
            value, use, lapse = self.rulebook.memo.setdefault(key, _find(self.rulebook, key))
        self.used.setdefault((use.name, use.effective_date), use)
        if lapse is not None:
            self._lapses[key] = self._lapsed[use.name] = lapse
        self._seen[key] = value
        return value

    def take_lapses(self) -> tuple[Lapse, ...]:
        """The lapsed values used since the last call, by name; so each program's result
        names only the lapsed values it rests on."""
        lapses = tuple(sorted(self._lapsed.values(), key=lambda lapse: lapse.name))
        self._lapsed = {}
        return lapses

    def cite(self, name: str) -> str:
        return self.rulebook[name].citation

    def uses(self) -> tuple[ParameterUse, ...]:
        return tuple(sorted(self.used.values(), key=lambda u: (u.name, u.effective_date)))


def _find(rulebook: Rulebook, key: tuple[str, date]) -> tuple[Any, ParameterUse, Lapse | None]:
    """What looking `key` (parameter, day) up finds: the value, its use for the audit trail,
    and its lapse when it had lapsed by that day. The same for every determination, so
    `Rules` keeps it in the rulebook's memo: a batch looks each one up once, not ~25
    times a household."""
    name, day = key
    parameter = rulebook[name]
    entry = parameter.entry_at(day)
    use = ParameterUse(name, entry.start, parameter.citation, entry.source)
    lapse = (Lapse(name, entry.start, entry.lapses, parameter.citation)
             if entry.lapses is not None and entry.lapsed(day) else None)
    return entry.value, use, lapse


@functools.lru_cache(maxsize=1024)
def pct(rate: Decimal) -> str:
    """0.2 as 20%, 1.38 as 138%, 0.075 as 7.5%. Cached: a few dozen rates recur in every
    explanation, and formatting a Decimal was a measurable share of a batch."""
    text = f"{rate * 100:f}".rstrip("0").rstrip(".")
    return f"{text}%"


show = money.show


def people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"
