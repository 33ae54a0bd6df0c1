import pytest

from triage.formats.base import Parsed
from triage.formats.nodeadm import parse


def test_loaded_configuration() -> None:
    line = (
        'info init/init.go:89 Loaded configuration {"config": {"metadata": {"creationTimestamp": null}, '
        '"status": {"instance": {"id": "i-0a1b2c3d4e5f67890", "type": "m5.large"}}}}'
    )
    assert parse(line) == Parsed(
        message='Loaded configuration {"config": {"metadata": {"creationTimestamp": null}, '
        '"status": {"instance": {"id": "i-0a1b2c3d4e5f67890", "type": "m5.large"}}}}',
        level="info",
        extra=(("caller", "init/init.go:89"),),
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("debug", "debug"), ("warn", "warning"), ("error", "error"), ("dpanic", "fatal"), ("fatal", "fatal")],
)
def test_levels(name: str, expected: str) -> None:
    assert parse(f"{name} kubelet/config.go:347 Writing kubelet config to file..") == Parsed(
        message="Writing kubelet config to file..", level=expected, extra=(("caller", "kubelet/config.go:347"),)
    )


@pytest.mark.parametrize(
    "line",
    [
        "",
        "info Loaded configuration",
        "notice init/init.go:89 Loaded configuration",
        "INFO init/init.go:89 Loaded configuration",
        "info\tinit/init.go:89\tLoaded configuration",
        "info init/init.py:89 Loaded configuration",
    ],
)
def test_not_nodeadm(line: str) -> None:
    assert parse(line) is None
