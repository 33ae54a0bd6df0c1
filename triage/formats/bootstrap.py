"""AL2 ``/etc/eks/bootstrap.sh`` log lines (AMIs built since 2023-04; format code BS).

They reach ``var_log/cloud-init-output.log`` through the user data's stderr::

    2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: --kubelet-extra-args='--node-labels=role=web'

``date '+%Y-%m-%dT%H:%M:%S%z'`` (with a zone, 1 s), the ``[eks-bootstrap]`` tag, then the text the
script logged, which by convention starts with ``INFO:``/``ERROR:``; a line without a known level keeps its
whole text as the message.

>>> p = parse("2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: Using containerd as container runtime")
>>> p.level, p.message, p.stamp.offset
('info', 'Using containerd as container runtime', datetime.timedelta(0))
"""

from __future__ import annotations

import re

from triage.formats import stamps
from triage.formats.base import Parsed
from triage.formats.common import level

_LINE = re.compile(rf"(?P<ts>{stamps.ISO}) \[eks-bootstrap\](?: (?P<text>.*))?", re.ASCII | re.DOTALL)
_LEVEL = re.compile(r"(?P<level>[A-Z]+): ?(?P<message>.*)", re.ASCII | re.DOTALL)


def parse(line: str) -> Parsed | None:
    """A bootstrap.sh log line, else ``None``."""
    m = _LINE.fullmatch(line)
    stamp = None if m is None else stamps.iso(m["ts"])
    if m is None or stamp is None:
        return None
    text = m["text"] or ""
    prefix = _LEVEL.fullmatch(text)
    name = None if prefix is None else level(prefix["level"])
    if prefix is None or name is None:
        return Parsed(message=text, stamp=stamp)
    return Parsed(message=prefix["message"], stamp=stamp, level=name)
