"""Precompressed .gz twins of the large text-like files, for servers that send them as they are
(nginx gzip_static, Apache with a rewrite, IIS static compression cache)."""

import gzip
from pathlib import Path

from pipeline.cache import cached_bytes, digest

MIN_BYTES = 1024
# Already compressed formats (.whl, .png …) are left alone: gzip would not make them smaller.
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".svg", ".txt", ".xml"}
# A twin must save at least this share of the bytes to be worth a second file.
MIN_SAVING = 0.1


def compress_site(site_dir: Path) -> list[Path]:
    """Writes file.gz beside each large compressible file; returns the files it wrote."""
    written = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE or path.stat().st_size < MIN_BYTES:
            continue
        data = path.read_bytes()
        # mtime=0: the same input gives the same bytes on every build (and the cache may keep them).
        packed = cached_bytes("gzip", digest(data), lambda: gzip.compress(data, compresslevel=9, mtime=0))
        target = path.with_name(path.name + ".gz")
        if len(packed) > len(data) * (1 - MIN_SAVING):
            target.unlink(missing_ok=True)
            continue
        target.write_bytes(packed)
        written.append(target)
    return written
