"""The ``postarchive`` command line."""

from __future__ import annotations

import json
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


@main.command()
@click.argument(
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
)
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Built HTML to check as well [default: DIRECTORY/_build/html, if built].",
)
@click.option(
    "--doctrees",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Sphinx's doctree folder of that build [default: found beside the HTML].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(directory: Path, html_dir: Path | None, doctrees: Path | None, as_json: bool) -> None:
    """Check an archive: count its posts, journeys and tags, list every problem.

    Reads the posts under DIRECTORY (the folder of conf.py) and, when the archive has been built,
    checks that every post that is not a draft has a page reachable from the home page.
    Exits with 1 when there are errors (warnings alone exit with 0).
    """
    from postarchive.check import check_archive
    from postarchive.report import print_report

    if not (directory / "conf.py").is_file():
        raise click.UsageError(f"{directory} has no conf.py: it is not an archive")
    html_dir = html_dir or directory / "_build" / "html"
    report = check_archive(directory, html_dir if html_dir.is_dir() else None, doctrees)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    sys.exit(1 if report.errors else 0)
