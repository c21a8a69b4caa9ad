"""Debian's Chromium, driven by Playwright (Playwright's own browser download can't run here, so it is never used).
Shared by the tests and bench/, which don't import each other."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright, **options):
    """options: Playwright's own launch options (env, for a scratch HOME)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)
