"""Kernel ring buffer: raw ``dmesg`` (format code DM) and ``dmesg --ctime`` (DMT), told apart per line.

::

    [   12.345678] ena 0000:00:05.0 eth0: Link is Up
    [Wed May  1 12:30:07 2024] nf_conntrack: table full, dropping packet

A raw line gives ``boot_seconds`` (seconds since boot, µs). A ``--ctime`` line gives a stamp with a
year and no zone (the node's local time, boot time plus the monotonic clock, so it may drift). The
level is not in either shape.

>>> parse("[   12.345678] ena 0000:00:05.0 eth0: Link is Up").boot_seconds
12.345678
>>> parse("[Wed May  1 12:30:07 2024] nf_conntrack: table full, dropping packet").stamp
Stamp(wall=datetime.datetime(2024, 5, 1, 12, 30, 7), has_year=True, offset=None)
"""

from __future__ import annotations

import re

from triage.formats import stamps
from triage.formats.base import Parsed

_RAW = re.compile(r"\[ *(?P<seconds>\d+\.\d+)\](?: (?P<message>.*))?", re.ASCII | re.DOTALL)
_CTIME = re.compile(
    r"\[[A-Z][a-z]{2} (?P<month>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) (?P<hms>\d\d:\d\d:\d\d) (?P<year>\d{4})\]"
    r"(?: (?P<message>.*))?",
    re.ASCII | re.DOTALL,
)


def parse_raw(line: str) -> Parsed | None:
    """A raw ``[seconds] message`` line (also the kernel payload in syslog), else ``None``."""
    m = _RAW.fullmatch(line)
    if m is None:
        return None
    return Parsed(message=m["message"] or "", boot_seconds=float(m["seconds"]))


def _ctime(line: str) -> Parsed | None:
    m = _CTIME.fullmatch(line)
    stamp = None if m is None else stamps.dated(m["year"], m["month"], m["day"], m["hms"])
    if m is None or stamp is None:
        return None
    return Parsed(message=m["message"] or "", stamp=stamp)


def parse(line: str) -> Parsed | None:
    """A raw or ``--ctime`` dmesg line, else ``None``."""
    return parse_raw(line) or _ctime(line)
