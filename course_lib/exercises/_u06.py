"""Unit 06 exercises: a Bland-Altman limit by hand."""

from __future__ import annotations

import numpy as np

from .. import data
from ..models import assays
from . import Mistake, NumericExercise, register


def _pairs():
    """The first eight people of unit 06's simulated study, rounded as the notebook shows them."""
    seed = int(data.parameter("assay_parameters", "sim_seed"))
    study = assays.inter_assay_study(rng=np.random.default_rng(seed))
    p = study.people.loc[:7, ["assay_a_ng_per_mL", "assay_b_ng_per_mL"]].round(0)
    return p["assay_a_ng_per_mL"], p["assay_b_ng_per_mL"]


def _upper(ddof: int) -> float:
    a, b = _pairs()
    d = np.asarray(b) - np.asarray(a)
    return float(d.mean() + 1.96 * d.std(ddof=ddof))


def _upper_a_minus_b() -> float:
    a, b = _pairs()
    d = np.asarray(a) - np.asarray(b)
    return float(d.mean() + 1.96 * d.std(ddof=1))


register(
    NumericExercise(
        id="06-bland-altman-upper",
        name="the upper limit of agreement",
        unit="ng/mL",
        expected=lambda: assays.bland_altman(*_pairs()).upper,
        hints=(
            "take the differences B - A, their mean (the bias) and their sample SD, then bias + 1.96 SD.",
            "the sample SD divides the sum of squared deviations by n - 1, not by n.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _upper(0), hint="you used the population SD (divided by n); use the sample SD (n - 1)."
            ),
            Mistake(
                value=lambda: _upper_a_minus_b(),
                hint="check the sign of the differences: the limits here are for B - A, not A - B.",
            ),
        ),
        objectives=(3,),
    )
)
