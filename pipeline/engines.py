"""One small interface to a page in Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi) and
WebKit (Selenium's WebKitGTK driver), so that every engine flow is written once (tests/browser/engines/flows.py)
and every engine is timed the same way (bench/engines.py). Shared by the tests and bench/, like chromium.py.

A Driver holds one page at a time, in a fresh browser context (`fresh()`), and answers the part of
Playwright's Page that the page helpers (tests/browser/checker/flow.py, tests/browser/batch/page.py) use:
goto, reload, click, evaluate, get_attribute, inner_text, is_hidden, wait_for_selector,
eval_on_selector_all, set_input_files; plus wait (a JS condition) and download. In Chromium that is
Playwright's own page. Elsewhere every wait polls the page against a deadline (the pages' CSP forbids the
eval a browser-side wait would need); nothing sleeps to synchronise.
Each browser runs with a scratch HOME and XDG_* folders, never the real home."""

import json
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

from pipeline.chromium import launch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WAIT_MS = 300_000  # generous: WebKit's slowest start on a shared two-core machine
POLL_S = 0.1

# A download still being written (Firefox's, WebKit's), not yet the file.
_PARTIAL = (".part", ".wkdownload", ".download")


def scratch_env(home: Path, downloads: Path) -> dict:
    """The environment for one browser: its own HOME and XDG folders (the runtime one 0700, as XDG wants),
    its downloads in `downloads` (GLib's user-dirs.dirs, which WebKitGTK saves to)."""
    dirs = {"HOME": home, "XDG_CONFIG_HOME": home / "config", "XDG_CACHE_HOME": home / "cache",
            "XDG_DATA_HOME": home / "data", "XDG_STATE_HOME": home / "state", "XDG_RUNTIME_DIR": home / "runtime"}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    (home / "config" / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{downloads}"\n', encoding="utf-8")
    return {**os.environ, **{k: str(v) for k, v in dirs.items()}}


_FUNCTION = re.compile(r"\s*(async\s+)?(\(|function\b|[A-Za-z_$][\w$]*\s*=>)")
# Visible as Playwright means it: laid out with a box, not visibility:hidden.
_VISIBLE = """(s) => { const e = document.querySelector(s);
    return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; }"""


class Driver:
    """What every engine's driver shares: the page helpers' Page methods, written on evaluate and click."""

    name = ""

    def __init__(self, scratch: Path):
        self.uploads = scratch / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True)
        self.downloads = scratch / "downloads"
        self.downloads.mkdir(parents=True, exist_ok=True)
        self.env = scratch_env(scratch / "home", self.downloads)

    def evaluate(self, source: str, arg=None):
        """A JS function called with arg (its awaited value back as JSON), or a script run for its effect."""
        if _FUNCTION.match(source):
            return self._call_function(source, arg)
        return self._run_script(source)

    def wait(self, condition: str, arg=None, timeout_ms: int = WAIT_MS, poll_s: float = POLL_S):
        """Until the JS function `condition` returns a truthy value (which is returned); fails at the deadline."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            value = self.evaluate(condition, arg)
            if value:
                return value
            assert time.monotonic() < deadline, f"{self.name}: still false after {timeout_ms} ms: {condition} {arg}"
            time.sleep(poll_s)

    def wait_for_selector(self, selector: str, state: str = "visible", timeout: int = WAIT_MS):
        checks = {"visible": _VISIBLE, "attached": "(s) => !!document.querySelector(s)",
                  "hidden": f"(s) => !({_VISIBLE})(s)"}
        self.wait(checks[state], selector, timeout)

    def get_attribute(self, selector: str, name: str):
        self.wait_for_selector(selector, state="attached")
        return self.evaluate("([s, n]) => document.querySelector(s).getAttribute(n)", [selector, name])

    def inner_text(self, selector: str) -> str:
        self.wait_for_selector(selector, state="attached")
        return self.evaluate("(s) => document.querySelector(s).innerText", selector)

    def is_hidden(self, selector: str) -> bool:
        return not self.evaluate(_VISIBLE, selector)

    def fill(self, selector: str, value: str) -> None:
        """As Playwright fills a field: the value set, then one input event."""
        self.evaluate("""([s, v]) => { const e = document.querySelector(s); e.focus(); e.value = v;
            e.dispatchEvent(new Event('input', {bubbles: true})); }""", [selector, value])

    def eval_on_selector_all(self, selector: str, source: str):
        return self.evaluate(f"(s) => ({source})([...document.querySelectorAll(s)])", selector)

    def set_input_files(self, selector: str, files) -> None:
        """Chooses files in a file input, as a person does in the file dialog: paths, or Playwright's
        {name, mimeType, buffer} payloads (written to a folder of their own first)."""
        folder = Path(tempfile.mkdtemp(dir=self.uploads))
        paths = []
        for given in files:
            if isinstance(given, dict):
                path = folder / given["name"]
                path.write_bytes(given["buffer"])
                given = path
            paths.append(str(given))
        self._choose(selector, paths)

    def download(self, selector: str) -> tuple[str, bytes]:
        """Clicks a button that downloads a file: (its name, its bytes), from the folder the browser saves
        to without asking (the file is then taken away, so that the next of that name keeps its name)."""
        self.click(selector)
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            found = list(self.downloads.iterdir())
            if found and not any(p.name.endswith(_PARTIAL) for p in found):
                [path] = found
                data = path.read_bytes()
                path.unlink()
                return path.name, data
            assert time.monotonic() < deadline, f"{self.name}: no download from {selector}"
            time.sleep(POLL_S)


class Chromium:
    """Playwright's page is the interface itself."""

    name = "chromium"
    wait = Driver.wait

    def __init__(self, scratch: Path, browser=None):
        """browser: a Chromium already launched through Playwright (the tests' own), else one of its own."""
        from playwright.sync_api import sync_playwright

        self._playwright = None if browser else sync_playwright().start()
        self._browser = browser or launch(self._playwright, env=scratch_env(scratch / "home", scratch / "downloads"))
        self._context = None

    def __getattr__(self, name):
        if name == "page":  # not yet fresh()
            raise AttributeError(name)
        return getattr(self.page, name)

    def fresh(self):
        if self._context:
            self._context.close()
        self._context = self._browser.new_context(locale="zh-TW", accept_downloads=True)
        self.page = self._context.new_page()
        self.page.set_default_timeout(WAIT_MS)

    def download(self, selector):
        with self.page.expect_download() as info:
            self.page.click(selector)
        return info.value.suggested_filename, Path(info.value.path()).read_bytes()

    def close(self):
        if self._context:
            self._context.close()
        if self._playwright:  # its own browser
            self._browser.close()
            self._playwright.stop()


class Firefox(Driver):
    """Firefox ESR in a Node process (firefox_bridge.mjs) that takes one JSON request a line."""

    name = "firefox"

    def __init__(self, scratch: Path):
        super().__init__(scratch)
        self._node = subprocess.Popen(
            ["node", str(HERE / "firefox_bridge.mjs"), str(self.downloads)], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=self.env)

    def _call(self, op, **request):
        self._node.stdin.write(json.dumps({"op": op, **request}) + "\n")
        self._node.stdin.flush()
        line = self._node.stdout.readline()
        assert line, f"firefox_bridge.mjs ended (exit {self._node.poll()})"
        answer = json.loads(line)
        assert "error" not in answer, answer["error"]
        return answer["ok"]

    def fresh(self):
        self._call("page")

    def goto(self, url):
        self._call("goto", url=url)

    def reload(self):
        self._call("reload")

    def click(self, selector):
        self._call("click", selector=selector)

    def _call_function(self, source, arg):
        return self._call("evaluate", source=source, arg=arg)

    def _run_script(self, source):
        return self._call("script", source=source)

    def _choose(self, selector, paths):
        self._call("files", selector=selector, paths=paths)

    def close(self):
        self._node.stdin.write(json.dumps({"op": "close"}) + "\n")
        self._node.stdin.close()
        self._node.wait(timeout=60)


def _packaged(package: str, name: str) -> str:
    """Where a Debian package installed a file (its architecture's folder isn't written here)."""
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True).stdout.split()
    return next(p for p in listed if p.endswith("/" + name))


class Xvfb:
    """A virtual display on whatever display number is free (Xvfb picks it and writes it to a pipe)."""

    def __init__(self):
        read, write = os.pipe()
        self._process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                                          "-nolisten", "tcp"], pass_fds=[write], stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as reading:
            self.display = ":" + reading.readline().strip()

    def close(self):
        self._process.terminate()
        self._process.wait(timeout=30)


class WebKit(Driver):
    """WebKitGTK's MiniBrowser through WebKitWebDriver (both from Debian), under a virtual display."""

    name = "webkit"

    def __init__(self, scratch: Path):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        super().__init__(scratch)
        self._xvfb = Xvfb()
        options = Options()
        options.binary_location = _packaged("libwebkit2gtk-4.1-0", "MiniBrowser")
        options.add_argument("--automation")
        options.page_load_strategy = "normal"  # "eager" hung now and then
        service = Service(executable_path=_packaged("webkit2gtk-driver", "WebKitWebDriver"),
                          env={**self.env, "DISPLAY": self._xvfb.display})
        try:
            self._driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self._xvfb.close()
            raise
        self._driver.set_script_timeout(WAIT_MS / 1000)
        self._driver.set_page_load_timeout(WAIT_MS / 1000)

    def fresh(self):
        """A new page on a blank document (each flow serves the site on an origin of its own: no state carries)."""
        self._driver.get("about:blank")

    def goto(self, url):
        self._driver.get(url)

    def reload(self):
        self._driver.refresh()

    def click(self, selector):
        from selenium.webdriver.common.by import By

        # Into view and laid out first: below the view the result's sections are skipped by content-visibility,
        # and WebKitWebDriver's own scroll then clicks where the button was before its section was laid out.
        self._call_function("""(s) => new Promise((done) => {
            document.querySelector(s).scrollIntoView({block: "center"});
            requestAnimationFrame(() => requestAnimationFrame(() => done()));
        })""", selector)
        self._driver.find_element(By.CSS_SELECTOR, selector).click()

    def _run_script(self, source):
        self._driver.execute_script(source)

    def _call_function(self, source, arg):
        answer = self._driver.execute_async_script(
            """const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => (%s)(arguments[0])).then(
                (ok) => done({ok: ok === undefined ? null : ok}), (e) => done({error: String(e && e.stack || e)}));"""
            % source, arg)
        assert "error" not in answer, answer["error"]
        return answer["ok"]

    def _choose(self, selector, paths):
        from selenium.webdriver.common.by import By

        self._driver.find_element(By.CSS_SELECTOR, selector).send_keys("\n".join(paths))

    def close(self):
        try:
            self._driver.quit()
        finally:
            self._xvfb.close()


ENGINES = {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}
