"""The demo's five fictional households and what a state system and a caseworker would send
for them: data only, so the stories can be read apart from the code that drives them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casework.v1 import common_pb2, intake_pb2

SUPERVISOR_ID = "sup-0001"
"""Plans are approved by a supervisor, never by the caseworker who wrote them."""

EVIDENCE = {
    intake_pb2.VERIFICATION_KIND_IDENTITY: "state ID card",
    intake_pb2.VERIFICATION_KIND_INCOME: "pay stubs, last 30 days",
    intake_pb2.VERIFICATION_KIND_RESIDENCY: "signed lease",
    intake_pb2.VERIFICATION_KIND_HOUSEHOLD_COMPOSITION: "birth certificates",
    intake_pb2.VERIFICATION_KIND_EXPENSES: "rent receipt from landlord",
    intake_pb2.VERIFICATION_KIND_SSN: "SSA match",
    intake_pb2.VERIFICATION_KIND_CITIZENSHIP: "SSA citizenship match",
    intake_pb2.VERIFICATION_KIND_DISABILITY: "SSA disability award letter",
    intake_pb2.VERIFICATION_KIND_MEDICAL_EXPENSES: "pharmacy receipts",
}
"""What a caseworker records as each item's source."""


@dataclass(frozen=True)
class Person:
    """One person in a household; `age` rather than a birth date, so stories never age."""

    given_name: str
    family_name: str
    age: int
    relationship: int
    wages_cents: int = 0


@dataclass(frozen=True)
class Scenario:
    """One household's story: what it applies with, and where its case should end."""

    key: str
    title: str
    programs: tuple[int, ...]
    state: str
    city: str
    county: str
    zip: str
    members: tuple[Person, ...]
    rent_cents: int
    liquid_cents: int
    expect: int
    """The phase the case should end in."""
    expedited: bool = False
    plan: bool = False
    """TANF-eligible: a caseworker assesses and a supervisor approves a plan."""
    new_job_wages_cents: int = 0
    """After monitoring starts, the head of household finds work at these wages."""


SNAP, TANF = common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_TANF
HEAD, CHILD = common_pb2.RELATIONSHIP_HEAD, common_pb2.RELATIONSHIP_CHILD

SCENARIOS: tuple[Scenario, ...] = (
    Scenario("a", "SNAP approved", (SNAP,), "IL", "Urbana", "Champaign", "61801",
             (Person("Maria", "Delgado", 31, HEAD, wages_cents=160_000),
              Person("Lucas", "Delgado", 6, CHILD)),
             rent_cents=95_000, liquid_cents=40_000, expect=intake_pb2.PHASE_MONITORING),
    Scenario("b", "SNAP denied: income", (SNAP,), "IL", "Springfield", "Sangamon", "62703",
             (Person("Gregory", "Hale", 45, HEAD, wages_cents=520_000),),
             rent_cents=120_000, liquid_cents=300_000, expect=intake_pb2.PHASE_CLOSED),
    Scenario("c", "SNAP expedited", (SNAP,), "IL", "Chicago", "Cook", "60623",
             (Person("Tasha", "Greene", 27, HEAD, wages_cents=8_000),),
             rent_cents=65_000, liquid_cents=1_200, expect=intake_pb2.PHASE_MONITORING,
             expedited=True),
    Scenario("d", "SNAP+TANF with a plan", (SNAP, TANF), "IL", "Chicago", "Cook", "60624",
             (Person("Denise", "Carter", 29, HEAD, wages_cents=70_000),
              Person("Jordan", "Carter", 7, CHILD), Person("Amara", "Carter", 3, CHILD)),
             rent_cents=85_000, liquid_cents=90_000, expect=intake_pb2.PHASE_MONITORING,
             plan=True),
    Scenario("e", "TANF, finds work", (SNAP, TANF), "OR", "Portland", "Multnomah", "97206",
             (Person("Ashley", "Nguyen", 33, HEAD), Person("Mia", "Nguyen", 10, CHILD)),
             rent_cents=90_000, liquid_cents=160_000, expect=intake_pb2.PHASE_RETENTION,
             plan=True, new_job_wages_cents=260_000),
)


def _birth_date(today: date, age: int) -> str:
    """Born on New Year's Day, so the member is `age` all year."""
    return date(today.year - age, 1, 1).isoformat()


def _ssn(scenario: Scenario, member: int) -> str:
    """A made-up SSN intake accepts, one per member of each household. SSA sets no
    issuable numbers aside for examples (its advertising range, 987-65-4320 to 4329, is in
    an area it never issues, which intake refuses), so these only look like numbers."""
    return f"7{ord(scenario.key) - ord('a'):02d}-{member:02d}-{4321 + member:04d}"


def _contact(scenario: Scenario) -> intake_pb2.Contact:
    """555-0100 to 555-0199 are NANPA's numbers for fiction, example.org is reserved
    (RFC 2606): neither reaches anyone."""
    head = scenario.members[0]
    return intake_pb2.Contact(
        phone=f"(217) 555-01{ord(scenario.key) - ord('a'):02d}",
        email=f"{head.given_name}.{head.family_name}@example.org".lower())


def application(scenario: Scenario, today: date) -> intake_pb2.Application:
    """What a state benefit system would submit for this household, filed today."""
    people = [intake_pb2.Person(id=f"p{n}", given_name=m.given_name, family_name=m.family_name,
                                birth_date=_birth_date(today, m.age), relationship=m.relationship,
                                ssn=_ssn(scenario, n))
              for n, m in enumerate(scenario.members, start=1)]
    incomes = [common_pb2.Income(member_id=f"p{n}", kind=common_pb2.INCOME_KIND_WAGES,
                                 monthly_cents=m.wages_cents)
               for n, m in enumerate(scenario.members, start=1) if m.wages_cents]
    return intake_pb2.Application(
        programs=scenario.programs, state=scenario.state,
        address=intake_pb2.Address(line1="1200 W Elm St Apt 2", city=scenario.city,
                                   county=scenario.county, zip=scenario.zip),
        filing_date=today.isoformat(), people=people, incomes=incomes,
        expenses=common_pb2.Expenses(rent_cents=scenario.rent_cents,
                                     utilities=common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING),
        assets=common_pb2.Assets(liquid_cents=scenario.liquid_cents),
        contact=_contact(scenario))


def assessment(case_id: str, caseworker_id: str, today: date) -> intake_pb2.RecordAssessmentRequest:
    """A comprehensive assessment of a parent looking for steady work: child care,
    transport and employment are the barriers the plan works on."""

    def by(days: int) -> str:
        return (today + timedelta(days=days)).isoformat()

    return intake_pb2.RecordAssessmentRequest(
        case_id=case_id, caseworker_id=caseworker_id,
        strengths=["three years of retail work history", "family nearby who help"],
        needs=[common_pb2.NEED_CHILD_CARE, common_pb2.NEED_TRANSPORT, common_pb2.NEED_EMPLOYMENT],
        goals=["full-time work at $17/hour or more within six months",
               "stable licensed child care for every child"],
        activities=[
            intake_pb2.PlanActivity(description="Apply for a reduced-fare transit pass",
                                    need=common_pb2.NEED_TRANSPORT, target_date=by(7)),
            intake_pb2.PlanActivity(description="Enrol the children with a licensed provider",
                                    need=common_pb2.NEED_CHILD_CARE, target_date=by(14)),
            intake_pb2.PlanActivity(description="Job readiness workshop, two interviews a week",
                                    need=common_pb2.NEED_EMPLOYMENT, target_date=by(30)),
        ])
