"""Acceptance on the committed sample bundles: identity, layout, clock, time ranges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from conftest import sample

from triage.engine import analyze
from triage.formats.base import TimeQuality
from triage.model import Layout

HEALTHY = "0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.tar"


def test_healthy_sources_fall_in_the_ten_days_before_capture() -> None:
    result = analyze(str(sample(HEALTHY)))
    capture = result.bundle.capture_time
    assert capture == datetime(2026, 10, 14, 9, 13, 19, tzinfo=UTC)
    timed = [s for s in result.sources if s.kind == "log" and s.first_ts is not None]
    assert len(timed) >= 15
    for s in timed:
        assert s.last_ts is not None
        assert capture - timedelta(days=10) <= s.first_ts <= s.last_ts <= capture, s.name
    untimed = {s.name for s in result.sources if s.kind == "log" and s.first_ts is None}
    assert untimed == {"docker_journal", "sandbox_image_journal", "multicard_journal"}
    assert {c.source: c.status for c in result.coverage if c.status != "present"} == {
        "docker_journal": "no_entries", "sandbox_image_journal": "no_entries", "multicard_journal": "no_entries"}
    assert result.warnings == ()


@pytest.mark.parametrize(("name", "layout", "instance", "zone"), [
    (HEALTHY, Layout("eks-log-collector", "0.7+", "al2023", "tar.gz", True, None, ("uname: amzn2023 kernel",)),
     "i-0a1b2c3d4e5f67890", 0),
    ("0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.zip",
     Layout("eks-log-collector", "0.7+", "al2023", "zip", False, "eks_i-0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9",
            ("uname: amzn2023 kernel",)), "i-0a1b2c3d4e5f67890", 0),
    ("2020-10-07_1411-UTC_0.6.2", Layout("eks-log-collector", "0.6", "al2", "tar.gz", True, None, (
        "collector 0.6.x: no procstat or io_throttling (added in 0.7.0)", "uname: amzn2 kernel")),
     "i-0f3a9b8c7d6e5f4a2", 0),
    ("2019-08-20_1530-UTC_0.5.1", Layout("eks-log-collector", "0.5", "al2", "tar.gz", True, None, (
        "collector 0.5.x: kubeproxy_journal, ipamd_legacy_text",
        "uname: amzn2 kernel")), "i-0e1d2c3b4a5968778", 0),
    ("compute.internal-logs", Layout("node-monitoring-agent", "agent", "al2023", "tar.gz", False, None, (
        "node monitoring agent sources: agent_api_server, pressure",
        "uname: amzn2023 kernel")), "i-0a1b2c3d4e5f67890", 0),
    ("2025-12-03_1527-UTC_0.7.9", Layout("eks-log-collector", "0.7+", "al2", "tar.gz", True, None, (
        "uname: amzn2 kernel",)), "i-0e9d8c7b6a5f4e3d2", -300),
])
def test_layouts_identity_and_zone(name: str, layout: Layout, instance: str, zone: int) -> None:
    result = analyze(str(sample(name)))
    assert result.bundle.layout == layout
    assert result.bundle.instance_id == instance
    assert result.clock.zone_offset_minutes == zone
    assert result.clock.zone_from is not None


def test_year_rollover_sample() -> None:
    result = analyze(str(sample("2026-01-02_0040-UTC")))
    kubelet = next(s for s in result.sources if s.name == "kubelet_journal")
    assert kubelet.first_ts is not None
    assert kubelet.last_ts is not None
    assert kubelet.first_ts.year == 2025
    assert kubelet.last_ts.year == 2026
    assert kubelet.time_quality is TimeQuality.YEAR_INFERRED


def test_non_utc_node_places_local_stamps_in_utc() -> None:
    result = analyze(str(sample("2025-12-03_1527-UTC_0.7.9")))
    assert result.bundle.capture_time is not None
    for s in result.sources:
        if s.last_ts is not None:
            assert s.last_ts <= result.bundle.capture_time, s.name


@pytest.mark.parametrize("name", [HEALTHY, "0a1b2c3d4e5f67890_2026-10-14_0912-UTC_0.7.9.zip", "compute.internal-logs"])
def test_healthy_nodes_have_no_finding_at_warning_or_above(name: str) -> None:
    result = analyze(str(sample(name)))
    assert [f.signature_id for f in result.findings if f.severity != "info"] == []
