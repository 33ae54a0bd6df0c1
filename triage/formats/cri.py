"""CRI container log lines written by containerd (format code R).

::

    2024-05-01T12:34:56.123456789Z stderr F {"level":"info","ts":"2024-05-01T12:34:56.123Z","msg":"..."}
    2024-05-01T12:34:56.123456789Z stdout P <first part of a long line>

The time is Go ``RFC3339Nano`` (0–9 fraction digits, ``Z`` or ``±hh:mm``), then the stream and the
tag: ``F`` (full) is a ``RECORD`` whose payload is sniffed (entrypoint / zap JSON, logrus, klog,
plain text) with the payload's own time in ``inner``; ``P`` (partial) is a ``PARTIAL`` piece kept
as written, to be joined with the records that follow up to the next ``F``. ``extra`` has ``stream``.

>>> p = parse("2022-03-16T07:55:09.7395Z stdout F Installed /host/opt/cni/bin/aws-cni")
>>> p.message, p.stamp.wall.isoformat(), p.extra
('Installed /host/opt/cni/bin/aws-cni', '2022-03-16T07:55:09.739500', (('stream', 'stdout'),))
"""

from __future__ import annotations

import re

from triage.formats import payload, stamps
from triage.formats.base import Parsed

_LINE = re.compile(
    rf"(?P<ts>{stamps.ISO}) (?P<stream>stdout|stderr) (?P<tag>[FP])(?: (?P<payload>.*))?",
    re.ASCII | re.DOTALL,
)


def parse(line: str) -> Parsed | None:
    """A CRI log line, else ``None``."""
    m = _LINE.fullmatch(line)
    stamp = None if m is None else stamps.iso(m["ts"])
    if m is None or stamp is None:
        return None
    build = payload.envelope if m["tag"] == "F" else payload.fragment
    return build(stamp, m["payload"] or "", [("stream", m["stream"])])
