from datetime import datetime, timedelta

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, Parsed, Stamp
from triage.formats.syslog import parse


def yearless(month: int, day: int, hour: int, minute: int, second: int, micro: int = 0) -> Stamp:
    return Stamp(datetime(PLACEHOLDER_YEAR, month, day, hour, minute, second, micro), False, None)


def test_bsd_kubelet_without_pid() -> None:
    line = "May  1 12:34:56 ip-10-0-1-23 kubelet: I0501 12:34:56.789012    3456 server.go:417] Version: v1.29.3"
    assert parse(line) == Parsed(
        message="Version: v1.29.3",
        stamp=yearless(5, 1, 12, 34, 56),
        inner=yearless(5, 1, 12, 34, 56, 789012),
        level="info",
        extra=(("caller", "server.go:417"), ("host", "ip-10-0-1-23"), ("ident", "kubelet"), ("thread", "3456")),
    )


def test_bsd_two_digit_day_with_pid() -> None:
    line = "Feb 23 16:44:36 ip-10-0-1-23 CROND[22817]: (root) CMD (run-parts /etc/cron.hourly)"
    assert parse(line) == Parsed(
        message="(root) CMD (run-parts /etc/cron.hourly)",
        stamp=yearless(2, 23, 16, 44, 36),
        extra=(("host", "ip-10-0-1-23"), ("ident", "CROND"), ("pid", "22817")),
    )


def test_kernel_with_boot_seconds() -> None:
    line = "May  1 12:34:56 ip-10-0-1-23 kernel: [38775494.393661] nf_conntrack: table full, dropping packet"
    assert parse(line) == Parsed(
        message="nf_conntrack: table full, dropping packet",
        stamp=yearless(5, 1, 12, 34, 56),
        boot_seconds=38775494.393661,
        extra=(("host", "ip-10-0-1-23"), ("ident", "kernel")),
    )


def test_kernel_without_boot_seconds() -> None:
    line = "May  1 12:34:56 ip-10-0-1-23 kernel: Out of memory: Killed process 4242 (java)"
    assert parse(line) == Parsed(
        message="Out of memory: Killed process 4242 (java)",
        stamp=yearless(5, 1, 12, 34, 56),
        extra=(("host", "ip-10-0-1-23"), ("ident", "kernel")),
    )


def test_bracket_is_kept_for_other_idents() -> None:
    line = "May  1 12:34:56 ip-10-0-1-23 app: [12.5] not a kernel time"
    assert parse(line) == Parsed(
        message="[12.5] not a kernel time",
        stamp=yearless(5, 1, 12, 34, 56),
        extra=(("host", "ip-10-0-1-23"), ("ident", "app")),
    )


def test_rfc3339_kernel() -> None:
    line = "2024-05-01T12:34:56.123456+00:00 ip-10-0-1-23 kernel: [   12.345678] ena 0000:00:05.0 eth0: Link is Up"
    assert parse(line) == Parsed(
        message="ena 0000:00:05.0 eth0: Link is Up",
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, timedelta(0)),
        boot_seconds=12.345678,
        extra=(("host", "ip-10-0-1-23"), ("ident", "kernel")),
    )


def test_containerd_logrus_payload() -> None:
    line = (
        'May  1 12:34:56 ip-10-0-1-23 containerd: time="2024-05-01T12:34:56.123456789Z" level=info '
        'msg="loading plugin \\"io.containerd.grpc.v1.cri\\"..." type=io.containerd.grpc.v1'
    )
    assert parse(line) == Parsed(
        message='loading plugin "io.containerd.grpc.v1.cri"... type=io.containerd.grpc.v1',
        stamp=yearless(5, 1, 12, 34, 56),
        inner=Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, timedelta(0)),
        level="info",
        extra=(("host", "ip-10-0-1-23"), ("ident", "containerd")),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        # the first line of a `tail -c` copy, cut mid-line
        "ubelet: I0501 12:34:56.789012    3456 server.go:417] Version: v1.29.3",
        "1 12:34:56 ip-10-0-1-23 kubelet: cut inside the date",
        "  1 12:34:56 ip-10-0-1-23 kubelet: cut inside the month",
        "May  1 12:34:56 ip-10-0-1-23 last message repeated 2 times",
        "Feb 30 12:34:56 ip-10-0-1-23 kubelet: February 30",
        "May  1 12:61:56 ip-10-0-1-23 kubelet: minute 61",
        "2024-05-01T12:34:56.123456 ip-10-0-1-23 kernel: no zone",
    ],
)
def test_not_syslog(line: str) -> None:
    assert parse(line) is None
