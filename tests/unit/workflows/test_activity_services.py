"""`workflows.SERVICE_OF_ACTIVITY`, the contract intake names a case's wait by, lists
every activity the worker runs under the service its class calls."""

from __future__ import annotations

import inspect

from workflows import SERVICE_OF_ACTIVITY
from workflows.activities.eligibility import EligibilityActivities
from workflows.activities.intake import IntakeActivities
from workflows.activities.payments import PaymentsActivities
from workflows.activities.referrals import ReferralsActivities

CLASSES = {"intake": IntakeActivities, "eligibility": EligibilityActivities,
           "referrals": ReferralsActivities, "payments": PaymentsActivities}


def test_every_activity_is_named_with_the_service_of_its_class() -> None:
    found = {name: service for service, cls in CLASSES.items()
             for name, method in inspect.getmembers(cls, inspect.iscoroutinefunction)
             if hasattr(method, "__temporal_activity_definition")}
    assert len(found) >= 13
    assert SERVICE_OF_ACTIVITY == found
