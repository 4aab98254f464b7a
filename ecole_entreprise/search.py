"""Site search: the French analysis, the index the browser queries, the offline query.

One engine for the site (docs/decisions/0006-search-engine.md says why it is this one).
The same analysis runs at index time (here) and at query time (here for
``ecole-entreprise search``, and in ``theme/assets/js/search-engine.js`` in the browser):

1. fold: lower case, œ→oe, æ→ae, accents stripped — *before* stemming, because Snowball
   stems « signée » and « signee » differently;
2. split words on anything that is not a letter or a digit, so elisions (l', d', qu',
   jusqu'…) come apart from their word, then drop stop words and elided particles;
3. stem with Snowball's French stemmer (``snowballstemmer`` 2.2.0 here, lunr-languages'
   port in the browser: identical stems, checked by tests/search/test_analysis.py);
4. expressions: a glossary acronym and its expansion, and the synonym groups of
   ``data/synonymes.yml``, each add one shared token wherever any of their phrases
   occurs, so « CLEE » finds « comité local école-entreprise » and back.

The index is cut into files so that a first query fetches a few small ones, whatever the
size of the site: a manifest (analysis tables, the first term of each term file),
term files (terms in sorted order → postings) and document files (URL and title of 50
documents each). Postings hold, per document, a weight already normalised by the page's
length (BM25), so scoring in the browser is a sum of products.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import snowballstemmer
import yaml

from .load import LoadError, load_file
from .model import Site
from .problems import Problems
from .render import Page, url_of
from .schemas import libelles

INDEX_DIR = "assets/recherche"
SYNONYMS_FILE = Path("data/synonymes.yml")
SEARCH_PAGE = "recherche.md"

# lunr-languages' French stop words (lunr.fr.js), folded below. « été » stays searchable:
# folded, the participle and the season are one word, and the season matters in a calendar.
_LUNR_FR_STOP_WORDS = (
    "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions "
    "aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce "
    "ceci celà ces cet cette d dans de des du elle en es est et eu eue eues eurent eus eusse "
    "eussent eusses eussiez eussions eut eux eûmes eût eûtes furent fus fusse fussent fusses "
    "fussiez fussions fut fûmes fût fûtes ici il ils j je l la le les leur leurs lui m ma mais "
    "me mes moi mon même n ne nos notre nous on ont ou par pas pour qu que quel quelle quelles "
    "quels qui s sa sans se sera serai seraient serais serait seras serez seriez serions serons "
    "seront ses soi soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton "
    "tu un une vos votre vous y à étaient étais était étant étiez étions étée étées étés êtes"
)
# Elided particles longer than one letter (the one-letter ones are in the list above).
_ELISIONS = "qu jusqu lorsqu puisqu quoiqu presqu"

_WORD = re.compile(r"[a-z0-9]+")
# « M@gistère »: an @ between letters stands for an « a » (and is typed without it).
_AT_IN_WORD = re.compile(r"(?<=[a-z])@(?=[a-z])")

# Ranking constants, mirrored in search-engine.js.
K1, B = 1.2, 0.75               # BM25
TITLE_BONUS = 2.0               # a query word in the page's title
TITLE_MATCH = 1.5               # every query word in the title: the score is multiplied by this
ALL_WORDS_MIN = 5               # pages having every query word that make the others go
WEIGHT_SCALE = 10               # postings store round(weight × scale) as small integers
PREFIX_WEIGHT = 0.6             # a word matched as the start of a longer term (typing)
FUZZY_WEIGHT = 0.4              # one letter off, or a truncated word
MIN_PREFIX = 3                  # shorter words are not expanded as prefixes
MIN_FUZZY = 4
MAX_EXPANSIONS = 200            # terms one word may expand to (prefixes, typos)

TERMS_PER_FILE_BYTES = 24_000   # target size of a term file (uncompressed JSON)
DOCS_PER_FILE = 50

# Pages that only list other pages: found by their title, not by the titles they list
# (the catalogue would otherwise answer every query before the fiche itself).
LIST_PAGES = {"fiches/index.md", "mesures/index.md", "acteurs/index.md", "calendrier.md", SEARCH_PAGE,
              "glossaire.md"}   # the glossary's entries are documents of their own
EXCERPT_CHARS = 6000            # text kept per document for the excerpts of the results

# The kind of page a result is, shown beside it and offered as a filter (code → label).
TYPES = {"fiche": "Fiche action", "lecon": "Leçon du MOOC", "module": "Module du MOOC", "mesure": "Mesure",
         "acteur": "Interlocuteur", "glossaire": "Glossaire", "kit": "Kit", "mooc": "MOOC",
         "ressource": "Ressource du MOOC", "page": "Page"}
RESOURCES = "mooc/ressources/"

# Facets offered on the search page, and read by the catalogue: record field → label.
FACETS = {"types_action": "Type d'action", "niveaux": "Niveau", "beneficiaires": "Public"}


def fold(text: str) -> str:
    """Lower case, ligatures spelt out, accents stripped: « Œuvre Élève » → « oeuvre eleve »."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


STOP_WORDS = frozenset(fold(w) for w in (_LUNR_FR_STOP_WORDS + " " + _ELISIONS).split())
_STEMMER = snowballstemmer.stemmer("french")


def words(text: str) -> list[str]:
    """Folded words, elisions split off (« l'élève » → « l », « eleve »), an @ inside a
    word read as the « a » it stands for (« M@gistère » → « magistere »)."""
    return _WORD.findall(_AT_IN_WORD.sub("a", fold(text)))


@lru_cache(maxsize=None)   # a site has tens of thousands of distinct words, each stemmed once
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


# --- analysis --------------------------------------------------------------------------

@dataclass
class Analyzer:
    """Folding, stop words, stemming and expressions: one configuration, both sides."""

    stop_words: frozenset[str] = STOP_WORDS
    expressions: dict[tuple[str, ...], str] = field(default_factory=dict)   # stems → shared token

    @classmethod
    def for_site(cls, glossary: dict[str, str], synonym_groups: list[list[str]]) -> "Analyzer":
        """Acronyms stay words even when they spell a stop word (CET, the adviser, not « cet »)."""
        sigles = {w for sigle in glossary for w in words(sigle)}
        analyzer = cls(stop_words=frozenset(STOP_WORDS - sigles))
        groups = [[sigle, developpe] for sigle, developpe in glossary.items()] + synonym_groups
        for group in groups:
            phrases = [tuple(analyzer.stems(p)) for p in group]
            phrases = [p for p in phrases if p]
            if len(phrases) < 2:
                continue
            token = "~" + "_".join(phrases[0])
            for phrase in phrases:
                analyzer.expressions.setdefault(phrase, token)
        return analyzer

    def stems(self, text: str) -> list[str]:
        return [stem(w) for w in words(text) if w not in self.stop_words]

    def expression_tokens(self, stems: list[str]) -> list[tuple[str, int, int]]:
        """Every expression found in a stem sequence: (shared token, first, last index),
        by start then length — the order search-engine.js finds them in."""
        by_first = self._by_first_stem()
        found = []
        for start, first in enumerate(stems):
            for phrase, token in by_first.get(first, ()):
                if tuple(stems[start:start + len(phrase)]) == phrase:
                    found.append((token, start, start + len(phrase) - 1))
        return found

    def _by_first_stem(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Expressions grouped by their first stem, shortest first (only those are tried)."""
        if getattr(self, "_index_size", None) != len(self.expressions):
            grouped: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
            for phrase, token in sorted(self.expressions.items(), key=lambda item: len(item[0])):
                grouped[phrase[0]].append((phrase, token))
            self._grouped, self._index_size = dict(grouped), len(self.expressions)
        return self._grouped

    def index_terms(self, text: str) -> Counter:
        stems = self.stems(text)
        terms = Counter(stems)
        terms.update(token for token, _, _ in self.expression_tokens(stems))
        return terms

    def as_json(self) -> dict[str, Any]:
        return {"mots_vides": sorted(self.stop_words),
                "expressions": [[list(p), t] for p, t in sorted(self.expressions.items())]}


# --- documents -------------------------------------------------------------------------

@dataclass
class Document:
    page: str          # docs path, e.g. fiches/visite-entreprise.md
    url: str           # site URL relative to the root, e.g. fiches/visite-entreprise/
    titre: str
    texte: str         # what is searched besides the title
    facettes: dict[str, list[str]] = field(default_factory=dict)
    type: str = "page"  # a key of TYPES
    extrait: str = ""   # the text the excerpts are cut from (list pages: their own text)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# libyaml when present: the pure-Python loader took 6 ms a page, half the cost of indexing
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MARKUP = [
    (re.compile(r"<script\b.*?</script>", re.S | re.I), " "),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"&#?[0-9a-zA-Z]+;"), lambda m: html.unescape(m.group(0))),   # before « # » goes
    (re.compile(r"^\*\[[^\]]*\]:.*$", re.M), " "),        # abbreviation definitions
    (re.compile(r"\{:?\s*[.#][^}]*\}|\{:[^}]*\}"), " "),       # attribute lists ({: …}, { .md-button })
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),       # links and images: keep the text
    (re.compile(r"^!!!.*$", re.M), " "),                   # admonition markers
    (re.compile(r"[*_`#>|\\]"), " "),
]


def page_text(markdown: str) -> tuple[str, str, bool]:
    """(title, plain text, excluded) of a generated Markdown page.

    A page whose front matter says ``search: {exclude: true}`` (mkdocs-material's
    convention, which templates already use) stays out of the index.
    """
    title, excluded = "", False
    match = _FRONT_MATTER.match(markdown)
    if match:
        meta = yaml.load(match.group(1), Loader=_YAML_LOADER) or {}
        if isinstance(meta, dict):
            title = str(meta.get("title") or "")
            excluded = isinstance(meta.get("search"), dict) and meta["search"].get("exclude") is True
        markdown = markdown[match.end():]
    if not title:
        heading = re.search(r"^# (.+)$", markdown, re.M)
        title = heading.group(1).strip() if heading else ""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return html.unescape(title.replace("\\", "")), html.unescape(markdown), excluded


def documents(site: Site, pages: Iterable[Page]) -> list[Document]:
    """The searchable pages, fiches first (the catalogue maps document numbers to fiche
    ids), then one document per glossary entry."""
    fiches = {r.page: r for r in site.published("fiche")}
    types = page_types(site)
    docs = []
    for page in pages:
        if not page.path.endswith(".md") or not isinstance(page.content, str):
            continue
        titre, texte, excluded = page_text(page.content)
        if excluded:
            continue
        extrait = texte
        if page.path in LIST_PAGES:
            texte = ""
        record = fiches.get(page.path)
        facettes = {f: list(record.get(f, [])) for f in FACETS} if record else {}
        kind = types.get(page.path, "ressource" if page.path.startswith(RESOURCES) else "page")
        docs.append(Document(page.path, url_of(page.path), titre or page.path, texte, facettes,
                             kind, _excerpt_text(extrait)))
    docs += glossary_documents(site)
    docs.sort(key=lambda d: (d.page not in fiches, d.page))
    return docs


def page_types(site: Site) -> dict[str, str]:
    """Docs path → type of result, from the records that make the pages."""
    kinds = {"fiche": "fiche", "mesure": "mesure", "acteur": "acteur", "kit": "kit", "parcours": "mooc",
             "module": "module"}
    types: dict[str, str] = {}
    for type_, kind in kinds.items():
        for record in site.published(type_):
            if record.page:
                types[record.page] = kind
            if type_ == "module":
                for lecon in record.get("lecons", []):
                    types[record.lecon_page(lecon["id"])] = "lecon"
    return types


def glossary_documents(site: Site) -> list[Document]:
    """One result per acronym, pointing at its entry of the glossary page."""
    docs = []
    for sigle, terme in sorted(site.glossaire.items()):
        developpe = " ".join(str(terme.get("developpe", "")).split())   # the sources do not expand every acronym
        definition = _plain(str(terme.get("definition", "")))
        texte = " ".join(part for part in (f"{developpe}." if developpe else "", definition) if part)
        docs.append(Document(f"glossaire.md#{sigle.lower()}", f"glossaire/#{sigle.lower()}",
                             f"{sigle} : {developpe}" if developpe else sigle, texte, type="glossaire", extrait=texte))
    return docs


def _plain(markdown: str) -> str:
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return " ".join(html.unescape(markdown).split())


def _excerpt_text(text: str) -> str:
    return " ".join(text.split())[:EXCERPT_CHARS]


# --- index -----------------------------------------------------------------------------

@dataclass
class Index:
    analyzer: Analyzer
    docs: list[Document]
    postings: dict[str, list[tuple[int, int]]]     # term → [(doc number, weight)], by doc
    nombre_fiches: int = 0

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        n = len(self.docs)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _average(values: list[int]) -> float:
    return (sum(values) / len(values)) if values and sum(values) else 1.0


def build_index(docs: list[Document], analyzer: Analyzer, nombre_fiches: int = 0) -> Index:
    bodies = [analyzer.index_terms(d.texte) for d in docs]
    titles = [analyzer.index_terms(d.titre) for d in docs]
    lengths = [sum(b.values()) for b in bodies]
    title_lengths = [sum(t.values()) for t in titles]
    average = _average(lengths)
    average_title = _average(title_lengths)
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, (body, title) in enumerate(zip(bodies, titles)):
        norm = K1 * (1 - B + B * lengths[number] / average)
        # the title is a field of its own, normalised by its length too: a word weighs
        # more in a short title that is about it than in a long one that mentions it
        title_norm = K1 * (1 - B + B * title_lengths[number] / average_title)
        for term in body.keys() | title.keys():
            tf, tf_title = body.get(term, 0), title.get(term, 0)
            weight = tf * (K1 + 1) / (tf + norm) + TITLE_BONUS * tf_title * (K1 + 1) / (tf_title + title_norm)
            # the lowest bit says « this term is in the title » (no second list to fetch)
            postings[term].append((number, 2 * max(1, round(weight * WEIGHT_SCALE)) + (tf_title > 0)))
        for facet, values in docs[number].facettes.items():
            for value in values:
                postings[f"@{facet}={value}"].append((number, 2))
    return Index(analyzer, docs, dict(postings), nombre_fiches)


# --- query (the browser's search-engine.js does the same, step by step) ---------------

@dataclass
class Hit:
    doc: Document
    score: float


def edit_distance_one(a: str, b: str) -> bool:
    """True when b is a one-letter typo of a: one letter replaced, added, dropped or swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def word_candidates(word: str, stemmed: str, terms: list[str]) -> list[tuple[str, float]]:
    """Terms a query word matches, with their weight: exact stem, prefixes, then typos.

    ``terms`` is the sorted vocabulary (in the browser: the loaded term files, which
    cover the same ranges). Typing tolerance only applies when nothing else matched.
    """
    vocabulary = set(terms)
    found: dict[str, float] = {}
    if stemmed in vocabulary:
        found[stemmed] = 1.0
    if len(word) >= MIN_PREFIX:
        for prefix in sorted({stemmed, word}):
            for term in _with_prefix(terms, prefix):
                found.setdefault(term, PREFIX_WEIGHT)
    if not found and len(word) >= MIN_FUZZY:
        # one letter off; failing that, a word typed further than its stem (« evaluat » for « evalu »)
        for term in _in_range(terms, word[:2]):
            if len(found) >= MAX_EXPANSIONS:
                break
            if edit_distance_one(word, term) or edit_distance_one(stemmed, term):
                found.setdefault(term, FUZZY_WEIGHT)
        for cut in range(len(word) - 1, MIN_FUZZY - 1, -1):
            if found:
                break
            if word[:cut] in vocabulary:
                found[word[:cut]] = FUZZY_WEIGHT
    return sorted(found.items())[:MAX_EXPANSIONS]


def _with_prefix(terms: list[str], prefix: str) -> list[str]:
    return _in_range(terms, prefix)[:MAX_EXPANSIONS]


def _in_range(terms: list[str], prefix: str) -> list[str]:
    """Words of the sorted vocabulary that start with ``prefix`` (expression and facet terms left out)."""
    start = bisect.bisect_left(terms, prefix)
    end = bisect.bisect_left(terms, prefix + "\x7f")
    return [t for t in terms[start:end] if not t.startswith(("~", "@"))]


def query(index: Index, text: str, filtres: dict[str, list[str]] | None = None,
          limit: int | None = 10) -> list[Hit]:
    analyzer = index.analyzer
    query_words = [w for w in words(text) if w not in analyzer.stop_words]
    if not query_words:
        return []
    stems = [stem(w) for w in query_words]
    terms = sorted(index.postings)
    # per word: {doc: best score}
    best: list[dict[int, float]] = [defaultdict(float) for _ in query_words]
    in_title: list[set[int]] = [set() for _ in query_words]

    def credit(i: int, term: str, weight: float) -> None:
        idf = index.idf(term)
        for doc, w in index.postings.get(term, ()):
            score = weight * idf * (w >> 1) / WEIGHT_SCALE
            if score > best[i][doc]:
                best[i][doc] = score
            if w & 1:
                in_title[i].add(doc)

    for i, (word, stemmed) in enumerate(zip(query_words, stems)):
        for term, weight in word_candidates(word, stemmed, terms):
            credit(i, term, weight)
    for token, first, last in analyzer.expression_tokens(stems):
        for i in range(first, last + 1):
            credit(i, token, 1.0)
    allowed = _filtered(index, filtres)
    scores: dict[int, float] = defaultdict(float)
    matched: Counter = Counter()
    for per_doc in best:
        for doc, score in per_doc.items():
            scores[doc] += score
            matched[doc] += 1
    n = len(query_words)
    # Several words: only the pages that have them all, when there are enough of them to
    # fill a first screen (« stage 3e »); otherwise the partial matches follow them.
    needed = n if sum(1 for m in matched.values() if m == n) >= ALL_WORDS_MIN else 0
    titled: Counter = Counter(d for docs in in_title for d in docs)
    ranked = sorted(((s * (matched[d] / n) ** 2 * (TITLE_MATCH if titled[d] == n else 1), d)
                     for d, s in scores.items()
                     if (allowed is None or d in allowed) and matched[d] >= needed), key=lambda x: (-x[0], x[1]))
    return [Hit(index.docs[d], s) for s, d in ranked[:limit]]


def _filtered(index: Index, filtres: dict[str, list[str]] | None) -> set[int] | None:
    """Documents that pass every facet (any of the values chosen within one facet)."""
    allowed = None
    for facet, values in (filtres or {}).items():
        if not values:
            continue
        docs = {d for v in values for d, _ in index.postings.get(f"@{facet}={v}", ())}
        allowed = docs if allowed is None else allowed & docs
    return allowed


# --- files for the browser -------------------------------------------------------------

def index_files(index: Index, site: Site) -> list[Page]:
    """The manifest, term files and document files, under assets/recherche/."""
    term_files = _term_files(index)
    doc_files = [[[d.url, d.titre] for d in index.docs[i:i + DOCS_PER_FILE]]
                 for i in range(0, len(index.docs), DOCS_PER_FILE)]
    excerpts = [_dump(d.extrait) for d in index.docs]
    contents = [_dump({"termes": chunk}) for chunk in term_files]
    contents += [_dump(chunk) for chunk in doc_files]
    fiches = [d.page[len("fiches/"):-len(".md")] for d in index.docs[:index.nombre_fiches]]
    contents.append(_dump(fiches))
    version = hashlib.sha256("".join(contents + excerpts).encode()).hexdigest()[:12]
    manifest = {
        "version": version,
        "documents": len(index.docs),
        "documents_par_fichier": DOCS_PER_FILE,
        "fichiers_termes": [next(iter(chunk)) for chunk in term_files],
        "analyse": index.analyzer.as_json(),
        "classement": {"k1": K1, "b": B, "bonus_titre": TITLE_BONUS, "echelle": WEIGHT_SCALE,
                       "prefixe": PREFIX_WEIGHT, "approche": FUZZY_WEIGHT, "prefixe_min": MIN_PREFIX,
                       "approche_min": MIN_FUZZY, "expansions_max": MAX_EXPANSIONS,
                       "titre_complet": TITLE_MATCH, "tous_les_mots": ALL_WORDS_MIN},
        "facettes": _facets(site, index),
        "types": TYPES,
        "types_documents": _runs([d.type for d in index.docs]),
    }
    pages = [Page(f"{INDEX_DIR}/index.json", _dump(manifest))]
    pages += [Page(f"{INDEX_DIR}/termes-{i:04d}.json", c) for i, c in enumerate(contents[:len(term_files)])]
    pages += [Page(f"{INDEX_DIR}/documents-{i:04d}.json", c)
              for i, c in enumerate(contents[len(term_files):-1])]
    pages.append(Page(f"{INDEX_DIR}/fiches.json", contents[-1]))
    pages += [Page(f"{INDEX_DIR}/textes/{i:05d}.json", c) for i, c in enumerate(excerpts)]
    return pages


def _runs(values: list[str]) -> list[list[Any]]:
    """[[value, count], …]: documents come in runs of one type (fiches first, then by path)."""
    runs: list[list[Any]] = []
    for value in values:
        if runs and runs[-1][0] == value:
            runs[-1][1] += 1
        else:
            runs.append([value, 1])
    return runs


def _term_files(index: Index) -> list[dict[str, list[int]]]:
    """Sorted terms cut into files of about TERMS_PER_FILE_BYTES; postings as deltas."""
    files: list[dict[str, list[int]]] = []
    current: dict[str, list[int]] = {}
    size = 0
    for term in sorted(index.postings):
        flat: list[int] = []
        previous = 0
        for doc, weight in index.postings[term]:
            flat += [doc - previous, weight]
            previous = doc
        entry = len(term) + 6 + sum(len(str(x)) + 1 for x in flat)
        if current and size + entry > TERMS_PER_FILE_BYTES:
            files.append(current)
            current, size = {}, 0
        current[term] = flat
        size += entry
    if current:
        files.append(current)
    return files


def _facets(site: Site, index: Index) -> list[dict[str, Any]]:
    present = {t for t in index.postings if t.startswith("@")}
    facets = []
    for field_name, label in FACETS.items():
        names = libelles("fiche", field_name)
        values = [{"valeur": v, "libelle": names.get(v, v)} for v in names
                  if f"@{field_name}={v}" in present]
        if values:
            facets.append({"champ": field_name, "libelle": label, "valeurs": values})
    return facets


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- entry points for generate.py and the CLI ------------------------------------------

def read_synonyms(root: Path, problems: Problems) -> list[list[str]]:
    """Synonym groups of ``data/synonymes.yml`` (a missing file means none); problems reported."""
    path = root / SYNONYMS_FILE
    rel = SYNONYMS_FILE.as_posix()
    if not path.is_file():
        return []
    try:
        doc = load_file(path, rel)
    except LoadError as e:
        problems.erreur(rel, e.position, e.message)
        return []
    groups = doc.data.get("synonymes") if isinstance(doc.data, dict) else None
    if not isinstance(groups, list):
        problems.erreur(rel, doc.position(()), "champ « synonymes » attendu : une liste de groupes "
                                               "(chaque groupe, une liste d'expressions équivalentes)")
        return []
    valid = []
    for i, group in enumerate(groups):
        if not (isinstance(group, list) and len(group) >= 2 and all(isinstance(p, str) and p.strip() for p in group)):
            problems.erreur(rel, doc.position(("synonymes", i)),
                            f"groupe {i + 1} : au moins deux expressions (textes non vides) attendues")
            continue
        valid.append(group)
    return valid


def site_analyzer(site: Site, problems: Problems) -> Analyzer:
    glossary = site.expansions
    return Analyzer.for_site(glossary, read_synonyms(site.root, problems))


def site_index(site: Site, pages: list[Page], analyzer: Analyzer) -> Index:
    docs = documents(site, pages)
    return build_index(docs, analyzer, nombre_fiches=len(site.published("fiche")))
