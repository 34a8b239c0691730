"""What kind of blog a source tree is, and where its posts, pages and static files live."""

from __future__ import annotations

import ast
import json
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from postarchive.importing.htmlposts import HTML_POSTS
from postarchive.importing.templates import eleventy_global_data
from postarchive.reading.legacy import MARKDOWN

RESTRUCTUREDTEXT = ".rst"
MAU = ".mau"

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
    # Where the posts are: folders whose Markdown files are posts (Hugo's main sections,
    # Jekyll's ``_posts``, Pelican's ARTICLE_PATHS), or globs from the root (Eleventy's posts
    # collection); ``post_rule`` says which, for the files left out.
    post_folders: list[Path] = field(default_factory=list)
    post_globs: list[str] = field(default_factory=list)
    post_rule: str = ""
    # Folders of the blog's own pages besides its top level (Pelican's PAGE_PATHS, Jekyll's
    # ``_pages``).
    page_folders: list[Path] = field(default_factory=list)
    post_excludes: list[Path] = field(default_factory=list)  # Pelican's ARTICLE_EXCLUDES
    # Pelican liquid_tags' CODE_DIR, where ``{% include_code x.py %}`` finds its files.
    code_folder: Path | None = None
    # Hugo's ``[params]`` (keys lowercased), which its ``param`` shortcode shows.
    params: dict[str, object] = field(default_factory=dict)
    # Jekyll's configuration, which its templates see as ``site`` (``site.repository``).
    site_variables: dict[str, object] = field(default_factory=dict)
    # Eleventy's global data (its data folder's JSON files), which its templates see.
    global_data: dict[str, object] = field(default_factory=dict)
    # Tags that put a page among the posts wherever it is (Eleventy's collections).
    post_tags: tuple[str, ...] = ()
    # Files the engine does not publish: (gitignore-style patterns from the root, why).
    ignore_rules: list[tuple[list[str], str]] = field(default_factory=list)
    # Folders left out whole, and why (other languages, documentation sections).
    left_out_folders: dict[Path, str] = field(default_factory=dict)
    # Front-matter keys of categories (Jekyll, Pelican), which become journeys or tags.
    category_keys: tuple[str, ...] = ()
    categories_as: str = "journeys"
    # Pelican's ``MAU`` setting (aliases, template folders), which its Mau articles are read with.
    mau_settings: dict[str, object] = field(default_factory=dict)

    @property
    def writing(self) -> tuple[str, ...]:
        """The suffixes of the files the import reads as posts and pages: Markdown, and
        reStructuredText and Mau on a Pelican blog (the formats of its readers)."""
        return (*MARKDOWN, RESTRUCTUREDTEXT, MAU) if self.kind == "pelican" else MARKDOWN

    @property
    def html_posts(self) -> bool:
        """Whether an HTML file with front matter where the posts are is a post (Jekyll and
        Eleventy publish those as they publish Markdown ones)."""
        return self.kind in ("jekyll", "eleventy")


def detect(
    root: Path,
    kind: str | None = None,
    *,
    language: str | None = None,
    categories_as: str = "journeys",
) -> Site:
    """Read the source tree's layout; ``kind`` overrides the detection, ``language`` picks the
    language whose posts are imported on a multilingual site (Hugo)."""
    if not root.is_dir():
        raise NotABlog(f"{root} is not a folder")
    kind = kind or _guess_kind(root)
    if kind == "hugo":
        site = _hugo(root, language)
    elif kind == "jekyll":
        site = _jekyll(root, language)
    else:
        site = {
            "eleventy": _eleventy,
            "pelican": _pelican,
            "plain": _plain,
        }[kind](root)
    site.categories_as = categories_as
    # HTML files count too where the engine publishes HTML posts; choose() tells which are.
    html = HTML_POSTS if site.html_posts else ()
    if not site.content.is_dir() or not any(True for _ in markdown_files(site, site.content, html)):
        raise NotABlog(
            f"{root} holds no Markdown posts (looked in {site.content}) for a {kind} blog"
        )
    return site


def _guess_kind(root: Path) -> str:
    if any((root / name).is_file() for name in ("hugo.toml", "hugo.yaml", "hugo.json")):
        return "hugo"
    if any((root / "config" / "_default" / name).is_file() for name in _HUGO_CONFIGS):
        return "hugo"
    if (root / "content").is_dir() and (
        any(
            (root / name).is_file()
            for name in ("config.toml", "config.yaml", "config.yml", "config.json")
        )
        or (root / "config" / "_default").is_dir()
    ):
        return "hugo"
    if (root / "_config.yml").is_file():
        return "jekyll"
    if (root / ".eleventy.js").is_file() or any(root.glob("eleventy.config.*")):
        return "eleventy"  # Eleventy blogs keep Jekyll's ``_posts`` too
    if (root / "_posts").is_dir():
        return "jekyll"
    if (root / "pelicanconf.py").is_file():
        return "pelican"
    return "plain"


def markdown_files(site: Site, folder: Path, also: tuple[str, ...] = ()):
    """Markdown files (the site's writing, and files ending in ``also``) under ``folder``,
    never following a symbolic link out of the source tree."""
    root = site.root.resolve()
    for path in sorted(folder.rglob("*")):
        if any(part in SKIPPED_FOLDERS for part in path.relative_to(site.root).parts[:-1]):
            continue
        if (
            (path.suffix.lower() in site.writing or path.suffix.lower() in also)
            and path.is_file()
            and path.resolve().is_relative_to(root)
        ):
            yield path


_HUGO_CONFIGS = ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "config.yml"]
_HUGO_CONFIGS += ["hugo.json", "config.json"]


def _hugo_config(root: Path) -> dict[str, object]:
    """Hugo's settings: the site's configuration file, or ``config/_default/`` (whose
    ``params.*`` file holds the ``[params]`` table, ``languages.*`` the ``[languages]`` one and
    ``languages.<code>.*`` one language's)."""
    config = _read_config(root, _HUGO_CONFIGS)
    folder = root / "config" / "_default"
    if not config and folder.is_dir():
        config = _read_config(folder, _HUGO_CONFIGS)
    params = _read_config(folder, ["params.toml", "params.yaml", "params.yml", "params.json"])
    if params:
        config["params"] = {**_table(config.get("params")), **params}
    languages = _table(config.get("languages"))
    languages.update(_read_config(folder, ["languages.toml", "languages.yaml", "languages.yml"]))
    for path in sorted(folder.glob("languages.*.*")) if folder.is_dir() else []:
        code = path.name.split(".")[1].lower()
        languages[code] = {**_table(languages.get(code)), **_read_config(folder, [path.name])}
    if languages:
        config["languages"] = languages
    return config


def _table(value: object) -> dict[str, object]:
    """A settings table with its keys lowercased (Hugo reads them in any case)."""
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}


# Hugo sections that hold a blog's posts when the site does not name its ``mainSections``.
_POST_SECTIONS = ("posts", "post", "blog", "articles", "article", "news")


def _hugo(root: Path, language: str | None = None) -> Site:
    config = _hugo_config(root)
    content = root / str(config.get("contentdir", "content"))
    static = [root / str(config.get("staticdir", "static"))]
    chosen, content, others = _hugo_languages(root, config, content, language)
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
    site.left_out_folders = others
    params = site.params = _table(config.get("params"))
    site.post_folders, site.post_rule = _hugo_main_sections(
        content, params.get("mainsections") or config.get("mainsections"), set(folders)
    )
    site.url_patterns = _hugo_permalinks(config.get("permalinks"))
    site.base_url = _text_setting(config.get("baseurl"))
    assets = _table(params.get("assets"))  # PaperMod's [params.assets]
    site.identity = Identity(
        title=_text_setting(config.get("title")),
        description=_text_setting(params.get("description") or config.get("description")),
        author=_person(params.get("author")) or _person(config.get("author")),
        language=_language(
            chosen or config.get("languagecode") or config.get("defaultcontentlanguage")
        ),
        base_url=site.base_url,
        logo=_site_file(site, params.get("logo"), [root / "assets"]),
        favicon=_site_file(site, params.get("favicon") or assets.get("favicon"), [root / "assets"]),
    )
    return site


def _hugo_languages(
    root: Path, config: dict[str, object], content: Path, language: str | None
) -> tuple[str | None, Path, dict[Path, str]]:
    """On a multilingual site, the language imported (``language``, or the site's default),
    its content folder, and the other languages' folders, left out. A language's folder is its
    ``contentDir``, or ``content/<code>`` (a site that mounts one folder per language)."""
    languages = _table(config.get("languages"))
    default = (_text_setting(config.get("defaultcontentlanguage")) or "en").lower()
    if not languages:
        if language and language.lower() != default:
            raise NotABlog(f"{root} names no languages; --language {language} cannot be chosen")
        return None, content, {}
    chosen = (language or default).lower()
    if chosen not in languages:
        known = ", ".join(sorted(languages))
        raise NotABlog(f"{root} has no language {chosen!r} (it has {known})")
    folders: dict[str, Path] = {}
    for code, settings in languages.items():
        own = _text_setting(_table(settings).get("contentdir"))
        if own:
            folders[code] = root / own
        elif (content / code).is_dir():
            folders[code] = content / code
    others = {
        folder: f"in another language ({code}); --language {code} imports it"
        for code, folder in folders.items()
        if code != chosen and folder != folders.get(chosen)
    }
    return chosen, folders.get(chosen, content), others


def _hugo_main_sections(
    content: Path, main_sections: object, journey_folders: set[Path]
) -> tuple[list[Path], str]:
    """The sections whose pages are the blog's posts: the site's ``mainSections`` if it names
    them; else every section named for posts (``posts``, ``blog``...) or whose pages are mostly
    dated, documentation apart."""
    names = [main_sections] if isinstance(main_sections, str) else main_sections
    if isinstance(names, list) and names:
        folders = [content / str(name) for name in names]
        return folders, f"not in the site's mainSections ({', '.join(map(str, names))})"
    sections = [
        folder
        for folder in sorted(content.iterdir() if content.is_dir() else [])
        if folder.is_dir() and folder not in journey_folders and not folder.name.startswith(".")
    ]
    chosen = [
        folder
        for folder in sections
        if folder.name.lower() in _POST_SECTIONS
        or (folder.name.lower() not in _DOCS_SECTIONS and _mostly_dated(folder))
    ]
    if not sections:
        return [content], ""
    why = "documentation" if chosen else "no section of posts"
    return chosen, f"not in a section of posts ({', '.join(f.name for f in chosen) or why})"


# Sections of a site's documentation, never posts even when dated.
_DOCS_SECTIONS = {"docs", "doc", "documentation", "documents", "guide", "guides", "manual"}
_DOCS_SECTIONS |= {"reference", "api", "handbook", "wiki", "tutorials", "learn", "book"}
_DATE_LINE = re.compile(r"^\s*date\s*[:=]", re.I | re.M)


def _mostly_dated(folder: Path) -> bool:
    """Whether most Markdown files of a folder say their date in their front matter."""
    files = [p for p in folder.rglob("*") if p.suffix.lower() in MARKDOWN and p.is_file()]
    files = [p for p in files if not p.stem.startswith("_index")]
    dated = sum(
        1 for p in files if _DATE_LINE.search(p.read_text("utf-8", errors="replace")[:2000])
    )
    return bool(files) and dated * 2 > len(files)


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


def _jekyll(root: Path, language: str | None = None) -> Site:
    config = _read_config(root, ["_config.yml", "_config.yaml"])
    permalink = _text_setting(config.get("permalink")) or "date"
    pattern = _JEKYLL_STYLES.get(permalink, permalink)
    source = _jekyll_source(root, _text_setting(config.get("source")))
    site = Site("jekyll", root, source, [source], include_folders=[source / "_includes"])
    # Every ``_posts`` folder holds posts (``blog/_posts`` too: its posts are in "blog").
    site.post_folders = sorted(
        folder
        for name in ("_posts", "_drafts")
        for folder in source.rglob(name)
        if folder.is_dir() and not _in_skipped_folder(site, folder)
    )
    site.post_rule = "not in a _posts folder"
    chosen = _jekyll_languages(site, _text_setting(config.get("lang")), language)
    site.page_folders = [source / "_pages"]
    exclude = config.get("exclude")
    excluded = [str(p) for p in exclude if isinstance(p, str)] if isinstance(exclude, list) else []
    if excluded:
        prefix = source.relative_to(root).as_posix()
        patterns = [_under(prefix, pattern) for pattern in excluded]
        site.ignore_rules.append((patterns, "excluded by _config.yml (exclude:)"))
    site.category_keys = ("categories", "category")
    if ":" in pattern or "/" in pattern:  # a style name not known here gives no pattern
        site.url_patterns = {"": pattern}
    url = _text_setting(config.get("url"))
    if url:
        site.base_url = url.rstrip("/") + (_text_setting(config.get("baseurl")) or "").rstrip("/")
    site.identity = Identity(
        title=_text_setting(config.get("title")),
        description=_text_setting(config.get("description")),
        author=_person(config.get("author")),
        language=_language(chosen or config.get("lang")),
        base_url=site.base_url,
        logo=_site_file(site, config.get("logo")),
        favicon=_site_file(site, config.get("favicon")),
    )
    site.author_names = _jekyll_authors(source)
    site.site_variables = config
    return site


_LANGUAGE_FOLDER = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?")


def _jekyll_languages(site: Site, own: str | None, language: str | None) -> str | None:
    """On a site with its posts in a folder per language (``en/_posts``, ``fr/_posts``), the
    language imported (``language``, or the site's ``lang``, or English); the others' folders
    are left out."""
    codes = {
        first: site.content / first
        for folder in site.post_folders
        for first in folder.relative_to(site.content).parts[:1]
        if _LANGUAGE_FOLDER.fullmatch(first) and _language(first)
    }
    if len(codes) < 2:
        if language:
            raise NotABlog(f"{site.root} has no posts in a folder per language; drop --language")
        return None
    wanted = language or own or "en"
    chosen = next((c for c in codes if c.lower() == wanted.lower()), None)
    if chosen is None:
        known = ", ".join(sorted(codes))
        raise NotABlog(f"{site.root} has no language {wanted!r} (it has {known})")
    site.left_out_folders = {
        folder: f"in another language ({code}); --language {code} imports it"
        for code, folder in codes.items()
        if code != chosen
    }
    return chosen


def _jekyll_source(root: Path, source: str | None) -> Path:
    """Jekyll's ``source:`` folder. A source a task runner fills before Jekyll runs
    (``.tmp/src`` copied from ``src``) is found by its last folders' names."""
    if not source:
        return root
    parts = Path(source.strip("/")).parts
    for start in range(len(parts)):
        folder = root.joinpath(*parts[start:])
        if folder.is_dir() and folder.resolve().is_relative_to(root.resolve()):
            return folder
    return root


def _under(prefix: str, pattern: str) -> str:
    """A pattern of a folder's ignore list as a pattern from the source root."""
    if prefix in ("", "."):
        return pattern
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    return f"/{prefix}/{pattern.lstrip('/')}" if anchored else f"/{prefix}/**/{pattern}"


def _in_skipped_folder(site: Site, path: Path) -> bool:
    return any(part in SKIPPED_FOLDERS for part in path.relative_to(site.root).parts)


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
    input_dir = _js_setting(config_text, "input") or _eleventy_input_option(root)
    source = root / input_dir if input_dir else root
    includes = source / (_js_setting(config_text, "includes") or "_includes")  # input-relative
    # Passthrough copies serve their files from the site root, as the source tree has them.
    site = Site("eleventy", root, source, [source, root], include_folders=[includes])
    site.url_folders = _passthrough_folders(config_text, root, input_dir or ".")
    site.post_globs = _eleventy_post_globs(config_text)
    if site.post_globs:
        site.post_rule = f"not in the posts collection ({', '.join(site.post_globs)})"
    else:
        # The posts collection is what is tagged "post(s)": by folders (a directory data file)
        # or one by one; with no such folder, every page outside the top level is a post.
        site.post_folders = _eleventy_tagged_folders(source) or [source]
        site.post_tags = ("post", "posts")
        site.post_rule = "not in the posts collection (tagged post or posts)"
    ignore = root / ".eleventyignore"
    if ignore.is_file():
        patterns = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        site.ignore_rules.append((patterns, "ignored by .eleventyignore"))
    data = source / (_js_setting(config_text, "data") or "_data")  # input-relative
    metadata = {**_eleventy_data(data, "site"), **_eleventy_data(data, "metadata")}
    site.global_data = eleventy_global_data(data)
    site.identity = Identity(
        title=_text_setting(metadata.get("title")),
        description=_text_setting(metadata.get("description")),
        author=_person(metadata.get("author")),
        language=_language(metadata.get("language") or metadata.get("lang")),
        base_url=_text_setting(metadata.get("url")),
        logo=_site_file(site, metadata.get("logo")),
        favicon=_site_file(site, metadata.get("favicon")),
    )
    # Links to the old site's pages that are not imported (v8.dev's /docs/) lead there.
    site.base_url = site.identity.base_url
    return site


_TAGS_POSTS = re.compile(r"""\btags["']?\s*:\s*\[?[^\]\n]*?["']posts?["']""")


def _eleventy_tagged_folders(source: Path) -> list[Path]:
    """Folders whose directory data file (``posts/posts.json``, ``blog/blog.11tydata.js``) tags
    their pages "post" or "posts"."""
    found = []
    for data in sorted(source.rglob("*")):
        folder = data.parent
        names = [f"{folder.name}{ext}" for ext in (".json", *_ELEVENTY_DATA_SUFFIXES)]
        if data.name not in names or not data.is_file() or "node_modules" in data.parts:
            continue
        if _TAGS_POSTS.search(data.read_text(encoding="utf-8", errors="replace")):
            found.append(folder)
    return found


_ELEVENTY_DATA_SUFFIXES = (".11tydata.json", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs")


def _eleventy_input_option(root: Path) -> str | None:
    """The input folder a ``package.json`` script gives Eleventy (``eleventy --input=src``)."""
    try:
        scripts = json.loads((root / "package.json").read_text(encoding="utf-8")).get("scripts")
    except (OSError, ValueError, AttributeError):
        return None
    for command in scripts.values() if isinstance(scripts, dict) else []:
        found = re.search(r"\beleventy\b.*?--input[= ]['\"]?([^\s'\"]+)", str(command))
        if found:
            return found.group(1).strip("./") or None
    return None


# The collections a blog's posts are in, by the names themes give them.
_POST_COLLECTIONS = ("posts", "post", "blog", "articles", "writing")
_COLLECTION = re.compile(r"""addCollection\(\s*["'](\w+)["']""")
_FILTERED = re.compile(r"""getFilteredByGlob\(\s*(\[[^\]]*\]|[^)]+)\)""")
_JS_STRING = re.compile(r"""["'`]([^"'`]+)["'`]""")


def _eleventy_post_globs(text: str) -> list[str]:
    """The globs (from the project's root) of the posts collection a configuration builds with
    ``getFilteredByGlob``, in the collection's own code or in a function it returns from. The
    glob is a string, a list of them, or a constant's ``NAME.key`` set in the same file."""
    starts = list(_COLLECTION.finditer(text))
    bodies = {
        match.group(1): text[match.end() : following.start() if following else len(text)]
        for match, following in zip(starts, [*starts[1:], None], strict=False)
    }
    name = next((name for name in _POST_COLLECTIONS if name in bodies), None)
    if name is None:
        return []
    body = bodies[name]
    if not _FILTERED.search(body):
        called = re.search(r"return\s+([\w$]+)\(", body)
        function = called and re.search(
            rf"function\s+{re.escape(called.group(1))}\s*\(.*?\n\}}", text, re.S
        )
        body = function.group(0) if function else ""
    found = _FILTERED.search(body)
    if not found:
        return []
    globs = _JS_STRING.findall(found.group(1))
    constant = re.fullmatch(r"\s*[\w$]+\.(\w+)\s*", found.group(1))
    if not globs and constant:
        value = re.search(rf"""\b{constant.group(1)}\s*:\s*["'`]([^"'`]+)["'`]""", text)
        globs = [value.group(1)] if value else []
    return [glob.removeprefix("./") for glob in globs]


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
    # ``pelican -s settings.py`` runs any settings file; pelicanconf.py is the usual one.
    settings = _python_settings(root / "pelicanconf.py") or _python_settings(root / "settings.py")
    published = _python_settings(root / "publishconf.py")  # the settings the site went out with
    content = root / (_text_setting(settings.get("PATH")) or "content")
    content = content if content.is_dir() else root
    site = Site("pelican", root, content, [content, root])
    site.url_patterns = {
        "": _text_setting(published.get("ARTICLE_URL"))
        or _text_setting(settings.get("ARTICLE_URL"))
        or "{slug}.html",
        "translation": _text_setting(published.get("ARTICLE_LANG_URL"))
        or _text_setting(settings.get("ARTICLE_LANG_URL"))
        or "{slug}-{lang}.html",
    }
    site.base_url = _text_setting(published.get("SITEURL")) or _text_setting(
        settings.get("SITEURL")
    )
    site.default_lang = _text_setting(settings.get("DEFAULT_LANG")) or "en"
    page_paths = _paths(settings.get("PAGE_PATHS"), ["pages"])
    site.post_folders = [content / path for path in _paths(settings.get("ARTICLE_PATHS"), [""])]
    site.post_rule = "not in ARTICLE_PATHS, or in ARTICLE_EXCLUDES"
    site.page_folders = [content / path for path in page_paths]
    site.code_folder = content / (_text_setting(settings.get("CODE_DIR")) or "code")
    excludes = _paths(settings.get("ARTICLE_EXCLUDES"), page_paths)
    # Static files (notebooks and pages offered for download) are never articles.
    statics = _paths(settings.get("STATIC_PATHS"), ["images"])
    site.post_excludes = [content / path for path in [*excludes, *statics] if path.strip("/.")]
    prefix = content.relative_to(root).as_posix()
    ignored = _paths(settings.get("IGNORE_FILES"), [".#*"])
    site.ignore_rules.append(([_under(prefix, name) for name in ignored], "in IGNORE_FILES"))
    site.journey_keys = ("series", "journeys", "journey")
    site.category_keys = ("category",)
    mau = settings.get("MAU")
    site.mau_settings = mau if isinstance(mau, dict) else {}
    both = {**settings, **published}

    def file(name: str) -> Path | None:
        # Themes' SITELOGO and FAVICON name a file of the output, which is the content folder's.
        value = (_text_setting(both.get(name)) or "").removeprefix("{static}")
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


def _paths(value: object, default: list[str]) -> list[str]:
    """A Pelican setting that is a list of paths (a lone string read as one)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if isinstance(v, str)]
    return default


def _python_settings(path: Path) -> dict[str, object]:
    """The literal settings of a Pelican settings file (``NAME = "text"``, lists, numbers):
    it is Python, parsed and never run; a setting made by an expression is left out."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return {}
    settings: dict[str, object] = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                try:
                    settings[target.id] = ast.literal_eval(node.value)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    settings.pop(target.id, None)  # a later expression replaces a literal
    return settings


def _plain(root: Path) -> Site:
    return Site("plain", root, root, [root], post_folders=[root])


def _read_config(root: Path, names: list[str]) -> dict[str, object]:
    for name in names:
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            if name.endswith(".toml"):
                data = tomllib.loads(text)
            elif name.endswith(".json"):  # JSON indented with tabs is not YAML
                data = json.loads(text)
            else:
                data = yaml.safe_load(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError):
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
