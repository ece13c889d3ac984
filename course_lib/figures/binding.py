"""Figures for unit 03: free fraction, serum distribution, the IGF-1/IGFBP-3 ratio across life, pools over time.

Each builder returns a ``go.Figure`` with units in its axis titles; each has a
``describe_*`` companion that states the key numbers as text (for nbval and
screen readers).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from .. import citations, data
from .._validate import choice, instance, items, real, reals, text
from ..models import binding
from ..plotting import PALETTE, figure

__all__ = [
    "FREE_TRACES",
    "POOL_TRACES",
    "igfbp_grid",
    "free_fraction_curve",
    "free_fraction_figure",
    "describe_free_fraction",
    "serum_scenarios",
    "serum_figure",
    "describe_serum",
    "RATIO_AGES",
    "ratio_figure",
    "describe_ratio",
    "time_grid_min",
    "pools_figure",
    "pools_title",
    "pools_y_title",
    "pool_series",
    "pool_traces",
    "describe_pools",
    "igfbps_html",
    "PROTEASE_FINDINGS",
    "protease_findings_html",
    "describe_als_deficiency",
]

#: Trace order in :func:`free_fraction_figure` (the widget updates traces by index).
FREE_TRACES = ("curve", "chosen", "frystyk")
#: Trace order in :func:`pools_figure`.
POOL_TRACES = ("free", "binary", "ternary", "total", "no_binding_free")
_TABLE = "binding_parameters"


# ---------------------------------------------------------------------------
# Free fraction (one binding protein)
# ---------------------------------------------------------------------------
def igfbp_grid() -> np.ndarray:
    """IGFBP-3 binding sites (nmol/L) at which the free-fraction curve is drawn."""
    hi = data.parameter(_TABLE, "widget_igfbp3_max_nM")
    return np.linspace(0.0, hi, 301)


def free_fraction_curve(*, total_igf1_nM: float, kd_nM: float) -> np.ndarray:
    """Free fraction (percent) on :func:`igfbp_grid` for one total IGF-1 and Kd."""
    return binding.free_fraction(total_igf1_nM, igfbp_nM=igfbp_grid(), kd_nM=kd_nM) * 100.0


def free_fraction_figure(*, total_igf1_nM: float, igfbp_nM: float, kd_nM: float) -> go.Figure:
    """Free IGF-1 (% of total, log axis) against IGFBP-3, with the chosen point and Frystyk's 0.38%."""
    grid = igfbp_grid()
    frystyk = data.parameter(_TABLE, "free_fraction_frystyk_pct")
    fig = figure(
        title="Free IGF-1 with one binding protein (exact mass action)",
        x_title="IGFBP-3 binding sites (nmol/L)",
        y_title="Free IGF-1 (% of total, log scale)",
    )
    fig.add_scatter(
        x=grid,
        y=free_fraction_curve(total_igf1_nM=total_igf1_nM, kd_nM=kd_nM),
        name="free fraction at this total IGF-1 and Kd",
        line=dict(color=PALETTE["blue"], width=2.5),
    )
    ff = binding.free_fraction(total_igf1_nM, igfbp_nM=igfbp_nM, kd_nM=kd_nM) * 100.0
    fig.add_scatter(
        x=[igfbp_nM],
        y=[ff],
        mode="markers",
        name="your choice",
        marker=dict(color=PALETTE["vermillion"], size=12, symbol="diamond"),
    )
    fig.add_scatter(
        x=[grid[0], grid[-1]],
        y=[frystyk, frystyk],
        mode="lines",
        name=f"measured in serum: {frystyk:g}% (ultrafiltration, Frystyk 1994)",
        line=dict(color=PALETTE["black"], dash="dash", width=1.5),
    )
    fig.update_yaxes(type="log", range=[-3, 2.05])
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0), height=460)
    return fig


def describe_free_fraction(*, total_igf1_nM: float, igfbp_nM: float, kd_nM: float) -> str:
    """The chosen equilibrium in words: free fraction, free concentration (nM and ng/L), comparison with 0.38%."""
    s = binding.single_site(total_igf1_nM, igfbp_nM=igfbp_nM, kd_nM=kd_nM)
    frystyk = data.parameter(_TABLE, "free_fraction_frystyk_pct")
    free_ng_per_L = binding.to_ng_per_mL(s.free_igf1_nM, molecule="igf1") * 1000.0
    pct = s.free_fraction * 100.0
    return (
        f"Total IGF-1 {total_igf1_nM:.1f} nM ({binding.to_ng_per_mL(total_igf1_nM, molecule='igf1'):.0f} ng/mL), "
        f"IGFBP-3 sites {igfbp_nM:.0f} nM, Kd {kd_nM:.3g} nM: free IGF-1 {pct:.3g}% of total = "
        f"{s.free_igf1_nM:.3g} nM ({free_ng_per_L:.0f} ng/L); {s.free_igfbp_nM:.1f} nM of IGFBP-3 sites are empty. "
        f"That is {pct / frystyk:.2g} times the {frystyk:g}% measured by ultrafiltration."
    )


# ---------------------------------------------------------------------------
# Serum distribution (richer model)
# ---------------------------------------------------------------------------
def serum_scenarios() -> dict:
    """Four serum-model states: the default, without IGF-2, IGFBP-3 at its glycosylated mass, and ALS on empty IGFBP-3 too."""
    base = binding.default_serum()
    glyco = binding.to_nM(data.parameter(_TABLE, "igfbp3_ng_per_mL"), molecule="igfbp3_glycosylated")
    return {
        "default (IGF-1 + IGF-2, IGFBP-3 at 28.7 kDa)": base,
        "no IGF-2 (a thought experiment)": binding.default_serum(igf2_nM=0.0),
        "IGFBP-3 counted at 44 kDa": binding.default_serum(igfbp3_nM=glyco),
        "ALS binds empty IGFBP-3 too (recalibrated)": binding.default_serum(als_binds="both"),
    }


_POOL_LABELS = (
    ("ternary", "ternary (IGF + IGFBP-3 + ALS)", "blue"),
    ("binary_igfbp3", "binary with IGFBP-3", "sky"),
    ("binary_other", "binary with IGFBP-1, -2, -4, -6", "orange"),
    ("free", "free", "vermillion"),
)


_STATES = "a dict of label -> binding.SerumState, like figures.binding.serum_scenarios() returns"


def _states(states) -> dict:
    """``states`` as given, after checking it maps labels to :class:`course_lib.models.binding.SerumState` (None: the scenarios)."""
    if states is None:
        return serum_scenarios()
    instance(states, name="states", types=Mapping, what=_STATES)
    if not states:
        raise ValueError(f"states must be {_STATES}; got an empty dict. Pass at least one state.")
    for label, state in states.items():
        text(label, name="each label in states", what="text")
        instance(
            state,
            name=f"states[{label!r}]",
            types=binding.SerumState,
            what="a binding.SerumState, as binding.default_serum(...) returns",
        )
    return states


def serum_figure(states: dict | None = None) -> go.Figure:
    """Where IGF-1 sits in each scenario of :func:`serum_scenarios` (stacked horizontal bars, percent)."""
    states = _states(states)
    fig = figure(
        title="Where serum IGF-1 is, in the competition model (illustrative)",
        x_title="Share of total IGF-1 (%)",
        y_title="",
        height=360,
    )
    labels = list(states)
    for key, name, colour in _POOL_LABELS:
        fig.add_bar(
            y=labels,
            x=[round(s.fraction(key) * 100, 3) for s in states.values()],
            name=name,
            orientation="h",
            marker_color=PALETTE[colour],
        )
    fig.update_layout(barmode="stack", legend=dict(orientation="h", yanchor="top", y=-0.25, x=0), margin=dict(l=300))
    fig.update_xaxes(range=[0, 100])
    return fig


def describe_serum(states: dict | None = None) -> str:
    """One line per scenario: ternary, binary and free shares of IGF-1, and IGFBP-3 saturation."""
    states = _states(states)
    lines = []
    for label, s in states.items():
        lines.append(
            f"{label}: ternary {s.fraction('ternary') * 100:.1f}%, binary {s.fraction('binary') * 100:.1f}%, "
            f"free {s.fraction('free') * 100:.4f}% of IGF-1; IGFBP-3 sites occupied {s.igfbp3_saturation * 100:.0f}%"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The IGF-1 / IGFBP-3 molar ratio across life
# ---------------------------------------------------------------------------
#: Ages (years) printed by :func:`describe_ratio`.
RATIO_AGES = (1, 10, 15, 20, 40, 60, 80)


def ratio_figure() -> go.Figure:
    """Ratio of medians (IGF-1 nM / IGFBP-3 nM) by age and sex, with the published ratio medians (/100)."""
    ages = np.arange(0.0, 90.0 + 0.25, 0.5)
    fig = figure(
        title="IGF-1 : IGFBP-3 molar ratio across life (iSYS reference medians)",
        x_title="Age (years)",
        y_title="Molar ratio IGF-1 / IGFBP-3 (mol/mol)",
    )
    for sex, colour in (("male", "blue"), ("female", "vermillion")):
        fig.add_scatter(
            x=ages,
            y=np.round(binding.molar_ratio_by_age(ages, sex=sex), 4),
            name=f"{sex}: ratio of the two medians",
            line=dict(color=PALETTE[colour], width=2.5),
        )
        fig.add_scatter(
            x=ages,
            y=np.round(binding.published_ratio_by_age(ages, sex=sex), 4),
            name=f"{sex}: published ratio median / 100",
            line=dict(color=PALETTE[colour], dash="dot", width=1.5),
        )
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0), height=460)
    return fig


#: The LMS tables behind the ratio: the IGF-1 and IGFBP-3 medians and the published ratio.
_RATIO_DATASETS = ("igf1_lms_isys2014", "igfbp3_lms_isys2014", "igf1_igfbp3_ratio_lms_isys2014")


@functools.cache
def _ratio_age_range() -> tuple[float, float]:
    """The ages (years) every table behind the ratio covers: (0.0, 90.0)."""
    ages = [data.load(name)["age_y"] for name in _RATIO_DATASETS]
    return max(float(a.min()) for a in ages), min(float(a.max()) for a in ages)


def describe_ratio(ages_y=RATIO_AGES) -> str:
    """Ratio of medians and published ratio median / 100 at a few ages, for both sexes."""
    lo, hi = _ratio_age_range()
    lines = []
    for a in reals(ages_y, name="ages_y", unit="years", low=lo, high=hi):
        parts = [f"{a:>2} y:"]
        for sex in ("male", "female"):
            parts.append(
                f"{sex} {binding.molar_ratio_by_age(a, sex=sex):.3f} (published {binding.published_ratio_by_age(a, sex=sex):.3f})"
            )
        lines.append(" ".join(parts))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Pools over time
# ---------------------------------------------------------------------------
def time_grid_min(hours: float) -> np.ndarray:
    """Times (min) for the pool figure: every minute for the first 2 h, then 200 steps to ``hours``."""
    h = real(hours, name="hours", unit="h", low=2, high=7 * 24, allow_array=False)
    early = np.arange(0.0, 120.0 + 0.5, 1.0)
    late = np.linspace(120.0, h * 60.0, 201)[1:]
    return np.round(np.concatenate([early, late]), 6)


def pool_series(
    *, scenario: str, hours: float, t_half_free_min=None, t_half_binary_min=None, t_half_ternary_h=None
) -> dict:
    """:func:`course_lib.models.binding.simulate_pools` on :func:`time_grid_min`, with time also in hours."""
    t = time_grid_min(hours)
    out = binding.simulate_pools(
        t,
        scenario=scenario,
        t_half_free_min=t_half_free_min,
        t_half_binary_min=t_half_binary_min,
        t_half_ternary_h=t_half_ternary_h,
    )
    out["t_h"] = t / 60.0
    return out


_POOL_STYLE = {
    "free": ("free IGF-1", dict(color=PALETTE["vermillion"], width=2.5)),
    "binary": ("binary complexes", dict(color=PALETTE["orange"], width=2)),
    "ternary": ("ternary complex", dict(color=PALETTE["blue"], width=2)),
    "total": ("total in circulation", dict(color=PALETTE["black"], width=2.5)),
    "no_binding_free": (
        "free IGF-1 if there were no binding proteins",
        dict(color=PALETTE["grey"], dash="dash", width=2),
    ),
}


def pool_traces(
    *,
    scenario: str = "tracer",
    hours: float = 24.0,
    t_half_free_min=None,
    t_half_binary_min=None,
    t_half_ternary_h=None,
) -> dict[str, dict]:
    """The x/y data of every trace of :func:`pools_figure`, keyed by :data:`POOL_TRACES`.

    ``x`` is the time in hours; ``y`` the percentage, floored at 0.001% (the bottom of the log axis) and
    rounded to 4 decimals. The pools explorer sends these on each change without building a new figure.
    """
    s = pool_series(
        scenario=scenario,
        hours=hours,
        t_half_free_min=t_half_free_min,
        t_half_binary_min=t_half_binary_min,
        t_half_ternary_h=t_half_ternary_h,
    )
    x = np.round(s["t_h"], 5)
    return {key: dict(x=x, y=np.round(np.maximum(s[key], 1e-3), 4)) for key in POOL_TRACES}


def pools_title(scenario: str) -> str:
    """The title of :func:`pools_figure` for one perturbation."""
    choice(scenario, name="scenario", choices=binding.SCENARIOS)
    return (
        "A trace of free IGF-1 enters the blood at time 0 (mechanism only, illustrative)"
        if scenario == "tracer"
        else "New IGF-1 stops entering the blood at time 0 (mechanism only, illustrative)"
    )


def pools_y_title(scenario: str) -> str:
    """The y-axis title of :func:`pools_figure` for one perturbation (what 100% is)."""
    choice(scenario, name="scenario", choices=binding.SCENARIOS)
    return "% of the tracer given (log scale)" if scenario == "tracer" else "% of the starting total IGF-1 (log scale)"


def pools_figure(
    *,
    scenario: str = "tracer",
    hours: float = 24.0,
    t_half_free_min=None,
    t_half_binary_min=None,
    t_half_ternary_h=None,
) -> go.Figure:
    """The three pools, their total and the no-binding-protein comparison over time (percent, log axis)."""
    traces = pool_traces(
        scenario=scenario,
        hours=hours,
        t_half_free_min=t_half_free_min,
        t_half_binary_min=t_half_binary_min,
        t_half_ternary_h=t_half_ternary_h,
    )
    fig = figure(title=pools_title(scenario), x_title="Time (hours)", y_title=pools_y_title(scenario), height=460)
    for key in POOL_TRACES:
        name, line = _POOL_STYLE[key]
        fig.add_scatter(**traces[key], name=name, line=line)
    fig.update_yaxes(type="log", range=[-3, 2.1])
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return fig


def describe_pools(
    *,
    scenario: str = "tracer",
    hours: float = 24.0,
    t_half_free_min=None,
    t_half_binary_min=None,
    t_half_ternary_h=None,
) -> str:
    """Key numbers of one simulation: half-times of the total and of free IGF-1, and what remains at 1 h and at the end."""
    s = pool_series(
        scenario=scenario,
        hours=hours,
        t_half_free_min=t_half_free_min,
        t_half_binary_min=t_half_binary_min,
        t_half_ternary_h=t_half_ternary_h,
    )
    t = s["t_min"]
    i60 = int(np.searchsorted(t, 60.0))
    half_total = binding.time_to_fraction(t, s["total"], 0.5)
    half_nb = binding.time_to_fraction(t, s["no_binding_free"], 0.5)
    k = binding.pool_rates(
        t_half_free_min=t_half_free_min, t_half_binary_min=t_half_binary_min, t_half_ternary_h=t_half_ternary_h
    )
    fast, middle, slow = binding.tracer_phases_min(
        t_half_free_min=t_half_free_min, t_half_binary_min=t_half_binary_min, t_half_ternary_h=t_half_ternary_h
    )
    intrinsic = (
        f"Intrinsic clearance half-lives: binary {np.log(2) / k['clear_binary']:.1f} min, "
        f"ternary {np.log(2) / k['clear_ternary'] / 60:.1f} h; tracer phases {fast:.2f} min, {middle:.1f} min "
        f"and {slow / 60:.1f} h."
    )

    def fmt(minutes):
        if np.isnan(minutes):
            return f"more than {hours:g} h"
        return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"

    if scenario == "tracer":
        return (
            f"Tracer: the total still in circulation halves after {fmt(half_total)} (free peptide alone: {fmt(half_nb)}). "
            f"At 1 h: {s['total'][i60]:.1f}% remains ({s['binary'][i60]:.1f}% binary, {s['ternary'][i60]:.1f}% ternary, "
            f"{s['free'][i60]:.2f}% free) versus {s['no_binding_free'][i60]:.1f}% with no binding proteins. "
            f"At {hours:g} h: {s['total'][-1]:.2f}% remains. {intrinsic}"
        )
    return (
        f"Production stops: total IGF-1 halves after {fmt(half_total)}. Free IGF-1 drops from {s['free'][0]:.2f}% to "
        f"{s['free'][i60]:.3f}% of the starting total within 1 h and is then fed by release from the complexes; "
        f"without binding proteins it would be {s['no_binding_free'][i60]:.1f}% of its start after 1 h. "
        f"At {hours:g} h: total {s['total'][-1]:.1f}%, free {s['free'][-1]:.4f}%. {intrinsic}"
    )


# ---------------------------------------------------------------------------
# Tables: the carriers, the proteases and the human cases
# ---------------------------------------------------------------------------
#: The table of protease, human-case and IGFBP-1 findings (``data/igfbp_protease_findings.csv``).
PROTEASE_FINDINGS = "igfbp_protease_findings"


def _sources(keys: str) -> str:
    return "; ".join(citations.short(k.strip()) for k in str(keys).split(";") if k.strip())


def _html_table(headings, rows) -> str:
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in headings)
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(str(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table style='font-size:90%'><tr>{head}</tr>{body}</table>"


def igfbps_html() -> str:
    """The six IGFBPs and ALS (``data/igfbps.csv``) as an HTML table: protein, complex, what it does, evidence.

    Evidence keys are shown as their readable labels (:func:`course_lib.data.evidence_label`).

    >>> igfbps_html().count("<tr>")
    8
    """
    t = data.load("igfbps")
    rows = [
        (r.protein, r.circulating_complex, r.what_the_course_says, data.evidence_label(r.evidence_level))
        for r in t.itertuples()
    ]
    return _html_table(("Protein", "Complex in the circulation", "What it does", "Evidence"), rows)


def protease_findings_html(ids=None, *, topic: str | None = None) -> str:
    """Rows of ``data/igfbp_protease_findings.csv`` as an HTML table: finding, evidence label, source (author-year).

    ``ids`` is ``None`` (every row, or every row of ``topic``) or a list of row ids, shown in the order given;
    ``topic`` is one of the table's topics ("proteases", "human cases", "IGFBP-1").

    >>> protease_findings_html(topic="proteases").count("<tr>")
    5
    """
    t = data.load(PROTEASE_FINDINGS).set_index("id")
    if topic is not None:
        topic = choice(topic, name="topic", choices=sorted(set(t["topic"])))
    if ids is None:
        chosen = [i for i in t.index if topic is None or t.at[i, "topic"] == topic]
    else:
        chosen = [
            choice(i, name="ids", choices=list(t.index))
            for i in items(ids, name="ids", types=(list, tuple), what=f"a list of row ids of {PROTEASE_FINDINGS}")
        ]
    rows = [
        (t.at[i, "claim"], data.evidence_label(t.at[i, "evidence_level"]), _sources(t.at[i, "citation_key"]))
        for i in chosen
    ]
    return _html_table(("Finding", "Evidence", "Source"), rows)


def describe_als_deficiency() -> str:
    """What the unit's models say about a person without ALS, as text (from :func:`binding.als_deficiency`).

    >>> "13%" in describe_als_deficiency()
    True
    """
    t = binding.als_deficiency().set_index("state")
    normal, none = t.loc["normal"], t.loc["no ALS"]
    return (
        f"Three-pool model, same production, no ternary complex: total IGF-1 {none.total_pct_of_normal:.0f}% of "
        f"normal, free IGF-1 {none.free_pct_of_normal:.0f}% of normal. Serum equilibrium at a fixed total, "
        f"without ALS: free IGF-1 {none.free_share_pct:.3f}% of total instead of {normal.free_share_pct:.3f}% "
        f"({none.free_share_pct / normal.free_share_pct:.1f} times the share)."
    )
