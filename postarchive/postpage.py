"""A post's page: the clean Markdown MyST reads, the title shown once, and the post's header
(date, reading time, journeys, tags)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from postarchive.domain import catalog_of, note_view
from postarchive.listing import journey_links, shown_date, tag_line
from postarchive.posts import TITLE_PLACEHOLDER
from postarchive.problems import report

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def give_myst_the_clean_post(app: Sphinx, docname: str, content: list[str]) -> None:
    """Replace a post's source by the catalog's reading of it (front matter out, text repaired),
    and report the problems found in the file while it is read, like Sphinx's own warnings."""
    post = catalog_of(app.env).posts.get(docname)
    if post is None:
        return
    content[0] = post.page_text
    for problem in post.problems:
        report(problem)


class PostHeaderTransform(SphinxTransform):
    """Give the post its title, as text, and put its header under the title."""

    default_priority = 200  # before Sphinx collects titles and tables of contents

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        catalog = catalog_of(self.env)
        post = catalog.posts.get(docname)
        if post is None:
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:  # an empty post: give it a titled section of its own
            section = nodes.section(ids=["post"], names=[])
            section += nodes.title()
            self.document += section
        title = section[0]
        if title.astext() == TITLE_PLACEHOLDER:
            title.clear()
            title += nodes.Text(post.title)
            section["ids"] = [nodes.make_id(post.slug) or "post", *section["ids"][1:]]
            section["names"] = []
        journeys, tags = note_view(self.env, ("post", docname))
        section.insert(1, self._header(post, journeys, tags))

    def _header(
        self, post: Any, journeys: tuple[tuple[str, str], ...], tags: tuple[tuple[str, str], ...]
    ) -> nodes.container:
        header = nodes.container(classes=["postarchive-post-header"])
        facts = nodes.paragraph(classes=["postarchive-facts"])
        facts += nodes.inline(
            "",
            shown_date(post.date.local if post.date else None, self.config),
            classes=["postarchive-date"],
        )
        minutes = post.reading_minutes(self.config.postarchive_words_per_minute)
        facts += nodes.inline("", f" · {minutes} min read", classes=["postarchive-reading-time"])
        header += facts
        if journeys:
            line = nodes.paragraph(classes=["postarchive-journeys-line"])
            label = "Journey: " if len(journeys) == 1 else "Journeys: "
            line += nodes.inline(label, label, classes=["postarchive-label"])
            line += journey_links(journeys)
            header += line
        if tags:
            header += tag_line(tags, self.config.tags_intro_text)
        return header


def setup_post_pages(app: Sphinx) -> None:
    app.connect("source-read", give_myst_the_clean_post)
    app.add_transform(PostHeaderTransform)
