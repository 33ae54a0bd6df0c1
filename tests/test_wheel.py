"""The built wheel carries signatures/ and templates/ and works from a fresh virtual environment."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from bundlekit import minimal_members, tar_bytes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("triage-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "triage/_data/signatures/sources.toml" in names
    assert "triage/py.typed" in names
    venv.create(tmp_path / "venv", with_pip=True)
    py = tmp_path / "venv" / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    exe = tmp_path / "venv" / "bin" / "triage"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert version.stdout == "triage 0.1.0\n"
    bundle = tmp_path / "eks_i-0a1b2c3d4e5f67890_2024-05-01_1220-UTC_0.7.9.tar.gz"
    bundle.write_bytes(tar_bytes(minimal_members()))
    out = subprocess.run([str(exe), str(bundle)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert "kubelet_journal" in out.stdout
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    located = subprocess.run([str(py), "-c", "from triage.resources import data_path; print(data_path('signatures'))"],
                             capture_output=True, text=True, check=True, cwd=tmp_path, env=clean)
    assert located.stdout.strip() == str(tmp_path / "venv" / "lib" / f"python{sys.version_info.major}."
                                         f"{sys.version_info.minor}" / "site-packages" / "triage" / "_data" / "signatures")
