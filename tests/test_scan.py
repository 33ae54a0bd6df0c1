"""The scanner on chunk boundaries: line numbers and context lines do not depend on where chunks are cut."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest

from triage.lines import LongLines, chunks
from triage.scan import SPLIT, MemberScanner, SourceMatcher
from triage.signatures import Pattern, Signature, by_source, load_library

HIT = "I0501 12:00:00.000000    3456 eviction_manager.go:366] \"Eviction manager: attempting to reclaim\" " \
      "resourceName=\"ephemeral-storage\""


def kubelet_matcher() -> SourceMatcher:
    pairs: list[tuple[Signature, Pattern]] = by_source(load_library().ordered())["kubelet_journal"]
    return SourceMatcher.build(pairs)


@pytest.mark.parametrize("chunk_size", [64, 500, 4096, 1 << 20])
def test_line_numbers_and_context_across_chunks(chunk_size: int) -> None:
    hit_lines = [1, 2, 40, 41, 97, 150, 299, 300]
    lines = ["May 01 12:00:00 ip-10-0-1-23 kubelet[3456]: " + (HIT if n in hit_lines else f"filler line {n}")
             for n in range(1, 301)]
    scanner = MemberScanner(kubelet_matcher(), "journald")
    for chunk in chunks(io.BytesIO("\n".join(lines).encode()), 1 << 20, LongLines(), size=chunk_size):
        scanner.feed(chunk)
    hits = scanner.hits[("disk_pressure_eviction", "reclaim_disk")]
    assert [line for line, _ in hits.decoded()] == hit_lines
    evidence = hits.evidence()  # the first three and the last two hits, with two lines of context each side
    assert [h.line for h in evidence] == [1, 2, 40, 299, 300]
    assert [([b.decode() for b in h.before], [a.decode() for a in h.after]) for h in evidence] == [
        ([], lines[1:3]), (lines[0:1], lines[2:4]), (lines[37:39], lines[40:42]), (lines[296:298], lines[299:300]),
        (lines[297:299], [])]


def test_a_helper_thread_searching_half_of_each_chunk_finds_the_same_lines() -> None:
    lines = [f"May 01 12:00:00 ip-10-0-1-23 kubelet[3456]: {HIT if n % 997 == 0 else f'filler line {n}'}"
             for n in range(1, 40_001)]
    found = []
    for helper in (None, ThreadPoolExecutor(max_workers=1)):
        scanner = MemberScanner(kubelet_matcher(), "journald", helper)
        for chunk in chunks(io.BytesIO("\n".join(lines).encode()), 1 << 20, LongLines(), size=SPLIT + 12345):
            scanner.feed(chunk)
        hits = scanner.hits[("disk_pressure_eviction", "reclaim_disk")]
        found.append((hits.count, [line for line, _ in hits.decoded()]))
    assert found[0] == found[1] == (40, [n for n in range(1, 40_001) if n % 997 == 0])
