"""``ecole-entreprise``: the command line of editors and CI.

Argument parsing and output only; the work is in generate.py. Exit status: 0 when the
content is clean (warnings allowed), 1 when it has errors, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import traceback
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

import jinja2

from . import __version__, options, publish, search
from .generate import Result, build_docs, check, data_pages, generate, read_config
from . import registry, site_builder
from .archetypes import NewRecordError, new_record, types as archetype_types
from .report import as_text as report_text, dashboard
from .timeline import all_jalons

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

# argparse's own phrases, in French.
_ARGPARSE_FR = {
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "expected one argument": "une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "show program's version number and exit": "afficher la version et quitter",
}
argparse._ = lambda text: _ARGPARSE_FR.get(text, text)  # argparse looks its phrases up through _()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2, in French
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date attendue sous la forme AAAA-MM-JJ, pas « {text} »") from None


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ecole-entreprise",
                description="Vérifie le contenu des kits école-entreprise et construit le site.")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    p.add_argument("--racine", type=Path, default=Path("."), help="dossier du projet (par défaut : le dossier courant)")
    sub = p.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=_Parser)
    sub.required = True

    c = sub.add_parser("check", help="vérifier tout le contenu et lister les problèmes",
                       description="Vérifie chaque fichier de contenu et affiche tous les problèmes trouvés "
                                   "sous la forme fichier:ligne:colonne: niveau: message.")
    c.add_argument("--strict", action="store_true", help="traiter les avertissements comme des erreurs")
    c.add_argument("--format", choices=("texte", "json", "codeclimate", "github"), default="texte",
                   help="format de sortie : texte, json, codeclimate (rapport de qualité GitLab) "
                        "ou github (annotations GitHub Actions)")
    c.add_argument("--date", type=_date, help="date du jour à utiliser (AAAA-MM-JJ)")

    b = sub.add_parser("build", help="vérifier puis construire le site dans site/",
                       description="Vérifie le contenu, génère les pages puis construit le site. "
                                   "Le dossier site/ n'est remplacé que si tout a réussi.")
    b.add_argument("--strict", action="store_true", help="traiter les avertissements comme des erreurs")
    b.add_argument("--brouillons", action="store_true", help="publier aussi les brouillons (aperçu)")
    b.add_argument("--sortie", default="site",
                   help="dossier du site construit, nouveau ou déjà construit par ecole-entreprise (par défaut : site)")
    b.add_argument("--date", type=_date, help="date du jour à utiliser pour les échéances et l'agenda (AAAA-MM-JJ)")

    s = sub.add_parser("serve", help="aperçu du site qui se recharge à chaque enregistrement",
                       description="Lance un serveur local ; enregistrer un fichier YAML recharge la page.")
    s.add_argument("--brouillons", action="store_true", help="montrer aussi les brouillons, signalés comme tels")
    s.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute (par défaut : 127.0.0.1:8000)")

    t = sub.add_parser("timeline", help="tous les jalons et actions datés, dans l'ordre chronologique",
                       description="Affiche les jalons des mesures et les délais des actions, du plus ancien au "
                                   "plus récent, marqués passés, en cours ou à venir.")
    t.add_argument("--date", type=_date, help="date de référence (AAAA-MM-JJ ; par défaut : aujourd'hui)")
    t.add_argument("--format", choices=("texte", "json"), default="texte", help="format de sortie (texte ou json)")

    r = sub.add_parser("search", help="chercher dans le site comme le fait la recherche du site",
                       description="Cherche des mots dans les pages générées, avec la même analyse du français "
                                   "et le même classement que la recherche du site.")
    r.add_argument("requete", metavar="MOTS", help="les mots cherchés, entre guillemets")
    r.add_argument("--nombre", type=options.positive_count, default=10, help="nombre de résultats affichés (par défaut : 10)")
    r.add_argument("--filtre", action="append", default=[], metavar="CHAMP=VALEUR",
                   help="ne garder que les fiches dont le champ a cette valeur (ex. : niveaux=college) ; répétable")
    r.add_argument("--format", choices=("texte", "json"), default="texte", help="format de sortie (texte ou json)")

    r = sub.add_parser("report", help="tableau de bord : ce qui manque à chaque mesure, kit, fiche et module",
                       description="Pour chaque mesure, kit, fiche et module : les champs manquants, les alertes "
                                   "du contrôle (dont celles du calendrier), les contenus non mis à jour depuis plus "
                                   "de 12 mois et les fiches rattachées à aucun kit. La même page est construite "
                                   "dans l'aperçu (serve --brouillons) à l'adresse tableau-de-bord/.")
    r.add_argument("--date", type=_date, help="date du jour à utiliser (AAAA-MM-JJ)")
    r.add_argument("--format", choices=("texte", "json"), default="texte", help="format de sortie (texte ou json)")

    n = sub.add_parser("new", help="créer le squelette commenté d'un nouveau contenu, en brouillon",
                       description="Écrit un nouveau fichier (fiche, mesure, module, interlocuteur ou kit) dont "
                                   "chaque champ est expliqué en commentaire. Il est créé en brouillon : vérifié "
                                   "mais jamais publié tant que « statut: brouillon » reste écrit.")
    n.add_argument("type", choices=archetype_types(), metavar="TYPE",
                   help=f"type de contenu : {', '.join(archetype_types())} (acteur = interlocuteur)")
    n.add_argument("id", metavar="IDENTIFIANT", help="identifiant, qui sera aussi le nom du fichier (ex. visite-musee)")

    e = sub.add_parser("cms", help="ouvrir l'éditeur de contenu (formulaires) sur les fichiers du dossier",
                       description="Lance l'éditeur de contenu à formulaires sur ce poste : ses enregistrements "
                                   "écrivent les fichiers du dossier, que l'on vérifie puis propose comme d'habitude. "
                                   "Avec --config, affiche sa configuration, produite à partir des schémas.")
    e.add_argument("--config", action="store_true", help="afficher la configuration de l'éditeur (YAML) et quitter")
    e.add_argument("--adresse", default="127.0.0.1:8090", help="adresse d'écoute (par défaut : 127.0.0.1:8090)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        root = options.project_root(args.racine)
        return COMMANDS[args.commande](root, args)
    except options.OptionError as error:
        print(f"ecole-entreprise {args.commande} : erreur : {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:   # the output piped into a command that stopped reading (« | head »)
        sys.stderr.close()
        return EXIT_OK


def cmd_check(root: Path, args: argparse.Namespace) -> int:
    result = check(root, read_config(root, aujourdhui=args.date))
    return _report(result, args.strict, args.format)


def _report(result: Result, strict: bool, fmt: str = "texte") -> int:
    problems = result.problems.strict() if strict else result.problems
    if fmt == "json":
        print(problems.as_json())
    elif fmt == "codeclimate":
        print(problems.as_codeclimate())
    elif fmt == "github":
        if problems.items:
            print(problems.as_github())
        print(f"{_count_records(result)} — {problems.resume()}", file=sys.stderr)
    else:
        for problem in problems.sorted():
            print(problem)
        print(f"{_count_records(result)} — {problems.resume()}", file=sys.stderr)
    return EXIT_CONTENT if problems.erreurs else EXIT_OK


def _count_records(result: Result) -> str:
    n = sum(1 for _ in result.site) + len(result.site.unreadable)
    return f"{n} fichier{'s' if n > 1 else ''} de contenu vérifié{'s' if n > 1 else ''}"


def cmd_build(root: Path, args: argparse.Namespace) -> int:
    out = options.output_folder(root, args.sortie)
    with _build_lock(root):
        out = options.output_folder(root, args.sortie)   # again, under the lock: another build may have made it
        _remove_leftovers(out)
        config = read_config(root, brouillons=args.brouillons or None, aujourdhui=args.date)
        if _settings_unusable(config):   # before MkDocs starts: it would stop on them in English
            print("Construction annulée : le site existant n'a pas été modifié.", file=sys.stderr)
            return EXIT_CONTENT
        tmp = out.with_name(f"{out.name}.tmp-{os.getpid()}")
        mkdocs = _start_mkdocs(root, tmp)
        try:
            result = build_docs(root, config, data_files=False)
            status = _report(result, args.strict)
            if status != EXIT_OK:
                _stop(mkdocs, tmp)
                print("Construction annulée : le site existant n'a pas été modifié.", file=sys.stderr)
                return status
            _signal(mkdocs)
            # The search index and the exports while MkDocs builds: on two cores, their
            # time is not added to the build's.
            data = data_pages(result)
        except BaseException as error:   # no half-built site left behind, no MkDocs left running
            _stop(mkdocs, tmp)
            if isinstance(error, jinja2.TemplateError):  # the theme, not the content: no traceback
                return _template_failed(error, root)
            raise
        finally:
            _close(mkdocs)
        if mkdocs.wait() != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            print("Construction annulée : MkDocs a échoué ; le site existant n'a pas été modifié.", file=sys.stderr)
            return EXIT_CONTENT
        publish.add(data, tmp)
        (tmp / options.SITE_MARK).write_text("Site construit par ecole-entreprise build : le prochain "
                                             "build peut le remplacer.\n", encoding="utf-8")
        _swap(tmp, out)
    print(f"Site construit : {out}/index.html", file=sys.stderr)
    return EXIT_OK


def _settings_unusable(config) -> bool:
    """mkdocs.yml missing or broken: the site builder cannot start. Says where, in French."""
    from .settings import FILE
    unusable = [(position, message) for niveau, position, message in config.problemes
                if niveau == "erreur" or "introuvable" in message]
    for (line, col), message in unusable:
        print(f"{FILE}:{line}:{col}: erreur: {message}")
    return bool(unusable)


def _start_mkdocs(root: Path, tmp: Path) -> subprocess.Popen:
    """MkDocs, started before the generator runs: it imports its modules and reads its
    configuration meanwhile, then waits in the bridge until the line ``pret`` on its
    standard input says the docs folder is written; the end of its input without that
    line makes it stop (the contract: site_builder.py)."""
    return subprocess.Popen([sys.executable, "-m", "ecole_entreprise.site_builder", "build", "--attendre", "--",
                             "--strict", "--quiet", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(tmp)],
                            cwd=root, stdin=subprocess.PIPE)


def _signal(mkdocs: subprocess.Popen) -> None:
    try:
        mkdocs.stdin.write(site_builder.READY)
        mkdocs.stdin.flush()
    except BrokenPipeError:
        pass  # MkDocs has already stopped: its exit status says why


def _close(mkdocs: subprocess.Popen) -> None:
    try:
        mkdocs.stdin.close()
    except OSError:
        pass


def _stop(mkdocs: subprocess.Popen, tmp: Path) -> None:
    mkdocs.kill()
    mkdocs.wait()
    shutil.rmtree(tmp, ignore_errors=True)


def _template_failed(error: jinja2.TemplateError, root: Path) -> int:
    print(_template_problem(error, root), file=sys.stderr)
    print("Construction annulée : le site existant n'a pas été modifié.", file=sys.stderr)
    return EXIT_CONTENT


def _remove_leftovers(out: Path) -> None:
    """Folders a killed build left behind (« site.tmp-PID », « site.old-PID »); the lock is
    held, so no other build is using them. A build killed between the two renames of the
    swap left no ``out`` but the previous site as « site.old-PID »: it is put back first,
    so that a build that fails next keeps it as it says. Only folders named as the swap
    names its own are touched."""
    leftovers = [p for p in out.parent.glob(f"{out.name}.*-*")
                 if options.LEFTOVER.fullmatch(p.name[len(out.name):]) and p.is_dir() and not p.is_symlink()]
    earlier = [p for p in leftovers if ".old-" in p.name and options.is_earlier_site(p)]
    if not out.exists() and earlier:
        kept = max(earlier, key=lambda p: p.stat().st_mtime_ns)
        os.rename(kept, out)
        leftovers.remove(kept)
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


def _template_problem(error: jinja2.TemplateError, root: Path) -> str:
    """``template:line:1: erreur: …`` — where in the theme the page rendering stopped."""
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2"):
            filename, line = frame.filename, frame.lineno
    try:
        filename = Path(filename).resolve().relative_to(root).as_posix()
    except (TypeError, ValueError):
        filename = filename or "theme/templates"
    return f"{filename}:{line or 1}:1: erreur: gabarit invalide : {error.message or error}"


@contextmanager
def _build_lock(root: Path) -> Iterator[None]:
    """Two builds at once would interleave their writes: the second waits for the first."""
    lock_path = root / "build" / ".build.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _swap(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` with two renames: a reader sees one site or the other."""
    old = out.with_name(f"{out.name}.old-{os.getpid()}")
    if out.exists():
        os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def cmd_serve(root: Path, args: argparse.Namespace) -> int:
    options.listen_address(args.adresse)
    if _settings_unusable(read_config(root)):
        return EXIT_CONTENT
    command = [sys.executable, "-m", "ecole_entreprise.site_builder", "serve",
               *(["--brouillons"] if args.brouillons else []),
               "--", "--config-file", str(root / "mkdocs.yml"), "--dev-addr", args.adresse]
    os.chdir(root)
    # Become the server rather than wait for it: stopping this process (Ctrl+C, a signal
    # from a test or a supervisor) then stops the server, and no orphan keeps serving.
    os.execv(sys.executable, command)


def cmd_timeline(root: Path, args: argparse.Namespace) -> int:
    config = read_config(root, aujourdhui=args.date)
    result = check(root, config)
    if result.problems.erreurs:
        return _report(result, False)
    rows = []
    for jalon in all_jalons(result.site):
        record = jalon.record
        origine = f"mesure {record['numero']}" if record.type == "mesure" else f"fiche {record.id}"
        rows.append({"debut": _iso(jalon.quand.debut), "fin": _iso(jalon.quand.fin),
                     "quand": jalon.quand.libelle(), "statut": jalon.statut(config.aujourdhui),
                     "quoi": jalon.libelle, "origine": origine, "fichier": record.rel})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['debut'] or '…':10}  {row['statut']:8}  {row['quand']:32}  {row['origine']:30}  {row['quoi']}")
    return EXIT_OK


def cmd_report(root: Path, args: argparse.Namespace) -> int:
    result = check(root, read_config(root, aujourdhui=args.date))
    board = dashboard(result.site, result.problems)
    if args.format == "json":
        print(json.dumps(board.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report_text(board))
    return EXIT_CONTENT if result.problems.erreurs else EXIT_OK   # CI reads the dashboard's verdict too


def cmd_new(root: Path, args: argparse.Namespace) -> int:
    options.new_id(args.id)
    site = check(root).site
    try:
        record = new_record(site, args.type, args.id)
        record.path.parent.mkdir(parents=True, exist_ok=True)
        with open(record.path, "x", encoding="utf-8") as f:   # "x": never overwrite a file
            f.write(record.text)
    except (NewRecordError, OSError) as e:
        message = (str(e) if isinstance(e, NewRecordError) else f"{args.id} existe déjà"
                   if isinstance(e, FileExistsError) else f"impossible d'écrire le fichier ({e.strerror})")
        print(f"ecole-entreprise new : erreur : {message}", file=sys.stderr)
        print("Aucun fichier n'a été créé ni modifié.", file=sys.stderr)
        return EXIT_CONTENT
    rel = record.path.relative_to(root).as_posix()
    print(f"Créé : {rel} (brouillon)")
    print(f"Remplacez chaque « À compléter », puis vérifiez avec : ecole-entreprise check", file=sys.stderr)
    for hint in registry.get(args.type).apres_new:   # what it still needs to be reachable
        print(hint.replace("{id}", args.id), file=sys.stderr)
    return EXIT_OK


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def cmd_search(root: Path, args: argparse.Namespace) -> int:
    filtres: dict[str, list[str]] = {}
    for item in args.filtre:
        champ, sep, valeur = item.partition("=")
        if not sep or champ not in search.FACETS:
            print(f"ecole-entreprise : erreur : filtre « {item} » : CHAMP=VALEUR attendu, CHAMP parmi "
                  f"{', '.join(search.FACETS)}", file=sys.stderr)
            return EXIT_USAGE
        filtres.setdefault(champ, []).append(valeur)
    result = generate(root)
    if not result.ok:
        return _report(result, False)
    index = search.site_index(result.site, result.pages, result.analyzer)
    hits = search.query(index, args.requete, filtres, limit=args.nombre)
    if args.format == "json":
        print(json.dumps([{"rang": i, "score": round(h.score, 4), "titre": h.doc.titre, "url": h.doc.url,
                           "page": h.doc.page, "type": search.TYPES[h.doc.type]} for i, h in enumerate(hits, 1)],
                         ensure_ascii=False, indent=2))
    elif not hits:
        print("Aucun résultat.")
    else:
        for i, h in enumerate(hits, 1):
            print(f"{i:3}. {h.score:7.2f}  [{search.TYPES[h.doc.type]}] {h.doc.titre}  ({h.doc.url or './'})")
    return EXIT_OK


def cmd_cms(root: Path, args: argparse.Namespace) -> int:
    from . import cms, cms_server

    try:
        settings = cms.read_settings(root)
    except cms.SettingsError as error:
        print(f"ecole-entreprise : erreur : {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.config:
        print(cms.as_yaml(cms.config(settings)), end="")
        return EXIT_OK
    host, _, port = args.adresse.rpartition(":")
    if host not in ("127.0.0.1", "localhost") or not port.isdigit() or not 0 < int(port) < 65536:
        print(f"ecole-entreprise : erreur : --adresse : « {args.adresse} » : l'éditeur n'écoute que sur ce "
              "poste, écrivez 127.0.0.1:PORT (PORT entre 1 et 65535)", file=sys.stderr)
        return EXIT_USAGE
    try:
        cms_server.run(root, "127.0.0.1", int(port))
    except cms_server.CmsError as error:
        print(f"ecole-entreprise : erreur : {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "timeline": cmd_timeline,
            "new": cmd_new, "report": cmd_report, "search": cmd_search, "cms": cmd_cms}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
