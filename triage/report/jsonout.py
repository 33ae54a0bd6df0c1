"""The JSON document: the ``Analysis`` value as is, UTC times with ``Z``, stable key order."""

from __future__ import annotations

import orjson

from triage.model import Analysis


def render_json(analysis: Analysis) -> str:
    return orjson.dumps(analysis, option=orjson.OPT_INDENT_2 | orjson.OPT_UTC_Z | orjson.OPT_APPEND_NEWLINE).decode()
