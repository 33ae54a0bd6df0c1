from datetime import datetime, timedelta

import pytest

from triage.formats.base import LineKind, Parsed, Stamp
from triage.formats.vpccni import parse

UTC = timedelta(0)


def test_zap_line() -> None:
    line = (
        '{"level":"info","ts":"2024-05-01T12:30:11.402Z","caller":"aws-k8s-agent/main.go:105",'
        '"msg":"Starting L-IPAMD v1.18.3-eksbuild.1  ..."}'
    )
    assert parse(line) == Parsed(
        message="Starting L-IPAMD v1.18.3-eksbuild.1  ...",
        stamp=Stamp(datetime(2024, 5, 1, 12, 30, 11, 402000), True, UTC),
        level="info",
        extra=(("caller", "aws-k8s-agent/main.go:105"),),
    )


def test_seelog_line() -> None:
    line = "2019-07-30T15:31:53Z [ERROR]\tFailed to increase pool size: RequestLimitExceeded: Request limit exceeded."
    assert parse(line) == Parsed(
        message="Failed to increase pool size: RequestLimitExceeded: Request limit exceeded.",
        stamp=Stamp(datetime(2019, 7, 30, 15, 31, 53), True, UTC),
        level="error",
    )


def test_seelog_continuation() -> None:
    assert parse("\tstatus code: 400, request id: 04af") == Parsed(
        message="status code: 400, request id: 04af", kind=LineKind.CONTINUATION
    )


@pytest.mark.parametrize(
    "line",
    [
        '{"level":"info","ts":"2024-05-01T12:30:11.402Z","msg":"cut',
        "Installed /host/opt/cni/bin/aws-cni",
        "",
    ],
)
def test_not_vpc_cni(line: str) -> None:
    assert parse(line) is None
