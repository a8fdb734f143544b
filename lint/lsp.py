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

The framing is checked before pygls sees it (``_Frames``): a header that
is not ``Name: value``, a ``Content-Length`` that is not a plain decimal
number or is over ``MAX_BODY`` bytes, or a message without one, is logged
to standard error and the server exits with status 1 (the stream cannot be
resynchronised after it). A request before ``initialize`` is answered
-32002 (ServerNotInitialized) and a notification before it dropped, as LSP
says; an unknown request is -32601 (MethodNotFound). Closing a document
releases all that was kept for it (its text, findings, language, pending
lint).

pygls is imported here only, so the ordinary command does not pay for it.
"""

from __future__ import annotations

import asyncio
import logging
import posixpath
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lint.model import Diagnostic, Severity
from lint.pipeline import Project, Projects, Settings, UsageError, lint_one
from lint.positions import LineIndex
from lint.readers import EXTENSIONS

SOURCE = "newslint"
DEBOUNCE = 0.25  # seconds of quiet after an edit before the buffer is linted
FIX_ALL_KIND = "source.fixAll.newslint"
_BOM = "\ufeff"
MAX_BODY = 256 * 1024 * 1024  # bytes: the largest message accepted
MAX_HEADER = 8192  # bytes in one header line

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
    known = {"markdown": ".md", "html": ".html"}  # the editor's language ids (a JSON buffer may be anything)
    if not lower.endswith(EXTENSIONS) and language_id in known:
        name = (posixpath.basename(name) or "untitled") + known[language_id]
    return name


def lint_document(name: str, text: str, project: Project) -> _Linted:
    """Lint an editor buffer (BOM tolerated) and keep what positions need."""
    shift = 1 if text.startswith(_BOM) else 0
    diags = lint_one(name, text[shift:], project)
    return _Linted(text, diags, LineIndex(text), shift)


class MalformedFrame(ValueError):
    """The client's framing cannot be read: the stream is lost."""


def read_frame_length(stdin) -> int | None:
    """Read one message's headers from ``stdin`` (a binary stream) and
    return its ``Content-Length``, or None at the end of the stream. Raises
    ``MalformedFrame`` for a header line that is too long or not
    ``Name: value``, a length that is not a plain decimal number or is over
    ``MAX_BODY``, or headers without a length. Blank lines before the
    headers are skipped; other headers (``Content-Type``) are ignored."""
    length: int | None = None
    seen = False
    while True:
        line = stdin.readline(MAX_HEADER + 1)
        if not line:
            if seen:
                raise MalformedFrame("the stream ended inside a message's headers")
            return None
        if len(line) > MAX_HEADER or not line.endswith(b"\n"):
            raise MalformedFrame(f"a header line longer than {MAX_HEADER} bytes")
        if not line.strip():
            if not seen:
                continue
            if length is None:
                raise MalformedFrame("a message without a Content-Length header")
            return length
        seen = True
        name, colon, value = line.partition(b":")
        if not colon:
            raise MalformedFrame(f"not a header: {line.strip()[:80]!r}")
        if name.strip().lower() == b"content-length":
            digits = value.strip()
            if not digits.isdigit() or len(digits) > len(str(MAX_BODY)) or int(digits) > MAX_BODY:
                raise MalformedFrame(f"Content-Length {digits[:40].decode('ascii', 'backslashreplace')!r}: "
                                     f"not a number of bytes up to {MAX_BODY}")
            length = int(digits)


class _Frames:
    """An asynchronous reader for pygls's message loop that checks the
    framing itself (``read_frame_length``) and hands pygls each message as
    the canonical ``Content-Length: N``, blank line, body. On malformed
    framing it logs to standard error and ends the stream (pygls then stops)."""

    def __init__(self, stdin, executor=None):
        self.stdin = stdin
        self.executor = executor
        self.lines: list[bytes] = []
        self.failed: str | None = None

    def _next(self) -> bytes:
        while True:
            try:
                length = read_frame_length(self.stdin)
            except MalformedFrame as exc:
                self.failed = str(exc)
                print(f"newslint: --lsp: malformed message from the client: {exc}; stopping", file=sys.stderr)
                return b""
            if length is None:
                return b""
            if length == 0:  # an empty body is no message; the stream is still in step
                print("newslint: --lsp: ignored a message with Content-Length 0", file=sys.stderr)
                continue
            self.lines = [b"\r\n"]
            return b"Content-Length: %d\r\n" % length

    async def readline(self) -> bytes:
        if self.lines:
            return self.lines.pop()
        return await asyncio.get_running_loop().run_in_executor(self.executor, self._next)

    async def readexactly(self, n: int) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(self.executor, self.stdin.read, n)


def _unit(encoding: str | None) -> str:
    return {"utf-8": "utf-8", "utf-32": "codepoint"}.get(str(encoding or "utf-16"), "utf-16")


def serve(settings: Settings) -> None:
    """Run the language server on stdio until the client says exit."""
    try:
        import lsprotocol.types  # noqa: F401  (pygls 2 and its protocol types are there)
        import pygls.lsp.server  # noqa: F401
    except ImportError as exc:
        print(f"newslint: --lsp needs pygls 2 ({exc}); install it with: pip install 'newslint[lsp]'", file=sys.stderr)
        raise SystemExit(2) from None

    server = build_server(settings)
    _start_io(server)


def _start_io(server) -> None:
    """pygls's ``start_io``, with the framing checked by ``_Frames``."""
    from threading import Event

    from pygls.io_ import StdoutWriter, run_async

    server._stop_event = Event()
    reader = _Frames(sys.stdin.buffer, server.thread_pool)
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    try:
        asyncio.run(run_async(stop_event=server._stop_event, reader=reader, protocol=server.protocol,
                              logger=log, error_handler=server.report_server_error))
    except BrokenPipeError:
        log.error("the connection to the client is lost")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
    if reader.failed:
        raise SystemExit(1)


def build_server(settings: Settings):
    """The language server, not yet started; ``server.newslint_state`` holds
    the per-document state (``linted``, ``languages``, ``pending``)."""
    from lsprotocol import types as t
    from pygls.exceptions import JsonRpcServerNotInitialized
    from pygls.lsp.server import LanguageServer
    from pygls.protocol import LanguageServerProtocol

    from lint import __version__
    from lint.fixes import fix_until_stable

    class Protocol(LanguageServerProtocol):
        """Requests before ``initialize``: -32002; notifications before it
        (but ``exit``): dropped."""

        initialize_seen = False

        def handle_message(self, message):
            method = getattr(message, "method", None)
            if not self.initialize_seen and method is not None:
                if method == t.INITIALIZE:
                    self.initialize_seen = True
                elif method != t.EXIT:
                    if getattr(message, "id", None) is not None:
                        self._send_response(message.id, None, JsonRpcServerNotInitialized().to_response_error())
                    return
            super().handle_message(message)

    server = LanguageServer("newslint", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Full,
                            protocol_cls=Protocol)
    projects = Projects(settings)
    linted: dict[str, _Linted] = {}
    languages: dict[str, str] = {}
    pending: dict[str, Any] = {}  # uri -> the asyncio timer of a debounced lint
    server.newslint_state = {"linted": linted, "languages": languages, "pending": pending}  # type: ignore[attr-defined]

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
        if uri not in languages:
            return  # not open (closed meanwhile, or saved without being opened): nothing to keep or show
        doc = server.workspace.get_text_document(uri)
        if version is not None and doc.version is not None and doc.version != version:
            return  # a newer edit came: its own lint follows
        try:
            state = lint(uri, doc.source)
            diagnostics = [to_lsp(uri, state, d) for d in state.diags]
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
            uri=uri, version=version, diagnostics=diagnostics))

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
        if uri not in languages:
            return []  # not an open document: nothing to read from disk or keep
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

    return server
