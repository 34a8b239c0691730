"""The ``postarchive`` command line (also ``python -m postarchive``).

User mistakes end with a one-line message and exit code 2 (usage) or 1 (the work failed); no
traceback is shown for them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import click

from postarchive import __version__

BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latexpdf")
ALL_BUILDERS = ("html", "singlehtml", "epub", "latexpdf")

ARCHIVE = click.Path(file_okay=False, exists=True, path_type=Path)


# Every command that works on an archive takes it the same way.
archive_option = click.option(
    "--dir", "directory", type=ARCHIVE, default=Path("."), help="The archive (folder of conf.py)."
)


def archive_folder(directory: Path) -> Path:
    if not (directory / "conf.py").is_file():
        raise click.UsageError(f"{directory} has no conf.py: it is not an archive (give --dir)")
    # Absolute: Sphinx reads conf.py from inside its folder.
    return directory.resolve()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postarchive")
def main() -> None:
    """Keep years of blog posts as a Sphinx archive: by journey, by tag, by date, searchable."""


def blog_options(command: Callable[..., None]) -> Callable[..., None]:
    """How a blog is imported: the options `import` and `init --from` share."""
    options = [
        click.option(
            "--no-download",
            is_flag=True,
            help="Keep hot-linked images (http/https) as links (default: download them into the "
            "archive).",
        ),
        click.option(
            "--categories-as",
            type=click.Choice(["journeys", "tags"]),
            default="journeys",
            show_default=True,
            help="What categories become (Jekyll, Pelican and exports).",
        ),
        click.option(
            "--language",
            default=None,
            help="The language to import from a multilingual blog (Hugo) [default: the blog's "
            "own].",
        ),
        click.option(
            "--allow-private-addresses",
            "private_addresses",
            is_flag=True,
            help="Download images from this machine and private networks too (default: "
            "refused, so a post cannot make the import read an internal service).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# -- starting ------------------------------------------------------------------------------------


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from",
    "source",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="A blog (Hugo, Jekyll, Eleventy, Pelican, Markdown) to import at once.",
)
@click.option(
    "--kind",
    type=click.Choice(["hugo", "jekyll", "eleventy", "pelican", "plain"]),
    default=None,
    help="The kind of blog given with --from [default: detected].",
)
@click.option("--title", default=None, help="The archive's title [default: the blog's].")
@click.option("--author", default=None, help="The blog's author [default: the blog's].")
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that is not empty; its files are kept, never overwritten.",
)
@blog_options
def init(
    directory: Path,
    source: Path | None,
    kind: str | None,
    title: str | None,
    author: str | None,
    force: bool,
    no_download: bool,
    categories_as: str,
    language: str | None,
    private_addresses: bool,
) -> None:
    """Make a new archive in DIRECTORY: conf.py, a home page, posts/, journeys/, pages/, and
    what building and publishing need. With --from, the blog is imported into it, its title,
    author, language, address and logo carried over."""
    from postarchive.cli.report import print_import_report, progress_bar
    from postarchive.cli.starting import settled_identity, start_archive
    from postarchive.importing import FetchSettings, NotABlog, import_blog
    from postarchive.importing.sites import Identity, detect

    if directory.exists() and not directory.is_dir():
        raise click.UsageError(f"{directory} is a file, not a folder")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise click.ClickException(
            f"{directory} is not empty; nothing written (--force adds the archive's files, "
            "keeping every file already there)"
        )
    identity = Identity()
    if source is not None:
        try:
            identity = detect(source, kind, language=language).identity
        except NotABlog as error:
            raise click.ClickException(f"{error}; nothing written") from None
    made = start_archive(directory, settled_identity(identity, title, author))
    click.echo(f"Made an archive in {directory}: {', '.join(made.written) or 'nothing new'}")
    if made.kept:
        click.echo(f"Kept as they were: {', '.join(made.kept)}")
    if source is not None:
        with progress_bar() as (progress, step):
            try:
                report = import_blog(
                    source, directory.resolve(), kind=kind, language=language,
                    categories_as=categories_as, download=not no_download,
                    fetch_settings=FetchSettings(private_addresses=private_addresses),
                    progress=progress, step=step,
                )  # fmt: skip
            except NotABlog as error:
                raise click.ClickException(f"{error}; no posts imported") from None
        print_import_report(report)
    click.echo(f"Next: cd {directory} && make html   (or: postarchive build --dir {directory})")


# -- writing -------------------------------------------------------------------------------------


@main.command()
@click.argument("title")
@click.option("--journey", "-j", "journeys", multiple=True, help="Journey slug (repeatable).")
@click.option("--tags", "-t", default="", help="Comma-separated tags, e.g. 'django,travel'.")
@click.option(
    "--date", "-d", "when", default=None, help="Date as written, e.g. 2016-11-06 [default: now]."
)
@archive_option
def new(
    title: str, journeys: tuple[str, ...], tags: str, when: str | None, directory: Path
) -> None:
    """Write a new post called TITLE, ready to edit."""
    from postarchive.cli.authoring import write_post

    archive = archive_folder(directory)
    try:
        path = write_post(
            archive, title, journeys, [t.strip() for t in tags.split(",") if t.strip()], when
        )
    except (FileExistsError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {path}")


@main.group()
def journey() -> None:
    """Journeys: the trips and conferences that group posts."""


@journey.command("new")
@click.argument("slug")
@click.option("--title", required=True, help="The journey's title, e.g. 'DjangoCon Europe 2016'.")
@click.option("--date", "-d", "when", default=None, help="When it started, e.g. 2016-03-30.")
@archive_option
def journey_new(slug: str, title: str, when: str | None, directory: Path) -> None:
    """Write the description page of the journey SLUG."""
    from postarchive.cli.authoring import write_journey

    archive = archive_folder(directory)
    try:
        path = write_journey(archive, slug, title, when)
    except (FileExistsError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {path}")


# -- building ------------------------------------------------------------------------------------


@main.command()
@click.argument("builder", type=click.Choice([*BUILDERS, "all"]), default="html")
@click.option(
    "--dir",
    "--source",
    "-s",
    "directory",
    type=ARCHIVE,
    default=Path("."),
    help="The archive (folder of conf.py).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: DIR/_build].",
)
@click.option("--strict", "-W", is_flag=True, help="Fail on any warning (listing them all first).")
def build(builder: str, directory: Path, out: Path | None, strict: bool) -> None:
    """Build the archive (BUILDER: html, dirhtml, singlehtml, epub, latexpdf or all)."""
    from postarchive.cli.building import run_builds

    archive = archive_folder(directory)
    builders = ALL_BUILDERS if builder == "all" else (builder,)
    failed = run_builds(archive, out or archive / "_build", builders, strict=strict)
    sys.exit(1 if failed else 0)


@main.command()
@archive_option
@click.option(
    "--port", default=8000, show_default=True, help="Port to serve on (0: any free port)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
def serve(directory: Path, port: int, host: str) -> None:
    """Preview the archive, rebuilding what changed and reloading the browser (sphinx-autobuild)."""
    from postarchive.cli.building import serve_archive

    sys.exit(serve_archive(archive_folder(directory), host, port))


@main.command("import")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@archive_option
@click.option(
    "--kind",
    type=click.Choice(
        ["hugo", "jekyll", "eleventy", "pelican", "plain", "wordpress", "blogger", "ghost", "feed"]
    ),
    default=None,
    help="The kind of blog or export [default: detected].",
)
@click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")
@click.option(
    "--force", is_flag=True, help="Replace posts edited in the archive since the last import."
)
@click.option(
    "--fix-encoding",
    is_flag=True,
    help="Repair mojibake and write UTF-8 (default: keep the bytes).",
)
@blog_options
@click.option("--no-comments", is_flag=True, help="Leave an export's comments out.")
@click.option(
    "--old-site",
    metavar="URL",
    default=None,
    help="The old blog's address, for a Ghost export, whose links do not say it.",
)
def import_command(
    source: Path,
    directory: Path,
    kind: str | None,
    dry_run: bool,
    force: bool,
    fix_encoding: bool,
    no_download: bool,
    categories_as: str,
    language: str | None,
    no_comments: bool,
    old_site: str | None,
    private_addresses: bool,
) -> None:
    """Bring the blog in SOURCE into the archive: a folder (Hugo, Jekyll, Eleventy, Pelican,
    Markdown) or an export file (WordPress, Blogger, Ghost) or feed (RSS, Atom) with full posts.

    Posts go to posts/, journey descriptions to journeys/, the blog's own pages (About) and an
    export's pages to pages/, images along: the blog's own, and those it shows from other
    sites, downloaded once. Importing again updates what changed in SOURCE and keeps what was
    edited in the archive.
    """
    from postarchive.cli.check import archive_config
    from postarchive.cli.report import print_import_report, progress_bar
    from postarchive.importing import FetchSettings, NotABlog, import_blog
    from postarchive.importing.hosted import HOSTED_KINDS
    from postarchive.importing.platforms import import_export

    if source.is_dir() and kind in HOSTED_KINDS:
        raise click.UsageError(f"--kind {kind} is for an export file; {source} is a folder")
    archive = archive_folder(directory)
    config, namespace = archive_config(archive)
    fetch_settings = FetchSettings(private_addresses=private_addresses)
    with progress_bar() as (progress, step):
        try:
            if source.is_file():
                report = import_export(
                    source, archive, posts_dir=config.posts_dir,
                    journeys_dir=config.journeys_dir, site_pages_dir=config.site_pages_dir,
                    kind=kind, dry_run=dry_run, force=force, categories_as=categories_as,
                    comments=not no_comments, old_site=old_site, download=not no_download,
                    fetch_settings=fetch_settings, progress=progress, step=step,
                )  # fmt: skip
            else:
                report = import_blog(
                    source, archive, posts_dir=config.posts_dir,
                    journeys_dir=config.journeys_dir, site_pages_dir=config.site_pages_dir,
                    kind=kind, language=language, categories_as=categories_as, dry_run=dry_run,
                    force=force, fix_encoding=fix_encoding, download=not no_download,
                    fetch_settings=fetch_settings,
                    progress=progress, step=step,
                )  # fmt: skip
        except NotABlog as error:
            raise click.ClickException(f"{error}; nothing imported") from None
    print_import_report(report)
    home = archive / f"{namespace.get('root_doc', 'index')}.md"
    if sum(report.counts(pages=True).values()) and "{postarchive-site-pages}" not in (
        home.read_text(encoding="utf-8", errors="replace") if home.is_file() else ""
    ):
        click.echo(
            f"The blog's pages are in {config.site_pages_dir}/: add a {{postarchive-site-pages}} "
            f"directive to {home.name} to link them from the home page and its navigation."
        )
    sys.exit(0)


# -- checking ------------------------------------------------------------------------------------


@main.command()
@click.argument("directory", type=ARCHIVE, default=Path("."))
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
    from postarchive.cli.check import check_archive
    from postarchive.cli.report import print_report

    archive = archive_folder(directory)
    html_dir = html_dir or archive / "_build" / "html"
    report = check_archive(archive, html_dir if html_dir.is_dir() else None, doctrees)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    sys.exit(1 if report.errors else 0)
