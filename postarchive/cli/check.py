"""``postarchive check``: what the archive holds and everything wrong with it, from the sources and,
when there is one, from the built site.

The promise it checks: every post that is not a draft has exactly one page, reachable from the
home page through toctrees, and every problem is reported with its file (and line).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from postarchive.catalog.gather import build_catalog
from postarchive.catalog.model import Catalog
from postarchive.catalog.views import Views, journeys_key, tags_key
from postarchive.config import PREFIX, ArchiveConfig
from postarchive.reading.problems import Problem, Severity, Subtype


@dataclass
class CheckReport:
    posts: int = 0
    drafts: int = 0
    undated: int = 0
    journeys: dict[str, int] = field(default_factory=dict)  # title -> posts
    tags: dict[str, int] = field(default_factory=dict)  # name -> posts
    problems: list[Problem] = field(default_factory=list)
    built: str | None = None  # the HTML folder checked, if any

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is not Severity.ERROR]

    def as_json(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "drafts": self.drafts,
            "undated": self.undated,
            "journeys": self.journeys,
            "tags": self.tags,
            "built": self.built,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [dataclasses.asdict(p) for p in self.problems],
        }


def archive_config(srcdir: Path) -> tuple[ArchiveConfig, dict[str, Any]]:
    """The archive's settings, read from its conf.py as Sphinx reads it."""
    namespace = eval_config_file(srcdir.resolve() / "conf.py", Tags())
    defaults = {f.name: f.default for f in dataclasses.fields(ArchiveConfig)}
    config = ArchiveConfig.from_values(lambda name: namespace.get(PREFIX + name, defaults[name]))
    return config, namespace


def check_archive(srcdir: Path, html_dir: Path | None, doctree_dir: Path | None) -> CheckReport:
    config, namespace = archive_config(srcdir)
    catalog = build_catalog(srcdir, config)
    views = Views(catalog)
    report = CheckReport(
        posts=len(catalog.posts),
        drafts=len(catalog.drafts),
        undated=sum(1 for p in catalog.posts.values() if p.date is None),
        journeys={e.title: e.count for e in views.get(journeys_key())},
        tags={e.name: e.count for e in views.get(tags_key())},
    )
    report.problems += catalog.problems
    for post in catalog.posts.values():
        report.problems += post.problems
    for journey in catalog.journeys.values():
        if journey.description:
            report.problems += journey.description.problems
    report.problems += _duplicate_titles(catalog)
    environment = _environment_pickle(html_dir, doctree_dir)
    if html_dir is not None and environment is not None:
        report.built = str(html_dir)
        root = namespace.get("root_doc", "index")
        report.problems += _check_build(catalog, html_dir, environment, root)
    return report


def _duplicate_titles(catalog: Catalog) -> list[Problem]:
    counts = Counter(post.title.casefold() for post in catalog.posts.values())
    first: dict[str, str] = {}
    problems = []
    for post in catalog.posts.values():
        key = post.title.casefold()
        if counts[key] > 1:
            if key in first:
                message = f"title {post.title!r} is also the title of {first[key]}"
                problems.append(Problem(catalog.relative(post.path), None, message, Subtype.TITLE))
            else:
                first[key] = catalog.relative(post.path)
    return problems


def _environment_pickle(html_dir: Path | None, doctree_dir: Path | None) -> Path | None:
    candidates = [doctree_dir] if doctree_dir else []
    if html_dir is not None:
        candidates += [html_dir.parent / "doctrees", html_dir / ".doctrees"]
    for folder in candidates:
        if (folder / "environment.pickle").is_file():
            return folder / "environment.pickle"
    return None


def _check_build(catalog: Catalog, html_dir: Path, environment: Path, root: str) -> list[Problem]:
    with environment.open("rb") as stream:
        env = pickle.load(stream)  # the build's own record, written by Sphinx for this project
    reachable: set[str] = set()
    queue = [root]
    while queue:
        docname = queue.pop()
        if docname not in reachable:
            reachable.add(docname)
            queue.extend(env.toctree_includes.get(docname, ()))
    problems = []
    for docname, post in catalog.posts.items():
        where = catalog.relative(post.path)
        if docname not in env.all_docs or not (html_dir / f"{docname}.html").is_file():
            problems.append(
                Problem(
                    where, None, "the post has no page in the build", Subtype.BUILD, Severity.ERROR
                )
            )
        elif docname not in reachable:
            message = f"the post's page is not reachable from {root!r} through toctrees"
            problems.append(Problem(where, None, message, Subtype.BUILD, Severity.ERROR))
    return problems
