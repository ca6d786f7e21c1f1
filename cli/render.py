"""What `casework show`, `record`, `demo` and the caseload listings print, in one place so
they spell a case alike: enum values by their short names, money as `common.money.show`
writes it, and tables (a case's record, cases, worklists, clocks, approvals, the
timeliness report, the demo's outcomes) in plain-text columns."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from typing import TYPE_CHECKING, TextIO

from casework.v1 import common_pb2, intake_pb2
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from common import money
from common.enums import spelling

if TYPE_CHECKING:
    from cli.scenarios import Scenario


def name(enum: EnumTypeWrapper, number: int) -> str:
    """`PROGRAM_SNAP` -> `SNAP`: the short name people read in tables and JSON. The type's
    prefix is read off its zero value (`PROGRAM_UNSPECIFIED`), the convention
    `common.enums` relies on, so no caller spells it."""
    return enum.Name(number).removeprefix(enum.Name(0).removesuffix("UNSPECIFIED"))


def words(enum: EnumTypeWrapper, number: int) -> str:
    """`VERIFICATION_KIND_HOUSEHOLD_COMPOSITION` -> `household composition`, for sentences."""
    return name(enum, number).lower().replace("_", " ")


def phase_name(phase: int) -> str:
    """`PHASE_MONITORING` -> `monitoring`: how phases are printed and compared."""
    return name(intake_pb2.Phase, phase).lower()


@dataclass
class Decision:
    """One program's determination, with the program by name so it prints and serialises
    as people read it."""

    program: str
    eligible: bool
    monthly_benefit_cents: int
    denial_reasons: list[str]

    def __str__(self) -> str:
        if self.eligible:
            return f"{self.program}: approved {money.show(self.monthly_benefit_cents)}"
        return f"{self.program}: denied {', '.join(self.denial_reasons) or '-'}"


@dataclass
class Payment:
    """An authorised payment as payments reports it; the key shows it was authorised once."""

    program: str
    period: str
    kind: str
    amount_cents: int
    idempotency_key: str


@dataclass
class Referral:
    """A referral to a community resource for one of the plan's needs."""

    need: str
    resource_id: str
    status: str


@dataclass
class Outcome:
    """Where one scenario's case ended, as the services report it."""

    key: str
    title: str
    expected_phase: str
    case_id: str = ""
    phase: str = ""
    expedited: bool = False
    decisions: list[Decision] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def decisions(state: intake_pb2.CaseState) -> list[Decision]:
    """The case's determinations, one per program, as `show` and the demo print them."""
    return [Decision(name(common_pb2.Program, d.program), d.eligible,
                     d.monthly_benefit_cents, list(d.denial_reasons))
            for d in state.decisions]


def clock(deadline: intake_pb2.Deadline) -> list[str]:
    """One regulatory clock: its code (and program), due date, status and citation, and
    under it what moved its due date or paused it. A clock from a server that sends no
    status shows as met or open."""
    status = (words(intake_pb2.ClockStatus, deadline.status) if deadline.status
              else "met" if deadline.met else "open")
    if deadline.met_on:
        status += f" {deadline.met_on}"
    code = deadline.code + (f" ({name(common_pb2.Program, deadline.program)})"
                            if deadline.program else "")
    lines = [f"{code:<36} due {deadline.due_date}  {status:<18}  {deadline.citation}"]
    if deadline.extended_by or deadline.extension_reason:
        lines.append(f"  extended from {deadline.original_due_date or '-'} by "
                     f"{deadline.extended_by or '-'}: {deadline.extension_reason or '-'}")
    if deadline.paused_on:
        lines.append(f"  paused on {deadline.paused_on}")
    return lines


def program_line(line: intake_pb2.ProgramLine) -> str:
    """One program's standing: approved or denied on a date (with the day its period
    ends), or closed on a date with its reason."""
    text = f"{name(common_pb2.Program, line.program):<9} "
    text += words(intake_pb2.LineStatus, line.status)
    if line.status == intake_pb2.LINE_STATUS_CLOSED:
        text += f" {line.closed_on or '-'}"
        if line.closure_reason:
            text += f" ({words(intake_pb2.ClosureReason, line.closure_reason)})"
        return text
    if line.decided_on:
        text += f" {line.decided_on}"
    if line.period_end:
        text += f", period ends {line.period_end}"
    return text


IF_NOT_PROVIDED = {
    intake_pb2.IF_NOT_PROVIDED_NOT_COUNTED: "if missing: left out, not denied",
    intake_pb2.IF_NOT_PROVIDED_NO_DELAY: "agency's own match, never waited for",
}
"""How an item whose absence is not a denial says so (a denial is the default)."""


def verification(item: intake_pb2.VerificationItem) -> list[str]:
    """One verification item: where its evidence stands (received, or due), what follows
    if it is not provided, and under it its latest correction or rejection and how many
    records it has. An item not required shows why instead. An item from a server that
    sends no status shows as required."""
    kind = f"{words(intake_pb2.VerificationKind, item.kind):<24}"
    if item.status in (intake_pb2.VERIFICATION_STATUS_NOT_APPLICABLE,
                       intake_pb2.VERIFICATION_STATUS_WAIVED):
        return [f"{kind} {words(intake_pb2.VerificationStatus, item.status)}: "
                f"{item.reason or '-'}"]
    if item.received:
        text = f"received {item.received_date} ({item.source}), verified by {item.verifier_id}"
    elif item.last_action == intake_pb2.VERIFICATION_ACTION_NOT_PROVIDED:
        text = f"not provided by {item.due_date}"
    else:
        text = f"due {item.due_date}"
    if item.if_not_provided in IF_NOT_PROVIDED:
        text += f"  ({IF_NOT_PROVIDED[item.if_not_provided]})"
    lines = [f"{kind} {text}"]
    if item.last_action in (intake_pb2.VERIFICATION_ACTION_CORRECTED,
                            intake_pb2.VERIFICATION_ACTION_REJECTED):
        lines.append(f"  {words(intake_pb2.VerificationAction, item.last_action)}: "
                     f"{item.note or '-'}" + (f"  ({item.records} records)"
                                              if item.records > 1 else ""))
    amounts = [f"{i.member_id} {words(common_pb2.IncomeKind, i.kind)} "
               f"{money.show(i.monthly_cents)}" for i in item.verified_incomes]
    amounts += [f"{words(intake_pb2.ExpenseKind, e.kind)} {money.show(e.monthly_cents)}"
                for e in item.verified_expenses]
    if amounts:
        lines.append(f"  verified: {', '.join(amounts)} a month")
    return lines


def hearing(h: intake_pb2.Hearing) -> str:
    """One fair hearing: what was appealed, by whom and when, and where it stands."""
    text = (f"{h.hearing_id}  {name(common_pb2.Program, h.program)} "
            f"{words(intake_pb2.AppealedAction, h.action_appealed)}, requested {h.requested_date}"
            f" by {words(intake_pb2.Requester, h.requested_by)}")
    if h.continued_benefits:
        text += ", benefits continue"
    if h.outcome:
        text += (f"; {words(intake_pb2.HearingOutcome, h.outcome)} {h.decision_date or '-'}"
                 + (f", carried out by {h.act_by}" if h.act_by else ""))
    else:
        text += f"; decide by {h.decide_by or '-'}"
    return text


class Progress:
    """A step log: one line per step, with a check mark and the time since the start."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._start = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def step(self, scenario: Scenario, text: str, *, ok: bool = True) -> None:
        mark = "✓" if ok else "✗"
        print(f"{self.elapsed():5.1f}s {mark} ({scenario.key}) {scenario.title:<22} {text}",
              file=self._out, flush=True)


def columns(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Rows as plain-text columns under a header and its rule, each as wide as its widest
    cell (the last one unpadded)."""
    table = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def table(outcomes: Sequence[Outcome]) -> str:
    """The summary a newcomer reads: one row per case, plain text."""
    return columns(
        ("case", "scenario", "phase", "decisions", "payments authorised", "referrals"),
        ((o.case_id or "-", f"({o.key}) {o.title}",
          o.phase + ("" if o.ok else " ✗"),
          "; ".join(str(d) for d in o.decisions) or "-",
          "; ".join(f"{p.program} {p.period} {money.show(p.amount_cents)}" for p in o.payments)
          or "-",
          ", ".join(r.need for r in o.referrals) or "-")
         for o in outcomes))


def case_record(entries: Sequence[intake_pb2.CaseRecordEntry], timezone: tzinfo) -> str:
    """A case's record for a hearing officer: one row per entry, oldest first, the time in
    the agency's zone to the minute."""
    return columns(
        ("when", "who", "action", "programs", "source", "what"),
        ((e.at.ToDatetime(tzinfo=UTC).astimezone(timezone).strftime("%Y-%m-%d %H:%M"),
          e.actor, e.action, ", ".join(name(common_pb2.Program, p) for p in e.programs) or "-",
          e.source or "-", e.summary)
         for e in entries))


def _program(number: int) -> str:
    return name(common_pb2.Program, number) if number else "-"


def case_summaries(cases: Sequence[intake_pb2.CaseSummary]) -> str:
    """Cases as a supervisor scans them, one row each: where each stands, whose it is,
    its SLA standing and next deadline, and what waits on people. In these listings a
    status or kind is spelled as its flag takes it (`met_late`, `deadline_extension`)."""
    return columns(
        ("case", "phase", "programs", "caseworker", "office", "sla", "next deadline",
         "open tasks", "waiting", "filed"),
        ((c.case_id, phase_name(c.phase), ", ".join(_program(p) for p in c.programs) or "-",
          c.caseworker_id or "-", c.office_id or "-", spelling(intake_pb2.SlaStatus, c.sla_status),
          f"{c.next_due_date} {c.next_due_code}" if c.next_due_date else "-",
          ", ".join(c.open_tasks) or "-",
          ", ".join(spelling(intake_pb2.ApprovalKind, k) for k in c.pending_approvals) or "-",
          c.filing_date)
         for c in cases))


def case_counts(reply: intake_pb2.CountCasesResponse, by: str) -> str:
    """Cases per key (a dashboard's tiles), then the total, each case once."""
    table = columns((by, "cases"), ((c.key or "(none)", str(c.count)) for c in reply.counts))
    return f"{table}\n{reply.total} cases in all" if reply.counts else f"{reply.total} cases"


def work_items(items: Sequence[intake_pb2.WorkItem]) -> str:
    """A caseworker's work, soonest first: each deadline with its status, each task."""
    return columns(
        ("due", "case", "work", "status", "program", "phase"),
        ((i.due_date or "-", i.case_id, i.task or i.code,
          spelling(intake_pb2.ClockStatus, i.status) if i.status else "task",
          _program(i.program), phase_name(i.phase))
         for i in items))


def case_clocks(clocks: Sequence[intake_pb2.CaseClock]) -> str:
    """Clocks across cases, soonest due first, with whose case each is."""
    return columns(
        ("due", "status", "clock", "program", "case", "caseworker", "office"),
        ((c.deadline.due_date, spelling(intake_pb2.ClockStatus, c.deadline.status), c.deadline.code,
          _program(c.deadline.program), c.case_id, c.caseworker_id or "-", c.office_id or "-")
         for c in clocks))


def waiting_approvals(approvals: Sequence[intake_pb2.CaseApproval]) -> str:
    """The approvals queue, oldest first: what is asked, on whose case, by whom."""
    return columns(
        ("asked", "kind", "case", "caseworker", "office", "by", "amount", "what"),
        ((a.approval.requested_on, spelling(intake_pb2.ApprovalKind, a.approval.kind), a.case_id,
          a.caseworker_id or "-", a.office_id or "-", a.approval.requested_by,
          money.show(a.approval.amount_cents) if a.approval.amount_cents else "-",
          a.approval.summary)
         for a in approvals))


def _shares(groups: Sequence[intake_pb2.TimelinessGroup], *, totals: bool) -> str:
    everywhere = "all" if totals else "-"
    return columns(
        ("measure", "code", "office", "month", "timely", "untimely", "pending", "share",
         "household", "extended"),
        ((g.measure, g.code, g.office_id or everywhere, g.month or everywhere, str(g.timely),
          str(g.untimely), str(g.pending),
          f"{g.timely_share:.0%}" if g.timely + g.untimely else "-",
          str(g.household_delayed), str(g.extended))
         for g in groups))


def timeliness_report(reply: intake_pb2.GetTimelinessReportResponse) -> str:
    """The share of clocks met in time per measure, code, office and month (the month the
    rule put the due date in), then per code across them; then each clock decided, or
    still open, after its rule's due date, with whose delay it was. `household` counts the
    timely ones the household's delay held past the rule's date, `extended` those whose
    date a supervisor moved."""
    if not reply.groups:
        return f"no clocks fall due in the months asked (as of {reply.as_of})"
    parts = [f"as of {reply.as_of}, by the month each clock's rule put its due date in",
             _shares(reply.groups, totals=False), "", "all offices and months",
             _shares(reply.totals, totals=True), ""]
    if not reply.late:
        parts.append("no clock was decided after its rule's due date")
        return "\n".join(parts)
    parts += ["decided, or still open, after the rule's due date", columns(
        ("month", "measure", "case", "code", "office", "due", "moved to", "met", "days late",
         "past due", "counted", "delay"),
        ((c.month, c.measure, c.case_id, c.code, c.office_id or "-", c.standard_due_date,
          c.due_date if c.due_date != c.standard_due_date else "-", c.met_on or "open",
          str(c.days_late), str(c.days_past_due), spelling(intake_pb2.Timeliness, c.timeliness),
          spelling(intake_pb2.DelayCause, c.delay))
         for c in reply.late))]
    return "\n".join(parts)
