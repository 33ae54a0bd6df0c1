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
    data: bytes  # whole lines; every line ends with b"\n" except possibly the member's last one
    offset: int  # byte offset of data[0] in the (decompressed) member
    line: int  # 1-based number of the first line in data


@dataclass(slots=True)
class LongLines:
    """Lines that were cut because they were longer than the limit."""

    count: int = 0
    first_line: int = 0
    dropped_bytes: int = 0


def chunks(stream: Readable, max_line: int, long: LongLines, size: int = CHUNK) -> Iterator[Chunk]:
    """Yield chunks that end on a line boundary (the last one may not)."""
    carry = b""
    offset = 0  # offset of carry[0]
    line = 1
    skipping = False  # inside the dropped tail of an over-long line
    while True:
        block = stream.read(size)
        if not block:
            break
        if skipping:
            nl = block.find(b"\n")
            if nl < 0:
                long.dropped_bytes += len(block)
                offset += len(block)
                continue
            long.dropped_bytes += nl
            offset += nl + 1
            block = block[nl + 1 :]
            skipping = False
        data = carry + block if carry else block
        cut = data.rfind(b"\n") + 1
        if cut:
            yield Chunk(data[:cut], offset, line)
            line += data.count(b"\n", 0, cut)
            offset += cut
            carry = data[cut:]
        else:
            carry = data
        if len(carry) > max_line:
            long.count += 1
            long.first_line = long.first_line or line
            long.dropped_bytes += len(carry) - max_line
            yield Chunk(carry[:max_line] + b"\n", offset, line)
            line += 1
            offset += len(carry)
            carry = b""
            skipping = True
    if carry:
        yield Chunk(carry, offset, line)
