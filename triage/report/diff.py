"""Renderers of a ``Diff``: text for people, JSON for machines, one offline HTML page for tickets."""

from __future__ import annotations

import base64
import hashlib

import orjson

from triage import __version__
from triage.console import Style
from triage.diff import Change, Diff
from triage.resources import data_path


def render_diff_json(d: Diff) -> str:
    return orjson.dumps(d, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE).decode()


def _value(v: object) -> str:
    return "(absent)" if v is None else str(v)


def _line(c: Change, style: Style) -> str:
    mark = style("!", "bold", "red") if c.risky else " "
    if c.kind == "finding":
        what = f"finding {c.name} ({c.after or c.before}) {'appeared' if c.after else 'gone'}: {c.why}"
        return f"{mark} {what}"
    if c.kind == "hypothesis":
        return f"{mark} hypothesis {c.name}: rank {_value(c.before)} -> {_value(c.after)} ({c.why[len('rank of: '):]})"
    why = f"  -- {c.why}" if c.why else ""
    return f"{mark} {c.name}: {_value(c.before)} -> {_value(c.after)}{why}"


def render_diff_text(d: Diff, style: Style) -> str:
    out = [style("triage diff", "bold"),
           f"  before: {d.before.file_name} ({d.before.instance_id or '?'}, captured {d.before.capture_time or '?'}, "
           f"top hypothesis: {d.before.top_hypothesis or 'none'})",
           f"  after:  {d.after.file_name} ({d.after.instance_id or '?'}, captured {d.after.capture_time or '?'}, "
           f"top hypothesis: {d.after.top_hypothesis or 'none'})", ""]
    if not d.changes:
        return "\n".join([*out, "No configuration, version, finding or hypothesis changed."]) + "\n"
    risky = d.risky
    out.append(style(f"Risky changes ({len(risky)})", "bold") if risky else "No risky setting changed.")
    out += [_line(c, style) for c in risky]
    rest = [c for c in d.changes if not c.risky]
    if rest:
        out += ["", style(f"Other changes ({len(rest)})", "bold"), *(_line(c, style) for c in rest)]
    return "\n".join(out) + "\n"


_CSS = ("body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2330}code{font-size:13px}"
        "table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #d5d9e0;padding:.3rem .55rem;"
        "text-align:left;vertical-align:top}tr.risky td{background:#fdecea}footer{color:#6b7280;margin-top:2rem}")


def render_diff_html(d: Diff) -> str:
    """One self-contained page (autoescaped, a CSP that forbids every load; the style allowed by its hash)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(data_path("templates")), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    digest = base64.b64encode(hashlib.sha256(_CSS.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    rest = [c for c in d.changes if not c.risky]
    return env.get_template("diff.html.j2").render(d=d, rest=rest, css=_CSS, csp=csp, version=__version__)
