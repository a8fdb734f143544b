"""Output formats: one module each, ``render(results, out)``.

``results`` is a list of ``(article_text, diagnostics)`` per file in the
order the files were linted. Each renderer converts offsets itself, in the
unit its consumer wants.
"""

from __future__ import annotations

import importlib

FORMATS = {
    "text": "lint.formats.text",
    "json": "lint.formats.json",
}


def renderer(name: str):
    return importlib.import_module(FORMATS[name]).render
