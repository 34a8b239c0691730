"""Rebuilds for ``postarchive serve``, each forked from a process that has loaded Sphinx once.

sphinx-autobuild runs ``python -m sphinx`` for every change: a new interpreter that imports
Sphinx, MyST, the theme and the archive again before it reads the one edited post. At 1000
posts that is about a third of the rebuild. Here a helper process imports them once, when the
preview starts; each rebuild is a child forked from it, which starts with all of that loaded
and runs the very ``sphinx-build`` the command would (same arguments, same output, same exit
code). The helper is forked before the server starts its threads, and it has none of its own,
so forking it is safe; it takes requests on a Unix socket (sphinx-autobuild calls each rebuild
from a process pool, which reaches it by the socket's path) and ends with the preview. Where
fork is not the way to start processes (Windows, macOS), rebuilds run as sphinx-autobuild runs
them. Extensions kept in the archive's own folder are not loaded ahead: their author may be
editing them, and each rebuild imports them afresh.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import json
import multiprocessing
import os
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_command, show_message

# What every archive's build imports, besides the extensions its conf.py names and Sphinx's own.
PRELOADED = (
    "sphinx.cmd.build", "sphinx.builders.html", "myst_parser.sphinx_ext.main",
    "myst_parser.parsers.sphinx_", "myst_parser.mdit_to_docutils.sphinx_",
    "sphinx.transforms.post_transforms.code", "postarchive.wiring",
)  # fmt: skip
# Languages blogs write code in most: their lexers' rules are compiled once, in the helper.
COMMON_LANGUAGES = (
    "python", "pycon", "bash", "console", "shell", "javascript", "typescript", "json", "yaml",
    "toml", "ini", "html", "css", "xml", "c", "cpp", "go", "rust", "java", "ruby", "php", "sql",
    "diff", "docker", "markdown", "rst", "text",
)  # fmt: skip


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class WarmBuilds:
    """``build(args)`` runs ``sphinx-build args`` in a process forked from a helper that has
    imported ``modules``; returns its exit code. The helper takes requests on a Unix socket:
    sphinx-autobuild calls a rebuild in a process of its own (a process pool), which reaches the
    helper by the socket's path (the only state pickled with this object)."""

    def __init__(self, modules: Iterable[str]) -> None:
        from sphinx.application import builtin_extensions

        preloaded = [*PRELOADED, *builtin_extensions, *modules]
        self._folder = tempfile.mkdtemp(prefix="postarchive-preview-")
        self.address = os.path.join(self._folder, "builds")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(self.address)
        server.listen()
        parent = os.getpid()
        # A plain fork, not a multiprocessing.Process: a build (Sphinx's -j, an extension's
        # manager) starts processes of its own, which a daemonic Process's children may not.
        self._helper = os.fork()
        if self._helper == 0:
            try:
                _serve_builds(server, parent, preloaded)
            finally:  # the preview is gone: its socket too
                shutil.rmtree(self._folder, ignore_errors=True)
                os._exit(0)
        server.close()

    def __getstate__(self) -> dict[str, Any]:
        return {"address": self.address}

    def build(self, args: Sequence[str]) -> int:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(self.address)
            client.sendall(json.dumps(list(args)).encode() + b"\n")
            answer = client.makefile("rb").readline()
        return int(answer) if answer.strip() else 1  # no answer: the helper is gone

    def close(self) -> None:
        """End the helper (after the build it may be running) and remove its socket."""
        os.kill(self._helper, signal.SIGTERM)
        os.waitpid(self._helper, 0)
        shutil.rmtree(self._folder, ignore_errors=True)


def _serve_builds(server: socket.socket, parent: int, modules: list[str]) -> None:
    """The helper: import once, then fork one build per request; it ends with the preview,
    however that ends (it is then no longer the preview's child)."""
    for name in modules:
        # An extension that cannot be loaded is reported by the build itself.
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    from pygments.lexers import get_lexer_by_name

    for language in COMMON_LANGUAGES:
        with contextlib.suppress(Exception):
            get_lexer_by_name(language)
    server.settimeout(1.0)
    while os.getppid() == parent:
        try:
            connection, _ = server.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(None)
            args = json.loads(connection.makefile("rb").readline())
            pid = os.fork()
            if pid == 0:
                server.close()
                _build_and_exit(args)
            _, status = os.waitpid(pid, 0)
            connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


def _build_and_exit(args: list[str]) -> None:
    """In the forked child: the build, then what ending the interpreter would do for it. The
    child leaves by ``os._exit`` (not through the helper's code), so processes the build
    started (sphinx-sitemap's manager) are ended here, as Python's own exit ends them."""
    code = 1
    try:
        from sphinx.cmd.build import build_main

        code = build_main(args)
    finally:
        for process in multiprocessing.active_children():
            process.terminate()
            process.join(5)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def extension_modules(namespace: dict[str, Any], archive: Path) -> list[str]:
    """The modules of the installed extensions and theme a conf.py names. An extension kept in
    the archive's own folder is left to each build to import: the author may be editing it, and
    the preview must show the edit."""
    names = [str(name) for name in namespace.get("extensions", []) if isinstance(name, str)]
    theme = namespace.get("html_theme")
    if isinstance(theme, str):
        names.append(theme)
    return [name for name in names if not _kept_in(name, archive.resolve())]


def _kept_in(module: str, folder: Path) -> bool:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return False  # the build reports it
    origin = spec.origin if spec is not None else None
    return origin is not None and Path(origin).resolve().is_relative_to(folder)


def warm_autobuild_builder(builds: WarmBuilds) -> Callable[..., Builder]:
    """What sphinx-autobuild makes its builder with: its own, with each rebuild run by
    ``builds`` instead of a new interpreter."""
    return functools.partial(WarmBuilder, builds=builds)


class WarmBuilder(Builder):
    """sphinx-autobuild's builder (printing what it prints), rebuilding through the helper. A
    module-level class: sphinx-autobuild pickles its builder into the process of each rebuild."""

    def __init__(self, *args: Any, builds: WarmBuilds, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.builds = builds

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            shown = ", ".join(path.name for path in changed_paths[:5])
            show_message(f"Detected changes ({shown})")
            show_message("Rebuilding...")
        show_command(["sphinx-build", *self.sphinx_args])
        code = self.builds.build(self.sphinx_args)
        if code != 0:
            print(f"Sphinx exited with exit code: {code}")
            print("The preview shows the last good build until the error is fixed.")
        show_message(f"Serving on {self.uri}")
