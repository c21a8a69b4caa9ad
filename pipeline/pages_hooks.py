"""MkDocs hooks (mkdocs.yml `hooks:`): put the pages that write_pages() generated into the site.

- the nav entry `plans/_nav.json` is replaced by the nav that write_pages() wrote there, so that a new
  plan in courses/ reaches the nav through data alone;
- index.md (a stub in git) is replaced by plans/_home.md, the newest plan's home page.
Both files are excluded from the site by mkdocs.yml `exclude_docs`.
"""

import json
from pathlib import Path

from mkdocs.utils.meta import get_data

_NAV_MARKER = "plans/_nav.json"
_HOME = "plans/_home.md"


def _generated(config, name: str) -> Path:
    return Path(config["docs_dir"]) / name


def _splice(nav: list, generated: list) -> list:
    out = []
    for item in nav:
        if item == _NAV_MARKER:
            out.extend(generated)
        elif isinstance(item, dict):
            out.append({k: _splice(v, generated) if isinstance(v, list) else v for k, v in item.items()})
        else:
            out.append(item)
    return out


def on_config(config):
    path = _generated(config, _NAV_MARKER)
    generated = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    config["nav"] = _splice(config["nav"], generated)
    return config


def on_page_markdown(markdown, page, config, files):
    home = _generated(config, _HOME)
    if page.file.src_uri == "index.md" and home.exists():
        markdown, meta = get_data(home.read_text(encoding="utf-8"))
        page.meta.update(meta)
    return markdown
