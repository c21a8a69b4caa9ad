"""Extra pure-Python wheels the page loads on demand (odfpy for the ODT forms, ...), never at start.

One pinned list: pyproject.toml's `page` optional-dependency group, each `name==version`, dependencies
listed too (they are fetched with --no-deps). Each wheel is fetched once into .build/wheels/ (PyPI's
wheel, or one built from the sdist when PyPI has none, as for odfpy), and install_runtime adds it to
site/pyodide/pyodide-lock.json beside rules_py: the page's `pyodide.loadPackage(name)` then takes it
from this site. The service worker keeps such a wheel once it is used (its "lazy" group)."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

from pipeline import BuildError

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
GROUP = "page"


def pinned(pyproject: Path = PYPROJECT) -> dict[str, str]:
    """{canonical name: exact version} of the page group; anything but `name==version` is an error."""
    group = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["optional-dependencies"].get(GROUP, [])
    pins = {}
    for line in group:
        try:
            requirement = Requirement(line)
        except InvalidRequirement as error:
            raise BuildError(f"{pyproject.name} 的 {GROUP} 群組：「{line}」不是套件需求（{error}）。") from None
        spec = list(requirement.specifier)
        if len(spec) != 1 or spec[0].operator != "==" or "*" in spec[0].version:
            raise BuildError(f"{pyproject.name} 的 {GROUP} 群組：「{line}」須固定一個版本（名稱==版本）。")
        pins[canonicalize_name(requirement.name)] = spec[0].version
    return pins


def _cached(folder: Path, name: str, version: str) -> Path | None:
    for path in sorted(folder.glob("*.whl")):
        wheel_name, wheel_version, _, tags = parse_wheel_filename(path.name)
        if wheel_name == name and str(wheel_version) == version:
            if not all(tag.abi == "none" and tag.platform == "any" for tag in tags):
                raise BuildError(f"{path.name} 不是純 Python 的 wheel，無法在 Pyodide 載入。")
            return path
    return None


def fetch_page_wheels(work_dir: Path, pyproject: Path = PYPROJECT) -> list[Path]:
    """The page group's wheels, from work_dir/wheels/ (fetched there on first use)."""
    folder = work_dir / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    wheels = []
    for name, version in pinned(pyproject).items():
        wheel = _cached(folder, name, version)
        if wheel is None:
            # `pip wheel` saves PyPI's wheel when there is one and builds it from the sdist otherwise.
            result = subprocess.run(
                [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--prefer-binary",
                 "--wheel-dir", str(folder), f"{name}=={version}"],
                capture_output=True, text=True,
            )
            wheel = _cached(folder, name, version)
            if result.returncode != 0 or wheel is None:
                raise BuildError(f"無法取得 {name}=={version} 的 wheel：\n" + result.stdout[-2000:] + result.stderr[-2000:])
        wheels.append(wheel)
    return wheels


def page_wheel_files(site_dir: Path, pyproject: Path = PYPROJECT) -> dict[str, str]:
    """{canonical name: path relative to site_dir} of the page group's wheels in site_dir (as named by the site's lock)."""
    lock = site_dir / "pyodide" / "pyodide-lock.json"
    if not lock.exists():
        return {}
    names = pinned(pyproject)
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"].values()
    return {canonicalize_name(p["name"]): f"pyodide/{p['file_name']}" for p in packages
            if canonicalize_name(p["name"]) in names}
