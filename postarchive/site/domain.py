"""The ``postarchive`` domain: the build's state, which views each document shows, and the
``post``, ``journey`` and ``tag`` targets that roles, intersphinx and ``objects.inv`` use.

A page that lists posts (a journey, a tag, a year, the home page) records the fingerprint of every
view it renders. Before reading, each recorded fingerprint that may have changed
(:mod:`postarchive.catalog.changes`) is compared with the new catalog's and the documents whose
listings changed are re-read, so a post's new title reaches every list that shows it, and nothing
else is re-read.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from postarchive.catalog.changes import CatalogFacts, catalog_facts, views_that_may_differ
from postarchive.catalog.views import ViewKey
from postarchive.reading.slugs import slugify

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from postarchive.site.state import BuildState

V = TypeVar("V")
NOT_IN_SEARCH = -1


class PostArchiveDomain(Domain):
    name = "postarchive"
    label = "Post archive"
    object_types: ClassVar[dict[str, ObjType]] = {
        "post": ObjType("post", "post"),
        "journey": ObjType("journey", "journey"),
        "tag": ObjType("tag", "tag"),
    }
    roles: ClassVar[dict[str, Any]] = {
        kind: XRefRole(innernodeclass=nodes.inline, warn_dangling=True)
        for kind in ("post", "journey", "tag")
    }
    dangling_warnings: ClassVar[dict[str, str]] = {
        "post": "no post of the archive is named %(target)r",
        "journey": "no journey of the archive is named %(target)r",
        "tag": "no tag of the archive is named %(target)r",
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "views": {},  # docname -> {view key: fingerprint}
        "facts": None,  # what the views of the last build were made of (CatalogFacts)
        "sidebar": {},  # sidebar level -> fingerprint (see postarchive.site.navigation)
    }
    data_version = 3

    # Set at builder-inited for this build only; never pickled with the environment.
    state: BuildState | None = None

    @property
    def views(self) -> dict[str, dict[ViewKey[object], str | None]]:
        return cast(dict[str, dict[ViewKey[object], str | None]], self.data["views"])

    @property
    def facts(self) -> CatalogFacts | None:
        return cast(CatalogFacts | None, self.data["facts"])

    @property
    def missing_pictures(self) -> dict[str, list[str]]:
        """docname -> the files of the pictures it names that were missing when it was read
        (body and cover); kept apart from ``initial_data`` so older environments still load."""
        return cast(dict[str, list[str]], self.data.setdefault("missing pictures", {}))

    def note_missing_picture(self, docname: str, path: str) -> None:
        paths = self.missing_pictures.setdefault(docname, [])
        if path not in paths:
            paths.append(path)

    def clear_doc(self, docname: str) -> None:
        self.views.pop(docname, None)
        self.missing_pictures.pop(docname, None)

    def forget_other_documents(self) -> None:
        """In a reading worker: keep only what the documents it reads add (the facts and the
        sidebar's fingerprints stay with the main process; merge_domaindata takes neither)."""
        self.views.clear()
        self.missing_pictures.clear()
        self.data["facts"] = None
        self.data["sidebar"] = {}

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["views"]:
                self.views[docname] = otherdata["views"][docname]
            if docname in otherdata.get("missing pictures", {}):
                self.missing_pictures[docname] = otherdata["missing pictures"][docname]

    def target(self, kind: str, name: str) -> tuple[str, str] | None:
        """(docname, title) of the post, journey or tag called ``name``."""
        if self.state is None:
            return None
        catalog = self.state.catalog
        if kind == "post":
            post = self.state.index.find_post(name)
            return (post.docname, post.title) if post else None
        if kind == "journey":
            journey = catalog.journeys.get(slugify(name))
            return (catalog.names.journey(journey.slug), journey.title) if journey else None
        if kind == "tag":
            tag = catalog.tag_for(name) or catalog.tag_by_slug(name)
            return (catalog.tag_docname(tag), tag.name) if tag else None
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> Element | None:
        found = self.target(typ, target)
        if found is None:
            return None
        docname, title = found
        if not node.get("refexplicit"):
            contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, docname, "", contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        results = []
        for kind in self.object_types:
            found = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if found is not None:
                results.append((f"{self.name}:{kind}", found))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # In the inventory for intersphinx; not in search results, where the pages already are.
        if self.state is None:
            return
        catalog = self.state.catalog
        for slug, docname in catalog.slug_owners.items():
            yield slug, catalog.posts[docname].title, "post", docname, "", NOT_IN_SEARCH
        for slug, journey in catalog.journeys.items():
            yield slug, journey.title, "journey", catalog.names.journey(slug), "", NOT_IN_SEARCH
        for tag in catalog.tags.values():
            yield tag.slug, tag.name, "tag", catalog.tag_docname(tag), "", NOT_IN_SEARCH


def archive_domain(env: BuildEnvironment) -> PostArchiveDomain:
    domain = env.domains["postarchive"]
    assert isinstance(domain, PostArchiveDomain)
    return domain


def note_view(env: BuildEnvironment, key: ViewKey[V]) -> V:
    """Record that the current document shows the view ``key``, and return the view."""
    domain = archive_domain(env)
    assert domain.state is not None, "postarchive: the build's state is made at builder-inited"
    views = domain.state.views
    docname = env.current_document.docname
    domain.views.setdefault(docname, {})[key] = views.fingerprint(key)
    return views.get(key)


def documents_with_changed_views(
    env: BuildEnvironment, changed: Set[str], removed: Set[str]
) -> list[str]:
    """The documents, not already to be re-read, that show a view that is no longer what they
    showed; the facts of this build are kept for the next one."""
    domain = archive_domain(env)
    assert domain.state is not None
    catalog, views = domain.state.catalog, domain.state.views
    facts = catalog_facts(catalog)
    may_differ = views_that_may_differ(domain.facts, facts, catalog)
    domain.data["facts"] = facts
    with_views = [
        docname
        for docname, shown in domain.views.items()
        if docname not in removed
        and docname not in changed
        and any(
            may_differ(key) and views.fingerprint(key) != fingerprint
            for key, fingerprint in shown.items()
        )
    ]
    # A picture the author added after the build said it was missing: its page shows it now.
    found_since = [
        docname
        for docname, paths in domain.missing_pictures.items()
        if docname not in removed
        and docname not in changed
        and docname not in with_views
        and any(Path(path).is_file() for path in paths)
    ]
    return with_views + found_since


class ArchiveRole(XRefRole):
    """``{post}``, ``{journey}``, ``{tag}``: the domain's roles without the domain prefix."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:
            self.name = f"{PostArchiveDomain.name}:{self.name}"
        return super().run()
