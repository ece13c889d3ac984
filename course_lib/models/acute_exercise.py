"""Illustrative acute response of *serum* IGF-1 to one bout of exercise.

A **teaching model**, not a prediction for anyone. Every anchor and parameter is
in ``course_lib/data/exercise_parameters.csv`` with its source and evidence level.

What the anchors say (human physiology: single exercise bouts, each in 7 to 10 people)
    * 10 min of cycling above the lactate threshold raised serum IGF-1 from 217
      to 253 ng/mL (+16.6%) by the 10th minute; it "remained significantly
      elevated for only 20 min of recovery" (Cappon et al. 1994, ``cappon1994``).
    * 10 min of low- versus high-intensity exercise: +7.7% versus +13.3%
      (Schwarz et al. 1996, ``schwarz1996``).
    * Heavy resistance exercise: no significant change in serum IGF-1 (Kraemer et
      al. 1995, ``kraemer1995``: 7 men, samples to 30 min after and the next day;
      Nindl et al. 2009, ``nindl2009``: 8 men, samples every 4 h for 24 h, after
      resistance *and* cycling sessions).

The model
    The change ``x(t)`` (percent of the pre-exercise value) rises towards a
    plateau ``P`` with time constant ``tau_rise`` during a bout of length ``D``
    and decays with ``tau_rec`` afterwards::

        x(t) = P (1 - exp(-t / tau_rise))                 0 <= t <= D
        x(t) = x(D) exp(-(t - D) / tau_rec)               t > D

    ``P`` is set so that ``x(10 min)`` equals the published rise for a 10-min bout:
    7.7% for low-intensity cycling, the mean of the two high-intensity anchors
    (16.6% and 13.3%) for high intensity, and 0 for resistance exercise.
    ``tau_rec`` (25 min) keeps the high-intensity rise above the detection limit
    (below) 20 min into recovery, as Cappon 1994 found.

Detection limit
    The smallest acute change a study of 10 men could call significant:
    ``t(0.975, 9) x SE = 2.262 x 2.7 = 6.1`` percentage points (Schwarz 1996's
    standard error). Resistance exercise is drawn as 0 with a band of ± this
    limit: "no detectable change in small studies", not "exactly zero".

What it does **not** describe
    Serum concentrations here are not corrected for the fall in plasma volume
    during exercise; in McCall et al. 1999 (``mccall1999``) the exercise-induced
    IGF-1 rise was no longer significant after that correction, so part or all of
    these rises may be haemoconcentration. Acute serum rises did not predict muscle
    growth: training after a protocol that raised GH, IGF-1 and testosterone gave
    no more hypertrophy than training without it (West et al. 2010, ``west2010``).
    IGF-1 made inside the working muscle (e.g. the MGF splice variant,
    ``hameed2004``) is a different story from serum IGF-1, and this model says
    nothing about it.

>>> round(peak_rise_pct("cycling", "low"), 1)
7.7
>>> round(float(serum_igf1_change_pct(10.0, modality="cycling", intensity="low")), 1)
7.7
>>> float(serum_igf1_change_pct(60.0, modality="resistance", intensity="high"))
0.0
"""

from __future__ import annotations

import numpy as np

from .. import data
from .._validate import choice, real

__all__ = [
    "MODALITIES",
    "INTENSITIES",
    "duration_range",
    "default_baseline_ng_per_mL",
    "peak_rise_pct",
    "serum_igf1_change_pct",
    "serum_igf1_ng_per_mL",
    "detection_limit_pct",
    "response_summary",
    "published_anchors",
    "anchor_table",
]

_TABLE = "exercise_parameters"

#: Exercise modes the model knows: brief cycling (the anchors of Cappon 1994 and
#: Schwarz 1996) and a heavy resistance session (Kraemer 1995; Nindl 2009).
MODALITIES = ("cycling", "resistance")
#: Intensities: below ("low") or above ("high") the lactate threshold.
INTENSITIES = ("low", "high")


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def duration_range() -> tuple[float, float]:
    """The bout lengths (min) the model accepts: ``(5.0, 20.0)``."""
    return _p("duration_min_min"), _p("duration_max_min")


def default_baseline_ng_per_mL() -> float:
    """The pre-exercise IGF-1 of Cappon et al. 1994 (217 ng/mL), the model's default baseline."""
    return _p("cappon_baseline_ng_per_mL")


def detection_limit_pct() -> float:
    """The smallest acute change (percentage points) a 10-person study could call significant: 6.1.

    ``t(0.975, 9 df) x 2.7``, from the standard error of Schwarz 1996's low-intensity rise.
    The resistance-exercise band is 0 ± this value, and Cappon 1994's "significantly
    elevated" means at least this much.
    """
    return _p("detection_limit_pct")


def _check_mode(modality, intensity) -> tuple[str, str]:
    return choice(modality, name="modality", choices=MODALITIES), choice(
        intensity, name="intensity", choices=INTENSITIES
    )


def peak_rise_pct(modality: str = "cycling", intensity: str = "high") -> float:
    """The published rise (%) at the end of a 10-min bout for this modality and intensity.

    Cycling, low: Schwarz 1996 (7.7%). Cycling, high: the mean of Cappon 1994
    (217 to 253 ng/mL, +16.6%) and Schwarz 1996 (+13.3%), i.e. 14.9%.
    Resistance: 0 (no detectable change in small studies; Kraemer 1995, Nindl 2009), whatever
    the intensity; :func:`detection_limit_pct` is the band around that 0.
    """
    modality, intensity = _check_mode(modality, intensity)
    if modality == "resistance":
        return _p("resistance_rise_pct")
    if intensity == "low":
        return _p("schwarz_low_rise_pct")
    cappon = 100.0 * (_p("cappon_peak_ng_per_mL") / _p("cappon_baseline_ng_per_mL") - 1.0)
    return float(np.mean([cappon, _p("schwarz_high_rise_pct")]))


def serum_igf1_change_pct(t_min, *, modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0):
    """Illustrative change in total serum IGF-1 (% of the pre-exercise value) at time ``t_min``.

    Parameters
    ----------
    t_min : float or array-like
        Minutes from the start of the bout, 0 to 1440 (24 h).
    modality : {"cycling", "resistance"}
    intensity : {"low", "high"}
        Below or above the lactate threshold (ignored for resistance exercise).
    duration_min : float
        Length of the bout in minutes, 5 to 20.

    Returns
    -------
    float or numpy.ndarray
        Percent change; scalar in, scalar out.
    """
    t = real(t_min, name="t_min", unit="min", low=0.0, high=_p("window_max_min"))
    lo, hi = duration_range()
    d = real(duration_min, name="duration_min", unit="min", low=lo, high=hi, allow_array=False)
    tau_r, tau_d = _p("rise_time_constant_min"), _p("recovery_time_constant_min")
    ref = _p("bout_reference_min")
    plateau = peak_rise_pct(modality, intensity) / (1.0 - np.exp(-ref / tau_r))
    tt = np.asarray(t, dtype=float)
    during = plateau * (1.0 - np.exp(-np.minimum(tt, d) / tau_r))
    after = np.exp(-np.maximum(tt - d, 0.0) / tau_d)
    out = during * after
    return float(out) if np.ndim(out) == 0 else out


def serum_igf1_ng_per_mL(
    t_min,
    *,
    baseline_ng_per_mL: float | None = None,
    modality: str = "cycling",
    intensity: str = "high",
    duration_min: float = 10.0,
):
    """Illustrative total serum IGF-1 (ng/mL) over time, from a baseline (default 217 ng/mL, Cappon 1994).

    >>> round(serum_igf1_ng_per_mL(0.0))
    217
    """
    base = default_baseline_ng_per_mL() if baseline_ng_per_mL is None else baseline_ng_per_mL
    base = real(base, name="baseline_ng_per_mL", unit="ng/mL", low=0, high=1000, low_open=True, allow_array=False)
    pct = serum_igf1_change_pct(t_min, modality=modality, intensity=intensity, duration_min=duration_min)
    return base * (1.0 + np.asarray(pct) / 100.0) if np.ndim(pct) else base * (1.0 + pct / 100.0)


def response_summary(
    *, modality: str = "cycling", intensity: str = "high", duration_min: float = 10.0, step_min: float = 0.1
) -> dict:
    """Key numbers of one simulated bout over 24 h.

    Returns a dict with ``peak_pct`` (largest change), ``peak_min`` (when it
    occurs), ``detectable_min`` (minutes after the *end* of the bout during which
    the change stays at or above :func:`detection_limit_pct`; 0 if it never reaches
    it), ``back_to_baseline_min`` (minutes after the end of the bout at which the
    change falls below the 1-percentage-point band; 0 if it never exceeds it) and
    ``mean_24h_pct`` (time-averaged change over 24 h).
    """
    real(step_min, name="step_min", unit="min", low=0.01, high=10, allow_array=False)
    t = np.arange(0.0, _p("window_max_min") + step_min / 2, step_min)
    x = serum_igf1_change_pct(t, modality=modality, intensity=intensity, duration_min=duration_min)
    d = float(duration_min)
    band = _p("baseline_band_pct")
    i_peak = int(np.argmax(x))
    after = (t >= d) & (np.abs(x) < band)
    back = float(t[after][0] - d) if np.abs(x).max() >= band else 0.0
    limit = detection_limit_pct()
    below = (t >= d) & (x < limit)
    detectable = float(t[below][0] - d) if x.max() >= limit else 0.0
    return {
        "peak_pct": float(x[i_peak]),
        "peak_min": float(t[i_peak]),
        "detectable_min": detectable,
        "back_to_baseline_min": back,
        "mean_24h_pct": float(np.trapezoid(x, t) / t[-1]),
    }


def published_anchors():
    """The published anchors as a table, one row per study and modality.

    Columns: study, modality, intensity, n (people), time_min (when the rise was read;
    NaN for a null result over many samples), rise_pct (NaN where the study reported no
    significant change), finding, sampling and citation_key. Nindl 2009 appears under both
    modalities: it tested resistance and cycling sessions, sampling every 4 h.
    """
    import pandas as pd

    cappon = 100.0 * (_p("cappon_peak_ng_per_mL") / _p("cappon_baseline_ng_per_mL") - 1.0)
    ref = _p("bout_reference_min")
    every = f"every {_p('nindl_sampling_interval_h'):g} h for 24 h"
    nan = float("nan")
    rows = [
        (
            "Cappon 1994",
            "cycling",
            "high",
            _p("cappon_n"),
            ref,
            cappon,
            "rise",
            "during and after a 10-min bout",
            "cappon1994",
        ),
        (
            "Schwarz 1996",
            "cycling",
            "high",
            _p("schwarz_n"),
            ref,
            _p("schwarz_high_rise_pct"),
            "rise",
            "end of a 10-min bout",
            "schwarz1996",
        ),
        (
            "Schwarz 1996",
            "cycling",
            "low",
            _p("schwarz_n"),
            ref,
            _p("schwarz_low_rise_pct"),
            "rise",
            "end of a 10-min bout",
            "schwarz1996",
        ),
        (
            "Kraemer 1995",
            "resistance",
            "high",
            _p("kraemer_n"),
            nan,
            nan,
            "no significant change",
            "0, 15 and 30 min after, and the next day",
            "kraemer1995",
        ),
        ("Nindl 2009", "resistance", "high", _p("nindl_n"), nan, nan, "no significant change", every, "nindl2009"),
        ("Nindl 2009", "cycling", "moderate", _p("nindl_n"), nan, nan, "no significant change", every, "nindl2009"),
    ]
    cols = ["study", "modality", "intensity", "n", "time_min", "rise_pct", "finding", "sampling", "citation_key"]
    out = pd.DataFrame(rows, columns=cols)
    out["n"] = out["n"].astype(int)
    return out


def anchor_table():
    """The model card's anchors: each published finding beside the model's value, computed here.

    Columns: anchor, published, source, model. The model values come from
    :func:`serum_igf1_change_pct` and :func:`response_summary`, not from the table.
    """
    import pandas as pd

    def at(t, **kw):
        return float(serum_igf1_change_pct(t, **kw))

    ref = _p("bout_reference_min")
    rec = _p("cappon_elevated_recovery_min")
    limit = detection_limit_pct()
    a = published_anchors().set_index(["study", "modality", "intensity"])
    cappon = a.loc[("Cappon 1994", "cycling", "high"), "rise_pct"]
    s_high, s_low = (a.loc[("Schwarz 1996", "cycling", i), "rise_pct"] for i in ("high", "low"))
    high = response_summary(modality="cycling", intensity="high")
    nindl_h = _p("nindl_sampling_interval_h")
    d_max = duration_range()[1]
    resist = max(abs(at(t, modality="resistance")) for t in (0.0, ref, 60.0, 1440.0))
    rows = [
        (
            "Rise at the 10th minute, high intensity",
            f"+{cappon:.1f}% and +{s_high:.1f}%",
            "Cappon 1994; Schwarz 1996",
            f"{at(ref):+.1f}%",
        ),
        (
            "Rise at the 10th minute, low intensity",
            f"+{s_low:.1f}%",
            "Schwarz 1996",
            f"{at(ref, intensity='low'):+.1f}%",
        ),
        (
            f"Still significantly raised {rec:g} min into recovery",
            f"significant (at least {limit:.1f}%)",
            "Cappon 1994",
            f"{at(ref + rec):+.1f}%; detectable for {high['detectable_min']:.0f} min after the bout",
        ),
        ("No rise the next morning", "no increase", "Cappon 1994", f"{at(1440.0):+.2f}% at 24 h"),
        (
            "Heavy resistance session",
            f"no significant change ({_p('kraemer_n'):g} and {_p('nindl_n'):g} men)",
            "Kraemer 1995; Nindl 2009",
            f"{resist:+.1f}%, band ±{limit:.1f}%",
        ),
        (
            f"Cycling, samples every {nindl_h:g} h",
            "no significant change",
            "Nindl 2009",
            f"{at(d_max + 60 * nindl_h, duration_min=d_max):+.2f}% {nindl_h:g} h after a {d_max:g}-min hard bout",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "published", "source", "model"])
