"""Rebuilds for ``postarchive serve``, each forked from a process that has loaded Sphinx once.

sphinx-autobuild runs ``python -m sphinx`` for every change: a new interpreter that imports
Sphinx, MyST, the theme and the archive again before it reads the one edited post. At 1000
posts that is about a third of the rebuild. Here a helper process imports them once, when the
preview starts; each rebuild is a child forked from it, which starts with all of that loaded
and runs the very ``sphinx-build`` the command would (same arguments, same output, same exit
code). The helper is started before the server starts its threads, and it has none of its own,
so forking it is safe. Where fork is not the way to start processes (Windows, macOS), rebuilds
run as sphinx-autobuild runs them.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import sys
from collections.abc import Iterable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

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
    imported ``modules``; returns its exit code."""

    def __init__(self, modules: Iterable[str]) -> None:
        context = multiprocessing.get_context("fork")
        self._requests, helper_end = context.Pipe()
        from sphinx.application import builtin_extensions

        preloaded = [*PRELOADED, *builtin_extensions, *modules]
        self._helper = context.Process(
            target=_serve_builds, args=(helper_end, preloaded), daemon=True
        )
        self._helper.start()
        helper_end.close()

    def build(self, args: Sequence[str]) -> int:
        self._requests.send(list(args))
        return int(self._requests.recv())

    def close(self) -> None:
        self._requests.close()
        self._helper.join(timeout=5)


def _serve_builds(requests: Connection, modules: list[str]) -> None:
    """The helper: import once, then fork one build per request."""
    for name in modules:
        # An extension that cannot be loaded is reported by the build itself.
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    from pygments.lexers import get_lexer_by_name

    for language in COMMON_LANGUAGES:
        with contextlib.suppress(Exception):
            get_lexer_by_name(language)
    while True:
        try:
            args = requests.recv()
        except EOFError:  # the preview stopped
            return
        pid = os.fork()
        if pid == 0:
            _build_and_exit(args)
        _, status = os.waitpid(pid, 0)
        requests.send(os.waitstatus_to_exitcode(status))


def _build_and_exit(args: list[str]) -> None:
    code = 1
    try:
        from sphinx.cmd.build import build_main

        code = build_main(args)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def extension_modules(namespace: dict[str, Any]) -> list[str]:
    """The modules of the extensions and theme a conf.py names."""
    names = [str(name) for name in namespace.get("extensions", []) if isinstance(name, str)]
    theme = namespace.get("html_theme")
    if isinstance(theme, str):
        names.append(theme)
    return names


def warm_autobuild_builder(builds: WarmBuilds) -> type:
    """sphinx-autobuild's builder, with each rebuild run by ``builds`` instead of a new
    interpreter; what it prints is as sphinx-autobuild prints it."""
    from sphinx_autobuild.build import Builder
    from sphinx_autobuild.utils import show_command, show_message

    class WarmBuilder(Builder):
        def __call__(self, *, changed_paths: Sequence[Path]) -> None:
            if changed_paths:
                show_message("Detected changes; rebuilding...")
            show_command(["sphinx-build", *self.sphinx_args])
            code = builds.build(self.sphinx_args)
            if code != 0:
                print(f"Sphinx exited with exit code: {code}")
                print("The preview shows the last good build until the error is fixed.")
            show_message(f"Serving on {self.uri}")

    return WarmBuilder
