"""Read the Docs' whole build of a synthetic archive, every format, timed step by step.

Read the Docs builds every format from scratch on each push, one command after another, and stops
the build at 15 minutes (community plan). This runs the same commands on an archive of N posts
(``generate.py``): HTML; the single page and its zip (the "HTML zip" download); the EPUB; LaTeX,
then latexmk with the latexmkrc Sphinx wrote, as Read the Docs calls it. For every step it records
the wall time, the peak memory (largest resident set of the step or any process it waited for,
from ``os.wait4``) and what came out; for latexmk also each program it ran (LuaLaTeX passes,
xindy) and how long each took, from the time latexmk announced it. ``--epubcheck`` checks the
EPUB afterwards (not part of Read the Docs' sequence, so not in its total).

    .venv/bin/python benchmarks/run.py --formats --sizes 1000,3000
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from generate import generate

SLUG = "benchmark-archive"  # latexmk's -jobname: Read the Docs names the PDF after the project
# (step, sphinx builder or None, output folder under the build's output)
SPHINX_STEPS = (("html", "html"), ("singlehtml", "htmlzip"), ("epub", "epub"), ("latex", "pdf"))
LATEXMK = [
    "latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", f"-jobname={SLUG}",
    "-interaction=nonstopmode",
]  # fmt: skip
RUNNING = re.compile(r"^Running '(\S+)")


def timed(
    command: list[str], cwd: Path, log: Path, timeout: float, env: dict | None = None
) -> dict:
    """Run a command to its end (or its time limit); its wall time, peak memory, exit status, and
    when it announced each program it ran (latexmk's "Running '...'" lines)."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    announced: list[tuple[float, str]] = []
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True, text=True, errors="replace",
    )  # fmt: skip

    def read_output() -> None:
        assert process.stdout is not None
        with log.open("w") as out:
            for line in process.stdout:
                out.write(line)
                if match := RUNNING.match(line):
                    announced.append((time.perf_counter() - started, match.group(1)))

    reader = threading.Thread(target=read_output)
    reader.start()
    status = "ok"
    while True:
        # wait4: this child's own usage; ru_maxrss covers the processes it waited for too.
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
    reader.join()
    process.returncode = os.waitstatus_to_exitcode(code)
    if status == "ok" and process.returncode != 0:
        status = f"failed ({process.returncode})"
    ends = [at for at, _ in announced[1:]] + [wall] if announced else []
    return {
        "status": status,
        "wall": round(wall, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "programs": [
            {"program": name, "seconds": round(end - at, 1)}
            for (at, name), end in zip(announced, ends, strict=True)
        ],
    }


def epubcheck_command() -> list[str] | None:
    """Debian's epubcheck is the .jar itself, which needs binfmt_misc to run: java runs it."""
    found = shutil.which("epubcheck")
    if found and os.path.realpath(found).endswith(".jar") and shutil.which("java"):
        return ["java", "-jar", os.path.realpath(found)]
    return [found] if found else None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def pdf_pages(pdf: Path) -> int | None:
    if shutil.which("pdfinfo") is None:
        return None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(match.group(1)) if match else None


def run_formats(n: int, workdir: Path, timeout: float, epubcheck: bool, code: str) -> list[dict]:
    """Every step of Read the Docs' build of an archive of ``n`` posts, in its order."""
    src = workdir / f"formats-{n}"
    generate(src, n, "archive")
    output = src / "_readthedocs"
    logs = workdir / f"formats-{n}-logs"
    logs.mkdir(parents=True, exist_ok=True)
    # What Read the Docs sets; the archive's conf.py reads the canonical address from it.
    env = os.environ | dict(
        READTHEDOCS="True",
        READTHEDOCS_VERSION="latest",
        READTHEDOCS_LANGUAGE="en",
        READTHEDOCS_PROJECT=SLUG,
        READTHEDOCS_OUTPUT=f"{output}/",
        READTHEDOCS_CANONICAL_URL=f"https://{SLUG}.readthedocs.io/en/latest/",
    )
    records = []

    def record(step: str, result: dict, **facts: object) -> None:
        entry = {"n": n, "step": step, "code": code, **result, **facts}
        records.append(entry)
        print(
            f"  formats N={n:<5} {step:10} {entry['status']:9} {entry['wall']:7.1f} s"
            f"  peak {entry['peak_mb']} MB"
            + "".join(f"  {k} {v}" for k, v in facts.items() if k != "programs"),
            flush=True,
        )

    for builder, folder in SPHINX_STEPS:
        out = output / folder
        command = [
            sys.executable, "-m", "sphinx", "-T", "-b", builder, "-d", "_build/doctrees",
            "-D", "language=en", ".", str(out),
        ]  # fmt: skip
        result = timed(command, src, logs / f"{builder}.txt", timeout, env)
        warnings = (logs / f"{builder}.txt").read_text(errors="replace").count("WARNING")
        facts: dict = {"warnings": warnings}
        if result["status"] == "ok":
            facts["output_mb"] = round(folder_bytes(out) / 1e6, 1)
        record(builder, result, **facts)
        if result["status"] != "ok":
            return records
        if builder == "singlehtml":  # Read the Docs offers the single page as a zip
            started = time.perf_counter()
            archive = shutil.make_archive(str(output / SLUG), "zip", out)
            zipped = {"status": "ok", "wall": round(time.perf_counter() - started, 1)}
            zipped["peak_mb"] = 0  # in this process: not measured
            record("zip", zipped, output_mb=round(Path(archive).stat().st_size / 1e6, 1))
        if builder == "epub" and epubcheck and (check := epubcheck_command()):
            (book,) = out.glob("*.epub")
            checked = timed([*check, str(book)], src, logs / "epubcheck.txt", timeout)
            record("epubcheck", checked)
    latex = output / "pdf"
    result = timed(LATEXMK, latex, logs / "latexmk.txt", timeout, env)
    pdf = latex / f"{SLUG}.pdf"
    facts = {"programs": result.pop("programs")}
    if pdf.exists():
        facts |= {"pages": pdf_pages(pdf), "output_mb": round(pdf.stat().st_size / 1e6, 1)}
    record("latexmk", result, **facts)
    return records


def render(records: list[dict]) -> str:
    """The table of every step per N, Read the Docs' total, and latexmk's programs."""
    lines = [
        "| N | step | time | peak MB | output | load | code |",
        "|---|---|---|---|---|---|---|",
    ]
    for n in sorted({r["n"] for r in records}):
        steps = [r for r in records if r["n"] == n]
        for r in steps:
            output = f"{r['output_mb']} MB" if "output_mb" in r else ""
            if r.get("pages"):
                output += f", {r['pages']} pages"
            load = f"{r['load_before']:.1f} → {r['load_after']:.1f}" if "load_before" in r else ""
            time_ = f"{r['wall']:.0f} s" + ("" if r["status"] == "ok" else f" {r['status']}")
            peak = str(r["peak_mb"]) if r["peak_mb"] else ""
            lines.append(
                f"| {n} | {r['step']} | {time_} | {peak} | {output} | {load} | {r['code']} |"
            )
        total = sum(r["wall"] for r in steps if r["step"] != "epubcheck")
        peak = max(r["peak_mb"] for r in steps)
        lines.append(f"| {n} | **Read the Docs' sequence** | **{total:.0f} s** | {peak} | | | |")
    lines += ["", "latexmk's programs, in order:", ""]
    for r in records:
        if r["step"] == "latexmk":
            programs = ", ".join(f"{p['program']} {p['seconds']:.0f} s" for p in r["programs"])
            lines.append(f"- N={r['n']}: {programs}")
    return "\n".join(lines) + "\n"


def main(sizes: list[int], workdir: Path, results: Path, timeout: float, epubcheck: bool,
         code: str) -> None:  # fmt: skip
    store = results / "formats.json"
    records = json.loads(store.read_text()) if store.exists() else []
    for n in sizes:
        fresh = run_formats(n, workdir, timeout, epubcheck, code)
        records = [r for r in records if r["n"] != n] + fresh
        store.write_text(json.dumps(records, indent=1))
    report = render(records)
    (results / "formats.md").write_text(report)
    print(report)
