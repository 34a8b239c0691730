"""Every Sphinx event the archive handles, in the order a build meets them, and everything it
registers. This is the one place that connects handlers; each handler lives in the module of its
concern and keeps what it needs for the rest of the build on the build's state
(:class:`postarchive.site.state.BuildState`), never in module or closure variables.

``docs/architecture.md`` shows the same list as a table (a test keeps it in step).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from postarchive.config import register_settings, validate_config
from postarchive.memory import (
    collect_as_before,
    collect_less_while_writing,
    freeze_what_the_build_loaded,
    reclaim_last_build,
    settle,
    settle_after_reading,
)
from postarchive.parallel import (
    a_writer_for_every_core,
    forget_other_documents,
    parallel_as_asked,
)
from postarchive.publishing.assets import add_assets, add_static_path
from postarchive.publishing.head import add_head_tags
from postarchive.publishing.latex import archive_fonts, fewer_latex_passes
from postarchive.publishing.outputs import copy_post_assets, drop_removed_pages, write_from_pages
from postarchive.publishing.pagestore import open_store, remember_page
from postarchive.publishing.redirects import write_redirects
from postarchive.publishing.search import (
    add_search_page_scripts,
    no_search_in_single_page,
    use_folding_search,
)
from postarchive.publishing.searchindex import keep_search_index_current, pages_for_a_lost_index
from postarchive.site.authors import AuthorDirective, AuthorsPageDirective
from postarchive.site.chronology import ArchiveDirective, RecentDirective, YearDirective
from postarchive.site.domain import ArchiveRole, PostArchiveDomain, documents_with_changed_views
from postarchive.site.headings import unlink_downloads_in_toc
from postarchive.site.highlighting import CodeLanguageTransform, register_blog_languages
from postarchive.site.htmlanchors import HtmlAnchorsTransform
from postarchive.site.journeys import JourneyDirective, JourneysDirective, JourneysPageDirective
from postarchive.site.listing import (
    EmptyListingTransform,
    ListingTransform,
    never_written,
    pending_post_list,
)
from postarchive.site.navigation import (
    bounded_sidebar,
    forget_sidebar,
    furo_navigation,
    pages_with_changed_sidebars,
    single_page_toc_links,
)
from postarchive.site.pictures import PictureTransform
from postarchive.site.postpage import (
    PostHeaderTransform,
    PostPartsTransform,
    give_myst_the_clean_post,
    post_parts,
)
from postarchive.site.schemes import ProgramLinks
from postarchive.site.sitepages import SitePagesDirective
from postarchive.site.start import choose_sources, gone_documents, leave_out_drafts, start_build
from postarchive.site.strikethrough import StrikethroughTransform, struck_text_everywhere
from postarchive.site.tags import (
    PostTagsDirective,
    TagPageDirective,
    TagPeriodDirective,
    TagsPageDirective,
    refuse_sphinx_tags_page_writing,
)
from postarchive.site.templates import keep_compiled_templates
from postarchive.site.theme import archive_title, fit_theme
from postarchive.site.timeline import TimelineDirective, draw_timelines, timeline

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def find_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Which documents to read: drafts left out, gone documents remembered, and the documents
    whose listings changed added."""
    leave_out_drafts(env, added, changed, removed)
    gone_documents(env, removed)
    return documents_with_changed_views(env, changed, removed)


@dataclass(frozen=True)
class Handler:
    event: str
    function: Callable[..., Any]
    does: str  # one line for the map in docs/architecture.md
    priority: int = 500  # Sphinx's default; lower runs first


# In the order a build emits them; within one event, by priority.
HANDLERS: tuple[Handler, ...] = (
    # conf.py is read
    Handler("config-inited", validate_config, "every postarchive_* setting checked", 100),
    Handler(
        "config-inited",
        refuse_sphinx_tags_page_writing,
        "sphinx-tags kept from writing tag pages into the sources",
        100,
    ),
    Handler("config-inited", add_static_path, "the package's static folder added"),
    Handler("config-inited", archive_title, "the site's title defaults to the project's name"),
    Handler(
        "config-inited", use_folding_search, "the search language that folds accents registered"
    ),
    Handler("config-inited", archive_fonts, "LuaLaTeX given fonts for emoji and CJK, set fast"),
    Handler("config-inited", struck_text_everywhere, "~~struck~~ text in every format, no warning"),
    Handler(
        "config-inited",
        choose_sources,
        "journey descriptions excluded, generated pages included, lenient decoding",
        800,
    ),
    Handler(
        "config-inited", reclaim_last_build, "an earlier build's frozen objects collected", 900
    ),
    # the environment is loaded and the builder made
    Handler(
        "builder-inited",
        start_build,
        "catalog gathered into the build's state; page stubs written; problems reported",
        100,
    ),
    Handler("builder-inited", open_store, "the store of written pages opened (HTML)"),
    Handler("builder-inited", add_assets, "stylesheet and scripts added"),
    Handler("builder-inited", keep_compiled_templates, "the theme's templates compiled once, kept"),
    Handler(
        "builder-inited",
        keep_search_index_current,
        "the search index brought up to date, not made again (HTML)",
    ),
    Handler(
        "builder-inited",
        freeze_what_the_build_loaded,
        "environment and catalog frozen out of the cycle collector",
        900,
    ),
    # reading: which documents, then each one (directives and the post transform run here)
    Handler(
        "env-get-outdated",
        find_outdated,
        "drafts left out; gone documents noted; documents whose views changed re-read",
    ),
    Handler(
        "source-read",
        forget_other_documents,
        "parallel reading: a worker sends back only the documents it reads",
        50,
    ),
    Handler(
        "source-read",
        settle,
        "what the documents read so far keep frozen out of the cycle collector",
        100,
    ),
    Handler("source-read", give_myst_the_clean_post, "a post's clean Markdown handed to MyST"),
    # after Sphinx's table-of-contents collector (500)
    Handler(
        "doctree-read",
        unlink_downloads_in_toc,
        "headings linking to a file: their table-of-contents entries keep the text only",
        600,
    ),
    Handler("env-updated", forget_sidebar, "the sidebar tree made again for the new toctrees"),
    Handler(
        "env-updated",
        settle_after_reading,
        "everything read frozen out of the cycle collector before writing",
        900,
    ),
    Handler(
        "env-get-updated",
        pages_with_changed_sidebars,
        "pages under a changed sidebar level written again",
    ),
    Handler(
        "env-get-updated",
        pages_for_a_lost_index,
        "the last search index read; every page written again where it is lost",
    ),
    # writing: each page
    Handler(
        "write-started",
        collect_less_while_writing,
        "the cycle collector's young generation collected less often while pages are written",
    ),
    Handler("write-started", a_writer_for_every_core, "with -j, as many writers as cores"),
    Handler("doctree-resolved", draw_timelines, "timelines drawn for the builder"),
    # after the other handlers have finished the page
    Handler("doctree-resolved", remember_page, "what the page says kept (HTML)", 900),
    # before the theme's own (furo's runs at 500 and calls toctree()); before
    # sphinxext-opengraph (500), which keeps a description already there
    Handler("html-page-context", bounded_sidebar, "the bounded sidebar given to the theme", 400),
    Handler("html-page-context", add_head_tags, "description and feed links in the head", 400),
    Handler("html-page-context", single_page_toc_links, "single page: table of contents links"),
    Handler("html-page-context", add_search_page_scripts, "the search page's data and script"),
    Handler("html-page-context", no_search_in_single_page, "single page: no dead search links"),
    Handler(
        "html-page-context",
        furo_navigation,
        "furo's navigation drawn from the bounded sidebar, not parsed again by furo",
        501,  # just after furo's own handler
    ),
    Handler(
        "html-page-context",
        fit_theme,
        "the theme's previous/next, source link, copyright and 404 page fitted to the archive",
        600,  # after sphinx-notfound-page made the 404 page's links absolute
    ),
    Handler("html-collect-pages", write_redirects, "redirect pages and maps of old addresses"),
    # the end
    Handler("build-finished", copy_post_assets, "raw-HTML assets of posts copied"),
    Handler("build-finished", collect_as_before, "the collector's thresholds as they were"),
    Handler("build-finished", parallel_as_asked, "-j as it was given"),
    Handler("build-finished", drop_removed_pages, "pages of gone documents removed"),
    Handler("build-finished", write_from_pages, "texts for search snippets and feeds written"),
    Handler(
        "build-finished",
        fewer_latex_passes,
        "latexmk told what changes between passes without changing the PDF",
    ),
)

DIRECTIVES: dict[str, type] = {
    "tags": PostTagsDirective,  # sphinx-tags' own, linking to the archive's tag pages
    "postarchive-journeys": JourneysDirective,
    "postarchive-journeys-page": JourneysPageDirective,
    "postarchive-journey": JourneyDirective,
    "postarchive-tag": TagPageDirective,
    "postarchive-tag-period": TagPeriodDirective,
    "postarchive-tags-page": TagsPageDirective,
    "postarchive-archive": ArchiveDirective,
    "postarchive-year": YearDirective,
    "postarchive-recent": RecentDirective,
    "postarchive-timeline": TimelineDirective,
    "postarchive-authors-page": AuthorsPageDirective,
    "postarchive-author": AuthorDirective,
    "postarchive-site-pages": SitePagesDirective,
}


def handler_table() -> list[str]:
    """The rows of the table of handlers in docs/architecture.md."""
    return [
        f"| `{h.event}` | {h.priority} | `{h.function.__module__}.{h.function.__name__}` "
        f"| {h.does} |"
        for h in HANDLERS
    ]


def setup_archive(app: Sphinx) -> None:
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_tags")
    app.setup_extension("sphinx_reredirects")
    register_settings(app)
    app.add_domain(PostArchiveDomain)
    # Short names for use in posts: {post}`slug`, {journey}`slug`, {tag}`name`.
    for kind in PostArchiveDomain.object_types:
        role = ArchiveRole(innernodeclass=nodes.inline, warn_dangling=True)
        app.add_role(kind, role, override=True)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive, override=name == "tags")
    app.add_node(timeline)
    skip = (never_written, None)
    for pending in (post_parts, pending_post_list):
        app.add_node(pending, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_transform(PostHeaderTransform)
    app.add_transform(PictureTransform)
    app.add_transform(CodeLanguageTransform)
    app.add_transform(EmptyListingTransform)
    app.add_transform(StrikethroughTransform)
    app.add_transform(HtmlAnchorsTransform)
    app.add_post_transform(ProgramLinks)
    app.add_post_transform(PostPartsTransform)
    app.add_post_transform(ListingTransform)
    register_blog_languages(app)
    for handler in HANDLERS:
        app.connect(handler.event, handler.function, priority=handler.priority)
