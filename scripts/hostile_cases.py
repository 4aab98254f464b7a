"""Writes tests/fixtures/hostile/<case>/ (issue 13) from the valid fixture: each case is the
fixture with a few files changed, so the cases are written again when the fixture changes
(run from the project root: .venv/bin/python scripts/hostile_cases.py). Edit a case here,
not in its folder."""
import json, os, shutil
from pathlib import Path
H = Path("tests/fixtures/hostile")
V = Path("tests/fixtures/valid")

def q(s): return json.dumps(s, ensure_ascii=False)

def case(name, why, commande, code, sortie=None, problemes=(), preparation=None, files=None, ignorer=None):
    d = H / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    out = [f"# {why}", f"commande: {q(commande)}", f"code: {code}"]
    if sortie: out.append(f"sortie: {q(sortie)}")
    if ignorer: out.append(f"ignorer: {q(ignorer)}")
    if preparation:
        out.append("preparation:")
        for k, v in preparation.items():
            out.append(f"  {k}: {q(v)}")
    if problemes:
        out.append("problemes:")
        for f, l, c, n, m in problemes:
            out.append(f"  - {{fichier: {q(f)}, ligne: {l}, colonne: {c}, niveau: {q(n)},")
            out.append(f"     message: {q(m)}}}")
    (d / "attendu.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    for rel, data in (files or {}).items():
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_bytes(data if isinstance(data, bytes) else data.encode())

E, A = "erreur", "avertissement"
# --- options that destroy data
SORTIE_PROJET = "ce dossier contient le projet ; il serait remplacé par le site"
case("sortie-point", "`build --sortie .` renommait le projet puis le supprimait, .git compris.",
     ["build", "--sortie", "."], 2, "--sortie . : " + SORTIE_PROJET)
case("sortie-vide", "Une valeur vide valait « . » : le projet supprimé.", ["build", "--sortie", ""], 2,
     "--sortie : le nom du dossier du site est vide")
case("sortie-espaces", "Des espaces seuls ne nomment aucun dossier.", ["build", "--sortie", "  "], 2,
     "le nom du dossier du site est vide")
case("sortie-parent", "Le dossier qui contient le projet.", ["build", "--sortie", ".."], 2, SORTIE_PROJET)
case("sortie-racine-absolue", "Le projet désigné par son chemin absolu.", ["build", "--sortie", "{projet}"], 2, SORTIE_PROJET)
case("sortie-content", "`--sortie content` supprimait le contenu.", ["build", "--sortie", "content"], 2,
     "« content/ » est un dossier du projet")
case("sortie-sous-theme", "Un dossier dans le thème : le site y serait copié, puis relu.", ["build", "--sortie", "theme/site"], 2,
     "« theme/ » est un dossier du projet")
case("sortie-docs-generes", "Le dossier que MkDocs lit (build/docs).", ["build", "--sortie", "build/docs"], 2,
     "« build/ » est un dossier du projet")
case("sortie-fichier", "Un fichier à la place d'un dossier.", ["build", "--sortie", "mkdocs.yml"], 2,
     "existe et n'est pas un dossier")
case("sortie-dossier-etranger", "Un dossier non vide qui n'est pas un site déjà construit : il aurait été supprimé.",
     ["build", "--sortie", "notes"], 2, "n'est pas vide et ne contient pas un site construit",
     files={"notes/compte-rendu.txt": "Compte rendu de la réunion du CLEE.\n"})
case("sortie-lien-vers-le-projet", "Un lien symbolique qui mène au projet.", ["build", "--sortie", "raccourci"], 2,
     SORTIE_PROJET, preparation={"liens": {"raccourci": "{projet}"}})
# --- other options
case("nombre-negatif", "`search --nombre -1` rendait tous les résultats.", ["search", "--nombre", "-1", "stage"], 2,
     "argument --nombre : au moins 1 résultat, pas -1")
case("nombre-zero", "Zéro résultat demandé n'a pas de sens.", ["search", "--nombre", "0", "stage"], 2, "au moins 1 résultat, pas 0")
case("nombre-texte", "Un nombre écrit en lettres.", ["search", "--nombre", "dix", "stage"], 2, "nombre entier attendu, pas « dix »")
case("racine-pas-un-projet", "`--racine` sur un dossier qui n'est pas un projet disait « 0 erreur ».",
     ["--racine", "{vide}", "check"], 2, "n'est pas un projet école-entreprise")
case("racine-fichier", "`--racine` sur un fichier.", ["--racine", "{dehors}", "build"], 2, "dossier introuvable")
case("new-identifiant-300", "Un identifiant de 300 caractères pour `new` finissait en OSError.",
     ["new", "fiche", "a" * 300], 2, "identifiant trop long (300 caractères ; au plus 80)")
case("serve-port-occupe", "`serve` sur un port occupé : une trace Python en anglais.",
     ["serve", "--adresse", "127.0.0.1:{port}"], 2, "est déjà utilisé")
case("serve-adresse-sans-port", "Une adresse sans port.", ["serve", "--adresse", "127.0.0.1"], 2,
     "adresse attendue sous la forme hôte:port")
case("serve-port-hors-limites", "Un port qui n'existe pas.", ["serve", "--adresse", "127.0.0.1:70000"], 2,
     "adresse attendue sous la forme hôte:port")
# --- files from outside the project, files that cannot be read
REFUSE = "fichier refusé : lien symbolique vers un fichier hors du projet ; copiez le fichier dans le projet"
case("lien-page-dehors", "Un lien sous content/pages/ vers un fichier hors du projet était publié et indexé.",
     ["check"], 1, problemes=[("content/pages/secret.md", 1, 1, E, REFUSE)],
     preparation={"liens": {"content/pages/secret.md": "{dehors}"}})
module = (V / "mooc/modules/comprendre-le-stage.yml").read_text(encoding="utf-8")
avec_fichier = module.replace("    description: Ce qu'il faut préparer.\n",
                              "    description: Ce qu'il faut préparer.\n    fichier: guide.pdf\n", 1)
assert avec_fichier != module
ligne = avec_fichier.splitlines().index("    fichier: guide.pdf") + 1
case("lien-ressource-dehors", "Un lien sous mooc/ressources/ vers un fichier hors du projet était publié.",
     ["check"], 1, problemes=[("mooc/modules/comprendre-le-stage.yml", ligne, 14, E, "mooc/ressources/guide.pdf : " + REFUSE)],
     preparation={"liens": {"mooc/ressources/guide.pdf": "{dehors}"}},
     files={"mooc/modules/comprendre-le-stage.yml": avec_fichier})
case("lien-ressource-tube", "Une ressource qui est un tube (FIFO) : l'ouvrir bloquerait la construction.",
     ["check"], 1, problemes=[("mooc/modules/comprendre-le-stage.yml", ligne, 14, E,
                               "mooc/ressources/guide.pdf : fichier illisible : ce n'est pas un fichier ordinaire")],
     preparation={"dossiers": ["mooc/ressources"], "tubes": ["mooc/ressources/guide.pdf"]},
     files={"mooc/modules/comprendre-le-stage.yml": avec_fichier})
case("lien-contenu-dehors", "Un lien à la place d'un fichier de contenu, vers un fichier hors du projet.",
     ["check"], 1, problemes=[("content/acteurs/clee.yml", 1, 1, E, REFUSE)],
     preparation={"liens": {"content/acteurs/clee.yml": "{copie_dehors}"}})
case("lien-dossier-dehors", "Un dossier de contenu qui est un lien vers un dossier hors du projet.",
     ["check"], 1, problemes=[("kits/fiches/secret.yml", 1, 1, E, REFUSE)],
     preparation={"liens": {"kits/fiches/secret.yml": "{dehors}"}})
case("lien-theme-dehors", "Un lien dans theme/assets/ : le fichier était copié dans le site.",
     ["check"], 1, problemes=[("theme/assets/secret.md", 1, 1, E, REFUSE)],
     preparation={"liens": {"theme/assets/secret.md": "{dehors}"}})
case("lien-casse", "Un lien cassé était ignoré sans rien dire.",
     ["check"], 1, problemes=[("kits/fiches/disparue.yml", 1, 1, E, "fichier illisible : lien symbolique cassé")],
     preparation={"liens": {"kits/fiches/disparue.yml": "n-existe-pas.yml"}})
case("lien-boucle", "Un lien qui mène à lui-même.",
     ["check"], 1, problemes=[("kits/fiches/boucle.yml", 1, 1, E, "fichier illisible : lien symbolique qui boucle")],
     preparation={"liens": {"kits/fiches/boucle.yml": "boucle.yml"}})
case("page-lien-casse", "Une page écrite à la main qui est un lien cassé.",
     ["check"], 1, problemes=[("content/pages/partie.md", 1, 1, E, "fichier illisible : lien symbolique cassé")],
     preparation={"liens": {"content/pages/partie.md": "ailleurs.md"}})
case("dossier-nom-de-fichier", "Un dossier nommé comme un fichier de contenu était ignoré.",
     ["check"], 1, problemes=[("content/mesures/m99.yml", 1, 1, E, "fichier illisible : c'est un dossier, pas un fichier")],
     preparation={"dossiers": ["content/mesures/m99.yml"]})
case("page-dossier", "Une page écrite à la main qui est un dossier finissait en trace MkDocs.",
     ["check"], 1, problemes=[("content/pages/dossier.md", 1, 1, E, "fichier illisible : c'est un dossier, pas un fichier")],
     preparation={"dossiers": ["content/pages/dossier.md"]})
case("tube", "Un tube (FIFO) à la place d'un fichier : le lire bloquerait pour toujours.",
     ["check"], 1, problemes=[("content/acteurs/tube.yml", 1, 1, E, "fichier illisible : ce n'est pas un fichier ordinaire")],
     preparation={"tubes": ["content/acteurs/tube.yml"]})
case("peripherique", "Un périphérique à la place d'un fichier.",
     ["check"], 1, problemes=[("kits/fiches/zero.yml", 1, 1, E, "fichier illisible : ce n'est pas un fichier ordinaire")],
     preparation={"peripheriques": ["kits/fiches/zero.yml"]})
case("extension-majuscules", "Un fichier « .YML » était ignoré sans rien dire ; « .yaml » était signalé.",
     ["check"], 0, problemes=[("kits/fiches/nouvelle.YML", 1, 1, A, "fichier ignoré : ni son dossier ni son nom")],
     files={"kits/fiches/nouvelle.YML": "id: nouvelle\n"})
case("extension-yaml", "« .yaml » : signalé, comme avant.",
     ["check"], 0, problemes=[("kits/fiches/nouvelle.yaml", 1, 1, A, "fichier ignoré : ni son dossier ni son nom")],
     files={"kits/fiches/nouvelle.yaml": "id: nouvelle\n"})
case("glossaire-absent", "Sans content/glossaire.yml, le site était construit sans glossaire et sans le dire.",
     ["build"], 1, problemes=[("content/glossaire.yml", 1, 1, E, "fichier obligatoire manquant : le glossaire")],
     preparation={"supprimer": ["content/glossaire.yml"]})
case("accueil-absent", "Sans content/pages/accueil.md, le site n'avait pas de page d'accueil et annonçait « Site construit ».",
     ["build"], 1, problemes=[("content/pages/accueil.md", 1, 1, E, "fichier obligatoire manquant : la page d'accueil")],
     preparation={"supprimer": ["content/pages/accueil.md"]})
# --- messages
clee = (V / "content/acteurs/clee.yml").read_text(encoding="utf-8")
vt = clee.replace("nom: Comité local", "nom: Comité\x0blocal", 1)
l = next(i for i, t in enumerate(vt.split("\n"), 1) if "\x0b" in t)
c = vt.split("\n")[l - 1].index("\x0b") + 1
case("caractere-de-controle", "U+000B dans une valeur : signalé en 1:1, en anglais, sur deux lignes.",
     ["check"], 1, problemes=[("content/acteurs/clee.yml", l, c, E, "caractère de contrôle invisible (U+000B) dans le texte")],
     files={"content/acteurs/clee.yml": vt})
esc = clee.replace("nom: Comité local école-entreprise", 'nom: "Comité\\x07local"', 1)
case("caractere-de-controle-echappe", "Écrit « \\x07 » entre guillemets doubles, le caractère est refusé là où il est écrit.",
     ["check"], 1, problemes=[("content/acteurs/clee.yml", 4, 6, E, "caractère de contrôle invisible (U+0007) dans le texte")],
     files={"content/acteurs/clee.yml": esc})
lst = clee.replace("niveau: bassin", "niveau: [national]", 1)
case("repr-liste", "Une liste à la place d'une valeur : le message montrait « ['national'] ».",
     ["check"], 1, problemes=[("content/acteurs/clee.yml", 10, 9, E,
                               "valeur non autorisée pour « niveau » : une liste (national) ; valeurs possibles : national,")],
     files={"content/acteurs/clee.yml": lst})
binary = clee.replace("niveau: bassin", "niveau: !!binary YmFzc2lu", 1)
case("repr-binaire", "Une valeur « !!binary » : le message montrait « b'bassin' ».",
     ["check"], 1, problemes=[("content/acteurs/clee.yml", 10, 9, E, "valeur non reconnue (étiquette YAML « !!binary » non acceptée)")],
     files={"content/acteurs/clee.yml": binary})
MK = "site_name: École-entreprise\ndocs_dir: build/docs\nsite_dir: site\ntheme:\n  name: material\n  language: fr\nextra:\n  annee_scolaire: 2026\n"
case("mkdocs-syntaxe", "Un mkdocs.yml mal formé finissait en trace Python.",
     ["build"], 1, problemes=[("mkdocs.yml", 7, 6, E, "syntaxe YAML invalide : crochet ou accolade mal refermé")],
     files={"mkdocs.yml": MK.replace("  language: fr", "  language: [fr")})
case("mkdocs-liste", "Un mkdocs.yml qui est une liste : AttributeError.",
     ["check"], 1, problemes=[("mkdocs.yml", 1, 1, E, "le fichier doit contenir des réglages « nom: valeur »")],
     files={"mkdocs.yml": "- site_name: École-entreprise\n"})
case("mkdocs-extra-forme", "« extra » qui n'est pas un groupe de réglages : AttributeError.",
     ["check"], 1, problemes=[("mkdocs.yml", 7, 8, E, "« extra » doit être un groupe de champs")],
     files={"mkdocs.yml": MK.replace("extra:\n  annee_scolaire: 2026", "extra: 2026")})
case("mkdocs-annee-texte", "Une année scolaire écrite en texte était ignorée : les dates sans année tombaient dans une autre année.",
     ["check"], 1, problemes=[("mkdocs.yml", 8, 19, E, "« extra.annee_scolaire » doit être une année écrite en chiffres, la première de l'année scolaire (par exemple 2026 pour 2026-2027), pas « 2026-2027 »")],
     files={"mkdocs.yml": MK.replace("annee_scolaire: 2026", 'annee_scolaire: "2026-2027"')})
case("mkdocs-docs-dir", "MkDocs aurait publié les pages sans le générateur (ni nettoyage, ni glossaire).",
     ["build"], 1, problemes=[("mkdocs.yml", 2, 11, E,
                               "valeur non autorisée pour « docs_dir » : « content/pages » ; valeurs possibles : build/docs")],
     files={"mkdocs.yml": MK.replace("docs_dir: build/docs", "docs_dir: content/pages")})
case("mkdocs-cle-en-double", "Une clé écrite deux fois : une seule des deux était gardée.",
     ["check"], 1, problemes=[("mkdocs.yml", 4, 1, E, "champ « site_dir » en double")],
     files={"mkdocs.yml": MK.replace("site_dir: site\n", "site_dir: site\nsite_dir: public\n")})
case("mkdocs-tag-inconnu", "Une étiquette Python dans mkdocs.yml n'est pas exécutée par le générateur ; le reste est vérifié.",
     ["check"], 1, problemes=[("mkdocs.yml", 2, 11, E, "« docs_dir » est vide")],
     files={"mkdocs.yml": MK.replace("docs_dir: build/docs", "docs_dir: !!python/name:os.system")})
case("mkdocs-absent", "Sans mkdocs.yml, `build` finissait sur un message de MkDocs en anglais.",
     ["build"], 1, problemes=[("mkdocs.yml", 1, 1, E, "fichier introuvable : la configuration du site manque")],
     preparation={"supprimer": ["mkdocs.yml"]})
case("mkdocs-lien-dehors", "mkdocs.yml, lien vers un fichier hors du projet.",
     ["check"], 1, problemes=[("mkdocs.yml", 1, 1, E, REFUSE)],
     preparation={"liens": {"mkdocs.yml": "{copie_dehors}"}})
broken = (V / "kits/fiches/visite-entreprise.yml").read_text(encoding="utf-8").replace("titre:", "titr:", 1)
case("report-erreurs", "`report` sortait avec 0 sur un contenu en erreur.",
     ["report"], 1, sortie="manque : « titre »", files={"kits/fiches/visite-entreprise.yml": broken})
# --- names that collide
fiche = (V / "kits/fiches/rencontre-entreprise.yml").read_text(encoding="utf-8")
case("fiche-index", "Une fiche « index » remplaçait le catalogue des fiches.",
     ["check"], 1, ignorer="rattachée à aucun kit",
     problemes=[("kits/fiches/index.yml", 1, 5, E, "la page de « index » (kits/fiches/index.yml) serait publiée à l'adresse « /fiches/ », déjà prise par le catalogue des fiches")],
     files={"kits/fiches/index.yml": fiche.replace("id: rencontre-entreprise", "id: index", 1)})
case("module-ressources", "Un module « ressources » remplaçait la page des ressources du MOOC.",
     ["check"], 1, ignorer="absent du parcours",
     problemes=[("mooc/modules/ressources.yml", 1, 5, E, "la page de « ressources » (mooc/modules/ressources.yml) serait publiée à l'adresse « /mooc/ressources/ », déjà prise par la page des ressources du MOOC")],
     files={"mooc/modules/ressources.yml": module.replace("id: comprendre-le-stage", "id: ressources", 1)})
lecon = module.replace("  - id: cadre\n", "  - id: index\n", 1)
assert lecon != module
case("lecon-index", "Une leçon « index » remplaçait la page de son module.",
     ["check"], 1, ignorer="cadre",
     problemes=[("mooc/modules/comprendre-le-stage.yml", lecon.splitlines().index("  - id: index") + 1, 9, E,
                 "la leçon « index » (mooc/modules/comprendre-le-stage.yml) serait publiée à l'adresse « /mooc/comprendre-le-stage/ », déjà prise par la page de « comprendre-le-stage »")],
     files={"mooc/modules/comprendre-le-stage.yml": lecon})
case("page-index", "content/pages/index.md remplaçait la page d'accueil : les deux fichiers sont nommés.",
     ["check"], 1, problemes=[
         ("content/pages/index.md", 1, 1, E, "la page « content/pages/index.md » serait publiée à l'adresse « / », déjà prise par la page « content/pages/accueil.md »"),
         ("content/pages/accueil.md", 1, 1, E, "la page « content/pages/accueil.md » serait publiée à l'adresse « / », prise aussi par la page « content/pages/index.md »")],
     files={"content/pages/index.md": "# Autre accueil\n"})
case("page-glossaire", "content/pages/glossaire.md remplaçait le glossaire.",
     ["check"], 1, problemes=[("content/pages/glossaire.md", 1, 1, E, "la page « content/pages/glossaire.md » serait publiée à l'adresse « /glossaire/ », déjà prise par le glossaire")],
     files={"content/pages/glossaire.md": "# Glossaire\n"})
case("page-mesures", "content/pages/mesures.md et mesures/index.md ont la même adresse, /mesures/.",
     ["check"], 1, problemes=[("content/pages/mesures.md", 1, 1, E, "la page « content/pages/mesures.md » serait publiée à l'adresse « /mesures/ », déjà prise par la liste des mesures")],
     files={"content/pages/mesures.md": "# Mesures\n"})
case("page-dossier-reserve", "content/pages/assets.md serait publiée dans le dossier des fichiers du site.",
     ["check"], 1, problemes=[("content/pages/assets.md", 1, 1, E, "la page « content/pages/assets.md » serait publiée dans « assets/ », dossier réservé aux fichiers du site")],
     files={"content/pages/assets.md": "# Fichiers\n"})
case("page-tableau-de-bord", "content/pages/tableau-de-bord.md remplaçait le tableau de bord de l'aperçu.",
     ["check"], 1, problemes=[("content/pages/tableau-de-bord.md", 1, 1, E, "la page « content/pages/tableau-de-bord.md » serait publiée à l'adresse « /tableau-de-bord/ », déjà prise par le tableau de bord de l'aperçu")],
     files={"content/pages/tableau-de-bord.md": "# Bord\n"})
# --- hand-written pages
PERMIS = " ; seuls « title » et « description » sont permis en tête d'une page"
case("page-template", "`template:` en tête d'une page : MkDocs cherchait ce gabarit et finissait en trace.",
     ["build"], 1, problemes=[("content/pages/essai.md", 2, 1, E, "champ inconnu : « template »" + PERMIS)],
     files={"content/pages/essai.md": "---\ntemplate: ../../../etc/passwd\n---\n# Essai\n"})
case("page-cle-inconnue", "Une clé que le thème lit sans l'échapper (« jsonld » va dans un <script>).",
     ["check"], 1, problemes=[("content/pages/essai.md", 3, 1, E, "champ inconnu : « jsonld »" + PERMIS)],
     files={"content/pages/essai.md": "---\ntitle: Essai\njsonld: '</script><script>alert(1)</script>'\n---\n# Essai\n"})
case("page-titre-liste", "Un titre qui n'est pas du texte.",
     ["check"], 1, problemes=[("content/pages/essai.md", 2, 8, E, "« title » doit être du texte (trouvé : une liste)")],
     files={"content/pages/essai.md": "---\ntitle: [Essai]\n---\n# Essai\n"})
case("page-en-tete-syntaxe", "Un en-tête mal formé : MkDocs l'ignorait et publiait ses lignes comme du texte.",
     ["check"], 1, problemes=[("content/pages/essai.md", 3, 1, E, "syntaxe YAML invalide : fin de fichier inattendue")],
     files={"content/pages/essai.md": "---\ntitle: \"Essai\n---\n# Essai\n"})
case("page-en-tete-non-referme", "Un en-tête sans sa ligne « --- » de fin.",
     ["check"], 1, problemes=[("content/pages/essai.md", 1, 1, E, "en-tête non refermé")],
     files={"content/pages/essai.md": "---\ntitle: Essai\n\n# Essai\n"})
case("page-cle-en-double", "Un titre écrit deux fois dans l'en-tête : un seul était gardé.",
     ["check"], 1, problemes=[("content/pages/essai.md", 3, 1, E, "champ « title » en double (déjà à la ligne 2)")],
     files={"content/pages/essai.md": "---\ntitle: Un\ntitle: Deux\n---\n# Essai\n"})
case("page-snippet", "Une ligne « --8<-- » incluait un fichier du dossier build/ dans la page.",
     ["build"], 1, problemes=[("content/pages/essai.md", 5, 1, E, "« --8<-- » refusé : une page ne peut pas inclure un autre fichier")],
     files={"content/pages/essai.md": "# Essai\n\nTexte.\n\n--8<-- \"abbreviations.md\"\n"})
case("page-snippet-dans-une-ligne", "La forme courte « -8<- », au milieu d'une ligne.",
     ["check"], 1, problemes=[("content/pages/essai.md", 3, 8, E, "« -8<- » refusé")],
     files={"content/pages/essai.md": "# Essai\n\nVoir : -8<- \"docs/index.md\"\n"})
case("page-non-utf8", "Une page en Latin-1 finissait en trace MkDocs (UnicodeDecodeError).",
     ["build"], 1, problemes=[("content/pages/essai.md", 3, 5, E, "le fichier n'est pas en UTF-8")],
     files={"content/pages/essai.md": "# Essai\n\nLe r\xf4le du tuteur.\n".encode("latin-1")})
case("page-caractere-de-controle", "Un caractère de contrôle dans une page écrite à la main.",
     ["check"], 1, problemes=[("content/pages/essai.md", 3, 5, E, "caractère de contrôle invisible (U+001B)")],
     files={"content/pages/essai.md": "# Essai\n\nLe r\x1b[31môle.\n"})
case("ressource-snippet", "Une ressource Markdown du MOOC est publiée comme une page : même règle.",
     ["check"], 1, problemes=[("mooc/ressources/guide.md", 3, 1, E, "« --8<-- » refusé")],
     files={"mooc/modules/comprendre-le-stage.yml": avec_fichier.replace("fichier: guide.pdf", "fichier: guide.md"),
            "mooc/ressources/guide.md": "# Guide\n\n--8<-- \"abbreviations.md\"\n"})
