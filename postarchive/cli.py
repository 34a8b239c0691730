"""The ``postarchive`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from postarchive import __version__

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postarchive")
def main() -> None:
    """Keep years of blog posts as a Sphinx archive: by journey, by tag, by date, searchable."""


@main.command()
@click.argument("builder", type=click.Choice(BUILDERS), default="html")
@click.option(
    "--source",
    "-s",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder holding conf.py.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: SOURCE/_build/BUILDER].",
)
@click.option("--strict", "-W", is_flag=True, help="Fail on any warning (listing them all first).")
def build(builder: str, source: Path, out: Path | None, strict: bool) -> None:
    """Build the archive with Sphinx (BUILDER: html, dirhtml, singlehtml, epub or latex)."""
    from sphinx.cmd.build import build_main

    if not (source / "conf.py").is_file():
        raise click.UsageError(f"{source} has no conf.py: it is not an archive (give --source)")
    out = out or source / "_build" / builder
    args = ["-b", builder, "-d", str(source / "_build" / "doctrees"), str(source), str(out)]
    if strict:
        args[:0] = ["-W", "--keep-going"]
    sys.exit(build_main(args))
