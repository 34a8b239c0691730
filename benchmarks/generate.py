"""Deterministic synthetic archives for the benchmarks.

``generate(folder, n, kind)`` writes a complete Sphinx project of ``n`` posts: about 800 words
each in 2-5 ``##`` sections, a fenced code block in a third of them, 2-4 tags out of 60, one
journey per 20 posts (10% of posts in none), dates about two a week going back from 2026-01-01.
The posts are the same for every kind of project (same seed, same bytes) except two front
matter lines for ABlog; conf.py and index.md differ:

- ``archive``: this project's extension, with the repository's own index.md;
- ``plain``: Sphinx + MyST + furo, a glob toctree over ``posts/**``, front matter left as is;
- ``ablog``: ABlog over the same posts (only used where ABlog is importable): every file under
  ``posts/`` is a post (``blog_post_pattern``), the front matter's tags are its tags and the
  journey is written as the post's ABlog ``category``; the date has no UTC offset (ABlog compares
  it with naive datetimes and fails on an offset). Theme: ABlog's default, alabaster with ABlog's
  sidebars (with furo every page comes out as furo's "inheriting from layout.html" error page).

Run ``python benchmarks/generate.py FOLDER N [--kind plain]`` to look at one.
"""

# Word lists are written as text and split: easier to read and edit than list literals.
# ruff: noqa: SIM905

from __future__ import annotations

import argparse
import random
import shutil
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 20260101
START = datetime(2026, 1, 1, 9, 0)
WORDS_PER_POST = 800
POSTS_PER_JOURNEY = 20

# Common words keep the prose readable; the invented ones give the search index a realistic,
# long-tailed vocabulary (a real archive has thousands of distinct words).
COMMON = """the a of to and in is it that for on with as was at by this be from or have an
they which one you were all we when there can had their been if more will would so what up out
about into than them only other new some could time these two may then do first any like now my
such our over even most made after also did many before must through back years where much your
way well down should because each just those people how too little state good very make world
still own see men work long get here between both life being under never day same another know
while last might us great old year off come since against go came right used take three""".split()
SYLLABLES = """ka lo mi ne ru sa te vo zi pa be do fu gi ha je ko li mu no pe qu ri so tu va we xi
ya zo""".split()
TAG_WORDS = """python django sphinx travel food conference rust javascript databases postgres
linux security testing hiking photography music books design accessibility performance teaching
community open-source packaging docs writing speaking sprints climbing trains cycling coffee
history architecture mountains rivers cities museums art cooking baking gardening cameras maps
kernel networking compilers typing async web css html devops cloud containers data science
machine-learning statistics privacy hardware keyboards""".split()
PLACES = """berlin budapest lisbon porto cardiff florence heidelberg edinburgh copenhagen
amsterdam vienna prague krakow ljubljana zagreb dublin bilbao valencia toulouse lyon""".split()
EVENTS = ["djangocon", "pycon", "europython", "fosdem", "rustconf", "trip", "summer", "winter"]


def vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Prose with Zipf-distributed words: frequent words often, the long tail now and then."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        weights = [1 / (rank + 1) for rank in range(len(self.words))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def words_(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)

    def sentence(self) -> str:
        words = self.words_(self.rng.randint(8, 20))
        if self.rng.random() < 0.15:  # a little inline markup, as posts have
            i = self.rng.randrange(len(words))
            words[i] = self.rng.choice(["**{}**", "*{}*", "`{}`"]).format(words[i])
        return " ".join(words).capitalize() + "."

    def paragraph(self, n_words: int) -> str:
        sentences, count = [], 0
        while count < n_words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)

    def title(self) -> str:
        return " ".join(self.rng.sample(self.words[:600], self.rng.randint(3, 6))).capitalize()


CODE = '''```python
def {name}(items):
    """{doc}"""
    total = 0
    for item in items:
        if item.{attr}:
            total += item.{attr}
    return total
```'''


def plan_posts(n: int) -> list[dict]:
    """Metadata and body of ``n`` posts, newest first; the same for every kind of project."""
    rng = random.Random(SEED)
    writer = Writer(rng)
    tags = TAG_WORDS[:60]
    posts, slugs = [], set()
    for i in range(n):
        # About two posts a week, at varied hours, going back from 2026-01-01.
        when = START - timedelta(days=i * 3.5, hours=rng.randint(0, 10), minutes=rng.randint(0, 59))
        title = writer.title()
        while (slug := "-".join(title.lower().split())) in slugs:
            title = writer.title()
        slugs.add(slug)
        block = i // POSTS_PER_JOURNEY  # consecutive posts form a journey, as a trip does
        journey = None
        if rng.random() >= 0.10:
            year = (START - timedelta(days=block * POSTS_PER_JOURNEY * 3.5)).year
            journey = f"{EVENTS[block % len(EVENTS)]}-{PLACES[block % len(PLACES)]}-{year}-{block}"
        sections = []
        budget = rng.randint(WORDS_PER_POST - 150, WORDS_PER_POST + 150)
        n_sections = rng.randint(2, 5)
        for _ in range(n_sections):
            paragraphs, left = [], budget // n_sections
            while left > 0:
                size = min(left, rng.randint(40, 120))
                paragraphs.append(writer.paragraph(size))
                left -= size
            sections.append((writer.title(), paragraphs))
        code = None
        if rng.random() < 1 / 3:
            code = CODE.format(
                name=rng.choice(COMMON) + "_total", doc=writer.sentence(), attr=rng.choice(COMMON)
            )
        posts.append(
            {
                "title": title,
                "slug": slug,
                "date": when,
                "tags": rng.sample(tags, rng.randint(2, 4)),
                "journey": journey,
                "sections": sections,
                "code": code,
                "code_section": rng.randrange(n_sections),
            }
        )
    return posts


def post_path(post: dict) -> str:
    return f"posts/{post['date']:%Y}/{post['date']:%Y-%m-%d}-{post['slug']}.md"


def render_post(post: dict, kind: str = "archive") -> str:
    # ABlog raises "can't compare offset-naive and offset-aware datetimes" on an offset: its
    # posts get the same local time without it.
    offset = "" if kind == "ablog" else "+01:00"
    front = [
        "---",
        f"title: {post['title']}",
        f"date: {post['date']:%Y-%m-%dT%H:%M:%S}{offset}",
        f"tags: [{', '.join(post['tags'])}]",
    ]
    if post["journey"] and kind == "ablog":
        # A journey groups consecutive posts under one name, as an ABlog category does (one
        # listing page each, blog/category/<journey>.html); ABlog has no journey descriptions.
        front.append(f"category: {post['journey']}")
    elif post["journey"]:
        front.append(f"journeys: [{post['journey']}]")
    front.append("---")
    body = []
    for n, (heading, paragraphs) in enumerate(post["sections"]):
        body.append(f"## {heading}")
        body.extend(paragraphs)
        if post["code"] and n == post["code_section"]:
            body.append(post["code"])
    return "\n".join(front) + "\n\n" + "\n\n".join(body) + "\n"


def render_journey(slug: str, posts: list[dict], writer: Writer) -> str:
    first = min(p["date"] for p in posts)
    title = " ".join(word.capitalize() for word in slug.split("-")[:-1])
    return f"---\ntitle: {title}\ndate: {first:%Y-%m-%d}\n---\n\n{writer.paragraph(60)}\n"


ARCHIVE_CONF = """project = "Benchmark archive"
author = "Benchmark"
extensions = ["postarchive"]
html_theme = "furo"
# Feeds and redirects are only written with an address; the repository's conf.py sets one too.
html_baseurl = "https://archive.example.org/"
# The offline formats as the repository's conf.py sets them (benchmarks/run.py --formats).
copyright = "2026, Benchmark"  # the EPUB needs one, and a version
release = version = "2026"
epub_identifier = epub_uid = "benchmark-archive"
epub_show_urls = "no"
epub_tocscope = "includehidden"
latex_engine = "lualatex"
"""

PLAIN_CONF = """project = "Benchmark plain"
author = "Benchmark"
extensions = ["myst_parser"]
html_theme = "furo"
# The front matter's title becomes the page's heading (posts have no "# " heading of their own).
myst_title_to_header = True
"""

PLAIN_INDEX = """# Benchmark plain

```{toctree}
:glob:
:maxdepth: 1

posts/**
```
"""

ABLOG_CONF = """project = "Benchmark ablog"
author = "Benchmark"
extensions = ["ablog", "myst_parser"]
# ABlog's own default theme and sidebars (as `ablog start` writes them). Not furo: ABlog puts its
# page.html before the theme's, it extends layout.html, and furo's layout.html is an error page.
html_theme = "alabaster"
html_sidebars = {
    "**": [
        "ablog/postcard.html",
        "navigation.html",
        "ablog/recentposts.html",
        "ablog/tagcloud.html",
        "ablog/categories.html",
        "ablog/archives.html",
        "searchfield.html",
    ]
}
myst_title_to_header = True
# Every post file is a post; its front matter gives the date, tags and category.
blog_post_pattern = "posts/*/*.md"
# An address, so that ABlog writes its Atom feed as the archive does.
blog_baseurl = "https://archive.example.org/"
post_auto_image = 0
"""

ABLOG_INDEX = """# Benchmark ablog

```{postlist} 10
:date: "%Y-%m-%d"
```
"""


def generate(folder: Path, n: int, kind: str = "archive") -> list[str]:
    """Write a fresh project of ``n`` posts into ``folder``; returns the post paths, newest
    first."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "posts").mkdir(parents=True)
    posts = plan_posts(n)
    for post in posts:
        path = folder / post_path(post)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_post(post, kind), encoding="utf-8")
    if kind == "archive":
        (folder / "conf.py").write_text(ARCHIVE_CONF, encoding="utf-8")
        shutil.copy(REPO / "index.md", folder / "index.md")
        # A description for every fifth journey; the others get a title made from their slug.
        rng = random.Random(SEED + 1)
        writer = Writer(rng)
        journeys: dict[str, list[dict]] = {}
        for post in posts:
            if post["journey"]:
                journeys.setdefault(post["journey"], []).append(post)
        (folder / "journeys").mkdir()
        for slug in list(journeys)[::5]:
            text = render_journey(slug, journeys[slug], writer)
            (folder / "journeys" / f"{slug}.md").write_text(text, encoding="utf-8")
    elif kind == "plain":
        (folder / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
        (folder / "index.md").write_text(PLAIN_INDEX, encoding="utf-8")
    elif kind == "ablog":
        (folder / "conf.py").write_text(ABLOG_CONF, encoding="utf-8")
        (folder / "index.md").write_text(ABLOG_INDEX, encoding="utf-8")
    else:
        raise ValueError(kind)
    return [post_path(post) for post in posts]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--kind", choices=["archive", "plain", "ablog"], default="archive")
    args = parser.parse_args()
    generate(args.folder, args.n, args.kind)
    print(f"{args.n} posts written to {args.folder}")
