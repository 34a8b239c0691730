"""The full HTML build of the archive against ABlog's, the two taking turns, as issue 19's target
asks ("at most 0.6 times ABlog's in the same run"): the same N generated posts, each project built
from a clean slate with ``python -m sphinx -b html -j auto``, ``--rounds`` times in turn. This
machine's speed drifts over an hour, so only builds made in the same minutes are compared.

    .venv/bin/python benchmarks/versus.py --size 1000 --rounds 3

Needs ABlog (``pip install -e '.[bench]'``). Prints each turn and the ratio of the summed times,
and writes ``results/versus.json`` and ``versus.md``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PROJECTS = ("archive", "ablog")


def build(source: Path, jobs: str) -> tuple[float, float]:
    """Wall and CPU seconds (the build and its workers) of one clean build of ``source``."""
    output = source.parent / f"{source.name}-build"
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", jobs, "-q"]
    command += ["-d", str(output / "doctrees"), str(source), str(output / "html")]
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", default="auto", help="sphinx-build's -j")
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args()

    sources = {}
    for project in PROJECTS:
        sources[project] = args.workdir / f"versus-{project}-{args.size}"
        generate(sources[project], args.size, project)  # with its conf.py
    turns: list[dict[str, float]] = []
    for round_ in range(1, args.rounds + 1):
        turn = {}
        for project in PROJECTS:
            wall, cpu = build(sources[project], args.jobs)
            turn[project], turn[f"{project} cpu"] = wall, cpu
        turn["ratio"] = turn["archive"] / turn["ablog"]
        turns.append(turn)
        print(f"turn {round_}: archive {turn['archive']:.1f} s, ABlog {turn['ablog']:.1f} s, "
              f"{turn['ratio']:.2f}×", flush=True)  # fmt: skip
    summed = sum(t["archive"] for t in turns) / sum(t["ablog"] for t in turns)
    median = statistics.median(t["ratio"] for t in turns)
    print(f"archive / ABlog: {summed:.2f}× of the summed times, median turn {median:.2f}×")

    args.results.mkdir(parents=True, exist_ok=True)
    record = {"size": args.size, "jobs": args.jobs, "turns": turns, "summed": summed}
    (args.results / "versus.json").write_text(json.dumps(record, indent=2) + "\n")
    rows = [
        f"| {n} | {t['archive']:.1f} s (CPU {t['archive cpu']:.1f} s) "
        f"| {t['ablog']:.1f} s (CPU {t['ablog cpu']:.1f} s) | {t['ratio']:.2f} |"
        for n, t in enumerate(turns, 1)
    ]
    table = [
        f"Full HTML build, N={args.size}, `-j {args.jobs}`, taking turns:",
        "",
        "| turn | archive | ABlog | archive / ABlog |",
        "|---|---|---|---|",
        *rows,
        f"| summed | | | **{summed:.2f}** |",
    ]
    (args.results / "versus.md").write_text("\n".join(table) + "\n")


if __name__ == "__main__":
    main()
