"""Static servers for the benchmark, each in its own process so that the browser driver's
Python thread never competes with file serving (both sides get the same plain server)."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_PAGE = Path(__file__).resolve().parent / "floor"
PREFIX = "/elearn/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(root: Path):
    """Yields the base URL of `root` served by pipeline.serve under PREFIX."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.serve", str(root), "--port", str(port), "--prefix", PREFIX],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # resets when a context closes
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"static server for {root} did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def floor_root(pyodide_dir: Path):
    """A temp dir holding the bare floor page next to a copy of the same runtime files."""
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        root = Path(tmp)
        shutil.copytree(pyodide_dir, root / "pyodide")
        shutil.copytree(FLOOR_PAGE, root / "floor")
        yield root


@contextlib.contextmanager
def site_with(site: Path, folder: Path, name: str):
    """A temp copy of the site (hard links where possible) with `folder` added as its `name`/ (a bench page
    that uses the site's own scripts and runtime)."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        root = Path(tmp) / "site"
        shutil.copytree(site, root, copy_function=_link_or_copy)
        shutil.copytree(folder, root / name)
        yield root


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
