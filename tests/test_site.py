"""The static site (`make site`): builds, every page has its figures and summaries, links resolve, offline."""

import importlib.util
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from course_lib import quiz

ROOT = Path(__file__).resolve().parent.parent
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET = "application/vnd.jupyter.widget-view+json"


def _load_builder():
    # site/ is not a package (and "site" is a standard-library module name), so load the file by path.
    spec = importlib.util.spec_from_file_location("course_site_build", ROOT / "site" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


build = _load_builder()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "_build"
    report = build.build(out)
    return out, report


class _Links(HTMLParser):
    """Links, resources, ids, classes and figure-data scripts of one page (quote style does not matter)."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.srcs, self.ids, self.classes, self.figure_data = [], [], set(), [], []
        self._in_figure = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        self.classes.extend((a.get("class") or "").split())
        if tag in ("a", "link") and a.get("href"):
            self.hrefs.append((tag, a["href"]))
        if a.get("src"):
            self.srcs.append(a["src"])
        if tag == "script" and "course-figure-data" in (a.get("class") or ""):
            self._in_figure = [a.get("data-target"), ""]

    def handle_data(self, data):
        if self._in_figure is not None:
            self._in_figure[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_figure is not None:
            self.figure_data.append(tuple(self._in_figure))
            self._in_figure = None


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _outputs(nb, mime):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if mime in o.get("data", {})]


def test_every_notebook_has_a_page_listed_on_the_contents_page(site):
    out, report = site
    names = [p.name for p in build.notebooks()]
    assert [p.notebook for p in report.pages] == names
    contents = _parse(out / "index.html")
    linked = {href for tag, href in contents.hrefs if tag == "a"}
    for page in report.pages:
        assert (out / page.html).is_file()
        assert page.html in linked
        assert page.title != "Untitled"


def test_every_plotly_figure_is_on_its_page_with_its_data(site):
    out, report = site
    for page in report.pages:
        nb = nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4)
        stored = _outputs(nb, PLOTLY)
        text = (out / page.html).read_text(encoding="utf-8")
        parsed = _parse(out / page.html)
        blocks = parsed.figure_data
        assert page.figures == len(stored) == len(blocks) == parsed.classes.count("course-figure"), page.html
        for (target, payload), original in zip(blocks, stored):
            assert target in parsed.ids
            spec = json.loads(payload)
            assert spec["data"] == json.loads(json.dumps(original["data"][PLOTLY]["data"]))
        if stored:
            assert '<script src="static/plotly.min.js">' in text


def test_every_figure_is_followed_by_its_text_summary(site):
    _, report = site
    assert {p.html: p.figures_without_summary for p in report.pages} == {p.html: [] for p in report.pages}


def test_one_local_plotly_and_no_network_resources(site):
    out, _ = site
    shipped = build.plotly_js_path()
    local = out / "static" / "plotly.min.js"
    assert local.read_bytes() == shipped.read_bytes()
    assert len(list(out.rglob("plotly*.js"))) == 1
    for page in out.glob("*.html"):
        parsed = _parse(page)
        text = page.read_text(encoding="utf-8").lower()
        assert all(not re.match(r"^(https?:)?//", s) for s in parsed.srcs), page.name
        assert all(not re.match(r"^(https?:)?//", h) for tag, h in parsed.hrefs if tag == "link"), page.name
        for marker in ("cdn.", "require.js", "require.min.js", "mathjax", "@import"):
            assert marker not in text, f"{page.name} mentions {marker}"


def test_internal_links_and_anchors_resolve(site):
    out, report = site
    for page in out.glob("*.html"):
        parsed = _parse(page)
        for _tag, href in parsed.hrefs:
            if re.match(r"^[a-z]+:", href):
                continue  # links to papers (doi.org) are links, not resources
            target, _, fragment = href.partition("#")
            dest = out / target if target else page
            assert dest.is_file(), f"{page.name}: broken link {href}"
            if fragment:
                assert fragment in _parse(dest).ids, f"{page.name}: no anchor {href}"
    # links to units that are not published yet are plain text, and reported
    for _page, targets in report.pending_links.items():
        assert all(not (ROOT / "notebooks" / t).exists() for t in targets)


def test_quizzes_work_without_a_kernel(site):
    out, report = site
    for page in report.pages:
        nb = nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4)
        text = (out / page.html).read_text(encoding="utf-8")
        quizzes = [o for o in _outputs(nb, WIDGET) if "course-quiz" in "".join(o["data"].get("text/html", ""))]
        assert page.quizzes == len(quizzes)
        ids = _parse(out / page.html).ids
        for q in quizzes:
            stored_ids = re.findall(r"""class=.course-quiz. id=.cq-([A-Za-z0-9_-]+)""", "".join(q["data"]["text/html"]))
            assert stored_ids
            for question in (q for u in quiz.units() for q in quiz.load_questions(u) if q.id in stored_ids):
                qid = f"cq-{question.id}"
                assert qid in ids
                for i in range(len(question.choices)):
                    assert f"#{qid}-{i}:checked ~ .{qid}-fb{i}{{display:block}}" in text
        assert WIDGET not in text


def test_quiz_feedback_is_hidden_until_picked():
    """Feedback is hidden by a stylesheet rule and shown by a :checked rule, so the site shows the quiz's HTML as is."""
    fragment = quiz.static_html(quiz.load_questions("00_start_here"))
    assert "display:none'" not in fragment and 'display:none"' not in fragment  # an inline style would beat :checked
    assert ".cq-fb{display:none}" in fragment  # hidden until picked, by a stylesheet rule
    assert fragment.count(":checked ~ ") == fragment.count("{display:block}") > 0


def test_widgets_say_they_need_a_kernel(site):
    out, report = site
    for page in report.pages:
        nb = nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4)
        widgets_only = [o for o in _outputs(nb, WIDGET) if "text/html" not in o["data"]]
        with_fallback = [o for o in _outputs(nb, WIDGET) if "text/html" in o["data"]]
        assert page.quizzes + page.static_widgets == len(with_fallback)
        (out / page.html).read_text(encoding="utf-8")
        parsed = _parse(out / page.html)
        assert page.widgets == len(widgets_only) == parsed.classes.count("course-kernel-notice")
        if widgets_only:
            assert ("a", "run.html") in parsed.hrefs
    assert "Binder" in (out / "run.html").read_text(encoding="utf-8")


def test_solutions_are_folded_away(site):
    out, report = site
    for page in report.pages:
        text = (out / page.html).read_text(encoding="utf-8")
        assert text.count('<details class="course-solution">') == page.solutions


def _fake_notebook(with_summary: bool):
    fig = nbformat.v4.new_output(
        "display_data", data={PLOTLY: {"data": [{"type": "scatter", "y": [1, 2]}], "layout": {}}}
    )
    widget = nbformat.v4.new_output("display_data", data={WIDGET: {"model_id": "x"}, "text/plain": "Explorer(a=1)"})
    quiz_out = nbformat.v4.new_output(
        "display_data",
        data={
            WIDGET: {"model_id": "y"},
            "text/plain": "Quiz('x', 1 questions)",
            "text/html": "<div class='course-quiz' id='cq-a'><style>#cq-a-0:checked ~ .cq-a-fb0{display:block}</style></div>",
        },
    )
    summary = [nbformat.v4.new_output("stream", name="stdout", text="median 130 ng/mL\n")] if with_summary else []
    cells = [
        nbformat.v4.new_markdown_cell("# 99 · Test\n\n**Time:** about 5 minutes. See [next](98_missing.ipynb)."),
        nbformat.v4.new_code_cell("fig", outputs=[fig]),
        nbformat.v4.new_code_cell("print()", outputs=summary),
        nbformat.v4.new_code_cell("w", outputs=[widget]),
        nbformat.v4.new_code_cell("q", outputs=[quiz_out]),
    ]
    return nbformat.v4.new_notebook(cells=cells)


def test_prepare_converts_each_output_kind():
    nb, counts = build.prepare(_fake_notebook(with_summary=True), "99_test")
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    fig = outs[0]["data"]["text/html"]
    assert "<div class='course-figure' id='fig-99_test-1' role='img' aria-label='Figure'" in fig
    assert "aria-describedby='fig-99_test-1-summary'" in fig
    # The summary printed after the figure carries the id the figure points to.
    assert any("id='fig-99_test-1-summary'" in o.get("data", {}).get("text/html", "") for o in outs)
    assert "course-kernel-notice" in outs[2]["data"]["text/html"] and "Explorer" in outs[2]["data"]["text/html"]
    assert list(outs[3]["data"]) == ["text/html"]  # the quiz's own kernel-free HTML, shown as it is
    assert (
        outs[3]["data"]["text/html"]
        == "<div class='course-quiz' id='cq-a'><style>#cq-a-0:checked ~ .cq-a-fb0{display:block}</style></div>"
    )
    assert (counts["figures"], counts["widgets"], counts["quizzes"], counts["figures_without_summary"]) == (1, 1, 1, [])


def test_a_figure_has_its_title_as_name_and_its_numbers_as_a_table():
    spec = {
        "data": [{"type": "scatter", "name": "IGF-1", "x": [20, 40, 60], "y": [250.0, 180.5, 140.25]}],
        "layout": {"title": {"text": "Median <b>IGF-1</b> by age"}},
    }
    out = build.figure_html(spec, "fig-x", described_by="fig-x-summary")
    assert "aria-label='Median IGF-1 by age'" in out and "aria-describedby='fig-x-summary'" in out
    table = build.figure_data_table(spec)
    assert table.startswith("<details") and "<caption>IGF-1</caption>" in table
    assert table.count("<tr>") == 4 and "<td>180.5</td>" in table
    long = {"data": [{"x": list(range(100)), "y": list(range(100))}]}
    assert "first 60 of 100 points" in build.figure_data_table(long)
    assert build.figure_data_table({"data": [{"type": "bar"}]}) == ""  # nothing to tabulate: no empty <details>


def test_code_and_output_blocks_can_be_reached_by_keyboard():
    body = "<div class='highlight'><pre>x = 1</pre></div><pre tabindex='-1'>kept</pre>"
    fixed = build.focusable_scrolling(body)
    assert "<pre tabindex='0'>x = 1" in fixed and fixed.count("tabindex") == 2


def test_a_figure_without_summary_is_reported():
    _, counts = build.prepare(_fake_notebook(with_summary=False), "99_test")
    assert counts["figures_without_summary"] == [1]


def test_script_json_cannot_close_the_script_element():
    payload = build._script_json({"text": "</script><script>alert(1)</script>"})
    assert "</" not in payload and json.loads(payload)["text"].startswith("</script>")


def test_links_to_unpublished_units_become_plain_text():
    body = '<a href="01_structure.ipynb">01</a> <a href="09_future.ipynb#x">09</a>'
    fixed, pending = build.rewrite_links(body, {"01_structure.ipynb"})
    assert 'href="01_structure.html"' in fixed and "09_future.ipynb" not in fixed.split("data-pending=")[0]
    assert pending == ["09_future.ipynb"] and 'href="09' not in fixed


@pytest.mark.browser
def test_every_page_in_chromium_offline(site):
    """Open every built page from file:// with all other requests blocked: each figure draws its traces, and on
    each page the first quiz question answers wrong and then right without a kernel. Screenshots in test-artifacts/site/."""
    from chromium_page import chromium

    out, report = site
    answers = {q.id: q.answer for u in quiz.units() for q in quiz.load_questions(u)}
    artifacts = ROOT / "test-artifacts" / "site"
    artifacts.mkdir(parents=True, exist_ok=True)
    blocked, problems = [], []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.route(re.compile(r"^(?!file:).*"), lambda route: (blocked.append(route.request.url), route.abort()))
        for built in report.pages:
            page.goto(f"file://{out / built.html}")
            try:
                page.wait_for_function(
                    f"document.querySelectorAll(\".course-figure[data-rendered='true'] .main-svg\").length >= {built.figures}",
                    timeout=30000,
                )
            except Exception:  # noqa: BLE001 - reported below with what did render
                pass
            drawn = page.evaluate(
                "() => Array.from(document.querySelectorAll('.course-figure')).map("
                "f => f.querySelectorAll('.trace, .hm image').length)"
            )
            if len(drawn) != built.figures or not all(drawn):
                problems.append(f"{built.html}: {built.figures} figures expected; traces drawn per figure: {drawn}")
            page.screenshot(path=str(artifacts / f"{Path(built.html).stem}.png"))
            if not built.quizzes:
                continue
            first = page.locator(".course-quiz").first
            first.scroll_into_view_if_needed()
            feedback = first.locator("div[class*='-fb']")
            if any(feedback.nth(i).is_visible() for i in range(feedback.count())):
                problems.append(f"{built.html}: quiz feedback visible before any answer")
            labels = first.locator("label")
            answer = answers[first.get_attribute("id")[3:]]
            labels.nth((answer + 1) % labels.count()).click()
            if "Not quite" not in first.inner_text():
                problems.append(f"{built.html}: a wrong answer did not say 'Not quite'")
            labels.nth(answer).click()
            visible = [feedback.nth(i).inner_text() for i in range(feedback.count()) if feedback.nth(i).is_visible()]
            if not (len(visible) == 1 and visible[0].startswith("✔ Correct.")):
                problems.append(f"{built.html}: the right answer shows {visible}")
        page.close()
    assert problems == []
    assert blocked == []


def test_formulas_are_shown_as_tex_code_and_code_is_left_alone():
    md = "Display $$ z = \\frac{y}{M} $$ inline $z = 0$ and `print('$x$')` stay."
    out = build.tex_as_code(md)
    assert "```tex\nz = \\frac{y}{M}\n```" in out and "`z = 0`" in out
    assert "`print('$x$')`" in out and "$$" not in out


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe(page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the open page that are serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [v for v in result.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.browser
def test_every_page_passes_axe_wcag22_aa_and_names_its_figures(site):
    """axe-core (WCAG 2.0-2.2 A and AA rules) finds no serious or critical violation on any page, and every
    figure is an image with its title as name, described by the summary printed under it."""
    from chromium_page import chromium

    out, report = site
    found, figures = {}, []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for name in [p.html for p in report.pages] + ["index.html", "run.html"]:
            page.goto(f"file://{out / name}")
            page.wait_for_load_state("load")
            violations = _axe(page)
            if violations:
                found[name] = [(v["id"], v["impact"], len(v["nodes"])) for v in violations]
            figures += page.evaluate(
                """() => Array.from(document.querySelectorAll('.course-figure')).map(f => {
                    const d = f.getAttribute('aria-describedby');
                    const s = d && document.getElementById(d);
                    return [f.id, f.getAttribute('role'), f.getAttribute('aria-label') || '', !!(s && s.textContent.trim())];
                })"""
            )
        page.close()
    assert found == {}
    assert figures, "the site has no figure to check"
    assert [f for f in figures if f[1] != "img" or f[2] in ("", "Figure") or not f[3]] == []


@pytest.mark.browser
def test_axe_fails_a_deliberately_broken_page(tmp_path):
    """The check above can fail: an unnamed image, low-contrast text, a scroll box the keyboard cannot reach and an
    unlabelled slider each give a serious or critical violation."""
    from chromium_page import chromium

    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html lang='en'><head><title>broken</title></head><body><main>"
        "<div role='img' class='course-figure'></div>"
        "<p style='color:#E69F00;background:#fff'>orange text on white: 2.25 to 1</p>"
        "<div style='overflow:auto;height:30px;width:80px'><p>" + "a long unbreakable line " * 20 + "</p></div>"
        "<input type='range' min='0' max='10'>"
        "</main></body></html>",
        encoding="utf-8",
    )
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"file://{broken}")
        ids = {v["id"] for v in _axe(page)}
        page.close()
    assert {"role-img-alt", "color-contrast", "scrollable-region-focusable", "label"} <= ids, ids
