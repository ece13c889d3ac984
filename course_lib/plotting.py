"""The course's plot theme and the one-line notebook set-up.

* A colour-blind-safe palette (Okabe & Ito), used in the same order everywhere.
* A slim plotly template: plotly's default template is about 7 kB of JSON in
  every stored figure; this one is a few hundred bytes, so notebooks stay small.
* :func:`setup`, called in each notebook's first code cell, selects the
  ``plotly_mimetype`` renderer (figures stored as JSON, rendered offline by the
  JupyterLab extension that ships in the plotly wheel) and the theme, and skips
  jsonschema's slow IRI grammar (see :func:`_skip_iri_grammar`). Importing this
  module changes nothing.

Figure builders elsewhere in ``course_lib`` return ``go.Figure`` objects built
with :func:`template`, so they look the same with or without :func:`setup`.
"""

from __future__ import annotations

import functools
import sys

import plotly.graph_objects as go
import plotly.io as pio

from ._validate import choice, real, text

__all__ = ["PALETTE", "template", "setup", "figure", "band_colour"]

#: Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#7F7F7F",
}

_TEMPLATE_NAME = "igf1_course"


@functools.cache
def template() -> go.layout.Template:
    """The course's slim plotly template (cached; treat it as read-only)."""
    return go.layout.Template(
        layout=dict(
            colorway=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")],
            font=dict(family="Arial, sans-serif", size=13),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(showline=True, linecolor="#444", gridcolor="#e5e5e5", ticks="outside", zeroline=False),
            yaxis=dict(showline=True, linecolor="#444", gridcolor="#e5e5e5", ticks="outside", zeroline=False),
            margin=dict(l=70, r=20, t=50, b=60),
            hovermode="closest",
        )
    )


def band_colour(name: str, alpha: float) -> str:
    """A palette colour as ``rgba(...)`` with the given opacity (for shaded bands)."""
    choice(name, name="name", choices=PALETTE)
    alpha = real(alpha, name="alpha", unit="(opacity, 0 = transparent)", low=0, high=1, allow_array=False)
    hex_ = PALETTE[name].lstrip("#")
    r, g, b = (int(hex_[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def figure(*, title: str, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    """An empty figure in the course style; axis titles must carry their units.

    An axis title may be empty (a categorical axis needs none); the figure title may not.
    ``height`` is in pixels, 150 to 3000.
    """
    text(title, name="title", what="a figure title")
    for axis_name, value in (("x_title", x_title), ("y_title", y_title)):
        if not isinstance(value, str):
            raise TypeError(
                f"{axis_name} must be an axis title with its unit (a string, may be empty); "
                f"got {value!r} (a {type(value).__name__})."
            )
    height = real(height, name="height", unit="pixels", low=150, high=3000, allow_array=False)
    fig = go.Figure(layout=dict(template=template(), height=height))
    fig.update_layout(title=dict(text=title, x=0.0, xanchor="left"))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    return fig


def _skip_iri_grammar() -> None:
    """Mark the optional package ``rfc3987_syntax`` unavailable, unless ``jsonschema`` is already imported.

    Why: plotly's notebook renderers and FigureWidget import ``nbformat``, hence
    ``jsonschema``, which imports ``rfc3987_syntax`` for the "iri" string formats;
    that package builds a Lark grammar at import: 2.0-2.9 s of every kernel's first
    figure on a 2-core machine, for a check nothing in a course kernel uses.
    ``jsonschema`` then validates everything as before except the "iri" formats,
    which it leaves unchecked, as it does whenever that package is not installed.
    A learner's own ``iri`` validation in the same kernel is unchecked too.

    Upstream: jsonschema issue "Lazy import rfc3987_syntax"
    (https://github.com/python-jsonschema/jsonschema/issues/1428) and the pull request
    that moves to the lazy fork ``rfc3987-syntax2``
    (https://github.com/python-jsonschema/jsonschema/pull/1521). Delete this function
    once ``requirements.lock`` pins ``rfc3987-syntax2`` or no longer pins
    ``rfc3987-syntax``; ``tests/test_startup.py`` fails on that day to say so.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not installed"


def setup() -> None:
    """Apply the course renderer and theme. Call once, in a notebook's first code cell.

    It also spares the kernel jsonschema's IRI grammar build (see :func:`_skip_iri_grammar`):
    selecting the renderer is what first imports ``nbformat`` and ``jsonschema``.
    """
    _skip_iri_grammar()
    pio.templates[_TEMPLATE_NAME] = template()
    pio.templates.default = _TEMPLATE_NAME
    pio.renderers.default = "plotly_mimetype"
