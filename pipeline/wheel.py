"""rules_py as a pure-Python wheel, rebuilt only when its sources change."""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent


def _sources_digest() -> str:
    digest = hashlib.sha256()
    files = sorted((ROOT / "rules_py").rglob("*"))
    for path in [ROOT / "pyproject.toml", *files]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_wheel(work_dir: Path) -> Path:
    """Returns the wheel's path; a cached wheel is reused when the sources are unchanged."""
    digest = _sources_digest()
    out = work_dir / "wheel" / digest[:16]
    wheels = sorted(out.glob("rules_py-*.whl"))
    if wheels:
        return wheels[0]
    out.mkdir(parents=True, exist_ok=True)
    # setuptools copies the package into ROOT/build/lib and never removes what was deleted since: a module
    # gone from rules_py/ would still ship in the wheel. Start from an empty scratch directory.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    # --no-isolation: the venv already has setuptools, and an isolated env costs seconds per build.
    # cwd is not ROOT, where build.py would shadow the `build` package.
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        cwd=out, capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise BuildError("rules_py 的 wheel 建置失敗：\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return next(out.glob("rules_py-*.whl"))
