"""Records: P pieces joined, continuation lines attached, markers dropped, inherited times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from triage.clock import Clock
from triage.formats.base import TimeQuality
from triage.records import PlaceStats, Record, assemble

CLOCK = Clock(datetime(2024, 5, 1, 13, 0, tzinfo=UTC), "test", timedelta(0), "test", None, None)
Q = TimeQuality


def records(fmt: str, *lines: str, stats: PlaceStats | None = None) -> list[Record]:
    numbered, offset = [], 0
    for i, text in enumerate(lines, 1):
        numbered.append((i, offset, text))
        offset += len(text.encode()) + 1
    return list(assemble(fmt, "src", "m.log", numbered, CLOCK, stats))


def test_cri_partial_pieces_are_joined_and_the_payload_sniffed() -> None:
    got = records(
        "container",
        '2024-05-01T12:00:00.100000000Z stdout P {"level":"error","ts":"2024-05-01T12:00:00.099Z","caller":"ipamd/ipa',
        '2024-05-01T12:00:00.100000001Z stdout P md.go:812","msg":"Failed to increase pool size: ',
        '2024-05-01T12:00:00.100000002Z stdout F InsufficientFreeAddressesInSubnet"}',
        "2024-05-01T12:00:01Z stderr F next line",
    )
    assert got == [
        Record(datetime(2024, 5, 1, 12, 0, 0, 100000, tzinfo=UTC), Q.EXACT, "error", "src", "m.log", 1, 0,
               "Failed to increase pool size: InsufficientFreeAddressesInSubnet"),
        Record(datetime(2024, 5, 1, 12, 0, 1, tzinfo=UTC), Q.EXACT, None, "src", "m.log", 4, 274, "next line"),
    ]


def test_docker_json_partial_pieces_are_joined() -> None:
    got = records(
        "container",
        '{"log":"time=\\"2021-05-01T12:34:56Z\\" level=info msg=\\"Starting ","stream":"stdout",'
        '"time":"2021-05-01T12:34:56.000000001Z"}',
        '{"log":"IPAM daemon\\"\\n","stream":"stdout","time":"2021-05-01T12:34:56.000000002Z"}',
    )
    assert [(r.message, r.level, r.line, r.ts) for r in got] == [
        ("Starting IPAM daemon", "info", 1, datetime(2021, 5, 1, 12, 34, 56, tzinfo=UTC))]


def test_journald_continuation_lines_join_the_previous_entry_and_markers_drop() -> None:
    got = records(
        "journald",
        "-- Logs begin at Tue 2024-04-30 08:12:01 UTC, end at Wed 2024-05-01 12:34:50 UTC. --",
        "May 01 12:00:00 ip-10-0-1-23 kubelet[3456]: panic: runtime error: invalid memory address",
        "        goroutine 1 [running]:",
        "        main.main()",
        "-- Reboot --",
        "May 01 12:05:00 ip-10-0-1-23 kubelet[1111]: I0501 12:05:00.250000    1111 server.go:417] started",
    )
    assert got == [
        Record(datetime(2024, 5, 1, 12, 0, tzinfo=UTC), Q.YEAR_INFERRED, None, "src", "m.log", 2, 85,
               "panic: runtime error: invalid memory address\ngoroutine 1 [running]:\nmain.main()", 3),
        Record(datetime(2024, 5, 1, 12, 5, 0, 250000, tzinfo=UTC), Q.YEAR_INFERRED, "info", "src", "m.log", 6, 238,
               "started"),
    ]


def test_seelog_sdk_error_second_line_joins() -> None:
    got = records("vpc_cni",
                  "2019-08-20T14:02:11Z [ERROR]\tFailed to allocate ENI: RequestLimitExceeded: Request limit exceeded.",
                  "\tstatus code: 503, request id: 5e1f")
    assert [(r.message, r.lines, r.level) for r in got] == [
        ("Failed to allocate ENI: RequestLimitExceeded: Request limit exceeded.\nstatus code: 503, request id: 5e1f",
         2, "error")]


def test_lines_without_time_inherit_the_previous_time() -> None:
    got = records("cloud_init_output",
                  "2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: starting",
                  "+ iptables -F",
                  "free text before anything")
    assert [(r.message, r.ts, r.time_quality) for r in got] == [
        ("starting", datetime(2024, 5, 1, 12, 30, 21, tzinfo=UTC), Q.EXACT),
        ("+ iptables -F", datetime(2024, 5, 1, 12, 30, 21, tzinfo=UTC), Q.INHERITED),
        ("free text before anything", datetime(2024, 5, 1, 12, 30, 21, tzinfo=UTC), Q.INHERITED),
    ]


def test_disagreements_are_counted() -> None:
    stats = PlaceStats()
    records("journald", "May 01 10:00:00 ip-10-0-1-23 kubelet[1]: I0430 09:00:00.000000 1 x.go:1] late", stats=stats)
    assert stats == PlaceStats(disagreements=1)
