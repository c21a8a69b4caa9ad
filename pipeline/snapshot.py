"""The rules' memory snapshot (site/pyodide/rules-snapshot.bin), made in Node with the site's
own Pyodide by pipeline/snapshot.mjs: the checker's worker starts from it instead of booting Python.

It is remade only when what it is made from changes (the runtime's files, the wheel's contents, the
warm-up, the maker): a build with unchanged inputs copies the cached one from .build/snapshot/.
"""

import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_NAME = "rules-snapshot.bin"
MAKER = Path(__file__).with_name("snapshot.mjs")
WARM_UP = ROOT / "site_src" / "checker" / "rules-warm.js"
_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


def _inputs_digest(pyodide_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in (MAKER, WARM_UP, *(p for p in (pyodide_dir / n for n in _RUNTIME_FILES) if p.exists())):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    # The wheel's members, not its zip bytes, nor a .pyc's 16-byte header: both carry build times.
    with zipfile.ZipFile(pyodide_dir / lock["packages"]["rules-py"]["file_name"]) as wheel:
        for info in sorted(wheel.infolist(), key=lambda i: i.filename):
            data = wheel.read(info)
            digest.update(info.filename.encode() + b"\0" + (data[16:] if info.filename.endswith(".pyc") else data))
    return digest.hexdigest()


def write_snapshot(site_dir: Path, work_dir: Path) -> Path:
    pyodide_dir = site_dir / "pyodide"
    target = pyodide_dir / SNAPSHOT_NAME
    cached = work_dir / "snapshot" / _inputs_digest(pyodide_dir)[:16] / SNAPSHOT_NAME
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(cached.name + ".partial")
        node = shutil.which("node")
        if node is None:
            raise BuildError("需要 Node.js 才能製作檢核規則的記憶體快照（Debian：apt-get install nodejs）。")
        result = subprocess.run([node, str(MAKER), str(pyodide_dir), str(WARM_UP), str(partial)],
                                capture_output=True, text=True)
        if result.returncode != 0 or not partial.exists():
            raise BuildError("製作檢核規則的記憶體快照（pipeline/snapshot.mjs）失敗：\n"
                             + result.stdout[-2000:] + result.stderr[-2000:])
        partial.replace(cached)
        for old in cached.parent.parent.iterdir():  # other inputs' snapshots: never used again
            if old != cached.parent:
                shutil.rmtree(old)
    shutil.copy2(cached, target)
    return target
