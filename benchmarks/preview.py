"""Edit-to-page as the author waits for it: one post's body edited, then the rebuild, run the two
ways side by side on the same archive of N posts, taking turns:

- ``sphinx-build``: a new interpreter per rebuild, as ``make html`` and CI run it;
- ``postarchive serve``: the rebuild forked from the preview's helper, which has loaded Sphinx,
  MyST, the theme and the extensions once (``postarchive/cli/preview.py``).

    .venv/bin/python benchmarks/preview.py --sizes 1000 --repeat 9

Prints the median and range of each, and writes ``results/preview.json`` and ``preview.md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

from postarchive.cli.check import archive_config  # noqa: E402
from postarchive.cli.preview import WarmBuilds, extension_modules  # noqa: E402


def measure(n: int, workdir: Path, repeat: int) -> dict:
    src, build = workdir / f"preview-{n}", workdir / f"preview-{n}-build"
    posts = generate(src, n, "archive")
    args = ["-b", "html", "-j", "1", "-q", "-d", str(build / "doctrees"), str(src), str(build)]
    subprocess.run([sys.executable, "-m", "sphinx", *args], check=True)
    _, namespace = archive_config(src)
    warm = WarmBuilds(extension_modules(namespace, src))
    post = src / posts[n // 2]
    walls: dict[str, list[float]] = {"sphinx-build": [], "postarchive serve": []}
    try:
        warm.build(args)  # the helper has loaded everything once the first build returns
        for turn in range(repeat):
            for way in walls:
                with post.open("a", encoding="utf-8") as file:
                    file.write(f"\nA paragraph added by the benchmark ({way}, {turn}).\n")
                start = time.perf_counter()
                if way == "sphinx-build":
                    subprocess.run([sys.executable, "-m", "sphinx", *args], check=True)
                else:
                    assert warm.build(args) == 0
                walls[way].append(time.perf_counter() - start)
    finally:
        warm.close()
    return {
        way: {"median": statistics.median(w), "min": min(w), "max": max(w), "walls": w}
        for way, w in walls.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()
    results = {}
    for n in map(int, args.sizes.split(",")):
        results[str(n)] = measure(n, args.workdir, args.repeat)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "preview.json").write_text(json.dumps(results, indent=1) + "\n")
    lines = [
        "| N | rebuild after one body edited | median | range |",
        "|---|---|---|---|",
    ]
    for n, ways in results.items():
        for way, r in ways.items():
            lines.append(f"| {n} | {way} | {r['median']:.2f} s | {r['min']:.2f}–{r['max']:.2f} s |")
    (args.results / "preview.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
