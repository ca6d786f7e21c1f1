"""Development keys: on a machine where no secret store sets a key, a process makes one
once, keeps it in `Settings.var_dir` and reuses it, so what it encrypted there stays
readable across restarts. Production always sets its keys; these files are for one
machine only (`make clean` deletes them with the data they protect)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def dev_key(path: Path, generate: Callable[[], str]) -> str:
    """The key kept at `path`, made with `generate` on first use, readable by its owner only.

    The key is written to a file of this process's own and then linked into place, so
    the file at `path` only ever exists whole: two processes starting together on a fresh
    folder (the worker and intake, run by hand) agree on the first one linked.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(generate())
        try:
            os.link(draft, path)
        except FileExistsError:  # another process made it first: use theirs
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
