from datetime import datetime, timedelta

import pytest

from triage.formats.base import Parsed, Stamp
from triage.formats.cloudinit import parse, parse_output

UTC = timedelta(0)


def test_cloud_init_log() -> None:
    line = (
        "2024-05-01 12:30:01,234 - util.py[DEBUG]: Cloud-init v. 22.2.2 running 'init-local' at "
        "Wed, 01 May 2024 12:30:01 +0000. Up 6.12 seconds."
    )
    assert parse(line) == Parsed(
        message="Cloud-init v. 22.2.2 running 'init-local' at Wed, 01 May 2024 12:30:01 +0000. Up 6.12 seconds.",
        stamp=Stamp(datetime(2024, 5, 1, 12, 30, 1, 234000), True, None),
        level="debug",
        extra=(("caller", "util.py"),),
    )


@pytest.mark.parametrize(
    ("name", "expected"), [("INFO", "info"), ("WARNING", "warning"), ("ERROR", "error"), ("CRITICAL", "fatal")]
)
def test_levels(name: str, expected: str) -> None:
    assert parse(f"2024-05-01 12:30:20,999 - cc_scripts_user.py[{name}]: Failed to run module scripts-user") == Parsed(
        message="Failed to run module scripts-user",
        stamp=Stamp(datetime(2024, 5, 1, 12, 30, 20, 999000), True, None),
        level=expected,
        extra=(("caller", "cc_scripts_user.py"),),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "2024-05-01 12:30:01 - util.py[DEBUG]: no milliseconds",
        "2024-05-01 12:30:01,234 - util.py: no level",
        "2024-02-30 12:30:01,234 - util.py[DEBUG]: February 30",
        "2024-05-01T12:30:01,234 - util.py[DEBUG]: T separator",
    ],
)
def test_not_cloud_init_log(line: str) -> None:
    assert parse(line) is None


def test_output_running_banner() -> None:
    line = "Cloud-init v. 22.2.2 running 'modules:final' at Wed, 01 May 2024 12:30:20 +0000. Up 18.36 seconds."
    assert parse_output(line) == Parsed(
        message=line, stamp=Stamp(datetime(2024, 5, 1, 12, 30, 20), True, UTC), boot_seconds=18.36
    )


def test_output_finished_banner() -> None:
    line = "Cloud-init v. 19.3-46.amzn2 finished at Wed, 01 May 2024 12:30:21 +0000. Datasource DataSourceEc2.  Up 19.12 seconds"
    assert parse_output(line) == Parsed(
        message=line, stamp=Stamp(datetime(2024, 5, 1, 12, 30, 21), True, UTC), boot_seconds=19.12
    )


def test_output_banner_without_uptime() -> None:
    line = "Cloud-init v. 22.2.2 running 'modules:config' at Wed, 01 May 2024 08:30:20 -0400."
    assert parse_output(line) == Parsed(
        message=line, stamp=Stamp(datetime(2024, 5, 1, 8, 30, 20), True, timedelta(hours=-4))
    )


def test_output_bootstrap_line() -> None:
    assert parse_output("2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: complete!") == Parsed(
        message="complete!", stamp=Stamp(datetime(2024, 5, 1, 12, 30, 21), True, UTC), level="info"
    )


def test_output_cloud_init_warning() -> None:
    line = "2024-05-01 12:30:20,123 - util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]"
    assert parse_output(line) == Parsed(
        message="Failed running /var/lib/cloud/instance/scripts/part-001 [1]",
        stamp=Stamp(datetime(2024, 5, 1, 12, 30, 20, 123000), True, None),
        level="warning",
        extra=(("caller", "util.py"),),
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ci-info: +++++++++++++++++++++++++++++Net device info+++++++++++++++++++++++++++++",
        "Installed: kubelet-1.29.3-1.amzn2.x86_64",
        "Cloud-init v. 22.2.2 running 'init' at Wed, 30 Feb 2024 12:30:20 +0000. Up 7.00 seconds.",
        "Cloud-init v. 22.2.2 running 'init' at Wed, 01 May 2024 12:30:20 +2400. Up 7.00 seconds.",
        "Cloud-init v. 22.2.2 running 'init' at Wed, 01 May 2024 12:30:20 UTC. Up 7.00 seconds.",
        "Some text mentioning Cloud-init v. 22.2.2 running 'init' at Wed, 01 May 2024 12:30:20 +0000.",
    ],
)
def test_output_without_time(line: str) -> None:
    assert parse_output(line) is None
