"""Build the course's static website: every notebook as an HTML page, readable offline.

    python site/build.py [--out site/_build]        (or: make site)

For readers who never install anything. The stored notebooks are converted
with nbconvert (the pinned version) and a small template of our own
(``site/templates``), then wrapped in a page with navigation and a contents
page. Nothing is executed: the pages show the outputs stored in the notebooks.

What the build does on purpose
    * **Plotly figures.** nbconvert's HTML export drops outputs that carry only
      plotly's JSON. Each ``application/vnd.plotly.v1+json`` output becomes a
      ``<div>`` plus its JSON in a ``<script type="application/json">`` block,
      drawn by ``static/course.js`` with ``Plotly.newPlot`` from **one** local
      copy of ``plotly.min.js`` (copied from the installed plotly package).
    * **No network.** No CDN, require.js or MathJax. Formulas stay in TeX
      notation (a note on the page says so). Links to papers remain links.
    * **Quizzes work without a kernel.** The quiz outputs already carry a
      CSS-only HTML version (:func:`course_lib.quiz.static_html`); the widget
      view is dropped so that version is what the page shows.
    * **Widgets need a kernel.** Other widget outputs are replaced by a notice
      that points to the Binder/JupyterHub route (``run.html``).
    * **Solutions** sit in a closed ``<details>`` element under each exercise.
    * **Links** between notebooks point to the pages; a link to a unit that
      has not been published yet becomes plain text and is listed in
      ``build-report.json`` (``pending_links``), so the site never has a dead link.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter
from pygments.formatters import HtmlFormatter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOK_DIR = ROOT / "notebooks"
DEFAULT_OUT = HERE / "_build"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NOTEBOOK_NAME = re.compile(r"^(\d\d)_[A-Za-z0-9_]+\.ipynb$")
#: Pages after the units: the glossary (notebooks/glossary.ipynb, written by tools/make_glossary.py).
EXTRA_NOTEBOOKS = ("glossary.ipynb",)
MATH = re.compile(r"\$\$|(?<![\\$])\$[^$\s][^$]*\$|\\\(|\\\[")
TIME_LINE = re.compile(r"\*\*Time:\*\*\s*([^\n.(]*)")

WIDGET_NOTICE = (
    "<div class='course-kernel-notice' role='note'><b>Interactive widget.</b> This part of the notebook "
    "is a live widget ({name}): it needs a running Python kernel, which a static page does not have. "
    "To use it, open the notebook on Binder or your workshop's JupyterHub, or run <code>make lab</code> on your "
    "own computer: see <a href='run.html'>how to run the course</a>. The text under the widget gives its key "
    "numbers.</div>"
)


@dataclass
class Page:
    """What the build made of one notebook."""

    notebook: str
    html: str
    title: str
    time: str = ""
    figures: int = 0
    widgets: int = 0
    quizzes: int = 0
    static_widgets: int = 0
    solutions: int = 0
    has_math: bool = False
    figures_without_summary: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        """What the navigation shows: the unit number, or the page's title for a page that is not a unit."""
        return self.notebook[:2] if NOTEBOOK_NAME.match(self.notebook) else self.title


@dataclass
class Report:
    pages: list[Page]
    pending_links: dict[str, list[str]]
    plotly_js: str
    seconds: float


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The course notebooks, in unit order (``NN_topic.ipynb``), then the glossary."""
    units = sorted(p for p in folder.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    return units + [folder / name for name in EXTRA_NOTEBOOKS if (folder / name).is_file()]


def plotly_js_path() -> Path:
    """The plotly.min.js that ships inside the installed plotly package (no download)."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"plotly.min.js not found in the plotly package at {path}; reinstall plotly.")
    return path


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def _time(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = TIME_LINE.search(cell.source)
            if m:
                return m.group(1).strip().rstrip(",;")
    return ""


def _script_json(obj) -> str:
    """JSON that is safe inside a <script> element (no '</' can close it early)."""
    return json.dumps(obj, separators=(",", ":")).replace("</", "<\\/")


def figure_title(spec: dict) -> str:
    """A figure's title as plain text (its accessible name), or a generic one when it has none."""
    title = (spec.get("layout") or {}).get("title") or {}
    raw = title.get("text", "") if isinstance(title, dict) else str(title)
    return " ".join(re.sub(r"<[^>]+>", " ", raw).split()) or "Figure"


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return html.escape(str(value))


def figure_data_table(spec: dict, *, max_rows: int = 60) -> str:
    """The numbers behind a figure as HTML tables in a closed <details>: one table per trace.

    A screen-reader user (or anyone) can read the plotted values instead of the picture. Long traces show
    their first ``max_rows`` points and say how many there are.
    """
    tables = []
    for i, trace in enumerate(spec.get("data") or []):
        name = html.escape(str(trace.get("name") or f"trace {i + 1}"))
        if "z" in trace:  # a heat map: rows y, columns x
            xs, ys, z = trace.get("x") or [], trace.get("y") or [], trace["z"]
            head = "<tr><th></th>" + "".join(f"<th scope='col'>{_cell(x)}</th>" for x in xs) + "</tr>"
            rows = "".join(
                f"<tr><th scope='row'>{_cell(y)}</th>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
                for y, row in zip(ys, z)
            )
            tables.append(f"<table><caption>{name}</caption>{head}{rows}</table>")
            continue
        xs, ys = trace.get("x"), trace.get("y")
        if not isinstance(xs, list) or not isinstance(ys, list):
            continue
        points = list(zip(xs, ys))
        shown = points[:max_rows]
        more = f" (first {len(shown)} of {len(points)} points)" if len(points) > len(shown) else ""
        head = "<tr><th scope='col'>x</th><th scope='col'>y</th></tr>"
        rows = "".join(f"<tr><td>{_cell(x)}</td><td>{_cell(y)}</td></tr>" for x, y in shown)
        tables.append(f"<table><caption>{name}{more}</caption>{head}{rows}</table>")
    if not tables:
        return ""
    return (
        "<details class='course-figure-table'><summary>Show the data of this figure</summary>"
        f"{''.join(tables)}</details>"
    )


def figure_html(spec: dict, fig_id: str, *, described_by: str = "") -> str:
    """A plotly figure as a placeholder div plus its JSON, drawn by static/course.js, and its data table.

    The div is an image for assistive technology: ``role='img'``, the figure's title as its name and, when the
    notebook prints a text summary after it, ``aria-describedby`` pointing there.
    """
    described = f" aria-describedby='{described_by}'" if described_by else ""
    return (
        f"<div class='course-figure' id='{fig_id}' role='img' aria-label='{html.escape(figure_title(spec), quote=True)}'"
        f"{described}></div>"
        f"<script type='application/json' class='course-figure-data' data-target='{fig_id}'>{_script_json(spec)}</script>"
        f"{figure_data_table(spec)}"
    )


_DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$`])\$([^$`\n]+?)\$(?!\$)")


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.S)


def tex_as_code(markdown: str) -> str:
    """Show formulas as TeX source in code formatting (no maths renderer is loaded offline); code is left alone."""
    pieces = _CODE.split(markdown)
    for i in range(0, len(pieces), 2):  # even pieces are outside code
        text_ = _DISPLAY_MATH.sub(lambda m: "\n\n```tex\n" + m.group(1).strip() + "\n```\n\n", pieces[i])
        pieces[i] = _INLINE_MATH.sub(lambda m: "`" + m.group(1) + "`", text_)
    return "".join(pieces)


def prepare(nb: nbformat.NotebookNode, stem: str) -> tuple[nbformat.NotebookNode, dict]:
    """A copy of the notebook with figures, widgets and quizzes turned into static HTML, plus counts."""
    nb = copy.deepcopy(nb)
    counts = {
        "figures": 0,
        "widgets": 0,
        "quizzes": 0,
        "static_widgets": 0,
        "solutions": 0,
        "figures_without_summary": [],
    }
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = tex_as_code(cell.source)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for index, cell in enumerate(code_cells):
        tags = set(cell.metadata.get("tags", []))
        if "solution" in tags:
            counts["solutions"] += 1
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            if PLOTLY_MIME in data:
                counts["figures"] += 1
                fig_id = f"fig-{stem}-{counts['figures']}"
                following = code_cells[index + 1 : index + 3]
                summary = next(
                    (
                        o
                        for c in following
                        for o in c.get("outputs", [])
                        if o.get("output_type") == "stream" and o.get("name") == "stdout"
                    ),
                    None,
                )
                if summary is None:
                    counts["figures_without_summary"].append(counts["figures"])
                    out["data"] = {"text/html": figure_html(data[PLOTLY_MIME], fig_id)}
                else:
                    out["data"] = {
                        "text/html": figure_html(data[PLOTLY_MIME], fig_id, described_by=f"{fig_id}-summary")
                    }
                    text_ = "".join(summary["text"]) if isinstance(summary["text"], list) else summary["text"]
                    summary.clear()
                    summary.update(
                        output_type="display_data",
                        metadata={},
                        data={
                            "text/html": f"<pre class='course-figure-summary' id='{fig_id}-summary' tabindex='0'>"
                            f"{html.escape(text_)}</pre>"
                        },
                    )
            elif WIDGET_MIME in data:
                if "text/html" in data:  # a quiz (or another widget) with its own kernel-free HTML: keep that
                    fragment = "".join(data["text/html"]) if isinstance(data["text/html"], list) else data["text/html"]
                    if "course-quiz" in fragment:
                        counts["quizzes"] += 1
                    else:
                        counts["static_widgets"] += 1
                    out["data"] = {"text/html": fragment}
                else:
                    counts["widgets"] += 1
                    name = str(data.get("text/plain", "widget")).split("(")[0]
                    out["data"] = {"text/html": WIDGET_NOTICE.format(name=html.escape(name))}
    return nb, counts


class _Exporter:
    def __init__(self):
        self.exporter = HTMLExporter(
            template_name="course",
            extra_template_basedirs=[str(HERE / "templates" / "nbconvert")],
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )

    def body(self, nb) -> str:
        body, _ = self.exporter.from_notebook_node(nb)
        return body


_HREF = re.compile(r"""href=(["'])([^"'#]+?\.ipynb)(#[^"']*)?\1""")


def rewrite_links(body: str, published: set[str]) -> tuple[str, list[str]]:
    """Point notebook links at their pages; unpublished targets become plain text. Returns (body, pending)."""
    pending: list[str] = []

    def page_link(m):
        target = Path(m.group(2)).name
        if target in published:
            return f"href={m.group(1)}{Path(target).with_suffix('.html').name}{m.group(3) or ''}{m.group(1)}"
        pending.append(target)
        return "data-pending=" + m.group(1) + target + m.group(1)

    body = _HREF.sub(page_link, body)
    # An <a> whose href was removed keeps its text; style it as plain text.
    body = re.sub(r"<a data-pending=", "<a class='course-pending' title='not published yet' data-pending=", body)
    return body, sorted(set(pending))


_PRE = re.compile(r"<pre(?![^>]*tabindex)")


def focusable_scrolling(body: str) -> str:
    """Let a keyboard user reach every block of code or output: a long line scrolls it sideways (WCAG 2.1.1)."""
    return _PRE.sub("<pre tabindex='0'", body)


def build(out: Path = DEFAULT_OUT, *, sources: list[Path] | None = None) -> Report:
    """Build the site into ``out`` (wiped first) and return what was built."""
    start = time.perf_counter()
    sources = notebooks() if sources is None else sources
    if not sources:
        raise ValueError("no notebooks to build: expected notebooks/NN_topic.ipynb files.")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "static").mkdir(parents=True)
    plotly_js = plotly_js_path()
    shutil.copyfile(plotly_js, out / "static" / "plotly.min.js")
    shutil.copyfile(HERE / "static" / "course.css", out / "static" / "course.css")
    shutil.copyfile(HERE / "static" / "course.js", out / "static" / "course.js")
    (out / "static" / "pygments.css").write_text(
        HtmlFormatter(style="default").get_style_defs(".highlight"), encoding="utf-8"
    )
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    exporter = _Exporter()
    published = {p.name for p in sources}
    nbs = [nbformat.read(p, as_version=4) for p in sources]
    pages = [
        Page(notebook=p.name, html=p.with_suffix(".html").name, title=_title(nb), time=_time(nb))
        for p, nb in zip(sources, nbs)
    ]
    pending: dict[str, list[str]] = {}
    for i, (page, nb) in enumerate(zip(pages, nbs)):
        static_nb, counts = prepare(nb, Path(page.notebook).stem)
        for key, value in counts.items():
            setattr(page, key, value)
        page.has_math = any(c.cell_type == "markdown" and MATH.search(c.source) for c in nb.cells)
        body, missing = rewrite_links(exporter.body(static_nb), published)
        body = focusable_scrolling(body)
        if missing:
            pending[page.html] = missing
        html_text = env.get_template("page.html.j2").render(
            page=page,
            pages=pages,
            body=jinja2.utils.markupsafe.Markup(body),
            prev=pages[i - 1] if i > 0 else None,
            next=pages[i + 1] if i + 1 < len(pages) else None,
        )
        (out / page.html).write_text(html_text, encoding="utf-8")
    (out / "index.html").write_text(env.get_template("index.html.j2").render(pages=pages), encoding="utf-8")
    (out / "run.html").write_text(env.get_template("run.html.j2").render(pages=pages), encoding="utf-8")
    report = Report(
        pages=pages,
        pending_links=pending,
        plotly_js="static/plotly.min.js",
        seconds=round(time.perf_counter() - start, 2),
    )
    (out / "build-report.json").write_text(json.dumps(asdict(report), indent=1), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (wiped first)")
    args = parser.parse_args(argv)
    report = build(args.out)
    for p in report.pages:
        extras = f"{p.figures} figures, {p.quizzes} quiz, {p.widgets} widgets" + (
            ", TeX shown as text" if p.has_math else ""
        )
        print(f"  {p.html:<34} {p.title[:50]:<50} {extras}")
    for page, targets in report.pending_links.items():
        print(f"  note: {page} links to unpublished {', '.join(targets)} (shown as plain text)")
    print(f"Built {len(report.pages)} pages into {args.out} in {report.seconds:.1f} s; open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
