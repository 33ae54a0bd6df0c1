r"""VPC CNI log files (``var_log/aws-routed-eni/*.log``): zap JSON (CNI >= 1.6.1) or seelog (<= 1.6.0).

The format is decided per line, because a file can hold both after an upgrade::

    {"level":"info","ts":"2024-05-01T12:30:11.402Z","caller":"aws-k8s-agent/main.go:105","msg":"Starting"}
    2019-06-12T21:11:19.012Z [INFO]\tStarting L-IPAMD v1.5.0  ...
    \tstatus code: 400, request id: 04af

>>> [parse(line).kind.value for line in ('{"level":"info","ts":"2024-05-01T12:30:11.402Z","msg":"x"}',
...                                        "2019-06-12T21:11:19.012Z [INFO]\tx", "\tstatus code: 400")]
['record', 'record', 'continuation']
"""

from __future__ import annotations

from triage.formats import seelog, zapjson
from triage.formats.base import Parsed


def parse(line: str) -> Parsed | None:
    """A zap / entrypoint JSON line, a seelog line or a seelog continuation, else ``None``."""
    return zapjson.parse(line) if line.startswith("{") else seelog.parse(line)
