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
    """A parameter was asked for a day before its first value took effect."""


class RulebookError(ValueError):
    """A parameter file is malformed; raised at load so a bad file never reaches a decision."""


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter: when it took effect, what it is, where it is published."""

    start: date
    value: Any
    source: str | None = None


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
        raise NotInForce(f"{self.name} has no value in force on {day.isoformat()}")

    def at(self, day: date) -> Any:
        """The value in force on `day` (a mapping when the parameter is a table)."""
        return self.entry_at(day).value


class Rulebook(Mapping[str, Parameter]):
    """All parameters by dotted name; immutable once loaded."""

    def __init__(self, parameters: Mapping[str, Parameter], root: Path) -> None:
        self._parameters = dict(parameters)
        self.root = root

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
        source = None
        if isinstance(raw, dict) and "value" in raw:
            source, raw = raw.get("source"), raw["value"]
        entries.append(Entry(start, _typed(raw, unit, by, path, then_by), source))
    entries.sort(key=lambda e: e.start, reverse=True)
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
    sizes = sorted(k for k in table if isinstance(k, int))
    largest = sizes[-1]
    if size <= largest:
        value = table[max(s for s in sizes if s <= size)] if size >= sizes[0] else table[sizes[0]]
        assert value is not None
        return value
    base, extra = table[largest], table.get("each_additional")
    assert base is not None
    return base + (size - largest) * (extra or 0)
