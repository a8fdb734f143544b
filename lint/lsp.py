"""``newslint --lsp``: a language server over standard input and output.

Diagnostics are published when a document is opened, changed (full text
sync) and saved, and cleared when it is closed. Findings with a fix get a
quick fix (preferred when the fix is safe), and a ``source.fixAll.newslint``
action applies every safe fix at once, as ``newslint --fix`` would.

Positions are converted from newslint's code-point offsets into the
position encoding negotiated at initialization: UTF-16 code units unless
the client offers ``utf-8`` or ``utf-32`` (LSP 3.17 ``positionEncodings``).

pygls is imported here only, so the ordinary command does not pay for it.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from lint.model import Diagnostic, Severity
from lint.positions import LineIndex
from lint.rules import Rule

SOURCE = "newslint"
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
    if not lower.endswith((".txt", ".md", ".markdown")):
        if language_id == "markdown":
            name = (posixpath.basename(name) or "untitled") + ".md"
    return name


def lint_document(name: str, text: str, rules: Sequence[Rule], date: dt.date | None) -> _Linted:
    """Lint an editor buffer (BOM tolerated) and keep what positions need."""
    from lint.api import lint_text

    shift = 1 if text.startswith(_BOM) else 0
    diags = lint_text(name, text[shift:], rules, date=date)
    return _Linted(text, diags, LineIndex(text), shift)


def _unit(encoding: str | None) -> str:
    return {"utf-8": "utf-8", "utf-32": "codepoint"}.get(str(encoding or "utf-16"), "utf-16")


def serve(rules: Sequence[Rule], date: dt.date | None = None) -> None:
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
    rules = list(rules)
    linted: dict[str, _Linted] = {}
    languages: dict[str, str] = {}

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

    def to_lsp(state: _Linted, d: Diagnostic) -> t.Diagnostic:
        return t.Diagnostic(
            range=to_range(state, d.start, d.end),
            message=d.message,
            severity=severity[d.severity],
            code=d.rule,
            code_description=t.CodeDescription(href=d.link) if d.link else None,
            source=SOURCE,
        )

    def publish(uri: str, version: int | None = None) -> None:
        doc = server.workspace.get_text_document(uri)
        name = document_name(uri, languages.get(uri))
        try:
            state = lint_document(name, doc.source, rules, date)
        except Exception as exc:  # an unreadable article (broken front matter) or a check's bug
            linted.pop(uri, None)
            zero = t.Position(line=0, character=0)
            server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
                uri=uri, version=version,
                diagnostics=[t.Diagnostic(range=t.Range(start=zero, end=zero), message=f"newslint: {exc}",
                                          severity=t.DiagnosticSeverity.Error, source=SOURCE)]))
            return
        linted[uri] = state
        server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[to_lsp(state, d) for d in state.diags]))

    @server.feature(t.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: t.DidOpenTextDocumentParams) -> None:
        languages[params.text_document.uri] = params.text_document.language_id
        publish(params.text_document.uri, params.text_document.version)

    @server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: t.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri, params.text_document.version)

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: t.DidSaveTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
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
                state = lint_document(document_name(uri, languages.get(uri)), doc.source, rules, date)
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
                    diagnostics=[to_lsp(state, d)],
                    edit=t.WorkspaceEdit(changes={uri: edits}),
                    is_preferred=d.fix.applicability == "safe",
                ))
        if (only and wanted(only, FIX_ALL_KIND)) or (not only and actions):
            body = state.text[state.shift:]
            name = document_name(uri, languages.get(uri))
            from lint.api import lint_text

            fixed, count = fix_until_stable(body, lambda s: lint_text(name, s, rules, date=date))
            if count and fixed != body:
                whole = to_range(state, 0, len(body))
                actions.append(t.CodeAction(
                    title="Apply all safe newslint fixes",
                    kind=FIX_ALL_KIND,
                    edit=t.WorkspaceEdit(changes={uri: [t.TextEdit(range=whole, new_text=fixed)]}),
                ))
        return actions

    server.start_io()
