"""The extension's configuration: declared once, registered, validated and documented from here."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "postarchive_"
# Images and files that imported posts link from raw HTML, under the posts folder; copied as is.
ASSETS = "assets"


def _relative_folder(name: str, value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{PREFIX}{name} must be a non-empty folder name, got {value!r}")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts:
        raise ConfigError(f"{PREFIX}{name} must be a folder inside the source folder: {value!r}")


def _positive_int(name: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{PREFIX}{name} must be a positive whole number, got {value!r}")


def _boolean(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise ConfigError(f"{PREFIX}{name} must be True or False, got {value!r}")


def _url_patterns(name: str, value: Any) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{PREFIX}{name} must be a list of URL patterns, got {value!r}")
    for pattern in value:
        if not pattern.startswith("/"):
            raise ConfigError(f"{PREFIX}{name}: {pattern!r} must start with '/'")
        try:
            pattern.format(year=2016, month="01", day="01", slug="s", stem="s", name="n")
        except (KeyError, IndexError, ValueError) as error:
            message = f"{PREFIX}{name}: {pattern!r} has an unknown placeholder {error}"
            raise ConfigError(message) from None


def _host_names(name: str, value: Any) -> None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{PREFIX}{name} must be a list of host names, got {value!r}")


def _choice(*choices: str) -> Callable[[str, Any], None]:
    def validate(name: str, value: Any) -> None:
        if value not in choices:
            raise ConfigError(f"{PREFIX}{name} must be one of {', '.join(choices)}, got {value!r}")

    return validate


def _option(default: Any, validate: Any, help: str, *, rebuild: str = "env") -> Any:
    """A setting. ``rebuild`` is what a change of it makes Sphinx redo: "env" re-reads every
    document (the setting changes what they contain), "html" only writes the pages again."""
    return field(default=default, metadata={"validate": validate, "help": help, "rebuild": rebuild})


@dataclass(frozen=True)
class ArchiveConfig:
    """Every ``postarchive_*`` setting of ``conf.py``, with its default and meaning."""

    posts_dir: str = _option(
        "posts", _relative_folder, "Folder (relative to conf.py) whose *.md files are the posts."
    )
    journeys_dir: str = _option(
        "journeys",
        _relative_folder,
        "Folder of optional journey descriptions, one <slug>.md per journey.",
    )
    pages_dir: str = _option(
        "archive",
        _relative_folder,
        "Folder where the generated journey, tag and year pages are written (never committed).",
    )
    site_pages_dir: str = _option(
        "pages",
        _relative_folder,
        "Folder of the blog's own pages (About, Contact): not posts; the home page's "
        "`{postarchive-site-pages}` links them.",
    )
    fix_mojibake: bool = _option(
        True, _boolean, "Repair mojibake (text decoded with the wrong codec) with ftfy."
    )
    include_drafts: bool = _option(False, _boolean, "Build posts marked `draft: true` too.")
    words_per_minute: int = _option(
        200, _positive_int, "Reading speed used for the reading time shown on posts."
    )
    recent_posts: int = _option(10, _positive_int, "How many recent posts the home page lists.")
    sidebar_items: int = _option(
        12,
        _positive_int,
        "Most entries shown per level of the sidebar; longer levels link to their page.",
        rebuild="html",
    )

    related_posts: int = _option(3, _positive_int, "How many related posts a post lists.")
    tag_page_posts: int = _option(
        50,
        _positive_int,
        "A tag with more posts than this lists its newest posts and links to pages of its "
        "posts by years (quiet years share a page of at most this many).",
    )
    journeys_page_cards: int = _option(
        48,
        _positive_int,
        "The journeys page shows this many newest journeys as cards; older ones are listed by "
        "the year they began, each year linking to its page, which names its journeys.",
    )
    old_post_urls: tuple[str, ...] = _option(
        (),
        _url_patterns,
        "Addresses the old blog gave posts, e.g. '/post/{year}/{slug}/' "
        "(placeholders: year, month, day, slug, stem); each gets a redirect.",
    )
    old_journey_urls: tuple[str, ...] = _option(
        (), _url_patterns, "Addresses of the old blog's journey pages, e.g. '/journeys/{slug}/'."
    )
    old_tag_urls: tuple[str, ...] = _option(
        (), _url_patterns, "Addresses of the old blog's tag pages, e.g. '/tags/{slug}/'."
    )
    feed_content: str = _option(
        "summary",
        _choice("summary", "full"),
        "What Atom feed entries carry: each post's 'summary' or its 'full' text.",
        rebuild="html",
    )
    feed_length: int = _option(
        20, _positive_int, "How many of the newest posts each feed lists.", rebuild="html"
    )
    old_domains: tuple[str, ...] = _option(
        (), _host_names, "Host names of the old blog: absolute links to them are made internal."
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> ArchiveConfig:
        return cls.from_values(lambda name: getattr(config, PREFIX + name))

    @classmethod
    def from_values(cls, value_of: Callable[[str], Any]) -> ArchiveConfig:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            value = value_of(f.name)
            values[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**values)


def config_reference() -> list[tuple[str, Any, str]]:
    """(name, default, help) of every setting, for documentation and ``--help`` output."""
    return [
        (PREFIX + f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(ArchiveConfig)
    ]


def validate_config(app: Sphinx, config: Config) -> None:
    for f in dataclasses.fields(ArchiveConfig):
        f.metadata["validate"](f.name, getattr(config, PREFIX + f.name))


def register_settings(app: Sphinx) -> None:
    for f in dataclasses.fields(ArchiveConfig):
        kinds = {list, tuple} if isinstance(f.default, tuple) else {type(f.default)}
        app.add_config_value(
            PREFIX + f.name, f.default, f.metadata["rebuild"], types=frozenset(kinds)
        )
