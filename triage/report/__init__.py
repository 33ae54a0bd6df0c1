"""Renderers: each reads an ``Analysis`` and returns text; none of them computes anything."""
