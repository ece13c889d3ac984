"""Control builders the explorers share: a slider over a model setting's ``(default, low, high)`` range, a seed box."""

from __future__ import annotations

import ipywidgets as widgets


def slider(
    value: float,
    setting: tuple[float, float, float],
    *,
    step: float,
    description: str,
    style: dict,
    layout: widgets.Layout,
    whole: bool = False,
    continuous_update: bool = True,
) -> widgets.FloatSlider | widgets.IntSlider:
    """A slider at ``value`` whose ends are the setting's valid range (``setting[1:]``), so it cannot leave it.

    ``setting`` is a row as :func:`course_lib.data.parameter_range` or a model's ``settings()`` returns it;
    ``whole=True`` gives an :class:`ipywidgets.IntSlider`.
    """
    _default, low, high = setting
    cls, cast = (widgets.IntSlider, int) if whole else (widgets.FloatSlider, float)
    return cls(
        value=value,
        min=cast(low),
        max=cast(high),
        step=step,
        description=description,
        style=style,
        layout=layout,
        continuous_update=continuous_update,
    )


def seed_box(seed: int, seed_range: tuple[int, int], *, style: dict) -> widgets.BoundedIntText:
    """A box for the random seed: a new whole number in ``seed_range`` draws a new cohort."""
    return widgets.BoundedIntText(
        value=seed,
        min=seed_range[0],
        max=seed_range[1],
        description="Random seed (new cohort)",
        style=style,
        layout=widgets.Layout(width="400px"),
    )
