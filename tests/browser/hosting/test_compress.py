"""The build ships a .gz twin of each large compressible file, and none where gzip gains nothing."""

import gzip
import shutil

from pipeline.compress import compress_site

TWINNED = ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.js", "pyodide/pyodide.js", "search/search_index.json",
           "index.html", "sw.js")
TWINNED_GLOBS = ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css")


def test_large_files_have_an_identical_gz_twin(site_dir):
    files = [site_dir / p for p in TWINNED] + [next(site_dir.glob(g)) for g in TWINNED_GLOBS]
    for path in files:
        twin = path.with_name(path.name + ".gz")
        assert gzip.decompress(twin.read_bytes()) == path.read_bytes(), path
    wasm = site_dir / "pyodide" / "pyodide.asm.wasm"
    assert (wasm.with_name(wasm.name + ".gz")).stat().st_size < wasm.stat().st_size / 2


def test_already_compressed_files_get_no_twin(site_dir):
    for path in [site_dir / "pyodide" / "python_stdlib.zip", *site_dir.glob("pyodide/*.whl")]:
        assert not path.with_name(path.name + ".gz").exists(), path


def test_twins_are_the_same_bytes_on_every_build(site_dir, tmp_path):
    copy = tmp_path / "search"
    shutil.copytree(site_dir / "search", copy)
    before = {p.name: p.read_bytes() for p in copy.glob("*.gz")}
    for twin in copy.glob("*.gz"):
        twin.unlink()
    compress_site(copy)
    assert before and {p.name: p.read_bytes() for p in copy.glob("*.gz")} == before
