"""Dates as blogs write them: sorted by the instant, shown as written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postarchive.reading.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("value", "instant", "local"),
    [
        (
            "2016-04-01T17:23:18+02:00",
            datetime(2016, 4, 1, 15, 23, 18, tzinfo=UTC),
            date(2016, 4, 1),
        ),
        ("2016-11-08 16:13:00 +0300", datetime(2016, 11, 8, 13, 13, tzinfo=UTC), date(2016, 11, 8)),
        ("2016-11-06", datetime(2016, 11, 6, tzinfo=UTC), date(2016, 11, 6)),
        ("'2016-11-06'", datetime(2016, 11, 6, tzinfo=UTC), date(2016, 11, 6)),
        ("2016-04-02T00:10:00+09:00", datetime(2016, 4, 1, 15, 10, tzinfo=UTC), date(2016, 4, 2)),
        ("2016-04-02 08:00", datetime(2016, 4, 2, 8, tzinfo=UTC), date(2016, 4, 2)),
        ("2016-04-02T08:00:00Z", datetime(2016, 4, 2, 8, tzinfo=UTC), date(2016, 4, 2)),
        ("2016/4/2", datetime(2016, 4, 2, tzinfo=UTC), date(2016, 4, 2)),
    ],
)
def test_written_forms(value, instant, local):
    parsed = parse_date(value)
    assert parsed.instant == instant
    assert parsed.local == local
    assert parsed.text == value.strip("'")


def test_toml_and_yaml_objects():
    tz = timezone(timedelta(hours=2))
    assert parse_date(datetime(2016, 4, 2, 9, tzinfo=tz)).local == date(2016, 4, 2)
    assert parse_date(date(2016, 4, 2)).instant == datetime(2016, 4, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    ["2016-03-32", "2016-02-30", "yesterday", "", 42, None, ["2016-01-01"], "2016-01-01T25:00"],
)
def test_impossible_dates_raise_the_projects_error(value):
    with pytest.raises(DateError):
        parse_date(value)


@given(
    st.one_of(
        st.text(max_size=40), st.integers(), st.floats(), st.none(), st.dates(), st.datetimes()
    )
)
def test_any_value_parses_or_raises_date_error(value):
    try:
        parsed = parse_date(value)
    except DateError:
        return
    assert parsed.instant.tzinfo is not None
