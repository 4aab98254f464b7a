"""``ecole-entreprise cms``: the form editor on the editor's own machine.

One address on 127.0.0.1 serves the admin page, the vendored CMS and its configuration,
and passes the CMS's file requests (``POST /api/v1``) to Decap's own local backend,
``decap-server`` (npm, ``MODE=fs``), which writes the files of the working copy. The
backend listens on another loopback port that only this process talks to; this proxy
lets through only the paths of the content folders, whatever the page asks.

The backend is a child process that dies with this one (``PR_SET_PDEATHSIG``) and is
stopped on Ctrl+C or SIGTERM: no orphan keeps serving.
"""

from __future__ import annotations

import ctypes
import http.server
import json
import mimetypes
import os
import posixpath
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from . import cms
from .cms_merge import keep_untouched

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = Path("node_modules/decap-server/dist/index.js")
VENDOR = Path("theme/assets/vendor/decap-cms")
MAX_BODY = 20 * 1024 * 1024       # a record is a few kB; the media library is not used
START_TIMEOUT = 20.0


class CmsError(Exception):
    """The editor cannot start; the message is for editors, in French."""


def find(root: Path, relative: Path) -> Path | None:
    """``relative`` in the project, else beside the installed package (a test project)."""
    for base in (root, PACKAGE_ROOT):
        if (base / relative).exists():
            return base / relative
    return None


def allowed_prefixes() -> tuple[str, ...]:
    prefixes = {t.pattern if t.single_file else t.folder + "/" for t in cms.content_types()}
    return tuple(sorted(prefixes)) + (cms.MEDIA_FOLDER + "/",)


def paths_in(params: Any) -> list[str]:
    """Every file path a request of the CMS names (entry, data files, assets, deletions)."""
    found: list[str] = []
    if isinstance(params, dict):
        for key, value in params.items():
            if key in ("path", "newPath") and isinstance(value, str):
                found.append(value)
            elif key == "paths" and isinstance(value, list):
                found.extend(v for v in value if isinstance(v, str))
            elif isinstance(value, (dict, list)):
                found.extend(paths_in(value))
    elif isinstance(params, list):
        for value in params:
            found.extend(paths_in(value))
    return found


def path_allowed(path: str, prefixes: tuple[str, ...]) -> bool:
    clean = posixpath.normpath(path)
    if path.startswith("/") or "\\" in path or clean.startswith("..") or clean != path.rstrip("/"):
        return False
    return any(clean == p or clean.startswith(p) for p in prefixes)


class Editor:
    """The running editor: the proxy server and the decap-server child."""

    def __init__(self, root: Path, host: str, port: int, node: str = "node"):
        self.root = root
        self.host = host
        self.port = port
        self.node = node
        self.child: subprocess.Popen | None = None
        self.server: http.server.ThreadingHTTPServer | None = None
        self.backend_port = 0

    # -- start ----------------------------------------------------------------------------
    def start(self) -> None:
        script = find(self.root, DECAP_SERVER)
        vendor = find(self.root, VENDOR)
        if script is None:
            raise CmsError("le serveur local de l'éditeur (decap-server) est absent : lancez `npm ci` "
                           "dans le dossier du projet (ou `make cms`)")
        if vendor is None:
            raise CmsError("l'éditeur (Decap CMS) est absent de theme/assets/vendor/decap-cms : "
                           "lancez scripts/vendor-cms.sh")
        try:
            self.server = http.server.ThreadingHTTPServer((self.host, self.port), self._handler(vendor))
        except OSError as error:
            raise CmsError(f"impossible d'écouter sur {self.host}:{self.port} : "
                           + ("ce port est déjà utilisé (un autre éditeur ou un aperçu tourne-t-il déjà ?) ; "
                              "choisissez-en un autre avec --adresse 127.0.0.1:PORT"
                              if error.errno in (98, 48) else str(error.strerror or error))) from None
        self.port = self.server.server_address[1]
        self.backend_port = _free_port()
        env = dict(os.environ, PORT=str(self.backend_port), BIND_HOST="127.0.0.1", MODE="fs",
                   GIT_REPO_DIRECTORY=str(self.root), LOG_LEVEL="warn",
                   ORIGIN=f"http://{self.host}:{self.port}")
        try:
            self.child = subprocess.Popen([self.node, str(script)], cwd=self.root, env=env,
                                          stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        except FileNotFoundError:
            self.server.server_close()
            raise CmsError("Node.js est introuvable : installez-le (paquet Debian nodejs)") from None
        self._wait_backend()

    def _wait_backend(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.child.poll() is not None:
                self.stop()
                raise CmsError("le serveur local de l'éditeur (decap-server) s'est arrêté au démarrage")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.backend_port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise CmsError("le serveur local de l'éditeur (decap-server) n'a pas démarré à temps")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/admin/"

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    # -- stop -----------------------------------------------------------------------------
    def stop(self) -> None:
        if self.server is not None:
            self.server.server_close()
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()

    # -- requests ---------------------------------------------------------------------------
    def _handler(self, vendor: Path) -> type[http.server.BaseHTTPRequestHandler]:
        editor = self
        prefixes = allowed_prefixes()

        class Handler(http.server.BaseHTTPRequestHandler):
            server_version = "ecole-entreprise-cms"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path in ("/", "/admin"):
                    self._send(302, b"", "text/plain", {"Location": "/admin/"})
                elif path == "/admin/":
                    page = cms.admin_html("../" + cms.CMS_SCRIPT)
                    self._send(200, page.encode(), "text/html; charset=utf-8")
                elif path == "/admin/config.yml":
                    config = cms.local_config(f"http://{editor.host}:{editor.port}/api/v1")
                    self._send(200, cms.as_yaml(config).encode(), "text/yaml; charset=utf-8")
                elif path.startswith(f"/{cms.CMS_ASSETS}/"):
                    name = path.rsplit("/", 1)[1]
                    file = vendor / name
                    if "/" in path[len(cms.CMS_ASSETS) + 2:] or not file.is_file():
                        self._send(404, "introuvable".encode(), "text/plain; charset=utf-8")
                    else:
                        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                        self._send(200, file.read_bytes(), kind)
                else:
                    self._send(404, "introuvable".encode(), "text/plain; charset=utf-8")

            def do_POST(self) -> None:
                if self.path != "/api/v1":
                    return self._send(404, b"{}", "application/json")
                length = int(self.headers.get("Content-Length") or 0)
                if length > MAX_BODY:
                    return self._send(413, b'{"error": "trop volumineux"}', "application/json")
                body = self.rfile.read(length)
                try:
                    request = json.loads(body)
                except ValueError:
                    return self._send(400, b'{"error": "JSON attendu"}', "application/json")
                action = request.get("action") if isinstance(request, dict) else None
                if not isinstance(action, str):
                    return self._send(400, b'{"error": "action attendue"}', "application/json")
                named = paths_in(request.get("params"))
                outside = [p for p in named if not path_allowed(p, prefixes)]
                if outside:
                    message = {"error": f"chemin refusé (hors des dossiers de contenu) : {outside[0]}"}
                    return self._send(403, json.dumps(message).encode(), "application/json")
                if action == "persistEntry":
                    body = json.dumps(editor.keep_untouched(request)).encode()
                status, answer = editor._forward(body)
                self._send(status, answer, "application/json")

            def _send(self, status: int, data: bytes, kind: str, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.send_header("X-Robots-Tag", "noindex")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def keep_untouched(self, request: dict) -> dict:
        """The files the CMS saves, with the unchanged fields of the files on disk put back
        as they were written (cms_merge.py)."""
        params = request.get("params")
        if not isinstance(params, dict):
            return request
        files = [params.get("entry")] + list(params.get("dataFiles") or [])
        for data_file in files:
            if not (isinstance(data_file, dict) and isinstance(data_file.get("raw"), str)
                    and isinstance(data_file.get("path"), str)):
                continue
            target = self.root / data_file["path"]
            if target.is_file() and not target.is_symlink():
                original = target.read_text(encoding="utf-8", errors="replace")
                data_file["raw"] = keep_untouched(original, data_file["raw"])
        return request

    def _forward(self, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.backend_port}/api/v1", data=body,
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            return 502, b'{"error": "serveur local de l\'editeur injoignable"}'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child, before exec: receive SIGTERM when the parent dies, even by SIGKILL."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run(root: Path, host: str, port: int, announce: Callable[[str], None] = print) -> None:
    """Start the editor, serve until Ctrl+C or SIGTERM, then stop everything."""
    editor = Editor(root, host, port)
    editor.start()
    stop = threading.Event()

    def on_signal(signum, frame) -> None:
        stop.set()
        threading.Thread(target=editor.server.shutdown, daemon=True).start()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        announce(f"Éditeur de contenu : {editor.url} (Ctrl+C pour arrêter)")
        editor.serve_forever()
    finally:
        editor.stop()
        for s, handler in previous.items():
            signal.signal(s, handler)
