"""triage against `tar -xzf` + `rg -f <all signature patterns>` on the same large generated bundle.

    python bench/vs_ripgrep.py                 # 1024 MB uncompressed bundle, 3 runs each, alternating
    python bench/vs_ripgrep.py --size-mb 256 --runs 5

Both sides do the same job at the core (decompress everything, run every signature pattern over every
line); triage also decodes the matched lines' times, evaluates the conditions and writes its JSON.
Prints each side's median wall time, the ratio triage/ripgrep (target <= 1.0), and triage's peak
RSS (target < 300 MB). Needs /usr/bin/time and ripgrep (Debian packages 'time' and 'ripgrep').
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from memory import bundle, measure

from triage.signatures import load_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("needs ripgrep (apt-get install ripgrep)")
    path = bundle(args.size_mb)
    triage = shutil.which("triage") or str(Path(sys.executable).with_name("triage"))
    with tempfile.TemporaryDirectory(prefix="triage-bench-") as tmp:
        patterns = Path(tmp) / "patterns.txt"
        regexes = [p.regex for s in load_library().ordered() for p in s.patterns]
        patterns.write_text("\n".join(regexes) + "\n")
        out = Path(tmp) / "x"
        baseline = ["sh", "-c", f'rm -rf "{out}" && mkdir "{out}" && tar -xzf "{path}" -C "{out}" && '
                                f'"{rg}" --no-messages -c -f "{patterns}" "{out}" > /dev/null; true']
        ours = [triage, str(path), "--format", "json", "--quiet"]
        t_ours, t_base, rss = [], [], []
        for _ in range(args.runs):
            seconds, peak = measure(ours)
            t_ours.append(seconds)
            rss.append(peak)
            t_base.append(measure(baseline)[0])
    a, b = statistics.median(t_ours), statistics.median(t_base)
    print(f"bundle {path.name}: {path.stat().st_size / 1e6:.1f} MB compressed, ~{args.size_mb} MB uncompressed, "
          f"{len(regexes)} patterns")
    print(f"triage           median {a:6.2f} s   (runs: {', '.join(f'{t:.2f}' for t in t_ours)})")
    print(f"tar -xzf + rg -f median {b:6.2f} s   (runs: {', '.join(f'{t:.2f}' for t in t_base)})")
    print(f"ratio triage / (tar + rg) = {a / b:.2f}   triage peak RSS {max(rss) / 1024:.0f} MB")


if __name__ == "__main__":
    main()
