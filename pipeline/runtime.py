"""Steps 4 and 5: the Pyodide core files and a site-local lock file that lists only our wheel."""

import shutil
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
# The core runtime: everything loadPyodide() fetches; source maps and type files stay out.
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")


def install_runtime(wheel: Path, site_dir: Path) -> Path:
    """Copies the runtime and the wheel into site_dir/pyodide/ and writes its pyodide-lock.json."""
    if not (NODE_PYODIDE / "pyodide.asm.wasm").exists():
        raise BuildError("找不到 node_modules/pyodide：請先執行 npm ci（make 會自動執行）。")
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        shutil.copy2(NODE_PYODIDE / name, target / name)
    shutil.copy2(wheel, target / wheel.name)

    # The npm lock lists ~380 packages that the core runtime doesn't ship: start from none.
    upstream = PyodideLockSpec.from_json(NODE_PYODIDE / "pyodide-lock.json")
    empty = PyodideLockSpec.from_dict({"info": upstream.info.to_dict(), "packages": {}})
    lock = target / "pyodide-lock.json"
    add_wheels_to_spec(empty, [target / wheel.name], base_path=target).to_json(lock)
    return lock
