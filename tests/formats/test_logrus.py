from datetime import datetime, timedelta

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.logrus import parse

UTC = timedelta(0)


def test_containerd_error_keeps_other_fields_after_message() -> None:
    line = (
        'time="2024-05-01T12:34:56.123456789Z" level=error msg="RunPodSandbox for '
        '&PodSandboxMetadata{Name:web-5d8f7,Uid:4f1c,Namespace:default,} failed, error" '
        'error="failed to setup network for sandbox \\"0a1b\\": plugin type=\\"aws-cni\\" name=\\"aws-cni\\" '
        'failed (add): add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable"'
    )
    assert parse(line) == Parsed(
        message="RunPodSandbox for &PodSandboxMetadata{Name:web-5d8f7,Uid:4f1c,Namespace:default,} failed, error "
        'error="failed to setup network for sandbox \\"0a1b\\": plugin type=\\"aws-cni\\" name=\\"aws-cni\\" '
        'failed (add): add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable"',
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56, 123456), True, UTC),
        level="error",
    )


def test_entrypoint_one_second_resolution() -> None:
    assert parse('time="2025-03-01T14:03:52Z" level=info msg="Starting IPAM daemon... "') == Parsed(
        message="Starting IPAM daemon... ",
        stamp=Stamp(datetime(2025, 3, 1, 14, 3, 52), True, UTC),
        level="info",
    )


def test_offset_and_bare_fields() -> None:
    line = (
        'time="2024-05-01T14:34:56.000000001+02:00" level=warning msg="cleaning up dead shim" id=4f1c namespace=k8s.io'
    )
    assert parse(line) == Parsed(
        message="cleaning up dead shim id=4f1c namespace=k8s.io",
        stamp=Stamp(datetime(2024, 5, 1, 14, 34, 56), True, timedelta(hours=2)),
        level="warning",
    )


def test_message_escapes_are_decoded() -> None:
    line = 'time="2024-05-01T12:34:56Z" level=info msg="=== BEGIN goroutine stack dump ===\\ngoroutine 1:\\n\\tmain.go:12 \\\\ caf\\u00e9"'
    assert parse(line) == Parsed(
        message="=== BEGIN goroutine stack dump ===\ngoroutine 1:\n\tmain.go:12 \\ café",
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56), True, UTC),
        level="info",
    )


def test_line_split_inside_a_quoted_value_keeps_the_tail() -> None:
    line = 'time="2024-05-01T12:34:56Z" level=info msg="=== BEGIN goroutine stack dump ===\\ngoroutine 1 [runn'
    assert parse(line) == Parsed(
        message='msg="=== BEGIN goroutine stack dump ===\\ngoroutine 1 [runn',
        stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56), True, UTC),
        level="info",
    )


def test_bare_message_and_empty_value() -> None:
    assert parse('time="2024-05-01T12:34:56Z" level=debug msg=started path=') == Parsed(
        message="started path=", stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56), True, UTC), level="debug"
    )


@pytest.mark.parametrize(
    ("name", "expected"), [("trace", "debug"), ("fatal", "fatal"), ("panic", "fatal"), ("bogus", None)]
)
def test_levels(name: str, expected: str | None) -> None:
    assert parse(f'time="2024-05-01T12:34:56Z" level={name} msg="x"') == Parsed(
        message="x", stamp=Stamp(datetime(2024, 5, 1, 12, 34, 56), True, UTC), level=expected
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        'level=info msg="no time"',
        'time="2024-05-01T12:34:56Z" msg="no level"',
        'time="2024-02-30T12:34:56Z" level=info msg="February 30"',
        'time="2024-05-01T12:34:56" level=info msg="no zone"',
        'time=2024-05-01T12:34:56Z level=info msg="unquoted time"',
        'time="2024-05-01T12:34:56Z" level=info,msg="x"',
        'May 01 12:34:56 host containerd[2811]: time="2024-05-01T12:34:56Z" level=info msg="x"',
    ],
)
def test_not_logrus(line: str) -> None:
    assert parse(line) is None
