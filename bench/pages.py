"""Cold page loads in headless Chromium, each in a fresh browser context (an empty HTTP cache).

Times are the page's performance.now(), i.e. milliseconds since navigation start.
"""

import json
import time
from pathlib import Path

from bench import records

READY_TIMEOUT_MS = 180_000
# The checker's record input, best first; the spine (before the checker UI lands) has only its status.
RECORD_INPUTS = ("#record-paste", "textarea", "input[type=file]", "[contenteditable=true]")
SPINE_STATUS = "#checker-status"

# Installed before any page script runs (on every navigation of the context). `ready`: when the page's
# RulesClient.ready resolves (hooked at its assignment); `start`: "snapshot" or "fresh", how the worker
# started; `stage_compiled`: when the page had Pyodide's WebAssembly compiled. `usable`: the first
# animation frame in which the input exists, is enabled and is rendered (the page's thread is free).
_MARKS = """
(() => {
  const marks = window.__bench = {};
  let client;
  Object.defineProperty(window, "RulesClient", {
    configurable: true,
    get() { return client; },
    set(value) {
      client = value;
      // The worker's stages ("runtime": pyodide.js loaded; "rules": loadPyodide() done, wheel installed).
      if (value.onProgress) value.onProgress((event) => { marks["stage_" + event.stage] = performance.now(); });
      value.ready.then((info) => { marks.ready = performance.now(); marks.start = info && info.start; },
                       (error) => { marks.error = String(error && error.message || error); });
    },
  });
  const selector = %s;
  if (!selector) return;
  (function frame() {
    const element = document.querySelector(selector);
    if (element && !element.disabled && element.getClientRects().length) marks.usable = performance.now();
    else requestAnimationFrame(frame);
  })();
})();
"""


# For the instant user: `verdict`, the first animation frame showing the result's total (from navigation start).
_VERDICT_MARK = """
(() => {
  (function frame() {
    const shown = document.querySelector("#result [data-leave-hours]");
    if (shown && shown.getClientRects().length && window.__bench) window.__bench.verdict = performance.now();
    else requestAnimationFrame(frame);
  })();
})();
"""


# Chromium's network emulation over CDP (it covers the page's workers too): a good office or home line.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 30_000_000 / 8, "uploadThroughput": 30_000_000 / 8}


class Load:
    """Visits in one browser context (the first with an empty cache): marks and every request made
    (the workers' included). throttled: the whole context on THROTTLED's network."""

    def __init__(self, browser, usable_selector: str | None = None, throttled: bool = False,
                 watch_verdict: bool = False):
        self.context = browser.new_context(locale="zh-TW")
        self.context.add_init_script(_MARKS % json.dumps(usable_selector))
        if watch_verdict:
            self.context.add_init_script(_VERDICT_MARK)
        self._finished = []
        self.context.on("requestfinished", lambda request: self._finished.append(request))
        self.page = self.context.new_page()
        if throttled:
            cdp = self.context.new_cdp_session(self.page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", THROTTLED)

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="commit")

    def wait_offline_copy(self) -> None:
        """Until the service worker holds the checker's runtime (sw-register.js says so on <html>), so that
        the next visit is a repeat visit from that cache; a page without the offline copy goes on at once."""
        if self.page.locator("script[src$='sw-register.js']").count():
            self.wait("document.documentElement.dataset.offline === 'checker'")

    def wait(self, expression: str) -> None:
        """Polls from here: wait_for_function evaluates a string, which the pages' CSP forbids."""
        deadline = time.monotonic() + READY_TIMEOUT_MS / 1000
        while not self.page.evaluate(f"Boolean({expression})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.page.url}: still waiting for {expression}")
            time.sleep(0.05)

    def marks(self) -> dict:
        return self.page.evaluate("window.__bench")

    def requests(self) -> list[dict]:
        """URL, start (ms after navigation start), duration and body bytes of each finished request."""
        origin = self.page.evaluate("performance.timeOrigin")
        rows = []
        for request in self._finished:
            timing = request.timing
            rows.append({
                "url": request.url,
                "start_ms": round(timing["startTime"] - origin, 1) if timing["startTime"] > 0 else None,
                "end_ms": round(timing["startTime"] - origin + timing["responseEnd"], 1)
                if timing["responseEnd"] >= 0 else None,
                "bytes": request.sizes()["responseBodySize"],
                # The service worker's own fetches (the offline copy) are counted apart from the page's.
                "service_worker": request.service_worker is not None,
            })
        return rows

    def close(self) -> None:
        self.context.close()


def check_in_page(page, request_json: str) -> dict:
    """Times RulesClient.check from the call to the answer, in the page."""
    return page.evaluate(
        """async (request) => {
             const start = performance.now();
             const late = new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 60 s")), 60000));
             const response = await Promise.race([window.RulesClient.check(request), late]);
             return { ms: performance.now() - start, response };
           }""",
        request_json,
    )


# The checker's flow (issue 5): record -> about you -> check your answers -> result.
_UI_CHECK = """async () => {
  const old = document.querySelector("#result [data-leave-hours]");
  const start = performance.now();
  document.getElementById("check").click();
  await new Promise((resolve, reject) => (function frame() {
    const shown = document.querySelector("#result [data-leave-hours]");
    if (shown && shown !== old && shown.getClientRects().length) resolve();
    else if (performance.now() - start > 60000) {
      const summary = document.getElementById("error-summary");
      reject(new Error("no result after 60 s: " + (summary && !summary.hidden ? summary.textContent : "no error shown")));
    } else requestAnimationFrame(frame);
  })());
  return performance.now() - start;
}"""


def check_via_ui(page, record_text: str) -> float:
    """Pastes the record, goes through the steps with their defaults, and times the check button:
    from the click to the first frame showing the result's total (data-leave-hours)."""
    if page.locator("#step-result:not([hidden])").count():
        for button, step in (("#result-restart", "answers"), ("#answers-back", "profile"), ("#profile-back", "record")):
            page.click(button)
            page.wait_for_selector(f"#step-{step}:not([hidden])")
    # One input event with the whole text, as a paste gives (typing 500 rows key by key is not the case).
    page.evaluate("""(text) => { const area = document.getElementById("record-paste");
                     area.value = text; area.dispatchEvent(new Event("input", { bubbles: true })); }""", record_text)
    # 繼續 first reads the record and shows its rows (a new summary), and goes on once they are shown.
    summary = page.inner_text("#record-rows-summary")
    page.click("#record-continue")
    deadline = time.monotonic() + 60
    while not page.locator("#step-profile:not([hidden])").count():
        if time.monotonic() > deadline:
            raise RuntimeError("the checker did not go on from the record step")
        if page.inner_text("#record-rows-summary") != summary:
            summary = page.inner_text("#record-rows-summary")
            page.click("#record-continue")
        time.sleep(0.05)
    page.click("#profile-continue")
    page.wait_for_selector("#step-answers:not([hidden])")
    return page.evaluate(_UI_CHECK)


def instant_verdict(load) -> float:
    """An instant user (issue 22): from the navigation, uploads a 23-row record as soon as the page has wired
    its controls and presses on at once through every step (繼續, 紀錄正確，繼續, the profile's defaults, 送出檢核),
    each as soon as it can be pressed. Returns navigation start -> the first frame showing the verdict."""
    page = load.page
    page.wait_for_selector("#checker[data-ready]", state="attached")  # its controls wired (the file is read)
    page.set_input_files("#record-file", files=[{"name": "學習紀錄.txt", "mimeType": "text/plain",
                                                 "buffer": records.record_text(23).encode("utf-8")}])
    page.click("#record-continue")
    page.click("#record-confirm")
    page.click("#profile-continue")
    page.click("#check")
    load.wait("window.__bench.verdict")
    return load.marks()["verdict"]


def find_usable_selector(page) -> str:
    for selector in RECORD_INPUTS:
        if page.locator(selector).count():
            return selector
    return SPINE_STATUS


def file_for(url: str, base: str, root: Path) -> Path | None:
    """The file under root that a URL of the static server names (None for blob:, data:, other)."""
    if not url.startswith(base):
        return None
    relative = url[len(base):].split("?", 1)[0].split("#", 1)[0]
    path = root / relative
    return path / "index.html" if relative == "" or relative.endswith("/") else path
