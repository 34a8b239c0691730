"""Re-run the archive on the real blogs of ``corpus/blogs.toml``: import each pinned blog into a
fresh archive as a new user would, build it, measure what came through, and print one table.

    .venv/bin/python corpus/run.py [--mirror /work/.mirror] [--work /tmp/postarchive-corpus]
                                   [--only NAME] [--search]

A blog's repository must already be on this machine (the search tool's ``fetch`` puts it at
``<mirror>/<owner>+<name>/repo``); the pinned commit is unpacked with ``git archive``. Each
archive is made by ``postarchive init --from`` (an export: ``init``, then ``import``), so it is
built with the ``conf.py`` a user gets; imports run with ``--no-download`` (no internet here).
Per blog, the table gives:

- posts: published posts in the source (counted from the entry's ``post_files`` globs, drafts
  apart: a count independent of the importer) / post pages built;
- pages (``pages/``) and journeys built;
- template: template syntax left in the prose of the built posts (code apart), in how many
  posts / how many times;
- code: code blocks in the source posts / on their pages, and the posts that lost some;
- images, links: local ones broken in the built pages (and pictures the build found missing),
  split into those the import reported (the file is missing in the source) and those lost by
  the import;
- warnings of the build by type, errors (ERROR lines, a failed import or build), seconds.

``--search`` also checks each entry's search words in Chromium. Each blog's import report and
build log are kept in its work folder (``import.txt``, ``build.txt``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

# What a blog engine's template and shortcode syntax looks like when it was not converted.
LEFTOVER = re.compile(
    r"\{\{[<%].*?[%>]\}\}|\{%-?\s*\w.*?%\}|\{\{-?\s*[\w.$][^{}]*\}\}"
    r"|\{(?:static|filename|attach|tag|category|author|index)\}"
)
# Highlighted code: Jekyll's and Eleventy's highlight names its language (one without is
# Eleventy's share-highlight plugin: a passage, not code), Octopress's codeblock, Hugo's.
HIGHLIGHT = re.compile(
    r"\{%-?\s*(?:highlight\s+[\"']?[\w+#-]|codeblock\b|code\b)|\{\{[<%]\s*(?:highlight|code)\b"
)
# What the author showed as written ({% raw %}): template syntax there is the author's text.
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
BLOCK_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"], ignoreInvalid=True)
DRAFT = re.compile(
    r"^\s*(?:draft\s*[:=]\s*['\"]?true|published\s*:\s*false|status\s*:\s*(?:draft|hidden))",
    re.I | re.M,
)
WARNING_TYPE = re.compile(r"\[([\w.-]+)\]\s*$")
PICTURE_MISSING = re.compile(r"WARNING: (?:cover )?picture not found: (\S+)")


@dataclass
class Measure:
    name: str
    kind: str
    source_posts: int = 0
    post_pages: int = 0
    pages: int = 0
    journeys: int = 0
    leftover_posts: int = 0
    leftover: int = 0
    leftover_examples: list[str] = field(default_factory=list)
    code_source: int = 0
    code_pages: int = 0
    code_lost_posts: int = 0
    code_lost_examples: list[str] = field(default_factory=list)
    images_reported: int = 0
    images_lost: int = 0
    images_lost_examples: list[str] = field(default_factory=list)
    links_broken: int = 0
    warnings: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    seconds: float = 0.0


def unpack(mirror: Path, repository: str, commit: str, target: Path) -> None:
    git_dir = mirror / repository.replace("/", "+") / "repo"
    if not git_dir.exists():
        raise SystemExit(f"{git_dir} is missing: fetch github:{repository} first")
    target.mkdir(parents=True)
    git = ["git", "--git-dir", str(git_dir)]
    listing = subprocess.run(
        [*git, "ls-tree", "-r", "-z", commit], check=True, capture_output=True
    ).stdout.decode("utf-8", "surrogateescape")
    # Snapshots lack their largest files, so ``git archive`` would stop: each file is written
    # on its own, those missing left out.
    entries = []
    for line in filter(None, listing.split("\0")):
        meta, path = line.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind == "blob":
            entries.append((mode, sha, path))
    shas = "".join(f"{sha}\n" for _mode, sha, _path in entries).encode()
    out = subprocess.run(
        [*git, "cat-file", "--batch"], input=shas, check=True, capture_output=True
    ).stdout
    at = 0
    for mode, _sha, path in entries:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        data, at = out[at : at + size], at + size + 1
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            file.symlink_to(data.decode("utf-8", "surrogateescape"))
        else:
            file.write_bytes(data)


def run_postarchive(args: list[str]) -> subprocess.CompletedProcess[str]:
    """This checkout's ``postarchive`` (not an installed one), as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, check=False, env=env
    )


def import_and_build(blog: dict, source: Path, archive: Path, measure: Measure) -> None:
    """As a new user would: ``postarchive init --from`` for a blog's folder (its conf.py, with
    every setting the archive is published with), ``init`` then ``import`` for an export."""
    export = blog["kind"] in ("wordpress", "blogger", "ghost", "feed")
    kind = ["--kind", blog["kind"]] if export or blog.get("give_kind") else []
    options = ["--no-download", *kind, *blog.get("import_options", [])]
    if export:
        made = run_postarchive(["postarchive", "init", str(archive)])
        imported = run_postarchive(
            ["postarchive", "import", str(source), "--dir", str(archive), *options]
        )
        imported.stdout = made.stdout + imported.stdout
    else:
        imported = run_postarchive(
            ["postarchive", "init", str(archive), "--from", str(source), *options]
        )
    (archive.parent / "import.txt").write_text(imported.stdout + imported.stderr, "utf-8")
    if imported.returncode:
        measure.errors += 1
        return
    built = run_postarchive(
        ["sphinx", "-b", "html", "-q", "--keep-going", str(archive), str(archive / "_build/html")]
    )
    (archive.parent / "build.txt").write_text(built.stderr, "utf-8")
    for line in built.stderr.splitlines():
        if "WARNING:" in line:
            found = WARNING_TYPE.search(line)
            measure.warnings[found.group(1) if found else "untyped"] += 1
        elif "ERROR:" in line or "Traceback" in line:
            measure.errors += 1
    measure.errors += built.returncode != 0 and not measure.warnings


def source_posts(blog: dict, source: Path) -> int:
    """The published posts of the source, from the entry's globs (drafts apart)."""
    files = {p for pattern in blog.get("post_files", []) for p in source.glob(pattern)}
    return sum(
        1
        for path in files
        if path.is_file()
        and not path.stem.startswith("_index")  # Hugo's section listing
        and not DRAFT.search(path.read_text("utf-8", "replace")[:3000])
    )


RST_CODE = re.compile(r"^[ \t]*\.\. (?:code-block|sourcecode|code)::", re.MULTILINE)
# Mau's code blocks: a [@source, language] (or [*source]) line before the block.
MAU_CODE = re.compile(r"^\[[@*]?source\b", re.MULTILINE)
HTML_CODE = re.compile(r"<pre\b", re.IGNORECASE)


def code_blocks_in_source(text: str, suffix: str = ".md") -> int:
    """Code blocks of a source post as markdown-it reads them (a fence shown inside a longer
    fence is that block's text), and highlight tags outside code and outside ``{% raw %}``;
    in a reStructuredText article, its code directives (its section underlines are no fences);
    in a Mau article, its source blocks; in an HTML post, its ``<pre>`` blocks besides."""
    from postarchive.reading.legacy import CodeSpans

    if suffix == ".rst":
        return len(RST_CODE.findall(text))
    if suffix == ".mau":
        return len(MAU_CODE.findall(text))

    text = FRONT_MATTER.sub(lambda m: "\n" * m[0].count("\n"), text)
    fences = sum(1 for token in BLOCK_PARSER.parse(text) if token.type == "fence")
    code = CodeSpans.of(text)
    shown = [m.span(1) for m in RAW.finditer(text)]
    tags = sum(
        1
        for m in HIGHLIGHT.finditer(text)
        if not code.holds(m.start()) and not any(a <= m.start() < b for a, b in shown)
    )
    pres = len(HTML_CODE.findall(text)) if suffix in (".html", ".htm") else 0
    return fences + tags + pres


def shown_by_author(text: str) -> set[str]:
    """Template syntax the author wrote inside ``{% raw %}`` to show it as it is."""
    return {found for m in RAW.finditer(text) for found in LEFTOVER.findall(m[1])}


def measure_site(blog: dict, source: Path, archive: Path, measure: Measure) -> None:
    html = archive / "_build" / "html"
    if not html.is_dir():
        return
    record_path = archive / "posts" / ".postarchive-import.json"
    record = json.loads(record_path.read_text("utf-8")) if record_path.is_file() else {"posts": {}}
    import_report = (archive.parent / "import.txt").read_text("utf-8", "replace")
    build_log = archive.parent / "build.txt"
    # A picture whose file is missing is shown as a box with its alt text, and the build says
    # which: those count as broken images too.
    for line in build_log.read_text("utf-8", "replace").splitlines() if build_log.is_file() else []:
        missing = PICTURE_MISSING.search(line)
        if missing:
            name = unquote(urlsplit(missing.group(1)).path).rsplit("/", 1)[-1]
            if name and name in import_report:
                measure.images_reported += 1
            else:
                measure.images_lost += 1
                measure.images_lost_examples.append(line.split(" WARNING")[0][-80:])
    measure.pages = len(list((html / "pages").glob("**/*.html")))
    measure.journeys = len(
        [p for p in (html / "archive" / "journeys").glob("*.html") if p.stem != "index"]
    )
    for key, entry in record["posts"].items():
        target = entry["target"]
        if not target.startswith("posts/"):
            continue
        page = html / (target.removesuffix(".md") + ".html")
        if not page.is_file():
            continue  # a draft
        measure.post_pages += 1
        rel = key.split(":", 1)[1]
        text = (source / rel).read_text("utf-8", "replace") if (source / rel).is_file() else ""
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        body = soup.select_one("article") or soup
        in_source = code_blocks_in_source(text, Path(rel).suffix.lower())
        on_page = len(body.select("div.highlight, pre:not(div.highlight pre)"))
        measure.code_source += in_source
        measure.code_pages += on_page
        if on_page < in_source:
            measure.code_lost_posts += 1
            measure.code_lost_examples.append(f"{rel} ({in_source} -> {on_page})")
        images = [img.get("src", "") for img in body.select("img")]
        for src in images:
            if broken(src, page, html):
                name = unquote(urlsplit(src).path).rsplit("/", 1)[-1]
                if name and name in import_report:
                    measure.images_reported += 1
                else:
                    measure.images_lost += 1
                    measure.images_lost_examples.append(f"{rel}: {src}")
        measure.links_broken += sum(
            1 for a in body.select("a[href]") if broken(a["href"], page, html)
        )
        for code in body.select("pre, code, script, style, div.highlight"):
            code.decompose()
        shown = shown_by_author(text)
        found = [f for f in LEFTOVER.findall(body.get_text(" ")) if f not in shown]
        if found:
            measure.leftover_posts += 1
            measure.leftover += len(found)
            measure.leftover_examples.append(f"{rel}: {found[0][:60]}")


def broken(address: str, page: Path, html: Path) -> bool:
    """Whether a local address of a built page names no file of the built site."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path or address.startswith("data:"):
        return False
    path = unquote(parts.path)
    target = (html / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return not (target.is_file() or (target / "index.html").is_file())


def check_search(blog: dict, site: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, search, served

    report = []
    with sync_playwright() as p, served(site) as base_url:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        for pair in blog.get("same_results", []):
            results = [search(page, base_url, word) for word in pair]
            same = all(r == results[0] for r in results) and bool(results[0])
            report.append(
                f"{'ok  ' if same else 'FAIL'} same results for {pair}: {len(results[0])}"
            )
        for word in blog.get("found", []):
            found = search(page, base_url, word)
            report.append(f"{'ok  ' if found else 'FAIL'} {word!r} finds {len(found)}")
        browser.close()
    return report


def table(measures: list[Measure]) -> str:
    head = (
        "| blog | kind | posts: source / built | pages | journeys | template left: posts / "
        "times | code: source / pages, posts losing | images broken: reported / lost | "
        "links broken | warnings | errors | s |"
    )
    rows = [head, "|" + "---|" * 12]
    for m in measures:
        warnings = ", ".join(f"{n} {kind}" for kind, n in m.warnings.most_common()) or "0"
        rows.append(
            f"| {m.name} | {m.kind} | {m.source_posts} / {m.post_pages} | {m.pages} | "
            f"{m.journeys} | {m.leftover_posts} / {m.leftover} | {m.code_source} / "
            f"{m.code_pages}, {m.code_lost_posts} | {m.images_reported} / {m.images_lost} | "
            f"{m.links_broken} | {warnings} | {m.errors} | {m.seconds:.0f} |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/postarchive-corpus"))
    parser.add_argument("--only", action="append", help="a repository, e.g. owner/name")
    parser.add_argument("--search", action="store_true", help="check search words in Chromium")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the archives built by an earlier run again, without importing or building",
    )
    args = parser.parse_args()
    blogs = tomllib.loads((HERE / "blogs.toml").read_text(encoding="utf-8"))["blog"]
    failed = False
    measures = []
    for blog in blogs:
        name = blog.get("name", blog["repository"])
        if args.only and name not in args.only and blog["repository"] not in args.only:
            continue
        folder = args.work / name.replace("/", "+")
        source = folder / "source" / blog.get("path", "")  # an export file, or the blog's folder
        measure = Measure(name, blog["kind"])
        run = folder / "run.json"  # what the import and build said, for --measure-only
        if args.measure_only:
            said = json.loads(run.read_text("utf-8"))
            measure.seconds, measure.errors = said["seconds"], said["errors"]
            measure.warnings = Counter(said["warnings"])
        else:
            shutil.rmtree(folder, ignore_errors=True)
            unpack(args.mirror, blog["repository"], blog["commit"], folder / "source")
            started = time.monotonic()
            import_and_build(blog, source, folder / "archive", measure)
            measure.seconds = time.monotonic() - started
            said = {"seconds": measure.seconds, "errors": measure.errors}
            run.write_text(json.dumps({**said, "warnings": measure.warnings}), "utf-8")
        measure.source_posts = source_posts(blog, source) if blog.get("post_files") else 0
        measure_site(blog, source, folder / "archive", measure)
        measures.append(measure)
        print(f"== {name} @ {blog['commit']}: {folder}", flush=True)
        for label, examples in (
            ("template left", measure.leftover_examples),
            ("code lost", measure.code_lost_examples),
            ("images lost", measure.images_lost_examples),
        ):
            for example in examples[:5]:
                print(f"  {label}: {example}")
        if args.search and (blog.get("found") or blog.get("same_results")):
            for line in check_search(blog, folder / "archive" / "_build" / "html"):
                failed = failed or line.startswith("FAIL")
                print(f"  {line}")
    print()
    print(table(measures))
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
