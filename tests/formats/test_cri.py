from datetime import datetime, timedelta

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, LineKind, Parsed, Stamp
from triage.formats.cri import parse

UTC = timedelta(0)


def test_entrypoint_json_payload() -> None:
    line = (
        '2022-03-16T07:55:09.739512345Z stdout F {"level":"info","ts":"2022-03-16T07:55:09.739Z",'
        '"caller":"entrypoint.sh","msg":"Retrying waiting for IPAM-D"}'
    )
    assert parse(line) == Parsed(
        message="Retrying waiting for IPAM-D",
        stamp=Stamp(datetime(2022, 3, 16, 7, 55, 9, 739512), True, UTC),
        inner=Stamp(datetime(2022, 3, 16, 7, 55, 9, 739000), True, UTC),
        level="info",
        extra=(("caller", "entrypoint.sh"), ("stream", "stdout")),
    )


def test_klog_payload_with_offset() -> None:
    line = '2024-05-01T05:34:56.12-07:00 stderr F I0501 05:34:56.119876       1 server.go:846] "Version info" version="v1.29.3"'
    assert parse(line) == Parsed(
        message='"Version info" version="v1.29.3"',
        stamp=Stamp(datetime(2024, 5, 1, 5, 34, 56, 120000), True, timedelta(hours=-7)),
        inner=Stamp(datetime(PLACEHOLDER_YEAR, 5, 1, 5, 34, 56, 119876), False, None),
        level="info",
        extra=(("caller", "server.go:846"), ("stream", "stderr"), ("thread", "1")),
    )


def test_logrus_payload() -> None:
    line = '2023-05-17T19:02:11.000000001Z stderr F time="2023-05-17T19:02:11Z" level=info msg="Checking for IPAM connectivity... "'
    assert parse(line) == Parsed(
        message="Checking for IPAM connectivity... ",
        stamp=Stamp(datetime(2023, 5, 17, 19, 2, 11), True, UTC),
        inner=Stamp(datetime(2023, 5, 17, 19, 2, 11), True, UTC),
        level="info",
        extra=(("stream", "stderr"),),
    )


def test_plain_payload_without_fraction() -> None:
    assert parse("2023-05-17T19:02:10Z stdout F Installed /host/opt/cni/bin/aws-cni") == Parsed(
        message="Installed /host/opt/cni/bin/aws-cni",
        stamp=Stamp(datetime(2023, 5, 17, 19, 2, 10), True, UTC),
        extra=(("stream", "stdout"),),
    )


@pytest.mark.parametrize("line", ["2023-05-17T19:02:10Z stdout F ", "2023-05-17T19:02:10Z stdout F"])
def test_empty_payload(line: str) -> None:
    assert parse(line) == Parsed(
        message="", stamp=Stamp(datetime(2023, 5, 17, 19, 2, 10), True, UTC), extra=(("stream", "stdout"),)
    )


def test_partial_is_not_sniffed() -> None:
    line = '2024-05-01T12:34:56.1Z stdout P {"level":"info","ts":"2024-05-01T12:34:56.099Z","msg":"a very lo'
    assert parse(line) == Parsed(
        message='{"level":"info","ts":"2024-05-01T12:34:56.099Z","msg":"a very lo',
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 100000), True, UTC),
        kind=LineKind.PARTIAL,
        extra=(("stream", "stdout"),),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2024-05-01T12:34:56.1Z stdin F wrong stream",
        "2024-05-01T12:34:56.1Z stdout X wrong tag",
        "2024-05-01T12:34:56.1Z stdout FP two tags",
        "2024-05-01T12:34:56.1 stdout F no zone",
        "2024-02-30T12:34:56.1Z stdout F February 30",
        '{"log":"docker json-file\\n","stream":"stdout","time":"2021-05-01T12:34:56.123456789Z"}',
    ],
)
def test_not_cri(line: str) -> None:
    assert parse(line) is None
