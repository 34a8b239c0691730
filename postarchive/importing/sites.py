"""What kind of blog a source tree is, and where its posts, pages and static files live."""

from __future__ import annotations

import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from postarchive.reading.legacy import MARKDOWN

KINDS = ("hugo", "jekyll", "eleventy", "pelican", "plain")
# Folders no blog keeps posts in: build output, dependencies, version control.
SKIPPED_FOLDERS = {
    "node_modules",
    "_site",
    "public",
    "output",
    "resources",
    ".git",
    ".github",
    "vendor",
    "themes",
    "_build",
}


class NotABlog(ValueError):
    """The source tree holds no posts this importer can read."""


@dataclass(frozen=True)
class Identity:
    """Who the blog is, from its configuration: what the new archive's conf.py says."""

    title: str | None = None
    description: str | None = None
    author: str | None = None
    language: str | None = None  # as Sphinx names it: "en", "pt_BR"
    base_url: str | None = None
    logo: Path | None = None  # a file of the source tree
    favicon: Path | None = None


@dataclass
class Site:
    kind: str
    root: Path
    content: Path  # where the posts are searched
    # Folders whose files are served from the site root ("/images/x.png" -> <folder>/images/x.png).
    static_roots: list[Path] = field(default_factory=list)
    # Front-matter keys whose values name journeys (Hugo taxonomies called "journey(s)").
    journey_keys: tuple[str, ...] = ("journeys", "journey")
    # Folders holding journey descriptions (Hugo taxonomy term pages).
    journey_folders: list[Path] = field(default_factory=list)
    # URL prefixes served from other folders (Eleventy's renaming passthrough copies):
    # "/_images/" -> <root>/images/.
    url_folders: dict[str, Path] = field(default_factory=dict)
    # Folders of includes (Jekyll and Eleventy ``_includes``).
    include_folders: list[Path] = field(default_factory=list)
    # The old site's address, from its configuration, if it says.
    base_url: str | None = None
    # Patterns of the old posts' addresses, in the blog's own syntax: "" for every post; for Hugo
    # one per section; for Pelican also "translation" (ARTICLE_LANG_URL).
    url_patterns: dict[str, str] = field(default_factory=dict)
    # The language of posts that name none (Pelican's DEFAULT_LANG): others are translations.
    default_lang: str = "en"
    identity: Identity = field(default_factory=Identity)
    # Jekyll's ``_data/authors.yml``: the key a post's ``author`` names -> the author's name.
    author_names: dict[str, str] = field(default_factory=dict)


def detect(root: Path, kind: str | None = None) -> Site:
    """Read the source tree's layout; ``kind`` overrides the detection."""
    if not root.is_dir():
        raise NotABlog(f"{root} is not a folder")
    kind = kind or _guess_kind(root)
    site = {
        "hugo": _hugo,
        "jekyll": _jekyll,
        "eleventy": _eleventy,
        "pelican": _pelican,
        "plain": _plain,
    }[kind](root)
    if not any(True for _ in markdown_files(site, site.content)):
        raise NotABlog(
            f"{root} holds no Markdown posts (looked in {site.content}) for a {kind} blog"
        )
    return site


def _guess_kind(root: Path) -> str:
    if any((root / name).is_file() for name in ("hugo.toml", "hugo.yaml", "hugo.json")):
        return "hugo"
    if (root / "content").is_dir() and (
        any(
            (root / name).is_file()
            for name in ("config.toml", "config.yaml", "config.yml", "config.json")
        )
        or (root / "config" / "_default").is_dir()
    ):
        return "hugo"
    if (root / "_config.yml").is_file() or (root / "_posts").is_dir():
        return "jekyll"
    if (root / ".eleventy.js").is_file() or any(root.glob("eleventy.config.*")):
        return "eleventy"
    if (root / "pelicanconf.py").is_file():
        return "pelican"
    return "plain"


def markdown_files(site: Site, folder: Path):
    """Markdown files under ``folder``, never following a symbolic link out of the source tree."""
    root = site.root.resolve()
    for path in sorted(folder.rglob("*")):
        if any(part in SKIPPED_FOLDERS for part in path.relative_to(site.root).parts[:-1]):
            continue
        if (
            path.suffix.lower() in MARKDOWN
            and path.is_file()
            and path.resolve().is_relative_to(root)
        ):
            yield path


_HUGO_CONFIGS = ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "config.yml"]
_HUGO_CONFIGS += ["hugo.json", "config.json"]


def _hugo_config(root: Path) -> dict[str, object]:
    """Hugo's settings: the site's configuration file, or ``config/_default/`` (whose
    ``params.*`` file holds the ``[params]`` table)."""
    config = _read_config(root, _HUGO_CONFIGS)
    folder = root / "config" / "_default"
    if not config and folder.is_dir():
        config = _read_config(folder, _HUGO_CONFIGS)
    params = _read_config(folder, ["params.toml", "params.yaml", "params.yml", "params.json"])
    if params:
        config["params"] = {**_table(config.get("params")), **params}
    return config


def _table(value: object) -> dict[str, object]:
    """A settings table with its keys lowercased (Hugo reads them in any case)."""
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}


def _hugo(root: Path) -> Site:
    config = _hugo_config(root)
    content = root / str(config.get("contentdir", "content"))
    static = [root / str(config.get("staticdir", "static"))]
    taxonomies = config.get("taxonomies") or {}
    journey_keys = ["journeys", "journey"]
    folders = []
    for singular, plural in taxonomies.items() if isinstance(taxonomies, dict) else []:
        if _names_journeys(str(singular)) or _names_journeys(str(plural)):
            journey_keys[:0] = [str(plural), str(singular)]
            folders += [content / str(plural), content / str(singular)]
    if not folders:
        folders = [content / "journeys", content / "journey"]
    site = Site("hugo", root, content, static, tuple(dict.fromkeys(journey_keys)), folders)
    site.url_patterns = _hugo_permalinks(config.get("permalinks"))
    site.base_url = _text_setting(config.get("baseurl"))
    params = _table(config.get("params"))
    assets = _table(params.get("assets"))  # PaperMod's [params.assets]
    site.identity = Identity(
        title=_text_setting(config.get("title")),
        description=_text_setting(params.get("description") or config.get("description")),
        author=_person(params.get("author")) or _person(config.get("author")),
        language=_language(config.get("languagecode") or config.get("defaultcontentlanguage")),
        base_url=site.base_url,
        logo=_site_file(site, params.get("logo"), [root / "assets"]),
        favicon=_site_file(site, params.get("favicon") or assets.get("favicon"), [root / "assets"]),
    )
    return site


def _names_journeys(taxonomy: str) -> bool:
    """A Hugo taxonomy whose terms are journeys: "journey(s)", or a "series" of posts."""
    name = taxonomy.lower()
    return "journey" in name or name == "series"


def _hugo_permalinks(permalinks: object) -> dict[str, str]:
    """Hugo's ``[permalinks]``: section -> pattern (also in the newer ``[permalinks.page]``)."""
    if not isinstance(permalinks, dict):
        return {}
    page = permalinks.get("page")
    patterns = page if isinstance(page, dict) else permalinks
    return {str(k): v for k, v in patterns.items() if isinstance(v, str)}


# Jekyll's built-in permalink styles.
_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def _jekyll(root: Path) -> Site:
    config = _read_config(root, ["_config.yml", "_config.yaml"])
    permalink = _text_setting(config.get("permalink")) or "date"
    pattern = _JEKYLL_STYLES.get(permalink, permalink)
    site = Site("jekyll", root, root, [root], include_folders=[root / "_includes"])
    if ":" in pattern or "/" in pattern:  # a style name not known here gives no pattern
        site.url_patterns = {"": pattern}
    url = _text_setting(config.get("url"))
    if url:
        site.base_url = url.rstrip("/") + (_text_setting(config.get("baseurl")) or "").rstrip("/")
    site.identity = Identity(
        title=_text_setting(config.get("title")),
        description=_text_setting(config.get("description")),
        author=_person(config.get("author")),
        language=_language(config.get("lang")),
        base_url=site.base_url,
        logo=_site_file(site, config.get("logo")),
        favicon=_site_file(site, config.get("favicon")),
    )
    site.author_names = _jekyll_authors(root)
    return site


def _jekyll_authors(root: Path) -> dict[str, str]:
    """``_data/authors.yml``: the key a post's ``author`` names (lowercased) -> that author's
    name."""
    authors = _read_config(root / "_data", ["authors.yml", "authors.yaml", "authors.json"])
    return {key: _person(value) or key for key, value in authors.items()}


# Eleventy's configuration is JavaScript: only its plain string settings are read.
_PASSTHROUGH = re.compile(r"""addPassthroughCopy\(\s*(\{[^}]*\}|["'][^"']+["'])""")
_JS_PAIR = re.compile(r"""(?:["']([^"']+)["']|([\w$-]+))\s*:\s*["']([^"']*)["']""")


def _eleventy(root: Path) -> Site:
    config_text = ""
    for path in [root / ".eleventy.js", *sorted(root.glob("eleventy.config.*"))]:
        if path.is_file():
            config_text += path.read_text(encoding="utf-8", errors="replace")
    input_dir = _js_setting(config_text, "input")
    source = root / input_dir if input_dir else root
    includes = source / (_js_setting(config_text, "includes") or "_includes")  # input-relative
    # Passthrough copies serve their files from the site root, as the source tree has them.
    site = Site("eleventy", root, source, [source, root], include_folders=[includes])
    site.url_folders = _passthrough_folders(config_text, root, input_dir or ".")
    data = source / (_js_setting(config_text, "data") or "_data")  # input-relative
    metadata = {**_eleventy_data(data, "site"), **_eleventy_data(data, "metadata")}
    site.identity = Identity(
        title=_text_setting(metadata.get("title")),
        description=_text_setting(metadata.get("description")),
        author=_person(metadata.get("author")),
        language=_language(metadata.get("language") or metadata.get("lang")),
        base_url=_text_setting(metadata.get("url")),
        logo=_site_file(site, metadata.get("logo")),
        favicon=_site_file(site, metadata.get("favicon")),
    )
    return site


_JS_TEXT = re.compile(r"""^\s*["']?(\w+)["']?\s*:\s*(["'`])(.*?)\2\s*,?\s*$""", re.M)
_JS_AUTHOR = re.compile(r"""\bauthor["']?\s*:\s*\{[^}]*\}""")
_JS_NAME = re.compile(r"""\bname["']?\s*:\s*(["'`])(.*?)\1""")


def _eleventy_data(folder: Path, name: str) -> dict[str, object]:
    """An Eleventy global data file (``_data/metadata.json``, ``.yaml``, or a ``.js`` module,
    whose plain ``key: "text"`` lines are read, never run)."""
    data = _read_config(folder, [f"{name}.json", f"{name}.yaml", f"{name}.yml"])
    if data:
        return data
    for suffix in (".js", ".cjs", ".mjs"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found: dict[str, object] = {}
            author = _JS_AUTHOR.search(text)
            if author:  # author: { name: "..." } (its other lines are not the site's)
                person = _JS_NAME.search(author.group(0))
                found["author"] = person.group(2) if person else None
                text = text[: author.start()] + text[author.end() :]
            for match in _JS_TEXT.finditer(text):
                found.setdefault(match.group(1).lower(), match.group(3))
            return found
    return {}


def _js_setting(text: str, name: str) -> str | None:
    match = re.search(rf"""\b{name}\s*:\s*["']([^"']+)["']""", text)
    return match.group(1) if match else None


def _passthrough_folders(text: str, root: Path, input_dir: str) -> dict[str, Path]:
    """URL prefix -> folder, for each ``addPassthroughCopy``: ``"img"`` serves ``img/`` at
    ``/img/`` (a folder inside the input folder loses that prefix); ``{ images: "_images" }``
    serves ``images/`` at ``/_images/``."""
    folders: dict[str, Path] = {}
    input_dir = posixpath.normpath(input_dir)
    for match in _PASSTHROUGH.finditer(text):
        argument = match.group(1)
        if argument.startswith("{"):
            pairs = [(m.group(1) or m.group(2), m.group(3)) for m in _JS_PAIR.finditer(argument)]
        else:
            source = posixpath.normpath(argument.strip("\"'"))
            served = source.removeprefix(input_dir + "/") if input_dir != "." else source
            pairs = [(source, served)]
        for source, served in pairs:
            if any(char in source for char in "*?[{"):
                continue  # a glob copies files, it does not rename a folder
            served = served.strip("/")
            folders["/" + served + "/" if served else "/"] = root / posixpath.normpath(source)
    return folders


def _pelican(root: Path) -> Site:
    settings = _python_settings(root / "pelicanconf.py")
    published = _python_settings(root / "publishconf.py")  # the settings the site went out with
    content = root / (settings.get("PATH") or "content")
    site = Site("pelican", root, content if content.is_dir() else root, [content, root])
    site.url_patterns = {
        "": published.get("ARTICLE_URL") or settings.get("ARTICLE_URL") or "{slug}.html",
        "translation": published.get("ARTICLE_LANG_URL")
        or settings.get("ARTICLE_LANG_URL")
        or "{slug}-{lang}.html",
    }
    site.base_url = published.get("SITEURL") or settings.get("SITEURL") or None
    site.default_lang = settings.get("DEFAULT_LANG") or "en"
    both = {**settings, **published}

    def file(name: str) -> Path | None:
        # Themes' SITELOGO and FAVICON name a file of the output, which is the content folder's.
        value = both.get(name, "").removeprefix("{static}")
        return _site_file(site, value.replace("$SITEURL", "").replace("{SITEURL}", ""))

    site.identity = Identity(
        title=_text_setting(both.get("SITENAME")),
        description=_text_setting(both.get("SITESUBTITLE")),
        author=_text_setting(both.get("AUTHOR")),
        language=_language(settings.get("DEFAULT_LANG")),
        base_url=site.base_url,
        logo=file("SITELOGO"),
        favicon=file("FAVICON"),
    )
    return site


def _python_settings(path: Path) -> dict[str, str]:
    """The ``NAME = "text"`` lines of a Pelican settings file (it is Python: never run)."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    pattern = re.compile(r"""^([A-Z_][A-Z0-9_]*)\s*=\s*(["'])(.*?)\2\s*(?:#.*)?$""", re.M)
    return {match.group(1): match.group(3) for match in pattern.finditer(text)}


def _plain(root: Path) -> Site:
    return Site("plain", root, root, [root])


def _read_config(root: Path, names: list[str]) -> dict[str, object]:
    for name in names:
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            data = tomllib.loads(text) if name.endswith(".toml") else yaml.safe_load(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError):
            return {}
        # Hugo reads its settings' names in any case (baseURL, baseurl).
        return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else {}
    return {}


def _text_setting(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _person(value: object) -> str | None:
    """An author given as a name, or as a table with a ``name`` (Jekyll, Hugo, Eleventy)."""
    if isinstance(value, dict):
        value = _table(value).get("name")
    return _text_setting(value)


def _language(value: object) -> str | None:
    """A blog's language code ("en-us", "pt_BR") as Sphinx and Babel name it ("en_US"), or
    None when no language is known by that code."""
    from babel import Locale, UnknownLocaleError

    code = _text_setting(value)
    if code is None:
        return None
    try:
        return str(Locale.parse(code.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return None


def _site_file(site: Site, value: object, more_roots: list[Path] | None = None) -> Path | None:
    """The source file a setting names by its address on the site (``/images/logo.png``, or
    relative to the site's root), if it is in the source tree."""
    address = _text_setting(value)
    if address is None or "://" in address or address.startswith("//"):
        return None
    path = address.split("?")[0].split("#")[0].lstrip("/")
    root = site.root.resolve()
    for folder in [*site.static_roots, site.content, site.root, *(more_roots or [])]:
        candidate = folder / path
        if path and candidate.is_file() and candidate.resolve().is_relative_to(root):
            return candidate
    return None
