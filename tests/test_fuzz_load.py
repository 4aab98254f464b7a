"""Fuzzing the loader: random YAML, broken bytes, deep nesting, alias bombs, duplicate keys.

Each generated document must end in a document or in a refusal at a line of the file
(tests/fuzzing.py). Hypothesis is derandomized: a CI run tries the same documents every
time, so a failure is reproducible by running the test again.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ecole_entreprise.load import MAX_BYTES, MAX_DEPTH, Document, LoadError
from fuzzing import FUZZED, check_document, load_or_explain

FUZZ = settings(derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])

# Pieces of YAML that make the scanner and the parser take every branch.
TOKENS = [
    "\n", "\n", "  ", "    ", "\t", "- ", ": ", ":", "titre", "id", "actions", "pilote", "a", "é",
    "[", "]", "{", "}", ", ", "'", '"', "&a ", "*a", "&b ", "*b", "<<: ", "!!str ", "!!int ",
    "!!binary ", "!!python/object:os.system ", "!x ", "? ", "| ", "|-\n", "> ", "# ", "---\n",
    "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\ufeff", "\\", "\\u00", "\x85", "\u2028",
    "\x07", "@", "`", "%", "null", "~", "2016-01-01", "0x1F", "1e400", ".inf", "yes", "<script>",
    "{{ x }}", "'''", "\r\n", "\r", "=", "!", "&", "*", "-1", "0o17", "1_000",
]

yaml_soup = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)
types = st.sampled_from(["mesure", "fiche", "kit", "acteur", "glossaire", "parcours", "module"])


@settings(FUZZ, max_examples=3000)
@given(yaml_soup, types)
def test_random_yaml_ends_in_a_document_or_a_placed_problem(text, type_):
    check_document(text.encode("utf-8"), type_, "YAML aléatoire")


@settings(FUZZ, max_examples=1200)
@given(st.binary(max_size=400), types)
@example(b"\xff\xfe", "fiche")
@example(b"titre: caf\xe9\n", "fiche")
@example(b"\xef\xbb\xbf", "fiche")
@example(b"\xef\xbb\xbftitre: x\n", "fiche")
@example(b"titre: a\x00b\n", "fiche")
@example(b"\n\n  \t\n", "fiche")
@example(b"", "fiche")
def test_random_bytes_end_in_a_document_or_a_placed_problem(raw, type_):
    check_document(raw, type_, "octets aléatoires")


@settings(FUZZ, max_examples=800)
@given(yaml_soup, st.binary(min_size=1, max_size=4), st.integers(min_value=0))
def test_invalid_utf8_is_refused_at_its_line(text, junk, where):
    raw = text.encode("utf-8")
    cut = where % (len(raw) + 1)
    raw = raw[:cut] + junk + raw[cut:]
    outcome = check_document(raw, "fiche", "UTF-8 invalide")
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        assert isinstance(outcome, LoadError)
        assert "UTF-8" in outcome.message
        assert outcome.position[0] == raw[: e.start].count(b"\n") + 1


OPENERS = {"flow-seq": ("[", "]"), "flow-map": ("{a: ", "}"), "block-seq": ("- ", ""),
           "explicit-key": ("? ", ""), "flow-in-block": ("- [", "]")}


@settings(FUZZ, max_examples=400)
@given(st.sampled_from(sorted(OPENERS)), st.integers(min_value=1, max_value=120_000), st.booleans())
@example("flow-seq", 100_000, False)
@example("flow-seq", 100_000, True)
@example("flow-map", 60_000, True)
@example("block-seq", 120_000, True)
def test_deep_nesting_is_refused_without_crash_or_stall(kind, depth, closed):
    opener, closer = OPENERS[kind]
    text = opener * depth + "x" + (closer * depth if closed else "")
    raw = text.encode()
    outcome = check_document(raw, "fiche", "imbrication profonde")
    levels = depth * (2 if kind == "flow-in-block" else 1)
    if len(raw) <= MAX_BYTES and levels > MAX_DEPTH + 1:
        assert isinstance(outcome, LoadError)
        assert any(word in outcome.message for word in ("imbrication", "syntaxe", "simple mot"))


@settings(FUZZ, max_examples=300)
@given(st.integers(min_value=MAX_DEPTH + 2, max_value=400))
def test_deep_block_indentation_is_refused(depth):
    text = "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "fin"
    outcome = check_document(text.encode(), "fiche", "imbrication profonde")
    assert isinstance(outcome, LoadError)
    assert "imbrication" in outcome.message


def billion_laughs(levels: int, fanout: int, kind: str) -> str:
    """The classic alias bomb: each level names the previous one ``fanout`` times."""
    if kind == "scalar":
        lines = ["a0: &a0 lol"]
    elif kind == "mapping":
        lines = ["a0: &a0 {lol: lol}"]
    else:
        lines = ["a0: &a0 [lol, lol]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fanout) + "]")
    return "\n".join(lines) + "\n"


@settings(FUZZ, max_examples=300)
@given(st.integers(min_value=2, max_value=60), st.integers(min_value=1, max_value=30),
       st.sampled_from(["scalar", "mapping", "sequence"]))
@example(30, 10, "sequence")
def test_alias_bombs_are_refused(levels, fanout, kind):
    text = billion_laughs(levels, fanout, kind)
    outcome = check_document(text.encode(), "fiche", "bombes d'alias")
    assert isinstance(outcome, LoadError)
    assert "alias" in outcome.message
    assert outcome.position[0] == 2  # the first alias


def test_alias_bomb_uses_little_memory_in_a_fresh_process():
    """10^30 laughs, refused with the memory of an empty run (a separate process measures it)."""
    FUZZED["bombes d'alias"] += 1
    script = textwrap.dedent(f"""
        import resource
        from ecole_entreprise.load import load_bytes, LoadError
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            load_bytes({billion_laughs(30, 10, "sequence").encode()!r}, "x.yml")
        except LoadError as e:
            print(e.message)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    message, grown_kib = done.stdout.strip().splitlines()
    assert "alias" in message
    assert int(grown_kib) < 20_000


def test_biggest_allowed_document_loads_within_bounded_memory():
    """The worst shape at the size limit: one flow list of short items (fresh process)."""
    FUZZED["taille limite"] += 1
    script = textwrap.dedent("""
        import resource
        from ecole_entreprise.load import load_bytes, MAX_BYTES
        raw = ("x: [" + "a," * (MAX_BYTES // 2 - 4) + "a]").encode()
        assert len(raw) <= MAX_BYTES
        doc = load_bytes(raw, "x.yml")
        print(len(doc.data["x"]), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    items, peak_kib = map(int, done.stdout.split())
    assert items > 100_000
    assert peak_kib < 400_000


@settings(FUZZ, max_examples=40)
@given(st.integers(min_value=MAX_BYTES - 64, max_value=MAX_BYTES + 64), st.sampled_from(["a", "é", "\n"]))
@example(MAX_BYTES + 1, "a")
def test_size_limit_is_exact_and_long_strings_load(size, char):
    body = char * ((size - 8) // len(char.encode()))
    raw = f"titre: {body!s}".encode() if char != "\n" else b"titre: |\n" + b"  x\n" * ((size - 9) // 4)
    outcome = check_document(raw, "fiche", "chaînes très longues")
    if len(raw) > MAX_BYTES:
        assert isinstance(outcome, LoadError) and "volumineux" in outcome.message
    else:
        assert isinstance(outcome, Document), outcome


keys = st.sampled_from(["titre", "id", "source", "k", "é", "a b", "1", "null", "true"])
# Without control characters, which are refused for themselves (test_fuzz_load has its own cases).
scalars = st.one_of(st.none(), st.booleans(), st.integers(),
                    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))


@settings(FUZZ, max_examples=800)
@given(st.lists(st.tuples(keys, scalars), min_size=1, max_size=12), st.booleans())
def test_duplicate_keys_are_refused_at_the_second(pairs, flow):
    # One line per pair (no folding of long values), so the n-th key sits on line n.
    dumped = [(yaml.safe_dump(k).removesuffix("\n...\n").strip(),
               yaml.safe_dump(v, allow_unicode=True, default_style='"', width=10**6).removesuffix("\n...\n").strip())
              for k, v in pairs]
    if flow:
        text = "{" + ", ".join(f"{k}: {v}" for k, v in dumped) + "}\n"
    else:
        text = "".join(f"{k}: {v}\n" for k, v in dumped)
    outcome = check_document(text.encode(), "fiche", "clés en double")
    names = [yaml.safe_load(k) for k, _ in dumped]
    as_keys = [str(n) if not isinstance(n, str) else n for n in names]
    first_repeat = next((i for i, k in enumerate(as_keys) if k in as_keys[:i]), None)
    if first_repeat is None:
        assert isinstance(outcome, Document), outcome
    else:
        assert isinstance(outcome, LoadError)
        assert "en double" in outcome.message
        if not flow:
            assert outcome.position[0] == first_repeat + 1


ROOTS = st.one_of(
    st.just(""), st.just("   \n\t\n"), st.just("# rien\n"), st.just("---\n"), st.just("---\n...\n"),
    st.just("~"), st.just("null"), scalars.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.lists(scalars, max_size=5).map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.just("- a\n- b\n"), st.just("[1, 2]"), st.just("'texte'"), st.just("!!binary aGVsbG8="),
    st.just("--- a\n--- b\n"), st.just("a: 1\n---\nb: 2\n"),
)


@settings(FUZZ, max_examples=300)
@given(ROOTS, types)
def test_empty_files_and_roots_that_are_not_mappings(text, type_):
    outcome = check_document(text.encode(), type_, "racines non-dictionnaire et fichiers vides")
    assert isinstance(outcome, LoadError) or not isinstance(outcome.data, dict)


def test_tab_indentation_is_explained_at_its_line():
    FUZZED["tabulations"] += 1
    outcome = load_or_explain(b"titre: x\nperimetre:\n\tniveau: bassin\n")
    assert isinstance(outcome, LoadError)
    assert "tabulation" in outcome.message
    assert outcome.position[0] == 3


def test_nothing_is_constructed_from_python_tags():
    FUZZED["étiquettes Python"] += 1
    outcome = load_or_explain(b"titre: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    assert isinstance(outcome, LoadError)
    assert "étiquette" in outcome.message



def test_positions_count_only_the_line_breaks_editors_count():
    """U+2028 and U+0085 sit inside a line in an editor; libyaml would start a new one."""
    FUZZED["fins de ligne"] += 1
    raw = "titre: a\u2028  b\u0085  c\nid: x\r\nsource: y\rmis_a_jour: z\n".encode()
    doc = load_or_explain(raw)
    assert isinstance(doc, Document)
    assert doc.keys[("id",)] == (2, 1)
    assert doc.keys[("source",)] == (3, 1)
    assert doc.keys[("mis_a_jour",)] == (4, 1)


def test_an_alias_is_reported_where_it_is_written():
    FUZZED["bombes d'alias"] += 1
    outcome = load_or_explain(b"objectifs:\n  - &a un\n  - deux\n  - *a\n")
    assert isinstance(outcome, LoadError)
    assert outcome.position == (4, 5)
