"""``newslint --lsp``: a language server over standard input and output.

Diagnostics are published when a document is opened, changed (full text
sync) and saved, and cleared when it is closed. Findings with a fix get a
quick fix (preferred when the fix is safe), and a ``source.fixAll.newslint``
action applies every safe fix at once, as ``newslint --fix`` would.

Each document is linted by the same pipeline as the command line
(lint/pipeline.py): its ``newslint.yaml`` and ``.vale.ini`` are found
upward from the document's own folder (an unsaved buffer: from the first
workspace folder), with the per-file ignores, the Vale sections and
``--ignore-syntax`` applied as ``newslint FILE`` would. Edits are linted
once typing pauses (``DEBOUNCE`` seconds after the last change); opening
and saving lint at once.

Positions are converted from newslint's code-point offsets into the
position encoding negotiated at initialization: UTF-16 code units unless
the client offers ``utf-8`` or ``utf-32`` (LSP 3.17 ``positionEncodings``).

pygls is imported here only, so the ordinary command does not pay for it.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lint.model import Diagnostic, Severity
from lint.pipeline import Project, Projects, Settings, UsageError, lint_one
from lint.positions import LineIndex

SOURCE = "newslint"
DEBOUNCE = 0.25  # seconds of quiet after an edit before the buffer is linted
FIX_ALL_KIND = "source.fixAll.newslint"
_BOM = "\ufeff"

log = logging.getLogger(__name__)


@dataclass
class _Linted:
    """The last lint of one document: its text, findings and line index."""

    text: str
    diags: list[Diagnostic]
    index: LineIndex
    shift: int  # 1 when a BOM was stripped before linting, else 0


def document_name(uri: str, language_id: str | None = None) -> str:
    """The name whose extension picks the reader: the URI's path, or for an
    unsaved buffer without a usable extension, a name from its language."""
    parsed = urlparse(uri)
    name = unquote(parsed.path) or uri
    lower = name.lower()
    if not lower.endswith((".txt", ".md", ".markdown")) and language_id == "markdown":
        name = (posixpath.basename(name) or "untitled") + ".md"
    return name


def lint_document(name: str, text: str, project: Project) -> _Linted:
    """Lint an editor buffer (BOM tolerated) and keep what positions need."""
    shift = 1 if text.startswith(_BOM) else 0
    diags = lint_one(name, text[shift:], project)
    return _Linted(text, diags, LineIndex(text), shift)


def _unit(encoding: str | None) -> str:
    return {"utf-8": "utf-8", "utf-32": "codepoint"}.get(str(encoding or "utf-16"), "utf-16")


def serve(settings: Settings) -> None:
    """Run the language server on stdio until the client says exit."""
    try:
        from lsprotocol import types as t
        from pygls.lsp.server import LanguageServer
    except ImportError as exc:
        import sys

        print(f"newslint: --lsp needs pygls 2 ({exc}); install it with: pip install 'newslint[lsp]'", file=sys.stderr)
        raise SystemExit(2) from None

    from lint import __version__
    from lint.fixes import fix_until_stable

    server = LanguageServer("newslint", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full)
    projects = Projects(settings)
    linted: dict[str, _Linted] = {}
    languages: dict[str, str] = {}
    pending: dict[str, Any] = {}  # uri -> the asyncio timer of a debounced lint

    severity = {
        Severity.ERROR: t.DiagnosticSeverity.Error,
        Severity.WARNING: t.DiagnosticSeverity.Warning,
        Severity.SUGGESTION: t.DiagnosticSeverity.Information,
    }

    def unit() -> str:
        return _unit(server.workspace.position_encoding)

    def to_range(state: _Linted, start: int, end: int) -> t.Range:
        u = unit()
        sl, sc = state.index.position(start + state.shift, u)
        el, ec = state.index.position(end + state.shift, u)
        return t.Range(start=t.Position(line=sl, character=sc), end=t.Position(line=el, character=ec))

    def to_lsp(uri: str, state: _Linted, d: Diagnostic) -> t.Diagnostic:
        related = [t.DiagnosticRelatedInformation(location=t.Location(uri=uri, range=to_range(state, r.span.start, r.span.end)),
                                                  message=r.message) for r in d.related]
        return t.Diagnostic(
            range=to_range(state, d.start, d.end),
            message=d.message,
            severity=severity[d.severity],
            code=d.rule,
            code_description=t.CodeDescription(href=d.link) if d.link else None,
            source=SOURCE,
            related_information=related or None,
        )

    def lint(uri: str, text: str) -> _Linted:
        ws = server.workspace
        folders = [f.uri for f in ws.folders.values()] or ([ws.root_uri] if ws.root_uri else [])
        projects.roots = [Path(unquote(urlparse(u).path)) for u in folders if u.startswith("file:")]
        name = document_name(uri, languages.get(uri))
        return lint_document(name, text, projects.for_path(name))

    def publish(uri: str, version: int | None = None) -> None:
        timer = pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        doc = server.workspace.get_text_document(uri)
        if version is not None and doc.version is not None and doc.version != version:
            return  # a newer edit came: its own lint follows
        try:
            state = lint(uri, doc.source)
        except (UsageError, Exception) as exc:  # a broken configuration, an unreadable article, a check's bug
            linted.pop(uri, None)
            zero = t.Position(line=0, character=0)
            server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
                uri=uri, version=version,
                diagnostics=[t.Diagnostic(range=t.Range(start=zero, end=zero), message=f"newslint: {exc}",
                                          severity=t.DiagnosticSeverity.Error, source=SOURCE)]))
            return
        linted[uri] = state
        server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[to_lsp(uri, state, d) for d in state.diags]))

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: t.DidOpenTextDocumentParams) -> None:
        languages[params.text_document.uri] = params.text_document.language_id
        publish(params.text_document.uri, params.text_document.version)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: t.DidChangeTextDocumentParams) -> None:
        import asyncio

        uri, version = params.text_document.uri, params.text_document.version
        timer = pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        pending[uri] = asyncio.get_event_loop().call_later(DEBOUNCE, publish, uri, version)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: t.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = pending.pop(uri, None)
        if timer is not None:
            timer.cancel()
        linted.pop(uri, None)
        languages.pop(uri, None)
        server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def before(a: t.Position, b: t.Position) -> bool:
        return (a.line, a.character) < (b.line, b.character)

    def wanted(only: Sequence[str] | None, kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    @server.feature(
        t.TEXT_DOCUMENT_CODE_ACTION,
        t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: LanguageServer, params: t.CodeActionParams) -> list[t.CodeAction]:
        uri = params.text_document.uri
        doc = server.workspace.get_text_document(uri)
        state = linted.get(uri)
        if state is None or state.text != doc.source:
            try:
                state = lint(uri, doc.source)
            except Exception:
                return []
            linted[uri] = state
        only = params.context.only
        actions: list[t.CodeAction] = []
        if wanted(only, t.CodeActionKind.QuickFix):
            want = params.range
            for d in state.diags:
                if d.fix is None:
                    continue
                rng = to_range(state, d.start, d.end)
                # overlapping or touching: an empty request range is the cursor
                if before(rng.end, want.start) or before(want.end, rng.start):
                    continue
                edits = [t.TextEdit(range=to_range(state, e.span.start, e.span.end), new_text=e.replacement)
                         for e in d.fix.edits]
                title = d.fix.title or "Apply newslint fix"
                actions.append(t.CodeAction(
                    title=f"{title} ({d.rule})" if d.fix.applicability == "safe" else f"{title} ({d.rule}, unsafe)",
                    kind=t.CodeActionKind.QuickFix,
                    diagnostics=[to_lsp(uri, state, d)],
                    edit=t.WorkspaceEdit(changes={uri: edits}),
                    is_preferred=d.fix.applicability == "safe",
                ))
        if (only and wanted(only, FIX_ALL_KIND)) or (not only and actions):
            body = state.text[state.shift:]
            name = document_name(uri, languages.get(uri))
            project = projects.for_path(name)
            fixed, count = fix_until_stable(body, lambda s: lint_one(name, s, project))
            if count and fixed != body:
                whole = to_range(state, 0, len(body))
                actions.append(t.CodeAction(
                    title="Apply all safe newslint fixes",
                    kind=FIX_ALL_KIND,
                    edit=t.WorkspaceEdit(changes={uri: [t.TextEdit(range=whole, new_text=fixed)]}),
                ))
        return actions

    server.start_io()
