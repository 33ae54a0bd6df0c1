from datetime import datetime, timedelta

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.bootstrap import parse

STAMP = Stamp(datetime(2024, 5, 1, 12, 30, 21), True, timedelta(0))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: --kubelet-extra-args='--node-labels=role=web'",
            Parsed(message="--kubelet-extra-args='--node-labels=role=web'", stamp=STAMP, level="info"),
        ),
        (
            "2024-05-01T12:30:21+0000 [eks-bootstrap] ERROR: cluster name is not defined!",
            Parsed(message="cluster name is not defined!", stamp=STAMP, level="error"),
        ),
        (
            "2024-05-01T12:30:21+0000 [eks-bootstrap] NOTE: kept whole",
            Parsed(message="NOTE: kept whole", stamp=STAMP),
        ),
        (
            "2024-05-01T12:30:21+0000 [eks-bootstrap] complete!",
            Parsed(message="complete!", stamp=STAMP),
        ),
    ],
)
def test_bootstrap(line: str, expected: Parsed) -> None:
    assert parse(line) == expected


def test_local_offset() -> None:
    assert parse("2024-05-01T08:30:21-0400 [eks-bootstrap] INFO: starting...") == Parsed(
        message="starting...", stamp=Stamp(datetime(2024, 5, 1, 8, 30, 21), True, timedelta(hours=-4)), level="info"
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2024-05-01T12:30:21+0000 [other-tag] INFO: starting...",
        "2024-05-01T12:30:21 [eks-bootstrap] INFO: no zone",
        "2024-02-30T12:30:21+0000 [eks-bootstrap] INFO: February 30",
        "[eks-bootstrap] INFO: complete!",
    ],
)
def test_not_bootstrap(line: str) -> None:
    assert parse(line) is None
