"""The whole MkDocs build (strict) of a copy of the project with a second plan: slow, so in the browser tier."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.site.conftest import ROOT
from tests.support.plans import copy_with_plan_115


def test_another_year_builds_into_the_site_and_its_nav(tmp_path):
    """The whole MkDocs build (strict) with a second plan in courses/ beside mkdocs.yml: its pages are built
    in memory, the nav lists both years, and nothing is written into the docs folder."""
    copy_with_plan_115(tmp_path / "courses")
    docs = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", docs)
    before = sorted(p.relative_to(docs) for p in docs.rglob("*"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                  hooks=[str(ROOT / hook) for hook in config["hooks"]])
    config["plugins"][0]["search"]["jieba_dict_user"] = str(ROOT / config["plugins"][0]["search"]["jieba_dict_user"])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--quiet", "-f", str(tmp_path / "mkdocs.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "測試計畫 115" in home and "歷年計畫" in home
    assert 'href="plans/kaohsiung-114/plan/"' in home
    assert (tmp_path / "site" / "plans" / "kaohsiung-115" / "forms" / "municipal" / "index.html").is_file()
    assert (tmp_path / "site" / "checker" / "plans.json").is_file()
    assert sorted(p.relative_to(docs) for p in docs.rglob("*")) == before
