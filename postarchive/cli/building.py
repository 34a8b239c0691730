"""Builds with a progress display, and the live preview.

Sphinx runs in this process with its own output kept quiet; a rich progress bar follows the
documents Sphinx reads and writes (through its events), and the warnings are listed at the end.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.console import strip_colors
from sphinx.util.docutils import docutils_namespace, patch_docutils

from postarchive.cli.check import archive_config
from postarchive.memory import collector_on_again

# Where each builder's output goes under the output folder; latexpdf builds LaTeX, then the PDF.
OUTPUT_FOLDERS = {"latexpdf": "latex"}


def run_builds(archive: Path, out: Path, builders: tuple[str, ...], *, strict: bool) -> list[str]:
    """Build each format in turn; return the ones that failed."""
    console = Console(stderr=True, highlight=False)
    failed = []
    for builder in builders:
        started = time.perf_counter()
        ok, warnings, where = _build_one(archive, out, builder, strict, console)
        for warning in warnings:
            console.print(f"  [yellow]{escape(warning)}[/yellow]")
        took = time.perf_counter() - started
        if ok:
            console.print(f"[green]✓[/green] {builder} in {took:.1f} s → {escape(str(where))}")
        else:
            console.print(f"[red]✗[/red] {builder} failed")
            failed.append(builder)
    return failed


def _build_one(
    archive: Path, out: Path, builder: str, strict: bool, console: Console
) -> tuple[bool, list[str], Path]:
    sphinx_builder = "latex" if builder == "latexpdf" else builder
    outdir = out / OUTPUT_FOLDERS.get(builder, builder)
    status, warning = io.StringIO(), io.StringIO()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        reading = progress.add_task(f"{builder}: reading", total=None)
        writing = progress.add_task(f"{builder}: writing", total=None, visible=False)
        try:
            # Each build in its own docutils namespace, as sphinx-build does: the nodes,
            # directives and roles one build registers must not be found registered by the next
            # format's (a warning, so a strict build of two formats would fail).
            with patch_docutils(archive), docutils_namespace():
                app = Sphinx(
                    archive, archive, outdir, out / "doctrees", sphinx_builder,
                    status=status, warning=warning, warningiserror=strict, keep_going=strict,
                )  # fmt: skip
                app.connect(
                    "env-before-read-docs",
                    lambda _a, _e, docs: progress.update(reading, total=len(docs)),
                )
                app.connect("doctree-read", lambda _a, _d: progress.advance(reading))
                app.connect(
                    "env-updated",
                    lambda _a, env: progress.update(writing, visible=True, total=len(env.all_docs)),
                )
                app.connect("doctree-resolved", lambda _a, _d, _n: progress.advance(writing))
                app.build()
                ok = app.statuscode == 0
        except SphinxError as error:
            warning.write(f"{error}\n")
            ok = False
        finally:
            collector_on_again()  # a build that failed early left it off
    warnings = [line for line in strip_colors(warning.getvalue()).splitlines() if line.strip()]
    if ok and builder == "latexpdf":
        ok, message = _make_pdf(outdir, app.config.latex_engine, console)
        if not ok:
            warnings.append(message)
    return ok, warnings, outdir


def _make_pdf(latex_dir: Path, engine: str, console: Console) -> tuple[bool, str]:
    if shutil.which("latexmk") is None or shutil.which(engine) is None:
        return False, f"latexpdf needs LaTeX: latexmk and {engine} (see README: PDF)"
    with console.status("latexpdf: running LaTeX"):
        run = subprocess.run(
            ["make", "-C", str(latex_dir), "all-pdf"], capture_output=True, text=True, check=False
        )
    if run.returncode != 0:
        return False, f"LaTeX failed; see the log in {latex_dir}"
    return True, ""


def serve_archive(archive: Path, host: str, port: int) -> int:
    """Run sphinx-autobuild on the archive, each rebuild forked from a process that has loaded
    Sphinx and the extensions once (``preview.py``). The generated pages folder is not watched:
    a build writes it, and watching it would make every build start another."""
    from sphinx_autobuild import __main__ as autobuild

    from postarchive.cli.preview import (
        WarmBuilds,
        can_fork,
        extension_modules,
        warm_autobuild_builder,
    )

    config, namespace = archive_config(archive)
    out = archive / "_build"
    pages = str((archive / config.pages_dir).resolve())
    args = [
        str(archive), str(out / "html"), "-d", str(out / "doctrees"),
        "--host", host, "--port", str(port),
        "--ignore", pages, "--ignore", f"{pages}/*",
        "--re-ignore", r"(^|/)(\.git|\.venv|_build)(/|$)",
    ]  # fmt: skip
    builds = None
    if can_fork():
        try:
            builds = WarmBuilds(extension_modules(namespace, archive))
        except OSError:  # no socket for the helper (a read-only temporary folder): as before
            builds = None
    if builds is not None:  # sphinx-autobuild makes its builder by this name
        autobuild.Builder = warm_autobuild_builder(builds)
    try:
        autobuild.main(args)
    except KeyboardInterrupt:
        return 0
    finally:
        if builds is not None:
            builds.close()
    return 0
    return 0
