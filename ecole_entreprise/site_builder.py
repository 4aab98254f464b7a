"""The contract between ``ecole-entreprise`` and MkDocs, in one place.

``ecole-entreprise build`` and ``serve`` run MkDocs in a child process, with this module
as its entry point rather than MkDocs' own:

    python -m ecole_entreprise.site_builder build [--brouillons] [--attendre] -- ARGS…
    python -m ecole_entreprise.site_builder serve [--brouillons] -- ARGS…

``ARGS`` are MkDocs' own (``--config-file``, ``--site-dir``, ``--dev-addr``…), passed to
its command line unchanged, so its logging, ``--strict`` and exit statuses are MkDocs'.
The options before ``--`` set :data:`current`, which the bridge (mkdocs_hooks.py) reads
in the same process — no environment variable, no file descriptor passed down:

- ``--brouillons``: the bridge generates the editors' preview (drafts published);
- ``--attendre``: the caller generates the docs folder itself. MkDocs imports its modules
  and reads its configuration meanwhile (decision 0014), then, in the bridge's
  ``on_pre_build``, reads its standard input: the line ``pret`` means the docs folder is
  written, build it as it is; end of input without it means stop, build nothing
  (exit status 1). Later builds of the same process (``serve``) do not wait again.

Without this module (plain ``mkdocs build`` / ``mkdocs serve``), :data:`current` keeps
its default: the bridge generates, drafts left out.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import BinaryIO, Sequence

READY = b"pret\n"   # what the caller writes on MkDocs' standard input once the docs are written


@dataclass
class Run:
    brouillons: bool = False
    docs_ready: BinaryIO | None = None   # where to wait for READY; None: generate in the bridge

    def wait_for_docs(self) -> bool:
        """True once the caller says the docs folder is ready, False if it gave up."""
        ready, self.docs_ready = self.docs_ready, None   # once: serve's rebuilds generate
        return ready is None or ready.readline() == READY


current = Run()


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    ours, mkdocs_args = (args[:args.index("--")], args[args.index("--") + 1:]) if "--" in args else (args, [])
    parser = argparse.ArgumentParser(prog="python -m ecole_entreprise.site_builder")
    parser.add_argument("commande", choices=("build", "serve"))
    parser.add_argument("--brouillons", action="store_true")
    parser.add_argument("--attendre", action="store_true")
    options = parser.parse_args(ours)
    current.brouillons = options.brouillons
    current.docs_ready = sys.stdin.buffer if options.attendre else None
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's notice, before it is imported
    from mkdocs.__main__ import cli

    try:
        cli.main(args=[options.commande, *mkdocs_args], prog_name="mkdocs", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


if __name__ == "__main__":
    # Run as a module, this file is ``__main__``: the bridge imports
    # ``ecole_entreprise.site_builder``, whose :data:`current` must be the one set here.
    from ecole_entreprise.site_builder import main as _main

    sys.exit(_main())
