"""Real-browser fixtures: Playwright driving Debian's chromium, axe-core from npm.

Never ``playwright install``: it downloads a browser, which this network forbids. The
system chromium (``make test`` installs it) runs headless with no background networking,
so the only requests a page makes are the site's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from helpers import ROOT, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 375)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("chromium absent : lancez `make test`, qui l'installe (paquet Debian chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def corpus_url(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site) as url:
        yield url


class Watched:
    """A page that records console errors, failed requests and requests to other hosts."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: None if r.url.startswith((base_url, "data:", "blob:"))
                else self.foreign.append(r.url))
        # A request the page itself gave up (it navigated on while a search excerpt was still
        # coming) is no missing file: only other failures and error statuses count.
        page.on("requestfailed", lambda r: self.failed.append(r.url) if r.failure != "net::ERR_ABORTED" else None)
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)


@pytest.fixture
def new_page(browser):
    """``new_page(base_url, width=1280)`` → a :class:`Watched` page in a fresh context."""
    contexts = []

    def make(base_url: str, width: int = 1280, **options) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR", **options)
        contexts.append(context)
        return Watched(context.new_page(), base_url)

    yield make
    for context in contexts:
        context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; keep the given impacts."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]
