"""Write docs/guide-editeur.md, the editors' guide, from the code it documents.

The field tables come from the JSON Schemas, the accepted date forms from
``dates.FORMES_ACCEPTEES``, and the list of messages from the package's source (every
message passed to ``Problems.erreur``/``avertissement``, ``Finding`` and ``LoadError``,
plus the YAML and date explanations). Each message needs its fix in ``FIXES`` below: a
message without one, or a fix for a message that no longer exists, stops the script, so
the guide cannot fall behind the code. The prose lives in ``guide-editeur.md.j2``.

    python scripts/guide_editeur.py           # rewrite docs/guide-editeur.md
    python scripts/guide_editeur.py --check   # exit 1 if the committed guide is stale
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecole_entreprise import dates, load, registry  # noqa: E402
from ecole_entreprise.archetypes import folder_of, types as new_types  # noqa: E402
from ecole_entreprise.fields import ITEM, fields  # noqa: E402
from ecole_entreprise.generate import read_config  # noqa: E402
from ecole_entreprise.schemas import schema  # noqa: E402

GUIDE = ROOT / "docs" / "guide-editeur.md"
TEMPLATE = "guide-editeur.md.j2"
PACKAGE = ROOT / "ecole_entreprise"
GUIDE_TYPES = tuple(t.name for t in registry.TYPES if t.in_guide)
HOLE = "…"   # stands for the part of a message that names a field, a value, a line

# Message (with … for its variable parts) → what the editor does about it.
FIXES: dict[str, str] = {
    # hand-written pages (content/pages)
    "balise « … » retirée : elle n'est pas permise dans une page":
        "Le site ne publie pas cette balise HTML (script, iframe, style, formulaire…). Écrivez le contenu "
        "en Markdown, ou avec les balises courantes (div, section, span, tableaux).",
    "attribut « … » retiré : il n'est pas permis dans une page":
        "Seuls `class`, `title`, `href`, `src`, `alt` et quelques attributs de tableau sont publiés ; "
        "retirez cet attribut (les attributs `on…` lancent des scripts).",
    "lien « … » retiré : seules les adresses http, https et mailto et les pages du site sont permises":
        "Écrivez l'adresse complète (`https://…`), une adresse `mailto:` ou le chemin d'une page "
        "du site (`kits/entreprises.md`).",
    # reading the file
    # hand-written pages, mkdocs.yml and the files around the records (docs/limites.md)
    "caractère non accepté (U+…)":
        "Le fichier contient un caractère invisible interdit (souvent venu d'un copier-coller) : "
        "supprimez-le à la ligne et à la colonne indiquées, ou retapez le passage.",
    "… (U+…) dans le texte : supprimez-le (il vient souvent d'un copier-coller)":
        "Supprimez le caractère invisible à la position indiquée, ou retapez le passage.",
    "en-tête non refermé : ajoutez une ligne « --- » après ses champs":
        "L'en-tête d'une page commence et finit par une ligne `---` : ajoutez la seconde après `title:` et `description:`.",
    "l'en-tête doit contenir des champs « nom: valeur »":
        "Entre les deux lignes `---`, écrivez seulement `title: …` et, si besoin, `description: …`.",
    "fichier obligatoire manquant : … ; le site ne peut pas être construit sans lui":
        "Remettez le fichier nommé (par exemple avec `git checkout -- FICHIER`) : la page d'accueil "
        "(`content/pages/accueil.md`) et le glossaire (`content/glossaire.yml`) sont indispensables.",
    "fichier trop volumineux (au plus … octets)":
        "Un fichier de réglages ou une page tient en quelques kilo-octets : retirez le texte collé par erreur.",
    "valeur non reconnue (étiquette YAML « !!binary » non acceptée) : écrivez du texte":
        "Retirez l'étiquette `!!binary` et écrivez la valeur en clair.",
    "« … » refusé : une page ne peut pas inclure un autre fichier (extension snippets) ; recopiez le texte":
        "Une page ne peut pas inclure un autre fichier : recopiez le texte voulu dans la page et supprimez la ligne `--8<--`.",
    "… serait publiée dans « … », dossier réservé aux fichiers du site : choisissez un autre nom":
        "Ce nom est réservé aux fichiers que le site produit lui-même : renommez le fichier (et son `id`).",
    "… serait publiée à l'adresse « /… », déjà prise par … : choisissez un autre nom":
        "Une page du site porte déjà cette adresse : renommez le fichier (et son `id`).",
    "… serait publiée à l'adresse « /… », prise aussi par … : changez l'un des deux noms":
        "Deux fichiers donneraient la même page : renommez l'un des deux (et son `id`).",
    "…/… : …":
        "Le message précise le fichier et le problème : suivez la correction indiquée pour ce message.",
    "extra.identite : « … » n'est pas une identité du site ; valeurs possibles : etat (marques de l'État, DSFR) ou neutre (aucune)":
        "Dans `mkdocs.yml`, sous `extra:`, écrivez `identite: etat` pour un site publié par l'État "
        "(bloc-marque, police Marianne, couleurs de l'État) ou `identite: neutre` pour tout autre éditeur, "
        "qui n'a pas le droit d'utiliser ces marques.",
    "fichier ignoré : ni son dossier ni son nom ne correspondent à un type de contenu (extension .yml attendue)":
        "Le fichier est dans un dossier de contenu mais ne sera pas lu. Renommez-le en `.yml` "
        "(pas `.yaml`) et placez-le dans le dossier de son type (tableau « Où vont les fichiers »).",
    "le fichier doit contenir des champs « nom: valeur », pas une liste ni un texte seul":
        "Commencez le fichier par `id: …` puis un champ par ligne ; partez d'un squelette "
        "(`ecole-entreprise new`).",
    "champ « synonymes » attendu : une liste de groupes (chaque groupe, une liste d'expressions équivalentes)":
        "Dans `data/synonymes.yml`, écrivez `synonymes:` puis un groupe par ligne, entre crochets : "
        "`- [3e, troisième]`.",
    "groupe … : au moins deux expressions (textes non vides) attendues":
        "Un groupe de `data/synonymes.yml` relie des expressions équivalentes : donnez-en au moins deux, "
        "séparées par des virgules, ou supprimez la ligne.",
    "fichier illisible (…)": "Le fichier ne peut pas être ouvert (droits, lien cassé) : recréez-le.",
    "fichier trop volumineux (… octets ; au plus …)":
        "Un contenu tient en une page : découpez-le (une fiche par fichier) ou retirez le texte collé par erreur.",
    "fichier vide": "Remplissez le fichier à partir d'un squelette (`ecole-entreprise new`) ou supprimez-le.",
    "caractère nul dans le fichier : ce n'est pas un fichier texte":
        "Le fichier vient d'un traitement de texte : recopiez son texte dans un éditeur de texte brut.",
    "syntaxe YAML invalide : …":
        "La fin du message dit quoi corriger (tableau « Erreurs de syntaxe YAML » ci-dessous) ; "
        "la ligne et la colonne indiquent où.",
    "imbrication trop profonde (au plus … niveaux)": "Réduisez l'indentation : aucun champ n'en demande autant.",
    "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8":
        "Dans votre éditeur, « Enregistrer avec l'encodage » → UTF-8.",
    "les alias YAML (« *nom ») ne sont pas acceptés : recopiez le texte":
        "Remplacez `*nom` par le texte lui-même et retirez l'ancre `&nom`.",
    "valeur non reconnue (étiquette YAML « … » non acceptée)":
        "Retirez l'étiquette commençant par `!` ; mettez la valeur entre guillemets.",
    "la fusion YAML (« << ») n'est pas acceptée : recopiez les champs": "Écrivez chaque champ en entier.",
    "un nom de champ doit être un simple mot": "Écrivez le nom du champ suivi de `:` ; pas de liste ni de `?` avant.",
    "champ « … » en double (déjà à la ligne …) : un seul des deux serait gardé":
        "Fusionnez les deux champs en un seul, à la ligne indiquée.",
    # schema
    "champ inconnu… : « … »…":
        "Le nom est mal écrit (la suggestion entre parenthèses donne le bon) ou n'existe pas pour ce type : "
        "voir la liste des champs plus haut.",
    "« … » est vide : donnez-lui une valeur": "Écrivez une valeur après les `:` ou retirez le champ s'il est facultatif.",
    "champ obligatoire manquant… : « … »": "Ajoutez le champ nommé (voir la liste des champs du type).",
    "« … » doit être … (trouvé : …)…":
        "La valeur n'a pas la bonne forme : une liste s'écrit avec des tirets `- `, un groupe de champs avec "
        "des lignes indentées ; un texte qui ressemble à un nombre ou à `oui`/`non` se met entre guillemets.",
    "valeur non autorisée pour « … » : …… ; valeurs possibles : …":
        "Choisissez une des valeurs listées dans le message, écrite exactement (minuscules, tirets, sans accent).",
    "« … » : …": "Une date n'est pas reconnue : la fin du message dit pourquoi (tableau « Dates refusées »).",
    "« … » doit contenir au moins … élément…": "Ajoutez des éléments à la liste (une ligne `- …` par élément).",
    "« … » doit contenir au moins un champ": "Écrivez au moins un des champs du groupe (par exemple `qualitatifs`).",
    "« … » contient deux fois la même valeur": "Retirez le doublon de la liste.",
    "« … » vaut … : il doit valoir … …": "Donnez un nombre dans les limites indiquées.",
    "« … » n'a pas la forme attendue : …": "Comparez avec l'exemple du champ dans la liste des champs.",
    "identifiant invalide dans « … » : … (minuscules, chiffres et tirets seulement)":
        "Écrivez l'identifiant en minuscules sans accent, les mots séparés par des tirets : `visite-entreprise`.",
    "adresse invalide dans « … » : … (une adresse complète commençant par https://)":
        "Copiez l'adresse complète depuis la barre du navigateur ; seules les adresses `https://` sont acceptées.",
    "« … » n'a pas la forme attendue (règle « … » du schéma) : …": "La valeur ne respecte pas le schéma ; comparez avec l'exemple du champ.",
    # references and rules
    "référence inconnue dans « … » : … « … » dans ……":
        "L'identifiant ne correspond à aucun fichier du dossier nommé : corrigez la faute (suggestion entre "
        "parenthèses) ou créez le contenu (`ecole-entreprise new`).",
    "« … » est un brouillon : le lien ne sera pas publié":
        "Le contenu visé est en brouillon : le lien n'apparaîtra qu'une fois ce contenu publié. Rien à faire "
        "si c'est voulu.",
    "l'identifiant « … » doit être le nom du fichier : « … »":
        "Renommez le fichier ou corrigez `id` pour qu'ils soient identiques (sans `.yml`).",
    "fiche rattachée à aucun kit : ajoutez-la aux « fiches » d'une section de kit":
        "Ajoutez l'identifiant de la fiche à la liste `fiches` d'une section de `kits/equipes-educatives.yml` "
        "ou de `kits/entreprises.yml`.",
    "aucune étape de bilan : terminez les actions par « Bilan … » ou « Évaluation … »":
        "Ajoutez une dernière action dont le texte commence par « Bilan » ou « Évaluation ».",
    "un module compte d'ordinaire au moins … leçons": "Découpez le contenu en plusieurs leçons.",
    "un quiz compte d'ordinaire au moins … questions": "Ajoutez des questions au quiz.",
    "champ recommandé absent : « … »": "Ajoutez le champ nommé : il n'est pas obligatoire mais la page est incomplète sans lui.",
    "jalons dans le désordre : « … » vient avant « … » (jalon précédent) ; rangez le calendrier dans l'ordre chronologique":
        "Déplacez le jalon pour que le calendrier aille du plus ancien au plus récent, ou corrigez sa date.",
    "le délai « … » sort du calendrier prévisionnel de la fiche (« … »)":
        "Corrigez le délai de l'action ou élargissez `calendrier_previsionnel` pour qu'il le contienne.",
    "l'étape de bilan (action …) doit venir en dernier, après les autres actions":
        "Déplacez l'action de bilan à la fin de la liste `actions`.",
    "la question … est à réponse unique mais a … bonne(s) réponse(s) : il en faut exactement une":
        "Mettez `correct: true` à une seule réponse, ou passez la question en `type: multiple`.",
    "identifiant de … « … » déjà employé (… …)": "Donnez un identifiant différent à chaque leçon et à chaque question.",
    "numéro … déjà pris par …": "Chaque mesure a son numéro (1 à 12) : corrigez `numero`.",
    "deux kits pour le même public (« … ») : voir aussi …": "Vérifiez `audience` : un kit par public.",
    "la question … n'a aucune bonne réponse": "Mettez `correct: true` à au moins une réponse.",
    "sigle « … » absent du glossaire (content/glossaire.yml)":
        "Ajoutez le sigle et sa forme développée à `content/glossaire.yml` : il sera développé au survol.",
    "la mesure … doit mener vers … (champ « liens.… »)": "Ajoutez les identifiants manquants au champ `liens` indiqué.",
    "module absent du parcours : ajoutez-le aux « modules » de mooc/parcours.yml":
        "Ajoutez l'identifiant du module, à sa place, dans la liste `modules` de `mooc/parcours.yml`.",
    "sigle « … » déjà défini (terme …)": "Retirez le doublon du glossaire.",
    "fichier « … » introuvable dans …/":
        "Déposez le fichier de la ressource dans `mooc/ressources/`, ou corrigez son nom dans `fichier`.",
}

# Date refusals (the reason that follows « champ » : in the message) → what to write instead.
DATE_FIXES: dict[str, str] = {
    "date non reconnue": "Réécrivez la date sous une des formes acceptées (liste ci-dessus).",
    "date vide": "Écrivez une date ou retirez le champ s'il est facultatif.",
    "texte trop long pour une date": "Gardez la date seule ; une précision courte peut aller entre parenthèses.",
    "date impossible": "Le jour n'existe pas (31 avril, 29 février d'une année non bissextile) : corrigez-le.",
    "année hors limites": "Vérifiez l'année (faute de frappe).",
    "année scolaire incohérente": "Une année scolaire s'écrit avec deux années qui se suivent : « 2016-2017 ».",
    "semestre inexistant": "Écrivez « premier semestre » ou « second semestre ».",
    "année manquante": "Ajoutez l'année : « premier semestre 2016 ».",
    "trimestre inexistant": "L'année scolaire a trois trimestres : premier, deuxième, troisième.",
    "trimestre ambigu": "Sans année, le trimestre est celui de l'année scolaire ; avec une année, écrivez les mois.",
    "période à l'envers": "Mettez le début avant la fin : « de janvier à mars 2016 ».",
    "date attendue sous forme de texte, reçu une valeur de type …": "Mettez la date entre guillemets.",
}


@dataclass(frozen=True)
class Message:
    niveau: str
    texte: str
    correction: str


# --- reading the messages from the source ------------------------------------------------

def messages() -> list[Message]:
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for niveau, text in _messages_in(path):
            if text != HOLE:   # a message passed through (LoadError → problems): listed at its source
                found.setdefault(text, niveau)
    missing = sorted(set(found) - set(FIXES))
    stale = sorted(set(FIXES) - set(found))
    if missing or stale:
        raise SystemExit("guide_editeur: FIXES is out of date\n  without a fix: "
                         + "\n    ".join(missing or ["-"]) + "\n  no longer in the code: " + "\n    ".join(stale or ["-"]))
    return [Message(niveau, text, FIXES[text]) for text, niveau in found.items()]


def _messages_in(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {n.name: n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
        if name in ("erreur", "avertissement") and len(call.args) == 3:
            yield from ((name, t) for t in _templates(call.args[2], functions))
        elif name in ("Finding", "LoadError") and len(call.args) == 2:
            yield from (("erreur", t) for t in _templates(call.args[1], functions))
        elif name == "PageProblem" and len(call.args) == 2:   # pages.py: warnings
            yield from (("avertissement", t) for t in _templates(call.args[1], functions))


def _templates(node: ast.AST, functions: dict[str, ast.FunctionDef], depth: int = 0) -> list[str]:
    """The message an expression builds, with … for its variable parts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)]
    if isinstance(node, ast.IfExp):
        return _templates(node.body, functions, depth) + _templates(node.orelse, functions, depth)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in functions and depth < 3:
        returns = [r.value for r in ast.walk(functions[node.func.id]) if isinstance(r, ast.Return) and r.value]
        return [t for r in returns for t in _templates(r, functions, depth + 1)]
    return [HOLE]


def date_reasons() -> list[tuple[str, str]]:
    """Why a date is refused: the reasons dates.py gives, each with its fix."""
    tree = ast.parse((PACKAGE / "dates.py").read_text(encoding="utf-8"))
    reasons = ["date non reconnue"]
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            index = {"_Impossible": 0, "_refus": 1}.get(call.func.id)
            if index is not None and len(call.args) > index:
                reasons += [t for t in _templates(call.args[index], {}) if t != HOLE]
    reasons = list(dict.fromkeys(reasons))
    missing, stale = set(reasons) - set(DATE_FIXES), set(DATE_FIXES) - set(reasons)
    if missing or stale:
        raise SystemExit(f"guide_editeur: DATE_FIXES is out of date; without a fix: {sorted(missing)}; "
                         f"no longer in the code: {sorted(stale)}")
    return [(r, DATE_FIXES[r]) for r in reasons]


# --- the guide ---------------------------------------------------------------------------

def type_sections() -> list[dict]:
    sections = []
    for type_ in GUIDE_TYPES:
        declared = schema(type_)
        pattern = registry.get(type_).files
        rows = []
        for field in fields(type_):
            rows.append({"nom": field.dotted.replace(ITEM, "[]"), "niveau": field.depth,
                         "obligation": _obligation(field), "description": field.description,
                         "valeurs": _values(field.node), "exemple": _example(field.examples)})
        sections.append({"type": type_, "titre": declared["title"], "description": declared["description"],
                         "fichiers": pattern, "champs": rows, "new": type_ in new_types()})
    return sections


def _obligation(field) -> str:
    return "obligatoire" if field.required else "recommandé" if field.recommended else "facultatif"


def _values(node: dict) -> str:
    items = node.get("items") if isinstance(node.get("items"), dict) else {}
    values = node.get("enum") or items.get("enum") or []
    labels = node.get("x-libelles") or items.get("x-libelles") or {}
    reference = items.get("x-reference") or node.get("x-reference")
    if values:
        return ", ".join(f"`{v}`" + (f" ({labels[v]})" if v in labels else "") for v in values)
    if reference:
        return f"identifiants de {folder_of_type(reference)}"
    return ""


def folder_of_type(type_: str) -> str:
    return registry.get(type_).folder + "/"


def _example(examples: list) -> str:
    if not examples:
        return ""
    value = examples[0]
    if isinstance(value, list):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def date_forms() -> list[tuple[str, str]]:
    annee = read_config(ROOT).annee_scolaire   # the project's school year (mkdocs.yml)
    return [(forme, dates.parse(forme, annee).libelle()) for forme in dates.FORMES_ACCEPTEES]


def render() -> str:
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    all_messages = messages()
    return env.get_template(TEMPLATE).render(
        types=type_sections(), formes=date_forms(), raisons_dates=date_reasons(),
        erreurs=[m for m in all_messages if m.niveau == "erreur"],
        avertissements=[m for m in all_messages if m.niveau == "avertissement"],
        messages_yaml=[load._TAB] + [french for _, french in load._YAML_MESSAGES if french != load._TAB],
        dossiers=[(folder_of(t), t) for t in new_types()])


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="fail if the committed guide differs")
    options = args.parse_args(argv)
    text = render()
    if options.check:
        if not GUIDE.is_file() or GUIDE.read_text(encoding="utf-8") != text:
            print(f"{GUIDE.relative_to(ROOT)} is stale: run python scripts/guide_editeur.py", file=sys.stderr)
            return 1
        return 0
    GUIDE.parent.mkdir(parents=True, exist_ok=True)
    GUIDE.write_text(text, encoding="utf-8")
    print(f"wrote {GUIDE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
