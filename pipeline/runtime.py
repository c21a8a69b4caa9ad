"""Steps 4 and 5: the Pyodide core files and a site-local lock file that lists only our wheel."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
# The core runtime: everything loadPyodide() fetches; source maps and type files stay out.
# (Pyodide 0.29 ships pyodide.asm.js, 314.x pyodide.asm.mjs: whichever the package has is copied.)
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.mjs", "pyodide.asm.wasm",
              "python_stdlib.zip")


def install_runtime(wheel: Path, site_dir: Path, node_pyodide: Path = NODE_PYODIDE) -> Path:
    """Copies the runtime and the wheel into site_dir/pyodide/ and writes its pyodide-lock.json."""
    if not (node_pyodide / "pyodide.asm.wasm").exists():
        raise BuildError("找不到 node_modules/pyodide：請先執行 npm ci（make 會自動執行）。")
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        if (node_pyodide / name).exists():
            shutil.copy2(node_pyodide / name, target / name)
    shutil.copy2(wheel, target / wheel.name)

    # The npm lock lists ~380 packages that the core runtime doesn't ship: start from none.
    upstream = PyodideLockSpec.from_json(node_pyodide / "pyodide-lock.json")
    empty = PyodideLockSpec.from_dict({"info": upstream.info.to_dict(), "packages": {}})
    lock = target / "pyodide-lock.json"
    add_wheels_to_spec(empty, [target / wheel.name], base_path=target).to_json(lock)
    if _same_python(upstream.info.python):
        _precompile(target)
    return lock


def _same_python(runtime_python: str) -> bool:
    """.pyc files hold one Python minor version's bytecode: the host's must be the runtime's."""
    return runtime_python.split(".")[:2] == [str(v) for v in sys.version_info[:2]]


def _precompile(target: Path) -> None:
    """Replaces the wheel by one with .pyc in place of .py (Pyodide then imports it without compiling)
    and rewrites the lock to it: pyodide-build's py-compile, as Pyodide does for its own packages."""
    pyodide = Path(sys.executable).with_name("pyodide")
    result = subprocess.run([str(pyodide), "py-compile", "--silent", str(target)], capture_output=True, text=True)
    lock = json.loads((target / "pyodide-lock.json").read_text(encoding="utf-8"))
    if result.returncode != 0 or not all((target / p["file_name"]).exists() for p in lock["packages"].values()):
        raise BuildError("rules_py 的 wheel 預先編譯（pyodide py-compile）失敗：\n" + result.stdout + result.stderr)
