"""Requests a test starts from: a valid application of a three-person household, which
each test bends to the case it is about."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from casework.v1 import common_pb2, intake_pb2

from common.clock import today_in

AGENCY_TIMEZONE = "America/Chicago"

GIVEN_NAMES = ("Rosalind", "Tobias", "Imogen")
FAMILY_NAME = "Quackenbush"
"""Distinctive, so a test can search stored bytes and logs for them."""


def an_ssn() -> str:
    """A random SSN intake accepts, as 123-45-6789 (an area other than 000, 666 and
    900-999, a group other than 00, a serial other than 0000): one of nearly 900 million,
    so a search for it finds only the application it was filed with."""
    area = random.choice([a for a in range(1, 900) if a != 666])
    return f"{area:03d}-{random.randint(1, 99):02d}-{random.randint(1, 9999):04d}"


def a_contact() -> intake_pb2.Contact:
    """A random North American phone number, written as people do, and an email address
    at a domain reserved for examples (RFC 2606); unique per call, like `an_ssn`."""
    area, exchange = random.randint(200, 999), random.randint(200, 999)
    return intake_pb2.Contact(phone=f"({area}) {exchange}-{random.randint(0, 9999):04d}",
                              email=f"household-{uuid.uuid4().hex[:12]}@example.org")


def digits(text: str) -> str:
    """An SSN or phone number as intake stores it: its digits only."""
    return "".join(c for c in text if c.isdigit())


def today() -> date:
    return today_in(AGENCY_TIMEZONE)


def days_ago(days: int) -> str:
    return (today() - timedelta(days=days)).isoformat()


def an_application(submission_id: str | None = None) -> intake_pb2.SubmitApplicationRequest:
    """A mother, her partner and their school-age child, applying for SNAP and Medicaid,
    each with an SSN (the partner's written without dashes) and a phone and email."""
    return intake_pb2.SubmitApplicationRequest(
        submission_id=submission_id or f"sub-{uuid.uuid4().hex}",
        application=intake_pb2.Application(
            programs=[common_pb2.PROGRAM_SNAP, common_pb2.PROGRAM_MEDICAID],
            state="IL",
            address=intake_pb2.Address(line1="1418 W Belmont Ave", line2="Apt 3",
                                       city="Chicago", county="Cook", zip="60657"),
            filing_date=days_ago(2),
            people=[
                intake_pb2.Person(id="m1", given_name=GIVEN_NAMES[0], family_name=FAMILY_NAME,
                                  birth_date="1992-02-29", ssn=an_ssn(),
                                  relationship=common_pb2.RELATIONSHIP_HEAD),
                intake_pb2.Person(id="m2", given_name=GIVEN_NAMES[1], family_name=FAMILY_NAME,
                                  birth_date="1988-06-15", ssn=digits(an_ssn()),
                                  relationship=common_pb2.RELATIONSHIP_SPOUSE),
                intake_pb2.Person(id="m3", given_name=GIVEN_NAMES[2], family_name=FAMILY_NAME,
                                  birth_date="2019-09-01", ssn=an_ssn(),
                                  relationship=common_pb2.RELATIONSHIP_CHILD, student=True),
            ],
            incomes=[common_pb2.Income(member_id="m1", kind=common_pb2.INCOME_KIND_WAGES,
                                       monthly_cents=185_000)],
            expenses=common_pb2.Expenses(rent_cents=110_000,
                                         utilities=common_pb2.UTILITY_ALLOWANCE_HEATING_COOLING),
            assets=common_pb2.Assets(liquid_cents=25_000),
            contact=a_contact(),
        ),
    )
