"""Every rule parameter as effective-dated data, loaded from the YAML under `parameters/`.

A file's path is its name: `snap/utility_allowances/heating_cooling.yaml` is
`snap.utility_allowances.heating_cooling`. Each file carries a description, a unit, a
citation and dated values; `Parameter.at(day)` answers with the value in force on that day,
so adding a fiscal year is a data change, never a code change. (Shape modelled on
PolicyEngine-US parameter files and OpenFisca's newest-first lookup.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

PARAMETERS = Path(__file__).resolve().parent.parent / "parameters"

UNITS = ("cents", "ratio", "count", "bool", "months", "days")
BY = ("state", "household_size")


class NotInForce(LookupError):
    """A parameter was asked for a day before its first value took effect: the rules do
    not reach back to that benefit month."""

    def __init__(self, name: str, day: date, first: date | None) -> None:
        self.name, self.day, self.first = name, day, first
        super().__init__(f"{name} has no value in force on {day.isoformat()}")


class RulebookError(ValueError):
    """A parameter file is malformed; raised at load so a bad file never reaches a decision."""


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter: when it took effect, what it is, where it is published."""

    start: date
    value: Any
    source: str | None = None
    lapses: date | None = None
    """For a fiscal-year value (an October COLA table, the utility standards): the day
    the law replaces it. Used on or after that day with no later value loaded, it is
    last year's figure standing in for one the rulebook does not hold (`lapsed`)."""

    def lapsed(self, day: date) -> bool:
        """Whether this value, used on `day`, is past the day it lapses."""
        return self.lapses is not None and day >= self.lapses


@dataclass(frozen=True)
class Parameter:
    """One rule parameter with its dated values, newest first."""

    name: str
    description: str
    unit: str
    citation: str
    by: str | None
    values: tuple[Entry, ...]
    then_by: str | None = None
    """Set for a two-level table: each `by` key maps to a table keyed by `then_by`
    (e.g. a state's utility allowance by household size)."""

    def entry_at(self, day: date) -> Entry:
        """The entry in force on `day`: the newest whose start is on or before it."""
        for entry in self.values:
            if entry.start <= day:
                return entry
        raise NotInForce(self.name, day, self.values[-1].start if self.values else None)

    def at(self, day: date) -> Any:
        """The value in force on `day` (a mapping when the parameter is a table)."""
        return self.entry_at(day).value

    @property
    def lapses(self) -> date | None:
        """The day the newest value lapses (None: the parameter never lapses)."""
        return self.values[0].lapses if self.values else None


@dataclass(frozen=True)
class Lapsing:
    """A parameter's newest value and the day it lapses."""

    name: str
    lapses: date
    days_left: int
    """Days from the day asked about to the lapse; 0 or less: lapsed."""
    effective_date: date
    source: str | None

    @property
    def lapsed(self) -> bool:
        return self.days_left <= 0


class Rulebook(Mapping[str, Parameter]):
    """All parameters by dotted name; immutable once loaded."""

    def __init__(self, parameters: Mapping[str, Parameter], root: Path) -> None:
        self._parameters = dict(parameters)
        self.root = root
        self.memo: dict[Any, Any] = {}
        """Lookups the engine keeps (`result.Rules`): the rulebook never changes once
        loaded, so what a (parameter, day) finds is found once per process."""

    @classmethod
    def load(cls, root: Path | None = None) -> Rulebook:
        """Read every `*.yaml` under `root` (default: the service's `parameters/`)."""
        root = Path(root) if root is not None else PARAMETERS
        parameters: dict[str, Parameter] = {}
        for path in sorted(root.rglob("*.yaml")):
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            try:
                data = yaml.safe_load(path.read_text())
            except yaml.YAMLError as error:
                raise RulebookError(f"{path}: not valid YAML ({error})") from error
            parameters[name] = _parse(name, data, path)
        return cls(parameters, root)

    def lapsing(self, today: date) -> list[Lapsing]:
        """Every parameter whose newest value lapses, soonest first, with the days left
        on `today` (negative once lapsed): what `casework rules status` lists and the
        `casework_eligibility_rule_days_to_lapse` gauge reports."""
        found = [Lapsing(name, p.lapses, (p.lapses - today).days, p.values[0].start,
                         p.values[0].source)
                 for name, p in self._parameters.items() if p.lapses is not None]
        return sorted(found, key=lambda lapsing: (lapsing.lapses, lapsing.name))

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            raise KeyError(f"no parameter named {name} under {self.root}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._parameters)

    def __len__(self) -> int:
        return len(self._parameters)


def _parse(name: str, data: Any, path: Path) -> Parameter:
    if not isinstance(data, dict):
        raise RulebookError(f"{path}: expected a mapping")
    missing = [key for key in ("description", "unit", "citation", "values") if not data.get(key)]
    if missing:
        raise RulebookError(f"{path}: missing {', '.join(missing)}")
    unit, by, then_by = data["unit"], data.get("by"), data.get("then_by")
    if unit not in UNITS:
        raise RulebookError(f"{path}: unit must be one of {', '.join(UNITS)}")
    if by is not None and by not in BY:
        raise RulebookError(f"{path}: by must be one of {', '.join(BY)}")
    if then_by is not None and (by is None or then_by not in BY or then_by == by):
        raise RulebookError(f"{path}: then_by needs a by and must be another of {', '.join(BY)}")
    entries = []
    for start, raw in data["values"].items():
        if not isinstance(start, date):
            raise RulebookError(f"{path}: {start!r} is not a YYYY-MM-DD date")
        source = lapses = None
        if isinstance(raw, dict) and "value" in raw:
            source, lapses, raw = raw.get("source"), raw.get("lapses"), raw["value"]
            if lapses is not None and (not isinstance(lapses, date) or lapses <= start):
                raise RulebookError(f"{path}: {start}: lapses must be a YYYY-MM-DD date "
                                    "after the value takes effect")
        entries.append(Entry(start, _typed(raw, unit, by, path, then_by), source, lapses))
    entries.sort(key=lambda e: e.start, reverse=True)
    if any(e.lapses for e in entries) and not all(e.lapses for e in entries):
        # A fiscal-year table whose next year was added without its lapse date would
        # stop warning exactly when it should start.
        raise RulebookError(f"{path}: some values say when they lapse and some do not; "
                            "every value of a fiscal-year table needs lapses")
    return Parameter(name, str(data["description"]), unit, str(data["citation"]), by,
                     tuple(entries), then_by)


def _typed(raw: Any, unit: str, by: str | None, path: Path, then_by: str | None = None) -> Any:
    """Values as the engine uses them: ratios Decimal, cents int; table keys normalised.
    With `then_by`, each entry of the outer table is itself a table keyed by `then_by`."""
    if by is not None:
        if not isinstance(raw, dict):
            raise RulebookError(f"{path}: a by: {by} value must be a mapping")
        if then_by is not None:
            return {_key(k, by): _typed(v, unit, then_by, path) for k, v in raw.items()}
        return {_key(k, by): _scalar(v, unit, path) for k, v in raw.items()}
    return _scalar(raw, unit, path)


def _key(key: Any, by: str) -> Any:
    if by == "state":
        return str(key).upper()
    return int(key) if isinstance(key, int) or str(key).isdigit() else str(key)


def _scalar(raw: Any, unit: str, path: Path) -> Any:
    if raw is None:
        return None
    if unit == "ratio":
        return Decimal(str(raw))
    if unit == "bool":
        if not isinstance(raw, bool):
            raise RulebookError(f"{path}: {raw!r} is not true or false")
        return raw
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise RulebookError(f"{path}: {raw!r} is not a number")
    if isinstance(raw, float) and not raw.is_integer():
        raise RulebookError(f"{path}: {unit} must be whole, got {raw!r}")
    return int(raw)


def by_size(table: Mapping[Any, int | None], size: int) -> int:
    """Look up a household-size table: sizes past the largest listed use its last entry,
    plus `each_additional` per extra person when the table has one."""
    listed = table.get(size)
    if listed is not None:  # the usual case, and the same answer as below, found faster
        return listed
    sizes = sorted(k for k in table if isinstance(k, int))
    largest = sizes[-1]
    if size <= largest:
        value = table[max(s for s in sizes if s <= size)] if size >= sizes[0] else table[sizes[0]]
        assert value is not None
        return value
    base, extra = table[largest], table.get("each_additional")
    assert base is not None
    return base + (size - largest) * (extra or 0)
