"""The checker as a person runs it (paste, about you, check): once the rules are ready nothing goes over
the network, and no address (page, history, request) ever holds a piece of the record or the profile."""

import re
import urllib.parse


from tests.checker import flow
from tests.privacy.crawl import READY_MS

# The site's own addresses are ASCII: any CJK text in one would have come from what the person gave.
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def test_the_whole_flow_sends_nothing_and_keeps_the_record_out_of_addresses(page, context, server):
    addresses = []
    page.on("framenavigated", lambda frame: addresses.append(frame.url))
    flow.open_checker(page, server)
    flow.wait_rules(page)
    page.wait_for_selector("html[data-offline='checker']", timeout=READY_MS)  # the service worker's copy is done
    before = len(context.request_log.urls)

    flow.paste(page, None, (flow.RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
    flow.to_result(page)
    addresses += [page.url, page.evaluate("() => location.href")]
    page.wait_for_timeout(300)

    assert context.request_log.urls[before:] == []
    assert page.locator("[data-leave-hours]").count() == 1  # the flow really reached a verdict
    for address in addresses + context.request_log.urls:
        readable = urllib.parse.unquote(address)
        assert not _CJK.search(readable), address
        assert not address.startswith(server.url) or "?" not in address, address
