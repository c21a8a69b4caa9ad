"""axe-core at WCAG 2.2 AA, run the same way by every browser test.

Material animates its header (the page title slides in on scroll): axe sampling colours in the middle
of a transition reports a contrast that no reader ever sees. So transitions and animations are
finished first, and new ones are switched off, as a reader who asks for reduced motion gets them.
No rule is filtered."""

from pathlib import Path

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Through DevTools, so the page's CSP (no inline scripts or styles) does not apply.
_SETTLE = """async () => {
    if (!document.getElementById('test-no-motion')) {
        const style = document.createElement('style');
        style.id = 'test-no-motion';
        style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
        document.head.append(style);
    }
    for (const animation of document.getAnimations()) {
        try { animation.finish(); } catch (e) { /* an infinite animation: cancelled below */ animation.cancel(); }
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}"""


def axe(page) -> list:
    """The page's violations as it is now, at rest: [(rule id, [first targets])]."""
    page.evaluate(_SETTLE)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    page.evaluate("() => document.getElementById('test-no-motion')?.remove()")
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
