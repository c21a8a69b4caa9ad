"""Build outputs kept in .build/cache/ under the digest of what they are made from, so that a warm build
copies them instead of making them again (gzip -9 of the runtime, the icons, the precompiled wheels)."""

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".build" / "cache"


def digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()[:32]


def cached_bytes(kind: str, key: str, make: Callable[[], bytes]) -> bytes:
    path = CACHE / kind / key
    if path.exists():
        return path.read_bytes()
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(key + ".partial")
    partial.write_bytes(data)
    partial.replace(path)  # whole or absent, even if a build is stopped midway
    return data


def cached_folder(kind: str, key: str, make: Callable[[Path], None]) -> Path:
    """make(folder) fills an empty folder; the filled folder is kept and returned."""
    path = CACHE / kind / key
    if not path.exists():
        partial = path.with_name(key + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        make(partial)
        partial.replace(path)
    return path
