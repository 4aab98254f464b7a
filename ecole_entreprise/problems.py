"""Problems found in content, reported to editors as ``file:line:col: niveau: message``.

Every stage appends to one :class:`Problems` collection instead of raising, so that a run
shows the editor everything that is wrong at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

ERREUR = "erreur"
AVERTISSEMENT = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    niveau: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.niveau}: {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def erreur(self, path: str, position: tuple[int, int], message: str) -> None:
        self.items.append(Problem(path, position[0], position[1], ERREUR, message))

    def avertissement(self, path: str, position: tuple[int, int], message: str) -> None:
        self.items.append(Problem(path, position[0], position[1], AVERTISSEMENT, message))

    def add(self, niveau: str, path: str, position: tuple[int, int], message: str) -> None:
        self.items.append(Problem(path, position[0], position[1], niveau, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def erreurs(self) -> list[Problem]:
        return [p for p in self.items if p.niveau == ERREUR]

    @property
    def avertissements(self) -> list[Problem]:
        return [p for p in self.items if p.niveau == AVERTISSEMENT]

    def sorted(self) -> list[Problem]:
        # Deduplicate: a value can be reached twice (e.g. through two schema branches).
        return sorted(set(self.items))

    def strict(self) -> "Problems":
        """Warnings promoted to errors (``--strict``)."""
        return Problems([Problem(p.path, p.line, p.col, ERREUR, p.message) for p in self.items])

    def resume(self) -> str:
        n_e, n_a = len(self.erreurs), len(self.avertissements)
        return f"{_compte(n_e, 'erreur', 'erreurs')}, {_compte(n_a, 'avertissement', 'avertissements')}"

    def as_json(self) -> str:
        return json.dumps(
            {"problemes": [asdict(p) for p in self.sorted()],
             "erreurs": len(self.erreurs), "avertissements": len(self.avertissements)},
            ensure_ascii=False, indent=2)


    def as_codeclimate(self) -> str:
        """GitLab's code-quality report (a subset of Code Climate's format)."""
        return json.dumps([{
            "description": p.message,
            "check_name": f"ecole-entreprise-{p.niveau}",
            "fingerprint": hashlib.sha256(f"{p.path}:{p.line}:{p.col}:{p.message}".encode()).hexdigest(),
            "severity": "major" if p.niveau == ERREUR else "minor",
            "location": {"path": p.path, "lines": {"begin": p.line}},
        } for p in self.sorted()], ensure_ascii=False, indent=2)

    def as_github(self) -> str:
        """GitHub Actions workflow commands: each problem becomes an annotation at file:line."""
        lines = []
        for p in self.sorted():
            command = "error" if p.niveau == ERREUR else "warning"
            lines.append(f"::{command} file={_gh_property(p.path)},line={p.line},col={p.col}"
                         f"::{_gh_data(p.message)}")
        return "\n".join(lines)


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def _compte(n: int, singulier: str, pluriel: str) -> str:
    return f"{n} {singulier if n < 2 else pluriel}"
