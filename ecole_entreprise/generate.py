"""The pipeline, stages 1 to 7 in order — the one entry point of the CLI, the MkDocs
bridge and the tests. Nothing here imports MkDocs.

    discover → load → validate → model → resolve → render → publish

:func:`check` runs stages 1–5 and collects every problem; :func:`generate` adds the
rendering (only when no error was found: a page is never built from broken content);
:func:`build_docs` writes the pages into the docs folder.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml
from markupsafe import Markup

from . import discover as discovery
from . import dates, parallel, registry, report, search
from . import pages as hand_written
from .exports import export_pages
from .report import dashboard
from .ical import calendar_pages
from .load import LoadError, load_file
from .model import Config, Record, Site, read_dates
from .pdf import pdf_pages
from .problems import Problems
from .publish import PublishStats, publish
from .render import Page, Renderer
from .urls import url_of
from .resolve import RESSOURCES_DIR, resolve
from .timeline import Jalon, all_jalons
from .validate import Reference, validate

DOCS_DIR = Path("build/docs")
TEMPLATES_DIR = Path("theme/templates")
ASSETS_DIR = Path("theme/assets")
SEUIL_QUIZ = 75   # % of right answers that passes a module's quiz when the module sets none
DASHBOARD_PAGE = "tableau-de-bord.md"
PDF_CSS = ASSETS_DIR / "css" / "pdf.css"
NOUVEAUTES = 8     # entries of the home page's « Quoi de neuf »
ECHEANCES = 6      # entries of its « Prochaines échéances »


@dataclass
class Result:
    site: Site
    problems: Problems
    pages: list[Page] = field(default_factory=list)
    stats: PublishStats | None = None
    analyzer: search.Analyzer | None = None

    @property
    def ok(self) -> bool:
        return not self.problems.erreurs


# --- configuration ---------------------------------------------------------------------

class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its ``!relative`` / ``!!python/name`` tags become None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(root: Path, **overrides: Any) -> Config:
    settings: dict[str, Any] = {}
    annee, erreurs = None, []
    path = root / "mkdocs.yml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        settings = yaml.load(text, Loader=_TolerantLoader) or {}
        settings = settings if isinstance(settings, dict) else {}
        annee, erreurs = _school_year(text, settings)
    config = Config(annee_scolaire=annee, erreurs=erreurs)
    # `!ENV [SITE_URL, ""]` reads as None here, as every MkDocs tag does: same rule.
    config.site_url = str(settings.get("site_url") or os.environ.get("SITE_URL", ""))
    for key, value in overrides.items():
        if value is not None:
            setattr(config, key, value)
    if overrides.get("aujourdhui") is not None and annee is None:
        config.annee_scolaire = dates.annee_scolaire_de(config.aujourdhui)
    return config


def _school_year(text: str, settings: dict[str, Any]) -> tuple[int | None, list]:
    """``extra.annee_scolaire``: an integer year, the first of the school year (2026 for
    2026-2027). Anything else is an error at its line, never a silent default."""
    extra = settings.get("extra")
    if not isinstance(extra, dict) or "annee_scolaire" not in extra:
        return None, []
    value = extra["annee_scolaire"]
    if isinstance(value, int) and not isinstance(value, bool) and dates.ANNEE_MIN <= value <= dates.ANNEE_MAX:
        return value, []
    node = _node_at(yaml.compose(text, Loader=_TolerantLoader), ("extra", "annee_scolaire"))
    written = node.value if isinstance(node, yaml.ScalarNode) else str(value)
    return None, [(node.start_mark.line + 1, node.start_mark.column + 1,
                   f"« extra.annee_scolaire » doit être une année écrite en chiffres, la première "
                   f"de l'année scolaire (par exemple 2026 pour 2026-2027), pas « {written} »")]


def _node_at(node: yaml.Node, keys: tuple[str, ...]) -> yaml.Node:
    """The node of the value at ``keys`` in a composed YAML document (found: it was read)."""
    for key in keys:
        node = next(v for k, v in node.value if getattr(k, "value", None) == key)
    return node


# --- stages 1–5 ------------------------------------------------------------------------

def check(root: Path, config: Config | None = None) -> Result:
    with _no_cycle_collection():
        return _check(Path(root), config)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Loading makes hundreds of thousands of long-lived dicts and lists and no garbage
    cycles: Python's cycle collector would walk them again and again for nothing (a check
    of 5,000 fiches: 4.7–5.4 s with it, 4.2–4.5 s without; decision 0014)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(root: Path, config: Config | None) -> Result:
    config = config or read_config(root)
    site = Site(root, config)
    problems = Problems()
    for line, col, message in config.erreurs:
        problems.erreur("mkdocs.yml", (line, col), message)
    references: dict[tuple[str, str], list[Reference]] = {}
    sources = discovery.discover(root)
    for rel in discovery.stray_yaml(root, sources):
        problems.avertissement(rel, (1, 1), "fichier ignoré : ni son dossier ni son nom ne "
                                            "correspondent à un type de contenu (extension .yml attendue)")
    tasks = [partial(_load_and_validate, sources[i:i + FILES_PER_TASK], config.annee_scolaire)
             for i in range(0, len(sources), FILES_PER_TASK)]
    outcomes = [outcome for chunk in parallel.run_all(tasks, len(sources)) for outcome in chunk]
    for source, loaded in zip(sources, outcomes):
        if isinstance(loaded, LoadError):
            problems.erreur(source.rel, loaded.position, loaded.message)
            site.unreadable.add((source.type, source.id))
            continue
        doc, findings, refs = loaded
        for finding in findings:
            problems.erreur(source.rel, finding.position, finding.message)
        record = Record(source.type, source.id, doc, valide=not findings)
        site.add(record)
        references[(record.type, record.id)] = refs
    site.pages = discovery.pages(root)
    _read_hand_written_pages(site, problems)
    read_dates(site)   # stage 4, the model: every date parsed once
    resolve(site, references, problems)
    analyzer = search.site_analyzer(site, problems)
    return Result(site, problems, analyzer=analyzer)


FILES_PER_TASK = 250


def _read_hand_written_pages(site: Site, problems: Problems) -> None:
    """content/pages/*.md, sanitized here rather than by a builder's hook (pages.py)."""
    glossary = {sigle: terme["developpe"] for sigle, terme in site.glossaire.items()}
    for path in site.pages:
        site.safe_pages[path], found = hand_written.read_page(path, glossary)
        rel = path.relative_to(site.root).as_posix()
        for problem in found:
            problems.avertissement(rel, problem.position, problem.message)


def _load_and_validate(sources: list[discovery.Source], annee_scolaire: int) -> list[Any]:
    """Stages 2 and 3 for some files: each file's document, findings and references, or
    the LoadError that says why it could not be read. Files are independent: workers
    share them out (parallel.py)."""
    done: list[Any] = []
    for source in sources:
        try:
            doc = load_file(source.path, source.rel)
        except LoadError as e:
            done.append(e)
            continue
        except OSError as e:
            done.append(LoadError((1, 1), f"fichier illisible ({e.strerror})"))
            continue
        if not isinstance(doc.data, dict):
            done.append(LoadError((1, 1), "le fichier doit contenir des champs « nom: valeur », "
                                          "pas une liste ni un texte seul"))
            continue
        findings, refs = validate(source.type, doc, annee_scolaire)
        done.append((doc, findings, refs))
    return done


# --- stage 6 ---------------------------------------------------------------------------

def generate(root: Path, config: Config | None = None, data_files: bool = True) -> Result:
    """Check, then render every page. ``data_files=False`` leaves out the files no page
    links to, which `ecole-entreprise build` makes while MkDocs builds (:func:`data_pages`)."""
    result = check(root, config)
    if result.ok:
        result.pages = render_pages(result.site)
        if data_files:
            result.pages += data_pages(result)
        if result.site.config.brouillons:   # the editors' dashboard exists only in the preview
            result.pages.append(dashboard_page(result))
    return result


def data_pages(result: Result) -> list[Page]:
    """The search index (assets/recherche/, made from the rendered pages) and the open
    data exports (donnees/). Scripts and readers fetch them, no page links to them, so
    MkDocs does not need them: they can join the built site after MkDocs has run."""
    index = search.site_index(result.site, result.pages, result.analyzer)
    renderer = Renderer(result.site, result.site.root / TEMPLATES_DIR)
    return search.index_files(index, result.site) + export_pages(result.site, renderer)


def dashboard_page(result: Result) -> Page:
    renderer = Renderer(result.site, result.site.root / TEMPLATES_DIR)
    return renderer.render("tableau-de-bord.md.j2", DASHBOARD_PAGE,
                           tableau=dashboard(result.site, result.problems), titres=report.titres())


def render_pages(site: Site) -> list[Page]:
    renderer = Renderer(site, site.root / TEMPLATES_DIR)
    renderer.compile_all()   # once, before workers are forked (parallel.py)
    tasks: list[Callable[[], list[Page]]] = []
    weight = 0
    for type_ in (t.name for t in registry.TYPES if t.page and not t.course):
        records = site.published(type_)
        weight += len(records)
        for start in range(0, len(records), RECORDS_PER_TASK):
            tasks.append(partial(_record_pages, renderer, type_, records[start:start + RECORDS_PER_TASK]))
    tasks.append(partial(_mooc_pages, renderer, site))
    tasks.append(partial(_site_pages, renderer, site))
    tasks.append(partial(calendar_pages, site))
    pages = [page for done in parallel.run_all(tasks, weight) for page in done]
    pages.extend(_assets(site.root / ASSETS_DIR))
    pages.extend(pdf_pages(site, pages, abbreviations(site), site.root / TEMPLATES_DIR, site.root / PDF_CSS))
    return pages


RECORDS_PER_TASK = 50


def _record_pages(renderer: Renderer, type_: str, records: list[Record]) -> list[Page]:
    template = registry.get(type_).template
    return [renderer.render(template, record.page, **{type_: record}) for record in records]


def _site_pages(renderer: Renderer, site: Site) -> list[Page]:
    """The glossary, the lists, the catalogue, the calendar, the search page, the
    hand-written pages."""
    pages: list[Page] = []
    glossaire = site.get("glossaire", "glossaire")
    if glossaire:
        pages.append(renderer.render("glossaire.md.j2", "glossaire.md", glossaire=glossaire))
    pages.append(renderer.render("liste-mesures.md.j2", "mesures/index.md",
                                 mesures=sorted(site.published("mesure"), key=lambda r: r["numero"])))
    pages.append(renderer.render("catalogue.md.j2", "fiches/index.md", fiches=site.published("fiche")))
    pages.append(renderer.render("liste-acteurs.md.j2", "acteurs/index.md", acteurs=site.published("acteur")))
    pages.append(renderer.render("calendrier.md.j2", "calendrier.md", jalons=all_jalons(site),
                                 fiches=site.published("fiche")))
    pages.append(renderer.render("recherche.md.j2", search.SEARCH_PAGE))
    pages.extend(_hand_written_pages(site, renderer))
    return pages


# --- the MOOC ------------------------------------------------------------------------

def _mooc_pages(renderer: Renderer, site: Site) -> list[Page]:
    """The course: parcours, modules, one page per lesson, resources, planner, attestation."""
    parcours = site.parcours
    if not site.is_published(parcours):
        return []
    modules = [m for m in (site.get("module", i) for i in parcours["modules"]) if site.is_published(m)]
    planificateur = site.get("planificateur", "planificateur")
    context = {"parcours": parcours, "modules": modules, "cours": course_outline(parcours, modules),
               "planificateur": planificateur if site.is_published(planificateur) else None}
    pages = [renderer.render("parcours.md.j2", parcours.page, **context)]
    for module in site.published("module"):
        pages.append(renderer.render("module.md.j2", module.page, module=module, seuil=quiz_seuil(module), **context))
        for lecon in module["lecons"]:
            pages.append(renderer.render("lecon.md.j2", module.lecon_page(lecon["id"]),
                                         module=module, lecon=lecon, **context))
    pages.append(renderer.render("ressources.md.j2", "mooc/ressources.md", **context))
    for fichier in sorted({r["fichier"] for m in modules for r in m.get("ressources", []) if "fichier" in r}):
        pages.extend(_resource_files(renderer, site.root / RESSOURCES_DIR / fichier, context))
    if context["planificateur"]:
        pages.append(renderer.render("planificateur.md.j2", "mooc/planificateur.md", **context))
    pages.append(renderer.render("attestation.md.j2", "mooc/attestation.md", **context))
    return pages


def quiz_seuil(module: Record) -> int:
    return module["quiz"].get("seuil", SEUIL_QUIZ)


def course_outline(parcours: Record, modules: list[Record]) -> dict[str, Any]:
    """The course as the browser scripts see it: ids (the keys of saved progress), titles,
    pass marks and URLs from the site root. Embedded as JSON in every course page."""
    return {
        "parcours": parcours.id,
        "titre": parcours.titre,
        "modules": [{
            "id": module.id,
            "titre": module.titre,
            "url": url_of(module.page),
            "seuil": quiz_seuil(module),
            "lecons": [{"id": lecon["id"], "titre": lecon["titre"], "url": url_of(module.lecon_page(lecon["id"]))}
                       for lecon in module["lecons"]],
        } for module in modules],
    }


def _resource_files(renderer: Renderer, source: Path, context: dict[str, Any]) -> list[Page]:
    """A downloadable resource. A Markdown one is published twice: as a page to read (and
    print) on the site, and as a .txt download (a .md file in docs would become a page)."""
    if source.suffix != ".md":
        return [Page(f"mooc/ressources/{source.name}", source.read_bytes())]
    text = source.read_text(encoding="utf-8")
    return [
        renderer.render("ressources-document.md.j2", f"mooc/ressources/{source.stem}.md",
                        fichier=source.stem, contenu=text, **context),
        Page(f"mooc/ressources/{source.stem}.txt", text.encode("utf-8")),
    ]


def _hand_written_pages(site: Site, renderer: Renderer) -> list[Page]:
    """The editors' pages, as pages.read_page made them safe during the check."""
    pages = []
    for path in site.pages:
        text = site.safe_pages[path]
        if path.stem == "accueil":  # the home page: the text, then what is new and what is next
            pages.append(renderer.render("accueil.md.j2", "index.md", texte=Markup(text),
                                         nouveautes=_nouveautes(site), echeances=_echeances(site),
                                         natures={t.name: t.nom for t in registry.TYPES}))
        else:
            pages.append(Page(hand_written.docs_name(path), text))
    return pages


def _nouveautes(site: Site) -> list[Record]:
    """The most recently updated records (newest first; kits and fiches before the rest)."""
    order = {t.name: t.nouveautes for t in sorted(registry.TYPES, key=lambda t: t.nouveautes or 0)
             if t.nouveautes is not None}
    records = [r for t in order for r in site.published(t) if r.get("mis_a_jour")]
    records.sort(key=lambda r: (-(r.updated.toordinal() if r.updated else 0), order[r.type], r.titre))
    return records[:NOUVEAUTES]


def _echeances(site: Site) -> list[Jalon]:
    """Dated milestones and fiche actions not over yet, soonest first."""
    today = site.config.aujourdhui
    return [j for j in all_jalons(site) if j.statut(today) != "passé"][:ECHEANCES]


def _assets(folder: Path) -> list[Page]:
    if not folder.is_dir():
        return []
    return [Page(f"assets/{p.relative_to(folder).as_posix()}", p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()]


def abbreviations(site: Site) -> str:
    """The glossary as Markdown abbreviations, appended to every page by MkDocs' snippets.

    One line per acronym: a line break in an expansion would end the definition and
    put the rest of the text into every page as Markdown. A blank line after each: the
    abbr extension takes one definition per pass over a block and hands the rest back to
    every block processor, so one block of 44 definitions cost each page 44 passes over
    it (4–5 ms a page, a third of MkDocs' Markdown time; docs/performance.md).
    """
    return "".join(f"*[{sigle}]: {' '.join(str(terme['developpe']).split())}\n\n"
                   for sigle, terme in sorted(site.glossaire.items()))


# --- stage 7 ---------------------------------------------------------------------------

def build_docs(root: Path, config: Config | None = None, out: Path | None = None,
               data_files: bool = True) -> Result:
    """Check, render and write ``build/docs`` (and ``build/abbreviations.md``)."""
    root = Path(root)
    result = generate(root, config, data_files)
    if result.ok:
        out = out or root / DOCS_DIR
        result.stats = publish(result.pages, out)
        abbr = out.parent / "abbreviations.md"
        text = abbreviations(result.site)
        if not abbr.is_file() or abbr.read_text(encoding="utf-8") != text:
            abbr.write_text(text, encoding="utf-8")
    return result

