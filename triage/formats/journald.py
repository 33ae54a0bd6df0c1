"""journalctl output: ``short`` (format code J), ``short-iso-precise``, headers and markers.

::

    -- Logs begin at Tue 2024-04-30 08:12:01 UTC, end at Wed 2024-05-01 12:34:50 UTC. --
    May 01 12:34:56 ip-10-0-1-23.us-west-2.compute.internal kubelet[3456]: E0501 12:34:56.789012 ...
    2024-05-01T12:34:56.123456+00:00 ip-10-0-1-23 containerd[2811]: time="..." level=error msg="..."
    -- Reboot --
    -- No entries --

An entry is ``<time> <host> <ident>[pid]: <payload>`` (``ident:`` without a pid too). The ``short``
time has no year and no zone; ``short-iso-precise`` has both. The payload is sniffed as in
``syslog``: the prefix time is ``stamp``, a time inside the payload is ``inner``. A line indented
with blanks continues the previous entry (multi-line messages). Header lines (systemd <= 249) become
``HEADER`` with the begin time as ``stamp`` and ``zone``, ``begin`` and ``end`` in ``extra``;
``-- No entries --`` is ``NO_ENTRIES``; ``-- Reboot --`` and ``-- Boot <id> --`` are ``BOOT``.

>>> p = parse("-- Journal begins at Tue 2024-04-30 08:12:01 UTC, ends at Wed 2024-05-01 12:34:50 UTC. --")
>>> p.kind.value, p.stamp.wall.isoformat(), p.extra
('header', '2024-04-30T08:12:01', (('begin', '2024-04-30 08:12:01'), ('end', '2024-05-01 12:34:50'),
 ('zone', 'UTC')))
"""

from __future__ import annotations

import re

from triage.formats import stamps, syslog
from triage.formats.base import LineKind, Parsed
from triage.formats.common import continuation

_HEADER = re.compile(
    r"-- (?:Logs begin|Journal begins) at [A-Z][a-z]{2} "
    r"(?P<begin>(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d) (?P<hms>\d\d:\d\d:\d\d)) (?P<zone>\S+), "
    r"ends? at [A-Z][a-z]{2} (?P<end>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) \S+\. --",
    re.ASCII,
)
_BOOT = re.compile(r"-- (?:Reboot|Boot (?P<boot>[0-9a-f]+)) --", re.ASCII)
_NO_ENTRIES = "-- No entries --"


def _header(line: str) -> Parsed | None:
    m = _HEADER.fullmatch(line)
    stamp = None if m is None else stamps.dated(m["year"], m["month"], m["day"], m["hms"])
    if m is None or stamp is None:
        return None
    extra = (("begin", m["begin"]), ("end", m["end"]), ("zone", m["zone"]))
    return Parsed(message=line, stamp=stamp, kind=LineKind.HEADER, extra=extra)


def _marker(line: str) -> Parsed | None:
    if line == _NO_ENTRIES:
        return Parsed(message=line, kind=LineKind.NO_ENTRIES)
    m = _BOOT.fullmatch(line)
    if m is None:
        return None
    return Parsed(message=line, kind=LineKind.BOOT, extra=(("boot", m["boot"]),) if m["boot"] else ())


def parse(line: str) -> Parsed | None:
    """A journal entry, an indented continuation line, a header or a marker line, else ``None``."""
    if line.startswith("-- "):
        return _header(line) or _marker(line)
    return continuation(line, " \t") or syslog.parse(line)
