"""Post dates as blogs write them: ISO with or without time and offset, quoted or not, TOML
datetimes.

Posts are sorted by the instant (offsets applied; a time without offset is taken as UTC) and shown
by the date as written, so a post written at 01:00 in Tokyo keeps its Tokyo date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cached_property

_ISO = re.compile(
    r"""^(?P<date>\d{4}-\d{1,2}-\d{1,2})
        (?:(?:[Tt\s]+|-)(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)
           \s*(?P<offset>[Zz]|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)?)?$""",
    re.VERBOSE,
)
_DAY = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


class DateError(ValueError):
    """A value that cannot be read as a date; the message says why."""


@dataclass(frozen=True)
class PostDate:
    instant: datetime  # timezone-aware, for sorting
    local: date  # the calendar date as written, for showing
    text: str  # the value as written
    # A day past its month's end (2019-02-29), taken as Jekyll took it: ``local`` is 2019-03-01.
    rolled_over: bool = False

    @cached_property
    def timestamp(self) -> float:
        return self.instant.timestamp()


def parse_date(value: object, *, roll_over: bool = False) -> PostDate:
    """Read a front-matter date; raises :class:`DateError` for anything else. ``roll_over``:
    a day past its month's end is taken as Jekyll took it (a blog's posts), not refused (a
    date given for a new post)."""
    if isinstance(value, datetime):
        return _from_datetime(value, value.isoformat())
    if isinstance(value, date):
        return _from_date(value, value.isoformat())
    if not isinstance(value, str):
        raise DateError(f"expected a date, got {type(value).__name__} {value!r}")
    text = value.strip().strip("\"'").strip()
    match = _ISO.match(text)
    if match:
        return _from_parts(match, text, roll_over)
    match = _SLASHED.match(text)
    if match:
        day, rolled = _checked_date(*map(int, match.groups()), text=text, roll_over=roll_over)
        return _from_date(day, text, rolled)
    raise DateError(
        f"cannot read {value!r} as a date (expected e.g. 2016-11-06 or 2016-11-06T17:23:18+02:00)"
    )


def _from_parts(match: re.Match[str], text: str, roll_over: bool) -> PostDate:
    year, month, day = (int(part) for part in match["date"].split("-"))
    day_value, rolled = _checked_date(year, month, day, text=text, roll_over=roll_over)
    if not match["time"]:
        return _from_date(day_value, text, rolled)
    hms = match["time"].replace(",", ".").split(":")
    hour, minute = int(hms[0]), int(hms[1])
    seconds = float(hms[2]) if len(hms) > 2 else 0.0
    if hour > 23 or minute > 59 or seconds >= 61:
        raise DateError(f"{text!r} has no such time of day")
    microseconds = round((seconds % 1) * 1_000_000) % 1_000_000
    clock = time(hour, minute, min(int(seconds), 59), microseconds)
    moment = datetime.combine(day_value, clock, tzinfo=_offset(match["offset"], text))
    return _from_datetime(moment, text, rolled)


def _offset(raw: str | None, text: str) -> timezone:
    if not raw:
        return UTC
    raw = raw.strip().upper().removeprefix("UTC").removeprefix("GMT").strip()
    if raw in ("", "Z"):
        return UTC
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"{text!r} has an impossible UTC offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _checked_date(
    year: int, month: int, day: int, *, text: str, roll_over: bool
) -> tuple[date, bool]:
    """The calendar day, and whether it is one past its month's end (2019-02-29) that Jekyll,
    as Ruby's ``Time`` does, counted on into the next month: it published the post on
    2019-03-01."""
    try:
        return date(year, month, day), False
    except ValueError as error:
        if roll_over and 1 <= month <= 12 and 29 <= day <= 31:
            return date(year, month, 1) + timedelta(days=day - 1), True
        raise DateError(f"{text!r} is not a calendar date ({error})") from None


def _from_date(day: date, text: str, rolled: bool = False) -> PostDate:
    return PostDate(datetime.combine(day, time(), tzinfo=UTC), day, text, rolled)


def _from_datetime(moment: datetime, text: str, rolled: bool = False) -> PostDate:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return PostDate(aware, moment.date(), text, rolled)


def rolled_over_message(day: PostDate) -> str:
    return (
        f"{day.text!r} is past the end of its month; dated {day.local.isoformat()}, "
        "the day Jekyll published it"
    )


def rolled_over_text(day: PostDate) -> str:
    """The date as written, its day made the one Jekyll published the post on."""
    return _DAY.sub(day.local.isoformat(), day.text, count=1)
