"""The pipeline, stages 1 to 7 in order — the one entry point of the CLI, the MkDocs
bridge and the tests. Nothing here imports MkDocs.

    discover → load → validate → model → resolve → render → publish

:func:`check` runs stages 1–5 and collects every problem; :func:`generate` adds the
rendering (only when no error was found: a page is never built from broken content);
:func:`build_docs` writes the pages into the docs folder.
"""

from __future__ import annotations

import gc
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from markupsafe import Markup

from . import agenda, fil
from . import discover as discovery
from . import cms, dates, documents, parallel, plan, registry, report, scorm, search
from . import pages as hand_written
from .exports import export_pages
from .report import dashboard
from .ical import HISTORY_ICS, calendar_pages
from .load import LoadError, load_file
from .frontmatter import read_page
from .model import Config, Record, Site, read_dates
from .outputs import check_addresses
from .pdf import pdf_pages
from .problems import Problems
from .publish import PublishStats, publish
from .render import Page, Renderer
from .urls import url_of
from .resolve import RESSOURCES_DIR, resolve
from .settings import FILE as SETTINGS_FILE, Settings, read_settings
from .timeline import Jalon
from .validate import Finding, Reference, validate

DOCS_DIR = Path("build/docs")
PREVIEW_DOCS_DIR = Path("build/apercu/docs")   # serve's own: a build never reads the preview's drafts
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

def read_config(root: Path, **overrides: Any) -> Config:
    settings = read_settings(root)
    annee, erreurs = _school_year(settings)
    config = Config(annee_scolaire=annee, problemes=settings.problems + erreurs)
    # `!ENV [SITE_URL, ""]` reads as null here, as every MkDocs tag does: same rule.
    site_url = settings.data.get("site_url")
    config.site_url = site_url if isinstance(site_url, str) and site_url else os.environ.get("SITE_URL", "")
    extra = settings.data.get("extra")
    if isinstance(extra, dict) and extra.get("identite") is not None:
        config.identite = str(extra["identite"])
    config.nav = _nav_pages(settings.data.get("nav"))
    for key, value in overrides.items():
        if value is not None:
            setattr(config, key, value)
    if overrides.get("aujourdhui") is not None and annee is None:
        config.annee_scolaire = dates.annee_scolaire_de(config.aujourdhui)
    return config


def _school_year(settings: Settings) -> tuple[int | None, list]:
    """``extra.annee_scolaire``: an integer year, the first of the school year (2026 for
    2026-2027). Anything else is an error at its line, never a silent default."""
    extra = settings.data.get("extra")
    if not isinstance(extra, dict) or "annee_scolaire" not in extra:
        return None, []
    value = extra["annee_scolaire"]
    if isinstance(value, int) and not isinstance(value, bool) and dates.ANNEE_MIN <= value <= dates.ANNEE_MAX:
        return value, []
    position = settings.document.position(("extra", "annee_scolaire")) if settings.document else (1, 1)
    written = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return None, [("erreur", position,
                   f"« extra.annee_scolaire » doit être une année écrite en chiffres, la première "
                   f"de l'année scolaire (par exemple 2026 pour 2026-2027), pas « {written} »")]


def _nav_pages(nav: Any) -> list[tuple[str, str]]:
    """mkdocs.yml's ``nav`` as (title, docs path), sections flattened in menu order."""
    found: list[tuple[str, str]] = []
    for item in nav if isinstance(nav, list) else []:
        for title, value in (item.items() if isinstance(item, dict) else []):
            if isinstance(value, str) and value.endswith(".md"):
                found.append((str(title), value))
            elif isinstance(value, list):
                found.extend(_nav_pages(value))
    return found


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
    references: dict[tuple[str, str], list[Reference]] = {}
    for niveau, position, message in config.problemes:
        problems.add(niveau, SETTINGS_FILE, position, message)
    sources = discovery.discover(root)
    for rel in discovery.stray_yaml(root, sources):
        problems.avertissement(rel, (1, 1), "fichier ignoré : ni son dossier ni son nom ne "
                                            "correspondent à un type de contenu (extension .yml attendue)")
    tasks = [partial(_load_and_validate, sources[i:i + FILES_PER_TASK], config.annee_scolaire)
             for i in range(0, len(sources), FILES_PER_TASK)]
    outcomes = [outcome for chunk in parallel.run_all(tasks, len(sources)) for outcome in chunk]
    for rel, what in discovery.missing(root):
        problems.erreur(rel, (1, 1), f"fichier obligatoire manquant : {what} ; le site ne peut pas être construit sans lui")
    for rel, refus in discovery.refused_files(root):
        problems.erreur(rel, (1, 1), refus)
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
    for path in site.pages:   # hand-written pages: read and checked once, published as checked and sanitized
        rel = path.relative_to(root).as_posix()
        try:
            page, findings = read_page(path, rel)
        except OSError as e:
            page, findings = None, [Finding((1, 1), f"fichier illisible ({e.strerror})")]
        for finding in findings:
            problems.erreur(rel, finding.position, finding.message)
        if page is not None:
            site.safe_pages[path], removed = hand_written.safe_page(page, site.expansions)
            for problem in removed:
                problems.avertissement(rel, problem.position, problem.message)
    read_dates(site)   # stage 4, the model: every date parsed once
    if config.identite not in IDENTITES:
        problems.erreur("mkdocs.yml", _config_position(root, "identite"),
                        f"extra.identite : « {config.identite} » n'est pas une identité du site ; "
                        "valeurs possibles : etat (marques de l'État, DSFR) ou neutre (aucune)")
    resolve(site, references, problems)
    check_addresses(site, problems)
    analyzer = search.site_analyzer(site, problems)
    return Result(site, problems, analyzer=analyzer)


FILES_PER_TASK = 250


def _config_position(root: Path, key: str) -> tuple[int, int]:
    """Line and column of ``key:`` in mkdocs.yml (read as text: the file is MkDocs')."""
    try:
        lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    except OSError:
        return (1, 1)
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith(f"{key}:"):
            return (number, len(line) - len(line.lstrip()) + 1)
    return (1, 1)


def _load_and_validate(sources: list[discovery.Source], annee_scolaire: int) -> list[Any]:
    """Stages 2 and 3 for some files: each file's document, findings and references, or
    the LoadError that says why it could not be read. Files are independent: workers
    share them out (parallel.py)."""
    done: list[Any] = []
    for source in sources:
        if source.refus:   # never opened: a FIFO would block, a symlink may lead anywhere
            done.append(LoadError((1, 1), source.refus))
            continue
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
    pages.extend(_assets(site.root, site.config.identite))
    pages.extend(Page(path, text) for path, text in cms.admin_pages(site.root))   # the form editor
    pages.extend(pdf_pages(site, pages, abbreviations(site), site.root / TEMPLATES_DIR, site.root / PDF_CSS))
    pages.extend(_mooc_documents(site, pages))
    return fil.with_breadcrumbs(site, pages)   # after the PDFs: their cache keys stay the pages' Markdown


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
    pages.append(renderer.render("calendrier.md.j2", "calendrier.md", calendrier=agenda.calendrier(site),
                                 fiches=site.published("fiche"), historique_ics=HISTORY_ICS))
    pages.append(renderer.render("recherche.md.j2", search.SEARCH_PAGE))
    pages.append(renderer.render("sources.md.j2", "sources.md", sources=bibliography(site)))
    titres = {hand_written.docs_name(p): plan.page_title(p) for p in site.pages}
    pages.append(renderer.render("plan-du-site.md.j2", plan.PAGE,
                                 lignes=plan.lines(plan.site_map(site, site.config.nav, titres))))
    pages.extend(_hand_written_pages(site, renderer))
    return pages


# --- the MOOC ------------------------------------------------------------------------

def _mooc_pages(renderer: Renderer, site: Site) -> list[Page]:
    """The course: parcours, modules, one page per lesson, resources, planner, attestation."""
    parcours = site.parcours
    if not site.is_published(parcours):
        return []
    modules = course_modules(site)
    planificateur = site.get("planificateur", "planificateur")
    context = {"parcours": parcours, "modules": modules, "cours": course_outline(parcours, modules),
               "planificateur": planificateur if site.is_published(planificateur) else None}
    pages = [renderer.render("parcours.md.j2", parcours.page, scorm=scorm.package_links(parcours.page, modules),
                             **context)]
    for module in site.published("module"):
        pages.append(renderer.render("module.md.j2", module.page, module=module, seuil=quiz_seuil(module), **context))
        for lecon in module["lecons"]:
            pages.append(renderer.render("lecon.md.j2", module.lecon_page(lecon["id"]),
                                         module=module, lecon=lecon, **context))
    pages.append(renderer.render("ressources.md.j2", "mooc/ressources.md", **context))
    for source in resource_sources(site, modules):
        pages.extend(_resource_files(renderer, source, context))
    if context["planificateur"]:
        pages.append(renderer.render("planificateur.md.j2", "mooc/planificateur.md", **context))
    pages.append(renderer.render("attestation.md.j2", "mooc/attestation.md", **context))
    return pages


def course_modules(site: Site) -> list[Record]:
    """The published modules of the published course, in the parcours' order."""
    parcours = site.parcours
    if not site.is_published(parcours):
        return []
    return [m for m in (site.get("module", i) for i in parcours["modules"]) if site.is_published(m)]


def resource_sources(site: Site, modules: list[Record]) -> list[Path]:
    """The files of mooc/ressources/ that the modules offer, each once."""
    return [site.root / RESSOURCES_DIR / fichier
            for fichier in sorted({r["fichier"] for m in modules for r in m.get("ressources", []) if "fichier" in r})]


def _mooc_documents(site: Site, pages: list[Page]) -> list[Page]:
    """The resources as .odt and .pdf (documents.py); the course as a SCORM package (scorm.py)."""
    modules = course_modules(site)
    if not modules:
        return []
    updated = site.parcours.dates.get(("mis_a_jour",))
    files = documents.resource_documents(
        resource_sources(site, modules), site.expansions,
        site.parcours.updated.isoformat() if site.parcours.updated else "", updated.libelle() if updated else "",
        site.config.site_url,
        site.root / TEMPLATES_DIR, site.root / PDF_CSS, site.root / documents.CACHE_DIR)
    return files + scorm.scorm_pages(site, modules, pages + files, quiz_seuil, course_outline,
                                     site.root / TEMPLATES_DIR)


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
    """A downloadable resource. A Markdown one is a page to read on the site; its .odt and
    .pdf downloads are made from the same Markdown (:func:`_mooc_documents`)."""
    if source.suffix != ".md":
        return [Page(f"mooc/ressources/{source.name}", source.read_bytes())]
    text = source.read_text(encoding="utf-8")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    titre = first[2:].strip() if first.startswith("# ") else source.stem
    page = f"mooc/ressources/{source.stem}.md"
    contenu, _ = hand_written.safe_markdown(text, page, renderer.site.expansions)   # refusals: check reports them
    return [renderer.render("ressources-document.md.j2", page, fichier=source.stem, titre=titre,
                            contenu=Markup(contenu), **context)]


def _hand_written_pages(site: Site, renderer: Renderer) -> list[Page]:
    """The editors' pages, as the check read them (frontmatter.py) and made them safe (pages.py)."""
    pages = []
    for path in site.pages:
        text = site.safe_pages[path]
        if path.stem == "accueil":  # the home page: the text, the audiences, what is new and what is next
            introduction, suite = _split_home_text(text)
            pages.append(renderer.render("accueil.md.j2", "index.md", introduction=Markup(introduction),
                                         suite=Markup(suite), publics=_publics(site),
                                         nouveautes=_nouveautes(site), echeances=_echeances(site),
                                         echeances_montrees=ECHEANCES, par_periode=ECHEANCES_PAR_PERIODE, 
                                         natures={t.name: t.nom for t in registry.TYPES},
                                         pluriels={t.name: t.pluriel[:1].lower() + t.pluriel[1:] for t in registry.TYPES}))
        else:
            pages.append(Page(hand_written.docs_name(path), text))
    return pages


def _split_home_text(text: str) -> tuple[str, str]:
    """The home page's text before its first « ## » heading (the introduction, above the
    audiences' blocks) and the rest."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("## "):
            return "".join(lines[:i]), "".join(lines[i:])
    return text, ""


def _publics(site: Site) -> list[Record]:
    """The home page's « Vous êtes… » blocks: one per published kit (in the order of
    their audience), then the MOOC of the tutors."""
    order = ("equipes-educatives", "entreprises")
    kits = sorted(site.published("kit"), key=lambda k: (order.index(k["audience"]) if k.get("audience") in order
                                                       else len(order), k.titre))
    parcours = site.parcours
    return kits + ([parcours] if site.is_published(parcours) else [])


def bibliography(site: Site) -> list[Record]:
    """The sources, oldest first (by the first year their date gives), then by title."""
    def year(record: Record) -> int:
        found = [int(w) for w in str(record.get("date", "")).split() if w.isdigit() and len(w) == 4]
        return found[0] if found else 9999
    return sorted(site.published("source"), key=lambda r: (year(r), r.titre))


def _nouveautes(site: Site) -> list[dict[str, Any]]:
    """« Quoi de neuf »: the update dates the editors write (``mis_a_jour``), newest first,
    one entry per date. A date shared by many records of a type (a batch published at
    once) shows their number and the list page rather than NOUVEAUTES arbitrary titles."""
    order = {t.name: t.nouveautes for t in sorted(registry.TYPES, key=lambda t: t.nouveautes or 0)
             if t.nouveautes is not None}
    by_date: dict[int, list[Record]] = {}
    for r in (r for t in order for r in site.published(t) if r.updated):
        by_date.setdefault(r.updated.toordinal(), []).append(r)
    entries = []
    for day in sorted(by_date, reverse=True)[:NOUVEAUTES_DATES]:
        groups = []
        for type_ in order:
            records = sorted((r for r in by_date[day] if r.type == type_), key=lambda r: r.titre)
            if not records:
                continue
            if len(records) > NOUVEAUTES_PAR_TYPE:
                groups.append({"type": type_, "nombre": len(records), "liste": LIST_PAGES.get(type_)})
            else:
                groups.extend({"type": type_, "record": r} for r in records)
        entries.append({"date": date.fromordinal(day), "groupes": groups})
    return entries


NOUVEAUTES_DATES = 3     # dates shown in « Quoi de neuf »
NOUVEAUTES_PAR_TYPE = 4  # above this, a date's records of one type are counted, not listed
LIST_PAGES = {"fiche": "fiches/index.md", "mesure": "mesures/index.md", "acteur": "acteurs/index.md",
              "module": "mooc/index.md"}


def _echeances(site: Site) -> list[list[Jalon]]:
    """Milestones and actions still to come in the current and next school year, soonest
    end first, gathered by period (26 actions of « premier trimestre » make one entry).
    Twice as many periods as shown: the page's script hides those that have passed when
    it is read long after its build, and the next ones take their place."""
    periods: dict[tuple[Any, Any, str], list[Jalon]] = {}
    for jalon in agenda.prochaines_echeances(site):
        key = (jalon.quand.debut, jalon.quand.fin, jalon.quand.libelle())
        if key in periods or len(periods) < 2 * ECHEANCES:
            periods.setdefault(key, []).append(jalon)
    return list(periods.values())


ECHEANCES_PAR_PERIODE = 3   # actions named under one period of the home page; the rest counted


IDENTITES = ("etat", "neutre")
# The State's marks (DSFR extract, Marianne, its stylesheet): published only with
# `extra.identite: etat`; a neutral site must not carry them (decision 0025).
STATE_ASSETS = ("dsfr/", "css/etat.css")


def _assets(root: Path, identite: str = "etat") -> list[Page]:
    folder = root / ASSETS_DIR
    return [Page(f"assets/{rel}", p.read_bytes()) for p in discovery.assets(root)
            for rel in [p.relative_to(folder).as_posix()]
            if identite != "neutre" or not rel.startswith(STATE_ASSETS)]


def abbreviations(site: Site) -> str:
    """The glossary as Markdown abbreviations, appended to every page by MkDocs' snippets.

    One line per acronym: a line break in an expansion would end the definition and
    put the rest of the text into every page as Markdown. A blank line after each: the
    abbr extension takes one definition per pass over a block and hands the rest back to
    every block processor, so one block of 44 definitions cost each page 44 passes over
    it (4–5 ms a page, a third of MkDocs' Markdown time; docs/performance.md).
    """
    return "".join(f"*[{sigle}]: {' '.join(str(developpe).split())}\n\n"
                   for sigle, developpe in sorted(site.expansions.items()))


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

