"""Visit pages in one browser context and record everything that would break the privacy guarantee:
requests to another origin (the page's, its workers' and the service worker's alike), CSP violations
and script errors."""

from dataclasses import dataclass, field
from pathlib import Path

READY_MS = 120_000
# Chromium's console text for a blocked load, fetch or script ("... violates the following Content
# Security Policy directive ...").
_CSP_TEXT = "Content Security Policy"


@dataclass
class Findings:
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self, origin: str) -> list[str]:
        return [u for u in self.requests if not (u.startswith(origin + "/") or u.startswith(("data:", "blob:")))]


def page_urls(site_dir: Path, base_url: str) -> list[str]:
    """Every HTML page of site_dir, as the URL a visitor uses (a directory for index.html)."""
    urls = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        urls.append(base_url + relative.removesuffix("index.html"))
    return urls


def settle(page, base_url: str) -> None:
    """Waits until the page has done what it does on its own: the checker's rules are loaded and the
    service worker has finished caching (its requests are in the log too)."""
    page.wait_for_load_state("load")
    checker = page.locator("#checker-status").count() > 0
    if checker:
        page.wait_for_function(
            "() => document.getElementById('checker-status').dataset.state !== 'loading'", timeout=READY_MS)
    # 404.html links the site's files from the server's root (it is shown at any depth), so under a
    # sub-path its scripts don't load: only wait where the registration script is the site's own.
    if page.evaluate("""(base) => [...document.scripts].some((s) => s.src === base + 'assets/sw-register.js')""",
                     base_url):
        want = "checker" if checker else "pages"
        page.wait_for_function(f"() => document.documentElement.dataset.offline === '{want}'", timeout=READY_MS)
    page.wait_for_load_state("networkidle")


def crawl(context, base_url: str, urls: list[str]) -> Findings:
    findings = Findings()
    context.on("request", lambda request: findings.requests.append(request.url))
    context.on("console", lambda message: _CSP_TEXT in message.text and findings.violations.append(message.text))
    page = context.new_page()
    page.on("pageerror", lambda error: findings.errors.append(f"{page.url}: {error}"))
    for url in urls:
        page.goto(url)
        settle(page, base_url)
    page.close()
    return findings
