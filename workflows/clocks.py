"""The regulatory clocks and periods a case runs, and the agency's business-day calendar, as
effective-dated data read once, at import, from the YAML under `rules/`.

Why data: a clock's figure, counting or citation changes by rule-making (a renumbered
paragraph, the 2025 act's six-month Medicaid renewals), and a State sets its own (TANF
processing) or closes on its own days (Lincoln's Birthday). Each is then a dated change to a
file, never to code, and a clock started before a change keeps the rule of its day.

`rules/clocks.yaml` holds the federal clocks and periods, `rules/holidays.yaml` the federal
holidays (5 USC 6103), and `rules/states/XX.yaml` one State's overlay of all three: a State
version may change any field of the federal one in force beside it, and cites its own rule.

Workflow code imports this module through `workflow.unsafe.imports_passed_through()`, so
the files are read here, at import, and never again: every function below is pure, takes
and returns dates as ISO strings (as Temporal's converter carries them), and reads no clock.
A malformed file fails the import with its path and the field at fault.

Day 1 of a clock is the day after the event that starts it. A calendar-day due date that
falls on a weekend or holiday stays where it falls: the federal rules count calendar days
and move no deadline. (Some State law lets an act due on a holiday be done the next
business day, e.g. ORS 187.010(3); that is not modelled.)
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"

PROGRAMS = ("snap", "tanf", "medicaid", "")
OWNERS = ("agency", "household")
COUNTINGS = ("calendar", "business")
UNTILS = ("period_end",)
"""What a clock may run until instead of for a number of days: the end of the period the
case is renewing, which the case gives when it starts the clock."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ClocksError(ValueError):
    """A rules file is malformed: raised at import, so a bad file never dates a deadline."""


class NotInForce(LookupError):
    """No rule of that name is in force for the State on the day asked."""


@dataclass(frozen=True)
class ClockRule:
    """One clock as in force on a day for a State: the federal version with the State's
    overlay applied."""

    code: str
    program: str
    """snap, tanf, medicaid, or "" for the case as a whole."""
    owner: str
    """agency: it must act by the due date (a breach escalates); household: a window the
    household has (it lapses, never breaches)."""
    days: int
    business_days: bool
    warning_days: int
    pauses: bool
    """Whether it stops while the case waits on the household."""
    citation: str
    description: str
    effective: str
    """The ISO date the newest version behind this rule took effect."""
    state: str
    """Empty for the federal rule, else the State whose overlay changed it."""
    day_of_month: int = 0
    """Set (and `days` 0) for a deadline on a day of the month rather than a duration."""
    source: str = ""
    until: str = ""
    """`period_end` (and `days` 0): due `days_after` days after the end of the period the
    case is renewing, rather than after its start."""
    days_after: int = 0


@dataclass(frozen=True)
class PeriodRule:
    """A period in months (certification, renewal, time limit) as in force for a State."""

    name: str
    program: str
    months: int
    citation: str
    description: str
    effective: str
    state: str


Check = Callable[[Any], Any]


def _choice(options: tuple[str, ...]) -> Check:
    def check(value: Any) -> Any:
        if value not in options:
            raise ValueError(f"must be one of {', '.join(repr(o) for o in options)}")
        return value
    return check


def _whole(low: int, high: int | None = None) -> Check:
    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < low or (
                high is not None and value > high):
            raise ValueError(f"must be a whole number from {low}" + (f" to {high}" if high else ""))
        return value
    return check


def _text(value: Any) -> Any:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be non-empty text")
    return value


def _flag(value: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _date(value: Any) -> Any:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValueError(f"{value!r} is not a YYYY-MM-DD date")
    return value


def _offset(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("must be a whole number of days")
    return value


def _nth(value: Any) -> Any:
    if value not in (1, 2, 3, 4, -1) or isinstance(value, bool):
        raise ValueError("must be 1, 2, 3, 4, or -1 for the last")
    return value


CLOCK_FIELDS: dict[str, Check] = {"program": _choice(PROGRAMS), "owner": _choice(OWNERS),
                                  "description": _text, "citation": _text}
CLOCK_VALUES: dict[str, Check] = {"days": _whole(1), "day_of_month": _whole(1, 28),
                                  "until": _choice(UNTILS), "days_after": _whole(0),
                                  "counting": _choice(COUNTINGS), "warning_days": _whole(0),
                                  "pauses": _flag, "source": _text, "citation": _text}
PERIOD_FIELDS: dict[str, Check] = {"program": _choice(PROGRAMS), "description": _text,
                                   "citation": _text}
PERIOD_VALUES: dict[str, Check] = {"months": _whole(1), "source": _text, "citation": _text}
HOLIDAY_FIELDS: dict[str, Check] = {"name": _text, "month": _whole(1, 12), "day": _whole(1, 31),
                                    "weekday": _choice(WEEKDAYS), "nth": _nth,
                                    "offset_days": _offset, "weekend_shift": _flag,
                                    "from": _date, "citation": _text, "omit": _flag}


@dataclass(frozen=True)
class _Dated:
    """A clock or period as one file gives it: fixed fields, and versions newest first."""

    fields: Mapping[str, Any]
    versions: tuple[tuple[date, Mapping[str, Any]], ...]

    def at(self, day: date) -> tuple[date, Mapping[str, Any]] | None:
        return next(((start, v) for start, v in self.versions if start <= day), None)


@dataclass(frozen=True)
class _Layer:
    """What one set of files says: the federal two together, or one State's overlay."""

    path: Path
    clocks: Mapping[str, _Dated]
    periods: Mapping[str, _Dated]
    holidays_path: Path
    holidays: Mapping[str, Mapping[str, Any]]


def _fail(path: Path, where: str, reason: str) -> ClocksError:
    return ClocksError(f"{path}: {where}: {reason}" if where else f"{path}: {reason}")


def _mapping(path: Path, where: str, raw: Any, allowed: Iterable[str] | None = None) -> dict:
    if not isinstance(raw, dict):
        raise _fail(path, where, "expected a mapping")
    unknown = sorted(str(k) for k in raw if allowed is not None and k not in allowed)
    if unknown:
        raise _fail(path, where, f"unknown field {', '.join(unknown)}")
    return raw


def _checked(path: Path, where: str, raw: dict, checks: Mapping[str, Check]) -> dict[str, Any]:
    """`raw`'s fields, each passed through its check; an error names file and field."""
    out = {}
    for key, value in _mapping(path, where, raw, checks).items():
        try:
            out[key] = checks[key](value)
        except ValueError as error:
            raise _fail(path, f"{where}.{key}", str(error)) from None
    return out


def _dated(path: Path, where: str, raw: Any, fields: Mapping[str, Check],
           values: Mapping[str, Check], *, federal: bool) -> _Dated:
    entry = _mapping(path, where, raw, [*fields, "values"])
    fixed = _checked(path, where, {k: v for k, v in entry.items() if k != "values"}, fields)
    missing = [k for k in fields if k not in fixed] + (["values"] if "values" not in entry else [])
    if federal and missing:
        raise _fail(path, where, f"missing {', '.join(missing)}")
    versions = []
    for start, version in _mapping(path, f"{where}.values", entry.get("values", {})).items():
        try:
            _date(start)
        except ValueError as error:
            raise _fail(path, f"{where}.values", str(error)) from None
        versions.append((start, _checked(path, f"{where}.values.{start}", version, values)))
    versions.sort(key=lambda v: v[0], reverse=True)
    return _Dated(fixed, tuple(versions))


def _read(path: Path, allowed: Iterable[str]) -> dict:
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as error:
        raise ClocksError(f"{path}: cannot be read ({error})") from error
    except (yaml.YAMLError, ValueError) as error:  # ValueError: an impossible date
        raise ClocksError(f"{path}: not valid YAML ({error})") from error
    return _mapping(path, "", data, allowed)


def _layer(path: Path, data: dict, holidays_path: Path, holidays: dict, *,
           federal: bool) -> _Layer:
    def section(kind: str, fields: Mapping[str, Check], values: Mapping[str, Check]) -> dict:
        return {name: _dated(path, f"{kind}.{name}", raw, fields, values, federal=federal)
                for name, raw in _mapping(path, kind, data.get(kind, {})).items()}
    rules = {name: _checked(holidays_path, f"holidays.{name}", raw, HOLIDAY_FIELDS)
             for name, raw in _mapping(holidays_path, "holidays", holidays.get("holidays", {})
                                       ).items()}
    if federal and (omitted := [name for name, rule in rules.items() if "omit" in rule]):
        raise _fail(holidays_path, f"holidays.{omitted[0]}.omit",
                    "only a State's file omits a holiday")
    return _Layer(path, section("clocks", CLOCK_FIELDS, CLOCK_VALUES),
                  section("periods", PERIOD_FIELDS, PERIOD_VALUES), holidays_path, rules)


def _holiday_rules(federal: _Layer, overlay: _Layer | None) -> tuple[dict[str, Any], ...]:
    """The holidays a State's agencies observe: the federal ones with its changes applied."""
    merged = {name: dict(rule) for name, rule in federal.holidays.items()}
    path = (overlay or federal).holidays_path
    for name, rule in (overlay.holidays.items() if overlay else ()):
        if not rule.get("omit"):
            merged[name] = {**merged.get(name, {}), **rule}
        elif merged.pop(name, None) is None:
            raise _fail(path, f"holidays.{name}", "omits a holiday the federal calendar lacks")
    for name, rule in merged.items():
        fixed, nth = {"day", "weekend_shift"} & rule.keys(), {"weekday", "nth"} & rule.keys()
        shaped = (len(fixed), len(nth)) in ((2, 0), (0, 2))
        if not shaped or not {"name", "month", "from", "citation"} <= rule.keys():
            raise _fail(path, f"holidays.{name}", "needs name, month, from, citation, and "
                        "either day with weekend_shift or weekday with nth")
        if fixed:
            try:
                date(2001, rule["month"], rule["day"])
            except ValueError:
                raise _fail(path, f"holidays.{name}.day", "is not a day of that month") from None
    return tuple(merged.values())


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (or, for -1, the last) given weekday of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(rule: Mapping[str, Any], year: int) -> date | None:
    """The day a holiday rule closes the agency in `year`, or None before it was in force.
    A fixed date on a Saturday moves to Friday, on a Sunday to Monday (5 USC 6103(b))."""
    if "day" in rule:
        day = date(year, rule["month"], rule["day"])
        if rule["weekend_shift"] and day.weekday() >= 5:
            day += timedelta(days=-1 if day.weekday() == 5 else 1)
    else:
        day = _nth_weekday(year, rule["month"], WEEKDAYS.index(rule["weekday"]), rule["nth"])
    day += timedelta(days=rule.get("offset_days", 0))
    return day if day >= rule["from"] else None


def _iso(day: str, name: str) -> date:
    try:
        return date.fromisoformat(day)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an ISO date (YYYY-MM-DD), got {day!r}") from None


class Rules:
    """Every clock, period and holiday rule, federal and per State. Its answers never change
    once loaded (the holiday memo only saves recounting). The module's functions are the
    methods of the shipped copy, `RULES`."""

    def __init__(self, root: Path, federal: _Layer, states: Mapping[str, _Layer]) -> None:
        self.root = root
        self._federal = federal
        self._states = dict(states)
        self._holiday_rules = {code: _holiday_rules(federal, layer)
                               for code, layer in [("", None), *self._states.items()]}
        self._holidays: dict[tuple[int, str], frozenset[date]] = {}

    def _merged(self, kind: str, name: str, state: str, on: str
                ) -> tuple[dict[str, Any], str, date, str]:
        """The fields of `name` in force on `on` for `state`, the State's over the federal,
        with the citations of both, the newer version's start and the State if it had one."""
        day = _iso(on, "on")
        federal = getattr(self._federal, kind).get(name)
        layer = self._states.get(state)
        overlay = getattr(layer, kind).get(name) if layer else None
        if federal is None and overlay is None:
            raise NotInForce(f"no {kind[:-1]} named {name} in the federal rules"
                             + (f" or {state}'s" if state else ""))
        fed, own = (federal.at(day) if federal else None), (overlay.at(day) if overlay else None)
        if fed is None and own is None:
            firsts = [d.versions[-1][0] for d in (federal, overlay) if d and d.versions]
            who = f"for {state}" if state else "under the federal rules alone"
            raise NotInForce(
                f"{name} has no rule in force {who} on {on}: "
                + (f"its first takes effect {min(firsts).isoformat()}" if firsts else
                   "federal law sets no figure" + (f" and {state}'s rules set none" if state
                                                   else "")))
        citations = [found[1].get("citation") or dated.fields.get("citation", "")
                     for dated, found in ((federal, fed), (overlay, own)) if dated and found]
        values = {**(federal.fields if federal else {}), **(overlay.fields if overlay else {}),
                  **(fed[1] if fed else {}), **(own[1] if own else {})}
        values.pop("citation", None)
        start = max(found[0] for found in (fed, own) if found)
        return values, "; ".join(dict.fromkeys(c for c in citations if c)), start, (
            state if own else "")

    def _complete(self, kind: str, name: str, state: str, values: Mapping[str, Any],
                  citation: str, required: tuple[str, ...]) -> None:
        missing = [k for k in required if k not in values] + ([] if citation else ["citation"])
        if missing:
            path = self._states[state].path if state else self._federal.path
            raise _fail(path, f"{kind}.{name}", f"missing {', '.join(missing)} once the "
                        "federal and State versions are combined")

    def clock_rule(self, code: str, state: str, on: str) -> ClockRule:
        """The rule in force on `on` (ISO date) for `state`, with its overlay applied.
        Raises NotInForce (a LookupError) naming the code, State and date when none is."""
        state = state.upper()
        values, citation, start, changed_by = self._merged("clocks", code, state, on)
        self._complete("clocks", code, changed_by, values, citation,
                       ("program", "owner", "description", "counting", "warning_days",
                        "pauses", "source"))
        days, day_of_month = values.get("days", 0), values.get("day_of_month", 0)
        until = values.get("until", "")
        path = self._states[changed_by].path if changed_by else self._federal.path
        if [bool(days), bool(day_of_month), bool(until)].count(True) != 1:
            raise _fail(path, f"clocks.{code}",
                        "needs exactly one of days, day_of_month and until")
        if days and values["warning_days"] >= days:
            raise _fail(path, f"clocks.{code}", "warning_days must be fewer than days")
        return ClockRule(code, values["program"], values["owner"], days,
                         values["counting"] == "business", values["warning_days"],
                         values["pauses"], citation, " ".join(values["description"].split()),
                         start.isoformat(), changed_by, day_of_month, values["source"],
                         until, values.get("days_after", 0))

    def period_rule(self, name: str, state: str, on: str) -> PeriodRule:
        """The period in force on `on` for `state`; raises NotInForce like `clock_rule`."""
        state = state.upper()
        values, citation, start, changed_by = self._merged("periods", name, state, on)
        self._complete("periods", name, changed_by, values, citation,
                       ("program", "description", "months", "source"))
        return PeriodRule(name, values["program"], values["months"], citation,
                          " ".join(values["description"].split()), start.isoformat(),
                          changed_by)

    def period_months(self, name: str, state: str, on: str) -> int:
        """The months of a period in force on `on`, e.g. SNAP_CERTIFICATION: 12."""
        return self.period_rule(name, state, on).months

    def state_clock_codes(self, state: str, on: str) -> tuple[str, ...]:
        """Every clock with a rule in force for `state` on `on`, sorted: what a case there
        can run (a State-set clock appears only for a State that sets it)."""
        state = state.upper()
        layer = self._states.get(state)
        codes = set(self._federal.clocks) | set(layer.clocks if layer else ())
        in_force = []
        for code in sorted(codes):
            try:
                self._merged("clocks", code, state, on)
            except NotInForce:
                continue
            in_force.append(code)
        return tuple(in_force)

    def agency_holidays(self, year: int, state: str) -> list[str]:
        """The days the agency is closed in `year`, as observed (ISO dates, sorted); a State
        with no overlay keeps the federal calendar."""
        return sorted(day.isoformat() for day in self._closed(year, state.upper()))

    def _closed(self, year: int, state: str) -> frozenset[date]:
        key = (year, state if state in self._states else "")
        if key not in self._holidays:
            # A holiday of the next year can be observed in this one (1 January on a
            # Saturday closes Friday 31 December), so each neighbour year is asked too.
            self._holidays[key] = frozenset(
                day for rule in self._holiday_rules[key[1]] for y in (year - 1, year, year + 1)
                if (day := _observed(rule, y)) is not None and day.year == year)
        return self._holidays[key]

    def _business(self, day: date, state: str) -> bool:
        return day.weekday() < 5 and day not in self._closed(day.year, state)

    def is_business_day(self, day: str, state: str) -> bool:
        """A weekday on which the State's agency is open."""
        return self._business(_iso(day, "day"), state.upper())

    def add_business_days(self, day: str, days: int, state: str) -> str:
        """The `days`-th business day after `day` (before it, for a negative count); `day`
        itself when `days` is 0, business day or not."""
        current, step = _iso(day, "day"), timedelta(days=1 if days >= 0 else -1)
        for _ in range(abs(days)):
            current += step
            while not self._business(current, state.upper()):
                current += step
        return current.isoformat()

    def due_date(self, rule: ClockRule, start: str, state: str, period_end: str = "") -> str:
        """When a clock started on `start` is due. Day 1 is the day after `start`: calendar
        clocks fall `days` later, wherever that lands; business clocks on the `days`-th
        business day after `start` (weekends and the State's agency holidays skipped). A
        day-of-month deadline falls on that day of `start`'s month; a clock until the
        period's end, `days_after` days after `period_end`."""
        if rule.until:
            if not period_end:
                raise ValueError(f"{rule.code} runs until a period's end: give period_end")
            return (_iso(period_end, "period_end") + timedelta(days=rule.days_after)).isoformat()
        begun = _iso(start, "start")
        if rule.day_of_month:
            return begun.replace(day=rule.day_of_month).isoformat()
        if rule.business_days:
            return self.add_business_days(start, rule.days, state)
        return (begun + timedelta(days=rule.days)).isoformat()

    def warning_date(self, rule: ClockRule, due: str, state: str) -> str:
        """`warning_days` before `due`, counted as the clock counts; "" with no warning."""
        if not rule.warning_days:
            return ""
        if rule.business_days:
            return self.add_business_days(due, -rule.warning_days, state)
        return (_iso(due, "due") - timedelta(days=rule.warning_days)).isoformat()


def load(root: Path = RULES_DIR) -> Rules:
    """Read and check every rules file under `root`; raises ClocksError naming the file and
    field of the first fault. Every State version is checked combined with the federal one
    beside it, so a query never meets an incomplete rule."""
    root = Path(root)
    clocks_path, holidays_path = root / "clocks.yaml", root / "holidays.yaml"
    federal = _layer(clocks_path, _read(clocks_path, ["clocks", "periods"]), holidays_path,
                     _read(holidays_path, ["holidays"]), federal=True)
    states = {}
    for path in sorted((root / "states").glob("*.yaml")):
        data = _read(path, ["state", "clocks", "periods", "holidays"])
        if data.get("state") != path.stem or not path.stem.isupper():
            raise _fail(path, "state", f"must be {path.stem!r}, the file's name, in capitals")
        layer = _layer(path, data, path, data, federal=False)
        for kind, fields in (("clocks", CLOCK_FIELDS), ("periods", PERIOD_FIELDS)):
            for name, dated in getattr(layer, kind).items():
                missing = [k for k in fields if k not in dated.fields]
                if name not in getattr(federal, kind) and missing:
                    raise _fail(path, f"{kind}.{name}", "a State's own needs "
                                f"{', '.join(missing)} (there is no federal one)")
                uncited = [s for s, v in dated.versions if "citation" not in v]
                if uncited and "citation" not in dated.fields:
                    raise _fail(path, f"{kind}.{name}.values.{uncited[0]}", "missing citation "
                                "(a State version cites the State rule that sets it)")
        states[path.stem] = layer
    rules = Rules(root, federal, states)
    # A federal and a State version combine afresh only where one of them starts, so building
    # every rule on every start date checks each combination a query can meet.
    builders: tuple[tuple[str, Callable[[str, str, str], object]], ...] = (
        ("clocks", rules.clock_rule), ("periods", rules.period_rule))
    for state in ("", *states):
        for kind, build in builders:
            layers = [getattr(federal, kind), getattr(states[state], kind) if state else {}]
            for name in set().union(*layers):
                for start in {s for dated in layers if name in dated
                              for s, _ in dated[name].versions}:
                    build(name, state, start.isoformat())
    return rules


RULES = load()
"""The rules shipped under `rules/`, read once at import."""

clock_rule = RULES.clock_rule
period_rule = RULES.period_rule
period_months = RULES.period_months
state_clock_codes = RULES.state_clock_codes
due_date = RULES.due_date
warning_date = RULES.warning_date
is_business_day = RULES.is_business_day
add_business_days = RULES.add_business_days
agency_holidays = RULES.agency_holidays


def action_date_after_notice(effective: str, state: str) -> str:
    """The day an adverse action takes effect, given the first day its notice period
    allows (`effective`). When the period's last day is a weekend or holiday, a request for
    a hearing and continued benefits made on the agency's next business day is still
    timely (7 CFR 273.13(a)(1)), so the action waits until that day has passed."""
    last = (date.fromisoformat(effective) - timedelta(days=1)).isoformat()
    if is_business_day(last, state):
        return effective
    grace = date.fromisoformat(add_business_days(last, 1, state))
    return (grace + timedelta(days=1)).isoformat()
