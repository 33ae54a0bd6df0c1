"""What every line decoder returns.

A decoder is a pure function ``parse(line: str) -> Parsed | None`` from one physical line
(without its newline) to what the line says; ``None`` means the line is not in that format.
Decoders never guess a year or a zone: they report what the text holds (``Stamp``) and
``triage.clock`` turns that into UTC with a ``TimeQuality``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

#: Year written into ``Stamp.wall`` when the text has no year. A leap year, so ``Feb 29`` parses.
PLACEHOLDER_YEAR = 2000


class TimeQuality(StrEnum):
    """How far an event's UTC time can be trusted, best first."""

    EXACT = "exact"  # the text had date, year and zone
    YEAR_INFERRED = "year_inferred"  # no year in the text; taken from the capture time
    ZONE_ASSUMED = "zone_assumed"  # no zone in the text and none learnt from the bundle; UTC assumed
    FROM_BOOT_OFFSET = "from_boot_offset"  # seconds since boot placed with the boot time
    INHERITED = "inherited"  # line has no time of its own; took the previous record's
    NONE = "none"  # no time at all (snapshots)


QUALITY_RANK = {q: i for i, q in enumerate(TimeQuality)}


def worst(a: TimeQuality, b: TimeQuality) -> TimeQuality:
    """The less trustworthy of two qualities."""
    return a if QUALITY_RANK[a] >= QUALITY_RANK[b] else b


class LineKind(StrEnum):
    RECORD = "record"  # a line that starts a record
    CONTINUATION = "continuation"  # belongs to the previous record (indented journald line, seelog tab line)
    PARTIAL = "partial"  # CRI ``P`` record: joined with the following records up to the next ``F``
    HEADER = "header"  # journald ``-- Logs begin at ... --`` / ``-- Journal begins at ... --``
    NO_ENTRIES = "no_entries"  # journald ``-- No entries --``
    BOOT = "boot"  # journald ``-- Reboot --`` / ``-- Boot <id> --``


@dataclass(frozen=True, slots=True)
class Stamp:
    """A time exactly as the line wrote it."""

    wall: datetime  # naive wall-clock reading; year is PLACEHOLDER_YEAR when has_year is False
    has_year: bool
    offset: timedelta | None  # UTC offset written in the text; None when the text names no zone


@dataclass(frozen=True, slots=True)
class Parsed:
    """One physical line, decoded.

    ``stamp`` is the outer (envelope) time, ``inner`` a second time found in the payload, such as
    the klog header inside a journald line or logrus ``time=`` inside a journald line; the clock
    decides which one to trust. ``extra`` holds small named parts (``host``, ``ident``, ``pid``,
    ``stream``, ``zone``...) as sorted pairs.
    """

    message: str
    stamp: Stamp | None = None
    inner: Stamp | None = None
    boot_seconds: float | None = None
    level: str | None = None  # debug | info | warning | error | fatal
    kind: LineKind = LineKind.RECORD
    extra: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        for k, v in self.extra:
            if k == key:
                return v
        return None
