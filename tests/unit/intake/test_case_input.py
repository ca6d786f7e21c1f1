"""What intake tells a new case about its household beyond its size: whether every adult
is elderly or disabled (a 24-month SNAP period) and whether Medicaid is asked for on a
disability (a 90-day decision). Computed from the application, birth dates never sent."""

from __future__ import annotations

from casework.v1 import common_pb2

from services.intake import domain, requests
from tests.unit.intake.builders import an_application, today


def parsed(birth_date: str = "") -> domain.Application:
    """The builders' family, every member born on `birth_date` if given."""
    request = an_application()
    for person in request.application.people:
        person.birth_date = birth_date or person.birth_date
    return requests.parse_application(request, today=today())


def test_a_family_of_working_age_adults_is_not_elderly_or_disabled() -> None:
    application = parsed()
    assert not domain.elderly_or_disabled_household(application)
    assert not domain.disability_basis(application)


def test_adults_all_sixty_or_older_make_an_elderly_household() -> None:
    # 7 CFR 271.2: elderly at 60; the child is 60 too here, so everyone counts.
    application = parsed(birth_date="1950-01-01")
    assert domain.elderly_or_disabled_household(application)


def test_disabled_adults_make_a_disabled_household_and_a_disability_basis() -> None:
    request = an_application()
    for person in request.application.people[:2]:
        person.disabled = True
    application = requests.parse_application(request, today=today())
    # The child is no adult: the two adults are what count.
    assert domain.elderly_or_disabled_household(application)
    assert domain.disability_basis(application)  # Medicaid is among the programs


def test_no_disability_basis_without_medicaid() -> None:
    request = an_application()
    request.application.people[0].disabled = True
    del request.application.programs[:]
    request.application.programs.append(common_pb2.PROGRAM_SNAP)
    assert not domain.disability_basis(requests.parse_application(request, today=today()))
