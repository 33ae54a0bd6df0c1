"""Container log files under ``var_log/`` (``/var/log/containers`` and ``/var/log/pods`` copies).

Each line is either CRI (containerd, format code R) or docker json-file (dockershim, format code D);
the shape is decided per line::

    2024-05-01T12:34:56.123456789Z stderr F time="2024-05-01T12:34:56Z" level=info msg="Starting IPAM..."
    {"log":"Installed /host/opt/cni/bin/aws-cni\\n","stream":"stdout","time":"2021-05-01T12:34:56.123456789Z"}

>>> p = parse('2022-03-16T07:55:09.739512345Z stdout F {"level":"info","ts":"2022-03-16T07:55:09.739Z",'
...           '"caller":"entrypoint.sh","msg":"Retrying waiting for IPAM-D"}')
>>> p.message, p.level, p.inner.wall.isoformat(), p.extra
('Retrying waiting for IPAM-D', 'info', '2022-03-16T07:55:09.739000',
 (('caller', 'entrypoint.sh'), ('stream', 'stdout')))
"""

from __future__ import annotations

import orjson

from triage.formats import cri, dockerjson
from triage.formats.base import Parsed


def parse(line: str) -> Parsed | None:
    """A CRI or docker json-file line, else ``None``."""
    return dockerjson.parse(line) if line.startswith("{") else cri.parse(line)


def raw_payload(line: str) -> str:
    """The payload of a CRI or docker json-file line as written, not sniffed (to join ``P`` pieces).

    >>> raw_payload('2024-05-01T12:34:56Z stdout F {"msg":"x"}')
    '{"msg":"x"}'
    """
    if line.startswith("{"):
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            return ""
        log = obj.get("log") if isinstance(obj, dict) else None
        return log.removesuffix("\n") if isinstance(log, str) else ""
    parts = line.split(" ", 3)
    return parts[3] if len(parts) == 4 else ""
