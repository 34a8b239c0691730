"""Re-run the archive on the real blogs of ``corpus/blogs.toml``: import each pinned blog into a
fresh archive as a new user would, build it, and check its search in Chromium.

    .venv/bin/python corpus/run.py [--mirror /work/.mirror] [--work /tmp/corpus] [--only NAME]

A blog's repository must already be on this machine (the search tool's ``fetch`` puts it at
``<mirror>/<owner>+<name>/repo``); the pinned commit is unpacked with ``git archive``. Prints
one report per blog: posts imported, build warnings, and each search check.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, search, served  # noqa: E402


def unpack(mirror: Path, repository: str, commit: str, target: Path) -> None:
    git_dir = mirror / repository.replace("/", "+") / "repo"
    if not git_dir.exists():
        raise SystemExit(f"{git_dir} is missing: fetch github:{repository} first")
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "--git-dir", str(git_dir), "archive", commit], check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)


def import_and_build(blog: dict, source: Path, archive: Path) -> tuple[str, list[str]]:
    shutil.copytree(REPO / "tests" / "roots" / "test-empty", archive)
    with (archive / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f'language = "{blog.get("language", "en")}"\n')
    python = sys.executable
    imported = subprocess.run(
        [python, "-m", "postarchive", "import", str(source), "--dir", str(archive),
         "--kind", blog["kind"]],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    built = subprocess.run(
        [python, "-m", "sphinx", "-q", "-b", "html", str(archive), str(archive / "_build/html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    warnings = [line for line in built.stderr.splitlines() if line.strip()]
    return imported.stdout, warnings


def check_search(blog: dict, site: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/postarchive-corpus"))
    parser.add_argument("--only", help="a repository name, e.g. owner/name")
    args = parser.parse_args()
    blogs = tomllib.loads((HERE / "blogs.toml").read_text(encoding="utf-8"))["blog"]
    failed = False
    for blog in blogs:
        if args.only and blog["repository"] != args.only:
            continue
        folder = args.work / blog["repository"].replace("/", "+")
        shutil.rmtree(folder, ignore_errors=True)
        unpack(args.mirror, blog["repository"], blog["commit"], folder / "source")
        source = folder / "source" / blog.get("path", "")  # an export file, or the blog's folder
        imported, warnings = import_and_build(blog, source, folder / "archive")
        print(f"== {blog['repository']} @ {blog['commit']}")
        print(imported.rstrip())
        print(f"build warnings: {len(warnings)}")
        for warning in warnings:
            print(f"  {warning}")
        for line in check_search(blog, folder / "archive" / "_build" / "html"):
            failed = failed or line.startswith("FAIL")
            print(f"  {line}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
