import doctest
import importlib
import pkgutil
from datetime import datetime, timedelta
from types import ModuleType

import pytest

import triage.formats
from triage.formats import FORMAT_NAMES, FORMATS, decode
from triage.formats.base import LineKind, Parsed, Stamp

MODULES = [
    importlib.import_module(f"triage.formats.{info.name}") for info in pkgutil.iter_modules(triage.formats.__path__)
]

#: Real-shaped lines of every format, the seeds of the robustness test.
SAMPLES = [
    "-- Logs begin at Tue 2024-04-30 08:12:01 UTC, end at Wed 2024-05-01 12:34:50 UTC. --",
    "-- Boot 0123abcd4567ef890123abcd4567ef89 --",
    'May 01 12:34:56 ip-10-0-1-23 kubelet[3456]: E0501 12:34:56.789012    3456 pod_workers.go:1298] "Error" err="a \\"b\\""',
    'May 01 12:34:56 ip-10-0-1-23 containerd[2811]: time="2024-05-01T12:34:56.123456789Z" level=error msg="x \\"y\\"" error="z"',
    'May 01 12:30:02 ip-10-0-1-23 nodeadm[1802]: info init/init.go:89 Loaded configuration {"config": {}}',
    "May  1 12:34:56 ip-10-0-1-23 kernel: [38775494.393661] nf_conntrack: table full, dropping packet",
    "2024-05-01T12:34:56.123456+00:00 ip-10-0-1-23 kernel: [   12.345678] ena 0000:00:05.0 eth0: Link is Up",
    '{"level":"error","ts":"2023-03-09T04:09:07.998+0000","caller":"ipamd/ipamd.go:819","msg":"a\\n\\tb","n":1}',
    "2019-06-12T21:11:19.012Z [INFO] \tStarting L-IPAMD v1.5.0  ...",
    "\tstatus code: 400, request id: 04af",
    '2022-03-16T07:55:09.739512345Z stdout F {"level":"info","ts":"2022-03-16T07:55:09.739Z","msg":"Retrying"}',
    '{"log":"I0501 12:34:56.789012       1 server.go:417] Version\\n","stream":"stderr","time":"2021-05-01T12:34:56Z"}',
    "2024-05-01 12:30:01,234 - util.py[DEBUG]: Cloud-init v. 22.2.2 running 'init-local'",
    "Cloud-init v. 22.2.2 running 'modules:final' at Wed, 01 May 2024 12:30:20 +0000. Up 18.36 seconds.",
    "2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: --kubelet-extra-args='--node-labels=role=web'",
    "[Wed May  1 12:30:07 2024] nf_conntrack: table full, dropping packet",
    "2024-05-01T12:34:56Z kubelet-eks.daemon[2103]: I0501 12:34:56.789012    2103 server.go:417] ok",
]
NASTY = ['"', "\\", "{", "}", "[", "]", " ", "\t", "\udcff", "\x00", "9", "=", ":", "\n"]


def test_format_names() -> None:
    assert FORMAT_NAMES == (
        "bootstrap",
        "cloud_init",
        "cloud_init_output",
        "container",
        "dmesg",
        "journald",
        "klog",
        "logrus",
        "plain",
        "snap",
        "syslog",
        "vpc_cni",
    )
    assert set(FORMATS) == set(FORMAT_NAMES)


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_unrecognised_line_is_a_plain_record(fmt: str) -> None:
    assert decode(fmt, "just some text") == Parsed(message="just some text")


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_empty_line_is_a_plain_record(fmt: str) -> None:
    assert decode(fmt, "") == Parsed(message="")


def test_plain_keeps_a_line_any_other_format_would_decode() -> None:
    line = "2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: starting..."
    assert decode("plain", line) == Parsed(message=line)


def test_decode_returns_what_the_format_says() -> None:
    assert decode("cloud_init_output", "2024-05-01T12:30:21+0000 [eks-bootstrap] INFO: starting...") == Parsed(
        message="starting...", stamp=Stamp(datetime(2024, 5, 1, 12, 30, 21), True, timedelta(0)), level="info"
    )


@pytest.mark.parametrize(("fmt", "line"), [("journald", " indented"), ("vpc_cni", "\tstatus code: 400")])
def test_decode_keeps_continuations(fmt: str, line: str) -> None:
    assert decode(fmt, line) == Parsed(message=line.strip(), kind=LineKind.CONTINUATION)


def test_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        decode("no_such_format", "x")


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    assert module.__doc__, f"{module.__name__} has no docstring"
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_package_docstring_examples() -> None:
    assert doctest.testmod(triage.formats, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def _variants(line: str) -> list[str]:
    """Every prefix of ``line`` and, at every third position, each awkward character put in."""
    cut = [line[:i] for i in range(len(line) + 1)]
    spliced = [line[:i] + nasty + line[i + 1 :] for i in range(0, len(line), 3) for nasty in NASTY]
    return cut + spliced


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_decode_never_raises(fmt: str) -> None:
    decoded = [decode(fmt, variant) for line in SAMPLES for variant in _variants(line)]
    assert all(isinstance(parsed, Parsed) for parsed in decoded)
