"""The page's on-demand wheels (pyproject.toml's `page` group): pinned exactly, listed in the site's own
lock, not loaded with the rules, and loadable from the site alone when the page asks for them."""

import json
import subprocess

import pytest

from pipeline import BuildError
from pipeline.page_wheels import page_wheel_files, pinned
from tests.browser.pyodide import ROOT


def test_the_page_group_is_pinned_exactly(tmp_path):
    assert pinned()["odfpy"] and pinned()["defusedxml"]
    loose = tmp_path / "pyproject.toml"
    loose.write_text('[project]\nname = "x"\n[project.optional-dependencies]\npage = ["odfpy>=1.4"]\n', encoding="utf-8")
    with pytest.raises(BuildError, match="odfpy>=1.4"):
        pinned(loose)


def test_the_sites_lock_lists_each_pinned_wheel_at_its_version(site_dir):
    lock = json.loads((site_dir / "pyodide" / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, version in pinned().items():
        assert lock[name]["version"] == version
        assert (site_dir / "pyodide" / lock[name]["file_name"]).is_file()
    assert lock["odfpy"]["depends"] == ["defusedxml"]
    assert page_wheel_files(site_dir) == {name: f"pyodide/{lock[name]['file_name']}" for name in pinned()}


def test_pyodide_loads_them_on_demand_from_the_site(site_dir):
    done = subprocess.run(["node", str(ROOT / "tests" / "browser" / "pyodide" / "site_lock.mjs"), str(site_dir / "pyodide"), "odfpy"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "rules-py" in loaded["atStart"]
    assert not {"odfpy", "defusedxml"} & set(loaded["atStart"])
    assert {"odfpy", "defusedxml"} <= set(loaded["later"])
    # Precompiled like rules_py's wheel: imported from .pyc.
    assert all(path.endswith(".pyc") for path in loaded["files"].values()), loaded["files"]
