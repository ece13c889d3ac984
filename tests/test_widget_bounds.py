"""Widget bounds: no control of any course widget can reach a value outside its model's valid domain.

For every builder in ``course_lib.widgets.__all__`` (found automatically), the
test builds the widget with its defaults and drives it like a learner who
pushes everything to the ends: every numeric control to its minimum and to its
maximum (one at a time, then all together), and every option of every
drop-down, toggle and radio control at both corners. After each move the
widget must not raise (its callbacks call the model, which refuses values
outside its domain), its summary must not show NaN, infinity or an error, and
its figure must not gain NaN/infinite points compared with the default state.
"""

from __future__ import annotations

import math
import re

import ipywidgets as W
import numpy as np
import plotly.graph_objects as go
import pytest

from course_lib import widgets as course_widgets

BUILDERS = [(name, getattr(course_widgets, name)) for name in course_widgets.__all__]
NUMERIC = (
    W.FloatSlider,
    W.IntSlider,
    W.FloatLogSlider,
    W.BoundedFloatText,
    W.BoundedIntText,
    W.FloatRangeSlider,
    W.IntRangeSlider,
)
CATEGORICAL = (W.Dropdown, W.ToggleButtons, W.RadioButtons, W.Select, W.SelectionSlider)
FLAGS = (W.Checkbox, W.ToggleButton)
BAD_TEXT = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])|Traceback|Error", re.I)


def _ends(control) -> tuple:
    """(lowest, highest) value the control can take, in the control's own value type."""
    if isinstance(control, W.FloatLogSlider):
        return control.base**control.min, control.base**control.max
    if isinstance(control, (W.FloatRangeSlider, W.IntRangeSlider)):
        return (control.min, control.min), (control.max, control.max)
    return control.min, control.max


def _nonfinite_points(fig) -> int:
    if not isinstance(fig, go.Figure) and not isinstance(fig, go.FigureWidget):
        return 0
    total = 0
    for trace in fig.data:
        for attr in ("x", "y", "z"):
            values = getattr(trace, attr, None)
            if values is None:
                continue
            arr = np.asarray(values, dtype=object).ravel()
            total += sum(1 for v in arr if isinstance(v, (float, np.floating)) and not math.isfinite(v))
    return total


def _summary_text(w) -> str:
    summary = getattr(w, "summary", None)
    return str(getattr(summary, "value", summary or ""))


def _state_problems(w, baseline_nonfinite: int, where: str) -> list[str]:
    problems = []
    text = _summary_text(w)
    bad = BAD_TEXT.search(re.sub(r"<[^>]+>", " ", text))
    if bad:
        problems.append(f"{where}: the summary shows {bad.group(0)!r}: {text[:160]!r}")
    n = _nonfinite_points(getattr(w, "figure", None))
    if n > baseline_nonfinite:
        problems.append(f"{where}: the figure gained {n - baseline_nonfinite} NaN/infinite points")
    return problems


def _set(w, values: dict) -> str | None:
    """Set controls in order; return the error a learner would see, if any."""
    for name, value in values.items():
        try:
            w.controls[name].value = value
        except Exception as exc:  # noqa: BLE001 - any exception here reaches the learner as a traceback
            return f"setting {name} = {value!r} raised {type(exc).__name__}: {exc}"
    return None


def test_the_bounds_test_finds_the_widgets():
    assert BUILDERS, "course_lib.widgets.__all__ lists no widget builder"
    assert "unit_converter" in dict(BUILDERS)


@pytest.mark.parametrize("name,builder", BUILDERS, ids=[n for n, _ in BUILDERS])
def test_every_control_end_stays_inside_the_model_domain(name, builder):
    w = builder()
    assert isinstance(getattr(w, "controls", None), dict) and w.controls, f"{name}() has no .controls dict"
    baseline = _nonfinite_points(getattr(w, "figure", None))
    assert not BAD_TEXT.search(re.sub(r"<[^>]+>", " ", _summary_text(w))), f"{name}(): default summary is broken"

    numeric = {k: c for k, c in w.controls.items() if isinstance(c, NUMERIC)}
    categorical = {k: c for k, c in w.controls.items() if isinstance(c, CATEGORICAL)}
    flags = {k: c for k, c in w.controls.items() if isinstance(c, FLAGS)}
    ends = {k: _ends(c) for k, c in numeric.items()}
    for k, c in numeric.items():
        if not isinstance(c, W.FloatLogSlider):
            lo, hi = ends[k] if not isinstance(ends[k][0], tuple) else (ends[k][0][0], ends[k][1][0])
            assert math.isfinite(lo) and math.isfinite(hi) and lo < hi, f"{name}: control {k} has range {lo}..{hi}"

    scenarios: list[tuple[str, dict]] = []
    for k in numeric:
        scenarios += [(f"{k} at its minimum", {k: ends[k][0]}), (f"{k} at its maximum", {k: ends[k][1]})]
    corners = {
        "all numeric controls at their minimum": {k: e[0] for k, e in ends.items()},
        "all numeric controls at their maximum": {k: e[1] for k, e in ends.items()},
    }
    scenarios += list(corners.items())
    for k, c in categorical.items():
        values = [opt[1] if isinstance(opt, tuple) else opt for opt in c.options]
        for v in values:
            for corner, setting in corners.items():
                scenarios.append((f"{k} = {v!r} with {corner}", {**setting, k: v}))
    for k in flags:
        for v in (True, False):
            for corner, setting in corners.items():
                scenarios.append((f"{k} = {v} with {corner}", {**setting, k: v}))

    # One widget, reset to its defaults between scenarios (building a FigureWidget per scenario is slow).
    defaults = {k: c.value for k, c in w.controls.items() if c.has_trait("value")}
    unique, seen = [], set()
    for where, values in scenarios:  # without numeric controls both corners are the same scenario
        key = repr(sorted(values.items(), key=lambda kv: kv[0]))
        if key not in seen:
            seen.add(key)
            unique.append((where, values))
    scenarios = unique
    problems = []
    for where, values in scenarios:
        error = _set(w, values)
        if error:
            problems.append(f"{where}: {error}")
        else:
            problems += _state_problems(w, baseline, where)
        error = _set(w, defaults)
        if error:
            problems.append(f"back to the defaults after {where}: {error}")
            w = builder()
    assert problems == [], f"{name}:\n  " + "\n  ".join(problems)


def test_the_bounds_test_catches_a_slider_beyond_the_model():
    """A deliberately broken widget: its slider reaches 0, where the model divides by zero."""
    from course_lib._validate import real

    class Broken(W.VBox):
        def __init__(self):
            self.controls = {"x": W.FloatSlider(value=1.0, min=0.0, max=2.0)}
            self.summary = W.HTML()
            self.figure = go.FigureWidget(go.Scatter(x=[0, 1], y=[1, 1]))
            self.controls["x"].observe(self._update, names="value")
            self._update()
            super().__init__([self.controls["x"], self.summary])

        def _update(self, _=None):
            x = real(self.controls["x"].value, name="x", unit="nM", low=0, low_open=True)
            self.summary.value = f"1/x = {1 / x:.2f}"

    class Naughty(Broken):
        def _update(self, _=None):
            x = self.controls["x"].value
            with np.errstate(divide="ignore"):
                y = np.float64(1.0) / x
            self.summary.value = f"1/x = {y:.2f}"
            self.figure.data[0].y = [y, y]

    w = Broken()
    assert _set(w, {"x": 0.0}) and "x must be a number" in _set(Broken(), {"x": 0.0})
    n = Naughty()
    assert _set(n, {"x": 0.0}) is None
    found = _state_problems(n, 0, "x at 0")
    assert any("summary shows 'inf'" in p for p in found) and any("NaN/infinite points" in p for p in found)
