"""Kernel-side update latency of the lifespan explorer vs the naive rebuild.

Measured **inside a real ipykernel** (started with jupyter_client), where each
widget change is serialised and sent over the kernel's comm channel, as in
JupyterLab. Two ways of responding to the same sequence of control changes:

* **in place** (the course's way): set a control's ``.value``; its observer
  updates only the affected traces of the FigureWidget and the summary;
* **naive** (what ``interact`` does): inside an ``Output`` widget, clear the
  output, rebuild the whole figure for the new inputs and display it (plotly
  serialises it to JSON and the kernel sends it), then print the summary.

    python bench/explorer_latency.py         # prints a JSON dict
"""

from __future__ import annotations

import json
import sys

from jupyter_client.manager import start_new_kernel

# Runs inside the kernel. Cycles through every control except the free-text field.
_KERNEL_CODE = r"""
import json, time, statistics
import numpy as np
import ipywidgets
from IPython.display import clear_output, display
from course_lib.widgets import lifespan_explorer
from course_lib.figures import lifestyle as fig_lifestyle

N = {n}
e = lifespan_explorer()
c = e.controls
changes = []
for i in range(N):
    k = i % 10
    if k < 5:
        changes.append(("age_y", 10.0 + (i * 7) % 70))
    elif k < 8:
        changes.append(("protein_g_per_kg_day", round(0.8 + ((i * 0.15) % 0.9), 2)))
    elif k == 8:
        changes.append(("training", ("untrained", "trained")[i % 2]))
    else:
        changes.append(("sex", ("male", "female")[i % 2]))

def pct(xs, q):
    return float(np.percentile(np.array(xs) * 1000, q))

inplace = []
for name, value in changes:
    t = time.perf_counter()
    c[name].value = value
    inplace.append(time.perf_counter() - t)

naive = []
out = ipywidgets.Output()
state = dict(sex="female", reference="isys2014", age_y=40.0, protein_g_per_kg_day=1.2, training="untrained")
keymap = dict(age_y="age_y", protein_g_per_kg_day="protein_g_per_kg_day", training="training", sex="sex")
for name, value in changes:
    state[keymap[name]] = value
    t = time.perf_counter()
    with out:
        clear_output(wait=True)
        fig = fig_lifestyle.lifespan_figure(**state)
        display(fig)
        print(fig_lifestyle.describe(**state))
    naive.append(time.perf_counter() - t)
payload = fig.to_json()

print(json.dumps(dict(
    n=N,
    inplace_median_ms=pct(inplace, 50), inplace_p95_ms=pct(inplace, 95),
    naive_median_ms=pct(naive, 50), naive_p95_ms=pct(naive, 95),
    naive_payload_kB=len(payload) / 1000,
)))
"""


def measure(n: int = 200) -> dict:
    """Run the benchmark in a fresh kernel; return medians/p95 in ms and the speed-up."""
    if n < 200:
        raise ValueError(f"n must be at least 200 changes for a stable p95; got {n}.")
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        out: list[str] = []
        reply = kc.execute_interactive(
            _KERNEL_CODE.format(n=n),
            timeout=600,
            output_hook=lambda msg: out.append(msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None,
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"benchmark failed in the kernel: {reply['content'].get('evalue')}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    result = json.loads("".join(out).strip().splitlines()[-1])
    result["speedup"] = result["naive_median_ms"] / result["inplace_median_ms"]
    return result


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 200), indent=2))
