"""A post's page: the clean Markdown MyST reads, the title shown once, the post's header (date,
authors, reading time, journeys, tags), its cover picture (site/covers.py) and footer (its
previous and next post, related posts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from postarchive.catalog.model import Catalog
from postarchive.catalog.views import PostView, Step, post_key
from postarchive.reading.legacy import GROUP_LINKS, LegacyLink, rewrite_legacy_links
from postarchive.reading.posts import TITLE_PLACEHOLDER, Post
from postarchive.reading.problems import Problem, Subtype
from postarchive.reading.slugs import slugify
from postarchive.site.covers import cover_picture
from postarchive.site.domain import note_view
from postarchive.site.listing import (
    add_label,
    author_line,
    doc_link,
    link_pages,
    post_list,
    shown_date,
    tag_line,
    title_nodes,
)
from postarchive.site.reporting import report
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def give_myst_the_clean_post(app: Sphinx, docname: str, content: list[str]) -> None:
    """Replace a post's source by the catalog's reading of it (front matter out, text repaired,
    legacy links made internal), and report the problems found in the file while it is read,
    as Sphinx reports its own."""
    state = build_state(app.env)
    post = state.catalog.posts.get(docname)
    if post is None:
        return
    path = state.catalog.relative(post.path)
    problems = list(post.problems)

    def resolve(link: LegacyLink) -> str | None:
        if link.form.name == "markdown":  # a link to an old address of a page of the archive
            page = state.index.find_old(link.reference)
            return f"/{page}.md" if page else None
        if link.name in ("static", "attach"):  # Pelican's files: not posts
            return None
        if link.name in GROUP_LINKS:
            page = _group_page(state.catalog, link)
            if page is None:
                message = f"link {link.written!r} names no page of the archive"
                problems.append(Problem(path, link.line, message, Subtype.LINK))
            return page
        found = state.index.find_post(link.reference, path)
        if found is None:
            message = f"link {link.written!r} names no post of the archive"
            problems.append(Problem(path, link.line, message, Subtype.LINK))
            return None
        return f"/{found.docname}.md"

    content[0] = rewrite_legacy_links(post.page_text, resolve)
    for problem in problems:
        report(problem)


def _group_page(catalog: Catalog, link: LegacyLink) -> str | None:
    """The archive's page for Pelican's ``{tag}x``, ``{category}x`` and ``{author}x``: a
    category may have become a journey or a tag; one author's archive is all of it."""
    slug = slugify(link.reference)
    names = catalog.names
    journey = names.journey(slug) if slug in catalog.journeys else None
    tag = catalog.tag_by_slug(slug)
    tag_page = catalog.tag_docname(tag) if tag else None
    author = next((a for a in catalog.authors.values() if a.slug == slug), None)
    found = {
        "tag": tag_page or journey,
        "category": journey or tag_page,
        "author": (catalog.author_docname(author.name) or "index") if author else None,
    }[link.name]
    return f"/{found}.md" if found else None


class PostHeaderTransform(SphinxTransform):
    """Give the post its title, as text, a label, its cover picture, and the places of its
    header under the title (date, reading time, journeys with the post's place in each, tags)
    and its footer (previous and next post, related posts), made by PostPartsTransform."""

    default_priority = 200  # before Sphinx collects titles, labels and tables of contents

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        catalog = build_state(self.env).catalog
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
            title += title_nodes(post.title)
            title["support_smartquotes"] = False  # Rose's stays Rose's, as in feeds and search
            anchor = nodes.make_id(post.slug) or "post"
            # A later heading may spell the title again ("# Gulp starter pack" in the body) and
            # already hold that anchor: the page's own section then takes another one.
            if self.document.ids.get(anchor, section) is not section:
                anchor = nodes.make_id(f"post-{post.slug}")
            section["ids"] = [anchor, *section["ids"][1:]]
            section["names"] = []
        if post.summary:  # for sphinxext-opengraph and other readers of page metadata
            self.env.metadata[docname]["og:description"] = post.summary
        if catalog.slug_owners.get(post.slug) == docname:
            add_label(self.document, section, f"post-{post.slug}")
        note_view(self.env, post_key(docname))  # its header and footer show the post's view
        section.insert(1, post_parts(part="header", docname=docname))
        cover = cover_picture(self.env, post, self.document)
        if cover is not None:
            section.insert(2, cover)
        section += post_parts(part="footer", docname=docname)


class post_parts(nodes.Element):
    """Where a post's header or footer goes, until the page is resolved.

    Both are made only then: the ~60 transforms that read a page walk every node of it, and a
    post's header and footer are most of its nodes besides its text (a footer lists up to five
    related posts). Their contents come from the catalog's view of the post, which the page
    recorded when it was read (so a changed view still has the page read again).
    """


class PostPartsTransform(SphinxPostTransform):
    """Put each post's header and footer in its place, in its own page and in the single
    page, EPUB and PDF that gather every post."""

    # Last, after Sphinx's and other extensions' post-transforms, which are for an author's markup
    # (these parts hold none), so that they walk pages without them; their links are resolved
    # here (link_pages).
    default_priority = 990

    def run(self, **kwargs: Any) -> None:
        state = build_state(self.env)
        for place in list(self.document.findall(post_parts)):
            docname, part = place["docname"], place["part"]
            post = state.catalog.posts.get(docname)
            made = None
            if post is not None:
                view = state.views.get(post_key(docname))
                made = self._header(post, view) if part == "header" else self._footer(view)
            if made is not None and made.children:
                link_pages(made, self)
                place.replace_self(made)
            else:
                place.parent.remove(place)

    def _header(self, post: Post, view: PostView) -> nodes.container:
        places, tags = view.places, view.tags
        header = nodes.container(classes=["postarchive-post-header"])
        facts = nodes.paragraph(classes=["postarchive-facts"])
        day = shown_date(post.date.local if post.date else None, self.config)
        facts += nodes.inline("", day, classes=["postarchive-date"])
        if view.authors:
            facts += nodes.Text(" ")
            facts += author_line(view.authors)
        minutes = post.reading_minutes(self.config.postarchive_words_per_minute)
        facts += nodes.inline("", f" · {minutes} min read", classes=["postarchive-reading-time"])
        header += facts
        if places:
            line = nodes.paragraph(classes=["postarchive-journeys-line"])
            label = "Journey: " if len(places) == 1 else "Journeys: "
            line += nodes.inline(label, label, classes=["postarchive-label"])
            links = nodes.inline(classes=["postarchive-journeys"])
            for n, place in enumerate(places):
                if n:
                    links += nodes.Text(", ")
                links += doc_link(
                    place.journey.docname, place.journey.title, classes=["postarchive-journey"]
                )
                where = f" ({place.place} of {place.count})"
                links += nodes.inline(where, where, classes=["postarchive-position"])
            line += links
            header += line
        if tags:
            header += tag_line(
                [(tag.title, tag.docname) for tag in tags], self.config.tags_intro_text
            )
        return header

    def _footer(self, view: PostView) -> nodes.container:
        # "no-search": other posts' titles here would make this post a hit for their words.
        footer = nodes.container(classes=["postarchive-post-footer", "no-search"])
        if view.previous or view.next:
            steps = nodes.container(classes=["postarchive-steps"])
            if view.previous:
                steps += self._step_card(view.previous, "previous")
            if view.next:
                steps += self._step_card(view.next, "next")
            footer += steps
        if view.related:
            box = nodes.container(classes=["postarchive-related"])
            box += nodes.paragraph("Related posts", "Related posts", classes=["postarchive-label"])
            box += post_list(view.related)
            footer += box
        return footer

    def _step_card(self, step: Step, way: str) -> nodes.container:
        """A card for the previous or next post: which way, its title, its date; naming the
        journey it belongs to when the step goes into another journey."""
        card = nodes.container(classes=["postarchive-step", f"postarchive-{way}"])
        if step.other_journey is not None:
            label = (
                f"Previous journey: {step.other_journey.title}"
                if way == "previous"
                else (f"Next journey: {step.other_journey.title}")
            )
        else:
            label = "Previous" if way == "previous" else "Next"
        label = f"← {label}" if way == "previous" else f"{label} →"
        card += nodes.paragraph(label, label, classes=["postarchive-step-label"])
        title = nodes.paragraph(classes=["postarchive-step-title"])
        title += doc_link(step.post.docname, step.post.title)
        card += title
        day = shown_date(step.date, self.config)
        card += nodes.paragraph(day, day, classes=["postarchive-step-date"])
        return card
