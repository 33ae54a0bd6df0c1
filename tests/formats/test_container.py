from datetime import datetime, timedelta

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.container import parse

UTC = timedelta(0)


def test_cri_line() -> None:
    line = (
        '2023-05-17T19:02:11.5Z stderr F time="2023-05-17T19:02:11Z" level=error msg="Failed to wait for IPAM daemon"'
    )
    assert parse(line) == Parsed(
        message="Failed to wait for IPAM daemon",
        stamp=Stamp(datetime(2023, 5, 17, 19, 2, 11, 500000), True, UTC),
        inner=Stamp(datetime(2023, 5, 17, 19, 2, 11), True, UTC),
        level="error",
        extra=(("stream", "stderr"),),
    )


def test_docker_json_line() -> None:
    line = (
        '{"log":"{\\"level\\":\\"info\\",\\"ts\\":\\"2021-05-01T12:34:56.789Z\\",\\"caller\\":\\"entrypoint.sh\\",'
        '\\"msg\\":\\"Retrying waiting for IPAM-D\\"}\\n","stream":"stdout","time":"2021-05-01T12:34:56.790000001Z"}'
    )
    assert parse(line) == Parsed(
        message="Retrying waiting for IPAM-D",
        stamp=Stamp(datetime(2021, 5, 1, 12, 34, 56, 790000), True, UTC),
        inner=Stamp(datetime(2021, 5, 1, 12, 34, 56, 789000), True, UTC),
        level="info",
        extra=(("caller", "entrypoint.sh"), ("stream", "stdout")),
    )


@pytest.mark.parametrize("line", ["", "Installed /host/opt/cni/bin/aws-cni", '{"log":"cut'])
def test_not_container(line: str) -> None:
    assert parse(line) is None
