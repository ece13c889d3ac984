"""Unit 07 exercises: an 80-year-old against a young reference, by hand."""

from __future__ import annotations

from .. import data
from ..models import reference_ranges
from . import Mistake, NumericExercise, register


def _median_80() -> float:
    return reference_ranges.percentile(80, sex="female", p=50)


def _z_at_20() -> float:
    t = data.load("igf1_lms_isys2014")
    row = t[(t.sex == "female") & (t.age_y == 20)].iloc[0]
    return ((_median_80() / row["M_mu"]) ** row["L_nu"] - 1) / (row["L_nu"] * row["S_sigma"])


register(
    NumericExercise(
        id="07-median-80-vs-20",
        name="the percentage of 20-year-old women below the 80-year-old median",
        unit="%",
        expected=lambda: reference_ranges.percentile_rank(_median_80(), age_y=20, sex="female"),
        hints=(
            "take L, M and S from the female 20-year row, compute the SDS of the 80-year-old median with the "
            "LMS formula, then turn the SDS into a share with the standard normal CDF.",
            "norm.cdf(z) gives the share below as a fraction; multiply by 100 for percent.",
        ),
        mistakes=(
            Mistake(value=_z_at_20, hint="that is the SDS; turn it into a percentage with norm.cdf."),
            Mistake(
                value=lambda: reference_ranges.percentile_rank(_median_80(), age_y=20, sex="female") / 100,
                hint="give the answer in percent, not as a fraction.",
            ),
        ),
        objectives=(3,),
    )
)
