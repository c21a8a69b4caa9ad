"""Printing: each form is one A4 page whose Chinese text comes out of the PDF; no page prints its navigation."""

import re
import subprocess

import pytest

from tests.support.site import PAGES, PLAN, load_plans

BUNDLES = load_plans()["plans"]["kaohsiung-114"]["bundles"]


def _squeeze(text: str) -> str:
    """pdftotext wraps long cells; compare without any whitespace."""
    return re.sub(r"\s+", "", text)


def _column_text(pdf, before: str, after: str, stop: str) -> str:
    """The words printed right of the column headed `before` and left of the one headed `after` (to the edge if
    there is none), below the headers and above `stop`, in reading order: a course name wrapped over two lines
    of its cell comes out whole."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # y is the middle of a word's box: CJK boxes are much taller than Latin ones on the same line.
    words = [((float(y0) + float(y1)) / 2, float(x), float(x_end), w) for x, y0, x_end, y1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>', xhtml)]
    top, left = next((y, x_end) for y, x, x_end, w in words if w == before)
    right = next((x for y, x, x_end, w in words if w == after and abs(y - top) < 7), float("inf"))
    bottom = next(y for y, x, x_end, w in words if w.startswith(stop))
    cell = sorted((y, x, w) for y, x, x_end, w in words if top + 7 < y < bottom and left < x < right)
    lines = []  # the runs of one line are within a few points of each other; lines are ~15 pt apart
    for y, x, w in cell:
        if lines and y - lines[-1][0] < 7:
            lines[-1][1].append((x, w))
        else:
            lines.append((y, [(x, w)]))
    return "".join(w for _y, line in lines for _x, w in sorted(line))


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda b: b["id"])
def test_form_prints_on_one_a4_page_with_its_text(page, base_url, tmp_path, bundle):
    page.goto(base_url + PLAN + f"forms/{bundle['id']}/")
    pdf = tmp_path / f"{bundle['id']}.pdf"
    page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2  # A4 in points
    text = _squeeze(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    for words in ["公餘時間完成數位學習補休申請表", "服務單位", "姓名", bundle["platform_title"],
                  "申請人核章", "單位主管核章", "人事單位核章", "利用公餘時間參與數位學習",
                  f"完成本府{bundle['name']}組裝課程者"]:
        assert _squeeze(words) in text, words
    names = _column_text(pdf, "編號", "時數", "★")
    assert names == "".join(_squeeze(c["name"]) for c in bundle["courses"])
    # Every row's start and end read 114 年 　月 　日 　時 　分, blank for the hand to fill in.
    times = _column_text(pdf, "時數", "★", "★")
    assert times == "114年月日時分" * 2 * len(bundle["courses"])
    assert "補休檢核" not in text  # neither the nav nor the screen-only introduction


@pytest.mark.parametrize("path", PAGES)
def test_page_prints_without_navigation(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator(".md-content .md-typeset").is_visible()
