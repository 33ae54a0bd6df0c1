"""``snap logs kubelet-eks`` lines (Ubuntu; format code SN).

::

    2024-05-01T12:34:56Z kubelet-eks.daemon[2103]: I0501 12:34:56.789012    2103 server.go:417] ...

Go RFC 3339 in the node's zone (``Z`` or ``±hh:mm``), 1 s resolution, then ``ident[pid]: payload``
with no host. The payload is sniffed (normally klog, whose time goes to ``inner``).

>>> p = parse("2024-05-01T12:34:56Z kubelet-eks.daemon[2103]: W0501 12:34:56.789012    2103 a.go:1] low")
>>> p.level, p.message, p.stamp.offset, p.inner.wall.isoformat()
('warning', 'low', datetime.timedelta(0), '2000-05-01T12:34:56.789012')
"""

from __future__ import annotations

import re

from triage.formats import stamps, syslog
from triage.formats.base import Parsed

_LINE = re.compile(rf"(?P<ts>{stamps.ISO}) {syslog.TAG}", re.ASCII | re.DOTALL)


def parse(line: str) -> Parsed | None:
    """A ``snap logs`` line, else ``None``."""
    m = _LINE.fullmatch(line)
    stamp = None if m is None else stamps.iso(m["ts"])
    if m is None or stamp is None:
        return None
    return syslog.tagged(stamp, m)
