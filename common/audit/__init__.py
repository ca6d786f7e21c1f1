"""The audit trail (NIST SP 800-53 AU-3): one row per call a service answers, and per
write it commits, in that service's own `<service>_audit` table.

`table` holds the table every service's metadata includes; `trail` the interceptor's
side (who, what, where, source, outcome) and the session hook that puts a call's row
in the very transaction its effect commits in; `retention` the agency's retention
setting and `python -m common.audit prune`, which is the only thing that ever deletes a
row.
"""
