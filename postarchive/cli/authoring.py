"""Writing new posts and journey pages with correct front matter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from postarchive.cli.check import archive_config
from postarchive.reading.dates import DateError, parse_date
from postarchive.reading.slugs import slugify


def write_post(
    archive: Path, title: str, journeys: tuple[str, ...], tags: list[str], when: str | None
) -> Path:
    """Write ``posts/<year>/<date>-<slug>.md``; never overwrites a file."""
    if not title.strip():
        raise ValueError("a post needs a title")
    written = when or datetime.now().astimezone().replace(microsecond=0).isoformat()
    try:
        day = parse_date(written).local
    except DateError as error:
        raise ValueError(f"--date: {error}") from None
    config, _namespace = archive_config(archive)
    slug = slugify(title)
    path = archive / config.posts_dir / f"{day.year}" / f"{day.isoformat()}-{slug}.md"
    fields: dict[str, object] = {"title": title.strip(), "date": written}
    if journeys:
        fields["journeys"] = [_checked_slug(j) for j in journeys]
    if tags:
        fields["tags"] = tags
    _write_new(path, _front_matter(fields) + "\nWrite here.\n")
    return path


def write_journey(archive: Path, slug: str, title: str, when: str | None) -> Path:
    """Write ``journeys/<slug>.md``; never overwrites a file."""
    config, _namespace = archive_config(archive)
    fields: dict[str, object] = {"title": title.strip()}
    if when:
        try:
            parse_date(when)
        except DateError as error:
            raise ValueError(f"--date: {error}") from None
        fields["date"] = when
    path = archive / config.journeys_dir / f"{_checked_slug(slug)}.md"
    _write_new(path, _front_matter(fields) + "\nWhat this journey was about.\n")
    return path


def _checked_slug(slug: str) -> str:
    if slugify(slug) != slug:
        raise ValueError(f"{slug!r} is not a journey slug; did you mean {slugify(slug)!r}?")
    return slug


def _front_matter(fields: dict[str, object]) -> str:
    # PyYAML quotes whatever needs quoting (colons, quotes, leading symbols) in titles and tags.
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{text}---\n"


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists; it was left as it is") from None
