"""The exit statuses of every `casework` subcommand, kept apart from `cli/__init__.py` so
the subcommands can return them without importing the package that imports them."""

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
"""Also what argparse exits with on a bad command line."""
EXIT_FAILED = 3
"""The stack cannot be reached, or a demo case did not end where it should."""
