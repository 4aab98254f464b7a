"""The XSS corpus site (tests/test_xss.py) in the real browser: no payload runs."""

from __future__ import annotations

from helpers import serve
from test_xss import SCAN, pages


def test_no_payload_runs_in_the_browser(xss_site, browser):
    site, _ = xss_site
    dialogs: list[str] = []
    with serve(site) as base:
        context = browser.new_context(locale="fr-FR")
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        checked = 0
        for rel in pages(site):
            page.goto(base + rel)
            page.wait_for_load_state("load")
            page.mouse.move(10, 10)
            for link in page.locator("main a, abbr, .md-ellipsis, .md-header__topic, .md-nav__link").all()[:300]:
                link.hover(timeout=2000, force=True) if link.is_visible() else None
            assert page.evaluate("() => window.__xss") is None, rel
            assert page.evaluate(SCAN) == [], rel
            checked += 1
        context.close()
    assert dialogs == []
    assert checked >= 15
