from datetime import datetime, timedelta

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.zapjson import parse

UTC = timedelta(0)


def test_ipamd_error_with_sdk_escapes() -> None:
    line = (
        '{"level":"error","ts":"2023-03-09T04:09:07.998Z","caller":"ipamd/ipamd.go:819","msg":"Failed to '
        "increase pool size due to not able to allocate ENI AllocENI: error attaching ENI: attachENI: failed "
        "to attach ENI: AttachmentLimitExceeded: Interface count 4 exceeds the limit for d3en.12xlarge"
        '\\n\\tstatus code: 400, request id: 04af"}'
    )
    assert parse(line) == Parsed(
        message="Failed to increase pool size due to not able to allocate ENI AllocENI: error attaching ENI: "
        "attachENI: failed to attach ENI: AttachmentLimitExceeded: Interface count 4 exceeds the limit for "
        "d3en.12xlarge\n\tstatus code: 400, request id: 04af",
        stamp=Stamp(datetime(2023, 3, 9, 4, 9, 7, 998000), True, UTC),
        level="error",
        extra=(("caller", "ipamd/ipamd.go:819"),),
    )


def test_entrypoint_json() -> None:
    line = (
        '{"level":"info","ts":"2022-03-16T07:55:09.739Z","caller":"entrypoint.sh","msg":"Retrying waiting for IPAM-D"}'
    )
    assert parse(line) == Parsed(
        message="Retrying waiting for IPAM-D",
        stamp=Stamp(datetime(2022, 3, 16, 7, 55, 9, 739000), True, UTC),
        level="info",
        extra=(("caller", "entrypoint.sh"),),
    )


def test_offset_without_colon_and_extra_keys() -> None:
    line = (
        '{"level":"debug","ts":"2024-05-01T14:34:56.789+0200","caller":"rpc/rpc.go:12","msg":"Received",'
        '"ip":"10.0.1.2","count":3,"ok":true,"note":"two words","empty":"","tags":{"a":[1,2]},"none":null}'
    )
    assert parse(line) == Parsed(
        message='Received ip=10.0.1.2 count=3 ok=true note="two words" empty="" tags={"a":[1,2]} none=null',
        stamp=Stamp(datetime(2024, 5, 1, 14, 34, 56, 789000), True, timedelta(hours=2)),
        level="debug",
        extra=(("caller", "rpc/rpc.go:12"),),
    )


def test_without_caller() -> None:
    assert parse('{"level":"warn","ts":"2024-05-01T12:34:56.789Z","msg":"Slow"}') == Parsed(
        message="Slow", stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 789000), True, UTC), level="warning"
    )


@pytest.mark.parametrize(("name", "expected"), [("dpanic", "fatal"), ("panic", "fatal"), ("fatal", "fatal")])
def test_fatal_levels(name: str, expected: str) -> None:
    assert parse(f'{{"level":"{name}","ts":"2024-05-01T12:34:56.789Z","msg":"x"}}') == Parsed(
        message="x", stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 789000), True, UTC), level=expected
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "[1, 2]",
        '{"level":"info","ts":"2024-05-01T12:34:56.789Z","msg":"truncated',
        '{"level":"info","msg":"no ts"}',
        '{"level":"info","ts":1714566896.789,"msg":"epoch ts"}',
        '{"level":"info","ts":"2024-02-30T12:34:56.789Z","msg":"February 30"}',
        '{"ts":"2024-05-01T12:34:56.789Z","msg":"no level"}',
        '{"level":"info","ts":"2024-05-01T12:34:56.789Z"}',
        '{"level":"info","ts":"2024-05-01T12:34:56.789Z","msg":7}',
        '{"level":"info","ts":"2024-05-01T12:34:56.789Z","msg":"\udcff"}',
        ' {"level":"info","ts":"2024-05-01T12:34:56.789Z","msg":"leading blank"}',
        "{" * 2000,
    ],
)
def test_not_zap(line: str) -> None:
    assert parse(line) is None
