import pytest

from triage.formats.base import LineKind, Parsed
from triage.formats.common import continuation, level


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("trace", "debug"),
        ("DEBUG", "debug"),
        ("info", "info"),
        ("INFO", "info"),
        ("warn", "warning"),
        ("WARNING", "warning"),
        ("error", "error"),
        ("ERROR", "error"),
        ("fatal", "fatal"),
        ("panic", "fatal"),
        ("dpanic", "fatal"),
        ("CRITICAL", "fatal"),
        ("notice", None),
        ("", None),
    ],
)
def test_level(name: str, expected: str | None) -> None:
    assert level(name) == expected


@pytest.mark.parametrize(
    ("line", "leaders", "expected"),
    [
        ("\tstatus code: 400, request id: 04af", "\t", "status code: 400, request id: 04af"),
        ("    goroutine 1 [running]:  ", " \t", "goroutine 1 [running]:"),
        (" \t ", " \t", ""),
    ],
)
def test_continuation(line: str, leaders: str, expected: str) -> None:
    assert continuation(line, leaders) == Parsed(message=expected, kind=LineKind.CONTINUATION)


@pytest.mark.parametrize(
    ("line", "leaders"), [("", " \t"), ("status code: 400", "\t"), ("  indented with spaces", "\t")]
)
def test_not_continuation(line: str, leaders: str) -> None:
    assert continuation(line, leaders) is None
