"""During `serve`, saving a fiche's YAML shows the change in the open page, no restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"le serveur d'aperçu n'a pas répondu : {url}")


def test_editing_a_fiche_reloads_the_page(project, new_page):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "serve",
         "--adresse", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_until_up(base + "fiches/visite-entreprise/")
        watched = new_page(base)
        watched.page.goto(base + "fiches/visite-entreprise/")
        assert watched.page.locator("h1").inner_text().startswith("Une visite d'entreprise")

        fiche = project / "kits" / "fiches" / "visite-entreprise.yml"
        fiche.write_text(fiche.read_text(encoding="utf-8").replace(
            "titre: Une visite d'entreprise", "titre: Une visite d'atelier"), encoding="utf-8")

        watched.page.wait_for_function(
            "() => (document.querySelector('h1')?.textContent || '').startsWith(\"Une visite d'atelier\")",
            timeout=60_000)  # the h1 is briefly absent while the page reloads
    finally:
        server.terminate()
        server.wait(timeout=20)
    # Stopping the command stops the server itself: nothing keeps serving the port.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
