"""Renderers of a ``Diff``: text for people, JSON for machines."""

from __future__ import annotations

import orjson

from triage.console import Style
from triage.diff import Change, Diff


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
