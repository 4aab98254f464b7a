"""Fuzzing what surrounds the records (issue 13): hand-written pages, their front matter,
and mkdocs.yml. Each document ends published as checked or refused at a line of the
file, never in a traceback (tests/fuzzing.py). Derandomized, and kept small: about
1,600 documents in a few seconds."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from fuzzing import check_page, check_settings
from test_fuzz_load import FUZZ, TOKENS

PAGE_TOKENS = TOKENS + [
    "---\n", "---\n", "...\n", "title: ", "description: ", "template: ", "hide: ", "jsonld: ", "# Titre\n",
    "--8<-- ", "-8<-", ";--8<--", '"abbreviations.md"', "</title>", "<script>alert(1)</script>", "\" onx=\"",
    "Note: ", "\x0b", "\x1b", "\ufffe", "&amp;", "*[CLEE]: ", "{: onclick=x }",
]
SETTINGS_TOKENS = TOKENS + [
    "site_name: ", "docs_dir: ", "build/docs", "site_dir: ", "extra:\n  ", "annee_scolaire: ", "2026",
    "!ENV [SITE_URL, \"\"]", "!relative ", "!!python/name:os.system", "nav:\n  - ", "theme:\n  name: ",
    "material", "hooks:\n  - ",
]
page_soup = st.lists(st.sampled_from(PAGE_TOKENS), max_size=60).map("".join)
settings_soup = st.lists(st.sampled_from(SETTINGS_TOKENS), max_size=60).map("".join)


@settings(FUZZ, max_examples=600)
@given(page_soup)
@example("---\ntitle: \"</title><script>alert(1)</script>\"\n---\n# T\n")
@example("---\ntemplate: ../../x.html\n---\n")
@example("Note: première ligne\n\n# T\n")
@example("---\n---\n--8<-- \"x\"\n")
def test_random_page_is_published_as_checked_or_refused_in_place(text):
    check_page(text.encode("utf-8"), "pages aléatoires")


@settings(FUZZ, max_examples=300)
@given(st.binary(max_size=300))
@example(b"---\ntitle: caf\xe9\n---\n")
@example(b"---\r\ntitle: a\r\n---\r\n")
@example(b"\xef\xbb\xbf---\ntitle: a\n---\n")
def test_random_page_bytes_are_published_as_checked_or_refused_in_place(raw):
    check_page(raw, "pages : octets aléatoires")


@settings(FUZZ, max_examples=300)
@given(st.dictionaries(st.sampled_from(["title", "description", "template", "hide", "x"]),
                       st.one_of(st.text(max_size=40), st.integers(), st.lists(st.text(max_size=5), max_size=2),
                                 st.none(), st.booleans()), max_size=4), st.text(max_size=60))
def test_random_front_matter_is_published_escaped_or_refused(meta, body):
    import yaml

    head = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    check_page(f"---\n{head}---\n{body}".encode("utf-8", "surrogatepass"), "en-têtes aléatoires")


@settings(FUZZ, max_examples=400)
@given(settings_soup)
@example("site_name: x\ndocs_dir: !!python/name:os.system\n")
@example("- a\n")
@example("extra: [\n")
def test_random_mkdocs_yml_is_read_or_refused_in_place(text):
    check_settings(text.encode("utf-8"), "mkdocs.yml aléatoires")
