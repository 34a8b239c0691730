"""Benchmark the archive against a plain Sphinx + MyST + furo build of the same posts.

For each size N and each project (``archive``, ``plain``, and ``ablog`` where ABlog is
importable: ``pip install -e '.[bench]'``) it runs, one ``sphinx-build`` subprocess at a time:

1. a full build with ``-j auto``, then a full build with ``-j 1`` (each from a clean slate);
2. on top of the ``-j 1`` build: a rebuild with no change, a rebuild after editing one post's
   body, a rebuild after changing one post's tags (all ``-j 1``), each repeated ``--repeat``
   times (5; each time with a new edit of the same kind) and reported as the median and range.

Each build is measured for wall time, documents re-read and written and pages generated without
a document, such as ABlog's archives (from ``bench_probe``),
peak memory (largest resident set of the build or one of its workers), output size, largest
page and search index size. A build over ``--timeout`` seconds is killed and reported as timed
out (the plain furo build is quadratic); a timed-out full build skips the rest of that project at
that size.

Results are merged into ``results.json`` in ``--results`` (``benchmarks/results/`` unless told;
so sizes can be run in separate sessions) and the whole set is rendered to ``results.md`` there.

    .venv/bin/python benchmarks/run.py --sizes 200,1000 --timeout 1200
    .venv/bin/python benchmarks/run.py --sizes 3000 --projects archive
    .venv/bin/python benchmarks/run.py --sizes 20 --projects ablog --results /tmp/bench-try
    .venv/bin/python benchmarks/run.py --profile 1000     # pyinstrument, archive only
    .venv/bin/python benchmarks/run.py --report           # re-render results.md only
    .venv/bin/python benchmarks/run.py --formats --sizes 1000,3000   # Read the Docs' formats

``--formats`` runs Read the Docs' whole sequence (html, singlehtml and its zip, epub, latex and
latexmk) instead, step by step (``formats.py``), into ``formats.json`` and ``formats.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

RESULTS = HERE / "results"
EXTENSIONS = {
    "archive": "postarchive,bench_probe",
    "plain": "myst_parser,bench_probe",
    "ablog": "ablog,myst_parser,bench_probe",
}
# Where each project writes its tag pages: documents for the archive, generated pages for ABlog.
TAG_PAGES = {"archive": "archive/tags/", "ablog": "blog/tag/"}
SCENARIOS = ["full -j auto", "full -j 1", "no change", "edit one body", "change one post's tags"]
REBUILDS = SCENARIOS[2:]
ENV_LINE = re.compile(
    r"updating environment: (?:\[[^\]]*\] )?(\d+) added, (\d+) changed, (\d+) removed"
)


# -- one build ------------------------------------------------------------------------------------


def sphinx_build(src: Path, build: Path, kind: str, jobs: str, timeout: float, tag: str) -> dict:
    """Run one sphinx-build; return wall time, peak memory, what it read and wrote, its status."""
    probe = build / f"probe-{tag}.json"
    log = build / f"log-{tag}.txt"
    probe.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-j", jobs,
        "-d", str(build / "doctrees"), "-D", f"extensions={EXTENSIONS[kind]}",
        str(src), str(build / "html"),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(HERE), "BENCH_PROBE_OUT": str(probe)}
    # The machine may be shared: the load before the build tells whether others were busy.
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with log.open("w") as out:
        # A session of its own, so a timed-out build is killed with its parallel workers.
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        status = "ok"
        while True:
            # wait4 gives this child's own resource usage (getrusage(CHILDREN) only keeps the
            # maximum over every child so far); ru_maxrss also covers the workers it waited for.
            pid, code, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)
                pid, code, usage = os.wait4(process.pid, 0)
                status = "timed out"
                break
            time.sleep(0.05)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(code)  # reaped here, not by Popen
    if status == "ok" and process.returncode != 0:
        status = "failed"
    result = {
        "status": status,
        "wall": round(wall, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        # CPU time of the build and the workers it waited for: on a shared machine the wall time
        # says as much about the others as about this build.
        "cpu": round(usage.ru_utime + usage.ru_stime, 2),
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }
    text = log.read_text(errors="replace")
    if status == "timed out":  # how far it got, to extrapolate from
        steps = re.findall(r"(reading sources|writing output)\.\.\. \[\s*(\d+)%\]", text)
        if steps:
            result["reached"] = f"{steps[-1][0].split()[0]} {steps[-1][1]}%"
    if match := ENV_LINE.search(text):
        result["added"], result["changed"], result["removed"] = map(int, match.groups())
    result["warnings"] = text.count("WARNING")
    if probe.exists():
        seen = json.loads(probe.read_text())
        result["reread"] = len(seen["read"])
        result["written"] = len(seen["written"])
        result["written_docs"] = seen["written"]
        # Pages written without a document: genindex and search, and all of ABlog's archives.
        result["generated"] = len(seen.get("generated", ()))
        result["generated_pages"] = seen.get("generated", [])
    return result


def code_version() -> str:
    """The commit and a digest of postarchive/ as it is now: the code may change between runs
    (someone else may be editing it), and results of different code should not be compared."""
    head = subprocess.run(
        ["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    digest = hashlib.sha1()
    for path in sorted((HERE.parent / "postarchive").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(HERE.parent).as_posix().encode() + path.read_bytes())
    return f"{head or '?'}/{digest.hexdigest()[:8]}"


def output_sizes(html: Path) -> dict:
    total, largest, name = 0, 0, ""
    for path in html.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            if path.suffix == ".html" and size > largest:
                largest, name = size, path.relative_to(html).as_posix()
    index = html / "searchindex.js"
    return {
        "output_bytes": total,
        "largest_page_bytes": largest,
        "largest_page": name,
        "searchindex_bytes": index.stat().st_size if index.exists() else 0,
    }


# -- the edits between rebuilds -------------------------------------------------------------------


def edit_body(src: Path, post: str) -> dict:
    """Add a paragraph at the end: the first paragraph (the post's summary) stays as it was."""
    path = src / post
    path.write_text(path.read_text() + "\nA paragraph added for the benchmark's edit.\n")
    return {"post": post}


def change_tags(src: Path, post: str, all_tags: list[str]) -> dict:
    """Replace the post's first tag by the next tag of the 60 that it does not have yet."""
    path = src / post
    text = path.read_text()
    line = re.search(r"^tags: \[(.*)\]$", text, re.M)
    assert line, post
    tags = line.group(1).split(", ")
    new = next(t for t in all_tags[all_tags.index(tags[0]) + 1 :] + all_tags if t not in tags)
    old, tags[0] = tags[0], new
    path.write_text(text.replace(line.group(0), f"tags: [{', '.join(tags)}]"))
    return {"post": post, "old_tag": old, "new_tag": new}


# -- one project at one size ----------------------------------------------------------------------


def clean(src: Path, build: Path) -> None:
    """What `make clean` removes: the output, the environment and the generated pages."""
    shutil.rmtree(build / "html", ignore_errors=True)
    shutil.rmtree(build / "doctrees", ignore_errors=True)
    shutil.rmtree(src / "archive", ignore_errors=True)


def run_project(kind: str, n: int, workdir: Path, timeout: float, repeat: int) -> list[dict]:
    from generate import TAG_WORDS

    src, build = workdir / f"{kind}-{n}", workdir / f"{kind}-{n}-build"
    posts = generate(src, n, kind)
    build.mkdir(parents=True, exist_ok=True)
    # Edit posts in the middle of the archive: not among the recent posts of the home page.
    body_post, tags_post = posts[n // 2], posts[n // 3]
    results = []
    for scenario in SCENARIOS:
        record = {"project": kind, "n": n, "scenario": scenario}
        if any(r["status"] != "ok" for r in results if r["scenario"].startswith("full")):
            results.append({**record, "status": "skipped"})
            continue
        jobs = "auto" if scenario == "full -j auto" else "1"
        if scenario.startswith("full"):
            clean(src, build)
        elif scenario == "edit one body":
            record["edit"] = edit_body(src, body_post)
        elif scenario == "change one post's tags":
            record["edit"] = change_tags(src, tags_post, TAG_WORDS[:60])
        record["code"] = code_version()
        tag = re.sub(r"\W+", "-", scenario).strip("-")
        print(f"  {kind:8} N={n:<5} {scenario:24}", end=" ", flush=True)
        record.update(sphinx_build(src, build, kind, jobs, timeout, tag))
        # A rebuild takes seconds, and one run on a shared machine varies by a few tenths:
        # rebuilds are repeated (each with a new edit of the same kind) and the median kept.
        walls = [record["wall"]]
        for _ in range(repeat - 1 if scenario in REBUILDS and record["status"] == "ok" else 0):
            if scenario == "edit one body":
                record["edit"] = edit_body(src, body_post)
            elif scenario == "change one post's tags":
                record["edit"] = change_tags(src, tags_post, TAG_WORDS[:60])
            record.update(sphinx_build(src, build, kind, jobs, timeout, tag))
            walls.append(record["wall"])
        if len(walls) > 1:
            record["walls"] = walls
            record["wall"] = statistics.median(walls)
        if record["status"] == "ok":
            record.update(output_sizes(build / "html"))
        if "edit" in record and "old_tag" in record["edit"] and kind in TAG_PAGES:
            prefix = TAG_PAGES[kind]
            written = set(record.get("written_docs", ())) | set(record.get("generated_pages", ()))
            affected = [prefix + record["edit"][k] for k in ("old_tag", "new_tag")]
            record["affected_tag_pages_written"] = sum(page in written for page in affected)
            record["tag_pages_written"] = sum(d.startswith(prefix) for d in written)
        record.pop("written_docs", None)
        record.pop("generated_pages", None)
        print(
            f"{record['status']:9} {record['wall']:8.1f} s  re-read {record.get('reread', '?'):>5}"
            f"  written {record.get('written', '?'):>5}  peak {record['peak_mb']} MB"
        )
        results.append(record)
    return results


# -- profiles -------------------------------------------------------------------------------------


def profile(n: int, workdir: Path, results_dir: Path) -> None:
    """pyinstrument profiles of the archive's full build (-j 1) and of a one-post edit."""
    if importlib.util.find_spec("pyinstrument") is None:
        print("pyinstrument is not installed: .venv/bin/pip install pyinstrument")
        return
    src, build = workdir / f"archive-{n}", workdir / f"archive-{n}-profile"
    posts = generate(src, n, "archive")
    build.mkdir(parents=True, exist_ok=True)
    for step in ("full", "edit"):
        if step == "full":
            clean(src, build)
        else:
            edit_body(src, posts[n // 2])
        session = build / f"profile-{step}.pyisession"
        command = [
            sys.executable, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session),
            "-m", "sphinx", "-b", "html", "-j", "1", "-q", "-d", str(build / "doctrees"),
            str(src), str(build / "html"),
        ]  # fmt: skip
        print(f"  profiling archive N={n} {step}", flush=True)
        subprocess.run(command, check=True)
        # The call tree (library frames folded, postarchive's shown), and the time of each
        # phase of the build (pyinstrument's own flat view mis-attributes most of the time).
        base = [sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text"]
        tree = results_dir / f"profile-{step}-{n}.txt"
        subprocess.run([*base, "--no-color", "-o", str(tree)], check=True)
        stats = build / f"profile-{step}.pstats"
        # Every frame, however short, so that small phases are not left out of the table.
        every = ["-p", "processor_options.filter_threshold=0"]
        subprocess.run([*base[:-1], "pstats", *every, "-o", str(stats)], check=True)
        phases = results_dir / f"profile-{step}-{n}-phases.txt"
        phases.write_text(phase_table(stats))
        print(f"    {tree}, {phases.name}")


# (label, end of the file's path, function): cumulative time of each, from the profile.
PHASES = [
    ("total", "sphinx/cmd/build.py", "build_main"),
    ("startup: load extensions", "sphinx/registry.py", "load_extension"),
    ("startup: load the pickled environment", "sphinx/application.py", "_load_existing_env"),
    (
        "postarchive: gather the catalog (builder-inited)",
        "postarchive/site/start.py",
        "start_build",
    ),
    (
        "postarchive: pages whose views changed",
        "postarchive/site/domain.py",
        "documents_with_changed_views",
    ),
    ("read", "sphinx/builders/__init__.py", "read"),
    ("  MyST parsing", "myst_parser/parsers/sphinx_.py", "parse"),
    ("  transforms", "sphinx/transforms/__init__.py", "apply_transforms"),
    ("    postarchive: post header and footer", "postarchive/site/postpage.py", "apply"),
    ("write", "sphinx/builders/__init__.py", "write"),
    ("  resolve doctrees", "sphinx/environment/__init__.py", "get_and_resolve_doctree"),
    ("    postarchive: remember page text", "postarchive/publishing/pagestore.py", "remember_page"),
    ("  search index", "sphinx/search/__init__.py", "feed"),
    ("    of which the stemmer", "sphinx/search/en.py", "stem"),
    ("  HTML and templates", "sphinx/builders/html/__init__.py", "write_doc"),
    ("    furo's page context", "furo/__init__.py", "_html_page_context"),
    ("finish: Sphinx (search index, static files)", "sphinx/builders/html/__init__.py", "finish"),
    ("postarchive: open the page store", "postarchive/publishing/pagestore.py", "open_store"),
    ("postarchive: redirects", "postarchive/publishing/redirects.py", "write_redirects"),
    (
        "postarchive: feeds, snippet texts, store",
        "postarchive/publishing/outputs.py",
        "write_from_pages",
    ),
]


def phase_table(stats_file: Path) -> str:
    import pstats

    stats = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = 0.0
    lines = []
    for label, path, function in PHASES:
        seconds = sum(
            row[3]
            for (file, _line, name), row in stats.items()
            if name == function and file.endswith(path)
        )
        total = total or seconds
        lines.append(f"{seconds:8.2f} s {100 * seconds / total:5.1f}%  {label}")
    return "\n".join(lines) + "\n"


# -- the report -----------------------------------------------------------------------------------


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    meminfo = Path("/proc/meminfo").read_text()
    model = re.search(r"model name\s*:\s*(.*)", cpuinfo)
    memory = re.search(r"MemTotal:\s*(\d+)", meminfo)
    versions = {"Python": platform.python_version()}
    for name in ("sphinx", "myst-parser", "furo", "postarchive", "ablog"):
        with contextlib.suppress(PackageNotFoundError):  # not installed: not listed
            versions[name] = version(name)
    return {
        "cores": os.cpu_count(),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "ram_gib": round(int(memory.group(1)) / 1024**2, 1) if memory else None,
        "versions": versions,
    }


def _find(results: list[dict], project: str, n: int, scenario: str) -> dict | None:
    for r in results:
        if (r["project"], r["n"], r["scenario"]) == (project, n, scenario):
            return r
    return None


def _time(r: dict | None) -> str:
    if r is None:
        return "–"
    if r["status"] != "ok":
        details = [f"{r['wall']:.0f} s"] if "wall" in r else []
        details += [r["reached"]] if "reached" in r else []
        return r["status"] + (f" ({', '.join(details)})" if details else "")
    if "walls" in r:  # the median of repeated rebuilds, and their range
        return f"{r['wall']:.1f} s ({min(r['walls']):.1f}–{max(r['walls']):.1f})"
    return f"{r['wall']:.1f} s"


def _ratio(a: dict | None, b: dict | None, key: str = "wall") -> str:
    if not a or not b or a["status"] != "ok" or b["status"] != "ok" or not b.get(key):
        if a and b and a["status"] == "ok" and b["status"] == "timed out" and key == "wall":
            return f"< {a['wall'] / b['wall']:.2f}×"
        return "–"
    return f"{a[key] / b[key]:.2f}×"


def headline(results: list[dict], sizes: list[int], other: str) -> list[str]:
    lines = [
        f"### Headline: archive / {other}",
        "",
        f"| N | build | archive | {other} | archive / {other} | CPU time, archive / {other} |",
        "|---|---|---|---|---|---|",
    ]
    for n in sizes:
        for scenario in SCENARIOS:
            a, o = _find(results, "archive", n, scenario), _find(results, other, n, scenario)
            cpu = (
                f"{a['cpu']:.1f} s / {o['cpu']:.1f} s = {_ratio(a, o, 'cpu')}"
                if a and o and "cpu" in a and "cpu" in o
                else "–"
            )
            lines.append(f"| {n} | {scenario} | {_time(a)} | {_time(o)} | {_ratio(a, o)} | {cpu} |")
    return lines


def render(results: list[dict], info: dict) -> str:
    sizes = sorted({r["n"] for r in results})
    projects = [p for p in EXTENSIONS if any(r["project"] == p for r in results)]
    # ABlog's version only where ABlog was measured: it may be installed but not in these results.
    versions = {k: v for k, v in info["versions"].items() if k != "ablog" or "ablog" in projects}
    lines = [
        f"Machine: {info['cores']} cores, {info['cpu']}, {info['ram_gib']} GiB RAM. "
        + ", ".join(f"{k} {v}" for k, v in versions.items())
        + ".",
    ]
    for other in ("plain", "ablog"):
        if other in projects:
            lines += ["", *headline(results, sizes, other)]
    lines += [
        "",
        "### Every build",
        "",
        "Re-read: documents Sphinx read; written: documents whose page was written (generated "
        "extra pages such as search, genindex and redirects are not counted"
        + (
            ", except for ABlog, whose tag, category and year archives are all generated pages: "
            "'+ N generated'"
            if "ablog" in projects
            else ""
        )
        + "). Peak: largest resident set of the build or one of its workers. Sizes are of the "
        "whole HTML output. "
        "Load: the machine's 1-minute load average before and after the build (this build's "
        "own work raises the second; more than about 1 for a -j 1 build means someone else "
        "was busy too). Code: the commit and a digest of postarchive/ the build ran with.",
        "",
        "| project | N | build | time | re-read | written | peak MB | output MB | largest page "
        "| search index KB | warnings | load | code |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for project in projects:
        for n in sizes:
            for scenario in SCENARIOS:
                r = _find(results, project, n, scenario)
                if r is None:
                    continue
                if r["status"] == "skipped":
                    lines.append(f"| {project} | {n} | {scenario} | skipped | | | | | | | | | |")
                    continue
                page = (
                    f"{r['largest_page_bytes'] / 1024:.0f} KB `{r['largest_page']}`"
                    if "largest_page" in r
                    else ""
                )
                load = (
                    f"{r['load_before']:.1f} → {r['load_after']:.1f}" if "load_before" in r else ""
                )
                extra = ""
                if project == "ablog" and "generated" in r:
                    extra = f" + {r['generated']} generated"
                if "affected_tag_pages_written" in r:
                    extra += (
                        f" ({r['tag_pages_written']} tag pages, "
                        f"{r['affected_tag_pages_written']} of the 2 affected)"
                    )
                lines.append(
                    f"| {project} | {n} | {scenario} | {_time(r)} | {r.get('reread', '')} "
                    f"| {r.get('written', '')}{extra} | {r.get('peak_mb', '')} "
                    f"| {r['output_bytes'] / 1e6:.1f} | {page} "
                    f"| {r['searchindex_bytes'] / 1024:.0f} | {r.get('warnings', '')} | {load} "
                    f"| {r.get('code', '')} |"
                    if "output_bytes" in r
                    else f"| {project} | {n} | {scenario} | {_time(r)} | {r.get('reread', '')} "
                    f"| {r.get('written', '')}{extra} | {r.get('peak_mb', '')} | | | | "
                    f"{r.get('warnings', '')} | {load} | {r.get('code', '')} |"
                )
    lines += ["", "### Targets", "", *targets(results, sizes)]
    return "\n".join(lines) + "\n"


def targets(results: list[dict], sizes: list[int]) -> list[str]:
    """Each target of the issue with what was measured; the verdict is left to the reader
    where a number is only approximate ("~2 s")."""
    out = ["| target | measured |", "|---|---|"]

    def versus_plain(n: int, scenario: str) -> str:
        archive = _find(results, "archive", n, scenario)
        plain = _find(results, "plain", n, scenario)
        return f"N={n} -j {scenario.split()[-1]}: {_ratio(archive, plain)}"

    full = [versus_plain(n, s) for n in sizes for s in SCENARIOS[:2]]
    out.append(f"| full build ≤ 1.2× plain | {'; '.join(full)} |")
    for n_small, n_large in pairwise(sizes):
        a = _find(results, "archive", n_large, "full -j 1")
        b = _find(results, "archive", n_small, "full -j 1")
        limit = 1.1 * n_large / n_small
        out.append(
            f"| time and output linear (N={n_large} ≤ {limit:.1f}× N={n_small}) "
            f"| time {_ratio(a, b)}, output {_ratio(a, b, 'output_bytes')}, "
            f"search index {_ratio(a, b, 'searchindex_bytes')} |"
        )
    pages = [
        f"N={n}: {r['largest_page_bytes'] / 1024:.0f} KB `{r['largest_page']}`"
        for n in sizes
        if (r := _find(results, "archive", n, "full -j 1")) and "largest_page" in r
    ]
    out.append(f"| largest page not growing with N | {'; '.join(pages)} |")
    for scenario, goal in (
        ("no change", "re-reads nothing, < 2 s"),
        ("edit one body", "re-reads 1 document, ~2 s"),
    ):
        measured = [
            f"N={n}: {_time(r)}, re-read {r.get('reread')}, written {r.get('written')}"
            for n in sizes
            if (r := _find(results, "archive", n, scenario)) and r["status"] == "ok"
        ]
        out.append(f"| {scenario}: {goal} at N=1000 | {'; '.join(measured)} |")
    tags = [
        f"N={n}: {r['affected_tag_pages_written']} of 2 affected tag pages written "
        f"({r['tag_pages_written']} tag pages, {r.get('reread')} re-read, "
        f"{r.get('written')} written, {_time(r)})"
        for n in sizes
        if (r := _find(results, "archive", n, "change one post's tags")) and r["status"] == "ok"
    ]
    out.append(f"| tag change rewrites the affected tag pages | {'; '.join(tags)} |")

    def auto_versus_serial(n: int) -> str:
        auto = _find(results, "archive", n, SCENARIOS[0])
        serial = _find(results, "archive", n, SCENARIOS[1])
        return f"N={n}: -j auto / -j 1 = {_ratio(auto, serial)}"

    parallel = [auto_versus_serial(n) for n in sizes]
    out.append(f"| -j auto faster than -j 1 (archive) | {'; '.join(parallel)} |")
    return out


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text()) if path.exists() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="200,1000,3000", help="comma-separated post counts")
    parser.add_argument(
        "--projects", default="archive,plain,ablog", help="comma-separated, of archive,plain,ablog"
    )
    parser.add_argument("--timeout", type=float, default=1200, help="seconds per build")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of each rebuild; the median is reported"
    )
    parser.add_argument("--workdir", type=Path, default=HERE / "_work")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the archive at N")
    parser.add_argument("--report", action="store_true", help="only re-render results.md")
    parser.add_argument(
        "--formats", action="store_true", help="time Read the Docs' build of every format"
    )
    parser.add_argument(
        "--epubcheck", action="store_true", help="with --formats: check the EPUB too"
    )
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument(
        "--results", type=Path, default=RESULTS, help="folder of results.json, results.md, profiles"
    )
    args = parser.parse_args()

    args.results.mkdir(parents=True, exist_ok=True)
    args.workdir.mkdir(parents=True, exist_ok=True)
    # The work folder holds thousands of generated files: keep it out of git.
    (args.workdir / ".gitignore").write_text("*\n")
    store = args.results / "results.json"
    results = [] if args.fresh else load(store)
    info = machine()

    if args.formats:
        import formats

        sizes = sorted(int(s) for s in args.sizes.split(","))
        formats.main(
            sizes, args.workdir, args.results, args.timeout, args.epubcheck, code_version()
        )
        return
    if args.profile:
        profile(args.profile, args.workdir, args.results)
    elif not args.report:
        projects = [p.strip() for p in args.projects.split(",")]
        if unknown := set(projects) - set(EXTENSIONS):
            parser.error(f"unknown projects: {', '.join(sorted(unknown))}")
        if "ablog" in projects and importlib.util.find_spec("ablog") is None:
            projects.remove("ablog")  # optional: measured only where ABlog is installed
            print("ABlog is not installed: not measured (pip install -e '.[bench]')")
        print(f"{info['cores']} cores, {info['cpu']}; {info['versions']}")
        # Smaller sizes first for every project, so a slow large plain build comes last.
        for n in sorted(int(s) for s in args.sizes.split(",")):
            for kind in projects:
                for record in run_project(kind, n, args.workdir, args.timeout, args.repeat):
                    key = (record["project"], record["n"], record["scenario"])
                    results = [r for r in results if (r["project"], r["n"], r["scenario"]) != key]
                    results.append(record)
                    store.write_text(json.dumps(results, indent=1))
                shutil.rmtree(args.workdir / f"{kind}-{n}-build" / "html", ignore_errors=True)
    report = render(results, info)
    (args.results / "results.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
