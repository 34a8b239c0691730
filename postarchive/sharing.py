"""What a page tells the outside world in its head: a description for posts, links to the Atom
feeds, and the Read the Docs hook that lets its search take over when it is there."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from postarchive.domain import catalog_of
from postarchive.feeds import ARCHIVE_FEED, journey_feed, site_url, tag_feed

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def head_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    catalog = catalog_of(app.env)
    tags = []
    post = catalog.posts.get(pagename)
    if post is not None and post.summary:
        tags.append(f'<meta name="description" content="{escape(post.summary)}">')
    if site_url(app):
        project = app.config.project
        feeds = [(ARCHIVE_FEED, project)]
        for slug, journey in catalog.journeys.items():
            if catalog.journey_docname(slug) == pagename:
                feeds.append((journey_feed(slug), f"{project}: {journey.title}"))
        for tag in catalog.tags.values():
            if catalog.tag_docname(tag) == pagename:
                feeds.append((tag_feed(tag.slug), f"{project}: {tag.name}"))
        for path, title in feeds:
            href = context["pathto"](path, resource=True)
            tags.append(
                f'<link rel="alternate" type="application/atom+xml" '
                f'title="{escape(title)}" href="{escape(href)}">'
            )
    # Read the Docs Addons: this site handles their data-ready event (postarchive-readthedocs.js).
    tags.append('<meta name="readthedocs-addons-api-version" content="1">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def add_readthedocs_hook(app: Sphinx) -> None:
    if app.builder.name in ("html", "dirhtml"):
        app.add_js_file("postarchive-readthedocs.js", loading_method="defer")


def setup_sharing(app: Sphinx) -> None:
    app.connect("builder-inited", add_readthedocs_hook)
    # Before sphinxext-opengraph (500), which keeps a description already there.
    app.connect("html-page-context", head_tags, priority=400)
