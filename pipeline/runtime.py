"""The Pyodide core files and a site-local lock file that lists only our wheel."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec

from pipeline import BuildError
from pipeline.cache import cached_folder, digest

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
# The core runtime: everything loadPyodide() fetches; source maps and type files stay out.
# (Pyodide 0.29 ships pyodide.asm.js, 314.x pyodide.asm.mjs: whichever the package has is copied.)
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.mjs", "pyodide.asm.wasm",
              "python_stdlib.zip")


def install_runtime(wheel: Path, site_dir: Path, node_pyodide: Path = NODE_PYODIDE,
                    precompile: bool = True, page_wheels: tuple[Path, ...] = ()) -> Path:
    """Copies the runtime and the wheel into site_dir/pyodide/ and writes its pyodide-lock.json.

    page_wheels: wheels the page loads on demand (pipeline/page_wheels.py), listed in the same lock.

    node_pyodide: another Pyodide npm package (the benchmark compares releases); precompile=False
    ships the wheel as built (.py), which the benchmark compares with the precompiled one."""
    if not (node_pyodide / "pyodide.asm.wasm").exists():
        raise BuildError("找不到 node_modules/pyodide：請先執行 npm ci（make 會自動執行）。")
    target = site_dir / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE_FILES:
        if (node_pyodide / name).exists():
            shutil.copy2(node_pyodide / name, target / name)
    for path in (wheel, *page_wheels):
        shutil.copy2(path, target / path.name)

    # The npm lock lists ~380 packages that the core runtime doesn't ship: start from none.
    upstream = PyodideLockSpec.from_json(node_pyodide / "pyodide-lock.json")
    empty = PyodideLockSpec.from_dict({"info": upstream.info.to_dict(), "packages": {}})
    lock = target / "pyodide-lock.json"
    add_wheels_to_spec(empty, [target / p.name for p in (wheel, *page_wheels)], base_path=target).to_json(lock)
    if precompile and _same_python(upstream.info.python):
        _precompile(target)
    elif precompile:
        print(f"注意：建置用的 Python {sys.version.split()[0]} 與 Pyodide 的 Python {upstream.info.python} 版本不同，"
              "rules_py 以原始碼出貨，未預先編譯成 .pyc（瀏覽器載入時會慢一些）。", file=sys.stderr)
    return lock


def _same_python(runtime_python: str) -> bool:
    """.pyc files hold one Python minor version's bytecode: the host's must be the runtime's."""
    return runtime_python.split(".")[:2] == [str(v) for v in sys.version_info[:2]]


def _precompile(target: Path) -> None:
    """Replaces our wheels by ones with .pyc in place of .py (Pyodide then imports them without compiling)
    and rewrites the lock to them: pyodide-build's py-compile, as Pyodide does for its own packages.
    It runs on a folder holding only the lock and the wheels (given site/pyodide/ it would also rewrite
    python_stdlib.zip, 1.7x larger), kept in the build cache under the digest of those files."""
    lock = target / "pyodide-lock.json"
    wheels = [target / p["file_name"] for p in json.loads(lock.read_text(encoding="utf-8"))["packages"].values()]
    key = digest(*(part for path in (lock, *wheels) for part in (path.name.encode(), path.read_bytes())))
    folder = cached_folder("py-compile", key, lambda folder: _py_compile(folder, lock, wheels))
    for path in wheels:
        path.unlink()
    for package in json.loads((folder / lock.name).read_text(encoding="utf-8"))["packages"].values():
        shutil.copy2(folder / package["file_name"], target / package["file_name"])
    shutil.copy2(folder / lock.name, lock)


def _py_compile(folder: Path, lock: Path, wheels: list) -> None:
    for path in (lock, *wheels):
        shutil.copy2(path, folder / path.name)
    pyodide = Path(sys.executable).with_name("pyodide")
    result = subprocess.run([str(pyodide), "py-compile", "--silent", str(folder)], capture_output=True, text=True)
    compiled = json.loads((folder / lock.name).read_text(encoding="utf-8"))["packages"].values()
    if result.returncode != 0 or not all((folder / p["file_name"]).exists() for p in compiled):
        raise BuildError("rules_py 的 wheel 預先編譯（pyodide py-compile）失敗：\n" + result.stdout + result.stderr)
