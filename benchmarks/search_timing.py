"""How fast the search page of a big archive shows its first result, and what it loads for it.

Builds (or reuses) a synthetic archive of N posts (``generate.py``), then opens its search page in
Debian's Chromium (Playwright), over http from a local server and straight from disk (file://),
each time in a fresh browser context (nothing cached), for a broad word (in most posts), a
middling one, a rare one and a tag name. For each it reports the time from navigation to the first
result with its snippet, to the end of the search, the number of results, and the bytes the page
had asked for by its first result (the files' sizes on disk).

    .venv/bin/python benchmarks/search_timing.py --sizes 3000
    .venv/bin/python benchmarks/search_timing.py --sizes 200 --site /path/to/_build/html

Results go to ``benchmarks/results/search.json`` and ``search.md``; a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

RESULTS = HERE / "results"
CHROMIUM = "/usr/bin/chromium"

FIRST_RESULT = """() => {
    const first = document.querySelector("#search-results ul.search > li p.context");
    return first ? performance.now() : null;
}"""
# Sphinx's pulse starts ticking again after its search ends (its _pulse_status is -1 for at most
# 500 ms): the status line it writes at the end tells instead (English; the archive's own link
# list when nothing was found).
FINISHED = """() => {
    const status = document.querySelector("#search-results p.search-summary");
    const text = status ? status.textContent : "";
    const done = text.startsWith("Search finished") || (status && status.querySelector("a"));
    return done ? performance.now() : null;
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(n: int, workdir: Path) -> Path:
    src, out = workdir / f"search-{n}", workdir / f"search-{n}-build"
    if not (out / "html" / "search.html").exists():
        generate(src, n, "archive")
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-j", "auto",
                   "-d", str(out / "doctrees"), str(src), str(out / "html")]  # fmt: skip
        # From the sources' folder: the package comes from the installation (or PYTHONPATH),
        # not from whichever checkout the script was started in.
        subprocess.run(command, check=True, cwd=src)
    return out / "html"


def queries(site: Path) -> dict[str, str]:
    """A broad, a middling and a rare word of the posts' text, and a tag, from the index."""
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    counts = Counter(
        {
            term: len(docs) if isinstance(docs, list) else 1
            for term, docs in index["terms"].items()
            if term.isalpha() and len(term) > 4
        }
    )
    ranked = [term for term, _ in counts.most_common()]
    return {
        "broad": ranked[0],
        "middling": ranked[len(ranked) // 20],
        "rare": next(t for t in reversed(ranked) if counts[t] >= 2),
        "tag": "django",
    }


def measure(site: Path, words: dict[str, str]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    bases = {"http": f"http://127.0.0.1:{server.server_address[1]}/", "file": site.as_uri() + "/"}
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for scheme, base in bases.items():
            for kind, word in words.items():
                context = browser.new_context()
                page = context.new_page()
                requested: list[str] = []  # file:// loads have no resource timing: count requests
                page.on("request", lambda request, seen=requested: seen.append(request.url))
                page.goto(f"{base}search.html?q={word}", wait_until="commit")
                first = page.wait_for_function(FIRST_RESULT, timeout=120_000, polling=10)
                first_ms = first.json_value()
                loaded = list(requested)
                done_ms = page.wait_for_function(FINISHED, timeout=600_000, polling=50).json_value()
                count = page.locator("#search-results ul.search > li").count()
                rows.append(
                    {
                        "scheme": scheme,
                        "query": kind,
                        "word": word,
                        "first_result_s": round(first_ms / 1000, 2),
                        "finished_s": round(done_ms / 1000, 2),
                        "results": count,
                        "loaded_kb": round(_bytes(site, base, loaded) / 1024),
                        "files_loaded": len(loaded),
                    }
                )
                context.close()
        browser.close()
    server.shutdown()
    return rows


def _bytes(site: Path, base: str, urls: list[str]) -> int:
    total = 0
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        path = site / unquote(urlsplit(url[len(base) :]).path)  # without ?q= or ?v=
        if path.is_file():
            total += path.stat().st_size
    return total


def render(results: dict[str, list[dict]]) -> str:
    lines = [
        "| N | from | query | results | first result | finished | loaded by the first |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, rows in sorted(results.items(), key=lambda item: int(item[0])):
        for r in rows:
            lines.append(
                f"| {n} | {r['scheme']} | {r['query']} (`{r['word']}`) | {r['results']} "
                f"| {r['first_result_s']} s | {r['finished_s']} s "
                f"| {r['loaded_kb']} KB in {r['files_loaded']} files |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="3000", help="comma-separated post counts")
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--results", type=Path, default=RESULTS)
    args = parser.parse_args()
    args.results.mkdir(parents=True, exist_ok=True)
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = args.results / "search.json"
    results = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    for n in [int(s) for s in args.sizes.split(",")]:
        started = time.perf_counter()
        site = args.site or build(n, args.workdir)
        print(f"N={n}: site ready in {time.perf_counter() - started:.0f} s", flush=True)
        results[str(n)] = measure(site, queries(site))
        print(render({str(n): results[str(n)]}), flush=True)
    store.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.results / "search.md").write_text(render(results), encoding="utf-8")


if __name__ == "__main__":
    main()
