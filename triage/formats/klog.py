"""klog lines (kubelet, kube-proxy, client-go): format code K.

A record is a header and the message after ``] ``::

    I0501 12:34:56.789012    3456 kubelet.go:2410] "SyncLoop ADD" source="api" pods=["default/web-5d8f7"]

The header holds the level letter (I/W/E/F), month and day, the time to the microsecond (no year,
no zone), the thread id and ``file:line``. In a bare klog file (``var_log/kube-proxy.log``) a line
that starts with a space or a tab continues the previous record: it is the body of a multi-line
``err=<`` value.

>>> p = parse('E0903 10:30:03.291420    1088 pod_workers.go:1298] "Error syncing pod" err="x \\\\"y\\\\""')
>>> p.level, p.message, p.stamp.wall.isoformat(), p.extra
('error', '"Error syncing pod" err="x \\\\"y\\\\""', '2000-09-03T10:30:03.291420',
 (('caller', 'pod_workers.go:1298'), ('thread', '1088')))
"""

from __future__ import annotations

import re

from triage.formats import stamps
from triage.formats.base import Parsed
from triage.formats.common import continuation

_LEVELS = {"I": "info", "W": "warning", "E": "error", "F": "fatal"}
_HEADER = re.compile(
    r"(?P<level>[IWEF])(?P<month>\d\d)(?P<day>\d\d) (?P<hms>\d\d:\d\d:\d\d)\.(?P<micro>\d{6}) +"
    r"(?P<thread>\d+) (?P<caller>[^\s\]]+:\d+)\](?: (?P<message>.*))?",
    re.ASCII | re.DOTALL,
)


def parse_record(line: str) -> Parsed | None:
    """A line that starts with a klog header, else ``None`` (used for payloads inside envelopes)."""
    m = _HEADER.fullmatch(line)
    if m is None:
        return None
    stamp = stamps.yearless(m["month"], m["day"], m["hms"], m["micro"])
    if stamp is None:
        return None
    return Parsed(
        message=m["message"] or "",
        stamp=stamp,
        level=_LEVELS[m["level"]],
        extra=(("caller", m["caller"]), ("thread", m["thread"])),
    )


def parse(line: str) -> Parsed | None:
    """A klog record, or an indented continuation line of a bare klog file."""
    return continuation(line, " \t") or parse_record(line)
