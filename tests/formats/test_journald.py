from datetime import datetime, timedelta

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, LineKind, Parsed, Stamp
from triage.formats.journald import parse

HOST = "ip-10-0-1-23.us-west-2.compute.internal"


def yearless(month: int, day: int, hour: int, minute: int, second: int, micro: int = 0) -> Stamp:
    return Stamp(datetime(PLACEHOLDER_YEAR, month, day, hour, minute, second, micro), False, None)


def test_kubelet_entry_with_klog_payload_and_escaped_quotes() -> None:
    line = (
        f"May 01 12:34:56 {HOST} kubelet[3456]: E0501 12:34:56.789012    3456 pod_workers.go:1298] "
        '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ErrImagePull: '
        '\\"pull QPS exceeded\\"" pod="default/web-5d8f7"'
    )
    assert parse(line) == Parsed(
        message='"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with '
        'ErrImagePull: \\"pull QPS exceeded\\"" pod="default/web-5d8f7"',
        stamp=yearless(5, 1, 12, 34, 56),
        inner=yearless(5, 1, 12, 34, 56, 789012),
        level="error",
        extra=(
            ("caller", "pod_workers.go:1298"),
            ("host", HOST),
            ("ident", "kubelet"),
            ("pid", "3456"),
            ("thread", "3456"),
        ),
    )


def test_containerd_entry_with_logrus_payload() -> None:
    line = (
        f'May 01 12:34:56 {HOST} containerd[2811]: time="2024-05-01T12:34:56.123456789Z" level=error '
        'msg="StopPodSandbox for \\"0a1b\\" failed" error="failed to destroy network for sandbox \\"0a1b\\": '
        'plugin type=\\"aws-cni\\" name=\\"aws-cni\\" failed (delete)"'
    )
    assert parse(line) == Parsed(
        message='StopPodSandbox for "0a1b" failed error="failed to destroy network for sandbox \\"0a1b\\": '
        'plugin type=\\"aws-cni\\" name=\\"aws-cni\\" failed (delete)"',
        stamp=yearless(5, 1, 12, 34, 56),
        inner=Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, timedelta(0)),
        level="error",
        extra=(("host", HOST), ("ident", "containerd"), ("pid", "2811")),
    )


def test_nodeadm_entry() -> None:
    line = f'May 01 12:30:02 {HOST} nodeadm[1802]: info init/init.go:89 Loaded configuration {{"config": {{}}}}'
    assert parse(line) == Parsed(
        message='Loaded configuration {"config": {}}',
        stamp=yearless(5, 1, 12, 30, 2),
        level="info",
        extra=(("caller", "init/init.go:89"), ("host", HOST), ("ident", "nodeadm"), ("pid", "1802")),
    )


def test_ident_without_pid_and_plain_payload() -> None:
    assert parse(f"Feb 29 23:59:59 {HOST} kernel: ena 0000:00:05.0 eth0: Link is Up") == Parsed(
        message="ena 0000:00:05.0 eth0: Link is Up",
        stamp=yearless(2, 29, 23, 59, 59),
        extra=(("host", HOST), ("ident", "kernel")),
    )


def test_empty_payload() -> None:
    assert parse(f"May 01 12:34:56 {HOST} systemd[1]:") == Parsed(
        message="", stamp=yearless(5, 1, 12, 34, 56), extra=(("host", HOST), ("ident", "systemd"), ("pid", "1"))
    )


def test_short_iso_precise() -> None:
    line = '2024-05-01T12:34:56.123456+00:00 ip-10-0-1-23 kubelet[3456]: I0501 12:34:56.120001    3456 kubelet.go:2410] "SyncLoop ADD"'
    assert parse(line) == Parsed(
        message='"SyncLoop ADD"',
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, timedelta(0)),
        inner=yearless(5, 1, 12, 34, 56, 120001),
        level="info",
        extra=(
            ("caller", "kubelet.go:2410"),
            ("host", "ip-10-0-1-23"),
            ("ident", "kubelet"),
            ("pid", "3456"),
            ("thread", "3456"),
        ),
    )


@pytest.mark.parametrize(
    ("line", "begin", "end"),
    [
        (
            "-- Logs begin at Tue 2024-04-30 08:12:01 UTC, end at Wed 2024-05-01 12:34:50 UTC. --",
            "2024-04-30 08:12:01",
            "2024-05-01 12:34:50",
        ),
        (
            "-- Journal begins at Thu 2024-02-29 08:12:01 UTC, ends at Wed 2024-05-01 12:34:50 UTC. --",
            "2024-02-29 08:12:01",
            "2024-05-01 12:34:50",
        ),
    ],
)
def test_header(line: str, begin: str, end: str) -> None:
    year, month, day = (int(part) for part in begin[:10].split("-"))
    assert parse(line) == Parsed(
        message=line,
        stamp=Stamp(datetime(year, month, day, 8, 12, 1), True, None),
        kind=LineKind.HEADER,
        extra=(("begin", begin), ("end", end), ("zone", "UTC")),
    )


def test_no_entries() -> None:
    assert parse("-- No entries --") == Parsed(message="-- No entries --", kind=LineKind.NO_ENTRIES)


def test_reboot() -> None:
    assert parse("-- Reboot --") == Parsed(message="-- Reboot --", kind=LineKind.BOOT)


def test_boot_with_id() -> None:
    line = "-- Boot 0123abcd4567ef890123abcd4567ef89 --"
    assert parse(line) == Parsed(
        message=line, kind=LineKind.BOOT, extra=(("boot", "0123abcd4567ef890123abcd4567ef89"),)
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("                                                   goroutine 1 [running]:", "goroutine 1 [running]:"),
        ("\tmain.main()", "main.main()"),
    ],
)
def test_indented_line_is_a_continuation(line: str, expected: str) -> None:
    assert parse(line) == Parsed(message=expected, kind=LineKind.CONTINUATION)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "-- Logs begin at Tue 2024-02-30 08:12:01 UTC, end at Wed 2024-05-01 12:34:50 UTC. --",
        "-- Logs begin at 2024-04-30 08:12:01 UTC, end at 2024-05-01 12:34:50 UTC. --",
        "-- Subject: A start job for unit kubelet.service has finished successfully",
        "-- Boot --",
        "-- No entries",
        f"Foo 01 12:34:56 {HOST} kubelet[3456]: unknown month",
        f"May 32 12:34:56 {HOST} kubelet[3456]: May 32",
        f"May 01 24:00:00 {HOST} kubelet[3456]: hour 24",
        f"May 01 12:34:56 {HOST} no tag here",
        "y 01 12:34:56 ip-10-0-1-23 kubelet[3456]: cut",
    ],
)
def test_not_journald(line: str) -> None:
    assert parse(line) is None
