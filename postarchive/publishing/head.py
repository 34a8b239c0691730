"""What a page tells the outside world in its head: a description and authors for posts, links
to the Atom feeds, and the Read the Docs hook that lets its search take over when it is there.
Pages that have a feed of their own (the home page, journeys, tags) also show a link to it, for
a reader to follow."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from postarchive.publishing.feeds import all_feeds, site_url
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def head_tags(
    app: Sphinx,
    pagename: str,
    context: dict[str, Any],
    page_feeds: dict[str, list[tuple[str, str]]],
) -> None:
    tags = []
    catalog = build_state(app.env).catalog
    post = catalog.posts.get(pagename)
    if post is not None and post.summary:
        tags.append(f'<meta name="description" content="{escape(post.summary)}">')
    if post is not None:
        authors = catalog.authors_of(post)
        if authors:
            tags.append(f'<meta name="author" content="{escape(", ".join(authors))}">')
        # Open Graph: each author of the article (a name where a profile address is not known).
        tags += [f'<meta property="article:author" content="{escape(a)}">' for a in authors]
    if site_url(app):
        # Every page links the archive's feed; journey and tag pages their own as well.
        feeds = [*page_feeds.get(app.config.root_doc, []), *page_feeds.get(pagename, [])]
        for path, title in dict(feeds).items():
            href = context["pathto"](path, resource=True)
            tags.append(
                f'<link rel="alternate" type="application/atom+xml" '
                f'title="{escape(title)}" href="{escape(href)}">'
            )
    own = page_feeds.get(pagename, []) if site_url(app) else []
    if own and isinstance(context.get("body"), str):
        pathto = context["pathto"]
        links = " · ".join(
            f'<a href="{escape(pathto(path, resource=True))}" type="application/atom+xml">'
            f"{escape(title)}</a>"
            for path, title in own
        )
        context["body"] += f'<p class="postarchive-feed-link">Follow by feed: {links}</p>\n'
    # Read the Docs Addons: this site handles their data-ready event (postarchive-readthedocs.js).
    tags.append('<meta name="readthedocs-addons-api-version" content="1">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def add_head_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    state = build_state(app.env)
    if state.page_feeds is None:  # the feeds of each page, worked out once per build
        state.page_feeds = {}
        for path, title, docname, _posts in all_feeds(app, state.catalog):
            state.page_feeds.setdefault(docname, []).append((path, title))
    head_tags(app, pagename, context, state.page_feeds)
