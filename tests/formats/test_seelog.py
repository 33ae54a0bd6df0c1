from datetime import datetime, timedelta

import pytest

from triage.formats.base import LineKind, Parsed, Stamp
from triage.formats.seelog import parse

UTC = timedelta(0)


@pytest.mark.parametrize(
    "line",
    [
        "2019-06-12T21:11:19.012Z [INFO]\tStarting L-IPAMD v1.5.0  ...",
        "2019-06-12T21:11:19.012Z [INFO] \tStarting L-IPAMD v1.5.0  ...",
        "2019-06-12T21:11:19.012Z [INFO] Starting L-IPAMD v1.5.0  ...",
    ],
)
def test_level_separators(line: str) -> None:
    assert parse(line) == Parsed(
        message="Starting L-IPAMD v1.5.0  ...",
        stamp=Stamp(datetime(2019, 6, 12, 21, 11, 19, 12000), True, UTC),
        level="info",
    )


def test_old_one_second_build() -> None:
    assert parse("2018-02-27T13:58:33Z [DEBUG] Discovered region: us-west-2") == Parsed(
        message="Discovered region: us-west-2",
        stamp=Stamp(datetime(2018, 2, 27, 13, 58, 33), True, UTC),
        level="debug",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("TRACE", "debug"), ("WARN", "warning"), ("ERROR", "error"), ("CRITICAL", "fatal"), ("OTHER", None)],
)
def test_levels(name: str, expected: str | None) -> None:
    assert parse(f"2019-07-30T15:31:53Z [{name}]\tx") == Parsed(
        message="x", stamp=Stamp(datetime(2019, 7, 30, 15, 31, 53), True, UTC), level=expected
    )


def test_sdk_error_second_line_is_a_continuation() -> None:
    assert parse("\tstatus code: 503, request id: 5c3b") == Parsed(
        message="status code: 503, request id: 5c3b", kind=LineKind.CONTINUATION
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2019-06-12T21:11:19.012Z Starting without a level",
        "2019-06-12T21:11:19.012Z [INFO]Starting without a separator",
        "2019-06-12T21:11:19.012 [INFO]\tno zone",
        "2019-02-30T21:11:19.012Z [INFO]\tFebruary 30",
        "    status code: 400 (spaces, not a tab)",
    ],
)
def test_not_seelog(line: str) -> None:
    assert parse(line) is None
