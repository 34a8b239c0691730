"""The ``postarchive`` domain: the catalog for this build, and which views each document shows.

A page that lists posts (a journey, a tag, a year, the home page) records the fingerprint of every
view it renders. Before reading, each recorded fingerprint is compared with the new catalog's and
the documents whose listings changed are re-read, so a post's new title reaches every list that
shows it, and nothing else is re-read.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from postarchive.catalog import Catalog, ViewKey

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class PostArchiveDomain(Domain):
    name = "postarchive"
    label = "Post archive"
    initial_data: ClassVar[dict[str, Any]] = {"views": {}}  # docname -> {view key: fingerprint}
    data_version = 1

    # Set at builder-inited for this build only; never pickled with the environment.
    catalog: Catalog | None = None

    @property
    def views(self) -> dict[str, dict[ViewKey, str]]:
        return self.data["views"]

    def clear_doc(self, docname: str) -> None:
        self.views.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["views"]:
                self.views[docname] = otherdata["views"][docname]


def archive_domain(env: BuildEnvironment) -> PostArchiveDomain:
    domain = env.domains["postarchive"]
    assert isinstance(domain, PostArchiveDomain)
    return domain


def catalog_of(env: BuildEnvironment) -> Catalog:
    catalog = archive_domain(env).catalog
    if catalog is None:
        raise RuntimeError("postarchive: the catalog is made at builder-inited")
    return catalog


def note_view(env: BuildEnvironment, key: ViewKey) -> Any:
    """Record that the current document shows ``key``, and return the view's data."""
    catalog = catalog_of(env)
    docname = env.current_document.docname
    archive_domain(env).views.setdefault(docname, {})[key] = catalog.fingerprint(key)
    return catalog.view(key)


def documents_with_changed_views(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    catalog = catalog_of(env)
    return [
        docname
        for docname, views in archive_domain(env).views.items()
        if docname not in removed
        and docname not in changed
        and any(catalog.fingerprint(key) != fingerprint for key, fingerprint in views.items())
    ]


def setup_domain(app: Sphinx) -> None:
    app.add_domain(PostArchiveDomain)
    app.connect("env-get-outdated", documents_with_changed_views)
