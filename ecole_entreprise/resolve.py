"""Stage 5 — resolve: references and backlinks, then the completeness and timeline rules.

Schema validation says whether each record is well formed on its own; the rules here
need the whole site (does this id exist? is every fiche in a kit? do the measure's
milestones follow each other?). Each rule is a small function; their level (erreur or
avertissement) is documented in the editors' guide.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from . import registry
from .load import JsonPath
from .model import Record, Site
from .discover import refusal
from .frontmatter import read_page
from .problems import Problems
from .timeline import actions_fiche, calendrier_fiche, jalons_mesure
from .validate import Reference, _suggest, nom_champ
from .schemas import schema

# Measures whose text announces other content: their page must lead to it.
LIENS_ATTENDUS = {
    7: ("kit", "les deux kits d'accompagnement (équipes éducatives et entreprises)", 2),
    2: ("parcours", "le MOOC des tuteurs", 1),
}

ACRONYME = re.compile(r"(?<![\w-])([A-ZÉÈ][A-ZÉÈ0-9]*(?:-[A-Z0-9]+)*[A-Z0-9])(?![\w-])")
BILAN = re.compile(r"^\s*(bilan|évaluation|evaluation|évaluer|evaluer)\b", re.IGNORECASE)
SEUIL_QUESTIONS = 4
SEUIL_LECONS = 2
RESSOURCES_DIR = "mooc/ressources"   # the MOOC's downloadable files


def resolve(site: Site, references: dict[tuple[str, str], list[Reference]], problems: Problems) -> None:
    for record in site:
        for ref in references.get((record.type, record.id), []):
            _link(site, record, ref, problems)
    valid = [record for record in site if record.valide]
    for rule in RULES:
        for record in valid:
            rule(site, record, problems)
    _site_rules(site, problems)


def _link(site: Site, record: Record, ref: Reference, problems: Problems) -> None:
    target = site.get(ref.target_type, ref.target_id)
    if target is None and (ref.target_type, ref.target_id) in site.unreadable:
        return
    if target is None:
        target_type = registry.get(ref.target_type)
        nom, dossier = target_type.aucun, target_type.folder + "/"
        known = [r.id for r in site.all(ref.target_type)]
        problems.erreur(record.rel, record.doc.position(ref.path),
                        f"référence inconnue dans « {nom_champ(ref.path)} » : {nom} « {ref.target_id} » "
                        f"dans {dossier}{_suggest(ref.target_id, known)}")
        return
    if target.brouillon and not record.brouillon and not site.config.brouillons:
        problems.avertissement(record.rel, record.doc.position(ref.path),
                               f"« {ref.target_id} » est un brouillon : le lien ne sera pas publié")
    backlinks = target.backlinks[record.type]
    # A record's references are linked one after the other: a record that names the same
    # target twice can only be the last one added (« in » on the list was quadratic).
    if not backlinks or backlinks[-1] is not record:
        backlinks.append(record)


# --- rules on one record -------------------------------------------------------------

def _id_matches_file(site: Site, record: Record, problems: Problems) -> None:
    written = record.data.get("id")
    stem = record.doc.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if isinstance(written, str) and written != stem:
        problems.erreur(record.rel, record.doc.position(("id",)),
                        f"l'identifiant « {written} » doit être le nom du fichier : « {stem} »")


def _recommended(site: Site, record: Record, problems: Problems) -> None:
    if record.brouillon:
        return  # a draft is work in progress: only what would break it is reported
    for key in schema(record.type).get("x-recommandes", []):
        if key not in record.data:
            problems.avertissement(record.rel, (1, 1), f"champ recommandé absent : « {key} »")


def _fiche_in_a_kit(site: Site, record: Record, problems: Problems) -> None:
    if record.type == "fiche" and not record.brouillon and not record.backlinks.get("kit"):
        problems.avertissement(record.rel, record.doc.position(("id",)),
                               "fiche rattachée à aucun kit : ajoutez-la aux « fiches » d'une section de kit")


def _measure_milestones_in_order(site: Site, record: Record, problems: Problems) -> None:
    if record.type != "mesure":
        return
    previous = None
    for jalon in jalons_mesure(record):
        if previous and jalon.quand.avant(previous.quand):
            problems.erreur(record.rel, record.doc.position(jalon.path),
                            f"jalons dans le désordre : « {jalon.quand.libelle()} » vient avant "
                            f"« {previous.quand.libelle()} » (jalon précédent) ; rangez le calendrier "
                            "dans l'ordre chronologique")
        previous = jalon


def _actions_inside_calendar(site: Site, record: Record, problems: Problems) -> None:
    if record.type != "fiche":
        return
    calendrier = calendrier_fiche(record)
    if calendrier is None:
        return
    for action in actions_fiche(record):
        if not calendrier.quand.contient(action.quand):
            problems.erreur(record.rel, record.doc.position(action.path),
                            f"le délai « {action.quand.libelle()} » sort du calendrier prévisionnel "
                            f"de la fiche (« {calendrier.quand.libelle()} »)")


def _bilan_last(site: Site, record: Record, problems: Problems) -> None:
    if record.type != "fiche":
        return
    actions = record.get("actions", [])
    bilans = [i for i, a in enumerate(actions) if BILAN.match(str(a.get("action", "")))]
    if not bilans:
        problems.avertissement(record.rel, record.doc.position(("actions",)),
                               "aucune étape de bilan : terminez les actions par « Bilan … » ou « Évaluation … »")
    elif bilans[-1] != len(actions) - 1:
        i = bilans[-1]
        problems.erreur(record.rel, record.doc.position(("actions", i, "action")),
                        f"l'étape de bilan (action {i + 1}) doit venir en dernier, après les autres actions")


def _module_complete(site: Site, record: Record, problems: Problems) -> None:
    if record.type != "module":
        return
    lecons = record.get("lecons", [])
    if 0 < len(lecons) < SEUIL_LECONS:
        problems.avertissement(record.rel, record.doc.position(("lecons",)),
                               f"un module compte d'ordinaire au moins {SEUIL_LECONS} leçons")
    _unique_ids(record, "lecons", "leçon", problems)
    questions = record.get("quiz", {}).get("questions", [])
    if 0 < len(questions) < SEUIL_QUESTIONS:
        problems.avertissement(record.rel, record.doc.position(("quiz", "questions")),
                               f"un quiz compte d'ordinaire au moins {SEUIL_QUESTIONS} questions")
    for i, question in enumerate(questions):
        justes = sum(1 for c in question.get("choix", []) if c.get("correct") is True)
        where = record.doc.position(("quiz", "questions", i))
        if question.get("type") == "unique" and justes != 1:
            problems.erreur(record.rel, where, f"la question {i + 1} est à réponse unique mais a "
                                              f"{justes} bonne(s) réponse(s) : il en faut exactement une")
        elif question.get("type") == "multiple" and justes < 1:
            problems.erreur(record.rel, where, f"la question {i + 1} n'a aucune bonne réponse")
    _unique_ids(record, ("quiz", "questions"), "question", problems)
    _resource_files_exist(site, record, problems)


def _resource_files_exist(site: Site, record: Record, problems: Problems) -> None:
    """A module's downloadable resources are published from mooc/ressources/: each must be there."""
    for i, ressource in enumerate(record.get("ressources", [])):
        fichier = ressource.get("fichier")
        if not fichier:
            continue
        path = site.root / RESSOURCES_DIR / fichier
        position = record.doc.position(("ressources", i, "fichier"))
        if not path.exists() and not path.is_symlink():
            problems.erreur(record.rel, position, f"fichier « {fichier} » introuvable dans {RESSOURCES_DIR}/")
        elif refus := refusal(site.root, path):
            problems.erreur(record.rel, position, f"{RESSOURCES_DIR}/{fichier} : {refus}")
        elif path.suffix == ".md":   # published as a page: read as hand-written pages are
            rel = f"{RESSOURCES_DIR}/{fichier}"
            for finding in read_page(path, rel)[1]:
                problems.erreur(rel, finding.position, finding.message)


def _unique_ids(record: Record, key: str | tuple, nom: str, problems: Problems) -> None:
    path = (key,) if isinstance(key, str) else key
    items: Any = record.data
    for part in path:
        items = items.get(part, {}) if isinstance(items, dict) else {}
    seen: dict[str, int] = {}
    for i, item in enumerate(items if isinstance(items, list) else []):
        ident = item.get("id") if isinstance(item, dict) else None
        if ident in seen:
            problems.erreur(record.rel, record.doc.position(path + (i, "id")),
                            f"identifiant de {nom} « {ident} » déjà employé ({nom} {seen[ident] + 1})")
        elif ident:
            seen[ident] = i


def _acronyms_in_glossary(site: Site, record: Record, problems: Problems) -> None:
    glossaire = site.glossaire
    if record.type == "glossaire" or not glossaire:
        return
    def unknown(sigle: str) -> bool:
        return sigle not in glossaire and _is_acronym(sigle)

    texts = [(path, text) for path, text in _strings(record.data, ())
             if not (path and path[-1] in ("id", "sources", "mis_a_jour", "fichier", "lien", "reference", "adresse"))]
    # One search over the whole record first: most records name only known acronyms.
    if not any(unknown(m.group(1)) for m in ACRONYME.finditer("\n".join(text for _, text in texts))):
        return
    reported: set[str] = set()
    for path, text in texts:
        for match in ACRONYME.finditer(text):
            sigle = match.group(1)
            if sigle not in reported and unknown(sigle):
                reported.add(sigle)
                problems.avertissement(record.rel, record.doc.position(path),
                                       f"sigle « {sigle} » absent du glossaire (content/glossaire.yml)")


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and word not in _NOT_ACRONYMS


# Capitals that are not acronyms: Roman numerals used in French text.
_NOT_ACRONYMS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIX", "XX", "XXI"}


def _strings(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Every text of ``value`` with its path, in document order (a stack, not recursion:
    nested generators cost a call per level for every string of a fiche)."""
    stack = [(path, value)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend((path + (key,), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((path + (i,), value[i]) for i in range(len(value) - 1, -1, -1))


RULES = (
    _id_matches_file,
    _recommended,
    _fiche_in_a_kit,
    _measure_milestones_in_order,
    _actions_inside_calendar,
    _bilan_last,
    _module_complete,
    _acronyms_in_glossary,
)


# --- rules on the whole site ---------------------------------------------------------

def _site_rules(site: Site, problems: Problems) -> None:
    for mesure in (m for m in site.all("mesure") if m.valide):
        attendu = LIENS_ATTENDUS.get(mesure.get("numero"))
        if attendu:
            type_, description, count = attendu
            linked = {r.id for r in mesure.backlinks.get(type_, [])}
            linked |= set(mesure.get("liens", {}).get(_LIEN_KEYS[type_], []))
            if len(linked) < count:
                problems.erreur(mesure.rel, mesure.doc.position(("liens",)),
                                f"la mesure {mesure['numero']} doit mener vers {description} "
                                f"(champ « liens.{_LIEN_KEYS[type_]} »)")
    numeros: dict[int, Record] = {}
    for mesure in site.all("mesure"):
        n = mesure.get("numero")
        if n in numeros:
            problems.erreur(mesure.rel, mesure.doc.position(("numero",)),
                            f"numéro {n} déjà pris par {numeros[n].rel}")
        numeros.setdefault(n, mesure)
    audiences: dict[str, Record] = {}
    for kit in site.all("kit"):
        a = kit.get("audience")
        if a in audiences:
            problems.avertissement(kit.rel, kit.doc.position(("audience",)),
                                   f"deux kits pour le même public (« {a} ») : voir aussi {audiences[a].rel}")
        audiences.setdefault(a, kit)
    if len(site.all("parcours")) == 1:
        in_course = set(site.parcours.get("modules", []))
        for module in site.all("module"):
            if module.id not in in_course and not module.brouillon:
                problems.avertissement(module.rel, module.doc.position(("id",)),
                                       "module absent du parcours : ajoutez-le aux « modules » de mooc/parcours.yml")
    glossaire = site.get("glossaire", "glossaire")
    if glossaire and glossaire.valide:
        seen: dict[str, int] = {}
        for i, terme in enumerate(glossaire.get("termes", [])):
            sigle = terme.get("sigle") if isinstance(terme, dict) else None
            if sigle in seen:
                problems.erreur(glossaire.rel, glossaire.doc.position(("termes", i, "sigle")),
                                f"sigle « {sigle} » déjà défini (terme {seen[sigle] + 1})")
            elif sigle:
                seen[sigle] = i


_LIEN_KEYS = {"kit": "kits", "parcours": "parcours"}
