"""The engine's entry point: one household and benefit month in, a determination out.

Values are those in force on the first day of the benefit month (SNAP and Illinois TANF
income standards on the October 1 that starts its fiscal year), and every value used is
listed with its effective date and citation, so a determination can be replayed and
explained in a hearing years later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum

from common.errors import Conflict, InvalidField
from services.eligibility.engine.expedited import ExpeditedScreen, screen_expedited
from services.eligibility.engine.household import Household, HouseholdRequest, Program
from services.eligibility.engine.medicaid import determine_medicaid
from services.eligibility.engine.result import Determination, Lapse, ProgramResult, Rules
from services.eligibility.engine.rulebook import NotInForce, Rulebook
from services.eligibility.engine.snap import determine_snap
from services.eligibility.engine.tanf import TANF_STATES, determine_tanf

DECIDERS: dict[Program, Callable[[HouseholdRequest, Rules], ProgramResult]] = {
    Program.SNAP: determine_snap,
    Program.MEDICAID: determine_medicaid,
    Program.TANF: determine_tanf,
}


LAPSED_SETTING = "CASEWORK_ELIGIBILITY_LAPSED"


class Lapsed(StrEnum):
    """What a determination does with a value past its lapse date (CASEWORK_ELIGIBILITY_LAPSED).

    PROVISIONAL (the default) decides with it and says so: a benefit month must still be
    decided within the processing deadlines (7 CFR 273.2(g)) while a COLA table is
    missing, and the caseworker sees which figure is last year's. REFUSE fails the
    determination instead, for an agency that would rather hold a case than issue on an
    old table."""

    PROVISIONAL = "provisional"
    REFUSE = "refuse"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Lapsed:
        """The setting, or ValueError naming the variable and what it takes."""
        value = env.get(LAPSED_SETTING) or cls.PROVISIONAL.value
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"{LAPSED_SETTING} must be one of "
                             f"{', '.join(c.value for c in cls)}") from None


class RulesLapsed(Conflict):
    """The benefit month needs a value that has lapsed, and the agency refuses those
    (`Lapsed.REFUSE`): FAILED_PRECONDITION, because loading the new value fixes it, not
    changing the request."""

    def __init__(self, field: str, lapses: tuple[Lapse, ...]) -> None:
        self.field = field
        self.problem = ("the rules for this benefit month have lapsed: " + ", ".join(
            f"{lapse.name} on {lapse.lapsed_on.isoformat()}" for lapse in lapses)
            + f" (and {LAPSED_SETTING}=refuse)")
        super().__init__(f"{field}: {self.problem}")


def programs_for(request: HouseholdRequest) -> tuple[Program, ...]:
    """The programs asked for, or every program the household's state offers here."""
    if request.programs:
        return request.programs
    if request.household.state in TANF_STATES:
        return (Program.SNAP, Program.MEDICAID, Program.TANF)
    return (Program.SNAP, Program.MEDICAID)


def determine(request: HouseholdRequest, rulebook: Rulebook,
              lapsed: Lapsed = Lapsed.PROVISIONAL, period_field: str = "period"
              ) -> Determination:
    """Decide each program for the household in the benefit month.

    Raises:
        InvalidField: on `period_field` when the rules do not reach back to the month
            (some value it needs has none in force then).
        RulesLapsed: on `period_field` when a value it needs has lapsed and `lapsed` is
            REFUSE.
    """
    rules = Rules(rulebook, request.period.first_day)
    try:
        results = tuple(_decide(program, request, rules, lapsed, period_field)
                        for program in programs_for(request))
    except NotInForce as error:
        raise InvalidField(period_field, f"is before the rules begin: {error.name} has no "
                           f"value before {error.first.isoformat() if error.first else '-'}"
                           ) from None
    return Determination(request.id, request.household.state, str(request.period), results,
                         rules.uses())


def _decide(program: Program, request: HouseholdRequest, rules: Rules, lapsed: Lapsed,
            period_field: str) -> ProgramResult:
    """One program; its explanation opens with a line per lapsed value it used."""
    result = DECIDERS[program](request, rules)
    lapses = rules.take_lapses()
    if lapses:
        if lapsed is Lapsed.REFUSE:
            raise RulesLapsed(period_field, lapses)
        result.provisional = True
        result.lines[:0] = [lapse.line() for lapse in lapses]
    return result


def screen(household: Household, rulebook: Rulebook, day: date) -> ExpeditedScreen:
    """The expedited SNAP screen on `day` (normally the filing date)."""
    return screen_expedited(household, Rules(rulebook, day))
