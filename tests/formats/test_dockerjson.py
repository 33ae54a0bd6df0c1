from datetime import datetime, timedelta

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, LineKind, Parsed, Stamp
from triage.formats.dockerjson import parse

UTC = timedelta(0)


def test_klog_payload() -> None:
    line = (
        '{"log":"E0501 12:34:56.789012       1 proxier.go:1509] \\"Failed to execute iptables-restore\\" '
        'err=\\"exit status 4\\"\\n","stream":"stderr","time":"2021-05-01T12:34:56.790123456Z"}'
    )
    assert parse(line) == Parsed(
        message='"Failed to execute iptables-restore" err="exit status 4"',
        stamp=Stamp(datetime(2021, 5, 1, 12, 34, 56, 790123), True, UTC),
        inner=Stamp(datetime(PLACEHOLDER_YEAR, 5, 1, 12, 34, 56, 789012), False, None),
        level="error",
        extra=(("caller", "proxier.go:1509"), ("stream", "stderr"), ("thread", "1")),
    )


def test_plain_payload() -> None:
    line = '{"log":"Installed /host/opt/cni/bin/aws-cni\\n","stream":"stdout","time":"2020-09-04T13:53:07.657910856Z"}'
    assert parse(line) == Parsed(
        message="Installed /host/opt/cni/bin/aws-cni",
        stamp=Stamp(datetime(2020, 9, 4, 13, 53, 7, 657910), True, UTC),
        extra=(("stream", "stdout"),),
    )


def test_piece_without_newline_is_partial() -> None:
    line = '{"log":"{\\"level\\":\\"info\\",\\"msg\\":\\"a very lo","stream":"stdout","time":"2021-05-01T12:34:56Z"}'
    assert parse(line) == Parsed(
        message='{"level":"info","msg":"a very lo',
        stamp=Stamp(datetime(2021, 5, 1, 12, 34, 56), True, UTC),
        kind=LineKind.PARTIAL,
        extra=(("stream", "stdout"),),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        '{"log":"x\\n","stream":"stdout","time":"2021-05-01T12:34:56Z"',
        '{"log":"x\\n","stream":"stdout"}',
        '{"log":"x\\n","time":"2021-05-01T12:34:56Z"}',
        '{"stream":"stdout","time":"2021-05-01T12:34:56Z"}',
        '{"log":1,"stream":"stdout","time":"2021-05-01T12:34:56Z"}',
        '{"log":"x\\n","stream":"stdout","time":"2021-02-30T12:34:56Z"}',
        '["log","stream","time"]',
        "2021-05-01T12:34:56Z stdout F cri",
    ],
)
def test_not_docker_json(line: str) -> None:
    assert parse(line) is None
