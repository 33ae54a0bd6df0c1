"""The time model: year inference, zones, boot offsets, klog/journald agreement, skews."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from triage.clock import (
    Clock,
    ClockEvidence,
    build_clock,
    infer_year,
    parse_btime,
    parse_ctime,
    parse_curl,
)
from triage.formats import decode
from triage.formats.base import TimeQuality
from triage.model import ClockSkew

UTC_CLOCK = Clock(datetime(2025, 1, 2, 0, 40, tzinfo=UTC), "test", timedelta(0), "test", None, None)


@pytest.mark.parametrize(("wall", "anchor", "expected"), [
    (datetime(2000, 12, 28, 23, 59), datetime(2025, 1, 2, 0, 40), datetime(2024, 12, 28, 23, 59)),
    (datetime(2000, 1, 1, 0, 0, 5), datetime(2025, 1, 2, 0, 40), datetime(2025, 1, 1, 0, 0, 5)),
    (datetime(2000, 2, 29, 6, 0), datetime(2024, 3, 5, 12, 0), datetime(2024, 2, 29, 6, 0)),
    (datetime(2000, 2, 29, 6, 0), datetime(2025, 3, 5, 12, 0), datetime(2024, 2, 29, 6, 0)),
    (datetime(2000, 1, 2, 10, 0), datetime(2025, 1, 2, 0, 40), datetime(2025, 1, 2, 10, 0)),  # within slack
    (datetime(2000, 1, 4, 10, 0), datetime(2025, 1, 2, 0, 40), datetime(2024, 1, 4, 10, 0)),  # past slack
])
def test_infer_year(wall: datetime, anchor: datetime, expected: datetime) -> None:
    assert infer_year(wall, anchor) == expected


def test_year_rollover_journald_line() -> None:
    parsed = decode("journald", "Dec 28 23:59:58 ip-10-0-1-23.us-west-2.compute.internal kubelet[3456]: "
                                "I1228 23:59:58.123456    3456 kubelet.go:2410] \"SyncLoop ADD\"")
    assert UTC_CLOCK.place(parsed) == (datetime(2024, 12, 28, 23, 59, 58, 123456, tzinfo=UTC),
                                       TimeQuality.YEAR_INFERRED, False)


def test_klog_and_journald_disagree() -> None:
    parsed = decode("journald", "Jan 01 10:00:00 ip-10-0-1-23 kubelet[3456]: I1231 09:00:00.000001    3456 x.go:1] hi")
    assert UTC_CLOCK.place(parsed) == (datetime(2025, 1, 1, 10, 0, tzinfo=UTC), TimeQuality.YEAR_INFERRED, True)


def test_non_utc_node_containerd_pair_gives_zone() -> None:
    line = ('Nov 03 07:15:02 ip-10-0-1-23 containerd[2811]: time="2025-11-03T07:15:02.123456789-05:00" '
            'level=info msg="loading plugin"')
    parsed = decode("journald", line)
    ev = ClockEvidence(newest_mtime=datetime(2025, 11, 3, 14, 0, tzinfo=UTC))
    assert parsed.stamp is not None
    assert parsed.inner is not None
    assert parsed.inner.offset is not None
    ev.add_zone_pair(parsed.stamp, parsed.inner.wall - parsed.inner.offset)
    clock = build_clock(ev)
    assert (clock.zone, clock.zone_from) == (timedelta(hours=-5),
                                             "containerd journal: journald prefix vs logrus time= (1 lines)")
    kubelet = decode("journald", "Nov 03 07:20:00 ip-10-0-1-23 kubelet[3456]: I1103 07:20:00.500000    3456 x.go:1] hi")
    assert clock.place(kubelet) == (datetime(2025, 11, 3, 12, 20, 0, 500000, tzinfo=UTC),
                                    TimeQuality.YEAR_INFERRED, False)
    assert clock.place(parsed) == (datetime(2025, 11, 3, 12, 15, 2, 123456, tzinfo=UTC), TimeQuality.EXACT, False)


def test_zone_from_al2_journal_header_and_default() -> None:
    assert build_clock(ClockEvidence(header_zones=["EST"])).zone == timedelta(hours=-5)
    clock = build_clock(ClockEvidence(header_zones=["XYZ"], name_capture=datetime(2024, 5, 1, 12, 34, tzinfo=UTC)))
    assert (clock.zone, clock.zone_from, clock.capture_from) == (timedelta(0), None, "bundle file name")
    bare = decode("journald", "May 01 12:00:00 ip-10-0-1-23 systemd[1]: Started x.")
    assert clock.place(bare) == (datetime(2024, 5, 1, 12, 0, tzinfo=UTC), TimeQuality.ZONE_ASSUMED, False)


def test_dmesg_with_btime_and_ctime_cross_check() -> None:
    ev = ClockEvidence(btime=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
                       dmesg_boot={"ena 0000:00:05.0 eth0: link up": 12.5},
                       dmesg_ctime={"ena 0000:00:05.0 eth0: link up": datetime(2024, 5, 1, 10, 0, 15)})
    clock = build_clock(ev)
    assert (clock.boot, clock.boot_from) == (datetime(2024, 5, 1, 10, 0, tzinfo=UTC), "procstat btime")
    assert clock.skews == (ClockSkew("dmesg --ctime/btime", 2.5,
                                     "1 lines of dmesg.human.current vs btime + dmesg seconds"),)
    line = decode("dmesg", "[   12.500000] ena 0000:00:05.0 eth0: link up")
    assert clock.place(line) == (datetime(2024, 5, 1, 10, 0, 12, 500000, tzinfo=UTC),
                                 TimeQuality.FROM_BOOT_OFFSET, False)


def test_boot_time_from_ctime_pairs_when_no_btime() -> None:
    ev = ClockEvidence(dmesg_boot={"a": 10.0}, dmesg_ctime={"a": datetime(2020, 10, 7, 9, 0, 10)})
    clock = build_clock(ev)
    assert (clock.boot, clock.boot_from) == (
        datetime(2020, 10, 7, 9, 0, tzinfo=UTC), "dmesg_ctime (1 lines paired with dmesg)")


def test_dmesg_without_boot_time_is_not_placed() -> None:
    assert build_clock(ClockEvidence()).place(decode("dmesg", "[    1.000000] x")) == (None, TimeQuality.NONE, False)


def test_capture_prefers_mtime_unless_far_from_name() -> None:
    named = datetime(2024, 5, 1, 12, 34, tzinfo=UTC)
    near = build_clock(ClockEvidence(name_capture=named, newest_mtime=named + timedelta(minutes=2)))
    assert (near.capture, near.capture_from) == (named + timedelta(minutes=2), "newest member mtime")
    far = build_clock(ClockEvidence(name_capture=named, newest_mtime=datetime(2038, 1, 1, tzinfo=UTC)))
    assert (far.capture, far.capture_from) == (named, "bundle file name")
    iptables = build_clock(ClockEvidence(iptables_generated=datetime(2024, 5, 1, 7, 40, 5), header_zones=["EST"]))
    assert (iptables.capture, iptables.capture_from) == (datetime(2024, 5, 1, 12, 40, 5, tzinfo=UTC),
                                                         "iptables-save header")


def test_api_server_skew_from_curl() -> None:
    text = ("curling https://ABCDEF0123.gr7.us-west-2.eks.amazonaws.com (1 of 5) 2024-05-01T12:40:07.512UTC\n\n\n"
            "*   Trying 10.0.5.17:443...\n< HTTP/2 200\n< date: Wed, 01 May 2024 12:40:04 GMT\n[+]ping ok\n")
    node, server = parse_curl(text)
    assert (node, server) == (datetime(2024, 5, 1, 12, 40, 7, 512000, tzinfo=UTC),
                              datetime(2024, 5, 1, 12, 40, 4, tzinfo=UTC))
    clock = build_clock(ClockEvidence(curl_node_time=node, curl_server_date=server))
    assert clock.skews == (ClockSkew("node/api-server", 3.512, "curl_api_server: curl header time "
                                     "vs date: response header"),)
    assert clock.capture_from == "curl_api_server header"


def test_snapshot_readers() -> None:
    assert parse_btime("cpu  1 2\nbtime 1714557600\nprocesses 9\n") == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert parse_btime("cpu 1\n") is None
    assert parse_ctime("# Generated by iptables-save v1.8.8 (nf_tables) on Wed May  1 12:40:05 2024") == \
        datetime(2024, 5, 1, 12, 40, 5)
    assert parse_ctime("# Generated by iptables-save v1.8.8 on garbage") is None
