"""A content security policy in a <meta> tag on every built page, so it holds on a bare static server.

Inline scripts are allowed by the sha256 of their exact text (Material emits two small ones per page),
never by 'unsafe-inline'. The checker's worker starts from a blob: URL and so inherits the page's policy.
"""

import base64
import hashlib
import re
from pathlib import Path

from pipeline import BuildError

# Why each source is there (the privacy page and docs/hosting.md explain the same in plain words):
#   'wasm-unsafe-eval'  Pyodide compiles its WebAssembly; nothing else (no eval, no new Function).
#   worker-src blob:    the checker's worker bootstrap (see site_src/checker/rules-client.js).
#   img-src data:       Material's icons are SVG data: URLs in its stylesheet.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_SRC_OR_TYPE = re.compile(r"""\s(src|type)\s*=\s*["']?([^"'\s>]*)""", re.I)
# A <meta> CSP only governs what comes after it: it goes right after the charset, before any script.
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_OLD_META = re.compile(r"\s*<meta http-equiv=\"Content-Security-Policy\"[^>]*>", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html: str) -> list[str]:
    """The CSP hash source of each inline script the browser would run, in page order."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attributes = {name.lower(): value for name, value in _SRC_OR_TYPE.findall(match.group(1))}
        if "src" in attributes or attributes.get("type", "").lower() not in _EXECUTABLE_TYPES:
            continue  # external scripts fall under 'self'; JSON data blocks never run
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def _joined(directives: dict) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def policy_for(html: str) -> str:
    return _joined({**POLICY, "script-src": POLICY["script-src"] + inline_script_hashes(html)})


def worker_policy() -> str:
    """The policy a server should send as a header with .js files: it binds the workers that load from
    their own URL (the service worker, Material's search worker), which no <meta> tag reaches."""
    return _joined(POLICY)


def add_policy(html: str, where: str) -> str:
    html = _OLD_META.sub("", html)  # running twice on the same site gives the same pages
    charset = _CHARSET.search(html)
    if charset is None:
        raise BuildError(f"{where}：找不到 <meta charset=\"utf-8\">，無法放入內容安全政策（CSP）。")
    meta = f'\n      <meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[:charset.end()] + meta + html[charset.end():]


def apply_csp(site_dir: Path) -> int:
    """Puts the policy into every HTML page of site_dir; returns how many pages it wrote."""
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        page.write_text(add_policy(page.read_text(encoding="utf-8"), str(page.relative_to(site_dir))),
                        encoding="utf-8")
    return len(pages)
