from datetime import datetime, timedelta

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, Parsed, Stamp
from triage.formats.snap import parse


def test_kubelet_eks_daemon() -> None:
    line = '2024-05-01T12:34:56Z kubelet-eks.daemon[2103]: E0501 12:34:56.789012    2103 kubelet.go:2855] "Container runtime network not ready"'
    assert parse(line) == Parsed(
        message='"Container runtime network not ready"',
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56), True, timedelta(0)),
        inner=Stamp(datetime(PLACEHOLDER_YEAR, 5, 1, 12, 34, 56, 789012), False, None),
        level="error",
        extra=(("caller", "kubelet.go:2855"), ("ident", "kubelet-eks.daemon"), ("pid", "2103"), ("thread", "2103")),
    )


def test_local_zone_and_empty_pid() -> None:
    assert parse("2024-05-01T14:34:56+02:00 kubelet-eks.daemon[]: Flag --cloud-provider has been deprecated") == Parsed(
        message="Flag --cloud-provider has been deprecated",
        stamp=Stamp(datetime(2024, 5, 1, 14, 34, 56), True, timedelta(hours=2)),
        extra=(("ident", "kubelet-eks.daemon"),),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2024-05-01T12:34:56 kubelet-eks.daemon[2103]: no zone",
        "2024-05-01T12:34:56Z kubelet-eks.daemon[2103] no colon",
        "2024-05-01T12:34:56Z ip-10-0-1-23 kubelet[2103]: a syslog host",
        "2024-04-31T12:34:56Z kubelet-eks.daemon[2103]: April 31",
    ],
)
def test_not_snap(line: str) -> None:
    assert parse(line) is None
