"""The timeliness report: how many of the agency's clocks were met by their due dates, by
measure, office, program and month, and every one decided after the day its rule set, with
whose delay that was.

What it measures. FNS holds a State to its SNAP application processing timeliness (APT):
the share of applications whose eligible household could take part within 30 days of
filing (7 CFR 273.2(g)(1)), or by the 7th day for a household entitled to expedited
service (7 CFR 273.2(i)(3)(i)), the measure 7 CFR 275.24(b)(4) set for the high
performance bonuses (the 2018 Farm Bill ended the bonuses; FNS still publishes each
State's rate from its quality control reviews). The report takes the same measure of
every clock the agency must meet, each under its own code and grouped by what it times
(`MEASURES`): SNAP's 30 days and its 7 days, Medicaid's 45 and 90 (42 CFR 435.912(c)(3)),
TANF's State standard, the 10 days to act on a reported change (7 CFR 273.12(c)), the
hearings' and TANF's own.

What counts. `judge` is the rule: a clock met on or before its due date is timely, one
met after it or still unmet once it has passed is untimely, one still running and not yet
due (or stopped while the case waits on the household) is pending and only counted. The
due date is the one the workflow kept: a pause for the household's delay moves it by the
days the case waited (7 CFR 273.2(h)(1)(i); 42 CFR 435.912(e)), and so does a
supervisor's extension. FNS leaves out of its rate the applications properly pended for
the household's failure to provide proof; here they count as timely when the agency met
the date the pause left, and `household_delayed` says how many did.

Whose delay. 7 CFR 273.2(h)(1) has the agency find the cause of every application not
decided within its 30 days. `delay_cause` gives it for each clock decided (or still open)
after the date its rule first set: the household's when the household's delay paused the
clock and the agency then met the moved date; the agency's when it did not, since the
pause had already given the household's days back (a delay is the household's only where
the agency did all it had to, 273.2(h)(1)(i)); and an extension's, the agency's too but
told apart, when a supervisor moved the date and the clock was met by the new one.

Which month. A clock belongs to the month its rule's due date fell in (its due date
before any pause or extension moved it). That month is fixed the day the clock starts,
so a month's figures hold the same clocks from one run to the next, an application still
open (breached or pending) is in it as much as one decided, and neither a pause nor a
supervisor's extension moves a late clock out of the month it was late in. The month a
clock was met would leave a breached clock in no month, and put a late decision with a
later month's applications.

The read model keeps a case's clocks as its workflow last recorded them: a clock started
again (the next change report's) replaces the one before it, and finished clocks older
than the case's recent months are dropped, so the report counts what the cases still
carry. Recertification is measured by the agency's clock from the household's filing to
the new period's first benefits (7 CFR 273.14(d)(1)), and Medicaid's renewal by its
clock to the end of the period renewed (42 CFR 435.916(a)); the household's own windows
(its filing date, its 30 days to return the form) are not measures.

Nothing here touches a database or a message: `report` takes the clocks and a day.
Case ids, codes and dates only; nothing identifies a person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

APPLICATION = "application processing"
EXPEDITED = "expedited service"
CHANGE = "change action"
RECERTIFICATION = "recertification"
RENEWAL = "renewal"
HEARING = "hearing decision"
HEARING_ACTION = "hearing decision action"
ASSESSMENT = "initial assessment"
PLAN_APPROVAL = "plan approval"

MEASURES: dict[str, str] = {
    "SNAP_APPLICATION_PROCESSING": APPLICATION,  # 7 CFR 273.2(g)(1)
    "MEDICAID_APPLICATION": APPLICATION,  # 42 CFR 435.912(c)(3)(ii)
    "MEDICAID_DISABILITY_APPLICATION": APPLICATION,  # 42 CFR 435.912(c)(3)(i)
    "TANF_APPLICATION": APPLICATION,  # the State's standard; federal law sets none
    "SNAP_EXPEDITED_SERVICE": EXPEDITED,  # 7 CFR 273.2(i)(3)(i)
    "CHANGE_REPORT_ACTION": CHANGE,  # 7 CFR 273.12(c)
    "SNAP_RECERTIFICATION_PROCESSING": RECERTIFICATION,  # 7 CFR 273.14(d)(1)
    "MEDICAID_RENEWAL_PROCESSING": RENEWAL,  # 42 CFR 435.916(a); 435.930(b)
    "SNAP_HEARING_DECISION": HEARING,  # 7 CFR 273.15(c)(1)
    "MEDICAID_HEARING_DECISION": HEARING,  # 42 CFR 431.244(f)(1)
    "TANF_HEARING_DECISION": HEARING,  # the State's
    "SNAP_HEARING_DECISION_ACTION": HEARING_ACTION,  # 7 CFR 273.15(s)
    "MEDICAID_HEARING_DECISION_ACTION": HEARING_ACTION,  # 42 CFR 431.246
    "TANF_HEARING_DECISION_ACTION": HEARING_ACTION,  # the State's
    "TANF_INITIAL_ASSESSMENT": ASSESSMENT,  # 42 USC 608(b)(1)
    "TANF_PLAN_APPROVAL": PLAN_APPROVAL,  # the agency's own standard
}
"""What each of the agency's clocks measures: the report's groups, in this order. Every
agency clock in the rules has a measure (a test holds the table to `clocks.yaml`)."""

ORDER = {measure: n for n, measure in enumerate(dict.fromkeys(MEASURES.values()))}


class Timeliness(StrEnum):
    TIMELY = "timely"
    UNTIMELY = "untimely"
    PENDING = "pending"
    """Running and not yet due, or waiting on the household: counted, never judged."""


class Delay(StrEnum):
    """Whose delay kept a clock past the due date its rule first set."""

    AGENCY = "agency"
    HOUSEHOLD = "household"
    EXTENSION = "extension"
    """A supervisor's extension: the agency's, told apart."""


@dataclass(frozen=True)
class MeasuredClock:
    """One agency clock of a case as the read model holds it, with the case's office;
    statuses spelled as the read model spells them (`met`, `met_late`, `breached`)."""

    case_id: str
    code: str
    ref: str
    program: str
    office_id: str
    status: str
    met: bool
    due_date: date
    """As the workflow last kept it: moved by a pause or an extension."""
    original_due_date: date | None = None
    """The date the rule first set, once a pause or an extension moved `due_date`."""
    met_on: date | None = None
    paused_on: date | None = None
    extended_by: str = ""

    @property
    def standard_due_date(self) -> date:
        """The due date the clock's rule set when it started."""
        return self.original_due_date or self.due_date

    @property
    def month(self) -> str:
        """The report's month for the clock: that of its rule's due date, as YYYY-MM."""
        return self.standard_due_date.strftime("%Y-%m")


@dataclass(frozen=True)
class Verdict:
    timeliness: Timeliness
    delay: Delay | None
    """Set for a clock decided (or still open) after its rule's due date; else None."""
    days_late: int
    """Days past the rule's due date, to the day met or, still open, to the report's day."""
    days_past_due: int
    """Days past the due date as pauses and extensions left it: the agency's alone; 0 for
    a timely clock."""


def judge(clock: MeasuredClock, today: date) -> Verdict:
    """Whether an agency clock was met in time, the question FNS's application processing
    timeliness measure asks of an application (7 CFR 275.24(b)(4)): timely when met on or
    before its due date, which a pause for the household's delay (7 CFR 273.2(h)(1)(i);
    42 CFR 435.912(e)) or a supervisor's extension may have moved; untimely when met after
    it, or not met once it has passed (the workflow marks such a clock breached at its
    next review); pending while it waits on the household or is not yet due."""
    if clock.status == "met":
        judged = Timeliness.TIMELY
    elif clock.status in ("met_late", "breached"):
        judged = Timeliness.UNTIMELY
    elif clock.met:  # recorded before clocks had statuses: its dates say
        judged = (Timeliness.UNTIMELY if clock.met_on and clock.met_on > clock.due_date
                  else Timeliness.TIMELY)
    elif clock.paused_on or clock.due_date >= today:
        judged = Timeliness.PENDING
    else:
        judged = Timeliness.UNTIMELY
    if judged is Timeliness.PENDING:
        return Verdict(judged, None, 0, 0)
    end = clock.met_on or today
    days_late = max((end - clock.standard_due_date).days, 0)
    past_due = max((end - clock.due_date).days, 0) if judged is Timeliness.UNTIMELY else 0
    return Verdict(judged, delay_cause(clock, judged) if days_late else None, days_late,
                   past_due)


def delay_cause(clock: MeasuredClock, judged: Timeliness) -> Delay:
    """Whose delay it was that a clock `judged` timely or untimely ended after its rule's
    due date (7 CFR 273.2(h)(1)): the agency's when it is untimely, however long the case
    waited on the household first, since the pause gave those days back and a delay is the
    household's only where the agency did all it had to (273.2(h)(1)(i)); when timely, a
    supervisor's extension's if one moved its date, else the household's, whose delay
    paused it."""
    if judged is Timeliness.UNTIMELY:
        return Delay.AGENCY
    return Delay.EXTENSION if clock.extended_by else Delay.HOUSEHOLD


@dataclass
class Tally:
    timely: int = 0
    untimely: int = 0
    pending: int = 0
    household_delayed: int = 0
    """Of the timely, those met after their rule's due date because the household's delay
    paused them."""
    extended: int = 0
    """Of the timely and untimely, those whose due date a supervisor's extension moved."""

    @property
    def timely_share(self) -> float:
        """Timely of those decided or overdue; 0 while none is."""
        judged = self.timely + self.untimely
        return self.timely / judged if judged else 0.0

    def count(self, clock: MeasuredClock, verdict: Verdict) -> None:
        if verdict.timeliness is Timeliness.PENDING:
            self.pending += 1
            return
        if verdict.timeliness is Timeliness.TIMELY:
            self.timely += 1
        else:
            self.untimely += 1
        if verdict.delay is Delay.HOUSEHOLD:
            self.household_delayed += 1
        if clock.extended_by:
            self.extended += 1


@dataclass(frozen=True, order=True)
class Group:
    """One line of the report: a code's clocks of one office falling due in one month."""

    measure: str
    code: str
    program: str
    office_id: str
    """"" for cases without an office."""
    month: str


@dataclass(frozen=True)
class Late:
    clock: MeasuredClock
    measure: str
    verdict: Verdict


@dataclass(frozen=True)
class Report:
    as_of: date
    groups: list[tuple[Group, Tally]]
    """By measure (in `MEASURES`' order), code, program, office and month."""
    totals: list[tuple[Group, Tally]]
    """Per measure and code across the offices and months taken (office, month "")."""
    late: list[Late]
    """The clocks decided, or still open, after their rule's due date: by month, measure,
    office, case, code and ref."""


def _order(group: Group) -> tuple[int, Group]:
    return ORDER[group.measure], group


def report(clocks: Iterable[MeasuredClock], today: date) -> Report:
    """The report of `clocks` (agency clocks of the codes in `MEASURES`) as of `today`."""
    groups: defaultdict[Group, Tally] = defaultdict(Tally)
    totals: defaultdict[Group, Tally] = defaultdict(Tally)
    late = []
    for clock in clocks:
        measure = MEASURES[clock.code]
        verdict = judge(clock, today)
        groups[Group(measure, clock.code, clock.program, clock.office_id, clock.month)].count(
            clock, verdict)
        totals[Group(measure, clock.code, clock.program, "", "")].count(clock, verdict)
        if verdict.delay is not None:
            late.append(Late(clock, measure, verdict))
    late.sort(key=lambda x: (x.clock.month, ORDER[x.measure], x.clock.office_id,
                             x.clock.case_id, x.clock.code, x.clock.ref))
    return Report(today, sorted(groups.items(), key=lambda item: _order(item[0])),
                  sorted(totals.items(), key=lambda item: _order(item[0])), late)
