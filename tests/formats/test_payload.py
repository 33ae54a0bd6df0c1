from datetime import datetime, timedelta

from triage.formats.base import PLACEHOLDER_YEAR, LineKind, Parsed, Stamp
from triage.formats.payload import envelope, fragment, sniff

UTC = timedelta(0)
OUTER = Stamp(datetime(2024, 5, 1, 12, 34, 57), True, UTC)


def test_sniff_klog() -> None:
    assert sniff("E0501 12:34:56.789012    3456 kubelet.go:2410] boom") == Parsed(
        message="boom",
        stamp=Stamp(datetime(PLACEHOLDER_YEAR, 5, 1, 12, 34, 56, 789012), False, None),
        level="error",
        extra=(("caller", "kubelet.go:2410"), ("thread", "3456")),
    )


def test_sniff_logrus() -> None:
    assert sniff('time="2023-05-17T19:02:11Z" level=info msg="Starting IPAM daemon... "') == Parsed(
        message="Starting IPAM daemon... ", stamp=Stamp(datetime(2023, 5, 17, 19, 2, 11), True, UTC), level="info"
    )


def test_sniff_zap() -> None:
    assert sniff('{"level":"info","ts":"2022-03-16T07:55:09.739Z","caller":"entrypoint.sh","msg":"Copying"}') == Parsed(
        message="Copying",
        stamp=Stamp(datetime(2022, 3, 16, 7, 55, 9, 739000), True, UTC),
        level="info",
        extra=(("caller", "entrypoint.sh"),),
    )


def test_sniff_nodeadm() -> None:
    assert sniff("error init/init.go:71 Failed to load config") == Parsed(
        message="Failed to load config", level="error", extra=(("caller", "init/init.go:71"),)
    )


def test_sniff_plain_text() -> None:
    assert sniff("Checking for IPAM connectivity ...  failed.") == Parsed(
        message="Checking for IPAM connectivity ...  failed."
    )


def test_sniff_does_not_treat_indentation_as_continuation() -> None:
    assert sniff("\tgoroutine 1 [running]:") == Parsed(message="\tgoroutine 1 [running]:")


def test_envelope_puts_payload_time_in_inner_and_merges_fields() -> None:
    assert envelope(
        OUTER,
        "W0501 12:34:56.789012    3456 kubelet.go:2410] slow",
        [("host", "ip-10-0-1-23"), ("pid", None), ("ident", "kubelet"), ("unit", "")],
        boot_seconds=1.5,
    ) == Parsed(
        message="slow",
        stamp=OUTER,
        inner=Stamp(datetime(PLACEHOLDER_YEAR, 5, 1, 12, 34, 56, 789012), False, None),
        boot_seconds=1.5,
        level="warning",
        extra=(("caller", "kubelet.go:2410"), ("host", "ip-10-0-1-23"), ("ident", "kubelet"), ("thread", "3456")),
    )


def test_envelope_of_plain_text() -> None:
    assert envelope(OUTER, "Installed /host/opt/cni/bin/aws-cni", [("stream", "stdout")]) == Parsed(
        message="Installed /host/opt/cni/bin/aws-cni", stamp=OUTER, extra=(("stream", "stdout"),)
    )


def test_fragment_is_kept_as_written() -> None:
    assert fragment(
        OUTER, '{"level":"info","ts":"2022-03-16T07:55:09.739Z","msg":"a very lo', [("stream", "stdout")]
    ) == (
        Parsed(
            message='{"level":"info","ts":"2022-03-16T07:55:09.739Z","msg":"a very lo',
            stamp=OUTER,
            kind=LineKind.PARTIAL,
            extra=(("stream", "stdout"),),
        )
    )
