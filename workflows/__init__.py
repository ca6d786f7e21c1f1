"""The case workflow, its activities and worker, and the `casework` CLI.

Names shared by the worker, the intake service (which starts cases and sends their
Updates) and the CLI live here, so no two places spell them differently.
"""

TASK_QUEUE = "casework"


def workflow_id(case_id: str) -> str:
    """The case workflow's id: derived from the opaque case id, never from PII."""
    return f"case-{case_id}"
