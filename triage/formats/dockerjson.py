r"""Docker json-file container log lines (dockershim nodes, EKS <= 1.23; format code D).

::

    {"log":"Installed /host/opt/cni/bin/aws-cni\n","stream":"stdout","time":"2021-05-01T12:34:56.123456789Z"}

``time`` (RFC 3339, ns) is the stamp and ``stream`` goes to ``extra``. ``log`` ends with ``\n``,
which is dropped, and is sniffed like a CRI payload. dockerd splits lines longer than 16 KiB and
writes the pieces without the ``\n``: such a piece is ``PARTIAL``, kept as written.

>>> p = parse('{"log":"Starting IPAM daemon\\n","stream":"stdout","time":"2021-05-01T12:34:56.1Z"}')
>>> p.kind.value, p.message, p.stamp.wall.isoformat()
('record', 'Starting IPAM daemon', '2021-05-01T12:34:56.100000')
"""

from __future__ import annotations

from triage.formats import payload, stamps
from triage.formats.base import Parsed
from triage.formats.common import json_object


def _record(obj: dict[str, object]) -> Parsed | None:
    log, stream, time = obj.get("log"), obj.get("stream"), obj.get("time")
    if not (isinstance(log, str) and isinstance(stream, str) and isinstance(time, str)):
        return None
    stamp = stamps.iso(time)
    if stamp is None:
        return None
    if log.endswith("\n"):
        return payload.envelope(stamp, log[:-1], [("stream", stream)])
    return payload.fragment(stamp, log, [("stream", stream)])


def parse(line: str) -> Parsed | None:
    """A docker json-file line, else ``None``."""
    obj = json_object(line)
    return None if obj is None else _record(obj)
