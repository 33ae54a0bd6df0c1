r"""seelog text lines (VPC CNI <= 1.6.0 ipamd.log / plugin.log): format code S.

::

    2019-06-12T21:11:19.012Z [INFO]\tStarting L-IPAMD v1.5.0  ...
    2018-02-27T13:58:33Z [DEBUG] Discovered region: us-west-2

The time has a zone (``Z``), ms or s resolution. ``[LEVEL]`` (TRACE, DEBUG, INFO, WARN, ERROR,
CRITICAL) is followed by a tab, a space and a tab, or a space. An AWS SDK error spans two physical
lines; the second starts with a tab (``\tstatus code: 400, request id: ...``) and is a continuation.

>>> p = parse("2019-07-30T15:31:53Z [ERROR]\tFailed to increase pool size: RequestLimitExceeded")
>>> p.level, p.message, p.stamp.wall.isoformat()
('error', 'Failed to increase pool size: RequestLimitExceeded', '2019-07-30T15:31:53')
"""

from __future__ import annotations

import re

from triage.formats import stamps
from triage.formats.base import Parsed
from triage.formats.common import continuation, level

_LINE = re.compile(rf"(?P<ts>{stamps.ISO}) \[(?P<level>[A-Z]+)\](?:(?: ?\t| )(?P<message>.*))?", re.ASCII | re.DOTALL)


def _record(line: str) -> Parsed | None:
    m = _LINE.fullmatch(line)
    stamp = None if m is None else stamps.iso(m["ts"])
    if m is None or stamp is None:
        return None
    return Parsed(message=m["message"] or "", stamp=stamp, level=level(m["level"]))


def parse(line: str) -> Parsed | None:
    """A seelog record or its tab-indented continuation, else ``None``."""
    return continuation(line, "\t") or _record(line)
