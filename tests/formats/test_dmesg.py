from datetime import datetime

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.dmesg import parse, parse_raw


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "[   12.345678] ena 0000:00:05.0 eth0: Link is Up",
            Parsed(message="ena 0000:00:05.0 eth0: Link is Up", boot_seconds=12.345678),
        ),
        (
            "[  467.626433] watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [java:4242]",
            Parsed(message="watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [java:4242]", boot_seconds=467.626433),
        ),
        ("[38775494.393661]", Parsed(message="", boot_seconds=38775494.393661)),
    ],
)
def test_raw(line: str, expected: Parsed) -> None:
    assert parse(line) == expected
    assert parse_raw(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "[Wed May  1 12:30:07 2024] nf_conntrack: table full, dropping packet",
            Parsed(
                message="nf_conntrack: table full, dropping packet",
                stamp=Stamp(datetime(2024, 5, 1, 12, 30, 7), True, None),
            ),
        ),
        (
            "[Tue Nov 20 22:30:22 2018] neighbour: arp_cache: neighbor table overflow!",
            Parsed(
                message="neighbour: arp_cache: neighbor table overflow!",
                stamp=Stamp(datetime(2018, 11, 20, 22, 30, 22), True, None),
            ),
        ),
    ],
)
def test_ctime(line: str, expected: Parsed) -> None:
    assert parse(line) == expected


def test_parse_raw_ignores_ctime() -> None:
    assert parse_raw("[Wed May  1 12:30:07 2024] nf_conntrack: table full, dropping packet") is None


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ena 0000:00:05.0 eth0: Link is Up",
        "[   12] no fraction",
        "[Wed Feb 30 12:30:07 2024] February 30",
        "[Wed May  1 12:30:07] no year",
        "[Wed Mai  1 12:30:07 2024] not English",
    ],
)
def test_not_dmesg(line: str) -> None:
    assert parse(line) is None
