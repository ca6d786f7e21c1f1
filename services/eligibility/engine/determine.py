"""The engine's entry point: one household and benefit month in, a determination out.

Values are those in force on the first day of the benefit month (SNAP and Illinois TANF
income standards on the October 1 that starts its fiscal year), and every value used is
listed with its effective date and citation, so a determination can be replayed and
explained in a hearing years later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.eligibility.engine.expedited import ExpeditedScreen, screen_expedited
from services.eligibility.engine.household import Household, HouseholdRequest, Program
from services.eligibility.engine.medicaid import determine_medicaid
from services.eligibility.engine.result import Determination, ProgramResult, Rules
from services.eligibility.engine.rulebook import Rulebook
from services.eligibility.engine.snap import determine_snap
from services.eligibility.engine.tanf import TANF_STATES, determine_tanf

DECIDERS: dict[Program, Callable[[HouseholdRequest, Rules], ProgramResult]] = {
    Program.SNAP: determine_snap,
    Program.MEDICAID: determine_medicaid,
    Program.TANF: determine_tanf,
}


def programs_for(request: HouseholdRequest) -> tuple[Program, ...]:
    """The programs asked for, or every program the household's state offers here."""
    if request.programs:
        return request.programs
    if request.household.state in TANF_STATES:
        return (Program.SNAP, Program.MEDICAID, Program.TANF)
    return (Program.SNAP, Program.MEDICAID)


def determine(request: HouseholdRequest, rulebook: Rulebook) -> Determination:
    """Decide each program for the household in the benefit month."""
    rules = Rules(rulebook, request.period.first_day)
    results = tuple(DECIDERS[program](request, rules) for program in programs_for(request))
    return Determination(request.id, request.household.state, str(request.period), results,
                         rules.uses())


def screen(household: Household, rulebook: Rulebook, day: date) -> ExpeditedScreen:
    """The expedited SNAP screen on `day` (normally the filing date)."""
    return screen_expedited(household, Rules(rulebook, day))
