"""Writing a site's files: Jinja2 templates (autoescaped), JSON, and the static files.

Every page is rendered with ``root``, the relative path back to the site's root (``""`` or
``"../"``), so links never depend on where the site is served from.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tracker.site import pages

HERE = Path(__file__).resolve().parent


def json_text(value) -> str:
    """Exactly what the CLI prints for ``--format json`` (one render path), plus a newline."""
    from tracker.output import render

    return render(value, "json") + "\n"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)
    env.filters.update(status_label=pages.status_label, date_label=pages.date_label, shown=pages.shown,
                       atom_time=pages.atom_time)
    env.globals.update(quote_anchor=pages.quote_anchor, event_anchor=pages.event_anchor,
                       passage_parts=pages.passage_parts, safe_url=pages.safe_url)
    env.tests["passage"] = lambda value: isinstance(value, pages.Passage)
    return env


class Renderer:
    """Writes pages and files under ``root`` with the values every page shares."""

    def __init__(self, root: Path, common: dict):
        self.root = root
        self.common = common
        self.env = environment()

    def _path(self, relative: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def page(self, relative: str, template: str, **values) -> None:
        """Render ``template`` to ``relative`` in pieces (a long page is never one string in memory)."""
        depth = relative.count("/")
        values = {**self.common, **values, "root": "../" * depth, "here": relative}
        stream = self.env.get_template(template).stream(**values)
        with open(self._path(relative), "w", encoding="utf-8", newline="\n") as fh:
            stream.dump(fh)

    def text(self, relative: str, text: str) -> None:
        with open(self._path(relative), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)

    def copy_static(self) -> None:
        for name in sorted(p.name for p in (HERE / "static").iterdir() if p.is_file()):
            shutil.copyfile(HERE / "static" / name, self._path(f"static/{name}"))
