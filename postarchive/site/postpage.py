"""A post's page: the clean Markdown MyST reads, the title shown once, the post's header (date,
reading time, journeys, tags) and footer (reading order in its journeys, related posts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from postarchive.catalog.model import PostEntry
from postarchive.reading.links import rewrite_links
from postarchive.reading.posts import TITLE_PLACEHOLDER, Post
from postarchive.site.domain import catalog_of, note_view
from postarchive.site.listing import add_label, doc_link, post_list, shown_date, tag_line
from postarchive.site.reporting import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def give_myst_the_clean_post(app: Sphinx, docname: str, content: list[str]) -> None:
    """Replace a post's source by the catalog's reading of it (front matter out, text repaired,
    legacy links made internal), and report the problems found in the file while it is read,
    as Sphinx reports its own."""
    catalog = catalog_of(app.env)
    post = catalog.posts.get(docname)
    if post is None:
        return

    def find_post(reference: str) -> str | None:
        found = catalog.find_post(reference)
        return found.docname if found else None

    content[0], link_problems = rewrite_links(
        post.page_text, catalog.relative(post.path), find_post, catalog.find_old
    )
    for problem in [*post.problems, *link_problems]:
        report(problem)


class PostHeaderTransform(SphinxTransform):
    """Give the post its title, as text, a label, a header under the title (date, reading time,
    journeys with the post's place in each, tags) and a footer (previous and next in each
    journey, related posts)."""

    default_priority = 200  # before Sphinx collects titles, labels and tables of contents

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        catalog = catalog_of(self.env)
        post = catalog.posts.get(docname)
        if post is None:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:  # defensive: the page text always starts with a heading
            section = nodes.section(ids=["post"], names=[])
            section += nodes.title(TITLE_PLACEHOLDER, TITLE_PLACEHOLDER)
            self.document += section
        title = section[0]
        if title.astext() == TITLE_PLACEHOLDER:
            title.clear()
            title += nodes.Text(post.title)
            section["ids"] = [nodes.make_id(post.slug) or "post", *section["ids"][1:]]
            section["names"] = []
        if post.summary:  # for sphinxext-opengraph and other readers of page metadata
            self.env.metadata[docname]["og:description"] = post.summary
        if catalog.slug_owners.get(post.slug) == docname:
            add_label(self.document, section, f"post-{post.slug}")
        positions, tags, related = note_view(self.env, ("post", docname))
        section.insert(1, self._header(post, positions, tags))
        footer = self._footer(positions, related)
        if footer.children:
            section += footer

    def _header(
        self, post: Post, positions: tuple[Any, ...], tags: tuple[tuple[str, str], ...]
    ) -> nodes.container:
        header = nodes.container(classes=["postarchive-post-header"])
        facts = nodes.paragraph(classes=["postarchive-facts"])
        day = shown_date(post.date.local if post.date else None, self.config)
        facts += nodes.inline("", day, classes=["postarchive-date"])
        minutes = post.reading_minutes(self.config.postarchive_words_per_minute)
        facts += nodes.inline("", f" · {minutes} min read", classes=["postarchive-reading-time"])
        header += facts
        if positions:
            line = nodes.paragraph(classes=["postarchive-journeys-line"])
            label = "Journey: " if len(positions) == 1 else "Journeys: "
            line += nodes.inline(label, label, classes=["postarchive-label"])
            links = nodes.inline(classes=["postarchive-journeys"])
            for n, (docname, title, place, count, _before, _after) in enumerate(positions):
                if n:
                    links += nodes.Text(", ")
                links += doc_link(docname, title, classes=["postarchive-journey"])
                where = f" ({place} of {count})"
                links += nodes.inline(where, where, classes=["postarchive-position"])
            line += links
            header += line
        if tags:
            header += tag_line(tags, self.config.tags_intro_text)
        return header

    def _footer(
        self, positions: tuple[Any, ...], related: tuple[PostEntry, ...]
    ) -> nodes.container:
        # "no-search": other posts' titles here would make this post a hit for their words.
        footer = nodes.container(classes=["postarchive-post-footer", "no-search"])
        for docname, title, _place, _count, before, after in positions:
            steps = nodes.paragraph(classes=["postarchive-journey-steps"])
            if before:
                steps += nodes.inline("← ", "← ")
                steps += doc_link(before[0], before[1], classes=["postarchive-previous"])
                steps += nodes.Text(" · ")
            steps += doc_link(docname, title, classes=["postarchive-journey"])
            if after:
                steps += nodes.Text(" · ")
                steps += doc_link(after[0], after[1], classes=["postarchive-next"])
                steps += nodes.inline(" →", " →")
            footer += steps
        if related:
            box = nodes.container(classes=["postarchive-related"])
            box += nodes.paragraph("Related posts", "Related posts", classes=["postarchive-label"])
            box += post_list(related, self.config)
            footer += box
        return footer


def setup_post_pages(app: Sphinx) -> None:
    app.connect("source-read", give_myst_the_clean_post)
    app.add_transform(PostHeaderTransform)
