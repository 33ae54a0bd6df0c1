"""Records: decoded lines joined into log entries and placed on the UTC timeline.

A record is what a person reads as one log entry: a journald entry with its indented continuation
lines, a CRI line rebuilt from its ``P`` pieces, a seelog error with its tab-indented second line.
Each carries its UTC time, how far that time can be trusted, and where it came from.

>>> from datetime import timedelta
>>> from triage.clock import Clock
>>> clock = Clock(None, None, timedelta(0), None, None, None)
>>> lines = [(1, 0, "2024-05-01T12:00:00.5Z stdout P part one, "), (2, 43, "2024-05-01T12:00:00.6Z stdout F two")]
>>> [(r.line, r.message, r.ts.isoformat()) for r in assemble("container", "x", "m", lines, clock)]
[(1, 'part one, two', '2024-05-01T12:00:00.500000+00:00')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime

from triage.clock import Clock
from triage.formats import decode, payload
from triage.formats.base import LineKind, Parsed, TimeQuality
from triage.formats.container import raw_payload

#: Continuation lines joined into one record at most; later ones start records of their own.
MAX_JOINED = 200


@dataclass(frozen=True, slots=True)
class Record:
    ts: datetime | None
    time_quality: TimeQuality
    level: str | None
    source: str
    member: str
    line: int  # 1-based number of the record's first physical line
    offset: int  # byte offset of that line in the (decompressed) member
    message: str
    lines: int = 1  # physical lines joined into this record


@dataclass(slots=True)
class _Pending:
    parsed: Parsed
    line: int
    offset: int
    extra_text: list[str]


@dataclass(slots=True)
class PlaceStats:
    """Counts kept while records are placed."""

    disagreements: int = 0  # klog time inside a journald/syslog line more than 2 s off the prefix


def assemble(fmt: str, source: str, member: str, lines: Iterable[tuple[int, int, str]],
             clock: Clock, stats: PlaceStats | None = None) -> Iterator[Record]:
    """Records of one member from ``(line number, byte offset, text)`` lines in file order."""
    pending: _Pending | None = None
    pieces: list[str] = []
    first_piece: tuple[int, int, Parsed] | None = None
    last_ts: datetime | None = None

    def emit(p: _Pending) -> Record:
        nonlocal last_ts
        ts, quality, disagree = clock.place(p.parsed)
        if stats is not None:
            stats.disagreements += disagree
        if ts is None and last_ts is not None:
            ts, quality = last_ts, TimeQuality.INHERITED
        last_ts = ts or last_ts
        message = "\n".join([p.parsed.message, *p.extra_text])
        return Record(ts, quality, p.parsed.level, source, member, p.line, p.offset, message, 1 + len(p.extra_text))

    for number, offset, text in lines:
        parsed = decode(fmt, text)
        if parsed.kind is LineKind.CONTINUATION and pending is not None and len(pending.extra_text) < MAX_JOINED:
            pending.extra_text.append(parsed.message)
            continue
        if parsed.kind is LineKind.PARTIAL:
            first_piece = first_piece or (number, offset, parsed)
            pieces.append(parsed.message)
            continue
        if first_piece is not None:
            number, offset, head = first_piece
            if parsed.kind is LineKind.RECORD:
                pieces.append(raw_payload(text))
            joined = payload.envelope(head.stamp, "".join(pieces), head.extra) if head.stamp else head
            parsed = replace(joined, level=joined.level or parsed.level)
            first_piece, pieces = None, []
        if pending is not None:
            yield emit(pending)
            pending = None
        if parsed.kind in (LineKind.HEADER, LineKind.NO_ENTRIES, LineKind.BOOT):
            continue
        pending = _Pending(parsed, number, offset, [])
    if first_piece is not None:
        number, offset, head = first_piece
        if pending is not None:
            yield emit(pending)
        pending = _Pending(replace(head, message="".join(pieces), kind=LineKind.RECORD), number, offset, [])
    if pending is not None:
        yield emit(pending)
