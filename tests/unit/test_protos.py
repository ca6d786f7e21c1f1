"""The committed contracts are clean and their generated code is current.

The generated `*_pb2*.py(i)` files are committed so a fresh clone imports without a
build step; this is the check that they were regenerated after every .proto change.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROTOS = ROOT / "protos"
BIN = Path(sys.executable).parent
GENERATED = ("*_pb2.py", "*_pb2.pyi", "*_pb2_grpc.py")


def generated_files(root: Path) -> dict[str, str]:
    """Every generated file under `root`, by path relative to it."""
    return {
        str(path.relative_to(root)): path.read_text()
        for pattern in GENERATED
        for path in root.rglob(pattern)
    }


def test_generated_code_matches_the_protos(tmp_path: Path) -> None:
    sources = sorted(str(p.relative_to(PROTOS)) for p in PROTOS.rglob("*.proto"))
    # The same command as `make protos`, with the output sent to a scratch folder.
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", "-I", ".", f"--python_out={tmp_path}",
         f"--pyi_out={tmp_path}", f"--grpc_python_out={tmp_path}", *sources],
        cwd=PROTOS, check=True,
    )
    fresh, committed = generated_files(tmp_path), generated_files(PROTOS)
    stale = sorted(name for name in fresh if committed.get(name) != fresh[name])
    orphaned = sorted(set(committed) - set(fresh))
    assert not stale, f"stale generated code: {', '.join(stale)}; run make protos"
    assert not orphaned, f"generated code with no .proto: {', '.join(orphaned)}; delete it"


def test_buf_lint_passes() -> None:
    result = subprocess.run(
        [str(BIN / "buf"), "lint", "protos"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
