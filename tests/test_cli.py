"""The installed ``triage`` console script: exit codes, stdout/stderr, and hostile input end to end."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import orjson
import pytest
from bundlekit import MTIME, Entry, minimal_members, tar_bytes
from isal import igzip

TRIAGE = Path(sys.executable).with_name("triage")
RSS_LIMIT_KB = 300 * 1024


def run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([str(TRIAGE), *args], capture_output=True, cwd=cwd, input=stdin, env=env, check=False)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def run_measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the CLI in a child Python that reports its own peak RSS (KiB) on the last stderr line.

    The peak is VmHWM of /proc/self/status: ru_maxrss would carry over the (large) pytest parent's
    peak across fork and exec."""
    code = ("import sys\nfrom triage.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    rc = e.code or 0\n"
            "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
            "sys.stderr.write(f'\\nRSS {hwm}\\n')\nsys.exit(rc)\n")
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=cwd, check=False)
    err = proc.stderr.decode()
    rss = int(err.rsplit("RSS ", 1)[1])
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), err.rsplit("\nRSS ", 1)[0]), rss


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, "triage 0.1.0\n", "")


def test_help_has_examples_and_exit_codes() -> None:
    top = run("--help")
    assert top.returncode == 0
    assert "analyze" in top.stdout
    assert "Example" in top.stdout
    sub = run("analyze", "--help")
    assert sub.returncode == 0
    assert "Examples:" in sub.stdout
    assert "Exit codes" in sub.stdout
    assert "--max-bytes" in sub.stdout


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.tar.gz", b"", "Error: not a bundle: the file is empty\n"),
    ("image.tar.gz", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
     "Error: not a bundle: this is a PNG image, not a tar.gz, tar or zip archive\n"),
    ("noise.tar.gz", bytes((i * 7919) % 251 for i in range(4096)),
     "Error: not a bundle: not a tar.gz, tar or zip archive (unrecognised leading bytes)\n"),
    ("log.tar.gz", igzip.compress(b"May  1 12:00:00 host kernel: hello\n" * 50),
     "Error: not a bundle: gzip data that is not a tar archive (invalid header)\n"),
    ("other.tar.gz", tar_bytes([Entry("./src/main.c", b"int main(){}\n")], dirs=("src",)),
     "Error: not an EKS log bundle: none of the collector's directories (kernel/, system/, var_log/, kubelet/, "
     "ipamd/, ...) is in it\n"),
])
def test_not_a_bundle_exits_2_with_one_line(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    result = run(str(write(tmp_path, name, data)))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_missing_path_and_bad_option(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nope.tar.gz"))
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"Error: cannot read {tmp_path / 'nope.tar.gz'}: No such file or directory\n"
    bad = run(str(tmp_path), "--max-bytes", "lots")
    assert bad.returncode == 2
    assert "'lots' is not a size" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_summary_text_and_json(tmp_path: Path) -> None:
    path = write(tmp_path, "eks_i-0a1b2c3d4e5f67890_2024-05-01_1220-UTC_0.7.9.tar.gz", tar_bytes(minimal_members()))
    text = run(str(path))
    report = tmp_path / (path.name + ".report.html")
    assert (text.returncode, text.stderr) == (0, f"report: {report}\n")
    assert report.read_text().startswith("<!DOCTYPE html>")
    assert "i-0a1b2c3d4e5f67890 (bundle file name) · collector 0.7.9 · eks-log-collector 0.7+ · AL2023" in text.stdout
    assert "\x1b[" not in text.stdout
    doc = orjson.loads(run(str(path), "--format", "json").stdout)
    assert doc["schema_version"] == "2"
    assert doc["bundle"]["capture_time"] == "2024-05-01T12:20:00Z"
    kubelet = next(s for s in doc["sources"] if s["name"] == "kubelet_journal")
    assert (kubelet["lines"], kubelet["first_ts"], kubelet["time_quality"]) == (
        1, "2024-05-01T11:20:00.123456Z", "zone_assumed")


def test_stdin(tmp_path: Path) -> None:
    result = run("-", "--format", "json", stdin=tar_bytes(minimal_members()))
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["bundle"]["layout"]["container"] == "tar.gz"


def test_hostile_members_are_warnings_and_nothing_is_written(tmp_path: Path) -> None:
    entries = [*minimal_members(), Entry("../../escape.txt", b"x"), Entry("/etc/cron.d/evil", b"x"),
               Entry("./var_log/aws-node-x_kube-system_aws-node-" + "a" * 64 + ".log", kind=tarfile.SYMTYPE,
                     linkname="/var/lib/docker/containers/abc/abc-json.log"),
               Entry("./kubelet/kubelet.log.bad", b"\xff\xfe\x00\x00 binary \x00 garbage \xc3\x28\n" * 100)]
    work = tmp_path / "cwd"
    work.mkdir()
    path = write(tmp_path, "b.tar.gz", tar_bytes(entries))
    result = run(str(path), "--format", "json", cwd=work)
    assert result.returncode == 0, result.stderr
    codes = [w["code"] for w in orjson.loads(result.stdout)["warnings"]]
    assert codes == ["unsafe_path", "unsafe_path", "skipped_symlink", "zone_assumed"]
    assert list(work.iterdir()) == []
    assert not (tmp_path.parent / "escape.txt").exists()


def test_invalid_utf8_and_nul_in_log_lines(tmp_path: Path) -> None:
    bad = (b"May 01 12:00:00 ip-10-0-1-23 kubelet[1]: E0501 12:00:00.000000 1 x.go:1] bad \xff\xfe\x00 bytes\n"
           b"\x00\x00\x00\n" + b"May 01 12:00:01 ip-10-0-1-23 kubelet[1]: I0501 12:00:01.000000 1 x.go:1] \xe2\x82\n")
    entries = [e for e in minimal_members() if e.name != "./kubelet/kubelet.log"] + [Entry("./kubelet/kubelet.log", bad)]
    result = run(str(write(tmp_path, "b.tar.gz", tar_bytes(entries))), "--format", "json")
    assert result.returncode == 0, result.stderr
    kubelet = next(s for s in orjson.loads(result.stdout)["sources"] if s["name"] == "kubelet_journal")
    assert (kubelet["lines"], kubelet["first_ts"], kubelet["last_ts"]) == (
        3, "2024-05-01T12:00:00Z", "2024-05-01T12:00:01Z")


def test_truncated_bundle_reports_what_was_read(tmp_path: Path) -> None:
    filler = "".join(f"May 01 12:{i // 60 % 60:02d}:{i % 60:02d} ip-10-0-1-23 kubelet[1]: line {i * 7919 % 100003}\n"
                     for i in range(60000)).encode()
    data = tar_bytes([*minimal_members(), Entry("./containerd/containerd-log.txt", filler),
                      Entry("./networking/iptables-save.txt", b"*nat\nCOMMIT\n")])
    result = run(str(write(tmp_path, "b.tar.gz", data[: len(data) * 3 // 4])), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = orjson.loads(result.stdout)
    assert doc["warnings"][0]["code"] == "bundle_truncated"
    assert doc["warnings"][0]["message"].startswith("bundle truncated or corrupt at containerd/containerd-log.txt")
    names = [s["name"] for s in doc["sources"]]
    assert "kubelet_journal" in names
    assert "iptables_save" not in names


def _bomb(path: Path, zeros: int) -> None:
    """A tar.gz holding a small bundle, then one member of ``zeros`` zero bytes; written streaming."""

    def header(name: str, size: int) -> bytes:
        info = tarfile.TarInfo(name)
        info.size, info.mtime = size, MTIME
        return info.tobuf(tarfile.GNU_FORMAT)

    with igzip.open(path, "wb", compresslevel=0) as gz:
        for e in minimal_members():
            gz.write(header(e.name, len(e.data)) + e.data + bytes(-len(e.data) % 512))
        gz.write(header("./var_log/messages", zeros))
        chunk = bytes(8 << 20)
        for start in range(0, zeros, len(chunk)):
            gz.write(chunk[: min(len(chunk), zeros - start)])
        gz.write(bytes(-zeros % 512 + 1024))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.tar.gz"
    _bomb(path, 2 << 30)
    return path


@pytest.mark.slow
def test_two_gib_of_zeros_stops_at_member_cap_in_bounded_memory(bomb: Path, tmp_path: Path) -> None:
    result, rss = run_measured(str(bomb), "--format", "json", "--max-member-bytes", "256M", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = orjson.loads(result.stdout)
    codes = [w["code"] for w in doc["warnings"]]
    assert codes[:2] == ["member_cap", "long_lines"]
    assert "var_log/messages: stopped after 268435456 decompressed bytes" in doc["warnings"][0]["message"]
    assert {"kubelet_journal", "dmesg"} <= {s["name"] for s in doc["sources"]}
    assert rss < RSS_LIMIT_KB
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_total_cap_stops_before_the_bomb_and_keeps_the_rest(bomb: Path, tmp_path: Path) -> None:
    result, rss = run_measured(str(bomb), "--format", "json", "--max-bytes", "100M", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = orjson.loads(result.stdout)
    assert doc["warnings"][0]["code"] == "total_cap"
    assert doc["warnings"][0]["message"].startswith("stopped before var_log/messages")
    assert {"kubelet_journal", "dmesg"} <= {s["name"] for s in doc["sources"]}
    assert rss < RSS_LIMIT_KB


def test_fifty_megabyte_line_is_cut_with_a_warning(tmp_path: Path) -> None:
    line = b"May 01 12:00:00 ip-10-0-1-23 kubelet[1]: " + b"A" * (50 << 20)
    entries = [e for e in minimal_members() if e.name != "./kubelet/kubelet.log"]
    entries.append(Entry("./kubelet/kubelet.log", line + b"\nMay 01 12:00:05 ip-10-0-1-23 kubelet[1]: after\n"))
    result, rss = run_measured(str(write(tmp_path, "b.tar.gz", tar_bytes(entries))), "--format", "json",
                               cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = orjson.loads(result.stdout)
    assert doc["warnings"][0] == {
        "code": "long_lines",
        "message": "kubelet/kubelet.log: 1 line(s) longer than 1048576 bytes were cut (first at line 1; "
                   "51380265 bytes dropped)",
        "member": "kubelet/kubelet.log",
    }
    kubelet = next(s for s in doc["sources"] if s["name"] == "kubelet_journal")
    assert (kubelet["lines"], kubelet["last_ts"]) == (2, "2024-05-01T12:00:05Z")
    assert rss < RSS_LIMIT_KB


def _qps_bundle(tmp_path: Path) -> Path:
    qps = ('May 01 12:{m:02d}:00 ip-10-0-1-23.us-west-2.compute.internal kubelet[1088]: E0501 12:{m:02d}:00.000000    1088 '
           'pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with '
           'ErrImagePull: \\"pull QPS exceeded\\"" pod="default/web"')
    entries = [e for e in minimal_members() if e.name != "./kubelet/kubelet.log"]
    entries.append(Entry("./kubelet/kubelet.log", "".join(qps.format(m=m) + "\n" for m in (0, 5, 10, 15)).encode()))
    return write(tmp_path, "b.tar.gz", tar_bytes(entries))


def test_fail_on_sets_exit_1_only_at_or_above_the_severity(tmp_path: Path) -> None:
    path = _qps_bundle(tmp_path)
    assert run(str(path), "--fail-on", "warning").returncode == 1
    assert run(str(path), "--fail-on", "error").returncode == 0
    assert run(str(path)).returncode == 0
    bad = run(str(path), "--fail-on", "fatal")
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_since_and_until_restrict_the_window(tmp_path: Path) -> None:
    path = _qps_bundle(tmp_path)

    def qps_finding(*args: str) -> tuple[int, str, str] | None:
        doc = orjson.loads(run(str(path), "--format", "json", *args).stdout)
        found = [f for f in doc["findings"] if f["signature_id"] == "image_pull_qps_exceeded"]
        return (found[0]["count"], found[0]["first_ts"], found[0]["last_ts"]) if found else None

    assert qps_finding() == (4, "2024-05-01T12:00:00Z", "2024-05-01T12:15:00Z")
    assert qps_finding("--since", "2024-05-01T12:04:00Z", "--until", "2024-05-01T12:11:00") == (
        2, "2024-05-01T12:05:00Z", "2024-05-01T12:10:00Z")
    assert qps_finding("--since", "2024-05-01T13:00:00Z") is None
    bad = run(str(path), "--since", "yesterday-ish")
    assert (bad.returncode, "is not an ISO 8601 time" in bad.stderr) == (2, True)


def test_signatures_commands(tmp_path: Path) -> None:
    listed = run("signatures", "list", "--format", "json")
    assert listed.returncode == 0
    rows = orjson.loads(listed.stdout)
    assert {"ipamd_not_starting", "image_pull_qps_exceeded", "ebs_io_throttling"} <= {r["id"] for r in rows}
    lint = run("signatures", "lint")
    assert lint.returncode == 0
    assert lint.stdout.endswith(" hypotheses, no problems\n")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "oops.toml").write_text('id = "oops"\n')
    broken = run("signatures", "lint", "--signatures", str(bad))
    assert broken.returncode == 2
    assert f"{bad / 'oops.toml'}:1:1: 'title' is required" in broken.stdout
    assert broken.stderr.startswith("Error: ")
    analysed = run(str(_qps_bundle(tmp_path)), "--signatures", str(bad))
    assert analysed.returncode == 2
    assert "signature library has" in analysed.stderr


def test_output_formats_and_destinations(tmp_path: Path) -> None:
    path = write(tmp_path, "b.tar.gz", tar_bytes(minimal_members()))
    only_summary = run(str(path), "--no-report")
    assert (only_summary.returncode, only_summary.stderr) == (0, "")
    assert not (tmp_path / "b.tar.gz.report.html").exists()
    chosen = tmp_path / "ticket.html"
    assert run(str(path), "-o", str(chosen)).returncode == 0
    assert chosen.read_text().startswith("<!DOCTYPE html>")
    sarif = run(str(path), "--format", "sarif")
    assert orjson.loads(sarif.stdout)["version"] == "2.1.0"
    out = tmp_path / "doc.json"
    assert run(str(path), "--format", "json", "-o", str(out)).stdout == ""
    assert orjson.loads(out.read_text())["schema_version"] == "2"
    html = run(str(path), "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert not (tmp_path / "b.tar.gz.report.html").exists()
    unwritable = run(str(path), "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert unwritable.returncode == 2
    assert unwritable.stderr.startswith("Error: cannot write ")
