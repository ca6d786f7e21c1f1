"""A case's record as an audit trail: who did what, when, and by what means, for a fair
hearing to read without Temporal's history.

The record is assembled from what intake stores: the application as filed, each
verification item asked for, each record of an item (a `verification_recorded` event),
each notice issued and each event the case workflow recorded. Each becomes an action (a
stable kind) and a detail (the stored JSON, which never holds names, birth dates, SSNs or
addresses), and `WORDINGS`, one line per action, says whose id in the detail is the
actor, how the entry reads and where it came from. An action it does not list still
appears: the first person the detail names acts (else `system`), and the summary is the
action itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from common.vocabulary import Program
from services.intake.store import (
    VERIFICATION_EVENT,
    ApplicationRecord,
    EventRecord,
    NoticeRecord,
    VerificationRecord,
)

SYSTEM = "system"
"""The actor of what the case did by its rules; the word the workflow's closure records
use for the same."""

ACTOR_KEYS = ("supervisor_id", "hearing_officer_id", "verifier_id", "recorded_by",
              "caseworker_id")
"""The detail keys that name a person, the deciding role first: whose id acts in an
entry whose wording names no actor key (an action `WORDINGS` does not know)."""

PROGRAM_KEYS = ("program", "programs")
"""The detail keys that name the programs an entry concerns."""


@dataclass(frozen=True)
class Wording:
    """How the entries of one action read."""

    summary: str
    """A `str.format` template over the detail; a key the detail lacks (or leaves empty)
    reads as `-`. Only ids, dates, codes and counts go in: free text (a reason, a note)
    stays in the detail."""
    actor: str = ""
    """The detail key naming who acted (empty or absent: `SYSTEM`). Unset for what the
    case does by its rules, where `ACTOR_KEYS` still finds a person a newer detail names."""
    source: str = ""
    """The detail key naming the source or channel, if the action has one."""


WORDINGS: Mapping[str, Wording] = {
    # intake's own records
    "application_submitted": Wording(
        "Application filed on {filing_date} for {programs}, a household of {household_size}"),
    "verification_requested": Wording("Proof of {kind} asked for, due {due_date}"),
    "verification_received": Wording(
        "Proof of {kind} received on {received_date}", "verifier_id", "source"),
    "verification_corrected": Wording(
        "Proof of {kind} corrected, received on {received_date}", "verifier_id", "source"),
    "verification_rejected": Wording(
        "Proof of {kind} rejected on {received_date}; asked for again by {due_date}",
        "verifier_id"),
    "verification_not_provided": Wording("Proof of {kind} not provided by its due date",
                                         "verifier_id"),
    "verification_requested_again": Wording("Proof of {kind} asked for again, due {due_date}",
                                            "verifier_id"),
    "notice_issued": Wording("Notice issued: {kind}, mailed {mailed_date}", source="channel"),
    "household_changed": Wording("Household facts changed by a report: {changes}",
                                 "caseworker_id"),
    # the case workflow's events
    "interview_recorded": Wording("Interview held on {interview_date}", "caseworker_id"),
    "interview_rescheduled": Wording("Interview rescheduled to {interview_date}",
                                     "caseworker_id"),
    "assessment_recorded": Wording("Assessment and service plan recorded; needs: {needs}",
                                   "caseworker_id"),
    "plan_approved": Wording("Service plan approved", "supervisor_id"),
    "change_reported": Wording("Change reported on {reported_date}: {kinds}",
                               "caseworker_id"),
    "employment_recorded": Wording("Employment of member {member_id} from {start_date}",
                                   "caseworker_id"),
    "retention_check_in": Wording(
        "Retention check-in: member {member_id} employed from {start_date}",
        "caseworker_id"),
    "retention_started": Wording("Retention began, until {retention_end_date}"),
    "renewal_received": Wording("{program} renewal received on {received_date}",
                                "caseworker_id"),
    "renewed_ex_parte": Wording("{program} renewed on what the agency knows, to {period_end}"),
    "recertification": Wording("Certification period ended; recertification began"),
    "not_recertified": Wording("{programs} ended: not recertified"),
    "benefits_held": Wording("Benefits for {period} held for postponed proof"),
    "postponed_verification_ended": Wording("SNAP ended: postponed proof not provided"),
    "reopened": Wording("Application reopened: the missing proof came in"),
    "closure_scheduled": Wording("Closure noticed ({reason}), effective {effective}",
                                 "caseworker_id"),
    "program_closed": Wording("{program} closed ({reason})", "caseworker_id"),
    "closed": Wording("Case closed ({reason})", "caseworker_id"),
    "hearing_requested": Wording(
        "Fair hearing asked for on {program} ({action_appealed}) by the {requested_by}, "
        "received {requested_date}", "recorded_by"),
    "hearing_decided": Wording("Fair hearing decided on {decision_date}: {outcome}",
                               "hearing_officer_id"),
    "reinstated": Wording("Reinstated after a hearing reversed the action"),
    "deadline_breached": Wording("Deadline {code} passed unmet (due {due_date})"),
    "deadline_extended": Wording("Deadline {code} extended from {due_date} to {new_due_date}",
                                 "supervisor_id"),
    "reassigned": Wording("Case moved from {from_caseworker_id} to {caseworker_id}",
                          "supervisor_id"),
    "approval_requested": Wording("Approval asked for: {kind} ({approval_id})",
                                  "caseworker_id"),
    "approval_decided": Wording("Approval {approval_id} ({kind}): {decision}",
                                "supervisor_id"),
}


@dataclass(frozen=True)
class Entry:
    """One entry of a case's record."""

    at: datetime
    actor: str
    action: str
    summary: str
    programs: tuple[Program, ...]
    source: str
    detail: Mapping[str, Any]


def entry(action: str, detail: Mapping[str, Any], at: datetime) -> Entry:
    """The entry of one record: its actor, summary, programs and source read off its
    detail as the action's wording says."""
    wording = WORDINGS.get(action)
    keys = (wording.actor,) if wording and wording.actor else ACTOR_KEYS
    actor = next((value for key in keys if isinstance(value := detail.get(key), str) and value),
                 SYSTEM)
    summary = wording.summary.format_map(_Fields(detail)) if wording else action
    source = detail.get(wording.source, "") if wording and wording.source else ""
    return Entry(at, actor, action, summary, _programs(detail), str(source or ""), detail)


class _Fields(dict[str, str]):
    """A detail as a summary template reads it: programs upper case, lists joined, and
    whatever is missing or empty as `-`."""

    def __init__(self, detail: Mapping[str, Any]) -> None:
        super().__init__({key: _words(key, value) for key, value in detail.items()})

    def __missing__(self, key: str) -> str:
        return "-"


def _words(key: str, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_words(key, item) for item in value) or "-"
    if value is None or value == "":
        return "-"
    return str(value).upper() if key in PROGRAM_KEYS else str(value)


_PROGRAM_VALUES = {str(program): program for program in Program}


def _programs(detail: Mapping[str, Any]) -> tuple[Program, ...]:
    """The programs the detail names (`program`, `programs`), each once; none for the
    case as a whole."""
    named: list[Any] = []
    for key in PROGRAM_KEYS:
        value = detail.get(key)
        named.extend(value if isinstance(value, list) else [value])
    return tuple(dict.fromkeys(_PROGRAM_VALUES[v] for v in named
                               if isinstance(v, str) and v in _PROGRAM_VALUES))


# --- assembling a case's record ----------------------------------------------------------


def case_record(
    application: ApplicationRecord, items: Iterable[VerificationRecord],
    events: Iterable[EventRecord], notices: Iterable[NoticeRecord],
) -> list[Entry]:
    """Every entry of the case's record, oldest first (entries of one instant in the
    order listed: application, items, events, notices)."""
    entries = [entry("application_submitted", {
        "submission_id": application.submission_id, "programs": list(application.programs),
        "state": application.state, "filing_date": application.filing_date.isoformat(),
        "household_size": len(application.household["members"])}, application.submitted_at)]
    entries += [entry("verification_requested", {
        "kind": item.kind, "due_date": item.due_date.isoformat()}, item.requested_at)
        for item in items]
    entries += [entry(_event_action(event), event.detail, event.at) for event in events]
    entries += [entry("notice_issued", {
        "notice_id": notice.notice_id, "kind": notice.kind,
        "mailed_date": notice.mailed_on.isoformat() if notice.mailed_on else "",
        "channel": "mail" if notice.mailed_on else ""}, notice.issued_at)
        for notice in notices]
    return sorted(entries, key=lambda e: e.at)


def _event_action(event: EventRecord) -> str:
    """An event's action is its kind; a verification record's is what it did to the item
    (`verification_received`, `verification_rejected`, ...)."""
    action = event.detail.get("action")
    if event.kind == VERIFICATION_EVENT and isinstance(action, str) and action:
        return f"verification_{action}"
    return event.kind


# --- reading it a page at a time ---------------------------------------------------------

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class RecordQuery:
    """Which entries of a case's record to read: those of `actions` (all when empty) at or
    after `since`, `page_size` of them from `offset`."""

    case_id: str
    actions: frozenset[str] = frozenset()
    since: datetime | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    offset: int = 0


def page(entries: Sequence[Entry], query: RecordQuery) -> tuple[list[Entry], str]:
    """The entries the query asks for, and the token of the page after (empty on the
    last). Records are only added, each stamped as it is written and so sorted after
    those before it, so a token given out earlier still starts where its page ended."""
    chosen = [e for e in entries if (not query.actions or e.action in query.actions)
              and (query.since is None or e.at >= query.since)]
    end = query.offset + query.page_size
    return chosen[query.offset:end], page_token(end) if end < len(chosen) else ""


_TOKEN = re.compile(r"[0-9]{1,9}")


def page_token(offset: int) -> str:
    """The token of the page starting at `offset` among the entries a query chooses."""
    return str(offset)


def offset_of(token: str) -> int | None:
    """Where the page a `page_token` names starts, or None for a token it never made."""
    return int(token) if _TOKEN.fullmatch(token) else None
