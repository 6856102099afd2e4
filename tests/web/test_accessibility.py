"""The web demo with the tools the field uses: axe-core (from npm) run in Debian's Chromium by
Playwright, Playwright's ARIA snapshot of what a screen reader gets, and the keyboard alone."""

from __future__ import annotations

import json
import re

from ..machine import AXE, requires
from .conftest import COMPARISON_SHOWN

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags its rules.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CANDIDATES = ("Susan Mary Hall", "Sadiq Khan")  # as the ballot names them


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now, WCAG 2.2 A and AA rules only."""
    requires("axe-core")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger, not the page's CSP
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def comparison_exposed(tab) -> str:
    """Wait (bounded) until the comparison's words are in the page's accessibility tree."""
    tab.wait_for(*COMPARISON_SHOWN)
    tree = tab.page.locator(".xterm-accessibility-tree")
    for words in (*COMPARISON_SHOWN, *CANDIDATES):
        tree.get_by_text(words, exact=False).first.wait_for(state="attached", timeout=15_000)
    return tree.inner_text()


def test_the_page_passes_axe_once_the_comparison_is_drawn_and_exposed(web_server, open_tab):
    """On the first screen (the race's overview), and again with the quoted side by side."""
    server = web_server()
    tab = open_tab(server.url)
    comparison_exposed(tab)
    violations = axe_violations(tab.page)
    assert violations == [], json.dumps(violations, indent=1)
    tab.page.click("#terminal")
    tab.page.keyboard.press("a")
    tree = tab.page.locator(".xterm-accessibility-tree")
    tree.get_by_text("Officer numbers", exact=False).first.wait_for(state="attached",
                                                                     timeout=15_000)  # fmt: skip
    violations = axe_violations(tab.page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_accessibility_tree_holds_the_comparisons_text(web_server, open_tab) -> None:
    """The first screen (the race's overview), then `a` (the quoted side by side): the words of
    each are in the tree a screen reader reads."""
    server = web_server()
    tab = open_tab(server.url)
    comparison_exposed(tab)
    snapshot = tab.page.locator("body").aria_snapshot()
    for words in (*COMPARISON_SHOWN, *CANDIDATES, "13 candidates"):
        assert words in snapshot, snapshot
    assert "- main:" in snapshot and "- banner:" in snapshot  # landmarks
    assert re.search(r'- link "Accessibility statement"', snapshot), snapshot
    tab.page.click("#terminal")
    tab.page.keyboard.press("a")
    tree = tab.page.locator(".xterm-accessibility-tree")
    tree.get_by_text("Officer numbers", exact=False).first.wait_for(state="attached",
                                                                     timeout=15_000)  # fmt: skip
    snapshot = tab.page.locator("body").aria_snapshot()
    for words in ("Officer numbers", "≈1,300", *CANDIDATES):
        assert words in snapshot, snapshot


def test_the_page_says_what_it_is_in_british_english(web_server, open_tab) -> None:
    server = web_server()
    tab = open_tab(server.url)
    page = tab.page
    assert page.get_attribute("html", "lang") == "en-GB"
    assert page.title() == "hustings: compare what candidates promise"
    assert page.locator("main").count() == 1
    header = page.locator("header").inner_text()
    assert "Compare what election candidates promise" in header
    # the first screen's keys, and the layout made for screen readers (a visitor passes no option)
    assert "a sets side by side" in header and "s switches to a layout for screen readers" in header
    tab.wait_for(*COMPARISON_SHOWN)
    # xterm.js draws for screen readers; the link opener and clipboard writer get nothing.
    assert page.locator("#terminal .xterm-accessibility-tree").count() == 1
    assert page.get_attribute("#terminal", "data-refused") == "clipboard links"


def test_the_keyboard_alone_reaches_the_comparison_with_focus_in_sight(web_server, open_tab):
    """Keys typed on arrival reach the app; Shift+Tab leaves it, past the statement to the
    skip link, whose Enter comes back: the keyboard is never trapped, focus always seen."""
    server = web_server()
    tab = open_tab(server.url)
    page = tab.page
    tab.wait_for(*COMPARISON_SHOWN)
    page.wait_for_selector("body.-first-byte", timeout=10_000)
    assert page.evaluate("document.activeElement.closest('#terminal') !== null")
    assert _outline(page.locator("#terminal")) == ("solid", "3px")
    page.keyboard.press("a")  # from the overview (the first screen), the quoted side by side
    tab.wait_for("Officer numbers")
    assert "Officer numbers" in tab.text and "Officers  " not in tab.text
    page.keyboard.press("Shift+Tab")  # out: the keyboard is never trapped
    assert page.evaluate("document.activeElement.closest('#terminal') === null")
    assert page.evaluate("document.activeElement.textContent") == "Accessibility statement"
    page.keyboard.press("Shift+Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("link => link === document.activeElement")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0  # in view once focused
    assert _outline(skip) == ("solid", "3px")
    page.keyboard.press("Enter")  # and back to the terminal
    assert page.evaluate("document.activeElement.closest('#terminal') !== null")


def _outline(locator) -> tuple[str, str]:
    style = locator.evaluate("e => { const s = getComputedStyle(e); "
                             "return [s.outlineStyle, s.outlineWidth]; }")  # fmt: skip
    return style[0], style[1]


def test_the_accessibility_statement_is_served_in_the_uk_form(web_server, open_tab) -> None:
    server = web_server("--accessibility-contact", "access@example.org", "--idle-timeout", "120")
    tab = open_tab(server.url + "accessibility")
    assert tab.response.status == 200
    page = tab.page
    assert page.get_attribute("html", "lang") == "en-GB"
    headings = page.locator("h2").all_inner_texts()
    for heading in ("How accessible this demo is", "Reporting accessibility problems with this "
                    "demo", "Enforcement procedure", "Non-accessible content",
                    "Preparation of this accessibility statement"):  # fmt: skip
        assert heading in headings, headings
    text = page.locator("main").inner_text()
    assert re.search(r"last tested on \d{1,2} \w+ 20\d\d", text), text
    assert "after 2 minutes without a key press, and after 30 minutes" in text
    contact = page.get_by_role("link", name="access@example.org")
    assert contact.get_attribute("href") == "mailto:access@example.org"
    policy = tab.response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert axe_violations(page) == []


def test_the_statement_says_so_when_no_contact_is_given(web_server, open_tab) -> None:
    server = web_server()
    tab = open_tab(server.url + "accessibility")
    text = tab.page.locator("main").inner_text()
    assert "They have not given an address here" in text
