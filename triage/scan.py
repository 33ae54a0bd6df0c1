"""The one-pass scanner: all patterns of a source compiled into one RE2 matcher, run over chunks.

For each source, every pattern of every signature that reads it is joined into one RE2
alternation that runs over large byte chunks (no per-line Python loop, no decoding). Only lines
it finds are looked at: an ``re2.Set`` says which patterns match the line, each such pattern's own
regex pulls its named groups, and the line is decoded for its time. What is kept per pattern and
member is bounded: a count, the decoded time stamps of the first and last ``TIME_CAP`` hits, a few
evidence lines with context, and up to ``FIELD_CAP`` distinct values per named group.
"""

from __future__ import annotations

import re
from collections import deque
from concurrent.futures import Executor
from dataclasses import dataclass, field

import re2

from triage.formats import decode
from triage.formats.base import Parsed
from triage.lines import Chunk
from triage.signatures import Pattern, Signature

TIME_CAP = 5000  # hit times kept at the start and, separately, at the end of each pattern x member
EVIDENCE_FIRST = 3
EVIDENCE_LAST = 2
CONTEXT = 2  # lines of context before and after an evidence line
FIELD_CAP = 50
LINE_CAP = 4096  # bytes of an evidence or context line kept
SPLIT = 1 << 20  # a chunk at least this big is searched in two halves at once when a helper thread is given

_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 256 << 20
_OPTIONS.never_nl = True  # chunks hold many lines: no pattern may match across a newline


@dataclass(slots=True)
class Hit:
    line: int
    offset: int
    text: bytes
    before: tuple[bytes, ...]
    after: list[bytes]  # completed from the next chunk when the hit is a chunk's last line


@dataclass(slots=True)
class PatternHits:
    """What one pattern found in one member."""

    count: int = 0
    first: list[tuple[int, Parsed]] = field(default_factory=list)  # (line, decoded) of the first TIME_CAP hits
    last: deque[tuple[int, Parsed]] = field(default_factory=lambda: deque(maxlen=TIME_CAP))
    evidence_first: list[Hit] = field(default_factory=list)
    evidence_last: deque[Hit] = field(default_factory=lambda: deque(maxlen=EVIDENCE_LAST))
    fields: dict[str, dict[str, None]] = field(default_factory=dict)  # group -> distinct values (ordered)

    def add(self, line: int, decoded: Parsed, hit: Hit, groups: dict[str, str]) -> None:
        self.count += 1
        if len(self.first) < TIME_CAP:
            self.first.append((line, decoded))
        else:
            self.last.append((line, decoded))
        if len(self.evidence_first) < EVIDENCE_FIRST:
            self.evidence_first.append(hit)
        else:
            self.evidence_last.append(hit)
        for name, value in groups.items():
            values = self.fields.setdefault(name, {})
            if value and len(values) < FIELD_CAP:
                values.setdefault(value, None)

    def decoded(self) -> list[tuple[int, Parsed]]:
        return [*self.first, *self.last]

    def evidence(self) -> list[Hit]:
        return [*self.evidence_first, *self.evidence_last]


Key = tuple[str, str]  # (signature id, pattern name)


def _strip_groups(regex: str) -> str:
    return _NAMED_GROUP.sub("(?:", regex)


@dataclass(frozen=True, slots=True)
class SourceMatcher:
    """The compiled matcher of one source."""

    keys: tuple[Key, ...]
    any_: re2._Regexp[bytes]
    which: re2.Set
    each: tuple[re2._Regexp[bytes], ...]

    @classmethod
    def build(cls, pairs: list[tuple[Signature, Pattern]]) -> SourceMatcher:
        keys = tuple((sig.id, p.name) for sig, p in pairs)
        bodies = [_strip_groups(p.regex) for _, p in pairs]
        any_ = re2.compile("|".join(f"(?:{b})" for b in bodies).encode(), _OPTIONS)
        which = re2.Set.SearchSet(_OPTIONS)
        for body in bodies:
            which.Add(body.encode())
        which.Compile()
        each = tuple(re2.compile(p.regex.encode(), _OPTIONS) for _, p in pairs)
        return cls(keys, any_, which, each)


class MemberScanner:
    """Runs one source's matcher over the chunks of one member."""

    def __init__(self, matcher: SourceMatcher, fmt: str, helper: Executor | None = None) -> None:
        self.matcher = matcher
        self.fmt = fmt
        self.helper = helper  # searches the second half of big chunks (RE2 releases the GIL)
        self.hits: dict[Key, PatternHits] = {}
        self._tail: tuple[bytes, ...] = ()  # last lines of the previous chunk: context before
        self._waiting: list[Hit] = []  # hits at the end of the previous chunk: context after

    def feed(self, chunk: Chunk) -> None:
        """Scan one chunk (on the worker thread: RE2 releases the GIL)."""
        data, lo, hi = chunk.data, chunk.start, chunk.end
        if self._waiting:
            following = _lines_after(data, lo - 1, hi)
            for hit in self._waiting:
                hit.after.extend(following[: CONTEXT - len(hit.after)])
            self._waiting = [hit for hit in self._waiting if len(hit.after) < CONTEXT]  # chunks of one line
        pos, line, last_start = lo, chunk.line, -1
        for found in self._starts(data, lo, hi):
            start = data.rfind(b"\n", lo, found) + 1 or lo
            if start == last_start:
                continue
            last_start = start
            end = data.find(b"\n", start, hi)
            end = hi if end < 0 else end
            line += data.count(b"\n", pos, start)
            pos = start
            self._line(data, start, end, line, chunk.offset + start - lo, lo, hi)
        self._tail = (*self._tail, *_lines_before(data, hi, lo))[-CONTEXT:]

    def _starts(self, data: bytes, lo: int, hi: int) -> list[int]:
        """Where the source's patterns match in ``data[lo:hi]``, in order. No match spans a newline, so a big range is
        cut at a line start and its second half searched on the helper thread meanwhile."""
        regex, helper = self.matcher.any_, self.helper
        mid = data.find(b"\n", (lo + hi) // 2, hi) + 1 if helper is not None and hi - lo >= SPLIT else 0
        if helper is None or mid <= 0:
            return _match_starts(regex, data, lo, hi)
        second = helper.submit(_match_starts, regex, data, mid, hi)
        return _match_starts(regex, data, lo, mid) + second.result()

    def _line(self, data: bytes, start: int, end: int, number: int, offset: int, lo: int, hi: int) -> None:
        text = data[start:end]
        matched: list[int] = self.matcher.which.Match(text) or []  # type: ignore[assignment]
        if not matched:
            return
        decoded = decode(self.fmt, text.decode("utf-8", "replace").rstrip("\r"))
        before = _lines_before(data, start, lo)
        if len(before) < CONTEXT:
            before = [*self._tail[len(self._tail) - (CONTEXT - len(before)):], *before] if self._tail else before
        hit = Hit(number, offset, text[:LINE_CAP], tuple(before), _lines_after(data, end, hi))
        if len(hit.after) < CONTEXT:
            self._waiting.append(hit)
        for index in sorted(matched):
            m = self.matcher.each[index].search(text)
            groups = {k.decode(): v.decode("utf-8", "replace") for k, v in (m.groupdict(b"").items() if m else ())}
            self.hits.setdefault(self.matcher.keys[index], PatternHits()).add(number, decoded, hit, groups)


def _match_starts(regex: re2._Regexp[bytes], data: bytes, lo: int, hi: int) -> list[int]:
    return [m.start() for m in regex.finditer(data, lo, hi)]


def _lines_before(data: bytes, start: int, lo: int) -> list[bytes]:
    """Up to CONTEXT lines in ``data[lo:start]`` that end just before ``start`` (a line start, or the end)."""
    lines: list[bytes] = []
    pos = start - 1  # the newline that ends the previous line
    while len(lines) < CONTEXT and pos >= lo and data[pos:pos + 1] == b"\n":
        prev = max(data.rfind(b"\n", lo, pos) + 1, lo)
        lines.insert(0, data[prev:pos][:LINE_CAP])
        pos = prev - 1
    return lines


def _lines_after(data: bytes, end: int, hi: int) -> list[bytes]:
    """Up to CONTEXT lines in ``data[:hi]`` after the line that ends at ``end`` (its newline)."""
    out: list[bytes] = []
    start = end + 1
    while len(out) < CONTEXT and start < hi:
        stop = data.find(b"\n", start, hi)
        stop = hi if stop < 0 else stop
        out.append(data[start:min(stop, start + LINE_CAP)])
        start = stop + 1
    return out
