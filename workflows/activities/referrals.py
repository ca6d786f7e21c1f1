"""Activities that refer a case to resources in the directory."""

from __future__ import annotations

from dataclasses import dataclass

from casework.v1 import common_pb2, referrals_pb2, referrals_pb2_grpc
from temporalio import activity

from common.vocabulary import NEEDS
from workflows.activities._grpc import call
from workflows.inputs import Need


@dataclass
class ReferralInput:
    case_id: str
    needs: list[Need]
    state: str
    county: str


class ReferralsActivities:
    def __init__(self, stub: referrals_pb2_grpc.ReferralsServiceStub) -> None:
        self._stub = stub

    @activity.defn
    async def make_referrals(self, input: ReferralInput) -> list[str]:
        """Refer the case to the best-matched resource for each need; returns referral ids.

        Keyed on case and need, so a retried activity finds the referral it made.
        """
        matches = await call(self._stub.MatchResources, referrals_pb2.MatchResourcesRequest(
            needs=[NEEDS.number(n) for n in input.needs],
            location=referrals_pb2.Location(state=input.state, county=input.county),
            limit_per_need=1))
        referral_ids = []
        for match in matches.matches:
            reply = await call(self._stub.CreateReferral, referrals_pb2.CreateReferralRequest(
                idempotency_key=f"{input.case_id}:{common_pb2.Need.Name(match.need)}",
                case_id=input.case_id, resource_id=match.resource.resource_id,
                need=match.need, note=f"Referred for {common_pb2.Need.Name(match.need)}"))
            referral_ids.append(reply.referral.referral_id)
        return referral_ids
