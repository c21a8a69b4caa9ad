"""mkdocs build into the output folder (the pages from courses/ are made inside it, by pipeline/pages_hooks.py)."""

import subprocess
import sys
from pathlib import Path

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent


def build_site(out: Path) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--quiet", "--clean", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BuildError("mkdocs build 失敗：\n" + (result.stderr or result.stdout))
