"""Illustrative *bands* for what habitual protein intake and exercise training go with in adult serum IGF-1.

These are **teaching models** of what the evidence allows, not predictions for anyone and not targets:
raising IGF-1 has no shown benefit, and higher IGF-1 is associated with cancer risk and, at older ages,
with higher risk overall (``zhang2021``). Each band widens the age- and sex-specific reference median
(:mod:`course_lib.models.reference_ranges`) into a range; no single line is drawn. Every parameter and
anchor is a row of ``course_lib/data/lifestyle_parameters.csv`` with its source and evidence level.

**Adults only** (``adult_min_age_y``, 20 years): none of the studies below included children.

Protein (habitual intake ``x`` in g/kg/day, 0.8 to 1.7, about the range of group means studied)
    ``f(x) = 1 + s * (x - x_ref) / 100`` with the slope ``s`` (percent per g/kg/day) anywhere between

    * ``s_EPIC = 2.5 / SD``: EPIC, +2.5% IGF-1 per SD of total protein intake (cross-sectional, 4,731
      people; ``crowe2009``), with an **assumed** SD of 0.3 g/kg/day (Crowe's SD was not seen), and
    * ``s_RCT = 8 / (30 / m)``: a 2-year trial of 30 g/day whey protein raised IGF-1 by 8% (as cited by
      ``beasley2014``), with an **assumed** body mass ``m`` = 70 kg turning 30 g/day into 0.43 g/kg/day.

    Fontana et al. 2008 (``fontana2008``: a 3-week *reduction* from 1.67 to 0.95 g/kg/day in six
    calorie-restriction practitioners, no control group) is not used: it tested cutting protein in
    energy-restricted people, not raising it.

Training (``"untrained"`` or ``"trained"``)
    ``"trained"`` widens the band both ways, never only up: down to -9% (6 weeks of endurance training in
    sedentary men, ``nishida2010``) and up to +17.3 ng/mL (resistance training in older adults, significant
    in women only, ``amiri2021``); no change (``nindl2010``) lies inside. Training in an energy deficit,
    which lowers IGF-1, is not modelled.

>>> low, high = protein_band(1.2 + 30 / 70)   # +30 g/day at 70 kg
>>> round(100 * (high - 1), 6)                # the trial's +8%
8.0
>>> protein_band(1.2)
(1.0, 1.0)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from .._validate import choice, real
from . import reference_ranges

__all__ = [
    "TRAINING_STATUSES",
    "adult_age_range",
    "adult_ages",
    "protein_range",
    "protein_slopes",
    "protein_band",
    "training_band",
    "illustrative_band",
    "anchor_table",
]

_TABLE = "lifestyle_parameters"
#: "untrained" adds nothing; "trained" widens the band both ways (the evidence range, not an effect).
TRAINING_STATUSES = ("untrained", "trained")


def _p(name: str) -> float:
    return data.parameter(_TABLE, name)


def adult_age_range(reference: str = "isys2014") -> tuple[float, float]:
    """The ages (years) at which the bands are drawn: from 20 y to the end of the reference.

    >>> adult_age_range("japan2012")
    (20.0, 77.0)
    """
    return _p("adult_min_age_y"), reference_ranges.age_range(reference)[1]


def adult_ages(age_y, *, reference: str = "isys2014"):
    """``age_y`` checked against :func:`adult_age_range`; a clear ValueError below 20 years.

    >>> adult_ages(5)
    Traceback (most recent call last):
    ...
    ValueError: age_y must be a number in years between 20.0 and 94.0; got 5. Choose a value in that range. The lifestyle bands rest on studies of adults only, so they are not drawn below 20 years.
    """
    lo, hi = adult_age_range(reference)
    try:
        return real(age_y, name="age_y", unit="years", low=lo, high=hi)
    except ValueError as err:
        raise ValueError(
            f"{err} The lifestyle bands rest on studies of adults only, so they are not drawn below {lo:g} years."
        ) from None


def protein_range() -> tuple[float, float]:
    """The protein intakes (g/kg/day) the model accepts: ``(0.8, 1.7)``, about the range studied."""
    return _p("protein_min_g_per_kg_day"), _p("protein_max_g_per_kg_day")


def protein_slopes() -> dict[str, float]:
    """The two edges of the protein band, in percent IGF-1 per g/kg/day of habitual protein.

    ``"epic"``: 2.5% per SD / 0.3 g/kg/day per SD (assumed SD); ``"rct"``: 8% / (30 g/day / 70 kg).

    >>> {k: round(v, 2) for k, v in protein_slopes().items()}
    {'epic': 8.33, 'rct': 18.67}
    """
    rct = _p("whey_rct_igf1_change_pct") / (_p("whey_rct_protein_g_per_day") / _p("body_mass_kg"))
    epic = _p("epic_pct_per_sd_protein") / _p("epic_sd_protein_g_per_kg_day")
    return {"epic": epic, "rct": rct}


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def protein_band(protein_g_per_kg_day):
    """The band of multipliers on the reference median for a habitual protein intake, as ``(low, high)``.

    Parameters
    ----------
    protein_g_per_kg_day : float or array-like
        Habitual protein intake in g per kg body weight per day, 0.8 to 1.7.

    Returns
    -------
    tuple of float or numpy.ndarray
        ``(low, high)``, dimensionless; both 1 at the reference intake (1.2 g/kg/day). Above it ``low`` uses
        the EPIC slope and ``high`` the trial slope; below it the other way round.
    """
    low, high = protein_range()
    x = np.asarray(
        real(protein_g_per_kg_day, name="protein_g_per_kg_day", unit="g/kg/day", low=low, high=high), dtype=float
    )
    dx = x - _p("protein_reference_g_per_kg_day")
    edges = [1.0 + s * dx / 100.0 for s in protein_slopes().values()]
    return _out(np.minimum(*edges)), _out(np.maximum(*edges))


def training_band(value_ng_per_mL, *, training: str):
    """The training band around an IGF-1 value (ng/mL), as ``(low, high)`` in ng/mL.

    ``"untrained"`` returns ``(value, value)``; ``"trained"`` returns ``(value * (1 - 0.09), value + 17.34)``:
    the endurance-training fall of Nishida 2010 and the resistance-training rise of Amiri 2021.

    >>> training_band(100.0, training="trained")
    (91.0, 117.34)
    """
    choice(training, name="training", choices=TRAINING_STATUSES)
    v = np.asarray(real(value_ng_per_mL, name="value_ng_per_mL", unit="ng/mL", low=0, low_open=True), dtype=float)
    if training == "untrained":
        return _out(v.copy()), _out(v.copy())
    return _out(v * (1.0 + _p("nishida_igf1_change_pct") / 100.0)), _out(v + _p("amiri_md_ng_per_mL"))


def illustrative_band(age_y, *, sex: str, protein_g_per_kg_day, training: str, reference: str = "isys2014") -> tuple:
    """The illustrative band (ng/mL) at adult ages: reference median x protein band, then the training band.

    Returns ``(low, high)``. Ages below 20 years raise a ValueError (see :func:`adult_ages`).

    >>> low, high = illustrative_band(40, sex="male", protein_g_per_kg_day=1.2, training="untrained")
    >>> low == high == reference_ranges.percentile(40, sex="male", p=50)
    True
    """
    choice(training, name="training", choices=TRAINING_STATUSES)
    ages = adult_ages(age_y, reference=reference)
    median = np.asarray(reference_ranges.percentile(ages, sex=sex, p=50, reference=reference))
    p_low, p_high = protein_band(protein_g_per_kg_day)
    low = training_band(median * p_low, training=training)[0]
    high = training_band(median * p_high, training=training)[1]
    return low, high


def anchor_table() -> pd.DataFrame:
    """Each published number the bands are built on, with the model's value beside it.

    Columns: ``anchor``, ``source``, ``published``, ``model``, ``unit``. The model's values are computed
    here by the functions above (a 70-year-old woman, iSYS reference, for the training rows).
    """
    x_ref = _p("protein_reference_g_per_kg_day")
    rct_dx = _p("whey_rct_protein_g_per_day") / _p("body_mass_kg")
    sd = _p("epic_sd_protein_g_per_kg_day")
    age, sex = 70.0, "female"
    median = reference_ranges.percentile(age, sex=sex, p=50)
    t_low, t_high = illustrative_band(age, sex=sex, protein_g_per_kg_day=x_ref, training="trained")
    rows = [
        (
            f"+{_p('whey_rct_protein_g_per_day'):g} g/day whey for {_p('whey_rct_duration_y'):g} years "
            f"(= +{rct_dx:.2f} g/kg/day at {_p('body_mass_kg'):g} kg): upper edge of the protein band",
            "trial cited by Beasley et al. 2014",
            _p("whey_rct_igf1_change_pct"),
            100.0 * (protein_band(x_ref + rct_dx)[1] - 1.0),
            "%",
        ),
        (
            f"+1 SD of protein intake (assumed {sd:g} g/kg/day): lower edge of the protein band",
            "EPIC, Crowe et al. 2009",
            _p("epic_pct_per_sd_protein"),
            100.0 * (protein_band(x_ref + sd)[0] - 1.0),
            "%",
        ),
        (
            "Endurance training, 6 weeks: lower edge of the training band",
            "Nishida et al. 2010",
            _p("nishida_igf1_change_pct"),
            100.0 * (t_low / median - 1.0),
            "%",
        ),
        (
            "Resistance training, older adults: upper edge of the training band",
            "Amiri et al. 2021 (meta-analysis)",
            _p("amiri_md_ng_per_mL"),
            t_high - median,
            "ng/mL",
        ),
    ]
    return pd.DataFrame(rows, columns=["anchor", "source", "published", "model", "unit"])
