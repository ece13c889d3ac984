"""course_lib.widgets.frontend: plotly's FigureWidget code served once per page instead of sent per figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import plotly
import pytest

from course_lib import widgets
from course_lib.widgets import frontend
from course_lib.widgets import lifestyle as lifestyle_widgets


def _served_from(prefix: Path, monkeypatch) -> None:
    """Make ``prefix``'s labextensions folder the only one a Jupyter server would serve."""
    monkeypatch.setattr(frontend, "jupyter_path", lambda *parts: [str(prefix / "share" / "jupyter" / Path(*parts))])


def test_plotly_bundle_is_the_file_plotly_itself_sends():
    from plotly.basewidget import BaseFigureWidget

    assert str(BaseFigureWidget._esm) == frontend.plotly_bundle().read_text(encoding="utf-8")


def test_install_copies_plotlys_bundle_under_a_versioned_name(tmp_path):
    copy = frontend.install(tmp_path)
    assert (
        copy
        == tmp_path
        / "share/jupyter/labextensions"
        / frontend.FOLDER
        / "static"
        / f"widgetbundle-{plotly.__version__}.js"
    )
    assert copy.read_bytes() == frontend.plotly_bundle().read_bytes()
    # No package.json: JupyterLab must serve the folder, not try to load it as an extension.
    assert not (copy.parent.parent / "package.json").exists()


def test_install_replaces_other_versions_and_repairs_a_changed_copy(tmp_path):
    static = tmp_path / "share/jupyter/labextensions" / frontend.FOLDER / "static"
    static.mkdir(parents=True)
    (static / "widgetbundle-0.0.1.js").write_text("old")
    (static / frontend.bundle_name()).write_text("truncated")
    copy = frontend.install(str(tmp_path))
    assert sorted(p.name for p in static.iterdir()) == [frontend.bundle_name()]
    assert copy.read_bytes() == frontend.plotly_bundle().read_bytes()


def test_served_bundle_finds_the_copy_only_when_it_matches(tmp_path, monkeypatch):
    _served_from(tmp_path, monkeypatch)
    assert frontend.served_bundle() is None
    copy = frontend.install(tmp_path)
    assert frontend.served_bundle() == copy
    original = copy.read_bytes()
    corrupted = bytes([original[0] ^ 1]) + original[1:]  # one bit changed: same size, different content
    copy.write_bytes(corrupted)
    assert copy.stat().st_size == frontend.plotly_bundle().stat().st_size
    assert frontend.served_bundle() is None
    assert frontend.install(tmp_path).read_bytes() == original  # install repairs it
    assert frontend.served_bundle() == copy


@pytest.mark.parametrize(
    "prefix, error, words",
    [
        ("", ValueError, "prefix must be the path of an existing folder; got an empty string"),
        (3.0, TypeError, "prefix must be the path of an existing folder"),
        (None, TypeError, "prefix must be the path of an existing folder"),
        ("no/such/folder", ValueError, "'no/such/folder', which is not a folder"),
    ],
)
def test_install_refuses_a_prefix_that_is_not_a_folder(prefix, error, words):
    with pytest.raises(error, match=words):
        frontend.install(prefix)


def test_the_loader_imports_the_served_copy_by_its_versioned_url():
    loader = frontend._loader()
    assert f'"/{frontend.FOLDER}/static/{frontend.bundle_name()}"' in loader
    assert "fullLabextensionsUrl" in loader and "await import(url)" in loader
    assert loader.rstrip().endswith("export default plotlyWidget.default;")
    assert len(loader) < 2000  # what each figure sends, against plotly's 5 MB


def test_course_figures_send_the_loader_when_the_copy_is_served():
    """The widget builders use frontend.FigureWidget, and in this environment (set up by make) it is served."""
    explorer = lifestyle_widgets.lifespan_explorer()
    assert isinstance(explorer.figure, frontend.FigureWidget)
    assert frontend.served_bundle() is not None, "run `python -m course_lib.widgets.frontend` (make does it)"
    assert explorer.figure._esm == frontend._loader()


#: Builders that draw no figure: the unit converter (text only) and the appraisal checklist (check boxes).
WITHOUT_FIGURE = {"unit_converter", "appraisal_checklist"}


@pytest.mark.parametrize("name", widgets.__all__)
def test_every_explorer_figure_is_a_course_figure_widget_shown_once(name):
    """Each builder's figure loads plotly's code the course's way and appears exactly once among its children."""
    built = getattr(widgets, name)()
    if name in WITHOUT_FIGURE:
        assert getattr(built, "figure", None) is None
        return
    assert isinstance(built.figure, frontend.FigureWidget)
    assert sum(child is built.figure for child in built.children) == 1


def test_without_a_served_copy_figures_fall_back_to_plotlys_own_code(tmp_path, monkeypatch):
    """No copy (say, a conda environment set up without the install step): plotly's own file, so figures still work."""
    _served_from(tmp_path, monkeypatch)
    assert frontend.figure_module() == frontend.plotly_bundle()
    frontend.install(tmp_path)
    assert frontend.figure_module() == frontend._loader()


def test_command_line_installs_into_the_given_prefix(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "course_lib.widgets.frontend", "--prefix", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        Path(out.stdout.strip())
        == tmp_path / "share/jupyter/labextensions" / frontend.FOLDER / "static" / frontend.bundle_name()
    )
