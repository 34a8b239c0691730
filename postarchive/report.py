"""The human form of a check report, printed with rich."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from postarchive.check import CheckReport


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
            style = "red" if problem.severity == "error" else "yellow"
            label = f"[{style}]{problem.severity}[/{style}]"
            console.print(f"  {escape(problem.location)}: {label}: {escape(problem.message)}")
    else:
        console.print("\nNo problems found.")
