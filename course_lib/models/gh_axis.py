"""A minimal, illustrative GH–IGF-1 feedback loop, solved with scipy.

A **teaching model** in relative units (1 = the default steady state), not a
model of any person. Every parameter is in ``course_lib/data/gh_axis_parameters.csv`` with
its source and evidence level.

Structure (three variables, all relative to their default means)
    ``G``: plasma GH. The pituitary releases it in evenly spaced Gaussian bursts
    (7.8 per 24 h, ``bermann1994``) and it is cleared with a 20-min half-life
    (``holl1993``). ``H``: the liver's GH signal, a low-pass filter of G with an
    illustrative 6-h time constant. ``I``: serum IGF-1, produced in proportion
    to H and cleared with the 13.5-h half-life of the ternary complex
    (``guler1989``)::

        dG/dt = k_G [a p(t) m(I) - G]
        dH/dt = k_H [G - H]
        dI/dt = k_I [s H - I]
        m(I)  = (1 + g) / (1 + g I^n)

    ``a`` is the GH pulse amplitude, ``s`` the liver's sensitivity to GH
    (below 1 in fasting, ``ho1988``) and ``p(t)`` the pulse train with mean 1.
    ``m(I)`` is the negative feedback of IGF-1 on GH secretion (pituitary:
    ``yamashita1986``; hypothalamic somatostatin: ``bermann1994``); it equals 1
    at the default IGF-1 and falls as IGF-1 rises.

Calibration of the feedback
    Bermann et al. 1994 raised IGF-1 from 163.5 to 452 µg/L (2.76-fold) by
    infusion and GH fell by 85%. With Hill exponent ``n`` (illustrative, 2) the
    gain ``g`` solves ``m(2.76) = 0.15``; :func:`feedback_gain` does this.

Steady state
    Averaged over the pulses, ``I* = s a m(I*)`` and mean GH is ``I*/s``. With
    no feedback (``g = 0``) ``I* = s a``; with ``a = s = 1`` the default
    ``I* = 1`` holds for any gain. :func:`steady_state` solves it with brentq.

Fasting (:func:`simulate_fast`)
    In a fast the liver's GH sensitivity falls and the central GH drive rises
    over days, not at once. Both follow one ramp
    ``R(t) = (t/T)^h / (1 + (t/T)^h)`` (T = 72 h, h = 6, teaching choices)::

        s(t) = 1 + (s_fast - 1) R(t)        a(t) = 1 + (a_fast - 1) R(t)

    ``s_fast`` and ``a_fast`` are fitted (:func:`fit_fasting_ramp`) so that IGF-1
    on day 5 is 41% below day 1 and 24-h GH on day 5 is 3.1 times the fed value
    (Ho 1988, ``ho1988``); the slow ramp keeps IGF-1 within 10% of baseline at
    56 h, as Hartman 1992 (``hartman1992``) found. :func:`anchor_table` prints
    every anchor beside the model's value.

Metabolic push–pull
    GH is lipolytic and insulin-antagonistic (``moller2009``); IGF-1 acts like
    insulin (``laager1993``). The model tracks only the hormones; the summary
    says only which way the mix leans (mean GH up relative to IGF-1: lipolytic,
    insulin-antagonistic; down: insulin-like). There is no measured "balance
    index", so none is reported as a number.

>>> round(gh_secretion_multiplier(1.0), 6)
1.0
>>> round(steady_state(pulse_amplitude=2.0, feedback_scale=0.0)["igf1_rel"], 6)
2.0
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy.integrate import odeint, solve_ivp
from scipy.optimize import brentq

from .. import data
from .._validate import choice, mapping, real, text

__all__ = [
    "REGULATION_ACTIONS",
    "regulation_findings",
    "control_range",
    "feedback_gain",
    "gh_secretion_multiplier",
    "pulse_train",
    "steady_state",
    "simulate",
    "fasting_ramp",
    "simulate_fast",
    "fit_fasting_ramp",
    "fasting_anchors",
    "fasting_metrics",
    "anchor_table",
    "check_run",
    "summarise",
]

_TABLE = "gh_axis_parameters"
_CONTROLS = ("pulse_amplitude_rel", "feedback_scale", "hepatic_sensitivity_rel")


#: How a finding of :func:`regulation_findings` acts on GH secretion.
REGULATION_ACTIONS = ("stimulates", "inhibits", "pattern")


def regulation_findings(action: str | None = None):
    """The published findings on the upstream control of GH (``data/gh_regulation_findings.csv``).

    One row per finding: GHRH and ghrelin stimulate GH secretion, somatostatin inhibits it, and sleep and
    sex shape its pattern. ``action`` is ``None`` (every row) or one of :data:`REGULATION_ACTIONS`.

    >>> regulation_findings("inhibits")["id"].tolist()
    ['somatostatin']
    """
    if action is not None:
        choice(action, name="action", choices=REGULATION_ACTIONS)
    df = data.load("gh_regulation_findings")
    if action is not None:
        df = df[df["action_on_gh"] == action]
    return df.reset_index(drop=True)


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def control_range(name: str) -> tuple[float, float, float]:
    """``(low, default, high)`` of a learner control: pulse_amplitude_rel, feedback_scale or hepatic_sensitivity_rel."""
    choice(name, name="name", choices=_CONTROLS)
    value, low, high = data.parameter_range(_TABLE, name)
    return low, value, high


def _check_controls(pulse_amplitude, feedback_scale, hepatic_sensitivity):
    out = []
    for value, name, unit in (
        (pulse_amplitude, "pulse_amplitude_rel", "× default pulse amplitude"),
        (feedback_scale, "feedback_scale", "× fitted feedback gain"),
        (hepatic_sensitivity, "hepatic_sensitivity_rel", "× default liver sensitivity"),
    ):
        lo, _, hi = control_range(name)
        argname = {"pulse_amplitude_rel": "pulse_amplitude", "hepatic_sensitivity_rel": "hepatic_sensitivity"}.get(
            name, name
        )
        out.append(real(value, name=argname, unit=unit, low=lo, high=hi, allow_array=False))
    return out


def _hill(n):
    if n is None:
        return _p("feedback_hill_n")
    _, low, high = data.parameter_range(_TABLE, "feedback_hill_n")
    return real(n, name="n", unit="dimensionless (Hill exponent)", low=low, high=high, allow_array=False)


@functools.cache
def _gain(n: float) -> float:
    ratio = _p("bermann_igf1_infusion_ug_per_L") / _p("bermann_igf1_baseline_ug_per_L")
    kept = 1.0 - _p("bermann_gh_suppression_pct") / 100.0
    return float((1.0 - kept) / (kept * ratio**n - 1.0))


def feedback_gain(n: float | None = None) -> float:
    """The feedback gain ``g`` for which raising IGF-1 2.76-fold cuts GH secretion by 85% (Bermann 1994).

    Solves ``(1 + g) / (1 + g r^n) = 0.15`` with ``r = 452 / 163.5``:
    ``g = 0.85 / (0.15 r^n - 1)``, which needs ``n`` above about 1.87.

    >>> round(feedback_gain(2.0), 2)
    5.81
    """
    return _gain(_hill(n))


def gh_secretion_multiplier(igf1_rel, *, feedback_scale: float = 1.0, n: float | None = None):
    """How much IGF-1 (relative to default) scales GH secretion: ``(1 + g)/(1 + g I^n)``, 1 at ``I = 1``."""
    i = real(igf1_rel, name="igf1_rel", unit="× default IGF-1", low=0, high=100)
    lo, _, hi = control_range("feedback_scale")
    f = real(feedback_scale, name="feedback_scale", unit="× fitted feedback gain", low=lo, high=hi, allow_array=False)
    nn = _hill(n)
    g = f * _gain(nn)
    return (1.0 + g) / (1.0 + g * np.asarray(i) ** nn) if np.ndim(i) else (1.0 + g) / (1.0 + g * i**nn)


def _period_h() -> float:
    return 24.0 / _p("gh_pulses_per_24h")


def pulse_train(t_h):
    """The GH secretion pattern ``p(t)``: evenly spaced Gaussian bursts with mean 1 (relative units).

    Bursts are centred at ``(k + 1/2) T`` with ``T = 24 h / 7.8``; each has an
    illustrative width (SD) of 10 min and area ``T``.
    """
    t = real(t_h, name="t_h", unit="h", low=0, high=24.0 * 30)
    period = _period_h()
    sd = _p("gh_pulse_sd_min") / 60.0
    tt = np.atleast_1d(np.asarray(t, dtype=float))
    k = np.floor(tt / period)
    total = np.zeros_like(tt)
    for shift in (-1.0, 0.0, 1.0):  # neighbouring bursts; farther ones contribute < 1e-30
        centre = (k + shift + 0.5) * period
        total += np.exp(-0.5 * ((tt - centre) / sd) ** 2)
    out = total * period / (sd * np.sqrt(2.0 * np.pi))
    return float(out[0]) if np.ndim(t) == 0 else out


def _rates():
    k_g = np.log(2.0) / (_p("gh_half_life_min") / 60.0)
    k_h = 1.0 / _p("hepatic_delay_h")
    k_i = np.log(2.0) / _p("igf1_half_life_h")
    return k_g, k_h, k_i


def steady_state(
    *,
    pulse_amplitude: float = 1.0,
    feedback_scale: float = 1.0,
    hepatic_sensitivity: float = 1.0,
    n: float | None = None,
) -> dict:
    """Pulse-averaged steady state: ``igf1_rel`` solves ``I = s a m(I)``; ``gh_mean_rel = I / s``.

    >>> round(steady_state()["igf1_rel"], 9)
    1.0
    """
    a, f, s = _check_controls(pulse_amplitude, feedback_scale, hepatic_sensitivity)
    nn = _hill(n)
    g = f * _gain(nn)

    def excess(i):
        return s * a * (1.0 + g) / (1.0 + g * i**nn) - i

    upper = s * a * (1.0 + g) + 1.0
    igf1 = float(brentq(excess, 0.0, upper, xtol=1e-13))
    return {"igf1_rel": igf1, "gh_mean_rel": igf1 / s, "gh_secretion_multiplier": (1.0 + g) / (1.0 + g * igf1**nn)}


def simulate(
    days: float | None = None,
    *,
    pulse_amplitude: float = 1.0,
    feedback_scale: float = 1.0,
    hepatic_sensitivity: float = 1.0,
    n: float | None = None,
    step_h: float = 0.05,
) -> dict:
    """Run the loop from the default steady state after the controls change at time 0.

    Parameters
    ----------
    days : float, optional
        Length of the run, 1 to 14 days (default 7).
    pulse_amplitude, feedback_scale, hepatic_sensitivity : float
        The learner's controls, relative to default; ranges from the parameter table.
    n : float, optional
        Hill exponent of the feedback (default from the table, 2).
    step_h : float
        Output spacing in hours (0.01 to 0.5).

    Returns
    -------
    dict
        ``t_h`` (hours), ``gh_rel``, ``hepatic_rel`` and ``igf1_rel`` arrays.
        Starts from the default steady state: IGF-1 at 1, GH and the liver
        signal on the default cycle just before a burst.
    """
    default_days, low, high = data.parameter_range(_TABLE, "days_default")
    days = default_days if days is None else days
    days = real(days, name="days", unit="days", low=low, high=high, allow_array=False)
    real(step_h, name="step_h", unit="h", low=0.01, high=0.5, allow_array=False)
    a, f, s = _check_controls(pulse_amplitude, feedback_scale, hepatic_sensitivity)
    nn = _hill(n)
    g = f * _gain(nn)
    k_g, k_h, k_i = _rates()
    period = _period_h()
    sd = _p("gh_pulse_sd_min") / 60.0
    norm = period / (sd * math.sqrt(2.0 * math.pi))
    exp, floor = math.exp, math.floor

    # The right-hand side runs thousands of times per slider step, so it is plain
    # scalar Python (math, not numpy): the same three bursts as pulse_train.
    def rhs(y, t):
        gh, hep, igf = y
        centre = (floor(t / period) + 0.5) * period
        d0, d1, d2 = (t - centre) / sd, (t - centre + period) / sd, (t - centre - period) / sd
        p = norm * (exp(-0.5 * d0 * d0) + exp(-0.5 * d1 * d1) + exp(-0.5 * d2 * d2))
        m = (1.0 + g) / (1.0 + g * max(igf, 0.0) ** nn)
        return (k_g * (a * p * m - gh), k_h * (gh - hep), k_i * (s * hep - igf))

    # Start where the default cycle is just before a burst, so an unchanged loop stays put.
    gh0, hep0 = _default_start()
    t_end = 24.0 * days
    t_eval = np.arange(0.0, t_end + step_h / 2, step_h)
    t_eval = t_eval[t_eval <= t_end]
    # LSODA through odeint: the same solver as solve_ivp(method="LSODA") without its
    # per-step Python layer, about 10x faster (bench/RESULTS.md, kernel-side widget cost).
    # The step is capped at half a burst's width so no burst is stepped over.
    y, info = odeint(rhs, [gh0, hep0, 1.0], t_eval, hmax=sd / 2, rtol=1e-6, atol=1e-9, full_output=True)
    if info["message"] != "Integration successful.":  # pragma: no cover - LSODA does not fail on this smooth system
        raise RuntimeError(f"the GH–IGF-1 ODE did not solve: {info['message']}")
    return {"t_h": t_eval, "gh_rel": y[:, 0], "hepatic_rel": y[:, 1], "igf1_rel": y[:, 2]}


def fasting_ramp(t_h):
    """How far the fasting changes have gone at ``t_h`` hours into a fast: 0 at the start, towards 1.

    ``R(t) = (t/T)^h / (1 + (t/T)^h)`` with ``T = fast_ramp_half_h`` (72 h) and
    ``h = fast_ramp_hill`` (6), both teaching choices from the parameter table.

    >>> round(fasting_ramp(72.0), 3)
    0.5
    """
    t = real(t_h, name="t_h", unit="h", low=0, high=24.0 * 30)
    x = (np.asarray(t, dtype=float) / _p("fast_ramp_half_h")) ** _p("fast_ramp_hill")
    out = x / (1.0 + x)
    return float(out) if np.ndim(out) == 0 else out


def _solve_fast(days: float, step_h: float, drive: float, sensitivity: float) -> dict:
    g = _gain(_p("feedback_hill_n"))
    nn = _p("feedback_hill_n")
    k_g, k_h, k_i = _rates()
    period = _period_h()
    sd = _p("gh_pulse_sd_min") / 60.0
    norm = period / (sd * math.sqrt(2.0 * math.pi))
    half, hill = _p("fast_ramp_half_h"), _p("fast_ramp_hill")
    exp, floor = math.exp, math.floor

    def rhs(y, t):
        gh, hep, igf = y
        x = (t / half) ** hill
        r = x / (1.0 + x)
        centre = (floor(t / period) + 0.5) * period
        d0, d1, d2 = (t - centre) / sd, (t - centre + period) / sd, (t - centre - period) / sd
        p = norm * (exp(-0.5 * d0 * d0) + exp(-0.5 * d1 * d1) + exp(-0.5 * d2 * d2))
        m = (1.0 + g) / (1.0 + g * max(igf, 0.0) ** nn)
        a = 1.0 + (drive - 1.0) * r
        s = 1.0 + (sensitivity - 1.0) * r
        return (k_g * (a * p * m - gh), k_h * (gh - hep), k_i * (s * hep - igf))

    gh0, hep0 = _default_start()
    t_end = 24.0 * days
    t_eval = np.arange(0.0, t_end + step_h / 2, step_h)
    t_eval = t_eval[t_eval <= t_end]
    y, info = odeint(rhs, [gh0, hep0, 1.0], t_eval, hmax=sd / 2, rtol=1e-6, atol=1e-9, full_output=True)
    if info["message"] != "Integration successful.":  # pragma: no cover - LSODA does not fail on this smooth system
        raise RuntimeError(f"the GH–IGF-1 ODE did not solve: {info['message']}")
    r = fasting_ramp(t_eval)
    return {
        "t_h": t_eval,
        "gh_rel": y[:, 0],
        "hepatic_rel": y[:, 1],
        "igf1_rel": y[:, 2],
        "drive_rel": 1.0 + (drive - 1.0) * r,
        "sensitivity_rel": 1.0 + (sensitivity - 1.0) * r,
    }


@functools.cache
def _default_fast(days: float, step_h: float) -> dict:
    return _solve_fast(days, step_h, _p("fast_gh_drive_rel"), _p("fast_hepatic_sensitivity_rel"))


def simulate_fast(days: float | None = None, *, step_h: float = 0.05) -> dict:
    """A fast from the default (fed) steady state: liver sensitivity and GH drive ramp over days.

    Parameters
    ----------
    days : float, optional
        Length of the fast, 1 to 14 days (default 5, as in Ho 1988).
    step_h : float
        Output spacing in hours (0.01 to 0.5).

    Returns
    -------
    dict
        ``t_h``, ``gh_rel``, ``hepatic_rel`` and ``igf1_rel`` as from :func:`simulate`,
        plus ``drive_rel`` and ``sensitivity_rel``: the GH drive and liver sensitivity
        along the ramp (:func:`fasting_ramp`). Fresh arrays on every call.
    """
    default_days, low, high = data.parameter_range(_TABLE, "fast_days")
    days = default_days if days is None else days
    days = real(days, name="days", unit="days", low=low, high=high, allow_array=False)
    step_h = real(step_h, name="step_h", unit="h", low=0.01, high=0.5, allow_array=False)
    return {k: v.copy() for k, v in _default_fast(float(days), float(step_h)).items()}


def _day_mean(t, x, start_h: float, end_h: float) -> float:
    sel = (t >= start_h - 1e-9) & (t <= end_h + 1e-9)
    return float(np.trapezoid(x[sel], t[sel]) / (t[sel][-1] - t[sel][0]))


def _metrics(run: dict) -> dict:
    t, gh, igf = run["t_h"], run["gh_rel"], run["igf1_rel"]
    return {
        "igf1_56h_rel": float(np.interp(_p("hartman_igf1_unchanged_h"), t, igf)),
        "igf1_day5_over_day1": _day_mean(t, igf, 96.0, 120.0) / _day_mean(t, igf, 0.0, 24.0),
        "gh_day5_rel": _day_mean(t, gh, 96.0, 120.0),
        "gh_day2_rel": _day_mean(t, gh, 24.0, 48.0),
    }


def fasting_metrics(days: float | None = None) -> dict:
    """The numbers the fasting studies report, read off :func:`simulate_fast` (``days``: 5 to 14, default 5).

    ``igf1_56h_rel`` (IGF-1 at 56 h, Hartman 1992), ``igf1_day5_over_day1`` (mean IGF-1 over
    96–120 h divided by 0–24 h, Ho 1988), ``gh_day5_rel`` (mean GH over 96–120 h, the fed mean
    being 1; Ho 1988) and ``gh_day2_rel`` (mean GH over 24–48 h; Hartman 1992's production rate).
    The run must last at least 5 days to reach Ho's fifth day.
    """
    default_days, _, high = data.parameter_range(_TABLE, "fast_days")
    days = default_days if days is None else days
    days = real(days, name="days", unit="days", low=default_days, high=high, allow_array=False)
    return _metrics(simulate_fast(days))


def fit_fasting_ramp() -> dict:
    """Solve for the fasting end points ``drive`` and ``sensitivity`` that reproduce Ho 1988's day-5 ratios.

    Targets: IGF-1 day 5 / day 1 = 0.77 / 1.31 and 24-h GH day 5 / fed = 8.75 / 2.82, with the
    ramp shape from the table. This is how ``fast_gh_drive_rel`` and
    ``fast_hepatic_sensitivity_rel`` were obtained (about a second: 10-20 ODE runs).
    """
    from scipy.optimize import fsolve

    igf_target = _p("ho_igf1_day5_U_per_mL") / _p("ho_igf1_day1_U_per_mL")
    gh_target = _p("ho_gh_day5_ug_min_per_mL") / _p("ho_gh_fed_ug_min_per_mL")

    def miss(v):
        m = _metrics(_solve_fast(5.0, 0.05, float(v[0]), float(v[1])))
        return [m["igf1_day5_over_day1"] - igf_target, m["gh_day5_rel"] - gh_target]

    sol = fsolve(miss, [_p("fast_gh_drive_rel"), _p("fast_hepatic_sensitivity_rel")], xtol=1e-8)
    return {"drive": float(sol[0]), "sensitivity": float(sol[1])}


def fasting_anchors():
    """The fasting data the model is compared with, as ratios to the fed (or day-1) value.

    One row per published comparison: study, quantity ("IGF-1" or "GH"), t_start_h and
    t_end_h (the hours of the fast the number describes), value_rel, low_rel and high_rel
    (± 1 SE of the later mean, divided by the earlier mean; NaN where the paper gives no
    number), what (the comparison in words) and citation_key. All from the parameter table.
    """
    import pandas as pd

    nan = float("nan")
    d1, d5 = _p("ho_igf1_day1_U_per_mL"), data.parameter_range(_TABLE, "ho_igf1_day5_U_per_mL")
    gf, g5 = _p("ho_gh_fed_ug_min_per_mL"), data.parameter_range(_TABLE, "ho_gh_day5_ug_min_per_mL")
    hf, h2 = _p("hartman_gh_fed_ug_per_Lv"), data.parameter_range(_TABLE, "hartman_gh_fasted_ug_per_Lv")
    t56 = _p("hartman_igf1_unchanged_h")
    rows = [
        ("Hartman 1992", "IGF-1", t56, t56, 1.0, nan, nan, f"unchanged after {t56:g} h of fasting", "hartman1992"),
        ("Ho 1988", "IGF-1", 96.0, 120.0, d5[0] / d1, d5[1] / d1, d5[2] / d1, "day 5 / day 1 of the fast", "ho1988"),
        ("Ho 1988", "GH", 96.0, 120.0, g5[0] / gf, g5[1] / gf, g5[2] / gf, "24-h GH, day 5 / fed day", "ho1988"),
        (
            "Hartman 1992",
            "GH",
            24.0,
            48.0,
            h2[0] / hf,
            h2[1] / hf,
            h2[2] / hf,
            "24-h GH production (deconvolution), day 2 / fed day",
            "hartman1992",
        ),
    ]
    cols = ["study", "quantity", "t_start_h", "t_end_h", "value_rel", "low_rel", "high_rel", "what", "citation_key"]
    return pd.DataFrame(rows, columns=cols)


def _gh_half_life_min(run: dict) -> float:
    """GH half-life read off a default run: the decay between 1.0 and 1.4 h after a late burst centre."""
    t, gh = run["t_h"], run["gh_rel"]
    period = _period_h()
    centre = (np.floor(t[-1] / period) - 1.5) * period
    i0, i1 = np.searchsorted(t, centre + 1.0), np.searchsorted(t, centre + 1.4)
    return float(np.log(2.0) / (-np.log(gh[i1] / gh[i0]) / (t[i1] - t[i0])) * 60.0)


def anchor_table():
    """The model card's anchors: each published value beside the model's, computed from runs of the model.

    Columns: anchor, published, source, model. Takes about 0.2 s (a 10-day default run
    and the cached 5-day fast).
    """
    import pandas as pd

    default = simulate(10)
    t, gh = default["t_h"], default["gh_rel"]
    peaks = np.nonzero((gh[1:-1] > gh[:-2]) & (gh[1:-1] >= gh[2:]) & (gh[1:-1] > 1.0))[0]
    per_day = len(peaks) / (t[-1] / 24.0)
    ratio = _p("bermann_igf1_infusion_ug_per_L") / _p("bermann_igf1_baseline_ug_per_L")
    kept = float(gh_secretion_multiplier(ratio))
    _, sup_lo, sup_hi = data.parameter_range(_TABLE, "bermann_gh_suppression_pct")
    _, hl_lo, hl_hi = data.parameter_range(_TABLE, "gh_half_life_min")
    _, pulse_lo, pulse_hi = data.parameter_range(_TABLE, "gh_pulses_per_24h")
    m = fasting_metrics()
    a = fasting_anchors().set_index(["study", "quantity"])

    def band(row):
        return f"{row['value_rel']:.2f} (±1 SE {row['low_rel']:.2f}–{row['high_rel']:.2f})"

    ho_i, ho_g, ha_g = a.loc[("Ho 1988", "IGF-1")], a.loc[("Ho 1988", "GH")], a.loc[("Hartman 1992", "GH")]
    rows = [
        (
            "GH suppression when IGF-1 is raised 2.76-fold",
            f"{_p('bermann_gh_suppression_pct'):g}% ({sup_lo:g}–{sup_hi:g})",
            "Bermann 1994",
            f"{100 * (1 - kept):.1f}%",
        ),
        (
            "GH pulses per 24 h (fed)",
            f"{_p('gh_pulses_per_24h'):g} ({pulse_lo:g}–{pulse_hi:g})",
            "Bermann 1994",
            f"{per_day:.1f}",
        ),
        (
            "GH half-life between pulses",
            f"{_p('gh_half_life_min'):g} min ({hl_lo:g}–{hl_hi:g})",
            "Holl 1993",
            f"{_gh_half_life_min(default):.1f} min",
        ),
        (
            f"IGF-1 after {_p('hartman_igf1_unchanged_h'):g} h of fasting",
            "unchanged",
            "Hartman 1992",
            f"{100 * (m['igf1_56h_rel'] - 1):+.1f}%",
        ),
        ("IGF-1, day 5 / day 1 of a fast", band(ho_i), "Ho 1988", f"{m['igf1_day5_over_day1']:.2f}"),
        ("24-h GH, day 5 of a fast / fed", band(ho_g), "Ho 1988", f"{m['gh_day5_rel']:.2f}"),
        (
            "24-h GH, day 2 of a fast / fed",
            band(ha_g) + ", production rate",
            "Hartman 1992",
            f"{m['gh_day2_rel']:.2f} (not reproduced)",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "published", "source", "model"])


@functools.cache
def _default_start() -> tuple[float, float]:
    """GH and liver signal at a period boundary of the default cycle (IGF-1 held at 1).

    The G and H equations are linear when IGF-1 is fixed, so 16 cycles (49 h, eight
    liver time constants) from any start land on the periodic solution.
    """
    k_g, k_h, _ = _rates()
    period = _period_h()
    sol = solve_ivp(
        lambda t, y: [k_g * (pulse_train(t) - y[0]), k_h * (y[0] - y[1])],
        (0.0, 16 * period),
        [0.0, 1.0],
        max_step=_p("gh_pulse_sd_min") / 120.0,
        rtol=1e-8,
        atol=1e-12,
    )
    return float(sol.y[0, -1]), float(sol.y[1, -1])


def check_run(sim, *, name: str = "sim") -> dict:
    """The arrays of a run from :func:`simulate`, checked: ``t_h`` increasing (at least 2 times),
    ``gh_rel`` and ``igf1_rel`` finite, IGF-1 above 0, all of one length. ``name`` is the parameter
    name for error messages (figure builders pass their own, e.g. ``"reference"``).
    """
    text(name, name="name", what="the parameter name to use in error messages")
    what = "the dict gh_axis.simulate(...) returns"
    mapping(sim, name=name, keys=("t_h", "gh_rel", "igf1_rel"), what=what)
    t = real(sim["t_h"], name=f"{name}['t_h']", unit="h")
    gh = real(sim["gh_rel"], name=f"{name}['gh_rel']", unit="multiples of the default")
    igf = real(sim["igf1_rel"], name=f"{name}['igf1_rel']", unit="multiples of the default", low=0, low_open=True)
    if (
        np.ndim(t) != 1
        or np.size(t) < 2
        or np.any(np.diff(t) <= 0)
        or np.shape(gh) != np.shape(t)
        or np.shape(igf) != np.shape(t)
    ):
        raise ValueError(
            f"{name} must be {what}: 't_h' increasing, with at least 2 times, and 'gh_rel' and "
            f"'igf1_rel' of the same length; got shapes {np.shape(t)}, {np.shape(gh)} "
            f"and {np.shape(igf)}."
        )
    return {"t_h": t, "gh_rel": gh, "igf1_rel": igf}


def summarise(sim: dict) -> dict:
    """Key numbers of a run: last-day means of GH and IGF-1, the GH peak, and IGF-1's half-change time.

    "Last day" means the whole GH cycles (7 of 3.1 h) that fit in the final 24 h.

    ``igf1_half_change_h`` is the first time IGF-1 has moved half-way from 1 to
    its last-day mean (``nan`` if it moved by less than 0.5%).
    ``lean`` says which way the mix leans over the last day, qualitatively:
    ``"lipolytic"`` (mean GH more than 5% above IGF-1, both relative to default),
    ``"insulin-like"`` (more than 5% below) or ``"default"``. It is not a measured index.

    ``sim`` is the dict :func:`simulate` returns: ``t_h`` (hours, increasing, at
    least 2 samples), ``gh_rel`` and ``igf1_rel`` (above 0), all finite and of the same length.
    """
    run = check_run(sim)
    t, gh, igf = run["t_h"], run["gh_rel"], run["igf1_rel"]
    # Average over the whole GH cycles that fit in the last 24 h, so a part-cycle does not bias the mean.
    window = np.floor(24.0 / _period_h()) * _period_h()
    last = t >= t[-1] - window - 1e-9
    gh_mean = float(np.trapezoid(gh[last], t[last]) / (t[last][-1] - t[last][0]))
    igf_mean = float(np.trapezoid(igf[last], t[last]) / (t[last][-1] - t[last][0]))
    change = igf_mean - 1.0
    if abs(change) < 0.005:
        half = float("nan")
    else:
        crossed = np.nonzero((igf - 1.0) / change >= 0.5)[0]
        half = float(t[crossed[0]]) if crossed.size else float("nan")
    return {
        "gh_mean_last_day": gh_mean,
        "igf1_mean_last_day": igf_mean,
        "gh_peak": float(gh.max()),
        "igf1_half_change_h": half,
        "lean": "lipolytic"
        if gh_mean > 1.05 * igf_mean
        else "insulin-like"
        if gh_mean < 0.95 * igf_mean
        else "default",
    }
