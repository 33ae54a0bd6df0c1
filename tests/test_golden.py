"""Golden JSON documents of every sample bundle. Regenerate on purpose only: pytest --update-golden."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from conftest import SAMPLES

from triage.engine import analyze
from triage.report.jsonout import render_json

GOLDEN = Path(__file__).resolve().parent / "golden"
BUNDLES = sorted(p for p in SAMPLES.iterdir() if p.name.endswith((".tar.gz", ".zip")))


def normalised(path: Path) -> str:
    """The JSON document with what changes between machines and releases masked."""
    doc = orjson.loads(render_json(analyze(str(path))))
    doc["tool"]["version"] = "<version>"
    doc["tool"]["signatures_digest"] = "<digest>"
    doc["tool"]["signatures"] = "<count>"
    doc["bundle"]["path"] = f"sample_bundles/{path.name}"
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()


@pytest.mark.golden
@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_golden_json(bundle: Path, update_golden: bool) -> None:
    golden = GOLDEN / f"{bundle.name}.json"
    got = normalised(bundle)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(got)
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden on purpose"
    assert got == golden.read_text()
