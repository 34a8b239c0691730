"""Sphinx configuration of the archive: the seed posts and any others under posts/."""

import os
from urllib.parse import urlsplit

project = "Post archive"
author = "The archive's authors"
copyright = "2016–2026, the archive's authors"  # noqa: A001 (Sphinx's name for it)
release = version = "2026"

extensions = [
    "postarchive",
    "sphinx_sitemap",  # sitemap.xml, from html_baseurl
    "sphinxext.opengraph",  # Open Graph cards; posts give their description
    "notfound.extension",  # a 404 page with absolute links, as Read the Docs serves it
]

# -- postarchive ---------------------------------------------------------------------------------
postarchive_posts_dir = "posts"
postarchive_journeys_dir = "journeys"
postarchive_pages_dir = "archive"
# Addresses the old Hugo blog gave journey and tag pages; posts carry their own `permalink`.
postarchive_old_journey_urls = ["/journeys/{slug}/"]
postarchive_old_tag_urls = ["/tags/{name}/"]

# Mojibake repairs are reported as warnings (type postarchive.mojibake). The seed posts need two
# repairs, made on every build; they are listed by a plain build and kept from failing -W builds.
suppress_warnings = ["postarchive.mojibake"]

# -- sphinx-tags (postarchive reads its settings) ------------------------------------------------
tags_intro_text = "Tags:"
tags_page_title = "Tag"
tags_overview_title = "Tags"

# -- MyST ----------------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "linkify", "smartquotes", "strikethrough"]
myst_heading_anchors = 3

# -- Sources -------------------------------------------------------------------------------------
root_doc = "index"
# The archive's pages are the home page and the posts (the extension adds its generated pages);
# nothing else here (README.md, tests, notes) is part of the site.
include_patterns = ["index.md", "posts/**"]
exclude_patterns = [
    "_build",
    ".venv",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
    ".ci",
    "README.md",
    "BENCHMARKS.md",
    "tests",
    "benchmarks",
    "build",
    "dist",
]
templates_path = ["_templates"]
html_static_path = ["_static"]

# -- HTML ----------------------------------------------------------------------------------------
html_theme = "furo"
html_title = project
# Read the Docs gives the published address; a local build uses a stand-in so that feeds, the
# sitemap and Open Graph have absolute links.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://archive.example.org/")
html_css_files = ["archive.css"]
html_last_updated_fmt = None
language = "en"

# -- Publishing: sitemap, Open Graph, 404 -------------------------------------------------------
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_enable_meta_description = True
ogp_social_cards = {"enable": False}  # cards need matplotlib; posts have their own description
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"

# -- EPUB ----------------------------------------------------------------------------------------
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
# One identifier for the book's package and its table of contents (epubcheck checks they match).
epub_identifier = epub_uid = "postarchive"
epub_show_urls = "no"
# The home page's toctree is hidden (the sidebar shows it); the e-book's contents need it too.
epub_tocscope = "includehidden"

# -- LaTeX / PDF ---------------------------------------------------------------------------------
# `make latexpdf` uses LuaLaTeX: pdflatex stops at emoji and CJK, and XeTeX cannot load Noto Color
# Emoji (a colour bitmap font). postarchive gives LuaLaTeX its fonts (Noto, with emoji and CJK
# taken from fallback fonts; see postarchive/publishing/latex.py) unless latex_elements has a
# "fontpkg". Debian packages: texlive-luatex texlive-latex-recommended texlive-latex-extra latexmk
# xindy fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core (see .ci/run).
latex_engine = "lualatex"
