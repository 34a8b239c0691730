"""Front matter: YAML between ``---`` lines or TOML between ``+++`` lines, read leniently.

MyST's own front-matter support is not used: it knows no TOML, drops every field when one value is
malformed and turns dates into strings of its own. Here each top-level key is kept if it can be,
each problem is reported at its line, and dates stay as written for
:mod:`postarchive.reading.dates`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from postarchive.reading.problems import Problem, Subtype

_FENCES = {"---": "yaml", "+++": "toml"}


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML without implicit timestamps, so a date reaches the date parser as written."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


@dataclass
class FrontMatter:
    """The fields of a post's front matter and where they were written."""

    fields: dict[str, Any] = field(default_factory=dict)
    kind: str | None = None
    # 0-based indexes of the opening and closing fence lines; -1 when there is no front matter.
    start: int = -1
    end: int = -1
    # 1-based line of each top-level key, for messages.
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key, self.start + 1 if self.start >= 0 else None)


def read_front_matter(lines: list[str], path: str) -> tuple[FrontMatter, list[Problem]]:
    """Find and parse the front matter at the top of ``lines`` (a BOM is already removed)."""
    if not lines or lines[0].rstrip() not in _FENCES:
        return FrontMatter(), []
    fence = lines[0].rstrip()
    kind = _FENCES[fence]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == fence), None)
    if end is None:
        problem = Problem(
            path,
            1,
            f"front matter opened with {fence!r} is never closed; read as text",
            Subtype.FRONTMATTER,
        )
        return FrontMatter(), [problem]
    block = lines[1:end]
    parse = _parse_yaml if kind == "yaml" else _parse_toml
    fields, key_lines, problems = parse(block, path, first_line=2)
    return FrontMatter(fields, kind, 0, end, key_lines), problems


def _parse_yaml(
    block: list[str], path: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    try:
        fields, key_lines = _load_yaml_mapping("\n".join(block), first_line)
    except yaml.YAMLError as error:
        fields, key_lines, problems = _salvage_yaml(block, path, first_line)
        if not problems:  # no single field is to blame: report the error where YAML saw it
            problems = [_yaml_problem(error, path, first_line)]
        return fields, key_lines, problems
    except _NotAMapping as error:
        return {}, {}, [Problem(path, first_line, str(error), Subtype.FRONTMATTER)]
    return fields, key_lines, []


def _yaml_problem(error: Exception, path: str, first_line: int, skipped: str = "") -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = first_line if skipped or mark is None else first_line + mark.line
    reason = getattr(error, "problem", None) or str(error)
    what = (
        f"front matter field {skipped!r} skipped" if skipped else "front matter is not valid YAML"
    )
    return Problem(path, line, f"{what}: {reason}", Subtype.FRONTMATTER)


class _NotAMapping(ValueError):
    pass


def _load_yaml_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _NotAMapping("front matter is not a set of 'key: value' fields; ignored")
        key_lines = {str(key.value): first_line + key.start_mark.line for key, _value in node.value}
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return {str(k): v for k, v in data.items()}, key_lines


def _salvage_yaml(
    block: list[str], path: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """Keep every top-level key whose own lines are valid YAML when the whole block is not."""
    fields: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    problems: list[Problem] = []
    starts = [i for i, line in enumerate(block) if line[:1] not in ("", " ", "\t", "-", "#")]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(block)
        try:
            part, _ = _load_yaml_mapping("\n".join(block[start:stop]), first_line + start)
        except (yaml.YAMLError, _NotAMapping) as error:
            recovered = _line_as_text(block[start:stop])
            if recovered is None:
                problems.append(
                    _yaml_problem(error, path, first_line + start, block[start].strip())
                )
                continue
            key, value = recovered
            reason = getattr(error, "problem", None) or str(error)
            message = (
                f"front matter field {key!r} is not valid YAML ({reason}); "
                f"read as the text of its line: {value!r}"
            )
            problems.append(Problem(path, first_line + start, message, Subtype.FRONTMATTER))
            part = {key: value}
        for key, value in part.items():
            fields[key] = value
            key_lines[key] = first_line + start
    return fields, key_lines, problems


_TEXT_LINE = re.compile(r"^(?P<key>[\w-]+):[ \t]+(?P<value>[^\[{|>&*!\s].*?)\s*$")


def _line_as_text(lines: list[str]) -> tuple[str, str] | None:
    """A one-line field YAML refuses (``title: "Rose's "garden"``, an unclosed quote, a colon
    in the text) as the text its line holds, an unmatched outer quote left out."""
    if len(lines) != 1 or not (line := _TEXT_LINE.match(lines[0])):
        return None
    value = line["value"]
    if value[0] in "\"'":
        value = value[1:].removesuffix(value[0])
    return line["key"], value.strip() or value


def _parse_toml(
    block: list[str], path: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    key_lines: dict[str, int] = {}
    for i, text in enumerate(block):
        key = _TOML_KEY.match(text)
        if key and key.group(1) not in key_lines:
            key_lines[key.group(1)] = first_line + i
    try:
        return tomllib.loads("\n".join(block)), key_lines, []
    except tomllib.TOMLDecodeError as error:
        where = re.search(r"line (\d+)", str(error))
        line = first_line + int(where.group(1)) - 1 if where else first_line
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problems = [
            Problem(path, line, f"front matter is not valid TOML: {reason}", Subtype.FRONTMATTER)
        ]
    # Salvage: keep each `key = value` line that parses on its own.
    fields: dict[str, Any] = {}
    for line_number in key_lines.values():
        try:
            fields.update(tomllib.loads(block[line_number - first_line]))
        except tomllib.TOMLDecodeError:
            continue
    return fields, {k: v for k, v in key_lines.items() if k in fields}, problems
