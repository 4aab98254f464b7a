"""The form editor at ``/admin/`` (Decap CMS, docs/decisions/0023-form-editor.md).

Its configuration is generated from the JSON Schemas, the one declaration of each content
type, so that a field added to a schema appears in the form with no other change:

- one collection per content type, on the files the site reads (folder or single file);
- each field with a French label and, as its hint, the schema's description;
- ``required`` → required; ``enum`` → a select offering exactly those values (labels from
  ``x-libelles``); ``x-reference`` → a relation field listing the existing ids; a list of
  objects → a list widget with its subfields; ``format: date-fr`` → text, with the
  accepted French forms as hint and a pattern made from the date parser's own words;
  ``contentMediaType: text/markdown`` → the Markdown editor; ``statut`` → drafts.

:func:`admin_pages` gives the published page and its configuration (forge backend,
editorial workflow: one branch and one merge request per change); :func:`local_config`
is the same configuration for ``ecole-entreprise cms``, whose local backend writes to
the working copy (cms_server.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from . import dates
from . import registry as content_registry
from .fields import resolved
from .schemas import registry, schema

ADMIN_DIR = "admin"
CMS_ASSETS = "assets/vendor/decap-cms"      # theme/assets/vendor/decap-cms, vendored
CMS_SCRIPT = f"{CMS_ASSETS}/decap-cms.js"
FORGES = ("gitlab", "github")
MEDIA_FOLDER = "content/medias"              # Decap requires one; no field uploads files

# Accents that a field name (French, lower case, no accent: `resultats_attendus`) lost;
# a schema ``title`` wins over the label made from the name.
_ACCENTS = {
    "id": "identifiant", "a": "à", "activite": "activité", "apres": "après", "beneficiaires": "bénéficiaires",
    "categorie": "catégorie", "cles": "clés", "concretement": "concrètement",
    "debut": "début", "definition": "définition", "delai": "délai", "developpe": "développé",
    "duree": "durée", "etapes": "étapes", "lecons": "leçons", "libelle": "libellé",
    "modalites": "modalités", "numero": "numéro", "perimetre": "périmètre",
    "previsionnel": "prévisionnel", "presentation": "présentation", "resume": "résumé",
    "resultats": "résultats", "role": "rôle", "theme": "thème", "regle": "règle",
    "creneau": "créneau", "complements": "compléments", "quantitatifs": "quantitatifs",
    "precision": "précision", "reference": "référence", "references": "références",
}


# --- the content types ------------------------------------------------------------------

@dataclass(frozen=True)
class ContentType:
    """What the editor needs of a content type: its name, where its files live, its schema."""

    name: str
    pattern: str        # glob relative to the project root: "kits/fiches/*.yml" or "mooc/parcours.yml"

    @property
    def schema(self) -> dict[str, Any]:
        return schema(self.name)

    @property
    def single_file(self) -> bool:
        return "*" not in self.pattern

    @property
    def folder(self) -> str:
        return str(PurePosixPath(self.pattern).parent)


def content_types() -> list[ContentType]:
    """Every content type of the registry, with its files."""
    return [ContentType(t.name, t.files) for t in content_registry.TYPES]


# --- configuration ------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """``extra.cms`` of mkdocs.yml: where the editor commits. No secret: GitLab signs in
    with PKCE (an application id is public), GitHub through an OAuth service (its URL)."""

    forge: str = "gitlab"
    depot: str = ""            # "groupe/projet" on the forge
    branche: str = "main"
    gitlab_url: str = "https://gitlab.com"
    app_id: str = ""           # GitLab OAuth application id (PKCE, no secret)
    oauth_url: str = ""        # GitHub: the OAuth service Decap signs in through

    @property
    def configured(self) -> bool:
        return bool(self.depot) and (self.forge != "gitlab" or bool(self.app_id))


class SettingsError(ValueError):
    """``extra.cms`` is not usable; the message is for editors, in French."""


def read_settings(root: Path) -> Settings:
    """``extra.cms`` as settings.py reads mkdocs.yml (the one reader of that file; its
    schema places the problems at their line for `check`)."""
    from .settings import read_settings as read_mkdocs

    extra = read_mkdocs(root).data.get("extra")
    raw = extra.get("cms") if isinstance(extra, dict) else None
    if raw is None:
        return Settings()
    if not isinstance(raw, dict):
        raise SettingsError("mkdocs.yml : extra.cms doit être un ensemble de réglages (forge, depot, branche…)")
    known = Settings.__dataclass_fields__
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SettingsError(f"mkdocs.yml : extra.cms : réglage inconnu : {', '.join(unknown)} "
                            f"(réglages possibles : {', '.join(known)})")
    values = {k: "" if v is None else str(v) for k, v in raw.items()}
    if values.get("forge", "gitlab") not in FORGES:
        raise SettingsError(f"mkdocs.yml : extra.cms.forge : « {values['forge']} » inconnue "
                            f"(valeurs possibles : {', '.join(FORGES)})")
    if values.get("depot") and not re.fullmatch(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+", values["depot"]):
        raise SettingsError(f"mkdocs.yml : extra.cms.depot : « {values['depot']} » n'est pas un dépôt "
                            "de la forme groupe/projet")
    for key in ("gitlab_url", "oauth_url"):
        if values.get(key) and not values[key].startswith("https://"):
            raise SettingsError(f"mkdocs.yml : extra.cms.{key} : une adresse https:// est attendue")
    return Settings(**values)


def backend(settings: Settings) -> dict[str, Any]:
    if settings.forge == "github":
        config = {"name": "github", "repo": settings.depot, "branch": settings.branche}
        if settings.oauth_url:
            config["base_url"] = settings.oauth_url
        return config
    base = settings.gitlab_url.rstrip("/")
    return {"name": "gitlab", "repo": settings.depot, "branch": settings.branche,
            "base_url": base, "api_root": f"{base}/api/v4", "auth_type": "pkce", "app_id": settings.app_id}


def config(settings: Settings | None = None) -> dict[str, Any]:
    """The published configuration: the forge, one merge request per change."""
    settings = settings or Settings()
    return {
        "locale": "fr",
        "backend": backend(settings),
        "publish_mode": "editorial_workflow",
        **_common(),
    }


def local_config(api_url: str) -> dict[str, Any]:
    """The configuration of ``ecole-entreprise cms``: the local backend writes the files of
    the working copy (no branch, no merge request: the editor commits as usual)."""
    return {
        "locale": "fr",
        "backend": {"name": "proxy", "proxy_url": api_url, "branch": "main"},
        "publish_mode": "simple",
        **_common(),
    }


def _common() -> dict[str, Any]:
    return {
        "media_folder": MEDIA_FOLDER,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection(t) for t in content_types()],
    }


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


# --- collections and fields -----------------------------------------------------------------

def collection(type_: ContentType) -> dict[str, Any]:
    root = type_.schema
    fields = _fields(root, registry().resolver(base_uri=root["$id"]))
    label = root.get("title", type_.name)
    base: dict[str, Any] = {"name": type_.name, "label": label, "label_singular": label,
                            "description": root.get("description", ""),
                            "editor": {"preview": False}}
    if type_.single_file:
        return {**base, "files": [{"name": type_.name, "label": label, "file": type_.pattern,
                                   "format": "yml", "fields": fields}]}
    return {**base, "folder": type_.folder, "extension": "yml", "format": "yml",
            "create": True, "delete": False, "identifier_field": "id", "slug": "{{id}}",
            "summary": "{{" + _display_field(type_.name) + "}}", "fields": fields}


def _fields(node: dict[str, Any], resolver) -> list[dict[str, Any]]:
    required = set(node.get("required", []))
    return [_field(key, resolved(child, resolver), key in required, resolver)
            for key, child in node.get("properties", {}).items()]


def label(key: str, node: dict[str, Any]) -> str:
    if node.get("title"):
        return node["title"]
    words = [_ACCENTS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def singular(label: str) -> str:
    """« Points de vigilance » → « point de vigilance »: a plural ends in s in these labels."""
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ours") else w for w in label.split(" ")]
    return " ".join(words).lower()


def _field(key: str, node: dict[str, Any], required: bool, resolver) -> dict[str, Any]:
    field: dict[str, Any] = {"name": key, "label": label(key, node), "required": required}
    if node.get("type") == "array":
        field["label_singular"] = singular(field["label"])     # « Ajouter action »
    hint = node.get("description", "")
    widget = _widget(node, resolver)
    if node.get("format") == "date-fr":
        hint = f"{hint} {date_hint()}".strip()
    if hint:
        field["hint"] = hint
    field.update(widget)
    if key == "statut" and "options" in field and "brouillon" in node.get("enum", []):
        field["default"] = "brouillon"     # a new record starts as a draft, as with `new`
    return field


def _widget(node: dict[str, Any], resolver) -> dict[str, Any]:
    if "const" in node:
        return {"widget": "hidden", "default": node["const"]}
    if "enum" in node:
        return {"widget": "select", "options": _options(node)}
    type_ = node.get("type")
    if type_ == "integer" or type_ == "number":
        spec: dict[str, Any] = {"widget": "number", "value_type": "int" if type_ == "integer" else "float"}
        if "minimum" in node:
            spec["min"] = node["minimum"]
        if "maximum" in node:
            spec["max"] = node["maximum"]
        return spec
    if type_ == "boolean":
        return {"widget": "boolean", "default": False}
    if type_ == "object":
        return {"widget": "object", "collapsed": False, "fields": _fields(node, resolver)}
    if type_ == "array":
        return _list(node, resolver)
    if "x-reference" in node:
        return _relation(node["x-reference"], multiple=False)
    if node.get("contentMediaType") == "text/markdown":
        return {"widget": "markdown", "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                "editor_components": [], "modes": ["raw", "rich_text"]}
    spec = {"widget": "string"}
    if node.get("format") == "date-fr":
        spec["pattern"] = [date_pattern(), "Date non reconnue : écrivez-la comme l'une des formes "
                                           "données sous le champ (par exemple « janvier 2016 »)"]
    elif "pattern" in node and node["pattern"] != r"\S":
        spec["pattern"] = [node["pattern"], "Valeur refusée : " + (node.get("description") or "forme inattendue.")]
    return spec


def _list(node: dict[str, Any], resolver) -> dict[str, Any]:
    items = resolved(node.get("items", {}), resolver)
    bounds = {k: node[v] for k, v in (("min", "minItems"), ("max", "maxItems")) if v in node}
    if "x-reference" in items:
        return {**_relation(items["x-reference"], multiple=True), **bounds}
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": _options(items), **bounds}
    if items.get("type") == "object":
        fields = _fields(items, resolver)
        return {"widget": "list", "collapsed": False, "summary": "{{fields." + fields[0]["name"] + "}}",
                "fields": fields, **bounds}
    # a list of texts: one field per item (the Markdown editor when they are Markdown)
    item = _widget(items, resolver)
    return {"widget": "list", "collapsed": False, "field": {"name": "element", "label": "Élément", **item}, **bounds}


def _options(node: dict[str, Any]) -> list[dict[str, str]]:
    labels = node.get("x-libelles", {})
    return [{"label": labels.get(v, str(v)), "value": v} for v in node["enum"]]


def _display_field(type_name: str) -> str:
    properties = schema(type_name).get("properties", {})
    return next((f for f in ("titre", "nom", "sigle") if f in properties), "id")


def _relation(target: str, multiple: bool) -> dict[str, Any]:
    single = next((t for t in content_types() if t.name == target and t.single_file), None)
    if single is not None:
        # a type with one file (mooc/parcours.yml): its one id, the file's name
        stem = PurePosixPath(single.pattern).stem
        return {"widget": "select", "multiple": multiple,
                "options": [{"label": single.schema.get("title", stem), "value": stem}]}
    shown = _display_field(target)
    return {"widget": "relation", "collection": target, "value_field": "id",
            "search_fields": sorted({"id", shown}), "display_fields": [shown],
            "multiple": multiple, "options_length": 200}


# --- dates ----------------------------------------------------------------------------------

# One example of each family of dates.FORMES_ACCEPTEES (the guide lists them all).
_DATE_EXAMPLES = ("1er janvier 2017", "janvier 2016", "début 2016", "rentrée 2016", "premier trimestre",
                  "2016-2017", "pendant l'année scolaire", "mai - juin", "de janvier à mars 2016",
                  "jusqu'à janvier 2016")


def date_hint() -> str:
    examples = [f for f in dates.FORMES_ACCEPTEES if f in _DATE_EXAMPLES]
    return ("Date écrite en français, par exemple " + ", ".join(f"« {f} »" for f in examples)
            + " (toutes les formes : guide des éditeurs).")


_LETTERS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç", "y": "yÿ"}


def date_words() -> set[str]:
    """The words the date parser knows, read from its own patterns and examples."""
    texts = [p.pattern for p in vars(dates).values() if isinstance(p, re.Pattern)]
    texts += [re.sub(r"\(.*?\)", "", f) for f in dates.FORMES_ACCEPTEES] + list(dates.MOIS)
    words = set()
    for text in texts:
        text = re.sub(r"\(\?P<\w+>", "(", text)                 # group names are not words
        text = re.sub(r"\\[a-zA-Z]", " ", text)                  # nor escapes (\S, \s)
        words.update(w for w in re.findall(r"[^\W\d_]+", dates._sans_accents(text).lower()) if w)
    return words


def date_pattern() -> str:
    """A pattern for the form: only the parser's words, digits and separators, with an
    optional note in brackets. A typing mistake (« janvir 2016 ») is refused as it is
    typed; a well-spelt impossible date (« 31 avril 2016 ») is left to `check`."""
    def word(w: str) -> str:
        return "".join(f"[{_LETTERS.get(c, c)}{_LETTERS.get(c, c).upper()}]" for c in w)

    words = "|".join(word(w) for w in sorted(date_words(), key=lambda w: (-len(w), w)))
    return rf"^\s*(?:(?:{words})(?![^\W\d_])|[0-9]+|[\s'’./,–—-])+(?:\([^()]*\))?\s*\.?\s*$"


# --- the published page -------------------------------------------------------------------------

def admin_pages(root: Path) -> list[tuple[str, str]]:
    """``admin/index.html`` and ``admin/config.yml`` for the docs folder (path, text).
    Not configured (no repository in extra.cms), the page says what to fill in."""
    try:
        settings, problem = read_settings(root), ""
    except SettingsError as error:
        settings, problem = Settings(), str(error)
    index = admin_html(f"../{CMS_SCRIPT}", configured=settings.configured, problem=problem)
    pages = [(f"{ADMIN_DIR}/index.html", index)]
    if settings.configured:
        pages.append((f"{ADMIN_DIR}/config.yml", as_yaml(config(settings))))
    return pages


def admin_html(script: str, configured: bool = True, config_url: str = "config.yml", problem: str = "") -> str:
    head = ('<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="robots" content="noindex, nofollow">\n'
            + (f'<link href="{html.escape(config_url)}" type="text/yaml" rel="cms-config-url">\n' if configured else '')
            + '<title>Éditeur de contenu — École-entreprise</title>\n</head>\n<body>\n')
    if not configured:
        return head + ('<main>\n<h1>Éditeur de contenu</h1>\n<p>L\'éditeur n\'est pas encore relié à la forge. '
                       'Renseignez <code>extra.cms</code> dans <code>mkdocs.yml</code> (dépôt, branche, adresse '
                       'GitLab et identifiant de l\'application OAuth) : voir le guide des éditeurs, page '
                       '« Éditer avec le formulaire ». Sur son poste, <code>ecole-entreprise cms</code> ouvre '
                       'l\'éditeur sur les fichiers du dossier.</p>\n'
                       + (f'<p><strong>{html.escape(problem)}</strong></p>\n' if problem else '')
                       + '</main>\n</body>\n</html>\n')
    # Markdown opens as text (the file's own Markdown, kept as written) unless the editor
    # chose the rich-text mode once; Decap's default, rich text, rewrites Markdown it saves.
    return head + ('<script>try { localStorage.getItem("cms.md-mode") || '
                   'localStorage.setItem("cms.md-mode", "raw"); } catch (e) {}</script>\n'
                   f'<script src="{html.escape(script)}"></script>\n</body>\n</html>\n')
