r"""zap JSON lines (VPC CNI ipamd/plugin/egress plugin >= 1.6.1, network policy agent; format code Z)
and the aws-node entrypoint.sh JSON (VPC CNI 1.7–1.12.0; format code E), which has the same shape::

    {"level":"error","ts":"2024-05-01T12:34:56.789Z","caller":"ipamd/ipamd.go:812","msg":"Failed"}
    {"level":"info","ts":"2022-03-16T07:55:09.739Z","caller":"entrypoint.sh","msg":"Retrying"}

``ts`` is ISO 8601 with ``Z`` or a ``+0000`` style offset. The message is ``msg`` followed by every
other key (all but ``level``, ``ts``, ``caller`` and ``msg``) as `` key=value``: strings bare unless
they hold a blank, ``"`` or ``=`` (then JSON-quoted), other values as compact JSON. ``caller`` goes
to ``extra``. Escapes such as the AWS SDK's ``\n\tstatus code: 400`` are decoded.

>>> p = parse('{"level":"warn","ts":"2024-05-01T12:34:56.789+0000","msg":"Slow","took":1.5,"ip":"10.0.1.2"}')
>>> p.level, p.message, p.stamp.wall.isoformat()
('warning', 'Slow took=1.5 ip=10.0.1.2', '2024-05-01T12:34:56.789000')
"""

from __future__ import annotations

import re

import orjson

from triage.formats import stamps
from triage.formats.base import Parsed
from triage.formats.common import json_object, level

_FIXED = frozenset({"level", "ts", "caller", "msg"})
_NEEDS_QUOTES = re.compile(r'[\s"=]')


def _value(value: object) -> str:
    if isinstance(value, str) and value and not _NEEDS_QUOTES.search(value):
        return value
    return orjson.dumps(value).decode()


def _record(obj: dict[str, object]) -> Parsed | None:
    name, ts, msg, caller = obj.get("level"), obj.get("ts"), obj.get("msg"), obj.get("caller")
    if not (isinstance(name, str) and isinstance(ts, str) and isinstance(msg, str)):
        return None
    stamp = stamps.iso(ts)
    if stamp is None:
        return None
    fields = "".join(f" {key}={_value(value)}" for key, value in obj.items() if key not in _FIXED)
    return Parsed(
        message=msg + fields,
        stamp=stamp,
        level=level(name),
        extra=(("caller", caller),) if isinstance(caller, str) else (),
    )


def parse(line: str) -> Parsed | None:
    """A zap / entrypoint JSON object with string ``level``, ``ts`` and ``msg``, else ``None``."""
    obj = json_object(line)
    return None if obj is None else _record(obj)
