"""Kernel-side cost of one control change, for every widget builder in course_lib.widgets.

For each builder (called with its defaults) and each of its slider controls, the
control's ``.value`` is moved one step up and back, 20 times, in this process
(no kernel, no browser). The median is the Python work a keypress costs before
anything is sent to the browser: the part of slider-to-redraw that the widget's
own code decides.

    python bench/widget_update.py        # prints a JSON list
"""

from __future__ import annotations

import json
import statistics
import time

import ipywidgets as W

SLIDERS = (W.FloatSlider, W.IntSlider, W.FloatLogSlider)


def measure(repeats: int = 20) -> list[dict]:
    from course_lib import widgets as course_widgets

    rows = []
    for name in course_widgets.__all__:
        widget = getattr(course_widgets, name)()
        for key, control in widget.controls.items():
            if not isinstance(control, SLIDERS):
                continue
            start = control.value
            step = control.step or (control.max - control.min) / 100
            other = start + step if start + step <= control.max else start - step
            if isinstance(control, W.FloatLogSlider):
                other = (
                    start * control.base**step
                    if start * control.base**step <= control.base**control.max
                    else start / control.base**step
                )
            times = []
            for i in range(repeats):
                t = time.perf_counter()
                control.value = other if i % 2 == 0 else start
                times.append((time.perf_counter() - t) * 1000)
            rows.append({"builder": name, "control": key, "median_ms": statistics.median(times), "max_ms": max(times)})
    return rows


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
