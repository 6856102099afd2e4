"""The demo in a real browser tab: it draws, it answers keys, it says "busy", it stays home."""

from __future__ import annotations

from urllib.parse import urlsplit

from hustings.serve.admission import MESSAGES, PER_IP

from .conftest import COMPARISON_SHOWN, HELP_SHOWN


def test_the_tab_draws_the_comparison_and_answers_keys(web_server, open_tab) -> None:
    server = web_server()
    tab = open_tab(server.url)
    assert tab.response.status == 200
    tab.wait_for(*COMPARISON_SHOWN)
    tab.page.wait_for_selector("body.-first-byte", timeout=10_000)  # the terminal is shown
    tab.page.click("#terminal")  # keys go to the terminal, as a visitor's would
    tab.page.keyboard.press("a")  # from the overview, the quoted side by side
    tab.wait_for("Officer numbers")
    before = tab.text
    tab.page.keyboard.press("ArrowRight")  # the first claim: Hall's, which gives no number
    tab.wait_until_changed(before)
    tab.page.keyboard.press("Enter")
    tab.wait_for("Trace this claim", "Susan Mary Hall · Officer numbers", "In the archived source")
    tab.page.keyboard.press("Escape")
    tab.wait_until_changed(tab.text)
    tab.page.keyboard.press("?")
    tab.wait_for(HELP_SHOWN)
    tab.page.close()
    line = server.wait_for_log(r"hustings\.web session ip='127\.0\.0\.1'")
    assert "agent='Mozilla" in line and "end=disconnect" in line


def test_a_fourth_tab_from_one_address_is_told_busy(web_server, open_tab) -> None:
    server = web_server("--per-ip", "3")
    tabs = [open_tab(server.url) for _ in range(3)]
    for tab in tabs:
        tab.wait_for(*COMPARISON_SHOWN)
    fourth = open_tab(server.url)
    assert fourth.response.status == 503
    assert fourth.page.locator("h1").inner_text() == "hustings is busy"
    assert fourth.page.locator("#reason").inner_text() == MESSAGES[PER_IP]
    tabs[0].page.close()  # one closed: its slot comes back, and a new tab gets the app
    server.wait_for_log(r"hustings\.web session ip='127\.0\.0\.1'.* end=disconnect")
    fifth = open_tab(server.url)
    assert fifth.response.status == 200
    fifth.wait_for(*COMPARISON_SHOWN)


def test_the_page_asks_nothing_of_any_other_host(web_server, open_tab) -> None:
    server = web_server()
    tab = open_tab(server.url)
    tab.wait_for(*COMPARISON_SHOWN)
    tab.page.wait_for_load_state("networkidle", timeout=15_000)
    hosts = {urlsplit(url).hostname for url in tab.requests}
    assert hosts == {"127.0.0.1"}, tab.requests
    assert any(url.startswith("ws://127.0.0.1") for url in tab.requests)  # the app's socket
    assert any(url.endswith(".ttf") for url in tab.requests)  # the font, from us
    policy = tab.response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert not [line for line in tab.console if "Content Security Policy" in line], tab.console
