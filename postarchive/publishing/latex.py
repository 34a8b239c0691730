"""The PDF: fonts for LuaLaTeX that draw every character a blog holds (emoji in colour, CJK) and
set thousands of pages fast enough for Read the Docs' time limit.

LuaLaTeX is the one TeX engine that draws colour emoji. luaotfload's ``fallback`` feature takes
the characters the text fonts lack from the fonts of a fallback list, but it works only for fonts
in luaotfload's "node" mode, where OpenType features are applied in Lua, glyph by glyph: half of
LuaLaTeX's time on an archive's pages (BENCHMARKS.md, "The PDF"). In "base" mode (fontspec's
``Renderer=Basic``) TeX applies ligatures and kerning itself, as pdfTeX does. The preamble below
gives base-mode fonts the same fallback, by registering luaotfload's own fallback manipulator for
that mode; where a luaotfload lacks it, the fonts stay in node mode and the PDF is only slower.

latexmk runs LuaLaTeX again as long as a file the last pass read has changed. Two always do, and
cost a whole third pass (a third of the PDF's time) without changing the PDF: the ``.aux`` file's
count of physical pages, which grows once the table of contents is filled in (the pages after it
are numbered from 1 all the same), and luaotfload's cache of font names, which it rewrites when it
looks up a font it had not looked up before. The ``latexmkrc`` that Sphinx writes (and that Read
the Docs runs latexmk with) is told to leave both out of that comparison.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# Debian packages: fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core.
# The emoji font in HarfBuzz mode, the only one that draws its colour glyphs (and joins sequences
# such as flags and skin tones); CJK in node mode, which needs no shaping engine.
FALLBACK_FONTS = ("Noto Color Emoji:mode=harf;", "Noto Sans CJK JP:mode=node;")
MAIN_FONT, SANS_FONT, MONO_FONT = "Noto Serif", "Noto Sans", "DejaVu Sans Mono"


def fonts_preamble(
    main: str = MAIN_FONT,
    sans: str = SANS_FONT,
    mono: str = MONO_FONT,
    fallbacks: tuple[str, ...] = FALLBACK_FONTS,
) -> str:
    """fontspec lines that use each font only where the machine has it.

    A font missing from a fallback list, or a missing text font, would leave luaotfload with
    no font at all: every character of the PDF drawn in TeX's empty "nullfont". Read the Docs'
    build image, or a reader's own machine, may lack one of them; then the PDF is set in the
    fonts that are there (Latin Modern for a missing text font) and only the characters no font
    has are missing.
    """
    fallback_checks = "\n".join(
        rf"\IfFontExistsTF{{{spec.split(':')[0]}}}"
        rf"{{\directlua{{table.insert(postarchivefallbacks, {_lua_string(spec)})}}}}{{}}"
        for spec in fallbacks
    )
    options = r"Renderer=\postarchiverenderer, RawFeature={fallback=postarchive}"
    return rf"""
\directlua{{
  local fallback = fonts.constructors.getfeatureaction("otf", "manipulators", "node", "fallback")
  if fallback then
    fonts.constructors.features.otf.register{{
      name = "fallback", manipulators = {{base = fallback}}}}
    token.set_macro("postarchiverenderer", "Basic")
  else
    token.set_macro("postarchiverenderer", "Node")
  end
  postarchivefallbacks = {{}}
}}
{fallback_checks}
\directlua{{luaotfload.add_fallback("postarchive", postarchivefallbacks)}}
\IfFontExistsTF{{{main}}}{{\setmainfont{{{main}}}[{options}]}}
  {{\setmainfont{{Latin Modern Roman}}[{options}]}}
\IfFontExistsTF{{{sans}}}{{\setsansfont{{{sans}}}[{options}]}}
  {{\setsansfont{{Latin Modern Sans}}[{options}]}}
\IfFontExistsTF{{{mono}}}{{\setmonofont{{{mono}}}[Scale=MatchLowercase, {options}]}}
  {{\setmonofont{{Latin Modern Mono}}[{options}]}}
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


FONTS = fonts_preamble()


def archive_fonts(app: Sphinx, config: Config) -> None:
    """With LuaLaTeX, the archive's fonts, unless conf.py chose fonts of its own."""
    if config.latex_engine == "lualatex" and "fontpkg" not in config.latex_elements:
        config.latex_elements = {**config.latex_elements, "fontpkg": FONTS}


# Perl, for latexmk: lines of a file of that extension left out when it checks for a change.
LATEXMK_IGNORES = r"""
# postarchive: what changes between LuaLaTeX's passes without changing the PDF (the count of
# physical pages, luaotfload's cache of font names) is no reason for another pass.
$hash_calc_ignore_pattern{'aux'} = '^\\\\gdef ?\\\\\@abspage\@last\{';
$hash_calc_ignore_pattern{'luc'} = '^';
"""


def fewer_latex_passes(app: Sphinx, exception: BaseException | None) -> None:
    """Add the archive's lines to the latexmkrc Sphinx wrote for the LaTeX build."""
    if exception is not None or app.builder.name != "latex":
        return
    rc = Path(app.outdir) / "latexmkrc"
    if not rc.is_file():  # Sphinx writes one for every LaTeX build; none, nothing to add to
        return
    text = rc.read_text(encoding="utf-8")
    if LATEXMK_IGNORES not in text:
        rc.write_text(text + LATEXMK_IGNORES, encoding="utf-8")
