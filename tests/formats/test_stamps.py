from datetime import datetime, timedelta

import pytest

from triage.formats import stamps
from triage.formats.base import PLACEHOLDER_YEAR, Stamp

UTC = timedelta(0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:34:56.123456789Z", Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, UTC)),
        ("2024-05-01T12:34:56.7Z", Stamp(datetime(2024, 5, 1, 12, 34, 56, 700000), True, UTC)),
        ("2024-05-01T12:34:56Z", Stamp(datetime(2024, 5, 1, 12, 34, 56), True, UTC)),
        ("2024-05-01T12:34:56.789+0000", Stamp(datetime(2024, 5, 1, 12, 34, 56, 789000), True, UTC)),
        (
            "2024-05-01T12:34:56.123456+05:30",
            Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, timedelta(hours=5, minutes=30)),
        ),
        ("2024-05-01T04:34:56-0800", Stamp(datetime(2024, 5, 1, 4, 34, 56), True, timedelta(hours=-8))),
        ("2024-02-29T00:00:00Z", Stamp(datetime(2024, 2, 29), True, UTC)),
    ],
)
def test_iso(text: str, expected: Stamp) -> None:
    assert stamps.iso(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-30T12:34:56Z",  # no such day
        "2023-02-29T12:34:56Z",  # not a leap year
        "2024-05-01T25:34:56Z",  # hour 25
        "2024-13-01T12:34:56Z",  # month 13
        "2024-05-01T12:34:56",  # no zone
        "2024-05-01T12:34:56+2400",  # offset out of range
        "2024-05-01T12:34:56+05:60",
        "2024-05-01 12:34:56Z",  # space, not T
        "2024-05-01T12:34:56.1234567890Z",  # ten fraction digits
        "2024-05-01T12:34:56.Z",
        "",
    ],
)
def test_iso_rejects(text: str) -> None:
    assert stamps.iso(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Z", UTC),
        ("+00:00", UTC),
        ("-0000", UTC),
        ("+05:45", timedelta(hours=5, minutes=45)),
        ("-0330", -timedelta(hours=3, minutes=30)),
        ("+2359", timedelta(hours=23, minutes=59)),
        ("+2400", None),
        ("+0060", None),
        ("UTC", None),
        ("+5", None),
    ],
)
def test_offset(text: str, expected: timedelta | None) -> None:
    assert stamps.offset(text) == expected


def test_dated_with_month_name_zone_and_fraction() -> None:
    assert stamps.dated("2024", "May", "1", "12:30:07", "234", UTC) == Stamp(
        datetime(2024, 5, 1, 12, 30, 7, 234000), True, UTC
    )


def test_dated_with_month_number() -> None:
    assert stamps.dated("2024", "04", "30", "08:12:01") == Stamp(datetime(2024, 4, 30, 8, 12, 1), True, None)


@pytest.mark.parametrize(
    ("year", "month", "day", "hms"),
    [
        ("2023", "Feb", "29", "12:00:00"),
        ("2024", "Foo", "1", "12:00:00"),
        ("2024", "may", "1", "12:00:00"),  # month names are capitalised (LANG=C)
        ("2024", "05", "32", "12:00:00"),
        ("2024", "05", "01", "12:60:00"),
        ("2024", "05", "01", "12:00"),
    ],
)
def test_dated_rejects(year: str, month: str, day: str, hms: str) -> None:
    assert stamps.dated(year, month, day, hms) is None


def test_yearless_uses_placeholder_leap_year() -> None:
    assert stamps.yearless("Feb", "29", "23:59:59", "789012") == Stamp(
        datetime(PLACEHOLDER_YEAR, 2, 29, 23, 59, 59, 789012), False, None
    )


def test_yearless_with_month_number() -> None:
    assert stamps.yearless("12", "31", "00:00:00") == Stamp(datetime(PLACEHOLDER_YEAR, 12, 31), False, None)


@pytest.mark.parametrize(
    ("month", "day", "hms"), [("Feb", "30", "12:00:00"), ("Jun", "1", "25:00:00"), ("Xyz", "1", "01:00:00")]
)
def test_yearless_rejects(month: str, day: str, hms: str) -> None:
    assert stamps.yearless(month, day, hms) is None
