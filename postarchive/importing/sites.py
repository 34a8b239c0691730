"""What kind of blog a source tree is, and where its posts, pages and static files live."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("hugo", "jekyll", "eleventy", "pelican", "plain")
MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
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
    if (root / "content").is_dir() and any(
        (root / name).is_file()
        for name in ("config.toml", "config.yaml", "config.yml", "config.json")
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


def _hugo(root: Path) -> Site:
    config = _read_config(
        root, ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "config.yml"]
    )
    content = root / str(config.get("contentDir", config.get("contentdir", "content")))
    static = [root / str(config.get("staticDir", "static"))]
    taxonomies = config.get("taxonomies") or {}
    journey_keys = ["journeys", "journey"]
    folders = []
    for singular, plural in taxonomies.items() if isinstance(taxonomies, dict) else []:
        if "journey" in str(singular).lower() or "journey" in str(plural).lower():
            journey_keys[:0] = [str(plural), str(singular)]
            folders += [content / str(plural), content / str(singular)]
    if not folders:
        folders = [content / "journeys", content / "journey"]
    return Site("hugo", root, content, static, tuple(dict.fromkeys(journey_keys)), folders)


def _jekyll(root: Path) -> Site:
    return Site("jekyll", root, root, [root])


def _eleventy(root: Path) -> Site:
    config_text = ""
    for path in [root / ".eleventy.js", *sorted(root.glob("eleventy.config.*"))]:
        if path.is_file():
            config_text += path.read_text(encoding="utf-8", errors="replace")
    match = re.search(r"""input\s*:\s*["']([^"']+)["']""", config_text)
    source = root / match.group(1) if match else root
    # Passthrough copies serve their files from the site root, as the source tree has them.
    return Site("eleventy", root, source, [source, root])


def _pelican(root: Path) -> Site:
    text = (root / "pelicanconf.py").read_text(encoding="utf-8", errors="replace")
    match = re.search(r"""^PATH\s*=\s*["']([^"']+)["']""", text, re.M)
    content = root / (match.group(1) if match else "content")
    return Site("pelican", root, content if content.is_dir() else root, [content, root])


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
        return data if isinstance(data, dict) else {}
    return {}
