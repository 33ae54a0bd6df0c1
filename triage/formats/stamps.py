"""Timestamp helpers shared by the line decoders.

Every helper returns ``None`` for a date that does not exist (Feb 30, hour 25, month ``Foo``)
instead of raising, so a decoder can simply report "not my format".

>>> iso("2024-05-01T12:34:56.123456789Z")
Stamp(wall=datetime.datetime(2024, 5, 1, 12, 34, 56, 123456), has_year=True, offset=datetime.timedelta(0))
>>> yearless("Feb", "29", "01:02:03")
Stamp(wall=datetime.datetime(2000, 2, 29, 1, 2, 3), has_year=False, offset=None)
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from triage.formats.base import PLACEHOLDER_YEAR, Stamp

#: English month abbreviations (the collector runs with ``LANG=C``).
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
    )
}

#: Pattern text (no groups) of an RFC 3339 / ISO 8601 time with a zone, for embedding in line regexes:
#: fraction of 0–9 digits, zone ``Z``, ``±hh:mm`` or ``±hhmm``.
ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)"

_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)", re.ASCII)
_HMS = re.compile(r"(\d\d):(\d\d):(\d\d)", re.ASCII)
_OFFSET = re.compile(r"([+-])(\d\d):?(\d\d)", re.ASCII)


def _wall(year: int, month: int, day: int, hour: int, minute: int, second: int, micro: int = 0) -> datetime | None:
    """A naive wall-clock reading, or ``None`` if no such date or time exists."""
    try:
        # Naive on purpose: Stamp.wall is the reading as written; triage.clock attaches the zone.
        return datetime(year, month, day, hour, minute, second, micro)  # noqa: DTZ001
    except ValueError:
        return None


def _micros(fraction: str | None) -> int:
    """Microseconds of a decimal fraction of a second (``"789"`` -> 789000); digits past 6 are dropped."""
    return int(fraction[:6].ljust(6, "0")) if fraction else 0


def offset(text: str) -> timedelta | None:
    """``Z``, ``±hh:mm`` or ``±hhmm`` as a UTC offset; ``None`` if it is not one or is out of range."""
    if text == "Z":
        return timedelta(0)
    m = _OFFSET.fullmatch(text)
    if m is None or int(m[2]) > 23 or int(m[3]) > 59:
        return None
    size = timedelta(hours=int(m[2]), minutes=int(m[3]))
    return -size if m[1] == "-" else size


def iso(text: str) -> Stamp | None:
    """An RFC 3339 time with a zone (see ``ISO``), nanoseconds truncated to microseconds."""
    m = _ISO.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second = (int(m[i]) for i in range(1, 7))
    when = _wall(year, month, day, hour, minute, second, _micros(m[7]))
    zone = offset(m[8])
    if when is None or zone is None:
        return None
    return Stamp(wall=when, has_year=True, offset=zone)


def _clock(year: int, month: str, day: str, hms: str, fraction: str | None) -> datetime | None:
    number = int(month) if month.isdecimal() else _MONTHS.get(month)
    m = _HMS.fullmatch(hms)
    if number is None or m is None:
        return None
    return _wall(year, number, int(day), int(m[1]), int(m[2]), int(m[3]), _micros(fraction))


def dated(
    year: str, month: str, day: str, hms: str, fraction: str | None = None, zone: timedelta | None = None
) -> Stamp | None:
    """A time written with a year, a month (English abbreviation or number), a day and ``HH:MM:SS``."""
    when = _clock(int(year), month, day, hms, fraction)
    return None if when is None else Stamp(wall=when, has_year=True, offset=zone)


def yearless(month: str, day: str, hms: str, fraction: str | None = None) -> Stamp | None:
    """A time written without a year or zone; ``wall`` gets ``PLACEHOLDER_YEAR``."""
    when = _clock(PLACEHOLDER_YEAR, month, day, hms, fraction)
    return None if when is None else Stamp(wall=when, has_year=False, offset=None)
