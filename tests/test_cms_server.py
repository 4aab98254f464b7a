"""`ecole-entreprise cms` as an editor runs it: it serves, and stops with no orphan."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers import make_project


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.is_file() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_the_editor_serves_then_stops_cleanly_with_its_backend(tmp_path, stop):
    project = make_project(tmp_path / "p")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    editor = subprocess.Popen([sys.executable, "-m", "ecole_entreprise", "--racine", str(project), "cms",
                               "--adresse", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        line = editor.stdout.readline()
        assert f"http://127.0.0.1:{port}/admin/" in line, line + editor.stderr.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/", timeout=10) as page:
            assert b"decap-cms.js" in page.read()
        # the page cannot make the backend write outside the content folders
        before = (project / "mkdocs.yml").read_bytes()
        body = json.dumps({"action": "persistEntry", "params": {"branch": "main", "assets": [], "options": {},
                           "entry": {"slug": "x", "path": "mkdocs.yml", "raw": "pris"}}}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403 and (project / "mkdocs.yml").read_bytes() == before
        backend = _children(editor.pid)
        assert len(backend) == 1 and _alive(backend[0])          # decap-server
        editor.send_signal(stop)
        assert editor.wait(timeout=20) == 0
        assert not _alive(backend[0])
    finally:
        if editor.poll() is None:
            editor.kill()
            editor.wait()
