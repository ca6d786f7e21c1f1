"""Activities: a class per service, each holding that service's gRPC stub.

Every record-keeping activity makes one call; `make_referrals` matches resources and then
refers each need, each referral keyed on case and need. EligibilityActivities also holds
intake's records stub, so the household it reads goes to eligibility without entering
history. Protobuf types stop here: `workflows.convert` maps them to the dataclasses the
workflow sees.
"""
