"""Write the fingerprint of the official sources: python scripts/source_fingerprint.py FOLDER

FOLDER holds the sources as text files (*.txt). The output, tests/data/empreinte-sources.json,
lists the hash of every run of 14 consecutive normalized words (ecole_entreprise/fingerprint.py),
never the words themselves. Run it once when a source is added; the project itself never
reads the sources folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ecole_entreprise.fingerprint import WINDOW, windows, words  # noqa: E402

OUT = ROOT / "tests" / "data" / "empreinte-sources.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dossier", type=Path, help="folder of the source texts (*.txt)")
    parser.add_argument("--sortie", type=Path, default=OUT)
    args = parser.parse_args()
    texts = sorted(args.dossier.glob("*.txt"))
    if not texts:
        print(f"aucun fichier .txt dans {args.dossier}", file=sys.stderr)
        return 1
    hashes: set[str] = set()
    for path in texts:
        hashes.update(h for _, h in windows(words(path.read_text(encoding="utf-8"))))
    args.sortie.parent.mkdir(parents=True, exist_ok=True)
    args.sortie.write_text(json.dumps({
        "fenetre": WINDOW,
        "documents": len(texts),
        "empreintes": sorted(hashes),
    }, indent=0) + "\n", encoding="utf-8")
    print(f"{len(hashes)} empreintes de {WINDOW} mots, {len(texts)} documents → {args.sortie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
