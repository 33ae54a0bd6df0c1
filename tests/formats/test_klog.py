from datetime import datetime

import pytest

from triage.formats.base import PLACEHOLDER_YEAR, LineKind, Parsed, Stamp
from triage.formats.klog import parse, parse_record


def at(month: int, day: int, hour: int, minute: int, second: int, micro: int) -> Stamp:
    return Stamp(datetime(PLACEHOLDER_YEAR, month, day, hour, minute, second, micro), False, None)


def test_structured_record_with_escaped_quotes() -> None:
    line = (
        'E0903 10:30:03.291420    1088 pod_workers.go:1298] "Error syncing pod, skipping" '
        'err="failed to \\"StartContainer\\" for \\"app\\" with ErrImagePull: \\"pull QPS exceeded\\"" '
        'pod="default/web-5d8f7" podUID="4f1c"'
    )
    assert parse(line) == Parsed(
        message='"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with '
        'ErrImagePull: \\"pull QPS exceeded\\"" pod="default/web-5d8f7" podUID="4f1c"',
        stamp=at(9, 3, 10, 30, 3, 291420),
        level="error",
        extra=(("caller", "pod_workers.go:1298"), ("thread", "1088")),
    )


def test_unstructured_record() -> None:
    line = (
        "I0501 12:34:56.036164    3456 log.go:245] http: TLS handshake error from 10.0.2.15:45274: "
        "no serving certificate available for the kubelet"
    )
    assert parse(line) == Parsed(
        message="http: TLS handshake error from 10.0.2.15:45274: no serving certificate available for the kubelet",
        stamp=at(5, 1, 12, 34, 56, 36164),
        level="info",
        extra=(("caller", "log.go:245"), ("thread", "3456")),
    )


@pytest.mark.parametrize(("letter", "expected"), [("I", "info"), ("W", "warning"), ("E", "error"), ("F", "fatal")])
def test_levels(letter: str, expected: str) -> None:
    assert parse(f"{letter}0229 00:00:00.000001       1 server.go:417] x") == Parsed(
        message="x",
        stamp=at(2, 29, 0, 0, 0, 1),
        level=expected,
        extra=(("caller", "server.go:417"), ("thread", "1")),
    )


def test_empty_message() -> None:
    assert parse("W0501 12:34:56.789012 3456 kubelet.go:2410]") == Parsed(
        message="",
        stamp=at(5, 1, 12, 34, 56, 789012),
        level="warning",
        extra=(("caller", "kubelet.go:2410"), ("thread", "3456")),
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            '\t\tfailed to find plugin "aws-cni" in path [/opt/cni/bin]',
            'failed to find plugin "aws-cni" in path [/opt/cni/bin]',
        ),
        (" >", ">"),
    ],
)
def test_continuation_of_multiline_value(line: str, expected: str) -> None:
    assert parse(line) == Parsed(message=expected, kind=LineKind.CONTINUATION)


def test_parse_record_has_no_continuation() -> None:
    assert parse_record("\t\tfailed to find plugin") is None


@pytest.mark.parametrize(
    "line",
    [
        "",
        "X0501 12:34:56.789012    3456 kubelet.go:2410] unknown level letter",
        "I0230 12:34:56.789012    3456 kubelet.go:2410] February 30",
        "I0501 25:34:56.789012    3456 kubelet.go:2410] hour 25",
        "I1301 12:34:56.789012    3456 kubelet.go:2410] month 13",
        "I0501 12:34:56.789    3456 kubelet.go:2410] milliseconds only",
        "I0501 12:34:56.789012    3456 kubelet.go:2410 no bracket",
        "I0501 12:34:56.789012    3456 kubelet.go] no line number",
        "i0501 12:34:56.789012    3456 kubelet.go:2410] lower case letter",
        "May 01 12:34:56 host kubelet[3456]: I0501 12:34:56.789012    3456 kubelet.go:2410] journald",
    ],
)
def test_not_klog(line: str) -> None:
    assert parse(line) is None
