"""Benchmark: N synthetic fiches, timed from YAML to a built site and a first search.

    make bench N=1000          (or: .venv/bin/python scripts/bench.py --n 1000)

Builds a project under bench/<N>/ from the repository's content (measures, acteurs,
glossary, kits, pages, the MOOC — the test fixture's if the repository has none yet) and
N fiches: the repository's own plus synthetic ones, valid against the real schema, written
in French from phrase banks with a fixed seed, and gathered in kits of 100 (a fiche outside
any kit is reported; the extra kits only draw the warning « deux kits pour le même
public »). Then measures:

- check_s       ``check()`` of the project (stages 1–5), in this process;
- generate_s    ``build_docs()`` (check, render, search index, write build/docs);
- pdf_s         printing every kit's and fiche's PDF (WeasyPrint), timed inside generate,
                whose cache of PDFs starts empty: what the PDFs cost from scratch;
- build_s       ``ecole-entreprise build`` from an empty docs folder (what editors run),
                with the PDF cache generate filled (PDFs are cached by the hash of their
                content, as on any rebuild); build_with_pdf_s = build_s + pdf_s is what a
                first build from nothing costs, and ratio_with_pdf compares that;
- plain_build_s a stock mkdocs-material build (its own search plugin, no hooks, no
                generator) of the identical generated Markdown; ratio = build_s / plain_build_s;
                both builds alternate --fois times (3 by default) and their medians are
                kept, each run listed in the JSON (build_runs_s, plain_build_runs_s);
- site_bytes, fiche_html_bytes (average size of a fiche page's HTML);
- in headless chromium, for a first query on recherche/?q= in a fresh browser context:
  the bytes the search fetched (its scripts and index files, uncompressed as the test
  server sends them; the page's own HTML, CSS and Material's scripts are counted apart)
  and the time from navigation to the first result link.

Prints a table; its last line is one JSON object. Not a test: timings vary with the machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from ecole_entreprise.generate import build_docs, check  # noqa: E402
from ecole_entreprise.schemas import libelles  # noqa: E402

QUERIES = ["accueillir un élève de troisième", "visites entreprises collegiens", "CLEE"]
SEARCH_PATHS = ("assets/js/search", "assets/js/vendor/", "assets/recherche/")

# --- synthetic fiches ------------------------------------------------------------------

VILLES = ("Besançon", "Dijon", "Lyon", "Lille", "Rennes", "Nantes", "Toulouse", "Montpellier", "Bordeaux",
          "Strasbourg", "Nancy", "Metz", "Reims", "Amiens", "Rouen", "Caen", "Brest", "Limoges", "Poitiers",
          "Orléans", "Tours", "Clermont-Ferrand", "Grenoble", "Chambéry", "Annecy", "Valence", "Nîmes", "Alès",
          "Béziers", "Perpignan", "Pau", "Bayonne", "Tarbes", "Albi", "Rodez", "Cahors", "Montauban", "Foix",
          "Mende", "Aurillac", "Le Puy-en-Velay", "Saint-Étienne", "Roanne", "Mâcon", "Auxerre", "Nevers",
          "Belfort", "Vesoul", "Lons-le-Saunier", "Épinal", "Colmar", "Mulhouse", "Troyes", "Charleville-Mézières",
          "Laon", "Beauvais", "Arras", "Calais", "Dunkerque", "Le Havre", "Évreux", "Alençon", "Laval", "Angers",
          "Le Mans", "Vannes", "Lorient", "Quimper", "Saint-Brieuc", "La Rochelle", "Niort", "Angoulême",
          "Périgueux", "Agen", "Mont-de-Marsan", "Ajaccio", "Bastia", "Gap", "Digne-les-Bains", "Avignon")
SECTEURS = ("l'aéronautique", "la métallurgie", "l'agroalimentaire", "le bâtiment", "les travaux publics",
            "la plasturgie", "l'hôtellerie-restauration", "la logistique", "le numérique", "l'automobile",
            "la chimie", "la santé", "le commerce", "la banque", "l'assurance", "l'énergie", "le textile",
            "la filière bois", "l'artisanat d'art", "la mécanique de précision", "l'électronique",
            "la viticulture", "l'agriculture", "le transport", "l'économie sociale et solidaire",
            "la microtechnique", "l'horlogerie", "la cosmétique", "le tourisme", "la maroquinerie")
PUBLICS = ("les collégiens", "les lycéens", "les élèves de troisième", "les élèves de lycée professionnel",
           "les apprentis", "les étudiants de BTS", "les professeurs principaux", "les familles",
           "les équipes éducatives", "les tuteurs en entreprise", "les salariés volontaires")
VERBES = ("découvrent", "explorent", "rencontrent", "observent", "comparent", "présentent", "préparent",
          "visitent", "interrogent", "accompagnent", "valorisent", "construisent")
OBJETS = ("les métiers", "les savoir-faire", "les gestes professionnels", "l'organisation du travail",
          "les parcours de formation", "les débouchés", "les qualifications recherchées",
          "les conditions de travail", "les innovations", "les enjeux de sécurité")
FINALITES = ("pour éclairer leur orientation", "afin de préparer leur stage d'observation",
             "pour mieux connaître le tissu économique local", "afin de nourrir le parcours Avenir",
             "pour lutter contre les stéréotypes sur les métiers", "afin de construire un projet commun",
             "pour renforcer la mixité des filières", "afin de faciliter l'accueil en entreprise")
NOMS = ("forum", "visite", "journée", "rencontre", "atelier", "semaine", "défi", "concours", "parrainage",
        "club", "chantier", "exposition", "mini-entreprise", "immersion", "conférence")
DELAIS = ("premier trimestre", "deuxième trimestre", "troisième trimestre")


def _phrase(rng: random.Random) -> str:
    return (f"{rng.choice(PUBLICS).capitalize()} {rng.choice(VERBES)} {rng.choice(OBJETS)} de "
            f"{rng.choice(SECTEURS)} à {rng.choice(VILLES)} {rng.choice(FINALITES)}.")


def synthetic_fiche(i: int, rng: random.Random, acteurs: list[str], mesures: list[str]) -> dict:
    nom, secteur, ville = rng.choice(NOMS), rng.choice(SECTEURS), rng.choice(VILLES)
    enums = {f: list(libelles("fiche", f)) for f in ("beneficiaires", "niveaux", "types_action")}
    pilotes = rng.sample(acteurs, 2)
    return {
        "id": f"synthese-{i:05d}",
        "sources": ["dossier-presse-2015"],   # a proposal of the bench, citing a document of the bibliography
        "mis_a_jour": "2026-11-22",
        "titre": f"{nom.capitalize()} {secteur} à {ville} ({i})",
        "descriptif": " ".join(_phrase(rng) for _ in range(4)),
        "objectifs": [_phrase(rng) for _ in range(3)],
        "complements": " ".join(_phrase(rng) for _ in range(2)),
        "beneficiaires": rng.sample(enums["beneficiaires"], 3),
        "niveaux": rng.sample(enums["niveaux"], 2),
        "types_action": rng.sample(enums["types_action"], 2),
        "calendrier_previsionnel": "pendant l'année scolaire",
        "perimetre": {"niveau": "academie", "nom": ville},
        "points_de_vigilance": [_phrase(rng) for _ in range(2)],
        "resultats_attendus": {
            "qualitatifs": [_phrase(rng) for _ in range(2)],
            "quantitatifs": [{"indicateur": f"Nombre d'élèves accueillis dans {secteur}",
                              "cible": f"{rng.randint(2, 40) * 5} élèves par an"}],
        },
        "actions": [{"action": f"{verbe} : {_phrase(rng)}", "pilote": [rng.choice(pilotes)],
                     "delai": delai, "modalites": _phrase(rng)}
                    for verbe, delai in zip(("Préparer", "Réaliser", "Bilan"), DELAIS)],
        "mesures": sorted(rng.sample(mesures, 2)),
        "interlocuteurs": pilotes,
    }


def make_project(n: int, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("content", "kits", "data"):
        shutil.copytree(ROOT / name, dest / name)
    mooc = ROOT / "mooc" if (ROOT / "mooc" / "parcours.yml").is_file() else ROOT / "tests/fixtures/valid/mooc"
    shutil.copytree(mooc, dest / "mooc")
    shutil.copytree(ROOT / "theme", dest / "theme")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "ecole_entreprise").symlink_to(ROOT / "ecole_entreprise")
    (dest / "build" / "docs").mkdir(parents=True)
    rng = random.Random(n)
    acteurs = sorted(p.stem for p in (dest / "content/acteurs").glob("*.yml"))
    mesures = sorted(p.stem for p in (dest / "content/mesures").glob("*.yml"))
    fiches = dest / "kits" / "fiches"
    ids = []
    for i in range(max(0, n - len(list(fiches.glob("*.yml"))))):
        data = synthetic_fiche(i, rng, acteurs, mesures)
        ids.append(data["id"])
        (fiches / f"{data['id']}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    _synthetic_kits(dest, ids)
    _plain_config(dest)
    return dest


FICHES_PER_KIT = 100


def _synthetic_kits(dest: Path, ids: list[str]) -> None:
    """Every synthetic fiche in a kit, as the corpus's rules want (a fiche outside any kit
    is reported): one kit per FICHES_PER_KIT fiches, shaped like the corpus's first kit."""
    model = yaml.safe_load((dest / "kits" / "entreprises.yml").read_text(encoding="utf-8"))
    for number, start in enumerate(range(0, len(ids), FICHES_PER_KIT)):
        chunk = ids[start:start + FICHES_PER_KIT]
        kit = dict(model, id=f"synthese-kit-{number:03d}", titre=f"Kit du banc d'essai n° {number + 1}",
                   sections=[{"titre": f"Fiches {start + 1} à {start + len(chunk)}",
                              "texte": "Fiches synthétiques du banc d'essai.", "fiches": chunk}])
        (dest / "kits" / f"{kit['id']}.yml").write_text(
            yaml.safe_dump(kit, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


class _Tagged:
    """A value of mkdocs.yml under a MkDocs tag (``!!python/name:…``), written back as it was."""

    def __init__(self, tag: str, value: str):
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node):
    if tag == "!ENV":   # MkDocs' « !ENV [NAME, default] »: the plain build reads it resolved
        name, *default = loader.construct_sequence(node)
        return os.environ.get(name, default[0] if default else None)
    return _Tagged(tag, loader.construct_scalar(node))


_ConfigLoader.add_multi_constructor("", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, lambda dumper, t: dumper.represent_scalar(t.tag, t.value))


def _plain_config(dest: Path) -> None:
    """mkdocs-material as it comes (its own search, no hooks, no overrides), same Markdown."""
    config = yaml.load((dest / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for key in ("hooks", "watch", "extra_javascript"):
        config.pop(key, None)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [{"search": {"lang": "fr"}}]
    (dest / "mkdocs-plain.yml").write_text(yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")


# --- measures --------------------------------------------------------------------------

# Wall-clock time and CPU time of each step. On a machine whose cores other programs
# share, the CPU time (user + system) is the steadier figure; both are reported.
CPU: dict[str, float] = {}


def timed(name: str, fn, *args):
    start, cpu = time.perf_counter(), time.process_time()
    value = fn(*args)
    CPU[name] = time.process_time() - cpu
    return time.perf_counter() - start, value


def time_pdf_printing() -> None:
    """Record wall and CPU time (the printing workers' included) of the PDF step."""
    from ecole_entreprise import generate, pdf

    def timed_print_all(documents, cache):
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        start, cpu = time.perf_counter(), time.process_time()
        printed = print_all(documents, cache)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU["pdf"] = CPU.get("pdf", 0.0) + time.process_time() - cpu + (after.ru_utime - children.ru_utime) + (
            after.ru_stime - children.ru_stime)
        CPU["pdf_wall"] = CPU.get("pdf_wall", 0.0) + time.perf_counter() - start
        CPU["pdf_count"] = CPU.get("pdf_count", 0) + len(documents)
        return printed

    print_all = pdf._print_all
    pdf._print_all = timed_print_all
    assert generate.pdf_pages is pdf.pdf_pages


def run(name: str, command: list[str], cwd: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[name] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"échec de {' '.join(command)} :\n{done.stdout}\n{done.stderr}")
    return elapsed


def folder_bytes(folder: Path, pattern: str = "**/*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file())


def first_queries(site: Path) -> list[dict]:
    from helpers import serve
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for q in QUERIES:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            page.add_init_script("""new MutationObserver((_, obs) => {
                if (document.querySelector('#resultats a, #resultats li')) {
                    window.__premierResultat = performance.now(); obs.disconnect(); }
            }).observe(document, {childList: true, subtree: true});""")
            sizes: list[tuple[str, int, int]] = []

            def on_response(response):
                try:
                    body = response.body()
                except Exception:
                    return
                sizes.append((response.url[len(url):], len(body), len(gzip.compress(body, 6))))

            page.on("response", on_response)
            page.goto(url + "recherche/?q=" + q)
            page.wait_for_selector('#resultats[aria-busy="false"] li', timeout=60_000)
            ms = page.evaluate("window.__premierResultat")
            first = page.locator("#resultats a").first.get_attribute("href") if page.locator("#resultats a").count() else None
            search = [s for s in sizes if s[0].startswith(SEARCH_PATHS)]
            results.append({"requete": q, "ms": round(ms), "premier": first,
                            "octets_recherche": sum(s[1] for s in search),
                            "octets_recherche_gzip": sum(s[2] for s in search),
                            "fichiers_index": sum(1 for s in search if s[0].startswith("assets/recherche/")),
                            "octets_page_entiere": sum(s[1] for s in sizes)})
            context.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="Banc d'essai : N fiches synthétiques.")
    parser.add_argument("--n", type=int, default=1000, help="nombre de fiches (par défaut : 1000)")
    parser.add_argument("--dossier", type=Path, default=ROOT / "bench", help="où construire les projets")
    parser.add_argument("--fois", type=int, default=3,
                        help="nombre de paires de constructions (complète, puis MkDocs seul) ; médianes gardées")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    project = make_project(args.n, args.dossier / str(args.n))

    check_s, checked = timed("check", check, project)
    if checked.problems.erreurs:
        sys.exit("fiches synthétiques invalides :\n" + "\n".join(map(str, checked.problems.sorted()[:20])))
    shutil.rmtree(project / "build" / "docs")
    shutil.rmtree(project / "build" / "cache", ignore_errors=True)
    time_pdf_printing()
    generate_s, _ = timed("generate", build_docs, project)
    # The two builds alternate, args.fois times each, and the medians are kept: on a
    # shared virtual machine one build of the same site varies by a quarter from one run
    # to the next, both ways.
    builds, plains, cpu_builds, cpu_plains = [], [], [], []
    for _ in range(args.fois):
        shutil.rmtree(project / "build" / "docs")
        (project / "build" / "docs").mkdir()
        builds.append(run("build", [sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "build"],
                          project))
        cpu_builds.append(CPU["build"])
        plains.append(run("plain_build", [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file",
                                          "mkdocs-plain.yml", "--site-dir", "site-plain"], project))
        cpu_plains.append(CPU["plain_build"])
    build_s, plain_s = statistics.median(builds), statistics.median(plains)
    CPU["build"], CPU["plain_build"] = statistics.median(cpu_builds), statistics.median(cpu_plains)
    site = project / "site"
    fiche_pages = [p for p in (site / "fiches").glob("*/index.html")]
    queries = first_queries(site)
    fiches = len(list((project / "kits/fiches").glob("*.yml")))
    row = {
        "n": fiches,
        "check_s": round(check_s, 2),
        "generate_s": round(generate_s, 2),
        "build_s": round(build_s, 2),
        "plain_build_s": round(plain_s, 2),
        "ratio": round(build_s / plain_s, 3),
        "fois": args.fois,
        "build_runs_s": [round(b, 2) for b in builds],
        "plain_build_runs_s": [round(b, 2) for b in plains],
        "ratios_par_paire": [round(b / p, 3) for b, p in zip(builds, plains)],
        "build_s_per_fiche_ms": round(1000 * build_s / fiches, 2),
        "pdf_count": CPU["pdf_count"],
        "pdf_s": round(CPU["pdf_wall"], 2),
        "pdf_cpu_s": round(CPU["pdf"], 2),
        "build_with_pdf_s": round(build_s + CPU["pdf_wall"], 2),
        "ratio_with_pdf": round((build_s + CPU["pdf_wall"]) / plain_s, 3),
        "check_cpu_s": round(CPU["check"], 2),
        "generate_cpu_s": round(CPU["generate"], 2),
        "build_cpu_s": round(CPU["build"], 2),
        "plain_build_cpu_s": round(CPU["plain_build"], 2),
        "ratio_cpu": round(CPU["build"] / CPU["plain_build"], 3),
        "site_bytes": folder_bytes(site),
        "plain_site_bytes": folder_bytes(project / "site-plain"),
        "search_index_bytes": folder_bytes(site / "assets/recherche"),
        "fiche_html_bytes": round(sum(p.stat().st_size for p in fiche_pages) / max(1, len(fiche_pages))),
        "search_first_query_bytes": max(q["octets_recherche"] for q in queries),
        "search_first_query_bytes_gzip": max(q["octets_recherche_gzip"] for q in queries),
        "search_first_result_ms": max(q["ms"] for q in queries),
        "queries": queries,
        "machine": f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}",
        # other programs share the cores: the load average says how much of them the bench had
        "charge_avant": round(load_before, 2),
        "charge_apres": round(os.getloadavg()[0], 2),
    }
    print(f"{'mesure':32} {'valeur':>14}")
    for key in ("n", "check_s", "generate_s", "build_s", "plain_build_s", "ratio", "build_s_per_fiche_ms",
                "pdf_count", "pdf_s", "pdf_cpu_s", "build_with_pdf_s", "ratio_with_pdf",
                "check_cpu_s", "generate_cpu_s", "build_cpu_s", "plain_build_cpu_s", "ratio_cpu",
                "site_bytes", "plain_site_bytes", "search_index_bytes", "fiche_html_bytes",
                "search_first_query_bytes", "search_first_query_bytes_gzip", "search_first_result_ms",
                "charge_avant", "charge_apres"):
        print(f"{key:32} {row[key]:>14}")
    print(f"  paires (complète / MkDocs seul) : " + ", ".join(
        f"{b:.1f} / {p:.1f} s" for b, p in zip(builds, plains)))
    for q in queries:
        print(f"  « {q['requete']} » : {q['octets_recherche']} o ({q['octets_recherche_gzip']} o gzip, "
              f"{q['fichiers_index']} fichiers d'index), page entière {q['octets_page_entiere']} o, "
              f"premier résultat en {q['ms']} ms : {q['premier']}")
    (args.dossier / f"resultats-{args.n}.json").write_text(json.dumps(row, ensure_ascii=False, indent=2))
    print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
