"""The command line's options, checked before any work is done.

Every path and number an editor or a script types is untrusted: an output folder that is
the project, a folder above it, a content or theme folder, or a folder of someone else's
files would be deleted by the swap of a build; a port in use, a negative count or a
folder that is not a project would end in a traceback or in a silent wrong answer. Each
check raises :class:`OptionError` with a French message; the CLI prints it and exits 2.
"""

from __future__ import annotations

import argparse
import errno
import re
import socket
from pathlib import Path

from .discover import CONTENT_DIRS

# A file the build writes at the top of every site it makes: the swap replaces (and so
# deletes) a folder only when this says it is a site made here.
SITE_MARK = ".ecole-entreprise-site"
# Folders of the project a build must never write into, nor replace.
PROTECTED = (*CONTENT_DIRS, "theme", "data", "build", "ecole_entreprise", "scripts", "tests", "docs", ".git")
# What a site built before SITE_MARK existed holds: MkDocs' sitemap and this project's
# search index. Nothing else makes both.
_EARLIER_SITE = ("index.html", "sitemap.xml", "assets/recherche/index.json")
# The swap's own folders beside the site: « site.tmp-PID », « site.old-PID ».
LEFTOVER = re.compile(r"\.(tmp|old)-[0-9]+$")
MAX_ID = 80   # an id is a file name and a URL segment: the longest in the corpus has 40 characters


class OptionError(Exception):
    """A usage error, in French: the CLI prints it and exits 2."""


def project_root(racine: Path) -> Path:
    """The project folder: it exists, and holds mkdocs.yml or a content folder."""
    root = racine.resolve()
    if not root.is_dir():
        raise OptionError(f"dossier introuvable : {racine}")
    if not (root / "mkdocs.yml").exists() and not any((root / name).is_dir() for name in CONTENT_DIRS):
        raise OptionError(f"« {racine} » n'est pas un projet école-entreprise : il n'a ni mkdocs.yml, "
                          f"ni dossier {', '.join(f'{n}/' for n in CONTENT_DIRS)}")
    return root


def output_folder(root: Path, sortie: str) -> Path:
    """Where ``build`` may put the site. The swap replaces this folder as a whole, so it
    must be a new folder, an empty one or a site an earlier build made — never the
    project, a folder above it, or one of the project's own folders."""
    if not sortie.strip():
        raise OptionError("--sortie : le nom du dossier du site est vide")
    out = (root / sortie).resolve()
    shown = f"--sortie {sortie}"
    if out == root or root.is_relative_to(out):
        raise OptionError(f"{shown} : ce dossier contient le projet ; il serait remplacé par le site. "
                          "Choisissez un nouveau dossier, par exemple « site »")
    if out.is_relative_to(root):
        top = out.relative_to(root).parts[0]
        if top in PROTECTED or LEFTOVER.search(top):
            raise OptionError(f"{shown} : « {top}/ » est un dossier du projet ; le site ne peut pas y être "
                              "construit. Choisissez un nouveau dossier, par exemple « site »")
    if out.exists() and not out.is_dir():
        raise OptionError(f"{shown} : « {sortie} » existe et n'est pas un dossier")
    if out.is_dir() and any(out.iterdir()) and not is_earlier_site(out):
        raise OptionError(f"{shown} : le dossier « {sortie} » n'est pas vide et ne contient pas un site construit "
                          "par ecole-entreprise ; il serait remplacé. Videz-le ou choisissez un nouveau dossier")
    return out


def is_earlier_site(folder: Path) -> bool:
    if (folder / SITE_MARK).is_file():
        return True
    return all((folder / name).is_file() for name in _EARLIER_SITE)


def positive_count(text: str) -> int:
    """argparse type of a count of results: a whole number, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre entier attendu, pas « {text} »") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"au moins 1 résultat, pas {value}")
    return value


def listen_address(text: str) -> tuple[str, int]:
    """``serve --adresse``: « hôte:port » where nothing listens yet."""
    host, sep, port_text = text.rpartition(":")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise OptionError(f"--adresse {text} : adresse attendue sous la forme hôte:port, par exemple 127.0.0.1:8001")
    port = int(port_text)
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as the server will
            probe.bind((host.strip("[]"), port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise OptionError(f"--adresse {text} : le port {port} est déjà utilisé (un autre aperçu tourne-t-il ?). "
                              f"Choisissez-en un autre, par exemple --adresse {host}:{port + 1}") from None
        raise OptionError(f"--adresse {text} : impossible d'écouter à cette adresse ({error.strerror})") from None
    return host, port


def new_id(text: str) -> str:
    """``new``'s identifier: it becomes a file name, which the file system limits."""
    if len(text) > MAX_ID:
        raise OptionError(f"identifiant trop long ({len(text)} caractères ; au plus {MAX_ID}) : "
                          "choisissez un identifiant court, par exemple « visite-musee »")
    return text
