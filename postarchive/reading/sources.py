"""Reading post files as text: decoding whatever bytes old blogs left behind, repairing mojibake."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from postarchive.reading.problems import Problem, Subtype

if TYPE_CHECKING:
    from typing_extensions import Buffer

# Tried in order when a file is not UTF-8: Windows-1252 is what most old Western blogs used;
# Latin-1 maps every byte, so decoding never fails and no byte is lost.
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


class NotText(ValueError):
    """The file holds binary data, not text."""


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Decode a post's bytes to text with ``\\n`` line endings, reporting a non-UTF-8 file.

    Raises :class:`NotText` for binary data (NUL bytes), which no text encoding explains.
    """
    text, _encoding, problems = decode_with_encoding(data, path)
    return text, problems


def decode_with_encoding(data: bytes, path: str) -> tuple[str, str, list[Problem]]:
    """:func:`decode`, also telling which encoding the bytes were in."""
    problems: list[Problem] = []
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise NotText(f"line {line} holds binary data (a NUL byte); this is not a text file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    encoding = "utf-8"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        for encoding in _FALLBACK_ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            problems.append(
                Problem(path, line, f"file is not UTF-8; read it as {encoding}", Subtype.ENCODING)
            )
            break
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding, problems


def repair_mojibake(text: str, path: str) -> tuple[str, list[Problem]]:
    """Repair mojibake line by line with ftfy, reporting each repaired line."""
    problems: list[Problem] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if line.isascii():  # pure ASCII cannot be mojibake; skipping it keeps big archives fast
            continue
        fixed = _fix_line(line)
        if fixed != line:
            lines[number - 1] = fixed
            problems.append(
                Problem(
                    path,
                    number,
                    f"repaired mojibake: {_changed_words(line, fixed)}",
                    Subtype.MOJIBAKE,
                )
            )
    return "\n".join(lines), problems


def _fix_line(line: str) -> str:
    # Imported here: ftfy takes a moment to import, and a rebuild reads no unchanged post.
    import ftfy
    from ftfy.badness import is_bad

    # Only the encoding repairs: the cosmetic fixes ftfy also offers (straightening quotes,
    # unescaping HTML entities, folding ligatures or full-width letters) would change what
    # authors wrote on purpose.
    mojibake_only = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    fixed = ftfy.fix_text(line, mojibake_only)
    if is_bad(fixed):
        # Two wrong codecs on one line (say Windows-1252 and Mac Roman) defeat a fix of the whole
        # line; word by word, each is found.
        fixed = "".join(ftfy.fix_text(part, mojibake_only) for part in re.split(r"(\s+)", fixed))
    return fixed


def _changed_words(before: str, after: str) -> str:
    """The words a repair changed, for a message short enough to read."""
    old = before.split()
    new = after.split()
    if len(old) == len(new):
        pairs = [f"{a!r} -> {b!r}" for a, b in zip(old, new, strict=True) if a != b]
        if pairs:
            return ", ".join(pairs)
    return f"{before.strip()!r} -> {after.strip()!r}"


# Sphinx reads every source with the `source_encoding` codec and stops the whole build on one
# undecodable file. This codec decodes as :func:`decode` does, so a Latin-1 post is read (and
# reported) instead; the extension uses it when `source_encoding` is left at its default.
LENIENT_CODEC = "postarchive_lenient_utf8"


def _lenient_decode(data: Buffer, errors: str = "strict") -> tuple[str, int]:
    raw = bytes(data)
    try:
        text, _problems = decode(raw, "")
    except NotText:
        text = raw.decode("latin-1")
    return text, len(raw)


class _LenientIncrementalDecoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, data: Buffer, errors: str, final: bool) -> tuple[str, int]:
        # Undecidable until the whole file is seen: wait for the end, then decode all of it.
        return _lenient_decode(data, errors) if final else ("", 0)


def _find_lenient_codec(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT_CODEC:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=LENIENT_CODEC,
        encode=utf8.encode,
        decode=_lenient_decode,
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=_LenientIncrementalDecoder,
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_find_lenient_codec)


def read_text(path: Path, display_path: str, *, fix_mojibake: bool) -> tuple[str, list[Problem]]:
    """A post file's text, decoded and (optionally) repaired; the file itself is never changed."""
    text, problems = decode(path.read_bytes(), display_path)
    if fix_mojibake:
        text, repairs = repair_mojibake(text, display_path)
        problems += repairs
    return text, problems
