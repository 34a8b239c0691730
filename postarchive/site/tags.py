"""Tags, bridged to sphinx-tags.

sphinx-tags 0.4 finds tags only in ``{tags}`` blocks of page bodies, rewrites every tag page into
the source folder on every build (so every build re-reads them), names pages by a rule under which
``C`` and ``C++`` clash, and writes ``_tags/x.html`` links that break outside HTML. Here sphinx-tags
keeps its settings (``tags_intro_text``, ``tags_page_title``, ``tags_overview_title``) and its
``{tags}`` syntax, read with its own parser; tags also come from front matter; pages are generated
stubs (see :mod:`postarchive.site.pages`) named by :func:`postarchive.reading.slugs.slugify`;
links are cross-references that every builder resolves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx_tags import TagLinks, _normalize_display_tag

from postarchive.catalog.views import Gone, tag_key, tag_period_key, tags_key
from postarchive.reading.problems import Subtype
from postarchive.site.domain import note_view
from postarchive.site.listing import (
    add_label,
    doc_link,
    leave_out_of_search,
    page_section,
    plural,
    post_list,
    tag_line,
    toctree,
    year_list,
)
from postarchive.site.reporting import names_nothing, warn
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


class PostTagsDirective(TagLinks):
    """sphinx-tags' ``{tags}`` block, linking to the archive's tag pages."""

    def run(self) -> list[nodes.Node]:
        raw = ",".join([*self.arguments, *self.content]).split(",")
        names = list(dict.fromkeys(filter(None, (_normalize_display_tag(t) for t in raw))))
        if not names:
            location = (self.env.current_document.docname, self.lineno)
            warn("a {tags} block names no tag", Subtype.TAGS, location)
            return []
        self.env.metadata[self.env.current_document.docname]["tags"] = names
        catalog = build_state(self.env).catalog
        # A tag the catalog could not see (say, in an included file) is shown without a link.
        links = [
            (name, catalog.tag_docname(tag) if (tag := catalog.tag_for(name)) else None)
            for name in names
        ]
        return [tag_line(links, self.config.tags_intro_text)]


class TagPageDirective(SphinxDirective):
    """The generated page of one tag: its posts, newest first; or, for a tag with more posts than
    ``postarchive_tag_page_posts``, its pages by years and its newest posts."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        slug = self.arguments[0]
        try:
            view = note_view(self.env, tag_key(slug))
        except Gone:
            return names_nothing(self, "tag")
        section = page_section(f"{self.config.tags_page_title}: {view.name}", f"tag-{slug}")
        add_label(self.state.document, section, f"tag-{slug}")
        section += nodes.paragraph(text=plural(view.count, "post"))
        if view.periods:
            section += year_list((p.label, p.count, p.docname) for p in view.periods)
            latest = page_section("Latest posts", f"tag-{slug}-latest")
            latest += post_list(view.posts, show_summary=True)
            section += latest
            docname = self.env.current_document.docname
            section += toctree(docname, [period.docname for period in view.periods])
        else:
            section += post_list(view.posts, show_summary=True)
        return [section]


class TagPeriodDirective(SphinxDirective):
    """The generated page of the posts of a tag in consecutive years (see
    :meth:`postarchive.catalog.model.Catalog.tag_periods`)."""

    required_arguments = 1
    optional_arguments = 1  # the first year; none for the undated posts

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        slug = self.arguments[0]
        first = int(self.arguments[1]) if len(self.arguments) > 1 else None
        try:
            view = note_view(self.env, tag_period_key(slug, first))
        except Gone:
            return names_nothing(self, "tag period")
        title = f"{self.config.tags_page_title}: {view.tag_name}, {view.label}"
        section = page_section(title, f"tag-{slug}-{first or 'undated'}")
        back = nodes.paragraph(text=f"{plural(len(view.posts), 'post')} of ")
        back += doc_link(
            build_state(self.env).catalog.names.tag(slug), f"all years of {view.tag_name}"
        )
        section += back
        section += post_list(view.posts, show_summary=True)
        return [section]


class TagsPageDirective(SphinxDirective):
    """The generated overview of all tags, most used first, each with its number of posts."""

    def run(self) -> list[nodes.Node]:
        leave_out_of_search(self.env)
        entries = note_view(self.env, tags_key())
        section = page_section(self.config.tags_overview_title, "tags")
        if not entries:
            section += nodes.paragraph(text="No post has tags yet.")
        cloud = nodes.bullet_list(classes=["postarchive-tag-cloud"])
        most = max((e.count for e in entries), default=1)
        for entry in entries:
            # Five sizes, from the least to the most used tag.
            size = 1 + round(4 * (entry.count - 1) / max(1, most - 1))
            line = nodes.paragraph()
            line += doc_link(
                entry.docname, entry.name, classes=["postarchive-tag", f"postarchive-size-{size}"]
            )
            line += nodes.inline(
                f" ({entry.count})", f" ({entry.count})", classes=["postarchive-count"]
            )
            cloud += nodes.list_item("", line)
        section += cloud
        section += toctree(self.env.current_document.docname, sorted(e.docname for e in entries))
        return [section]


def refuse_sphinx_tags_page_writing(app: Sphinx, config: Config) -> None:
    if config.tags_create_tags:
        warn(
            "tags_create_tags is turned off: postarchive makes the tag pages itself, "
            "without rewriting files in the source folder",
            Subtype.CONFIG,
        )
        config.tags_create_tags = False
