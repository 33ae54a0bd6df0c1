"""Syslog lines written by rsyslog: BSD (format code B) and RFC 3339 (B3339).

::

    May  1 12:34:56 ip-10-0-1-23 kubelet: I0501 12:34:56.789012    3456 server.go:417] Version: v1.29.3
    2024-05-01T12:34:56.123456+00:00 ip-10-0-1-23 kernel: [38775494.393661] nf_conntrack: table full

The BSD time has no year and no zone; the day is padded with a space (``May  1``; a zero as in
journald's ``May 01`` is accepted too). The tag is ``ident`` or ``ident[pid]``. The payload is
sniffed (klog, logrus, zap JSON, nodeadm, plain text): its own time goes to ``inner``. A kernel line
that starts with ``[seconds since boot]`` gets ``boot_seconds`` and loses the bracket. The first line
of ``var_log/messages`` (``tail -c``) may be cut mid-line; such a line is not syslog and gives ``None``.

>>> p = parse("May  1 12:34:56 ip-10-0-1-23 kernel: [   12.345678] ena 0000:00:05.0 eth0: link up")
>>> p.message, p.boot_seconds, p.stamp.wall.isoformat(), p.stamp.has_year, p.extra
('ena 0000:00:05.0 eth0: link up', 12.345678, '2000-05-01T12:34:56', False,
 (('host', 'ip-10-0-1-23'), ('ident', 'kernel')))
"""

from __future__ import annotations

import re

from triage.formats import dmesg, payload, stamps
from triage.formats.base import Parsed, Stamp

#: Pattern text of ``ident[pid]: payload`` (groups ``ident``, ``pid``, ``payload``), shared with ``snap``.
TAG = r"(?P<ident>[^\s\[\]:]+)(?:\[(?P<pid>\d*)\])?:(?: (?P<payload>.*))?"

_LINE = re.compile(
    rf"(?:(?P<month>[A-Z][a-z]{{2}}) +(?P<day>\d{{1,2}}) (?P<hms>\d\d:\d\d:\d\d)|(?P<iso>{stamps.ISO}))"
    rf" (?P<host>\S+) {TAG}",
    re.ASCII | re.DOTALL,
)


def tagged(stamp: Stamp, m: re.Match[str], fields: payload.Fields = ()) -> Parsed:
    """The record of a ``TAG`` match: the payload sniffed, a kernel ``[seconds]`` taken out."""
    text = m["payload"] or ""
    kernel = dmesg.parse_raw(text) if m["ident"] == "kernel" else None
    return payload.envelope(
        stamp,
        text if kernel is None else kernel.message,
        [*fields, ("ident", m["ident"]), ("pid", m["pid"])],
        boot_seconds=None if kernel is None else kernel.boot_seconds,
    )


def parse(line: str) -> Parsed | None:
    """A BSD or RFC 3339 syslog line, else ``None``."""
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    stamp = stamps.iso(m["iso"]) if m["iso"] else stamps.yearless(m["month"], m["day"], m["hms"])
    return None if stamp is None else tagged(stamp, m, [("host", m["host"])])
