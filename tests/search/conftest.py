"""The search tests reuse the browser fixtures (Debian's chromium, built sites)."""

from browser.conftest import browser, corpus_url, fixture_url, new_page  # noqa: F401
