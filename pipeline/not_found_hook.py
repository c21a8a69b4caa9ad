"""MkDocs hook (mkdocs.yml `hooks:`): a 404 page that is styled and works at any depth under any sub-path.

A server sends 404.html for any missing URL (/elearn/a/b), so the page can't know where the site's root is,
and MkDocs writes it with root-absolute links (/assets/…), which miss a site under /elearn/. Here its links
become relative, and a small inline script (allowed by its hash, like Material's own) finds the root: the
nearest folder of the requested URL that has 404.html, and makes it the page's <base> before any link.
"""

import re

# href="/x" and src="/x" (not protocol-relative //host), and the same URLs in Material's #__config JSON.
_ROOT_ABSOLUTE = re.compile(r'(\s(?:href|src)=")/(?!/)')
_CONFIG_URL = re.compile(r'("(?:base|search)": ")/')
_FIRST_LINK = re.compile(r"<link\b")
_CONFIG = re.compile(r'<script id="__config"[^>]*>.*?</script>', re.S)

FIND_ROOT = """<script>(function () {
  var folders = location.pathname.split("/").slice(0, -1);
  for (var n = folders.length; n > 0; n--) {
    var root = folders.slice(0, n).join("/") + "/";
    var probe = new XMLHttpRequest();
    try { probe.open("HEAD", root + "404.html", false); probe.send(); } catch (e) { continue; }
    if (probe.status === 200) { document.write('<base href="' + root + '">'); return; }
  }
})();</script>
"""
# Material resolves its base and search worker against location, not <base>: give it absolute URLs.
CONFIG_BASE = """<script>(function () {
  var config = document.getElementById("__config"), data = JSON.parse(config.textContent);
  data.base = new URL(data.base, document.baseURI).href;
  data.search = new URL(data.search, document.baseURI).href;
  config.textContent = JSON.stringify(data);
})();</script>"""


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output
    output = _ROOT_ABSOLUTE.sub(r"\1", output)
    output = _CONFIG_URL.sub(r"\1", output).replace('"base": ""', '"base": "."')
    first_link = _FIRST_LINK.search(output)
    output = output[:first_link.start()] + FIND_ROOT + output[first_link.start():]
    config_script = _CONFIG.search(output)
    return output[:config_script.end()] + CONFIG_BASE + output[config_script.end():]
