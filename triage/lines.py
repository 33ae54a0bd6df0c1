"""Cut a member's byte stream into chunks of whole lines, in bounded memory.

The scanner and the per-source statistics work on large chunks, never line by line in Python.
A line longer than ``max_line`` bytes (a 50 MB line without a newline) is cut at that length; the
rest of it, up to the next newline, is dropped and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

CHUNK = 8 << 20


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Chunk:
    """Whole lines ``data[start:end]`` (a range, so big blocks are never copied)."""

    data: bytes
    start: int
    end: int  # every line in the range ends with b"\n", except possibly the member's last one
    offset: int  # byte offset of data[start] in the (decompressed) member
    line: int  # 1-based number of the first line in the range
    newlines: int  # newlines in the range

    @classmethod
    def of(cls, data: bytes, offset: int = 0, line: int = 1) -> Chunk:
        return cls(data, 0, len(data), offset, line, data.count(b"\n"))


@dataclass(slots=True)
class LongLines:
    """Lines that were cut because they were longer than the limit."""

    count: int = 0
    first_line: int = 0
    dropped_bytes: int = 0


class _Cursor:
    def __init__(self) -> None:
        self.offset = 0
        self.line = 1

    def emit(self, data: bytes, start: int, end: int) -> Chunk:
        chunk = Chunk(data, start, end, self.offset, self.line, data.count(b"\n", start, end))
        self.offset += end - start
        self.line += chunk.newlines
        return chunk


def chunks(stream: Readable, max_line: int, long: LongLines, size: int = CHUNK) -> Iterator[Chunk]:
    """Yield ranges of whole lines, block by block; only a line that spans two blocks is copied."""
    cursor = _Cursor()
    carry = b""  # start of a line that continues in the next block
    skipping = False  # inside the dropped tail of an over-long line
    while block := stream.read(size):
        start = 0
        if skipping:
            nl = block.find(b"\n")
            if nl < 0:
                long.dropped_bytes += len(block)
                cursor.offset += len(block)
                continue
            long.dropped_bytes += nl
            cursor.offset += nl + 1
            start, skipping = nl + 1, False
        if carry:
            nl = block.find(b"\n", start)
            if nl >= 0:
                joined = carry + block[start:nl + 1]
                carry, start = b"", nl + 1
                if len(joined) <= max_line + 1:
                    yield cursor.emit(joined, 0, len(joined))
                else:
                    yield _cut(joined, max_line, long, cursor, complete=True)
            else:
                carry += block[start:]
                start = len(block)
        cut = block.rfind(b"\n", start) + 1
        if cut > start:
            yield cursor.emit(block, start, cut)
        rest = block[max(cut, start):]
        carry = carry + rest if carry else rest
        if len(carry) > max_line:
            yield _cut(carry + b"\n", max_line, long, cursor, complete=False)
            carry, skipping = b"", True
    if carry:
        yield cursor.emit(carry, 0, len(carry))


def _cut(line: bytes, max_line: int, long: LongLines, cursor: _Cursor, *, complete: bool) -> Chunk:
    """An over-long line, cut to ``max_line`` bytes (the cut part is counted, not kept).

    ``line`` ends with b"\\n"; ``complete`` says whether that newline is in the member (else the rest of
    the line is still to come and will be skipped)."""
    long.count += 1
    long.first_line = long.first_line or cursor.line
    dropped = len(line) - 1 - max_line
    long.dropped_bytes += dropped
    kept = line[:max_line] + b"\n"
    chunk = Chunk(kept, 0, len(kept), cursor.offset, cursor.line, 1)
    cursor.offset += len(line) if complete else len(line) - 1
    cursor.line += 1
    return chunk


def line_text(raw: bytes) -> str:
    """One line as text: invalid UTF-8 and NUL bytes become U+FFFD, a trailing CR is dropped.

    >>> line_text(b"caf\\xc3\\xa9 \\xff\\x00 ok\\r") == "caf\\u00e9 \\ufffd\\ufffd ok"
    True
    """
    return raw.decode("utf-8", "replace").replace("\x00", "\ufffd").rstrip("\r")
