"""What the theme shows around the archive's pages, made to agree with the archive.

- Its previous/next links follow the toctree, which runs backwards in time between journeys and
  gives odd neighbours on listings; posts show their own previous and next post
  (catalog/steps.py), so on posts and generated pages the theme's are left out.
- Its "view source" link would show a post's raw Markdown and front matter: left out there too.
- The site's title is the archive's name, not "<project> documentation"; without a copyright
  line the footer says the years of the posts and their author.
- The 404 page (sphinx-notfound-page) offers a way on: home, search and journeys.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from postarchive.site.start import site_authors
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def archive_title(app: Sphinx, config: Config) -> None:
    """An archive is called by its name: ``html_title`` defaults to ``project``, escaped, since
    themes write ``html_title`` as HTML (a blog's title may hold ``<`` or ``&``)."""
    if "html_title" not in config._raw_config:
        config.html_title = escape(config.project, quote=False)


def fit_theme(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    catalog = build_state(app.env).catalog
    pages_dir = catalog.config.pages_dir.strip("/") + "/"
    if pagename in catalog.posts or pagename.startswith(pages_dir):
        context["prev"] = context["next"] = None
        context["show_source"] = False
    if not context.get("copyright"):
        years = sorted(year for year in catalog.years if year)
        span = (
            [f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])] if years else []
        )
        # Themes write the copyright as HTML.
        context["copyright"] = escape(", ".join([*span, *site_authors(app.config)]))
    not_found = getattr(app.config, "notfound_pagename", None)
    if pagename == not_found and "notfound_context" not in app.config._raw_config:
        context["body"] = _not_found_body(context, catalog.names.journeys_index, app)


def _not_found_body(context: dict[str, Any], journeys: str, app: Sphinx) -> str:
    pathto = context["pathto"]  # made absolute by sphinx-notfound-page
    links = [
        (pathto(app.config.root_doc), f"Home: {app.config.project}"),
        (pathto("search"), "Search the archive"),
        (pathto(journeys), "All journeys"),
    ]
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    return (
        "<h1>Page not found</h1>\n"
        "<p>This page is not in the archive, or no longer at this address.</p>\n"
        f'<ul class="postarchive-not-found">{items}</ul>\n'
    )
