"""nodeadm log lines (AL2023): zap console encoding with the time key removed (format code NA).

Only the journald prefix around them carries a time::

    info init/init.go:89 Loaded configuration {"config": {"metadata": {"name": "my-cluster"}}}

Level, short caller and message are separated by single spaces; structured fields follow the
message as a JSON object and stay in the message.

>>> p = parse('info kubelet/config.go:347 Writing kubelet config to file.. {"path": "/etc/kubernetes"}')
>>> p.level, p.message, p.extra
('info', 'Writing kubelet config to file.. {"path": "/etc/kubernetes"}',
 (('caller', 'kubelet/config.go:347'),))
"""

from __future__ import annotations

import re

from triage.formats.base import Parsed
from triage.formats.common import level

_LINE = re.compile(
    r"(?P<level>debug|info|warn|error|dpanic|panic|fatal) (?P<caller>[^\s:]+\.go:\d+)(?: (?P<message>.*))?",
    re.ASCII | re.DOTALL,
)


def parse(line: str) -> Parsed | None:
    """A nodeadm console line (no time), else ``None``."""
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    return Parsed(message=m["message"] or "", level=level(m["level"]), extra=(("caller", m["caller"]),))
