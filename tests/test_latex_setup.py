"""The LaTeX an archive gets for its PDF: the archive's fonts with LuaLaTeX, unless conf.py has its
own, and a latexmkrc that asks for no needless pass (tests/test_latex.py builds the PDF itself)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import BuildRoot


def preamble(app) -> str:
    (tex,) = app.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8").split(r"\begin{document}")[0]


def test_lualatex_gets_fonts_with_fallbacks_for_emoji_and_cjk(build_root: BuildRoot):
    app = build_root("basic", "latex", confoverrides={"latex_engine": "lualatex"})
    head = preamble(app)
    # Each fallback only where the machine has it (tests/test_latex.py: a font missing).
    assert (
        '\\IfFontExistsTF{Noto Color Emoji}{\\directlua{table.insert(postarchivefallbacks, "Noto Color Emoji:mode=harf;")}}'
        in head
    )
    assert '"Noto Sans CJK JP:mode=node;"' in head
    # The text fonts are set by TeX itself (base mode), with the fallbacks registered for it.
    assert r"\setmainfont{Noto Serif}[Renderer=\postarchiverenderer" in head
    assert "manipulators = {base = fallback}" in head


def test_fonts_of_the_archives_own_are_kept(build_root: BuildRoot):
    own = r"\setmainfont{TeX Gyre Pagella}"
    overrides = {"latex_engine": "lualatex", "latex_elements": {"fontpkg": own}}
    head = preamble(build_root("basic", "latex", confoverrides=overrides))
    assert own in head
    assert "Noto Color Emoji" not in head


def test_other_engines_keep_sphinxs_fonts(build_root: BuildRoot):
    head = preamble(build_root("basic", "latex", confoverrides={"latex_engine": "xelatex"}))
    assert "Noto Color Emoji" not in head
    assert r"\setmainfont{FreeSerif}" in head  # Sphinx's own choice for XeLaTeX


def test_latexmk_is_told_what_changes_without_changing_the_pdf(build_root: BuildRoot):
    app = build_root("basic", "latex", confoverrides={"latex_engine": "lualatex"})
    rc = app.outdir / "latexmkrc"
    text = rc.read_text(encoding="utf-8")
    assert text.startswith("$latex = ")  # Sphinx's own settings come first, as they were
    if shutil.which("perl") is None:
        pytest.skip("perl (which runs latexmk) is missing")
    # latexmk leaves out of its check for a change the lines of a file that match the pattern of
    # its extension: evaluated here as latexmk evaluates its latexmkrc.
    script = """
        our %hash_calc_ignore_pattern; our ($latex, $pdflatex, $lualatex, $xelatex, $makeindex);
        sub add_cus_dep {}  # latexmk's, called by Sphinx's lines
        do $ARGV[0] or die $@ || $!;
        while (my $line = <STDIN>) {
            my ($ext, $text) = split / /, $line, 2;
            my $p = $hash_calc_ignore_pattern{$ext};
            print defined $p && $text =~ /$p/ ? "ignored\\n" : "checked\\n";
        }
    """
    lines = {
        "aux \\gdef \\@abspage@last{2508}": "ignored",  # physical pages: grow with the contents
        "aux \\newlabel{posts/a::doc}{{1.1}{3}{A}{section.1.1}{}}": "checked",
        "toc \\contentsline {chapter}{\\numberline {1}Journeys}{1}{chapter.1}%": "checked",
        "luc any bytes of luaotfload's cache": "ignored",
    }
    run = subprocess.run(
        ["perl", "-e", script, str(rc)],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == list(lines.values())
