"""Hypothesis strategies for any protobuf message, built from its descriptor alone.

A random message is refused at its first bad field, so fuzzing only that way never
reaches a handler's deeper checks. `requests` therefore mixes three kinds of request: a
valid one (a seed) with one field anywhere in it replaced or cleared, a message
generated whole from the descriptor (every field set or left unset at random, nested
messages down to `MAX_DEPTH`), and the seed itself.

Values are chosen by field type and, for strings, by what the field's name says it
holds (a case id, a date, a month, an id, a key, ...): the shapes real requests carry
and their near misses, the ids of real records and of other callers (`Known`), huge
strings (over 64 KiB, under the servers' message limit) and Unicode edge cases. Proto
strings cannot hold surrogates, so the edge cases are NUL, lone combining marks,
direction marks and overrides, line and paragraph separators, a BOM, emoji sequences,
digits of other scripts and very long runs of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass
from hypothesis import strategies as st

MAX_DEPTH = 4
"""Nested messages deeper than this are left empty (Household > HouseholdMember > ...)."""

MANY = (50, 400)
"""How many copies of one element a "many" repeated field holds."""

HUGE = 64 * 1024 + 1
"""Just over 64 KiB, the size the huge strings start at."""

EDGE_TEXT = (
    "", " ", "\t\n", "\x00", "a\x00b", "\u0301", "e\u0301", "\u200f", "\u200e", "\u202e",
    "abc\u202edcba", "\u2028", "\u2029", "\ufeff", "\u200b", "\U0001f600",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", "\U0010ffff",
    "\U0001d7d8", "\u0663", "\u216b", "\u0130", "\u00df", "'; DROP TABLE x; --",
    "%s%n%x", "../../etc/passwd", "null", "NaN", "-1", "1e309",
)
"""Text that breaks naive handling: empty, blank, control, combining, bidirectional,
separators, astral and other scripts' digits, and what injections look like."""

HUGE_TEXT = (
    "x" * HUGE,
    "\U0001f600" * (HUGE // 4 + 1),
    "\u0301" * (HUGE // 2 + 1),
    "a\u200f" * (HUGE // 3 + 1),
    ("\u2028" + "y" * 99) * (HUGE // 100 + 1),
)
"""Strings over 64 KiB (built once: hypothesis cannot draw strings this long)."""

TODAY = date.today()

DATES = (
    (TODAY - timedelta(days=1)).isoformat(), TODAY.isoformat(),
    (TODAY + timedelta(days=1)).isoformat(), (TODAY - timedelta(days=29)).isoformat(),
    "2026-02-30", "2026-13-01", "2026-00-10", "2026-02-29", "2024-02-29", "0000-01-01",
    "0001-01-01", "1800-01-01", "9999-12-31", "20260105", "2026-1-5", "2026-01-05T00:00",
    " 2026-01-05", "2026/01/05", "\uff12\uff10\uff12\uff16-01-05", "2026-01-0\u0663",
    "garbage",
)
"""Valid dates first (yesterday is the plausible one), then dates that do not exist,
far past and future, and other spellings."""

MONTHS = ((TODAY.replace(day=1) - timedelta(days=1)).strftime("%Y-%m"), "2026-01",
          "2026-13", "2026-00", "0000-01", "9999-12", "2026-1", "2026-01-01", "26-01")
CODES = ("SNAP_APPLICATION_PROCESSING", "snap_application", "A__B", "_A", "A" * 65, "Ä")
STATES = ("IL", "OR", "il", " IL ", "XX", "ZZZ")
ZIPS = ("62701", "62701-1234", "6270", "abcde", "\u0666\u0662\u0667\u0660\u0661")
SSNS = ("123-45-6789", "123456789", "000-12-3456", "666-12-3456", "123-4567-89")
PHONES = ("(312) 555-0142", "+1 312 555 0142", "112-555-0142", "555-0142")
EMAILS = ("name@example.org", "no-at-sign", "a@b", "a@@b.org", "x" * 250 + "@e.org")
PAGE_TOKENS = ("", "garbage", "MTAw", "LTE=", "eyJvZmZzZXQiOiAtMX0=", "OTk5OTk5OTk5OTk5")
KEYS = ("key-1", "x" * 129)
TEXTS = ("a reason the caseworker wrote",)
"""Plausible free text, first in line when a seed's unset text fields are filled."""

INT_BOUNDS = {
    FieldDescriptor.CPPTYPE_INT32: (-(2**31), 2**31 - 1),
    FieldDescriptor.CPPTYPE_INT64: (-(2**63), 2**63 - 1),
    FieldDescriptor.CPPTYPE_UINT32: (0, 2**32 - 1),
    FieldDescriptor.CPPTYPE_UINT64: (0, 2**64 - 1),
}
CENTS = (1, 29_100, 180_000, 10_000_000, 10_000_001, 2**31, -1)
"""Amounts: plausible ones, the payments service's cap and one over, overflowing int32."""


@dataclass(frozen=True)
class Known:
    """Values of the world under test, so generated ids name real records: the case, ids
    of its records and callers, and those of other callers and of cases that do not
    exist."""

    case_ids: tuple[str, ...]
    ids: tuple[str, ...]
    keys: tuple[str, ...] = ()
    """Idempotency keys already used: a request reusing one with another body."""

    def samples(self, field: FieldDescriptor) -> tuple[str, ...]:
        """The shaped strings for a field, the plausible one first."""
        name = field.name
        if name.endswith("case_id"):
            return (*self.case_ids, "0" * 32, "A" * 32, "0" * 31, "0" * 33, "g" * 32)
        if name.endswith("key") or name == "submission_id":
            return (*self.keys, *KEYS)
        if "date" in name:
            return DATES
        if name.endswith("month") or name == "period":
            return MONTHS
        if name.endswith(("_id", "_by")) or name == "id":
            return (*self.ids, "x" * 65)
        return {"state": STATES, "zip": ZIPS, "code": CODES, "ssn": SSNS, "phone": PHONES,
                "email": EMAILS, "page_token": PAGE_TOKENS}.get(name, TEXTS)


class Strategies:
    """Strategies per field and message type, built once per descriptor."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self._messages: dict[tuple[Descriptor, int, bool], st.SearchStrategy[Message]] = {}
        self._values: dict[tuple[FieldDescriptor, int, bool], st.SearchStrategy[Any]] = {}

    def message(self, descriptor: Descriptor, depth: int = MAX_DEPTH, small: bool = False
                ) -> st.SearchStrategy[Message]:
        """Messages of `descriptor`'s type with each field left unset or set to a value
        of `value`; below `depth` levels an empty (but present) message. `small` leaves
        out the huge strings."""
        key = (descriptor, depth, small)
        if key not in self._messages:
            self._messages[key] = self._message(descriptor, depth, small)
        return self._messages[key]

    def value(self, field: FieldDescriptor, depth: int = MAX_DEPTH, small: bool = False
              ) -> st.SearchStrategy[Any]:
        """What a field may be set to: a list for a repeated field (empty, a few, or one
        small element many times over), else one value. Huge strings stay out of
        repeated fields (`small`), so a request stays within a few MiB."""
        key = (field, depth, small)
        if key not in self._values:
            self._values[key] = self._value(field, depth, small)
        return self._values[key]

    def _message(self, descriptor: Descriptor, depth: int, small: bool
                 ) -> st.SearchStrategy[Message]:
        cls = GetMessageClass(descriptor)
        if depth == 0:
            return st.just(cls())
        fields = {field.name: st.none() | self.value(field, depth - 1, small)
                  for field in descriptor.fields}

        def build(values: dict[str, Any]) -> Message:
            message = cls()
            for field in descriptor.fields:
                assign(message, field, values[field.name])
            return message

        return st.fixed_dictionaries(fields).map(build)

    def _value(self, field: FieldDescriptor, depth: int, small: bool
               ) -> st.SearchStrategy[Any]:
        if not field.is_repeated:
            return self._single(field, depth, small)
        few = st.lists(self._single(field, depth, small=True), max_size=4)
        many = st.tuples(self._single(field, min(depth, 1), small=True),
                         st.integers(*MANY)).map(lambda pair: [pair[0]] * pair[1])
        return few | many

    def _single(self, field: FieldDescriptor, depth: int, small: bool
                ) -> st.SearchStrategy[Any]:
        cpp = field.cpp_type
        if cpp == FieldDescriptor.CPPTYPE_MESSAGE:
            if field.message_type.GetOptions().map_entry:
                raise TypeError(f"{field.full_name}: map fields are not generated")
            return self.message(field.message_type, depth, small)
        if cpp == FieldDescriptor.CPPTYPE_ENUM:
            known = [value.number for value in field.enum_type.values]
            return st.sampled_from(known) | st.integers(*INT_BOUNDS[FieldDescriptor.CPPTYPE_INT32])
        if cpp in INT_BOUNDS:
            low, high = INT_BOUNDS[cpp]
            edges = [n for n in (0, 1, -1, low, high, low + 1, high - 1, 2**31, 2**32, *CENTS)
                     if low <= n <= high]
            return st.sampled_from(edges) | st.integers(low, high)
        if cpp == FieldDescriptor.CPPTYPE_BOOL:
            return st.booleans()
        if cpp in (FieldDescriptor.CPPTYPE_DOUBLE, FieldDescriptor.CPPTYPE_FLOAT):
            return st.floats(width=64 if cpp == FieldDescriptor.CPPTYPE_DOUBLE else 32)
        if field.type == FieldDescriptor.TYPE_BYTES:
            return st.binary(max_size=64)
        return text(self.known.samples(field), small)


def text(samples: Sequence[str], small: bool) -> st.SearchStrategy[str]:
    """A string field's values: its shaped samples, edge cases, huge strings (unless
    `small`), and any text hypothesis makes (no surrogates, which proto strings cannot
    hold)."""
    found = st.sampled_from(samples) | st.sampled_from(EDGE_TEXT) | st.text(max_size=80)
    return found if small else found | st.sampled_from(HUGE_TEXT)


def assign(message: Message, field: FieldDescriptor, value: Any) -> None:
    """Set `field` of `message` to `value` (a list for a repeated field); None clears
    it. A message value is set even when empty, so "present but empty" is generated."""
    message.ClearField(field.name)
    if value is None:
        return
    target = getattr(message, field.name)
    if field.is_repeated:
        if field.message_type is not None:
            for element in value:
                target.add().CopyFrom(element)
        else:
            target.extend(value)
    elif field.message_type is not None:
        target.SetInParent()
        target.CopyFrom(value)
    else:
        setattr(message, field.name, value)


Path = tuple[tuple[str, int | None], ...]
"""How to reach a nested message from a request: field names, with an index into a
repeated field."""


def spots(message: Message, path: Path = (), depth: int = MAX_DEPTH
          ) -> Iterator[tuple[Path, FieldDescriptor]]:
    """Every field of `message` and of the messages in it (set or not, and each element
    of a repeated one), down to `depth`: the places one mutation can change."""
    for field in message.DESCRIPTOR.fields:
        yield path, field
        if field.message_type is None or depth == 0:
            continue
        if field.is_repeated:
            for index, element in enumerate(getattr(message, field.name)):
                yield from spots(element, (*path, (field.name, index)), depth - 1)
        else:
            yield from spots(getattr(message, field.name), (*path, (field.name, None)),
                             depth - 1)


def walk(message: Message, path: Path) -> Message:
    """The message `path` leads to inside `message`."""
    for name, index in path:
        message = getattr(message, name) if index is None else getattr(message, name)[index]
    return message


def mutations(seed: Message, strategies: Strategies) -> st.SearchStrategy[Message]:
    """`seed` with one field anywhere in it replaced by a generated value or cleared."""
    places = list(spots(seed))

    @st.composite
    def mutated(draw: Callable[[st.SearchStrategy[Any]], Any]) -> Message:
        path, field = draw(st.sampled_from(places))
        value = draw(st.none() | strategies.value(field, MAX_DEPTH - len(path)))
        copy = type(seed)()
        copy.CopyFrom(seed)
        assign(walk(copy, path), field, value)
        return copy

    return mutated()


def requests(seeds: Sequence[Message], strategies: Strategies) -> st.SearchStrategy[Message]:
    """Requests of the seeds' type: mostly a seed mutated once, else one generated whole,
    else a seed as it is (which may be accepted)."""
    whole = strategies.message(seeds[0].DESCRIPTOR)
    return st.one_of(*(mutations(seed, strategies) for seed in seeds), whole,
                     st.sampled_from(list(seeds)))


def filled(seed: Message, known: Known) -> Message:
    """A copy of `seed` whose unset top-level scalars hold a plausible value: the first
    shaped sample of a string, the first value an enum names after UNSPECIFIED, 1 for a
    number. The valid requests leave a handler's optional fields unset; this one sets
    them, so a mutation of it reaches the checks on those fields too."""
    copy = type(seed)()
    copy.CopyFrom(seed)
    for field in copy.DESCRIPTOR.fields:
        if field.is_repeated or field.message_type is not None or _is_set(copy, field):
            continue
        if field.cpp_type == FieldDescriptor.CPPTYPE_ENUM:
            numbers = [value.number for value in field.enum_type.values if value.number]
            value: Any = numbers[0]
        elif field.cpp_type == FieldDescriptor.CPPTYPE_STRING:
            value = known.samples(field)[0] if field.type != FieldDescriptor.TYPE_BYTES else b"x"
        elif field.cpp_type == FieldDescriptor.CPPTYPE_BOOL:
            value = True
        else:
            value = 1
        setattr(copy, field.name, value)
    return copy


def _is_set(message: Message, field: FieldDescriptor) -> bool:
    if field.has_presence:
        return message.HasField(field.name)
    return bool(getattr(message, field.name))
