"""The browser checks fail on a notebook that is broken on purpose.

A passing browser suite only means something if the same checks report a
broken page. This builds a small notebook with one of each fault a learner
could meet (an error, stderr output, a figure with no trace, a widget whose
slider changes neither its figure nor its summary), serves it from its own
JupyterLab, and runs the notebook and widget checks on it.
"""

from __future__ import annotations

import nbformat
import pytest
from helpers import LabServer, LabSession
from test_notebooks_in_browser import page_problems
from test_widgets_in_browser import operate_every_control

BROKEN_CELLS = [
    "import sys\nimport ipywidgets as w\nimport plotly.graph_objects as go",
    "w.VBox([w.FloatSlider(description='dead slider'), go.FigureWidget(data=[go.Scatter(y=[1, 2, 3])]),\n"
    "        w.HTML('a summary that never changes')])",
    "go.Figure()",
    "print('something went wrong', file=sys.stderr)",
    "raise ValueError('broken on purpose')",
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("broken_notebooks")
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Broken on purpose")]
        + [nbformat.v4.new_code_cell(src) for src in BROKEN_CELLS]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    path = folder / "99_broken.ipynb"
    nbformat.write(nb, path)
    server = LabServer(tmp_path_factory.mktemp("broken_lab"), source=folder).start()
    session = LabSession(browser, server, clear_artifacts=False)
    try:
        yield session.notebook(path)
    finally:
        session.close()
        server.stop()


@pytest.mark.browser
def test_page_checks_report_errors_stderr_and_empty_figures(broken):
    problems = "\n".join(page_problems(broken))
    # JupyterLab 4 renders a traceback with the stderr MIME type, so the error is reported through that selector.
    assert "cell 5" in problems and "ValueError: broken on purpose" in problems, problems
    assert "cell 4: stderr output: something went wrong" in problems, problems
    assert "no rendered trace" in problems, problems


@pytest.mark.browser
def test_widget_checks_report_a_control_that_changes_nothing(broken):
    problems, done = operate_every_control(broken, "99_broken", screenshots=False)
    dead = [p for p in problems if "'dead slider'" in p]
    assert any("text summary did not change" in p for p in dead), (problems, done)
    assert any("did not redraw" in p or "shows no trace" in p for p in problems), (problems, done)
