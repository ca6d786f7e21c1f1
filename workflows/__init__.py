"""The case process: the workflow, its activities and its worker.

This module is the contract the intake service imports to reach a case: the workflow's
type, its Query and Update names, and how a case id becomes a workflow id. CaseWorkflow
registers itself under these same constants, so renaming one breaks an import, never a
live call. (The task queue is configuration, `Settings.task_queue`, not a name of the
code.)
"""

from enum import StrEnum

WORKFLOW_TYPE = "CaseWorkflow"
STATUS_QUERY = "status"


class Update(StrEnum):
    """One Update per caseworker step."""

    RECORD_INTERVIEW = "record_interview"
    SUBMIT_VERIFICATION = "submit_verification"
    RECORD_ASSESSMENT = "record_assessment"
    APPROVE_PLAN = "approve_plan"
    REPORT_CHANGE = "report_change"
    RECORD_EMPLOYMENT = "record_employment"
    CLOSE_CASE = "close_case"
    REQUEST_HEARING = "request_hearing"
    RECORD_HEARING_DECISION = "record_hearing_decision"
    EXTEND_DEADLINE = "extend_deadline"
    SUBMIT_RENEWAL = "submit_renewal"
    RESCHEDULE_INTERVIEW = "reschedule_interview"
    REASSIGN_CASE = "reassign_case"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_APPROVAL = "decide_approval"


SERVICE_OF_ACTIVITY: dict[str, str] = {
    **dict.fromkeys(("apply_household_change", "assign_caseworker", "issue_notice",
                     "plan_verifications", "record_case_event", "record_case_view",
                     "record_verification", "request_verifications", "update_case_status"),
                    "intake"),
    "determine_eligibility": "eligibility", "screen_expedited": "eligibility",
    "make_referrals": "referrals",
    "authorize_payment": "payments",
}
"""Which service each activity (by its name) works for: what a case whose activity
Temporal is retrying waits on (intake's GetCase, `waiting_on`). The eligibility
activities read the household from intake first, but whoever reads GetCase is being
answered by intake, so their wait is on eligibility. Kept to the activity classes by
`tests/unit/workflows/test_activity_services.py`."""


def workflow_id(case_id: str) -> str:
    """The case workflow's id: derived from the opaque case id, never from PII."""
    return f"case-{case_id}"
