"""The whole flow on a phone (390x844) and a tablet (768x1024): no sideways scrolling, the record table as
one card per row, every control at least 44x44 CSS px, date and time inputs that take a value, axe clean."""

import pytest

from tests.browser.checker.flow import RECORDS, axe, errors, open_checker, paste, read_record, screenshot, step, wait_rules, wait_settled
from tests.support.viewports import PHONE, TABLET

SIZES = {"phone": PHONE, "tablet": TABLET}
TARGET = 44  # CSS px (WCAG 2.5.5's 44, above 2.2 AA's 24)

# Every control a person touches in the checker, as it is shown now; a control is its label's box too
# when the label is clicked for it (a radio or checkbox and its words are one target).
MEASURE = """(target) => {
    const seen = [...document.querySelectorAll(
        '#checker-status a, #checker button, #checker input, #checker select, #checker textarea, #checker a')];
    const small = [];
    for (const el of seen) {
        const box = el.getBoundingClientRect();
        if (!box.width || !box.height || el.closest('[hidden]')) continue;
        let width = box.width, height = box.height;
        const label = el.id && document.querySelector(`label[for="${el.id}"]`);
        if (label && (el.type === 'checkbox' || el.type === 'radio')) {
            const both = label.parentElement.getBoundingClientRect();
            width = both.width; height = both.height;
        }
        if (width < target - 0.5 || height < target - 0.5) {
            small.push(`${el.tagName.toLowerCase()}#${el.id || ''}.${el.className || ''} "${(el.textContent || el.value || '').trim().slice(0, 20)}" ${Math.round(width)}x${Math.round(height)}`);
        }
    }
    return small;
}"""


def fits(page, name, width):
    """The page as it is now: no sideways scrolling, every control big enough, no axe violation."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    small = page.evaluate(MEASURE, TARGET)
    violations = axe(page)
    screenshot(page, f"phone-{width}-{name}")
    return {"scroll": scroll <= width or scroll, "small": small, "axe": violations}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_whole_flow_fits_and_every_control_is_big_enough(browser, server, size):
    width = SIZES[size]["width"]
    context = browser.new_context(locale="zh-TW", viewport=SIZES[size],
                                  device_scale_factor=2, is_mobile=size == "phone", has_touch=True)
    page = context.new_page()
    found = {}
    try:
        open_checker(page, server)
        wait_rules(page)
        found["empty"] = fits(page, "1-empty", width)
        wait_settled(page, "#record-continue")
        found["error"] = fits(page, "1-error", width)

        paste(page, None, (RECORDS / "clipboard.txt").read_text(encoding="utf-8"))
        read_record(page)
        found["record table"] = fits(page, "1-table", width)
        page.click("#record-show-all")  # every row, each a card
        found["record table, every row"] = fits(page, "1-table-all", width)
        cards = page.eval_on_selector_all("#record-rows-body tr", """rows => rows.map(r => {
            const box = r.getBoundingClientRect();
            return {left: box.left, right: box.right, display: getComputedStyle(r).display};
        })""")
        assert cards
        found["cards"] = [c for c in cards if c["display"] != "block" or c["left"] < 0 or c["right"] > width]
        # A card's date-time input takes a value (to the minute: no seconds shown) and stays inside the screen.
        earlier = page.input_value("#row-0-start")[:10] + "T00:01"  # the same day, still before its end
        page.fill("#row-0-start", earlier)
        assert page.input_value("#row-0-start") == earlier

        wait_settled(page, "#record-continue")
        assert step(page) == "profile", errors(page)
        page.click("#category-contract")  # the label's whole row is the target
        page.click("#period-lists-title")  # the other periods, folded until asked for
        for key in ("overtime", "unpaid_leave", "days_off"):
            page.click(f"#add-{key}")
        page.fill("#p-overtime-0-start", "2025-03-12T18:00")
        page.fill("#p-overtime-0-end", "2025-03-12T21:00")
        page.fill("#p-unpaid_leave-0-start", "2025-03-20")
        page.fill("#p-unpaid_leave-0-end", "2025-03-21")
        page.fill("#p-days_off-0", "2025-03-25")
        page.fill("#p-office_hours-0-start", "08:30")
        assert [page.input_value(f"#{i}") for i in ("p-overtime-0-end", "p-days_off-0", "p-office_hours-0-start")] == \
            ["2025-03-12T21:00", "2025-03-25", "08:30"]
        found["profile"] = fits(page, "2-profile", width)

        page.click("#profile-continue")
        assert step(page) == "answers", errors(page)
        found["answers"] = fits(page, "3-answers", width)

        wait_settled(page, "#check")
        assert step(page) == "result", errors(page)
        page.fill("#who-name", "王小明")
        assert page.locator("#forms-sheets .leave-form").count() > 0
        found["result"] = fits(page, "4-result", width)
    finally:
        context.close()
    assert found.pop("cards") == []  # one card per row, inside the screen
    assert found == {name: {"scroll": True, "small": [], "axe": []} for name in found}
