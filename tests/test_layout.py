"""The house: README.md's layout table matches the tree, its links lead somewhere, and tests/ and bench/
don't import each other."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Files every repository has, which the layout table need not explain.
UNLISTED = {".gitignore", "README.md", "package-lock.json"}


def _layout() -> set[str]:
    table = README.split("## 專案結構", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return {name.rstrip("/") for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)}


def test_the_layout_table_lists_every_top_level_entry_and_nothing_else():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top = {path.split("/")[0] for path in tracked.splitlines()} - UNLISTED
    listed = {name.split("/")[0] for name in _layout()}
    assert top == listed


def test_every_path_the_layout_table_names_exists():
    assert [name for name in _layout() if not (ROOT / name).exists()] == []


def test_every_link_of_the_readme_exists():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert links and [link for link in links if not (ROOT / link).exists()] == []


@pytest.mark.parametrize("folder, other", [("tests", "bench"), ("bench", "tests")])
def test_tests_and_bench_do_not_import_each_other(folder, other):
    pattern = re.compile(rf"^\s*(from|import)\s+{other}\b", re.M)
    sources = [path for path in sorted((ROOT / folder).rglob("*.py"))
               if not {"results", "artifacts", "node_modules"} & set(path.parts)]
    offenders = [path.relative_to(ROOT).as_posix() for path in sources
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
