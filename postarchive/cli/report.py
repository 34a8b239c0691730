"""The human form of a check report, printed with rich."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from postarchive.cli.check import CheckReport
from postarchive.importing import ImportReport
from postarchive.reading.problems import Severity


def print_report(report: CheckReport, console: Console | None = None) -> None:
    # soft_wrap: one problem per line, whatever the terminal's width, so it can be grepped.
    console = console or Console(highlight=False, soft_wrap=True)
    summary = Table(show_header=False, box=None, pad_edge=False)
    summary.add_row("Posts", str(report.posts))
    summary.add_row("Drafts left out", str(report.drafts))
    summary.add_row("Undated posts", str(report.undated))
    summary.add_row("Journeys", str(len(report.journeys)))
    summary.add_row("Tags", str(len(report.tags)))
    summary.add_row("Built site checked", escape(report.built or "no (not built yet)"))
    console.print(summary)
    if report.journeys:
        console.print("\n[bold]Journeys[/bold]")
        for title, count in report.journeys.items():
            console.print(f"  {escape(title)} ({count})")
    if report.tags:
        console.print("\n[bold]Tags[/bold]")
        console.print("  " + ", ".join(f"{escape(name)} ({n})" for name, n in report.tags.items()))
    if report.problems:
        counts = f"{len(report.errors)} errors, {len(report.warnings)} warnings"
        console.print(f"\n[bold]Problems[/bold] ({counts})")
        for problem in report.problems:
            style = "red" if problem.severity is Severity.ERROR else "yellow"
            label = f"[{style}]{problem.severity}[/{style}]"
            console.print(f"  {escape(problem.location)}: {label}: {escape(problem.message)}")
    else:
        console.print("\nNo problems found.")


@contextmanager
def progress_bar() -> Iterator[tuple[Callable[[str, int], None], Callable[[], None]]]:
    """A progress bar on standard error: ``start(description, total)`` then ``step()``."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("", total=None)

        def start(description: str, total: int) -> None:
            progress.reset(task, description=description, total=total)

        yield start, lambda: progress.advance(task)


def print_import_report(report: ImportReport, console: Console | None = None) -> None:
    console = console or Console(highlight=False, soft_wrap=True)
    verb = "Would import" if report.dry_run else "Imported"
    console.print(f"{verb} a {report.kind} blog from {escape(str(report.source))}")
    for what, source, target in report.actions:
        if what != "unchanged":
            console.print(f"  {what}: {escape(source)} -> {escape(target)}")
    summary = Table(show_header=False, box=None, pad_edge=False)
    for label, counts in (
        ("Posts", report.counts()),
        ("Journey pages", report.counts(journeys=True)),
        ("Pages", report.counts(pages=True)),  # the blog's own: About, Contact
    ):
        done = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
        summary.add_row(label, done or "none")
    if report.left_out:
        summary.add_row("Left out", f"{len(report.left_out)} not imported")
    if report.files_left_out:
        summary.add_row("Files left out", f"{len(report.files_left_out)} (listed below)")
    summary.add_row("Journeys", str(len(report.journeys)))
    summary.add_row("Tags", str(len(report.tags)))
    summary.add_row("Images", str(len(report.images)))
    if report.remote:
        remote = ", ".join(f"{n} {what}" for what, n in sorted(report.remote.items()))
        summary.add_row("Remote images", remote)
    conversions = ", ".join(f"{n} {what}" for what, n in sorted(report.conversions.items()))
    summary.add_row("Conversions", escape(conversions) or "none")
    console.print(summary)
    if report.problems:
        console.print(f"\n[bold]Problems[/bold] ({len(report.problems)})")
        for problem in report.problems:
            console.print(f"  {escape(problem.location)}: {escape(problem.message)}")
    if report.left_out:
        console.print(f"\n[bold]Left out[/bold] ({len(report.left_out)})")
        for title, why, line in report.left_out:
            if report.source.is_dir():  # a blog's folder: its file, and why
                console.print(f"  {escape(title)}: {escape(why)}")
                continue
            where = f"{report.source.name}:{line}" if line else report.source.name
            console.print(f"  {escape(where)}: {escape(title)} ({escape(why)})")
    if report.files_left_out:
        console.print(f"\n[bold]Files left out[/bold] ({len(report.files_left_out)})")
        for item in report.files_left_out:
            console.print(f"  {escape(item.rel)}: {escape(item.why)}")
    for note in report.notes:
        console.print(f"\n{escape(note)}")
