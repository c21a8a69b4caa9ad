"""MkDocs hook (mkdocs.yml `hooks:`): Material's search finds a Chinese term whole.

Material 9.7's search worker splits a Chinese query greedily by the words in its index (segment() in
src/templates/assets/javascripts/integrations/search/query/segment/index.ts), but its loop stops one
character short: `for (j = i + 1; j < query.length; j++)` never tries the whole query, so 公餘時間 is
searched as 公餘 + 時間 and 補休 as 補 alone (the term's last character is dropped) whenever a shorter
prefix is itself a word. Here the built worker's loop is made to include the last character. The build
fails if the worker no longer has that loop (a new Material version: check whether it still needs this).
"""

from pathlib import Path

from mkdocs.exceptions import PluginError

WORKERS = "assets/javascripts/workers"
_SHORT = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
_WHOLE = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


def on_post_build(config) -> None:
    workers = sorted((Path(config["site_dir"]) / WORKERS).glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"找不到 Material 的搜尋程式 {WORKERS}/search.*.min.js（找到 {len(workers)} 個）")
    text = workers[0].read_text(encoding="utf-8")
    if _WHOLE in text:
        return
    if text.count(_SHORT) != 1:
        raise PluginError(f"{workers[0].name}：找不到中文查詢斷詞的迴圈，請確認新版 Material 是否仍需要 pipeline/search_hook.py")
    workers[0].write_text(text.replace(_SHORT, _WHOLE), encoding="utf-8")
