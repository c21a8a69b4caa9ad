"""What the figures were measured on (they mean little without it), and what the site ships."""

import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def pyodide_version(node_pyodide: Path = ROOT / "node_modules" / "pyodide") -> str:
    return json.loads((node_pyodide / "package.json").read_text())["version"]


def pyc_used(site: Path) -> dict:
    """Runs bench/pyc_used.mjs on the site's runtime and wheel (Node, as `make` already needs it)."""
    result = subprocess.run(["node", str(Path(__file__).with_name("pyc_used.mjs")), str(site / "pyodide")],
                            capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1])  # the answer, or {"error": one line} (pyc_used.mjs)
    except (IndexError, ValueError):
        # Not even that (node itself failed): its last line, never a dump of whatever it printed.
        said = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        return {"error": (said[-1] if said else f"node exited {result.returncode}")[:300]}


def describe(chromium_version: str) -> dict:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "chromium": chromium_version,
        "pyodide": pyodide_version(),
    }
