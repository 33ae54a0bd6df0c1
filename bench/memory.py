"""Peak memory and time of ``triage`` on a large generated bundle, measured with ``/usr/bin/time -v``.

    python bench/memory.py                 # 1024 MB uncompressed bundle (generated once into bench/out/)
    python bench/memory.py --size-mb 256

Prints the bundle's size, wall time, and peak RSS, and exits 1 when peak RSS is over --max-rss-mb.
The figure to watch is that peak RSS does not grow with the bundle: run two sizes and compare.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def bundle(size_mb: int) -> Path:
    path = OUT / f"eks_i-0be0c4a1b2c3d4e5f_2026-10-14_0912-UTC_0.7.9-large{size_mb}.tar.gz"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "sample_bundles" / "generate.py"), "--large", str(path),
                        "--size-mb", str(size_mb)], check=True)
    return path


def measure(cmd: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS KiB) of ``cmd`` as /usr/bin/time -v reports them."""
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (Debian package 'time')")
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))  # type: ignore[union-attr]
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    assert wall is not None
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--max-rss-mb", type=int, default=300)
    args = parser.parse_args()
    path = bundle(args.size_mb)
    triage = shutil.which("triage") or str(Path(sys.executable).with_name("triage"))
    seconds, rss = measure([triage, str(path), "--format", "json", "--quiet"])
    print(f"bundle {path.name}: {path.stat().st_size / 1e6:.1f} MB compressed, ~{args.size_mb} MB uncompressed")
    print(f"triage: {seconds:.2f} s wall, peak RSS {rss / 1024:.1f} MB (limit {args.max_rss_mb} MB)")
    sys.exit(0 if rss / 1024 <= args.max_rss_mb else 1)


if __name__ == "__main__":
    main()
