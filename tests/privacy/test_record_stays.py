"""Once the rules are ready, checking a record happens on the device: no request of any kind, nothing
of the record in any URL, nothing stored, and markup in a record is data, never code."""

import json
import re

from tests.privacy.crawl import READY_MS

MARKER = "王小明MARKER7319"
HOSTILE = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
REQUEST = json.dumps({"rows": [{
    "name": f"{MARKER} 資訊安全 {HOSTILE}", "start": "2025-03-03 09:00:00", "end": "2025-03-03 11:00:00",
    "status": "通過", "upload_status": "已上傳", "credit_hours": 2, "conditions": HOSTILE,
}]}, ensure_ascii=False)


def _ready_checker(page, server):
    page.goto(server.url + "checker/")
    page.wait_for_function("() => document.getElementById('checker-status').dataset.state === 'ready'",
                           timeout=READY_MS)
    # The service worker's copy of the runtime is made once the rules are ready: let it finish first.
    page.wait_for_function("() => document.documentElement.dataset.offline === 'checker'", timeout=READY_MS)


def test_checking_a_record_sends_nothing(page, context, server):
    _ready_checker(page, server)
    before = len(context.request_log.urls)
    answer = page.evaluate("async (request) => JSON.parse(await window.RulesClient.check(request))", REQUEST)
    page.wait_for_timeout(500)  # room for anything the check might have set off

    assert isinstance(answer, dict) and answer, answer
    assert context.request_log.urls[before:] == []
    # The markup went through as data: nothing ran, nothing was loaded for it.
    assert page.evaluate("() => window.__xss") is None
    places = context.request_log.urls + [page.url, page.evaluate("() => location.href + history.length")]
    assert not [u for u in places if MARKER in u or "onerror" in u]


def test_nothing_is_stored_without_opt_in(page, server):
    _ready_checker(page, server)
    page.evaluate("async (request) => await window.RulesClient.check(request)", REQUEST)
    stored = page.evaluate("""async () => ({
        local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookies: document.cookie,
        databases: (await indexedDB.databases()).map((d) => d.name),
    })""")
    assert stored == {"local": [], "session": [], "cookies": "", "databases": []}


def test_a_10_mb_paste_is_refused_in_words_without_freezing_the_page(page, server):
    _ready_checker(page, server)
    outcome = page.evaluate("""async () => {
        const record = "<tr><td>1</td><td>課程</td></tr>".repeat(350000);  // about 10 MB
        const request = JSON.stringify({ record });
        // A heartbeat on the page's thread: the longest gap shows whether the page froze.
        let last = performance.now(), longest = 0;
        const beat = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 10);
        const answer = JSON.parse(await window.RulesClient.check(request));
        clearInterval(beat);
        return { size: record.length, answer, longest };
    }""")
    assert outcome["size"] > 10_000_000 / 3  # UTF-8: the CJK make it > 10 MB in bytes
    message = outcome["answer"]["error"]["message"]
    assert re.search(r"[\u4e00-\u9fff]", message) and "Traceback" not in message, message
    # Reading 10 MB in Python takes seconds; in the worker the page's thread only copies the text.
    assert outcome["longest"] < 1000, outcome["longest"]
