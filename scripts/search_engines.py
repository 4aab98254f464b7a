"""The site's search engine against Pagefind, on the same built site (decision 0027).

    .venv/bin/python scripts/search_engines.py --pagefind /path/to/pagefind --n 0     # the corpus: quality
    .venv/bin/python scripts/search_engines.py --pagefind /path/to/pagefind --n 1000  # bytes at 1,000 fiches

``--n 0`` builds the repository's own content; ``--n N`` a bench project of N fiches
(scripts/bench.py's synthetic fiches), without printing its PDFs (an empty file stands for
each: the search does not read them and they dominate the build's time). Pagefind then
indexes the built site, Material's chrome left out (header, sidebars, footer, « ¶ »).

Measured, in headless chromium, each query in a fresh browser context:

- quality: the query set (tests/search/queries.yml), the expected page among the first 5
  results — the site's engine through recherche/?q=, Pagefind through its JS API;
  « sans ancre » also counts a result on the right page for an expected #anchor;
- bytes: what a first query fetches for the search (scripts, index, the 20 results shown
  with their excerpts), each response counted gzipped as a web server sends it (Pagefind's
  index files are already compressed: counted as they are).

Not a test, not part of `make test`: Pagefind is not a dependency of the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
from ecole_entreprise import site_builder  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "tests/search/queries.yml").read_text(encoding="utf-8"))
BYTE_QUERIES = ["accueillir un élève de troisième", "visites entreprises collegiens", "CLEE"]
EXCLUDE = ".md-header, .md-sidebar, .md-footer, .md-tabs, .headerlink, .md-skip, .md-source-file, .md-top"
SHOWN = 20
TOP = 5
SEARCH_PATHS = ("assets/js/search", "assets/js/vendor/", "assets/recherche/", "pagefind/")


def build(n: int, folder: Path) -> Path:
    """The built site of the corpus (n = 0) or of a bench project of n fiches, no PDF printed."""
    import ecole_entreprise.generate as generate
    from ecole_entreprise.render import Page, pdf_path

    def no_printing(site, pages, *args, **kwargs):
        present = {p.path for p in pages}
        return [Page(pdf_path(r), b"%PDF-1.7\n") for t in ("kit", "fiche") for r in site.published(t)
                if r.page in present]

    generate.pdf_pages = no_printing
    if n:
        import bench
        original = bench.synthetic_fiche
        source = sorted(p.stem for p in (ROOT / "content" / "sources").glob("*.yml"))[:1]

        def cited(*args, **kwargs):   # since issue 12, a fiche cites the bibliography by id
            fiche = original(*args, **kwargs)
            if source and "source" in fiche:
                del fiche["source"]
                fiche = {"id": fiche.pop("id"), "sources": source, **fiche}
            return fiche

        bench.synthetic_fiche = cited
        project = bench.make_project(n, folder / f"projet-{n}")
    else:
        project = folder / "corpus"
        if project.exists():
            subprocess.run(["rm", "-rf", str(project)], check=True)
        project.mkdir(parents=True)
        for name in ("content", "kits", "mooc", "data", "theme"):
            subprocess.run(["cp", "-r", str(ROOT / name), str(project / name)], check=True)
        subprocess.run(["cp", str(ROOT / "mkdocs.yml"), str(project)], check=True)
        (project / "ecole_entreprise").symlink_to(ROOT / "ecole_entreprise")
    result = generate.build_docs(project)
    assert result.ok, [str(p) for p in result.problems.erreurs][:5]
    site = project / "site"
    # The docs folder is written: MkDocs builds it as it is (the contract: site_builder.py).
    subprocess.run([sys.executable, "-m", "ecole_entreprise.site_builder", "build", "--attendre", "--", "--quiet",
                    "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)],
                   cwd=project, input=site_builder.READY, check=True)
    return site


def pagefind(binary: str, site: Path) -> None:
    subprocess.run([binary, "--site", str(site), "--exclude-selectors", EXCLUDE, "--force-language", "fr"],
                   check=True, stdout=subprocess.DEVNULL)


PAGEFIND_QUERY = """async ([q, shown]) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, shown).map(x => x.data()));
    return data.map(d => ({url: d.url, sub: (d.sub_results || []).map(s => s.url)}));
}"""


def _gz(body: bytes) -> int:
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


def measure(site: Path, quality: bool) -> dict:
    from helpers import serve
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])

        def ours(q: str, sizes: list | None = None) -> list[str]:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            if sizes is not None:
                page.on("response", lambda r: sizes.append((r.url[len(url):], _gz(r.body()))) if r.ok else None)
            page.goto(url + "recherche/?q=" + q)
            page.wait_for_selector('#resultats[aria-busy="false"]', timeout=60_000)
            hrefs = page.locator("#resultats a").evaluate_all("links => links.map(a => a.href)")
            context.close()
            return [h[len(url):] for h in hrefs]

        def theirs(q: str, sizes: list | None = None) -> list[dict]:
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            page.goto(url + "404.html")
            if sizes is not None:
                page.on("response", lambda r: sizes.append((r.url[len(url):], _gz(r.body()))) if r.ok else None)
            found = page.evaluate(PAGEFIND_QUERY, [q, SHOWN])
            context.close()
            return [{"url": d["url"].lstrip("/"), "sub": [s.lstrip("/") for s in d["sub"]]} for d in found]

        if quality:
            misses = {"site": [], "pagefind": [], "pagefind_sans_ancre": [], "site_sans_ancre": []}
            for q in QUERIES:
                expected = q["attendu"]
                page_only = expected.split("#")[0]
                mine = ours(q["requete"])[:TOP]
                if expected not in mine:
                    misses["site"].append(q["requete"])
                if page_only not in [m.split("#")[0] for m in mine]:
                    misses["site_sans_ancre"].append(q["requete"])
                other = theirs(q["requete"])[:TOP]
                if not any(expected == d["url"] or expected in d["sub"][:1] for d in other):
                    misses["pagefind"].append(q["requete"])
                if page_only not in [d["url"].split("#")[0] for d in other]:
                    misses["pagefind_sans_ancre"].append(q["requete"])
            out["requetes"] = len(QUERIES)
            out["trouvees"] = {k: len(QUERIES) - len(v) for k, v in misses.items()}
            out["manquees"] = misses
        for name, run in (("site", ours), ("pagefind", theirs)):
            per_query = []
            for q in BYTE_QUERIES:
                sizes: list = []
                run(q, sizes)
                search = [s for s in sizes if s[0].startswith(SEARCH_PATHS)]
                per_query.append({"requete": q, "octets_gzip": sum(s[1] for s in search), "fichiers": len(search)})
            out[f"premiere_requete_{name}"] = per_query
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Le moteur du site face à Pagefind, sur le même site construit.")
    parser.add_argument("--n", type=int, default=0, help="fiches (0 : le contenu du dépôt, et la qualité)")
    parser.add_argument("--pagefind", required=True, help="le programme pagefind (PyPI pagefind[bin] 1.5.2)")
    parser.add_argument("--dossier", type=Path, default=ROOT / "bench" / "moteurs")
    args = parser.parse_args()
    args.dossier.mkdir(parents=True, exist_ok=True)
    site = build(args.n, args.dossier)
    pagefind(args.pagefind, site)
    sizes = {"index_site_octets": sum(f.stat().st_size for f in (site / "assets/recherche").rglob("*") if f.is_file()),
             "index_pagefind_octets": sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file())}
    result = {"fiches": args.n or "corpus", **sizes, **measure(site, quality=args.n == 0)}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
