"""The seed's ``--format html`` report in a real browser (headless Chromium).

No DevTools client (websocket-client, websockets) is a dependency, so the
page is checked with ``--dump-dom``: a copy of the report gets a probe
script that, once the page's own script has run, measures every finding's
highlight (present, a non-zero box, not covered: ``elementFromPoint`` at
its centre is the mark, its text and its place in the article's text) and
presses j/k, and writes what it found into the DOM, which Chromium prints.
A screenshot of the report (1280x2000) is kept in tests/artifacts/.

Skipped, with the reason, when /usr/bin/chromium is not there (Debian's
``chromium`` package; .ci/run installs it).
"""

from __future__ import annotations

import base64
import json
import re
import struct
import subprocess
from pathlib import Path

import pytest

from helpers import newslint, shared_or_skip

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "belarus-russia-security-ties.txt"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=(
    "no /usr/bin/chromium: install Debian's chromium (apt-get install -y --no-install-recommends chromium) "
    "to check the HTML report in a browser"))

PROBE = r"""<script>
window.addEventListener("load", function () {
  var out = {items: [], keys: []};
  var text = function (a) { return document.querySelector("#a" + a + " .text"); };
  [].forEach.call(document.querySelectorAll(".side>li"), function (li) {
    var p = li.id.slice(1).split("-"), a = p[0], n = p[1];
    var marks = document.querySelectorAll("#a" + a + ' mark[data-f~="' + n + '"]');
    var item = {id: li.id, marks: marks.length, text: "", boxes: [], hit: [], offset: -1, style: []};
    [].forEach.call(marks, function (m, k) {
      item.text += m.textContent;
      m.scrollIntoView({block: "center"});
      var r = m.getBoundingClientRect(), cs = getComputedStyle(m), lines = m.getClientRects();
      item.boxes.push([r.width, r.height, lines.length]);
      item.style.push([cs.display, cs.visibility, cs.opacity, cs.backgroundColor]);
      var first = lines[0] || r;  /* a mark broken over two lines: a box per line */
      var at = document.elementFromPoint(first.left + Math.min(first.width / 2, 3), first.top + first.height / 2);
      item.hit.push(!!at && (at === m || m.contains(at) || at.closest("mark") === m || (at.tagName === "MARK" && m.contains(at))));
      if (k === 0) {
        var range = document.createRange();
        range.setStart(text(a), 0);
        range.setEnd(m, 0);
        item.offset = range.toString().length;
      }
    });
    out.items.push(item);
  });
  window.scrollTo(0, 0);
  function press(key) {
    document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: key, bubbles: true, cancelable: true}));
    var f = document.activeElement;
    out.keys.push([key, f.tagName, f.getAttribute("data-f"), f.classList.contains("cur"),
                   document.querySelectorAll(".side>li.cur").length ? document.querySelector(".side>li.cur").id : null,
                   getComputedStyle(f).outlineStyle]);
  }
  ["j", "j", "n", "k", "p"].forEach(press);
  var div = document.createElement("div");
  div.id = "probe";
  div.setAttribute("data-r", btoa(unescape(encodeURIComponent(JSON.stringify(out)))));
  document.body.appendChild(div);
});
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--window-size=1280,2000", *args],
        capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html-browser")
    report = tmp / "seed.html"
    res = newslint("--format", "html", "-o", str(report), "seeds/")
    assert res.returncode == 1, res.stderr
    found = json.loads(newslint("--format", "json", "seeds/").stdout)
    return tmp, report, found


def probe(tmp: Path, report: Path) -> dict:
    """What PROBE found in ``report`` (a copy of it, with the probe, loaded in Chromium)."""
    probed = tmp / f"probed-{report.name}"
    probed.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    res = chromium(tmp, "--virtual-time-budget=20000", "--dump-dom", probed.as_uri())
    m = re.search(r'id="probe" data-r="([^"]+)"', res.stdout)
    assert m, f"no probe result in the DOM Chromium dumped (exit {res.returncode}): {res.stderr[-2000:]}"
    return json.loads(base64.b64decode(m.group(1)).decode("utf-8"))


def assert_highlights_in_place(items: list[dict], found: list[dict]) -> None:
    """Side-list entry n of each article is finding n of the JSON output, whose highlight is there,
    visible and on top, with the finding's text, at the finding's offset."""
    assert len(items) == len(found)
    texts: dict[str, str] = {}
    articles: list[str] = []
    for item, f in zip(items, found):
        path = f["path"]
        if path not in texts:
            texts[path] = (ROOT / path).read_text(encoding="utf-8")
            articles.append(path)
        text, start, end = texts[path], f["start"]["offset"], f["end"]["offset"]
        assert item["id"].startswith(f"l{articles.index(path) + 1}-") and item["marks"] >= 1, item
        assert item["text"] == text[start:end], (f["rule"], item)
        assert item["offset"] == len(text[:start].encode("utf-16-le")) // 2, (f["rule"], item)  # DOM counts UTF-16
        assert all(w > 0 and h > 0 and lines >= 1 for w, h, lines in item["boxes"]), (f["rule"], item)
        assert all(item["hit"]), (f["rule"], item)  # on top: nothing covers it
        for display, visibility, opacity, background in item["style"]:
            assert display != "none" and visibility == "visible" and opacity == "1"
            assert background not in ("rgba(0, 0, 0, 0)", "transparent"), (f["rule"], background)


def test_every_highlight_is_present_visible_and_at_its_place(seed_report):
    tmp, report, found = seed_report
    out = probe(tmp, report)
    assert len(found) == 13
    assert_highlights_in_place(out["items"], found)
    print(f"browser: {len(found)} findings, {sum(i['marks'] for i in out['items'])} marks, all visible in place")
    # j j n k p: findings 1, 2, 3, 2, 1 focused in turn, each outlined and its side-list entry current
    assert [(k[0], k[1], k[3], k[4]) for k in out["keys"]] == [
        ("j", "MARK", True, "l1-1"), ("j", "MARK", True, "l1-2"), ("n", "MARK", True, "l1-3"),
        ("k", "MARK", True, "l1-2"), ("p", "MARK", True, "l1-1")]
    assert all(k[5] != "none" for k in out["keys"])
    for _key, _tag, data_f, _cur, entry, _outline in out["keys"]:  # the focused mark is that finding's
        assert entry.split("-")[1] in data_f.split()


def test_the_annotated_corpus_report_in_the_browser(tmp_path):
    corpus = shared_or_skip("corpus", "annotated", "articles")
    report = tmp_path / "corpus.html"
    res = newslint("--format", "html", "-o", str(report), str(corpus))
    assert res.returncode in (0, 1), res.stderr
    found = json.loads(newslint("--format", "json", str(corpus)).stdout)
    out = probe(tmp_path, report)
    assert_highlights_in_place(out["items"], found)
    print(f"browser: {len(found)} findings of {corpus}, all visible in place")


PRINT_PROBE = r"""<script>
window.addEventListener("load", function () {
  var out = {layout: [], notes: []};
  [].forEach.call(document.querySelectorAll("section.art"), function (art) {
    var text = art.querySelector(".text").getBoundingClientRect(), side = art.querySelector("aside").getBoundingClientRect();
    out.layout.push([text.bottom, side.top, getComputedStyle(art.querySelector("aside")).position]);
  });
  [].forEach.call(document.querySelectorAll("mark.fe"), function (m) {
    out.notes.push([m.getAttribute("data-n"), getComputedStyle(m, "::after").content]);
  });
  out.keys = getComputedStyle(document.querySelector(".keys")).display;
  var div = document.createElement("div");
  div.id = "probe";
  div.setAttribute("data-r", btoa(unescape(encodeURIComponent(JSON.stringify(out)))));
  document.body.appendChild(div);
});
</script>"""


def test_the_print_stylesheet_puts_the_list_after_the_text_and_numbers_the_findings(seed_report):
    """The print rules, applied on screen (``@media print`` made ``@media all`` in a copy):
    the side list below the text, each finding's last mark followed by its number."""
    tmp, report, found = seed_report
    page = report.read_text(encoding="utf-8")
    assert page.count("@media print{") == 1
    printed = tmp / "printed.html"
    printed.write_text(page.replace("@media print{", "@media all{").replace("</body>", PRINT_PROBE + "</body>"),
                       encoding="utf-8")
    res = chromium(tmp, "--virtual-time-budget=5000", "--dump-dom", printed.as_uri())
    m = re.search(r'id="probe" data-r="([^"]+)"', res.stdout)
    assert m, res.stderr[-2000:]
    out = json.loads(base64.b64decode(m.group(1)).decode("utf-8"))
    (text_bottom, side_top, position), = out["layout"]
    assert side_top >= text_bottom and position == "static"
    assert out["keys"] == "none"
    notes = {n: content for n, content in out["notes"]}
    assert sorted(int(x) for n in notes for x in n.split(",")) == list(range(1, len(found) + 1))
    assert all(content == f'"[{n}]"' for n, content in notes.items()), notes


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def test_screenshot_of_the_seed_report(seed_report):
    tmp, report, _ = seed_report
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# screenshots the browser test writes\n*\n", encoding="utf-8")
    shot = ARTIFACTS / "seed-report.png"
    shot.unlink(missing_ok=True)
    res = chromium(tmp, f"--screenshot={shot}", report.as_uri())
    assert shot.exists(), res.stderr[-2000:]
    assert _png_size(shot) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a page of text and colour, not a blank one
    print(f"screenshot of the seed's report: {shot}")
