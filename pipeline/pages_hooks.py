"""MkDocs hooks (mkdocs.yml `hooks:`): the pages made from courses/ exist only in the build.

- on_config: load courses/ (beside mkdocs.yml) and make the pages; the nav entry `plans/*` becomes the
  generated pages' nav, so that a new plan in courses/ reaches the nav through data alone;
- on_files: hand every page (and the checker's plans.json) to MkDocs as an in-memory file
  (File.generated); nothing is written into site_src/.
"""

import sys
from pathlib import Path

from mkdocs.structure.files import File

# MkDocs loads a hook by its file path: make the project's `pipeline` package importable from here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.courses import load_courses  # noqa: E402
from pipeline.pages import site_pages  # noqa: E402

NAV_MARKER = "plans/*"
_pages = None


def _splice(nav: list, generated: list) -> list:
    out = []
    for item in nav:
        if item == NAV_MARKER:
            out.extend(generated)
        elif isinstance(item, dict):
            out.append({k: _splice(v, generated) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out


def on_config(config):
    global _pages
    courses = Path(config.config_file_path).resolve().parent / "courses"
    _pages = site_pages(load_courses(courses), courses)
    config["nav"] = _splice(config["nav"], _pages.nav)
    return config


def on_files(files, config):
    for src_uri, content in _pages.files.items():
        files.append(File.generated(config, src_uri, content=content))
    return files
