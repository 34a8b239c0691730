"""furo's navigation drawn by the archive: every page's sidebar is, byte for byte, what furo makes
of the bounded sidebar (its expanders, numbering, current page), without furo parsing it again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from furo.navigation import get_navigation_tree

from postarchive.site.state import build_state

# The sidebar tree as furo's template writes it into the page.
SIDEBAR = re.compile(r'<div class="sidebar-tree">\s*(.*?)\s*</div>', re.S)

# Titles whose characters BeautifulSoup writes its own way, in text and in attributes.
AWKWARD = {
    "posts/2016/2016-04-03-quotes.md": """---
title: Tom & Jerry's "best" <day>
date: 2016-04-03
journeys:
  - djangocon-europe-2016
---

Both kinds of quotes, an ampersand and angle brackets in one title.
""",
    "posts/2016/2016-04-04-double.md": """---
title: The "sprint" day
date: 2016-04-04
journeys:
  - djangocon-europe-2016
---

Double quotes only.
""",
}


@pytest.fixture(scope="module", params=["basic", "awkward titles"])
def built(request, basic_build, build_root):
    if request.param == "basic":
        return basic_build
    return build_root("basic", files=AWKWARD)


def written_sidebars(app) -> dict[str, str]:
    sidebars = {}
    for docname in sorted(app.env.found_docs):
        page = Path(app.outdir, f"{docname}.html")
        if page.exists():
            match = SIDEBAR.search(page.read_text(encoding="utf-8"))
            assert match, docname
            sidebars[docname] = match.group(1)
    return sidebars


def test_every_page_shows_the_navigation_furo_makes_of_the_bounded_sidebar(built):
    tree = build_state(built.env).sidebar
    assert tree is not None
    sidebars = written_sidebars(built)
    assert len(sidebars) >= 10
    for docname, written in sidebars.items():
        assert written == get_navigation_tree(tree.html(docname)), docname


def test_the_navigation_opens_the_path_to_the_page_and_marks_it(built):
    post = "posts/2016/2016-04-01-day-one"
    written = written_sidebars(built)[post]
    # The journey's entry (on the path) has an open expander; the post is the current page.
    assert 'class="toctree-l1 current has-children"' in written or (
        'class="toctree-l2 current has-children"' in written
    )
    assert written.count("current-page") == 1
    assert re.search(
        r'<li class="[^"]*current-page"><a class="current reference internal"', written
    )
    assert 'checked=""' in written


def test_awkward_titles_keep_their_characters_in_the_navigation(build_root):
    app = build_root("basic", files=AWKWARD)
    written = written_sidebars(app)["posts/2016/2016-04-03-quotes"]
    assert 'Tom &amp; Jerry\'s "best" &lt;day&gt;</a>' in written
    assert 'aria-label="Toggle navigation of' in written
