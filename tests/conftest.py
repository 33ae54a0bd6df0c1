from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_bundles"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/* from current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def sample(name_part: str) -> Path:
    """The one committed sample bundle whose file name contains ``name_part``."""
    found = [p for p in SAMPLES.iterdir() if name_part in p.name and p.suffix in (".gz", ".zip", ".tgz", ".tar")]
    assert len(found) == 1, f"expected one sample matching {name_part!r}, found {found}"
    return found[0]
