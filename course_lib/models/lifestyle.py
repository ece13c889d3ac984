"""Illustrative nutrition and training modifiers of serum IGF-1.

These are **teaching models**, not predictions for anyone. Each multiplies the
age- and sex-specific reference median (:mod:`course_lib.models.reference_ranges`); every
parameter and anchor is in ``course_lib/data/lifestyle_parameters.csv`` with its source
and evidence level.

Protein (evidence: one small short human intervention, plus observational data)
    A saturating curve ``f(x) = [x / (K + x)] / [x_ref / (K + x_ref)]`` of protein
    intake ``x`` (g/kg/day), monotone and equal to 1 at the reference intake. The
    half-saturation ``K`` is solved so that the ratio f(0.95)/f(1.67) equals
    152/194, the fall in mean IGF-1 when six people cut protein from 1.67 to
    0.95 g/kg/day for 3 weeks (Fontana et al. 2008, ``fontana2008``).
    Energy restriction alone is not modelled because it did not change total
    IGF-1 in the CALERIE 2 trial (``fontana2016``).

Training (evidence: mixed)
    A fixed multiplier per status. Trials disagree on whether chronic training
    changes *serum* IGF-1 at all (``nindl2010``: no; ``amiri2021``: +17 ng/mL
    in older adults), so the effect is kept modest.

>>> round(protein_factor(0.95) / protein_factor(1.67), 4) == round(152 / 194, 4)
True
>>> training_factor("untrained")
1.0
"""

from __future__ import annotations

import functools

import numpy as np
from scipy.optimize import brentq

from .. import data
from .._validate import choice, real
from . import reference_ranges

__all__ = [
    "TRAINING_STATUSES",
    "protein_range",
    "protein_factor",
    "protein_half_saturation",
    "training_factor",
    "illustrative_igf1",
]

_TABLE = "lifestyle_parameters"
TRAINING_STATUSES = ("untrained", "recreational", "trained")


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def protein_range() -> tuple[float, float]:
    """The protein intakes (g/kg/day) the model accepts: ``(0.3, 3.0)``."""
    return _p("protein_min_g_per_kg_day"), _p("protein_max_g_per_kg_day")


@functools.cache
def protein_half_saturation() -> float:
    """The half-saturation constant K (g/kg/day), solved from the Fontana 2008 anchor."""
    lo, hi = _p("fontana_low_protein_g_per_kg_day"), _p("fontana_high_protein_g_per_kg_day")
    target = _p("fontana_igf1_after_ng_per_mL") / _p("fontana_igf1_before_ng_per_mL")

    def mismatch(k: float) -> float:
        return (lo / (k + lo)) / (hi / (k + hi)) - target

    return float(brentq(mismatch, 1e-6, 100.0, xtol=1e-14))


def protein_factor(protein_g_per_kg_day):
    """Illustrative multiplier on the reference median for a habitual protein intake.

    Parameters
    ----------
    protein_g_per_kg_day : float or array-like
        Protein intake in g per kg body weight per day, 0.3 to 3.0.

    Returns
    -------
    float or numpy.ndarray
        1.0 at the reference intake (1.2 g/kg/day); below 1 for less protein,
        above 1 for more, flattening at high intakes.
    """
    low, high = protein_range()
    x = real(protein_g_per_kg_day, name="protein_g_per_kg_day", unit="g/kg/day", low=low, high=high)
    k = protein_half_saturation()
    x_ref = _p("protein_reference_g_per_kg_day")
    out = (np.asarray(x) / (k + x)) / (x_ref / (k + x_ref))
    return float(out) if np.ndim(out) == 0 else out


def training_factor(status: str) -> float:
    """Illustrative multiplier for training status ("untrained", "recreational", "trained")."""
    choice(status, name="status", choices=TRAINING_STATUSES)
    return _p(f"training_multiplier_{status}")


def illustrative_igf1(age_y, *, sex: str, protein_g_per_kg_day, training: str, reference: str = "isys2014"):
    """Reference median x protein factor x training factor, in ng/mL (illustrative only).

    >>> base = illustrative_igf1(40, sex="male", protein_g_per_kg_day=1.2, training="untrained")
    >>> base == reference_ranges.percentile(40, sex="male", p=50)
    True
    """
    choice(training, name="training", choices=TRAINING_STATUSES)
    median = reference_ranges.percentile(age_y, sex=sex, p=50, reference=reference)
    return median * protein_factor(protein_g_per_kg_day) * training_factor(training)
