"""French dates as editors write them, parsed once into intervals.

Editors copy dates from official texts (« jusqu'à janvier 2016 », « rentrée de
septembre 2016 », « Mai - Juin »...).  ``parse`` turns such a text into a
``Quand``: an interval of days (bounds included, ``None`` = open) with the
precision the editor used, and ``Quand.libelle`` shows it back in normalised
French long form.

Input is case-insensitive, accents are optional (« fevrier », « aout »),
apostrophes may be typographic, spaces are free, a trailing parenthetical is
kept as ``note`` and a trailing full stop is ignored.

Accepted forms (examples; « … » stands for any single form of the first groups):

* day (precision ``jour``): « 1er janvier 2017 », « 1 janvier 2017 »,
  « le 15 mars 2016 », ISO « 2017-01-01 », « 01/01/2017 »
* month (``mois``): « janvier 2016 », « en janvier 2016 », « courant janvier
  2016 », « au mois de janvier 2016 »; thirds of a month, still ``mois``
  because the editor named a month and merely narrowed it: « début janvier
  2016 » (1–10), « mi-janvier 2016 » (11–20), « fin janvier 2016 » (21–end)
* part of a year (``saison``): « début 2016 » (janvier–avril), « mi-2016 »
  (mai–août), « fin 2016 » (septembre–décembre), « printemps 2016 » (21 mars –
  20 juin), « été 2016 » (21 juin – 22 septembre), « automne 2016 »
  (23 septembre – 20 décembre), « hiver 2016 » (21 décembre 2016 – 20 mars
  2017), « rentrée 2016 », « rentrée de septembre 2016 », « rentrée scolaire
  2016 » (1–30 septembre), « premier semestre 2016 », « second semestre 2016 »
* year (``annee``): « 2016 », « en 2016 », « courant 2016 », « année 2016 »
* school year (``annee_scolaire``): « année scolaire 2016-2017 », « 2016-2017 »,
  « 2016/2017 » (1er septembre 2016 – 31 août 2017)
* relative to the current school year (``relatif`` True, placed with the
  ``annee_scolaire`` argument: septembre–décembre in that year, janvier–août
  in the next): « pendant l'année scolaire », « durant l'année scolaire »,
  « toute l'année », « tout au long de l'année scolaire » (1er septembre –
  30 juin, i.e. school time); « premier trimestre » (septembre–décembre),
  « deuxième trimestre » / « second trimestre » (janvier–mars), « troisième
  trimestre » (avril–juin); « rentrée »; a month, a day or a season without a
  year (« septembre », « 1er mars », « printemps »).  A trimester of a given
  school year: « premier trimestre 2016-2017 » (not relative).
* ranges: « de janvier à mars 2016 », « janvier - mars 2016 », « septembre
  2016 - juin 2017 », « du 1er mars au 15 avril 2016 », « entre mai et juin
  2016 », « 2016 - 2018 »; without any year they are relative: « mai - juin »,
  « mai – juin », « mai à juin », « de mai à juin », « d'octobre à décembre ».
  A start without a year takes the year of the end (« mai - janvier 2016 » is
  refused: it ends before it starts); an end without a year takes the year of
  the start, or the next one when needed (« septembre 2016 - juin »).
  Precision of a range = the coarser precision of its two ends.  A hyphen
  with no spaces between digits is not a range separator (« 2016-2017 » is a
  school year, « printemps 2016-2017 » is refused), except between two bare
  years: « 2016-2018 ».
* open bounds (precision of the inner date): « jusqu'à … », « jusqu'en … »,
  « jusqu'au … » (no start, end of …); « avant … » (no start, day before …);
  « à partir de … », « dès … », « depuis … », « à compter de … » (start of …,
  no end); « après … » (day after …, no end).

``parse`` also takes the ``date`` and ``int`` that YAML makes of unquoted
``2026-11-02`` and ``2016``.  Anything else raises ``DateInvalide`` whose message, in French for editors,
lists ``FORMES_ACCEPTEES``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

__all__ = [
    "FORMES_ACCEPTEES",
    "PRECISIONS",
    "DateInvalide",
    "Quand",
    "annee_scolaire_de",
    "libelle_jour",
    "libelle_annee_scolaire",
    "parse",
]

# From finest to coarsest: a range takes the coarser precision of its ends.
PRECISIONS = ("jour", "mois", "saison", "annee", "annee_scolaire")

FORMES_ACCEPTEES: tuple[str, ...] = (
    "1er janvier 2017",
    "15 mars 2016",
    "2017-01-01",
    "01/01/2017",
    "janvier 2016",
    "courant janvier 2016",
    "début janvier 2016",
    "mi-janvier 2016",
    "fin janvier 2016",
    "début 2016",
    "mi-2016",
    "fin 2016",
    "printemps 2016",
    "été 2016",
    "automne 2016",
    "hiver 2016",
    "rentrée 2016",
    "rentrée de septembre 2016",
    "premier semestre 2016",
    "second semestre 2016",
    "2016",
    "courant 2016",
    "année scolaire 2016-2017",
    "2016-2017",
    "pendant l'année scolaire",
    "toute l'année",
    "premier trimestre",
    "deuxième trimestre",
    "troisième trimestre",
    "rentrée",
    "septembre",
    "mai - juin",
    "d'octobre à décembre",
    "de janvier à mars 2016",
    "septembre 2016 - juin 2017",
    "du 1er mars au 15 avril 2016",
    "jusqu'à janvier 2016",
    "avant janvier 2016",
    "à partir de janvier 2016",
    "dès la rentrée 2016",
    "depuis 2016",
    "pendant l'année scolaire (en particulier pendant la semaine école-entreprise)",
)

# Years outside this window are typing mistakes in this corpus (and keep
# date arithmetic such as « hiver 9999 » from overflowing).
ANNEE_MIN, ANNEE_MAX = 1900, 2199
# Longer texts are prose, not dates; the cap also bounds the range search.
LONGUEUR_MAX = 120


class DateInvalide(ValueError):
    """A date text that cannot be understood; ``str(e)`` is for editors, in French."""

    def __init__(self, message: str, *, texte: str = "", raison: str = "") -> None:
        super().__init__(message)
        self.texte = texte
        self.raison = raison


def _refus(texte: str, raison: str = "date non reconnue", detail: str = "") -> DateInvalide:
    formes = ", ".join(f"« {f} »" for f in FORMES_ACCEPTEES)
    cite = f" : « {texte} »" if texte else ""
    detail = f" ({detail})" if detail else ""
    message = f"{raison}{cite}{detail}. Formes acceptées : {formes}."
    return DateInvalide(message, texte=texte, raison=raison)


class _Impossible(Exception):
    """Raised inside the parser when a text has a known shape but impossible
    values (« 30 février 2016 »); turned into DateInvalide with the editor's text."""

    def __init__(self, raison: str, detail: str = "") -> None:
        super().__init__(raison)
        self.raison = raison
        self.detail = detail


def annee_scolaire_de(d: date) -> int:
    """Starting year of the school year containing ``d`` (it starts in September)."""
    return d.year if d.month >= 9 else d.year - 1


def libelle_annee_scolaire(a: int) -> str:
    return f"{a}-{a + 1}"


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


_NUMERO_MOIS = {_sans_accents(nom): numero for numero, nom in enumerate(MOIS, 1)}

# name -> (label, article, (start month, day), (years after start, end month, day))
_SAISONS = {
    "printemps": ("printemps", "le ", (3, 21), (0, 6, 20)),
    "ete": ("été", "l'", (6, 21), (0, 9, 22)),
    "automne": ("automne", "l'", (9, 23), (0, 12, 20)),
    "hiver": ("hiver", "l'", (12, 21), (1, 3, 20)),
}

# « début / mi / fin » of a year: thirds, as official texts use them.
_PARTIES_ANNEE = {"debut": ("début", 1, 4), "mi": ("mi", 5, 8), "fin": ("fin", 9, 12)}
# ... and of a month: first, middle and last ten days (end computed).
_PARTIES_MOIS = {"debut": ("début", 1, 10), "mi": ("mi", 11, 20), "fin": ("fin", 21, None)}

_RANGS = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "1ere": 1,
    "deuxieme": 2, "second": 2, "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2, "2nde": 2,
    "troisieme": 3, "3e": 3, "3eme": 3,
}
_NOMS_TRIMESTRES = {1: "premier", 2: "deuxième", 3: "troisième"}
_NOMS_SEMESTRES = {1: "premier", 2: "second"}
# School trimesters: (start month, end month); placed inside the school year.
_TRIMESTRES = {1: (9, 12), 2: (1, 3), 3: (4, 6)}

_VOYELLES = tuple("aeiouyéèêàâîôû")

# --------------------------------------------------------------------------
# Regular expressions (on normalised text: lower case, no accents, straight
# apostrophes with no space after them, single spaces, ASCII hyphens)
# --------------------------------------------------------------------------

_X = re.ASCII
_MOIS_RE = "|".join(sorted(_NUMERO_MOIS, key=len, reverse=True))
_RANG_RE = "|".join(sorted(_RANGS, key=len, reverse=True))
_AN = r"(?P<annee>[0-9]{4})"
_AN_SCOLAIRE = r"(?P<a1>[0-9]{4}) ?[-/] ?(?P<a2>[0-9]{4})"

_RE_ISO = re.compile(r"(?P<annee>[0-9]{4})-(?P<mois>[0-9]{2})-(?P<jour>[0-9]{2})", _X)
_RE_NUMERIQUE = re.compile(r"(?P<jour>[0-9]{1,2})/(?P<mois>[0-9]{1,2})/(?P<annee>[0-9]{4})", _X)
_RE_JOUR = re.compile(rf"(?P<jour>[0-9]{{1,2}}|1 ?er|premier) (?P<mois>{_MOIS_RE})(?: {_AN})?", _X)
_RE_PARTIE_MOIS = re.compile(
    rf"(?P<partie>debut|mi|fin)(?: ?- ?| )(?:de |d')?(?P<mois>{_MOIS_RE})(?: {_AN})?", _X
)
_RE_MOIS = re.compile(rf"(?:mois (?:de |d'))?(?P<mois>{_MOIS_RE})(?: {_AN})?", _X)
_RE_SAISON = re.compile(rf"(?P<saison>printemps|ete|automne|hiver)(?: {_AN})?", _X)
_RE_PARTIE_ANNEE = re.compile(
    rf"(?P<partie>debut|mi|fin)(?: ?- ?| )(?:de l'annee |d'annee )?{_AN}", _X
)
_RE_SEMESTRE = re.compile(rf"(?P<rang>{_RANG_RE}) semestre(?: {_AN})?", _X)
_RE_RENTREE = re.compile(
    rf"rentree(?: scolaire)?(?: de septembre)?(?: (?:{_AN}|{_AN_SCOLAIRE}))?", _X
)
_RE_ANNEE = re.compile(rf"(?:annee(?: civile)? )?{_AN}", _X)
_RE_ANNEE_SCOLAIRE = re.compile(rf"(?P<mot>annee scolaire )?{_AN_SCOLAIRE}", _X)
_RE_ANNEE_SCOLAIRE_RELATIVE = re.compile(
    r"(?:toute l'|tout au long de l')?annee(?: scolaire)?(?: en cours)?", _X
)
_RE_TRIMESTRE = re.compile(
    rf"(?P<rang>{_RANG_RE}) trimestre(?: (?:de l'annee scolaire |scolaire )?(?:{_AN_SCOLAIRE}|{_AN}))?",
    _X,
)

# Words that may precede a single date without changing it.  At most two, so
# « au cours de l'année » passes but a pile of articles does not.
_RE_PREFIXE_TERME = re.compile(
    r"(?:(?:en|courant|pendant|durant|au cours de|au mois de|au|a|le|la|les) "
    r"|(?:l|au cours d|au mois d)'){0,2}",
    _X,
)
_RE_BORNE = re.compile(
    r"(?P<op>jusqu'au|jusqu'aux|jusqu'en|jusqu'a|jusque|avant|apres"
    r"|a partir du|a partir de|a partir d'|a compter du|a compter de|a compter d'"
    r"|des|depuis)\b ?(?P<reste>.+)",
    _X,
)
_OPERATEURS = {
    "jusqu'au": "jusqu", "jusqu'aux": "jusqu", "jusqu'en": "jusqu", "jusqu'a": "jusqu",
    "jusque": "jusqu", "avant": "avant", "apres": "apres",
    "a partir du": "depuis", "a partir de": "depuis", "a partir d'": "depuis",
    "a compter du": "depuis", "a compter de": "depuis", "a compter d'": "depuis",
    "des": "depuis", "depuis": "depuis",
}
_RE_DEBUT_INTERVALLE = re.compile(r"(?:(?P<mot>de|du|entre) |d')?", _X)
_RE_SEPARATEUR = re.compile(r" ?- ?| (?P<mot>a|au|aux|et|jusqu'a|jusqu'au) ", _X)
_RE_QUATRE_CHIFFRES = re.compile(r"[0-9]{4}", _X)
_RE_NOTE = re.compile(r"(?P<corps>.*?)\s*\((?P<note>[^()]*)\)", re.S)

_TYPOGRAPHIE = str.maketrans({
    **{c: "'" for c in "\u2019\u2018\u02bc\u2032\u00b4`"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
})


def _normaliser(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.translate(_TYPOGRAPHIE).lower())
    texte = "".join(c for c in texte if not unicodedata.combining(c))
    texte = " ".join(texte.split())
    texte = re.sub(r" ?' ?", "'", texte)
    return texte.rstrip(" .")


# --------------------------------------------------------------------------
# Intermediate values
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Contexte:
    """Where to place a date written without a year.

    ``scolaire``: ``annee`` starts a school year (septembre–décembre in
    ``annee``, janvier–août in ``annee + 1``); otherwise a calendar year.
    ``relatif``: the year comes from the caller's school year, not the text."""

    annee: int
    scolaire: bool
    relatif: bool = False

    def placer(self, mois: int) -> int:
        return self.annee + 1 if self.scolaire and mois < 9 else self.annee

    def suivant(self) -> _Contexte:
        return replace(self, annee=self.annee + 1)


@dataclass(frozen=True)
class _Terme:
    debut: date | None
    fin: date | None
    precision: str
    relatif: bool
    complet: str                 # normalised label, with its year
    court: str = ""              # label without the year, for « de janvier à mars 2016 »
    annee_txt: str = ""          # year as shown; equal years are written once in ranges
    article: str = ""            # "le ", "la ", "l'" or "": for « du », « au », « de la »...
    contexte: _Contexte | None = None  # set when the text gave a year: placing its partner
    seul: bool = False           # cannot be a range end or an open bound


def _jour_ou_refus(annee: int, mois: int, jour: int) -> date:
    try:
        return date(annee, mois, jour)
    except ValueError:
        raise _Impossible("date impossible", "ce jour n'existe pas") from None


def _verifier_annee(annee: int) -> int:
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise _Impossible("année hors limites", f"entre {ANNEE_MIN} et {ANNEE_MAX}")
    return annee


def _dernier_jour(annee: int, mois: int) -> date:
    return date(annee, mois, calendar.monthrange(annee, mois)[1])


def _annee_scolaire_ecrite(m: re.Match) -> int:
    a1, a2 = int(m["a1"]), int(m["a2"])
    if a2 != a1 + 1:
        raise _Impossible("année scolaire incohérente", f"écrire par exemple « {a1}-{a1 + 1} »")
    return _verifier_annee(a1)


def _placer(m: re.Match, ctx: _Contexte, mois: int) -> tuple[int, bool, str, _Contexte | None]:
    """Year of a month-based date: written in the text, or given by ``ctx``.

    Returns (year, relatif, year as shown, context for a range partner)."""
    if m["annee"]:
        annee = _verifier_annee(int(m["annee"]))
        return annee, False, str(annee), _Contexte(annee, scolaire=False)
    annee = _verifier_annee(ctx.placer(mois))
    return annee, ctx.relatif, "" if ctx.relatif else str(annee), None


def _avec_annee(nom: str, annee_txt: str) -> str:
    return f"{nom} {annee_txt}" if annee_txt else nom


def _nom_jour(jour: int, mois: int) -> str:
    return f"{'1er' if jour == 1 else jour} {MOIS[mois - 1]}"


def libelle_jour(d: date) -> str:
    """A day in French long form, as a date text of that day is shown: « 2 décembre 2026 »."""
    return f"{_nom_jour(d.day, d.month)} {d.year}"


# --------------------------------------------------------------------------
# One function per family of single dates: (normalised text, context) ->
# _Terme, or None when the text does not have that shape.
# --------------------------------------------------------------------------


def _jour_chiffres(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_ISO.fullmatch(s) or _RE_NUMERIQUE.fullmatch(s)
    if not m:
        return None
    annee, mois, jour = _verifier_annee(int(m["annee"])), int(m["mois"]), int(m["jour"])
    d = _jour_ou_refus(annee, mois, jour)
    return _Terme(d, d, "jour", False, f"{_nom_jour(jour, mois)} {annee}",
                  _nom_jour(jour, mois), str(annee), "le ", _Contexte(annee, False))


def _jour(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_JOUR.fullmatch(s)
    if not m:
        return None
    jour = 1 if not m["jour"].isdigit() else int(m["jour"])
    mois = _NUMERO_MOIS[m["mois"]]
    annee, relatif, annee_txt, contexte = _placer(m, ctx, mois)
    d = _jour_ou_refus(annee, mois, jour)
    nom = _nom_jour(jour, mois)
    return _Terme(d, d, "jour", relatif, _avec_annee(nom, annee_txt), nom, annee_txt, "le ", contexte)


def _partie_mois(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_PARTIE_MOIS.fullmatch(s)
    if not m:
        return None
    mois = _NUMERO_MOIS[m["mois"]]
    annee, relatif, annee_txt, contexte = _placer(m, ctx, mois)
    nom_partie, premier, dernier = _PARTIES_MOIS[m["partie"]]
    fin = _dernier_jour(annee, mois) if dernier is None else date(annee, mois, dernier)
    sep = "-" if nom_partie == "mi" else " "
    nom = f"{nom_partie}{sep}{MOIS[mois - 1]}"
    return _Terme(date(annee, mois, premier), fin, "mois", relatif,
                  _avec_annee(nom, annee_txt), nom, annee_txt, "", contexte)


def _mois(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_MOIS.fullmatch(s)
    if not m:
        return None
    mois = _NUMERO_MOIS[m["mois"]]
    annee, relatif, annee_txt, contexte = _placer(m, ctx, mois)
    nom = MOIS[mois - 1]
    return _Terme(date(annee, mois, 1), _dernier_jour(annee, mois), "mois", relatif,
                  _avec_annee(nom, annee_txt), nom, annee_txt, "", contexte)


def _saison(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_SAISON.fullmatch(s)
    if not m:
        return None
    nom, article, (mois1, jour1), (decalage, mois2, jour2) = _SAISONS[m["saison"]]
    annee, relatif, annee_txt, contexte = _placer(m, ctx, mois1)
    return _Terme(date(annee, mois1, jour1), date(annee + decalage, mois2, jour2), "saison",
                  relatif, _avec_annee(nom, annee_txt), nom, annee_txt, article, contexte)


def _partie_annee(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_PARTIE_ANNEE.fullmatch(s)
    if not m:
        return None
    annee = _verifier_annee(int(m["annee"]))
    nom, mois1, mois2 = _PARTIES_ANNEE[m["partie"]]
    libelle = f"mi-{annee}" if nom == "mi" else f"{nom} {annee}"
    # No short form: « de début à fin 2016 » would not read back as intended.
    return _Terme(date(annee, mois1, 1), _dernier_jour(annee, mois2), "saison", False,
                  libelle, libelle, str(annee), "", _Contexte(annee, False))


def _semestre(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_SEMESTRE.fullmatch(s)
    if not m:
        return None
    rang = _RANGS[m["rang"]]
    if rang not in _NOMS_SEMESTRES:
        raise _Impossible("semestre inexistant", "une année n'a que deux semestres")
    if not m["annee"]:
        # School semesters vary between schools: no safe relative placement.
        raise _Impossible("année manquante", "écrire par exemple « premier semestre 2016 »")
    annee = _verifier_annee(int(m["annee"]))
    mois1 = 1 if rang == 1 else 7
    nom = f"{_NOMS_SEMESTRES[rang]} semestre"
    return _Terme(date(annee, mois1, 1), _dernier_jour(annee, mois1 + 5), "saison", False,
                  f"{nom} {annee}", nom, str(annee), "le ", _Contexte(annee, False))


def _rentree(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_RENTREE.fullmatch(s)
    if not m:
        return None
    if m["a1"]:
        annee = _annee_scolaire_ecrite(m)
        relatif, annee_txt, contexte = False, str(annee), _Contexte(annee, False)
    else:
        annee, relatif, annee_txt, contexte = _placer(m, ctx, 9)
    return _Terme(date(annee, 9, 1), date(annee, 9, 30), "saison", relatif,
                  _avec_annee("rentrée", annee_txt), "rentrée", annee_txt, "la ", contexte)


def _annee(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_ANNEE.fullmatch(s)
    if not m:
        return None
    annee = _verifier_annee(int(m["annee"]))
    return _Terme(date(annee, 1, 1), date(annee, 12, 31), "annee", False,
                  str(annee), str(annee), str(annee), "", _Contexte(annee, False))


def _annee_scolaire(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_ANNEE_SCOLAIRE.fullmatch(s)
    if not m:
        return None
    if not m["mot"] and int(m["a2"]) != int(m["a1"]) + 1:
        return None  # « 2016-2018 »: a range of years, handled by _intervalle
    annee = _annee_scolaire_ecrite(m)
    txt = libelle_annee_scolaire(annee)
    return _Terme(date(annee, 9, 1), date(annee + 1, 8, 31), "annee_scolaire", False,
                  f"année scolaire {txt}", f"année scolaire {txt}", txt, "l'",
                  _Contexte(annee, scolaire=True))


def _annee_scolaire_relative(s: str, ctx: _Contexte) -> _Terme | None:
    if not _RE_ANNEE_SCOLAIRE_RELATIVE.fullmatch(s) or not ctx.relatif:
        return None
    # School time only (septembre–juin): the summer holidays are not « pendant
    # l'année scolaire » for an action with pupils.
    annee = _verifier_annee(ctx.annee)
    return _Terme(date(annee, 9, 1), date(annee + 1, 6, 30), "annee_scolaire", True,
                  "pendant l'année scolaire", seul=True)


def _trimestre(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_TRIMESTRE.fullmatch(s)
    if not m:
        return None
    rang = _RANGS[m["rang"]]
    if rang not in _TRIMESTRES:
        raise _Impossible("trimestre inexistant", "une année scolaire a trois trimestres")
    if m["annee"]:
        # « premier trimestre 2016 »: school or calendar quarter? Refuse to guess.
        raise _Impossible(
            "trimestre ambigu",
            "écrire « premier trimestre » pour l'année scolaire en cours, "
            "« premier trimestre 2016-2017 » ou « de janvier à mars 2016 »",
        )
    nom = f"{_NOMS_TRIMESTRES[rang]} trimestre"
    mois1, mois2 = _TRIMESTRES[rang]
    if m["a1"]:
        scolaire = _annee_scolaire_ecrite(m)
        ctx = _Contexte(scolaire, scolaire=True)
        relatif, annee_txt, contexte = False, libelle_annee_scolaire(scolaire), ctx
    else:
        relatif, annee_txt, contexte = ctx.relatif, "", None
    annee1, annee2 = _verifier_annee(ctx.placer(mois1)), _verifier_annee(ctx.placer(mois2))
    return _Terme(date(annee1, mois1, 1), _dernier_jour(annee2, mois2), "saison", relatif,
                  _avec_annee(nom, annee_txt), nom, annee_txt, "le ", contexte)


_FAMILLES = (
    _jour_chiffres, _jour, _partie_mois, _mois, _saison, _partie_annee, _semestre,
    _rentree, _annee_scolaire, _annee_scolaire_relative, _trimestre, _annee,
)


def _terme(s: str, ctx: _Contexte) -> _Terme | None:
    s = s[_RE_PREFIXE_TERME.match(s).end():]
    for famille in _FAMILLES:
        terme = famille(s, ctx)
        if terme is not None:
            return terme
    return None


# --------------------------------------------------------------------------
# French contractions for labels: « du 1er mars », « à la rentrée », « d'avril »
# --------------------------------------------------------------------------


def _de(t: _Terme, libelle: str) -> str:
    if t.article == "le ":
        return f"du {libelle}"
    if t.article:
        return f"de {t.article}{libelle}"
    return f"d'{libelle}" if libelle.startswith(_VOYELLES) else f"de {libelle}"


def _a(t: _Terme, libelle: str) -> str:
    if t.article == "le ":
        return f"au {libelle}"
    return f"à {t.article}{libelle}"


# --------------------------------------------------------------------------
# Combinations: open bounds and ranges
# --------------------------------------------------------------------------


def _borne_ouverte(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_BORNE.fullmatch(s)
    if not m:
        return None
    t = _terme(m["reste"], ctx)
    if t is None or t.seul:
        return None
    op = _OPERATEURS[m["op"]]
    un_jour = timedelta(days=1)
    if op == "jusqu":
        annee_seule = t.precision == "annee" and t.complet.isdigit()
        libelle = f"jusqu'en {t.complet}" if annee_seule else f"jusqu'{_a(t, t.complet)}"
        return replace(t, debut=None, complet=libelle, seul=True)
    if op == "avant":
        return replace(t, debut=None, fin=t.debut - un_jour,
                       complet=f"avant {t.article}{t.complet}", seul=True)
    if op == "apres":
        return replace(t, debut=t.fin + un_jour, fin=None,
                       complet=f"après {t.article}{t.complet}", seul=True)
    return replace(t, fin=None, complet=f"à partir {_de(t, t.complet)}", seul=True)


def _paire(gauche: str, droite: str, ctx: _Contexte) -> _Terme | None:
    fin = _terme(droite, ctx)
    if fin is None:
        return None
    if fin.contexte is not None:
        # The end carries the year: a start without one shares it.
        debut = _terme(gauche, fin.contexte)
    else:
        debut = _terme(gauche, ctx)
        if debut is not None and debut.contexte is not None:
            # « septembre 2016 - juin »: the end follows the start's year, or
            # the next one when it would otherwise end before starting.
            fin = _terme(droite, debut.contexte)
            if fin is not None and fin.debut < debut.debut:
                fin = _terme(droite, debut.contexte.suivant())
    if debut is None or fin is None or debut.seul or fin.seul:
        return None
    if fin.debut < debut.debut or fin.fin < debut.fin:
        raise _Impossible("période à l'envers", "la fin précède le début")
    precision = max(debut.precision, fin.precision, key=PRECISIONS.index)
    relatif = debut.relatif and fin.relatif
    if relatif:
        libelle = f"{debut.complet} – {fin.complet}"
    else:
        meme_annee = debut.annee_txt and debut.annee_txt == fin.annee_txt
        libelle = f"{_de(debut, debut.court if meme_annee else debut.complet)} {_a(fin, fin.complet)}"
    return _Terme(debut.debut, fin.fin, precision, relatif, libelle, seul=True)


def _intervalle(s: str, ctx: _Contexte) -> _Terme | None:
    m = _RE_DEBUT_INTERVALLE.match(s)
    entre = m["mot"] == "entre"
    reste = s[m.end():]
    premiere_erreur: _Impossible | None = None
    # Try every separator: « mi-2016 - fin 2016 » splits at its second hyphen.
    for sep in _RE_SEPARATEUR.finditer(reste):
        if (sep["mot"] == "et") != entre:
            continue
        gauche, droite = reste[:sep.start()], reste[sep.end():]
        if not gauche or not droite:
            continue
        if sep[0] == "-" and gauche[-1].isdigit() and droite[0].isdigit() and not (
            _RE_QUATRE_CHIFFRES.fullmatch(gauche) and _RE_QUATRE_CHIFFRES.fullmatch(droite)
        ):
            # A tight hyphen between digits belongs to « 2016-2017 » or an ISO
            # date: « printemps 2016-2017 » must not become « printemps 2016 »
            # to « 2017 ».  Only « 2016-2018 » (two bare years) is a range.
            continue
        try:
            resultat = _paire(gauche, droite, ctx)
        except _Impossible as erreur:
            premiere_erreur = premiere_erreur or erreur
            continue
        if resultat is not None:
            return resultat
    if premiere_erreur is not None:
        raise premiere_erreur
    return None


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Quand:
    """A date as an editor wrote it, as an interval of days (bounds included)."""

    texte: str
    debut: date | None
    fin: date | None
    precision: str
    relatif: bool
    note: str = ""
    # Normalised label computed by parse(); not part of equality since it is
    # derived from ``texte``.
    forme: str = field(default="", repr=False, compare=False)

    def cle(self) -> date:
        """Sort key: start, or end for « jusqu'à … »."""
        if self.debut is not None:
            return self.debut
        return self.fin if self.fin is not None else date.min

    def libelle(self) -> str:
        if self.forme:
            return self.forme
        # Built by hand rather than by parse(): recompute from the text.
        try:
            return parse(self.texte).libelle()
        except DateInvalide:
            return self.texte

    def __str__(self) -> str:
        return self.libelle()

    def contient(self, autre: Quand) -> bool:
        """``autre`` lies inside ``self``; an open bound of ``self`` is unbounded,
        an open bound of ``autre`` only fits inside an open bound."""
        debut_ok = self.debut is None or (autre.debut is not None and self.debut <= autre.debut)
        fin_ok = self.fin is None or (autre.fin is not None and autre.fin <= self.fin)
        return debut_ok and fin_ok

    def avant(self, autre: Quand) -> bool:
        """``self`` ends strictly before ``autre`` begins (no overlap at all)."""
        return self.fin is not None and autre.debut is not None and self.fin < autre.debut


def _en_texte(valeur: object) -> str:
    # YAML turns unquoted `2026-11-02` into a date and `2016` into an int.
    if isinstance(valeur, datetime):
        return valeur.date().isoformat()
    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return str(valeur)
    if isinstance(valeur, str):
        return valeur
    raise _refus("", f"date attendue sous forme de texte, reçu une valeur de type {type(valeur).__name__}")


def parse(texte: str, annee_scolaire: int = 2025) -> Quand:
    """Parse a French date text; forms without a year go into ``annee_scolaire``
    (its starting year: 2025 = septembre 2025 – août 2026)."""
    brut = _en_texte(texte).strip()
    note = ""
    m = _RE_NOTE.fullmatch(brut)
    corps = brut
    if m:
        corps, note = m["corps"], m["note"].strip()
    s = _normaliser(corps)
    if not s:
        raise _refus(brut, "date vide")
    if len(s) > LONGUEUR_MAX:
        raise _refus(brut, "texte trop long pour une date")
    ctx = _Contexte(annee_scolaire, scolaire=True, relatif=True)
    try:
        t = _borne_ouverte(s, ctx) or _terme(s, ctx) or _intervalle(s, ctx)
    except _Impossible as erreur:
        raise _refus(brut, erreur.raison, erreur.detail) from None
    if t is None:
        raise _refus(brut)
    return Quand(brut, t.debut, t.fin, t.precision, t.relatif, note, forme=t.complet)
